import ArgumentParser
import BundleEngine
import BundleModel
import BundleReports
import DabrepoTools
import Foundation

/// `dabrepo edit`: structured edits from a JSON document, validated and committed as one revision.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Apply structured edits (set, delete, append, rename) as one validated revision.",
        discussion: """
        The document is the same JSON as the edit_bundle tool's arguments:
          {"subject": "Make the dev cluster of etl smaller",
           "summary": "Set 1 worker (was 4) on the job cluster of etl for target dev.",
           "edits": [
            {"op": "set", "value": 1, "path":
             "targets.dev.resources.jobs.etl.job_clusters[0].new_cluster.num_workers"},
            {"op": "delete",
             "path": "resources.jobs.etl.tasks[task_key=load].max_retries"},
            {"op": "append", "value": "oncall@example.com",
             "path": "resources.jobs.etl.email_notifications.on_failure"},
            {"op": "rename", "path": "resources.jobs.old_key", "to": "new_key"}]}
        Paths are those `dabrepo diff --output json` prints: dot-separated keys, [field=value] for a list \
        entry (or tasks[ingest], as summaries print it), [N] for a position. Each edit goes to the file that defines the path (or its nearest \
        parent); targets.<t>.… to that target's block; a new resource to resources/<key>.<type>.yml \
        (included when needed) unless "file" names one. Comments and layout are kept. The result is \
        validated for every target: with errors, or an unknown key, nothing changes (exit 1) and the \
        findings say where and why. `dabrepo tools call describe_fields '{"path": "resources.jobs.x"}'` \
        lists the fields a path allows.

        Examples:
          dabrepo edit edits.json
          dabrepo edit --dry-run edits.json
          generate-edits | dabrepo edit - --output json
        """
    )

    @Argument(help: ArgumentHelp("The JSON document, or - for standard input.", valueName: "file"))
    var file: String

    @Flag(help: "Apply and validate only: show the changes, commit nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("The bundle directory (default: the nearest one at or above the current directory).", valueName: "dir"))
    var bundle: String?

    @Option(help: .author)
    var author: String?

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var output: TextOrJSON = .text

    @Option(help: .plainColor)
    var color: ColorChoice = .auto

    func run() throws {
        let result: BundleEditResult
        do {
            var request = try readRequest()
            if dryRun { request.dryRun = true }
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let root: URL
            do {
                root = try BundleLoader.locateRoot(from: URL(fileURLWithPath: bundle ?? ".", relativeTo: cwd), walkUp: bundle == nil)
            } catch {
                throw EngineError(.notFound, error.description)
            }
            result = try BundleEdit(root: root, author: author ?? documentAuthor).run(request, agent: "edit")
        } catch let error as EngineError {
            if output == .json { StandardStreams.out(EngineJSON.text(error)) }
            StandardStreams.error("Error: \(SecretRedaction.redact(error.message))")
            throw ExitCode(error.exitStatus)
        }
        if output == .json {
            StandardStreams.out(EngineJSON.text(result))
        } else {
            StandardStreams.out(EditReport.text(result))
        }
        if result.status == .invalid { throw ExitCode(1) }
    }

    /// The author the document names, when it does (as edit_bundle's arguments may).
    var documentAuthor: String? {
        guard let data = try? readDocument(), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["author"] as? String
    }

    func readDocument() throws(EngineError) -> Data {
        try DocumentInput.read(file, what: "a JSON file of edits", standardInput: { cachedStandardInput })
    }

    /// The request, read as every front end reads an edit document (the file's name in front of what is wrong).
    func readRequest() throws(EngineError) -> BundleEditRequest {
        do {
            return try EditDocument.request(json: String(decoding: try readDocument(), as: UTF8.self))
        } catch where error.kind == .usage {
            throw EngineError(.usage, "\(file == "-" ? "standard input" : file): \(error.message)")
        }
    }
}

/// Standard input, read once.
private let cachedStandardInput = FileHandle.standardInput.readDataToEndOfFile()
