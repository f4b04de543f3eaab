import BundleEngine
import Foundation

/// The edit document: the JSON object of `dabrepo edit`'s file, of the `edit_bundle` tool's arguments
/// (over MCP, `dabrepo tools call` and `serve`) and of a language model's `edit_bundle` call. Every
/// front end reads it here, checked against edit_bundle's schema, so that the same bad document gets
/// the same message everywhere.
public enum EditDocument {
    /// The request in a JSON text.
    public static func request(json text: String) throws(EngineError) -> BundleEditRequest {
        let parsed: JSONValue
        do {
            parsed = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw invalid(["it is not valid JSON: \(JSONSyntaxProblem.describe(text))"])
        }
        guard case .object(let object) = parsed else { throw invalid(["it is not a JSON object"]) }
        return try request(object.mapValues(\.plain))
    }

    /// The request in a JSON object's plain values (as `JSONValue.plain` makes them). `repo` and
    /// `author`, which say where and by whom, are each front end's business and not part of it.
    public static func request(_ values: [String: Any]) throws(EngineError) -> BundleEditRequest {
        guard let tool = ToolRegistry.tool(named: toolName) else { throw EngineError(.internal, "the \(toolName) tool is missing") }
        let checked: ToolArguments
        do {
            checked = try ToolArguments(values, for: tool)
        } catch {
            throw invalid(error.problems.isEmpty ? [error.message] : error.problems)
        }
        let edits = (checked.values["edits"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }.map { item in
            StructuredEdit(op: StructuredEdit.Operation(rawValue: item["op"] as? String ?? "") ?? .set, path: item["path"] as? String ?? "",
                           value: item["value"].flatMap { StructuredValue(plain: $0) }, to: item["to"] as? String, file: item["file"] as? String)
        }
        return BundleEditRequest(subject: checked.string("subject") ?? "", summary: checked.string("summary"), edits: edits,
                                 dryRun: checked.bool("dry_run"))
    }

    /// The tool whose arguments an edit document is.
    static let toolName = "edit_bundle"

    /// What is wrong with a document, and what one looks like.
    static func message(_ problems: [String]) -> String {
        "the edit document is not valid: " + problems.joined(separator: "; ") + ". " + format
    }

    static let format = """
        An edit document is a JSON object such as {"subject": "Raise the timeout of etl", "summary": "Set timeout_seconds to 7200 on job etl.", \
        "edits": [{"op": "set", "path": "resources.jobs.etl.timeout_seconds", "value": 7200}]}; op is set or append (with value), \
        delete, or rename (with to)
        """

    static func invalid(_ problems: [String]) -> EngineError { EngineError(.usage, message(problems)) }
}
