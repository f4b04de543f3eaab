import ArgumentParser
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
            let environment = ProcessInfo.processInfo.environment
            if let budget = environment["DABREPO_RETRY_BUDGET"].flatMap(TimeInterval.init) { client.retryBudget = budget }
            if let timeout = environment["DABREPO_REQUEST_TIMEOUT"].flatMap(TimeInterval.init) { client.requestTimeout = timeout }
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

/// "Downloading notebooks 3/40: /path" on standard error as exports finish (only when there are several).
enum DownloadProgress {
    static func reporter(total: Int, of items: String = "notebooks") -> (@Sendable (Int, String) -> Void)? {
        guard total > 1 else { return nil }
        return { done, path in StandardStreams.error("Downloading \(items) \(done)/\(total): \(path)") }
    }
}
