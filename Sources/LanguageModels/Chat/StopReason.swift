/// Why the model stopped answering.
public enum StopReason: Sendable, Equatable {
    /// It finished its answer.
    case endTurn
    /// It called tools and waits for their results.
    case toolUse
    /// It reached the request's `maxTokens`.
    case maxTokens
    /// It declined (a provider's safety refusal or content filter).
    case refusal
    /// Anything else the provider said, as it said it.
    case other(String)

    /// Anthropic's `stop_reason`.
    init(anthropic value: String) {
        switch value {
        case "end_turn", "stop_sequence": self = .endTurn
        case "tool_use": self = .toolUse
        case "max_tokens", "model_context_window_exceeded": self = .maxTokens
        case "refusal": self = .refusal
        default: self = .other(value)
        }
    }

    /// OpenAI's `finish_reason`.
    init(openAI value: String) {
        switch value {
        case "stop": self = .endTurn
        case "tool_calls", "function_call": self = .toolUse
        case "length": self = .maxTokens
        case "content_filter": self = .refusal
        default: self = .other(value)
        }
    }
}
