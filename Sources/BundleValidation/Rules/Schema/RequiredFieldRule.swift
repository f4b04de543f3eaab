import BundleModel
import Foundation

public struct RequiredFieldRule: SchemaFindingRule {
    public init() {}
    public static let findingKind = SchemaFinding.Kind.missingRequiredField
    public static let description = RuleDescription(
        id: "required-field", name: "Required fields", severity: .warning, scope: .target,
        summary: "Fields the API requires are present (a task's task_key, a schema's catalog_name, ...).",
        documentation: """
        A warning, as in the Databricks CLI (bundle/config/validate/required.go): `bundle validate` accepts
        the bundle and the deployment fails when the API refuses the resource. The diagnostic points at
        the mapping that lacks the field. Fields set by a target override count: the check runs on the
        target's merged configuration, and a target's own settings (an override such as `bundle:
        {engine: direct}`) need not repeat required fields. A missing bundle name is the bundle-name rule's
        error; fields the CLI itself insists on (a dashboard's display_name, a grant's principal, ...)
        are errors of their own rules.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              schemas:
                raw:
                  ↓name: raw
            """),
            // The .dbalert.json has no schedule, and the YAML no warehouse (the CLI loads the file before its check).
            RuleExample("""
            bundle:
              name: demo
            resources:
              alerts:
                late_orders:
                  ↓display_name: Late orders
                  file_path: ./late.dbalert.json
            """, files: ["late.dbalert.json": """
            {"query_lines": ["select count(*) as n from orders"],
             "evaluation": {"comparison_operator": "GREATER_THAN", "source": {"name": "n"}}}
            """]),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              schemas:
                raw:
                  catalog_name: main
                  name: raw
            """),
            // An alert whose .dbalert.json holds the query, the condition and the schedule.
            RuleExample("""
            bundle:
              name: demo
            resources:
              alerts:
                late_orders:
                  display_name: Late orders
                  warehouse_id: abcdef1234567890
                  file_path: ./late.dbalert.json
            """, files: ["late.dbalert.json": """
            {"query_lines": ["select count(*) as n from orders"],
             "evaluation": {"comparison_operator": "GREATER_THAN", "source": {"name": "n"}, "threshold": {"value": {"double_value": 5}}},
             "schedule": {"quartz_cron_schedule": "0 0 * * * ?", "timezone_id": "UTC"}}
            """]),
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                bundle:
                  engine: direct
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        context.schemaFindings.filter { $0.kind == Self.findingKind }.map(diagnostic(for:)) + alertFileFindings(context)
    }

    /// An alert defined by a `.dbalert.json`: the CLI loads the file into the alert before it checks
    /// required fields (load_dbalert_files.go, then required.go), so the file's query, condition and
    /// schedule must be there, and the YAML's display name and warehouse. (The schema check leaves an
    /// alert with `file_path` alone.) A file that is missing or not JSON is another rule's finding.
    func alertFileFindings(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for definition in AlertDefinitionFile.all(in: context) {
            guard let json = definition.object else { continue }
            let (alert, file) = (definition.alert, definition.file)
            var missing: [(path: String, field: String)] = []
            func has(_ value: Any?) -> Bool {
                guard let value, !(value is NSNull) else { return false }
                if let text = value as? String { return !text.isEmpty }
                return true
            }
            // In the order of the alert's fields (display_name, evaluation, query_text, schedule, warehouse_id).
            if alert.node["display_name"]?.isNull ?? true { missing.append((alert.path, "display_name")) }
            if let evaluation = json["evaluation"] as? [String: Any] {
                for field in ["comparison_operator", "source"] where !has(evaluation[field]) { missing.append((alert.path + ".evaluation", field)) }
                if let source = evaluation["source"] as? [String: Any], !has(source["name"]) { missing.append((alert.path + ".evaluation.source", "name")) }
                if let column = (evaluation["threshold"] as? [String: Any])?["column"] as? [String: Any], !has(column["name"]) {
                    missing.append((alert.path + ".evaluation.threshold.column", "name"))
                }
            } else {
                missing.append((alert.path, "evaluation"))
            }
            // (The CLI builds query_text from query_lines alone.)
            if ((json["query_lines"] as? [Any]) ?? []).isEmpty { missing.append((alert.path, "query_text")) }
            if let schedule = json["schedule"] as? [String: Any] {
                for field in ["quartz_cron_schedule", "timezone_id"] where !has(schedule[field]) { missing.append((alert.path + ".schedule", field)) }
            } else {
                missing.append((alert.path, "schedule"))
            }
            if alert.node["warehouse_id"]?.isNull ?? true { missing.append((alert.path, "warehouse_id")) }
            for (path, field) in missing {
                out.append(diagnostic("required field \"\(field)\" is not set",
                                      detail: path == alert.path && !["display_name", "warehouse_id"].contains(field)
                                          ? "It comes from \(file) (\(field == "query_text" ? "its query_lines" : "its \(field)")), which the CLI reads into the alert."
                                          : path != alert.path ? "In \(file), which the CLI reads into the alert." : nil,
                                      path: path, at: alert.node.location))
            }
        }
        return out
    }
}
