/// A model's complete answer to one request, assembled from its stream.
public struct ChatResponse: Sendable, Equatable {
    public var text: String
    public var toolCalls: [ChatToolCall]
    public var usage: TokenUsage
    public var stopReason: StopReason

    public init(text: String, toolCalls: [ChatToolCall], usage: TokenUsage, stopReason: StopReason) {
        self.text = text
        self.toolCalls = toolCalls
        self.usage = usage
        self.stopReason = stopReason
    }

    /// The answer as the assistant message of the conversation's history.
    public var message: ChatMessage { .assistant(text: text, toolCalls: toolCalls) }
}
