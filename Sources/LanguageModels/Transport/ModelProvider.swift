/// Who serves the model. The wire format follows from it and, for Databricks, from the endpoint.
public enum ModelProvider: String, Sendable, CaseIterable, Codable {
    /// Anthropic's Messages API (`ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`).
    case anthropic
    /// Databricks model serving, with the user's Databricks authentication.
    case databricks
    /// An OpenAI-compatible chat completions server (`OPENAI_API_KEY`, `OPENAI_BASE_URL`): OpenAI, vLLM,
    /// Ollama, LiteLLM.
    case openai

    /// How messages name it.
    public var displayName: String {
        switch self {
        case .anthropic: return "Anthropic"
        case .databricks: return "Databricks model serving"
        case .openai: return "the OpenAI-compatible server"
        }
    }
}
