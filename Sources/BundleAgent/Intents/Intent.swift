/// One kind of request the offline planner understands: a small type that recognizes its phrasings
/// and plans edits.
public protocol Intent: Sendable {
    static var id: String { get }
    /// Requests that show what the intent understands (shown when a request is not understood).
    static var examples: [String] { get }
    /// How strongly the request asks for this intent: 0 not at all; the highest score wins.
    static func score(_ text: RequestText) -> Int
    static func plan(_ context: PlanningContext) throws -> Plan
}

extension Intent {
    static func pluralize(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
