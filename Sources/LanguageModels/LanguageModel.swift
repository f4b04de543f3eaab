/// A language model behind one small interface (../shared/STYLE.md §7): send messages and tool
/// definitions, receive a stream of text and tool-call deltas plus usage. One type per wire format
/// (Anthropic Messages, OpenAI chat completions); the endpoint and its authentication (Anthropic,
/// Databricks model serving with the user's Databricks login, an OpenAI-compatible server) are
/// configuration, not more types.
public protocol LanguageModel: Sendable {
    /// `anthropic`, `databricks` or `openai`.
    var provider: String { get }
    /// The model (or serving endpoint) name.
    var model: String { get }
}
