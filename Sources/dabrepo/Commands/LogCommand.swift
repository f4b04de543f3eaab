import ArgumentParser
import BundleEngine
import BundleReports
import Foundation

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "List revisions: date, author, subject and what was asked for.",
        discussion: """
        Examples:
          dabrepo log
          dabrepo log -n 5 --output json
          dabrepo log -1
        """
    )

    @Option(name: [.customShort("n"), .customLong("max-count")], help: "How many commits to show (as git: -n 5, -n5, -5).")
    var count = 20

    /// git's spellings of the count, `log -n5` and `log -5`, as the parser reads them (`-n 5`).
    static func gitCountForms(_ arguments: ArraySlice<String>) -> ArraySlice<String> {
        guard arguments.first == "log" else { return arguments }
        return ArraySlice(zip([""] + arguments, arguments).flatMap { previous, argument -> [String] in
            let digits = argument.dropFirst(argument.hasPrefix("-n") ? 2 : 1)
            guard previous != "-n", argument.hasPrefix("-"), argument != "-n", !digits.isEmpty,
                  digits.allSatisfy(\.isNumber) else { return [argument] }
            return ["-n", String(digits)]
        })
    }

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var output: TextOrJSON = .text

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always, never.")
    var color: ColorChoice = .auto

    func run() throws {
        let entries = try RevisionLogAccess.run(output) { log throws(EngineError) in try log.entries(limit: count) }
        StandardStreams.out(output == .json ? EngineJSON.text(entries) : HistoryReport.text(entries, colored: color.enabled()))
    }
}

/// The history of the repository at the current folder; a failure is printed and exits with 1 when
/// validation refused it, 2 otherwise (as every repository command).
enum RevisionLogAccess {
    static func run<T>(_ output: TextOrJSON, _ body: (RevisionLog) throws(EngineError) -> T) throws -> T {
        do throws(EngineError) {
            return try body(try RevisionLog(directory: BundleOptions.workingDirectory()))
        } catch {
            throw error.report(output, status: error.kind == .invalid ? 1 : 2)
        }
    }
}

enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a revision: its message (the conversation) and what changed.",
        discussion: """
        Examples:
          dabrepo show
          dabrepo show HEAD~2
          dabrepo show --output json   # commit, author, date, message, semantic diff
        """
    )

    @Argument(help: ArgumentHelp("The revision: a commit, a branch, HEAD~2.", valueName: "rev"))
    var revision = "HEAD"

    @Flag(help: "Add git's unified patch of the revision after the semantic diff.")
    var patch = false

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always, never.")
    var color: ColorChoice = .auto

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var output: TextOrJSON = .text

    func run() throws {
        let shown = try RevisionLogAccess.run(output) { log throws(EngineError) in try log.show(revision, patch: patch) }
        StandardStreams.out(output == .json ? EngineJSON.text(shown) : HistoryReport.text(shown, colored: color.enabled()))
    }
}

struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Revert the latest dabrepo revision with a new commit (history is never rewritten).",
        discussion: """
        Undoing again steps one revision further back: revisions already undone, and the undo \
        commits, are skipped. Refuses when that commit is not a dabrepo revision, is a merge, or when \
        the files it changed have uncommitted edits: put those aside with `git stash -u`, undo, then \
        `git stash pop`.

        Examples:
          dabrepo undo
          dabrepo undo 5f0848b     # only when 5f0848b is the next to undo
        """
    )

    @Argument(help: ArgumentHelp("The revision meant (default: the latest that can be undone).", valueName: "revision"))
    var revision: String?

    @Option(help: .author)
    var author: String?

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var output: TextOrJSON = .text

    @Option(help: .plainColor)
    var color: ColorChoice = .auto

    func run() throws {
        let (output, author, revision) = (output, author, revision)
        let undone = try TurnInterruption.cancellable { try RevisionLogAccess.run(output) { log throws(EngineError) in try log.undo(author: author, revision: revision) } }
        StandardStreams.out(output == .json ? EngineJSON.text(undone) : undone.message + "\n")
    }
}
