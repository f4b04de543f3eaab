/// What a tool handler answers: text the model reads (often JSON), and whether it is an error the model
/// should react to (a refused edit, an unknown path).
public struct ChatToolOutput: Sendable, Equatable {
    public var content: String
    public var isError: Bool
    /// The turn ends with this call (a question for the user): the model is not called again, and
    /// the calls after it in the same answer are not run.
    public var endsTurn: Bool

    public init(content: String, isError: Bool = false, endsTurn: Bool = false) {
        self.content = content
        self.isError = isError
        self.endsTurn = endsTurn
    }
}
