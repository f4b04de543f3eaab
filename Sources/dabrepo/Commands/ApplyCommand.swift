import ArgumentParser
import BundleEngine
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
           "files": {"resources/nightly_etl.job.yml": "<new content>",
                     "resources/old.yml": null}}
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

    @Option(help: .plainColor)
    var color: ColorChoice = .auto

    func run() throws {
        let document: FileApplication.Request
        do {
            let data = try DocumentInput.read(file, what: "a JSON edit document", standardInput: { FileHandle.standardInput.readDataToEndOfFile() })
            document = try FileApplication.Request.decode(data, named: file == "-" ? "standard input" : file)
        } catch {
            throw EngineError(error.kind, error.kind == .usage ? "\(error.message). `dabrepo apply --help` shows the format." : error.message).report(output, status: 2)
        }
        let options = try BundleOptions.parse(bundle.map { [$0] } ?? [])
        let root: URL
        do { root = try options.bundleRoot() } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
        let result: FileApplication.Result
        do { result = try FileApplication(root: root, author: author, includeDirty: includeDirty).run(document) } catch {
            throw error.report(.text)
        }
        switch result.status {
        case .committed:
            if output == .json { return StandardStreams.out(EngineJSON.text(result)) }
            if let saved = result.savedEditsShortCommit { StandardStreams.out("Committed your uncommitted edits first as \(saved)\n") }
            StandardStreams.out(result.message + "\n")
        case .unchanged:
            StandardStreams.out(output == .json ? EngineJSON.text(result) : result.message + "\n")
        case .invalid:
            let report = ValidationReport(bundle: nil, targets: [], diagnostics: result.findings, allTargets: true)
            StandardStreams.error(TextReportFormatter().render(report))
            StandardStreams.error("Error: \(result.message)")
            throw ExitCode(1)
        case .uncommittedEdits:
            StandardStreams.error("Error: \(result.message)")
            StandardStreams.error("Or run the same command with --include-dirty: your edits become a commit of their own, then the revision follows.")
            throw ExitCode(2)
        }
    }
}
