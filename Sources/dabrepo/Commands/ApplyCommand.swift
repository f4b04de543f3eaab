import ArgumentParser
import BundleModel
import BundleRepository
import BundleValidation
import Foundation

struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Commit file edits from a JSON document as one validated, explained revision.",
        discussion: """
        The plumbing under `refine` and the MCP tools, for scripts and agents. The document:
          {"subject": "Raise the timeout of nightly_etl",
           "request": "give the nightly job two hours",
           "summary": "Set timeout_seconds to 7200 (was 3600) on job nightly_etl.",
           "agent": "my-script",
           "files": {"resources/nightly_etl.job.yml": "<new content>", "resources/old.yml": null}}
        Paths are relative to the bundle root; null removes a file. The new state is validated for every \
        target first: with errors nothing changes (exit 1). Files with uncommitted edits are refused \
        unless --include-dirty. When every file already has its content, nothing is committed (exit 0, \
        status "unchanged" with --output json).

        Example:
          dabrepo apply edits.json
          generate-edits | dabrepo apply -
        """
    )

    @Argument(help: ArgumentHelp("The JSON document, or - for standard input.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The bundle directory (default: the nearest one at or above the current directory).", valueName: "dir"))
    var bundle: String?

    @Flag(help: "Commit your own uncommitted edits of the touched files first, as a separate commit.")
    var includeDirty = false

    @Option(help: .author)
    var author: String?

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var output: TextOrJSON = .text

    struct Document: Decodable {
        var subject: String
        var request: String?
        var summary: String?
        var agent: String?
        var session: String?
        var changes: [String]?
        var files: [String: String?]
    }

    func run() throws {
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
        guard let data else { throw ValidationError("cannot read \(file)") }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw ValidationError("\(file) is not an edit document: \(error.localizedDescription). `dabrepo apply --help` shows the format.")
        }
        let options = try BundleOptions.parse(bundle.map { [$0] } ?? [])
        let root: URL
        do { root = try options.bundleRoot() } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
        var transcript: [RevisionMessage.Turn] = []
        if let request = document.request { transcript.append(.init(speaker: "user", text: request)) }
        if let summary = document.summary { transcript.append(.init(speaker: "dabrepo", text: summary)) }
        let revision = Revision(subject: document.subject, transcript: transcript, changes: document.changes ?? [],
                                agent: document.agent ?? "apply", session: document.session ?? Revision.newSessionID(),
                                files: document.files.mapValues { $0.map { Data($0.utf8) } })
        do {
            switch try RevisionCommitter(bundleRoot: root, authorOverride: author).commit(revision, includeDirty: includeDirty) {
            case .committed(let result):
                if output == .json {
                    JSONOutput.print(["status": "committed", "commit": result.commit.description, "subject": document.subject,
                                      "validation": result.report.summaryLine, "saved_edits_commit": result.savedEditsCommit?.description ?? NSNull()])
                    return
                }
                if let saved = result.savedEditsCommit { StandardStreams.out("Committed your uncommitted edits first as \(saved.short)\n") }
                StandardStreams.out("Committed \(result.commit.short) \"\(document.subject)\" (\(result.report.summaryLine))\n")
            case .unchanged:
                let files = document.files.keys.sorted()
                let message = "Nothing to change: \(files.joined(separator: ", ")) already \(files.count == 1 ? "has" : "have") the document's content; no revision was committed."
                if output == .json { JSONOutput.print(["status": "unchanged", "message": message, "subject": document.subject]) } else { StandardStreams.out(message + "\n") }
            }
        } catch {
            if case .validationFailed(let diagnostics) = error {
                let report = ValidationReport(bundle: nil, targets: [], diagnostics: diagnostics, allTargets: true)
                StandardStreams.error(TextReportFormatter().render(report))
            }
            let exit = RepositoryAccess.fail(error)
            if case .dirtyFiles = error {
                StandardStreams.error("Or run the same command with --include-dirty: your edits become a commit of their own, then the revision follows.")
            }
            throw exit
        }
    }
}
