/// One message of a conversation with a model, in no provider's format: the wire formats translate it.
/// The system prompt is not a message: it is the request's `system`.
public enum ChatMessage: Sendable, Equatable {
    /// What the user wrote.
    case user(String)
    /// What the model answered: its text, and the tools it called (in order).
    case assistant(text: String, toolCalls: [ChatToolCall])
    /// The results of the tools the previous assistant message called.
    case toolResults([ChatToolResult])
}

/// A tool the model called: the provider's call id, the tool's name and its arguments as JSON text.
public struct ChatToolCall: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The arguments as the model wrote them (a JSON object's text; `{}` when it sent none).
    public var arguments: String

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// What a tool answered, for the call with `callID`.
public struct ChatToolResult: Sendable, Equatable {
    public var callID: String
    /// Text (often JSON) the model reads.
    public var content: String
    /// The tool failed or refused: the model sees an error it can react to.
    public var isError: Bool

    public init(callID: String, content: String, isError: Bool = false) {
        self.callID = callID
        self.content = content
        self.isError = isError
    }
}
