/// A tool call the model made and the result it was given.
public struct ToolExchange: Sendable, Equatable {
    public var call: ChatToolCall
    public var result: ChatToolResult

    public init(call: ChatToolCall, result: ChatToolResult) {
        self.call = call
        self.result = result
    }
}
