import BundleAgent
import BundleDiff
import BundleEngine
import BundleModel
import Foundation

/// The engine's turn events and result as the API's named events (see the README's API section).
enum TurnEventPayload {
    /// `text`, `tool_call`, `tool_result`, `preview` or `findings`; nil for what is not shown (usage,
    /// summed into `done`).
    static func event(_ event: TurnEvent) -> (String, [String: Any])? {
        switch event {
        case .agent(.text(let text)):
            return ("text", ["text": text])
        case .agent(.toolCall(let id, let name, let arguments)):
            return ("tool_call", ["id": id, "name": name, "arguments": parsedOrText(arguments)])
        case .agent(.toolResult(let id, let name, let result, let isError)):
            return ("tool_result", ["id": id, "name": name, "result": result, "is_error": isError])
        case .agent(.usage):
            return nil
        case .preview(let preview):
            return ("preview", [
                "subject": preview.subject, "summary": preview.summary, "target": preview.target as Any? ?? NSNull(),
                "changes": preview.changes, "files": files(preview.comparison), "replanned": preview.replanned,
                "diff": JSONBody.object(parsing: DiffJSONFormatter().render(preview.comparison)),
            ])
        case .findings(let diagnostics):
            return ("findings", ["findings": diagnostics.map(finding)])
        }
    }

    /// The files a change touches: where each changed resource or section is defined, and the other
    /// files (notebooks, code) it changes.
    static func files(_ comparison: BundleDiffResult) -> [String] {
        Array(Set(comparison.groups.compactMap(\.file) + comparison.files.map(\.path))).sorted()
    }

    static func parsedOrText(_ text: String) -> Any {
        let parsed = JSONBody.object(parsing: text)
        return parsed is NSNull ? text : parsed
    }

    static func finding(_ d: Diagnostic) -> [String: Any] {
        [
            "file": d.location?.file as Any? ?? NSNull(), "line": d.location?.line as Any? ?? NSNull(),
            "column": d.location?.column as Any? ?? NSNull(), "rule": d.rule, "severity": d.severity.rawValue,
            "message": d.summary, "path": d.path as Any? ?? NSNull(),
        ]
    }

    /// The events that say how a turn ended, before `done`: a question with its choices, the revision,
    /// the error, or the message.
    static func outcome(_ result: TurnResult, revision: (String) -> [String: Any]?) -> [(String, [String: Any])] {
        switch result.status {
        case .question:
            let choices = (result.options ?? []).map { choice -> [String: Any] in
                ["label": choice.label, "value": answer(choice), "kind": choice.kind.rawValue]
            }
            return [("question", ["question": result.question ?? "", "choices": choices])]
        case .committed, .undone:
            var events: [(String, [String: Any])] = []
            if result.status == .undone, let message = result.message { events.append(("text", ["text": message])) }
            if let commit = result.commit, var object = revision(commit) {
                // What was done, in a sentence, and how the bundle was left (the card showed paths alone).
                if let summary = result.summary { object["summary"] = summary }
                if let message = result.message, result.status == .committed { object["message"] = message }
                events.append(("revision", object))
            }
            return events
        case .error:
            return [("error", ["kind": result.kind?.rawValue ?? "internal", "message": result.message ?? "the turn failed"])]
        case .invalid:
            return [("error", ["kind": "invalid", "message": result.message ?? "the change would break the bundle"])]
        case .notUnderstood:
            let examples = (result.examples ?? []).map { "  \($0)" }.joined(separator: "\n")
            return [("text", ["text": (result.message ?? "") + (examples.isEmpty ? "" : "\nRequests like these work:\n" + examples)])]
        case .refused, .unchanged, .declined, .dryRun:
            // (The model's own words, streamed already as `text`: not a second time.)
            if result.messageWasSaid { return [] }
            return result.message.map { [("text", ["text": $0])] } ?? []
        }
    }

    /// What to send back as the next message to take a choice: the value itself (the server reads a
    /// resource or target value sent after its question as that choice; a request says itself).
    static func answer(_ choice: TurnResult.Choice) -> String { choice.value }
}
