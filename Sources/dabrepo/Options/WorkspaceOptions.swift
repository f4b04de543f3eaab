import ArgumentParser
import BundleModel
import Foundation
import Workspace

/// Options of commands that talk to a workspace.
struct WorkspaceOptions: ParsableArguments {
    @Option(help: "The ~/.databrickscfg profile (default: DATABRICKS_CONFIG_PROFILE, the default_profile setting, or DEFAULT).")
    var profile: String?

    @Flag(help: "Print each request (secrets redacted) to standard error.")
    var debug = false

    /// The configured client, or exit status 2 with the reason.
    func client() throws -> WorkspaceClient {
        do {
            let client = WorkspaceClient(config: try WorkspaceConfig.resolve(profileFlag: profile))
            client.debug = debug
            client.retryBudget = EnvironmentSetting.seconds("DABREPO_RETRY_BUDGET", default: client.retryBudget)
            client.requestTimeout = EnvironmentSetting.seconds("DABREPO_REQUEST_TIMEOUT", default: client.requestTimeout, minimumIncluded: false)
            return client
        } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
    }

    /// Runs a workspace call; a failure is printed and exits with 1.
    func call<T>(_ body: () throws(WorkspaceError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(1)
        }
    }
}

/// Progress on standard error. For people: lines, or a bar on a terminal. For the tool runner behind
/// `dabrepo mcp` (which sets `DABREPO_PROGRESS=json`): one line per step, the record separator, the word
/// `progress` and a JSON object (`done`, `total`, `message`), which the runner turns into MCP progress
/// notifications and keeps out of error messages.
enum ProgressReporting {
    static let marker = "\u{1E}progress "
    static let structured = ProcessInfo.processInfo.environment["DABREPO_PROGRESS"] == "json"

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

/// Progress of many transfers on standard error (only when there are several): a bar redrawn in place
/// on a terminal ("Uploading files [#####-----] 12/24 src/etl.py"), one line per transfer otherwise
/// (CI logs), structured for the tool runner.
enum TransferProgress {
    /// Whether a command with this output format shows transfer progress: always for people, and
    /// for the tool runner whatever the format (its JSON goes to standard output, progress to standard error).
    static func wanted(_ output: TextOrJSON) -> Bool { output == .text || ProgressReporting.structured }

    static func reporter(_ verb: String = "Downloading", total: Int, of items: String = "notebooks") -> (@Sendable (Int, String) -> Void)? {
        guard total > 1 else { return nil }
        if ProgressReporting.structured {
            return { done, path in ProgressReporting.emitStructured(done: done, total: total, message: "\(verb) \(items) \(done)/\(total): \(path)") }
        }
        if isatty(STDERR_FILENO) == 1 {
            return { done, path in
                let width = 24, filled = width * done / total
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                let name = path.count > 40 ? "…" + path.suffix(39) : path
                let line = "\r\u{1B}[2K\(verb) \(items) [\(bar)] \(done)/\(total) \(name)" + (done == total ? "\n" : "")
                StandardStreams.errorFragment(line)
            }
        }
        return { done, path in StandardStreams.error("\(verb) \(items) \(done)/\(total): \(path)") }
    }
}
