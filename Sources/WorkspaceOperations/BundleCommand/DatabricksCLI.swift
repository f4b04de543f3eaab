import BundleRepository
import Foundation

/// The Databricks CLI that `databricks bundle …` commands run with: where it is, and the command line
/// that runs one bundle command in the repository's target.
public struct DatabricksCLI: Sendable {
    public let executable: URL

    /// `DABREPO_DATABRICKS_CLI` when set (nil when it is not executable), else `databricks` on PATH.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabricksCLI? {
        if let explicit = environment["DABREPO_DATABRICKS_CLI"], !explicit.isEmpty {
            return FileManager.default.isExecutableFile(atPath: explicit) ? DatabricksCLI(executable: URL(fileURLWithPath: explicit)) : nil
        }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        return folders.map { String($0) + "/databricks" }.first(where: FileManager.default.isExecutableFile(atPath:))
            .map { DatabricksCLI(executable: URL(fileURLWithPath: $0)) }
    }

    /// Why `locate` found no CLI, and what to do: `DABREPO_DATABRICKS_CLI` names something that is not
    /// an executable file, or there is no `databricks` on PATH.
    public static func missing(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["DABREPO_DATABRICKS_CLI"], !explicit.isEmpty {
            return "DABREPO_DATABRICKS_CLI=\(explicit.debugDescription) is not an executable file; set it to the Databricks CLI's path, "
                + "or unset it to find databricks on PATH."
        }
        return "the Databricks CLI (databricks) is not installed or not on PATH.\n"
            + "Install it (https://docs.databricks.com/dev-tools/cli/install.html), or set DABREPO_DATABRICKS_CLI to its path. "
            + "dabrepo validate, diff and generate work without it."
    }

    /// The command line of one bundle command run in the bundle at `root`: the target is `target`,
    /// else the repository's `dabrepo.target` setting (unless the arguments name one), else the CLI's
    /// default.
    public static func bundleCommand(_ arguments: [String], in root: URL, target: String?, profile: String?) -> [String] {
        let repositoryTarget = target == nil ? (try? GitRepository.open(containing: root.path))?.configValue("dabrepo.target") : nil
        return bundleArguments(arguments, target: target ?? repositoryTarget, profile: profile)
    }

    /// `bundle ARGUMENTS` with the target (unless the arguments name one) and the profile among the
    /// CLI's own flags, before a `--`: what follows it belongs to the job or pipeline being run.
    public static func bundleArguments(_ arguments: [String], target: String?, profile: String?) -> [String] {
        let separator = arguments.firstIndex(of: "--") ?? arguments.endIndex
        var own = Array(arguments[..<separator])
        let hasTarget = own.contains { $0 == "-t" || $0 == "--target" || $0.hasPrefix("--target=") }
        if !hasTarget, let target { own += ["--target", target] }
        if let profile { own += ["--profile", profile] }
        return ["bundle"] + own + arguments[separator...]
    }
}
