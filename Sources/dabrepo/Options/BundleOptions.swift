import ArgumentParser
import BundleEngine
import BundleModel
import BundleValidation
import Foundation

/// Options shared by commands that read a bundle: where it is, which target, which variables.
struct BundleOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The bundle directory (holding databricks.yml). Default: the nearest one at or above the current directory.",
                                 valueName: "dir"))
    var directory: String?

    @Option(name: [.short, .long], help: "The target to use (default: the target marked `default: true`, or the only one).")
    var target: String?

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a variable, as in --var catalog=main; repeatable. Wins over BUNDLE_VAR_<name> and the target's values.",
                                                        valueName: "name=value"))
    var variables: [String] = []

    /// The bundle at or above the current directory, for commands without a DIR argument; when there is
    /// none, the reason is printed and the exit status is 2.
    static func currentRoot() throws -> URL {
        do { return try BundleOptions.parse([]).bundleRoot() } catch let error as BundleLoadError {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
    }

    /// The bundle root: DIR itself, or found by walking up from the current directory.
    func bundleRoot() throws(BundleLoadError) -> URL {
        // (A current directory that was removed, or replaced by another of its name, has no path.)
        guard let cwd = CurrentDirectory.url else {
            throw .unreadable(path: ".", reason: "the current directory no longer exists (removed or replaced); cd into the bundle's folder again")
        }
        if let directory {
            return try BundleLoader.locateRoot(from: URL(fileURLWithPath: directory, relativeTo: cwd), walkUp: false)
        }
        if let named = try BundleLoader.rootFromEnvironment(ProcessInfo.processInfo.environment) { return named }
        return try BundleLoader.locateRoot(from: cwd, walkUp: true)
    }

    /// Where commands of the repository (log, diff, show, undo) look: DATABRICKS_BUNDLE_ROOT's bundle
    /// when it is set, else the current directory.
    static func workingDirectory() throws(EngineError) -> URL {
        do {
            if let named = try BundleLoader.rootFromEnvironment(ProcessInfo.processInfo.environment) { return named }
        } catch {
            throw EngineError(.usage, error.description)
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// How to write bundle-relative paths so that they make sense from the current directory.
    static func pathPrefix(for root: URL) -> String {
        ReportPaths.prefix(of: root, from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }
}
