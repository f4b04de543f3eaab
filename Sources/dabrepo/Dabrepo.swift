import ArgumentParser
import BundleModel
import Foundation

/// The `dabrepo` command: subcommands only; each is a thin layer over the libraries.
struct Dabrepo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dabrepo",
        abstract: "Keep Databricks Asset Bundles in git: validated, reviewed, explained changes.",
        discussion: """
        dabrepo checks bundles (databricks.yml, resources/*.yml) offline, without a workspace login.

        Example:
          dabrepo validate --all-targets
          dabrepo rules job-cluster-key-defined
        """,
        version: DabrepoVersion.current,
        subcommands: [ValidateCommand.self, RulesCommand.self]
    )
}

@main
enum DabrepoMain {
    /// Runs the command; usage errors exit with status 2 (as validation's contract says), not 64.
    static func main() {
        do {
            var command = try Dabrepo.parseAsRoot()
            try command.run()
        } catch {
            let code = Dabrepo.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((Dabrepo.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            Dabrepo.exit(withError: error)
        }
    }
}
