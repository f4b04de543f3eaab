import ArgumentParser
import BundleRepository
import Foundation

/// `dabrepo bundle ARGS...`: the Databricks CLI's `bundle` command, run in the bundle root with the
/// repository's target.
struct BundleCLICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Run the Databricks CLI's bundle command (deploy, run, summary...) in this bundle, with its target.",
        discussion: """
        Runs `databricks bundle ARGS...` in the bundle root and returns its exit status. The target is \
        --target, else the repository's `dabrepo.target` git setting (`git config dabrepo.target prod`), \
        else the CLI's own choice; a -t/--target among ARGS wins. --profile is passed on. The CLI is \
        found on PATH, or at DABREPO_DATABRICKS_CLI.

        Examples:
          dabrepo bundle deploy
          dabrepo bundle --target prod summary
          dabrepo bundle run nightly_etl -- --run_date 2026-11-20
        """
    )

    @Option(name: [.short, .long], help: "The target (default: git config dabrepo.target, else the CLI's default).")
    var target: String?

    @Option(help: "The ~/.databrickscfg profile to pass on.")
    var profile: String?

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The bundle command and its arguments.", valueName: "args"))
    var arguments: [String] = []

    func run() throws {
        guard !arguments.isEmpty else { throw ValidationError("name the bundle command, for example: dabrepo bundle deploy") }
        guard let cli = Self.locateCLI() else {
            if let explicit = ProcessInfo.processInfo.environment["DABREPO_DATABRICKS_CLI"], !explicit.isEmpty {
                StandardStreams.error("Error: DABREPO_DATABRICKS_CLI=\(explicit.debugDescription) is not an executable file; set it to the Databricks CLI's path, or unset it to find databricks on PATH.")
                throw ExitCode(127)
            }
            StandardStreams.error("""
            Error: the Databricks CLI (databricks) is not installed or not on PATH.
            Install it (https://docs.databricks.com/dev-tools/cli/install.html), or set DABREPO_DATABRICKS_CLI to its path. \
            dabrepo validate, diff and generate work without it.
            """)
            throw ExitCode(127)
        }
        let root = try BundleOptions.currentRoot()
        // Flags go before a `--`: what follows it belongs to the job or pipeline being run.
        let separator = arguments.firstIndex(of: "--") ?? arguments.endIndex
        var own = Array(arguments[..<separator])
        let hasTarget = own.contains { $0 == "-t" || $0 == "--target" || $0.hasPrefix("--target=") }
        if !hasTarget, let target = target ?? (try? GitRepository.open(containing: root.path))?.configValue("dabrepo.target") {
            own += ["--target", target]
        }
        if let profile { own += ["--profile", profile] }
        let command = ["bundle"] + own + arguments[separator...]
        let process = Process()
        process.executableURL = cli
        process.arguments = command
        process.currentDirectoryURL = root
        do { try process.run() } catch {
            StandardStreams.error("Error: cannot run \(cli.path): \(error.localizedDescription)")
            throw ExitCode(127)
        }
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
    }

    static func locateCLI() -> URL? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["DABREPO_DATABRICKS_CLI"], !explicit.isEmpty {
            return FileManager.default.isExecutableFile(atPath: explicit) ? URL(fileURLWithPath: explicit) : nil
        }
        for folder in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = String(folder) + "/databricks"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }
}
