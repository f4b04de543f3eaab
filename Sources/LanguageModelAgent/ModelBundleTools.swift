import BundleAgent
import BundleEngine
import BundleModel
import DabrepoTools
import Foundation
import LanguageModels

/// The tools a model works with, from the tool registry (one definition each, as MCP clients get
/// them): `read_bundle` and `describe_fields` run as they are; `edit_bundle` is checked in memory — a
/// valid edit becomes the turn's plan, which the conversation turn previews, validates and commits; a
/// refused one goes back to the model with its findings. `ask_user` ends the turn with a question.
final class ModelBundleTools: @unchecked Sendable {
    static let planningNote = " In this conversation edit_bundle commits nothing by itself: valid edits become the change the user is shown, committed as one revision when you finish. Call it once with every edit the request needs, then reply with one short sentence."

    /// The tools offered to the model.
    static var definitions: [ChatTool] {
        var tools: [ChatTool] = ["read_bundle", "describe_fields", "edit_bundle"].compactMap { name in
            guard let tool = ToolRegistry.tool(named: name) else { return nil }
            var schema = tool.inputSchema
            // The repository, author and dry run are the turn's business, not the model's.
            if var properties = schema["properties"] as? [String: Any] {
                for hidden in ["repo", "author", "dry_run", "profile"] { properties.removeValue(forKey: hidden) }
                schema["properties"] = properties
            }
            return ChatTool(name: name, description: tool.description + (name == "edit_bundle" ? planningNote : ""), schema: schema)
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
    private let lock = NSLock()
    private(set) var plan: Plan?
    private(set) var question: (text: String, choices: [String])?
    private(set) var refusedEdits = 0
    private(set) var lastRefusal: String?
    private(set) var alreadyDone: String?

    init(root: URL, agentName: String, maxRefusedEdits: Int) {
        self.root = root
        self.agentName = agentName
        self.maxRefusedEdits = maxRefusedEdits
    }

    /// Stops the model's turn: too many refused edits.
    struct TooManyRefusals: Error {}

    func handle(_ call: ChatToolCall) async throws -> ChatToolOutput {
        let arguments = (try? JSONSerialization.jsonObject(with: Data(call.arguments.utf8))) as? [String: Any] ?? [:]
        switch call.name {
        case "read_bundle", "describe_fields":
            guard let tool = ToolRegistry.tool(named: call.name), let handler = tool.handler else {
                return ChatToolOutput(content: "\(call.name) is not available", isError: true)
            }
            do {
                let checked = try ToolArguments(arguments, for: tool)
                let outcome = await handler(checked, ToolContext(directory: root, agent: agentName)).redacted
                return ChatToolOutput(content: outcome.text, isError: outcome.isError)
            } catch {
                return ChatToolOutput(content: error.message, isError: true)
            }
        case "edit_bundle":
            return try edit(call.arguments)
        case "ask_user":
            let text = arguments["question"] as? String ?? ""
            guard !text.isEmpty else { return ChatToolOutput(content: "question is required", isError: true) }
            lock.withLock { question = (text, arguments["choices"] as? [String] ?? []) }
            return ChatToolOutput(content: "The question goes to the user. End your turn now without another tool call.")
        default:
            return ChatToolOutput(content: "There is no tool \(call.name).", isError: true)
        }
    }

    /// Applies and validates the edits in memory; a valid set becomes the plan.
    func edit(_ json: String) throws -> ChatToolOutput {
        let request: BundleEditRequest
        do {
            request = try JSONDecoder().decode(BundleEditRequest.self, from: Data(json.utf8))
        } catch {
            return ChatToolOutput(content: "The arguments are not an edit_bundle request: \(error). Give subject, summary and edits.", isError: true)
        }
        let editor = BundleEdit(source: DiskFileSource(root: root))
        var check = request
        check.dryRun = true
        let result: BundleEditResult
        do { result = try editor.run(check, agent: agentName) } catch {
            return refused(error.message)
        }
        switch result.status {
        case .dryRun:
            let applied: BundleEdit.Applied
            do { applied = try editor.apply(request.edits) } catch { return refused(error.message) }
            let subject = request.subject.trimmingCharacters(in: .whitespacesAndNewlines)
            var planned = Plan(subject: subject, summary: request.summary ?? subject, target: Self.target(of: request.edits), edits: [])
            planned.contents = applied.files
            lock.withLock { plan = planned }
            return ChatToolOutput(content: EngineJSON.text(result) + "\nAccepted: the edits validate for every target. Reply with one short sentence; do not call edit_bundle again.")
        case .unchanged:
            lock.withLock { alreadyDone = result.message }
            return ChatToolOutput(content: EngineJSON.text(result) + "\nThe bundle already is as asked: tell the user so.")
        case .invalid, .committed:
            return refused(EngineJSON.text(result))
        }
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
