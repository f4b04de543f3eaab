/// One kind of request the offline planner understands: a small type that recognizes its phrasings
/// and plans edits.
public protocol Intent: Sendable {
    static var id: String { get }
    /// What it changes, in a few words ("cluster size: smaller, larger, N workers"), for help texts.
    static var summary: String { get }
    /// Requests that show what the intent understands (shown when a request is not understood).
    static var examples: [String] { get }
    /// How strongly the request asks for this intent: 0 not at all; the highest score wins.
    static func score(_ text: RequestText) -> Int
    static func plan(_ context: PlanningContext) throws -> Plan
}

extension Intent {
    public static var summary: String { id.replacingOccurrences(of: "-", with: " ") }

    static func pluralize(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
