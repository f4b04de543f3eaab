/// What a tool handler answers: text the model reads (often JSON), and whether it is an error the model
/// should react to (a refused edit, an unknown path).
public struct ChatToolOutput: Sendable, Equatable {
    public var content: String
    public var isError: Bool

    public init(content: String, isError: Bool = false) {
        self.content = content
        self.isError = isError
    }
}
