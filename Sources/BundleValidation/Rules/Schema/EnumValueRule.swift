import BundleModel
import Foundation

public struct EnumValueRule: SchemaFindingRule {
    public init() {}
    public static let findingKind = SchemaFinding.Kind.badEnumValue
    public static let description = RuleDescription(
        id: "enum-value", name: "Allowed values", severity: .warning, scope: .target,
        summary: "Fields with a fixed set of values (run_if, pause_status, permission levels, ...) hold one of them.",
        documentation: """
        Values are case-sensitive: `pause_status: paused` is rejected by the Jobs API. The diagnostic lists
        the valid values, in the CLI's words (`invalid value "paused" for enum field. Valid values are
        [PAUSED UNPAUSED]`), and suggests the closest one. Permission levels are checked per resource type
        as the CLI's bundle/internal/validation/generated/enum_fields.go lists them (a job takes CAN_VIEW,
        CAN_MANAGE_RUN, CAN_MANAGE, IS_OWNER; a pipeline CAN_VIEW, CAN_RUN, ...; dashboards, alerts, Genie
        spaces, database instances and the top-level `permissions` take the generic list, CAN_VIEW among
        them).

        A warning, as in the Databricks CLI (bundle/config/validate/enum.go reports `diag.Warning`): the
        CLI deploys the bundle and leaves the value to the API. The fields are the enums of the upstream
        bundle schema and the few more enum_fields.go holds although the schema types them as any string:
        a variable's `type` (only `complex`; a plain variable leaves it out, and `type: string` is
        warned about), an artifact's `type` (`whl`, `jar`) and `executable` (`bash`, `sh`, `cmd`).
        `--strict` fails on it. `bundle.engine` is the bundle-engine rule's (an error there, as in the CLI).
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  schedule:
                    quartz_cron_expression: 0 0 2 * * ?
                    timezone_id: UTC
                    pause_status: ↓paused
            """),
            RuleExample("""
            bundle:
              name: demo
            variables:
              catalog:
                type: ↓string
                default: main
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              volumes:
                landing:
                  catalog_name: main
                  schema_name: raw
                  name: landing
                  volume_type: ↓""
            """),
            RuleExample("""
            bundle:
              name: demo
            artifacts:
              lib:
                type: ↓wheel
                build: python -m build
                path: .
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  schedule:
                    quartz_cron_expression: 0 0 2 * * ?
                    timezone_id: UTC
                    pause_status: PAUSED
            """),
            RuleExample("""
            bundle:
              name: demo
            variables:
              cluster:
                type: complex
                default:
                  num_workers: 2
            artifacts:
              lib:
                type: whl
                build: python -m build
                path: .
            resources:
              dashboards:
                sales:
                  display_name: Sales
                  warehouse_id: abc123
                  file_path: ./sales.lvdash.json
                  permissions:
                    - level: CAN_VIEW
                      group_name: users
            """, files: ["sales.lvdash.json": "{}"]),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        context.schemaFindings.filter { $0.kind == Self.findingKind && !Self.isEngine($0.path) }.map(diagnostic(for:)) + alertFileFindings(context)
    }

    /// The enums of an alert's `.dbalert.json`, which the CLI reads into the alert before its check
    /// (load_dbalert_files.go, then enum.go): the evaluation's comparison operator and aggregations, the
    /// schedule's pause status.
    static let alertFileEnums: [(path: [String], values: [String])] = [
        (["evaluation", "comparison_operator"], ["LESS_THAN", "GREATER_THAN", "EQUAL", "NOT_EQUAL", "GREATER_THAN_OR_EQUAL", "LESS_THAN_OR_EQUAL", "IS_NULL", "IS_NOT_NULL"]),
        (["evaluation", "source", "aggregation"], ["SUM", "COUNT", "COUNT_DISTINCT", "AVG", "MEDIAN", "MIN", "MAX", "STDDEV"]),
        (["evaluation", "threshold", "column", "aggregation"], ["SUM", "COUNT", "COUNT_DISTINCT", "AVG", "MEDIAN", "MIN", "MAX", "STDDEV"]),
        (["evaluation", "empty_result_state"], ["UNKNOWN", "TRIGGERED", "OK", "ERROR"]),
        (["schedule", "pause_status"], ["UNPAUSED", "PAUSED"]),
    ]

    func alertFileFindings(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for definition in AlertDefinitionFile.all(in: context) {
            guard let json = definition.object else { continue }
            let (alert, file) = (definition.alert, definition.file)
            for (path, values) in Self.alertFileEnums {
                var node: Any? = json
                for key in path { node = (node as? [String: Any])?[key] }
                guard let value = node as? String, !values.contains(value) else { continue }
                let suggestion = Suggestion.closest(to: value, among: values).map { " Did you mean \($0)?" } ?? ""
                out.append(diagnostic("invalid value \"\(value)\" for enum field. Valid values are [\(values.joined(separator: " "))]",
                                      detail: "In \(file) (\(path.joined(separator: "."))), which the CLI reads into the alert.\(suggestion)",
                                      path: "\(alert.path).\(path.joined(separator: "."))", at: definition.location))
            }
        }
        return out
    }

    static func isEngine(_ path: String) -> Bool {
        path == "bundle.engine" || path.hasSuffix(".bundle.engine")
    }
}
