/// The agents `--agent` chooses from.
public enum AgentChoice: String, Sendable, CaseIterable, Codable {
    /// The keyword planner: deterministic, no network.
    case offline
    /// The offline planner first, then the configured model (offline when none is).
    case auto
    /// A model on Anthropic.
    case anthropic
    /// A serving endpoint of the Databricks workspace.
    case databricks
    /// A model on an OpenAI-compatible server.
    case openai
}
