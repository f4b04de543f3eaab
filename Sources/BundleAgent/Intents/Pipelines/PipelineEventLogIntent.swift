import BundleEditing
import BundleModel
import Foundation

/// "change the event log schema of the silver pipeline to _audit", "publish the event log to
/// main._meta.silver_events": where a pipeline publishes its event log (`event_log.catalog`, `.schema`,
/// `.name`), never the pipeline's own catalog or schema.
public enum PipelineEventLogIntent: Intent {
    public static let id = "pipeline-event-log"
    public static let summary = "pipelines: where the event log is published (catalog, schema, name)"
    public static let examples = ["change the event log schema of the pipeline to _audit", "publish the event log to main._meta.events"]

    public static func score(_ text: RequestText) -> Int {
        text.contains("event log") || text.has("event_log") || text.has("eventlog") ? 8 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let tokens = text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`")) }
        // The value after "to" ("… to main._meta.events in prod"), else after "in" that names no target.
        let targets = Set(context.bundle.targetNames.map { $0.lowercased() })
        // "write the event log into the gold schema as pipeline_events", "publish the pipeline's event log to the gold
        // schema": the schema said as one (a schema of the bundle by its name), the table after "as" (it read "the" as the
        // place, and the gold schema as the resource to change).
        if let said = text.original.firstMatch(of: /(?i)\b(?:to|into|in|under)\s+(?:the\s+)?([\w${}.-]+)\s+schema\b/).map({ String($0.output.1) }),
           !["event", "log", "same", "pipeline's", "its", "own"].contains(said.lowercased()) {
            let table = text.original.firstMatch(of: /(?i)\b(?:as|named|called)\s+(?:the\s+)?(?:table\s+)?([\w${}.-]+)/).map { String($0.output.1) }
            let schemaName = context.bundle.configuration["resources"]?["schemas"]?[said]?["name"]?.string ?? said
            let p = try PipelineSelection(context.ignoring([said, "\(said) schema", table].compactMap { $0 }))
            let current = p.effective["event_log"]
            let fields = [("schema", schemaName)] + (table.map { [("name", $0)] } ?? [])
            let changed = fields.filter { current?[$0.0]?.string != $0.1 }
            guard !changed.isEmpty else { throw p.already("publishing its event log to schema \(schemaName)") }
            if current?["name"] == nil, table == nil {
                throw PlanningStop(outcome: .clarify(question: "\(p.description) publishes no event log yet; under which name (table) in schema \(schemaName)?",
                                                     choices: ["write the event log of \(p.key) into the \(said) schema as \(p.key)_events"]))
            }
            var operations: [EditOperation] = []
            for (field, v) in changed {
                guard let operation = try p.setting(context, ["event_log", field], to: .string(v), unset: nil) else { continue }
                operations.append(operation)
            }
            let described = changed.map { "event_log.\($0.0) to \($0.1)" }.joined(separator: ", ")
            return p.plan(subject: "Publish the event log of \(p.key) to schema \(schemaName)\(p.inTarget)",
                          summary: "Set \(described) on \(p.description)\(p.forTarget) (was \(changed.map { current?[$0.0]?.string ?? "unset" }.joined(separator: ", "))); "
                              + "its catalog is the pipeline's\(current?["catalog"] == nil ? "" : " event log's as before"), and the pipeline's own catalog and schema stay.",
                          edits: [(p.location.file, operations)])
        }
        let marker = tokens.lastIndex { ["to", "=", "into"].contains($0.lowercased()) }
            ?? tokens.indices.last { i in ["in", "under"].contains(tokens[i].lowercased()) && i + 1 < tokens.count && !targets.contains(tokens[i + 1].lowercased()) }
        guard let to = marker, to + 1 < tokens.count else {
            throw PlanningStop(outcome: .clarify(question: "Where should the event log be published? Give its schema, or catalog.schema.name.",
                                                 choices: ["publish the event log to main._meta.events"]))
        }
        var value = tokens[to + 1]
        if value.hasSuffix("."), !value.hasSuffix("..") { value.removeLast() }
        let p = try PipelineSelection(context.ignoring([value]))
        // The fields said: "the event log schema" (one field), or a dotted catalog.schema.name (all three).
        let parts = value.split(separator: ".").map(String.init)
        var fields: [(String, String)] = []
        if parts.count == 3, !value.hasPrefix("${") {
            fields = [("catalog", parts[0]), ("schema", parts[1]), ("name", parts[2])]
        } else if text.has("catalog") {
            fields = [("catalog", value)]
        } else if text.has("schema") || text.has("database") {
            fields = [("schema", value)]
        } else if text.has("name") || text.has("table") {
            fields = [("name", value)]
        } else {
            throw PlanningStop(outcome: .clarify(question: "Which part of the event log's place is \(value): its catalog, schema or name?",
                                                 choices: ["set the event log schema of the \(p.key) pipeline to \(value)", "publish the event log to catalog.schema.name"]))
        }
        let current = p.effective["event_log"]
        let changed = fields.filter { current?[$0.0]?.string != $0.1 }
        guard !changed.isEmpty else { throw p.already("publishing its event log to \(fields.map(\.1).joined(separator: "."))") }
        // A new event log needs its name (the table); the catalog and schema default to the pipeline's.
        if current == nil, !changed.contains(where: { $0.0 == "name" }) {
            throw PlanningStop(outcome: .clarify(question: "\(p.description) publishes no event log yet; under which name (table)? Say catalog.schema.name, or the name too.",
                                                 choices: ["publish the event log of \(p.key) to \(fields.first { $0.0 == "catalog" }?.1 ?? "main").\(fields.first { $0.0 == "schema" }?.1 ?? "_meta").\(p.key)_events"]))
        }
        var operations: [EditOperation] = []
        for (field, v) in changed {
            guard let operation = try p.setting(context, ["event_log", field], to: .string(v), unset: nil) else { continue }
            operations.append(operation)
        }
        let described = changed.map { "event_log.\($0.0) to \($0.1)" }.joined(separator: ", ")
        return p.plan(subject: "Publish the event log of \(p.key) \(changed.count == 3 ? "to \(value)" : "with \(described)")\(p.inTarget)",
                      summary: "Set \(described) on \(p.description)\(p.forTarget) (was \(changed.map { current?[$0.0]?.string ?? "unset" }.joined(separator: ", "))); the pipeline's own catalog and schema stay.",
                      edits: [(p.location.file, operations)])
    }
}
