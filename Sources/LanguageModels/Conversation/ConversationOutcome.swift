/// How a conversation turn ended: the model's last text, every tool call with its result, the tokens
/// of all model calls, and the history to continue from in a follow-up.
public struct ConversationOutcome: Sendable, Equatable {
    /// The text of the model's last answer.
    public var text: String
    public var exchanges: [ToolExchange]
    /// Summed over every model call of the turn.
    public var usage: TokenUsage
    /// The history given, followed by this turn's answers and tool results.
    public var messages: [ChatMessage]
    /// Model calls made.
    public var rounds: Int
    public var stopReason: StopReason
    /// The model still wanted tools when the round limit was reached (those calls were not run).
    public var reachedRoundLimit: Bool
    /// Model calls of the turn whose answer the length limit (max_tokens) cut off, a tool call's arguments with it.
    public var cutOffRounds = 0

    public var toolCalls: [ChatToolCall] { exchanges.map(\.call) }
}
