/// What a `ModelConversation` reports while it runs, in order.
public enum ConversationEvent: Sendable, Equatable {
    /// What the model streams in the current round: text and tool-call deltas, usage, stop, retries.
    case model(ChatStreamEvent)
    /// A complete tool call, before it runs (or is answered with an error: unknown tool, bad arguments, round limit).
    case toolCall(ChatToolCall)
    /// What the tool answered (or why it did not run).
    case toolResult(ChatToolCall, ChatToolResult)
    /// One model call ended; `usage` is what it used.
    case roundFinished(round: Int, usage: TokenUsage)
}
