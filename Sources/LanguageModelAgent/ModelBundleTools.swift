import BundleAgent
import BundleEngine
import BundleModel
import BundleRepository
import DabrepoTools
import Foundation
import LanguageModels

/// The tools a model works with, from the tool registry (one definition each, as MCP clients get
/// them), run through the ToolRunner: `read_bundle` and `describe_fields` as they are; `edit_bundle` is
/// checked in memory — a valid edit becomes the turn's plan, which the conversation turn previews,
/// validates and commits; a refused one goes back to the model with its findings. `ask_user` ends the
/// turn with a question.
///
/// With workspace access the model also reads the workspace (`get_job`, `list_jobs`,
/// `list_notebooks`, `export_notebook`, `analyze_notebook`) and may `generate_bundle_from_job`: that
/// runs in a scratch copy of the bundle, whose files then are the ones read and edited, so that
/// "generate a bundle from job 123 and make its cluster smaller for dev" is one plan — the generated
/// files with the edits on top — committed as one revision.
///
/// Files `.dabrepoignore` names are never sent: not listed by read_bundle, not read by
/// analyze_notebook, not changed by edit_bundle (whose results would show them).
final class ModelBundleTools: @unchecked Sendable {
    static let planningNote = " In this conversation edit_bundle commits nothing by itself: valid edits become the change the user is shown, committed as one revision when you finish. Call it once with every edit the request needs, then reply with one short sentence."
    static let generationNote = " In this conversation it commits nothing by itself: the generated files become part of the change, which edit_bundle can adjust afterwards (read them with read_bundle); everything is committed as one revision when you finish."
    /// The read-only workspace tools, and the one that generates from the workspace.
    static let workspaceReading = ["get_job", "list_jobs", "list_notebooks", "export_notebook", "analyze_notebook"]
    static let generation = "generate_bundle_from_job"
    /// Validation of the bundle as it is, always offered.
    static let checking = ["validate_bundle"]
    /// The revision history; withheld while files are ignored, since a diff or a transcript could quote them.
    static let history = ["list_revisions", "show_revision", "diff_revisions"]
    /// Folders a scratch copy leaves out: git's own, and tools' caches.
    static let notCopied: Set<String> = [".git", ".databricks", ".venv", "venv", "node_modules", "__pycache__", ".dabrepo"]

    /// The tools offered to the model (the workspace ones only with workspace access, the history
    /// ones only when no file is kept from the model).
    static func definitions(workspace: Bool, history withHistory: Bool = true) -> [ChatTool] {
        let names = ["read_bundle", "describe_fields", "edit_bundle"] + checking + (withHistory ? history : [])
            + (workspace ? workspaceReading + [generation] : [])
        var tools: [ChatTool] = names.compactMap { name in
            guard let tool = ToolRegistry.tool(named: name) else { return nil }
            var schema = tool.inputSchema
            // The repository, author, profile and dry run are the turn's business, not the model's.
            if var properties = schema["properties"] as? [String: Any] {
                for hidden in ["repo", "author", "dry_run", "profile"] { properties.removeValue(forKey: hidden) }
                schema["properties"] = properties
            }
            let note = name == "edit_bundle" ? planningNote : name == generation ? generationNote : ""
            return ChatTool(name: name, description: tool.description + note, schema: schema)
        }
        tools.append(ChatTool(name: "ask_user", description: """
            Ask the user one question when the request does not say which resource or target it means, or a value it needs \
            (a number, a name, an address) cannot be inferred. Give the likely answers as choices. End your turn after asking.
            """, schema: ["type": "object", "additionalProperties": false, "required": ["question"],
                          "properties": ["question": ["type": "string", "description": "The question, one sentence."],
                                         "choices": ["type": "array", "items": ["type": "string"], "description": "Short answers the user can pick."]]]))
        return tools
    }

    let root: URL
    let agentName: String
    let maxRefusedEdits: Int
    let ignore: DabrepoIgnore
    let workspace: ModelWorkspaceAccess?
    private let lock = NSLock()
    private(set) var plan: Plan?
    private(set) var question: (text: String, choices: [String])?
    private(set) var refusedEdits = 0
    private(set) var lastRefusal: String?
    private(set) var alreadyDone: String?
    /// The scratch copy generation works in (its parent folder is removed by `cleanUp`).
    private var scratch: URL?

    init(root: URL, agentName: String, maxRefusedEdits: Int, ignore: DabrepoIgnore, workspace: ModelWorkspaceAccess?) {
        self.root = root
        self.agentName = agentName
        self.maxRefusedEdits = maxRefusedEdits
        self.ignore = ignore
        self.workspace = workspace
    }

    /// Where the model's tools read and edit: the bundle, or its scratch copy once a job was generated.
    var workRoot: URL { lock.withLock { scratch } ?? root }

    func runner(in directory: URL) -> ToolRunner {
        ToolRunner(executable: workspace?.executable ?? ToolRunner.currentExecutable, directory: directory)
    }

    func handle(_ call: ChatToolCall) async throws -> ChatToolOutput {
        let arguments = (try? JSONSerialization.jsonObject(with: Data(call.arguments.utf8))) as? [String: Any] ?? [:]
        switch call.name {
        case "read_bundle":
            return await read(arguments)
        case "describe_fields":
            return output(await runner(in: workRoot).call(call.name, arguments: arguments))
        case let name where Self.checking.contains(name) || (ignore.isEmpty && Self.history.contains(name)):
            return output(await runner(in: workRoot).call(name, arguments: arguments))
        case "edit_bundle":
            return try edit(call.arguments)
        case "ask_user":
            let text = arguments["question"] as? String ?? ""
            guard !text.isEmpty else { return ChatToolOutput(content: "question is required", isError: true) }
            lock.withLock { question = (text, arguments["choices"] as? [String] ?? []) }
            return ChatToolOutput(content: "The question goes to the user; the turn ends here.", endsTurn: true)
        case let name where workspace != nil && Self.workspaceReading.contains(name):
            if name == "analyze_notebook", let path = arguments["path"] as? String, let local = bundlePath(path), ignore.ignores(local) {
                return ChatToolOutput(content: "\(path) is kept from you by the user's .dabrepoignore: do not read it.", isError: true)
            }
            return output(await runner(in: workRoot).call(name, arguments: withProfile(arguments)))
        case Self.generation where workspace != nil:
            return await generate(arguments)
        default:
            return ChatToolOutput(content: "There is no tool \(call.name).", isError: true)
        }
    }

    func output(_ outcome: ToolOutcome) -> ChatToolOutput {
        ChatToolOutput(content: outcome.text, isError: outcome.isError)
    }

    func withProfile(_ arguments: [String: Any]) -> [String: Any] {
        var arguments = arguments
        if let profile = workspace?.profile { arguments["profile"] = profile }
        return arguments
    }

    /// A path `analyze_notebook` would read from the bundle (relative to it), or nil for a workspace path.
    func bundlePath(_ path: String) -> String? {
        let base = workRoot.standardizedFileURL.path
        let full = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : workRoot.appendingPathComponent(path)).standardizedFileURL.path
        return full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : nil
    }

    /// `read_bundle` without the files `.dabrepoignore` names. A target's effective configuration
    /// merges every file, so it is refused while an ignored file is part of the bundle.
    func read(_ arguments: [String: Any]) async -> ChatToolOutput {
        let bundleFiles = (try? BundleLoader(source: DiskFileSource(root: workRoot)).load())?.files.map(\.path) ?? []
        let hidden = bundleFiles.filter(ignore.ignores)
        if arguments["target"] != nil, !hidden.isEmpty {
            return ChatToolOutput(content: "A target's effective configuration is not available: it would include files the user's .dabrepoignore keeps from you. Read the files as written (no target).", isError: true)
        }
        let outcome = await runner(in: workRoot).call("read_bundle", arguments: arguments)
        guard !outcome.isError, !hidden.isEmpty else { return output(outcome) }
        guard var result = try? JSONDecoder().decode(BundleReadResult.self, from: outcome.structuredJSON ?? Data(outcome.text.utf8)) else {
            return ChatToolOutput(content: "read_bundle answered in an unexpected form", isError: true)
        }
        result.files = result.files?.filter { !ignore.ignores($0.file) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ChatToolOutput(content: String(decoding: (try? encoder.encode(result)) ?? Data(), as: UTF8.self))
    }

    /// Applies and validates the edits in memory; a valid set becomes the plan.
    func edit(_ json: String) throws -> ChatToolOutput {
        // The limit the refusals announce holds: after it, no edit is tried (a fourth after three refusals was
        // committed).
        if lock.withLock({ refusedEdits >= maxRefusedEdits }) {
            return ChatToolOutput(content: "Not applied: \(maxRefusedEdits) edits were refused in this turn and no more are accepted. Nothing changed: explain the problem to the user.",
                                  isError: true)
        }
        let request: BundleEditRequest
        do {
            request = try EditDocument.request(json: json)
        } catch {
            return ChatToolOutput(content: error.message, isError: true)
        }
        let base = workRoot
        // A second edit builds on the first (both become the change), never replaces it unsaid.
        let earlier = lock.withLock { base == root ? plan : nil }
        let pending = (earlier?.contents ?? [:]).mapValues { Optional(Data($0.utf8)) }
        let editor = BundleEdit(source: pending.isEmpty ? DiskFileSource(root: base) : OverlayFileSource(base: DiskFileSource(root: base), overrides: pending))
        // Edits of a file kept from the model are refused before anything is shown: a preview's "old → new" gave
        // away the values of the ignored file.
        let applied: BundleEdit.Applied
        do { applied = try editor.apply(request.edits) } catch { return refused(error.message) }
        if let kept = applied.files.keys.sorted().first(where: ignore.ignores) {
            return refused("The edits change \(kept), which the user's .dabrepoignore keeps from you: change only what you can read.")
        }
        var check = request
        check.dryRun = true
        let result: BundleEditResult
        do { result = try editor.run(check, agent: agentName) } catch {
            return refused(error.message)
        }
        switch result.status {
        case .dryRun:
            // The model's own dry run (the schema offers none, yet models send it): a preview, not part of
            // the change. (It was committed, with the model's "shall I?" as its summary.)
            if request.dryRun == true {
                return ChatToolOutput(content: EngineJSON.text(result) + "\nPreview only (dry_run): these edits validate, but they are not part of the change. "
                                      + "To make them, call edit_bundle again without dry_run; to ask the user first, use ask_user.")
            }
            var subject = request.subject.trimmingCharacters(in: .whitespacesAndNewlines)
            var summary = request.summary ?? subject
            var target = Self.target(of: request.edits)
            if let earlier {
                subject = earlier.subject.isEmpty ? subject : subject.isEmpty ? earlier.subject : earlier.subject + "; " + subject
                // (Each a sentence: a subject used as the summary has no period of its own.)
                let sentence = { (text: String) in text.hasSuffix(".") || text.hasSuffix("!") ? text : text + "." }
                summary = sentence(earlier.summary) + " " + sentence(summary)
                target = earlier.target == target ? target : nil
            }
            var planned = Plan(subject: subject, summary: summary, target: target, edits: [])
            if base == root {
                planned.contents = (earlier?.contents ?? [:]).merging(applied.files) { $1 }
            } else {
                // On the generated files: the scratch copy takes the edits, and the plan is all it changed.
                do {
                    for (file, text) in applied.files { try Self.write(text, to: base.appendingPathComponent(file)) }
                    planned.contents = try scratchChanges()
                } catch {
                    return refused("the edits could not be applied to the generated files: \(error)")
                }
            }
            lock.withLock { plan = planned }
            return ChatToolOutput(content: EngineJSON.text(result) + "\nAccepted: the edits validate for every target\(earlier == nil ? "" : ", together with the ones accepted before (both are the change)"). "
                                  + "read_bundle still shows the files without them until the change is committed. Reply with one short sentence.")
        case .unchanged:
            lock.withLock { alreadyDone = result.message }
            return ChatToolOutput(content: EngineJSON.text(result) + "\nThe bundle already is as asked: tell the user so.")
        case .invalid, .committed:
            return refused(EngineJSON.text(result))
        }
    }

    /// `generate_bundle_from_job` in a scratch copy of the bundle (with what this turn planned so far):
    /// what it writes becomes the plan, and later reads and edits work on it.
    func generate(_ arguments: [String: Any]) async -> ChatToolOutput {
        let copy: URL
        do { copy = try scratchCopy() } catch {
            return ChatToolOutput(content: "generate_bundle_from_job could not prepare its work: \(error)", isError: true)
        }
        var arguments = withProfile(arguments)
        // The scratch commit is thrown away; the turn commits with the user's identity.
        arguments["author"] = "dabrepo <dabrepo@localhost>"
        let outcome = await runner(in: copy).call(Self.generation, arguments: arguments)
        guard !outcome.isError else { return output(outcome) }
        let object = (try? JSONSerialization.jsonObject(with: outcome.structuredJSON ?? Data(outcome.text.utf8))) as? [String: Any] ?? [:]
        do {
            let contents = try scratchChanges()
            if let kept = contents.keys.sorted().first(where: ignore.ignores) {
                return ChatToolOutput(content: "The generated files include \(kept), which the user's .dabrepoignore keeps from you; nothing was generated.", isError: true)
            }
            let key = object["job_key"] as? String
            let subject = object["subject"] as? String ?? "Generate job \(key ?? "") from the workspace"
            var planned = Plan(subject: subject, summary: subject, job: key, edits: [])
            planned.contents = contents
            lock.withLock { plan = planned }
        } catch {
            return ChatToolOutput(content: "the generated files could not be read: \(error)", isError: true)
        }
        var said = outcome.text
        said += "\nGenerated in this change (not committed yet). Read the new files with read_bundle and adjust them with edit_bundle if the request asks for more; otherwise reply with one short sentence."
        return ChatToolOutput(content: said)
    }

    /// The scratch copy of the bundle, made on first use: the bundle's files (not git's, nor tool
    /// caches) with this turn's plan applied, in a git repository of its own.
    func scratchCopy() throws -> URL {
        if let existing = lock.withLock({ scratch }) { return existing }
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("dabrepo-model-\(UUID().uuidString)")
        let copy = parent.appendingPathComponent(root.lastPathComponent)
        let manager = FileManager.default
        try manager.createDirectory(at: copy, withIntermediateDirectories: true)
        for item in try manager.contentsOfDirectory(atPath: root.path) where !Self.notCopied.contains(item) {
            try manager.copyItem(at: root.appendingPathComponent(item), to: copy.appendingPathComponent(item))
        }
        let planned: [String: String] = lock.withLock { plan?.contents } ?? [:]
        for (file, text) in planned {
            try Self.write(text, to: copy.appendingPathComponent(file))
        }
        // Committed, so that generation finds a clean work tree as in the bundle's own repository.
        let repository = try GitRepository.create(at: copy.path)
        let scratchIdentity = GitSignature(name: "dabrepo", email: "dabrepo@localhost")
        try repository.commit(paths: try Self.files(in: copy), message: "The bundle as the model's turn began\n",
                              identity: CommitIdentity(author: scratchIdentity, committer: scratchIdentity))
        lock.withLock { scratch = copy }
        return copy
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// The files below a folder (relative to it), without the folders a scratch copy leaves out.
    static func files(in folder: URL) throws -> [String] {
        var files: [String] = []
        let base = folder.standardizedFileURL.path
        guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        while let url = walk.nextObject() as? URL {
            if notCopied.contains(url.lastPathComponent) { walk.skipDescendants(); continue }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            files.append(String(url.standardizedFileURL.path.dropFirst(base.count + 1)))
        }
        return files.sorted()
    }

    /// Every text file the scratch copy has that the bundle has not, or has otherwise.
    func scratchChanges() throws -> [String: String] {
        guard let copy = lock.withLock({ scratch }) else { return [:] }
        var changes: [String: String] = [:]
        for relative in try Self.files(in: copy) {
            let url = copy.appendingPathComponent(relative)
            let data = try Data(contentsOf: url)
            guard data != FileManager.default.contents(atPath: root.appendingPathComponent(relative).path) else { continue }
            guard let text = String(data: data, encoding: .utf8) else {
                throw RepositoryError.io("\(relative) is not text")
            }
            changes[relative] = text
        }
        return changes
    }

    /// Removes the scratch copy.
    func cleanUp() {
        guard let copy = lock.withLock({ scratch }) else { return }
        try? FileManager.default.removeItem(at: copy.deletingLastPathComponent())
    }

    func refused(_ findings: String) -> ChatToolOutput {
        lock.withLock {
            refusedEdits += 1
            lastRefusal = findings
        }
        let left = maxRefusedEdits - refusedEdits
        return ChatToolOutput(content: findings + (left > 0 ? "\nNothing changed. Correct the edits (\(left) more tr\(left == 1 ? "y" : "ies"))." :
                                                        "\nNothing changed, and no more edits are accepted in this turn: explain the problem to the user."),
                              isError: true)
    }

    /// The target every edit is for (`targets.dev.…`), when they agree: the preview shows what it gets.
    static func target(of edits: [StructuredEdit]) -> String? {
        let targets = Set(edits.map { edit -> String? in
            let parts = edit.path.split(separator: ".", maxSplits: 2)
            return parts.count >= 2 && parts[0] == "targets" ? String(parts[1]) : nil
        })
        return targets.count == 1 ? targets.first ?? nil : nil
    }
}
