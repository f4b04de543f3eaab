import ArgumentParser
import BundleModel
import BundleReports
import Foundation

/// `dabrepo help-manpage`: prints dabrepo(1) in roff; `scripts/install` installs it.
struct ManualPageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "help-manpage",
        abstract: "Print the dabrepo(1) manual page (roff), generated from the commands' help.",
        discussion: """
        Example:
          dabrepo help-manpage > dabrepo.1 && man -l dabrepo.1
        """,
        shouldDisplay: false
    )

    func run() throws {
        // swift-argument-parser describes the whole command tree as JSON on --experimental-dump-help.
        var description = ""
        do {
            _ = try Dabrepo.parseAsRoot(["--experimental-dump-help"])
        } catch {
            description = Dabrepo.fullMessage(for: error)
        }
        do {
            StandardStreams.out(try ManualPage(dumpHelp: description, version: DabrepoVersion.line(commit: BuildCommit.id)).render())
        } catch {
            throw ValidationError("cannot read the commands' help description: \(error)")
        }
    }
}
