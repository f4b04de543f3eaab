import BundleDiff
import ArgumentParser
import BundleRepository
import Foundation

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "List revisions: date, author, subject and what was asked for.",
        discussion: """
        Examples:
          dabrepo log
          dabrepo log -n 5 --output json
        """
    )

    @Option(name: .customShort("n"), help: "How many commits to show.")
    var count = 20

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var output: TextOrJSON = .text

    func run() throws {
        let history = RevisionHistory(repository: try RepositoryAccess.open())
        let entries: [RevisionHistory.Entry]
        do { entries = try history.entries(limit: max(0, count)) } catch { throw RepositoryAccess.fail(error) }
        let formatter = ISO8601DateFormatter()
        switch output {
        case .json:
            let items: [[String: Any]] = entries.map { e in
                [
                    "commit": e.commit.id.description,
                    "date": formatter.string(from: e.commit.date),
                    "author": "\(e.commit.author.name) <\(e.commit.author.email)>",
                    "subject": e.commit.subject,
                    "revision": e.revision != nil,
                    "requests": e.revision?.requests ?? [],
                    "agent": e.revision?.agent as Any,
                    "session": e.revision?.session as Any,
                ]
            }
            let data = try JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            StandardStreams.out(String(decoding: data, as: UTF8.self) + "\n")
        case .text:
            var out = ""
            for e in entries {
                out += "\(e.commit.id.short)  \(formatter.string(from: e.commit.date))  \(e.commit.author.name)\n"
                out += "    \(e.commit.subject)\n"
                for request in e.revision?.requests ?? [] { out += "    > \(request)\n" }
            }
            if entries.isEmpty { out = "No commits yet.\n" }
            StandardStreams.out(out)
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
          dabrepo show --output json   # commit, author, date, message and the semantic diff
        """
    )

    @Argument(help: ArgumentHelp("The revision (default: HEAD).", valueName: "rev"))
    var revision = "HEAD"

    @Flag(help: "Add git's unified patch of the revision after the semantic diff.")
    var patch = false

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always, never.")
    var color: ColorChoice = .auto

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var output: TextOrJSON = .text

    func run() throws {
        let repository = try RepositoryAccess.open()
        let history = RevisionHistory(repository: repository)
        do {
            let entry = try history.entry(revision)
            if output == .json {
                let snapshots = RepositorySnapshots(repository: repository, directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                let (old, new) = try snapshots.change(introducedBy: entry.commit.id.description)
                let diff = (try? JSONSerialization.jsonObject(with: Data(DiffJSONFormatter().render(BundleComparison.compare(old, new)).utf8))) ?? NSNull()
                var object: [String: Any] = [
                    "commit": entry.commit.id.description,
                    "author": "\(entry.commit.author.name) <\(entry.commit.author.email)>",
                    "date": ISO8601DateFormatter().string(from: entry.commit.date),
                    "subject": entry.commit.subject,
                    "message": entry.commit.message,
                    "revision": entry.revision != nil,
                    "requests": entry.revision?.requests ?? [],
                    "diff": diff,
                ]
                if patch { object["patch"] = try history.patch(of: entry) }
                JSONOutput.print(object)
                return
            }
            var out = "commit \(entry.commit.id)\nAuthor: \(entry.commit.author.name) <\(entry.commit.author.email)>\n"
            out += "Date:   \(ISO8601DateFormatter().string(from: entry.commit.date))\n\n"
            out += entry.commit.message.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
            if !out.hasSuffix("\n") { out += "\n" }
            let snapshots = RepositorySnapshots(repository: repository, directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            let (old, new) = try snapshots.change(introducedBy: entry.commit.id.description)
            out += DiffTextFormatter(colored: color.enabled()).render(BundleComparison.compare(old, new))
            if patch { out += "\n" + (try history.patch(of: entry)) }
            StandardStreams.out(out)
        } catch {
            throw RepositoryAccess.fail(error)
        }
    }
}

struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Revert the latest dabrepo revision with a new commit (history is never rewritten).",
        discussion: """
        Refuses when HEAD is not a dabrepo revision, is a merge, or when the files it changed have \
        uncommitted edits: put those aside with `git stash`, undo, then `git stash pop`.

        Example:
          dabrepo undo
        """
    )

    @Option(help: .author)
    var author: String?

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var output: TextOrJSON = .text

    func run() throws {
        let repository = try RepositoryAccess.open()
        do {
            let identity = try CommitIdentity.resolve(authorOverride: author, repository: repository)
            let history = RevisionHistory(repository: repository)
            let undone = try history.entry("HEAD")
            let commit = try history.undo(identity: identity)
            if output == .json {
                JSONOutput.print(["undone": undone.commit.id.description, "undone_subject": undone.commit.subject, "commit": commit.description])
                return
            }
            StandardStreams.out("Undid \(undone.commit.id.short) \"\(undone.commit.subject)\" with commit \(commit.short)\n")
        } catch {
            throw RepositoryAccess.fail(error)
        }
    }
}
