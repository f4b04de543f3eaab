import Foundation
import BundleModel

/// Progress on standard error. For people: lines, or a bar on a terminal. For the tool runner behind
/// `dabrepo mcp` (which sets `DABREPO_PROGRESS=json`): one line per step, the record separator, the word
/// `progress` and a JSON object (`done`, `total`, `message`), which the runner turns into MCP progress
/// notifications and keeps out of error messages.
enum ProgressReporting {
    static let marker = "\u{1E}progress "
    static let structured = EnvironmentSetting.value("DABREPO_PROGRESS") == "json"

    /// Reports a step in the structured form; false when progress is for people.
    @discardableResult
    static func emitStructured(done: Int?, total: Int?, message: String) -> Bool {
        guard structured else { return false }
        var object: [String: Any] = ["message": message]
        if let done { object["done"] = done }
        if let total { object["total"] = total }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        StandardStreams.errorFragment(marker + String(decoding: data, as: UTF8.self) + "\n")
        return true
    }
}
