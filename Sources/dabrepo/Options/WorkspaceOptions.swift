import ArgumentParser
import BundleEngine
import Foundation
import Workspace
import WorkspaceOperations

/// Options of commands that talk to a workspace.
struct WorkspaceOptions: ParsableArguments {
    @Option(help: "The ~/.databrickscfg profile (default: DATABRICKS_CONFIG_PROFILE, the default_profile setting, or DEFAULT).")
    var profile: String?

    @Flag(help: "Print each request (secrets redacted) to standard error.")
    var debug = false

    /// Connects when an operation first needs the workspace.
    var connect: WorkspaceConnection.Connect { WorkspaceConnection.connect(profile: profile, debug: debug) }

    /// Runs a query of the workspace; a failure is printed (as JSON too with `--output json`) and exits
    /// with 2 when the workspace cannot be used, 1 when it failed the call.
    func query<T>(_ output: TextOrJSON, _ body: (WorkspaceQuery) throws(EngineError) -> T) throws -> T {
        do throws(EngineError) {
            return try body(WorkspaceQuery(connect: connect))
        } catch {
            throw error.report(output, status: error.workspaceExitStatus)
        }
    }
}
