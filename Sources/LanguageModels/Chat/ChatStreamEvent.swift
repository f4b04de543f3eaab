/// What a model sends while it answers, in order, whatever its wire format.
public enum ChatStreamEvent: Sendable, Equatable {
    /// A piece of the answer's text.
    case textDelta(String)
    /// The model starts calling a tool; `index` counts the tool calls of this answer from 0.
    case toolCallStart(index: Int, id: String, name: String)
    /// A piece of the arguments (JSON text) of the tool call `index`.
    case toolCallArgumentsDelta(index: Int, fragment: String)
    /// The tokens this answer has used so far (replaces an earlier `usage` of the same answer).
    case usage(TokenUsage)
    /// The answer is complete.
    case stop(StopReason)
    /// The call failed before anything was answered and is tried again after `delay` seconds.
    case retrying(attempt: Int, delay: Double, reason: String)
}
