import ArgumentParser
import BundleRepository
import Foundation
import WorkspaceOperations

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
        // `dabrepo bundle --help` is this command's help; `dabrepo bundle deploy --help` the CLI's.
        if let first = arguments.first, first == "-h" || first == "--help" || first == "help" {
            StandardStreams.out(Self.helpMessage() + "\n")
            return
        }
        guard !arguments.isEmpty else { throw ValidationError("name the bundle command, for example: dabrepo bundle deploy") }
        guard let cli = DatabricksCLI.locate()?.executable else {
            StandardStreams.error("Error: " + DatabricksCLI.missing())
            throw ExitCode(127)
        }
        let root = try BundleOptions.currentRoot()
        let command = DatabricksCLI.bundleCommand(arguments, in: root, target: target, profile: profile)
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
}
