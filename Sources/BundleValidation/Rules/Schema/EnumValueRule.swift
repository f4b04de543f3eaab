import BundleModel

public struct EnumValueRule: SchemaFindingRule {
    public init() {}
    public static let findingKind = SchemaFinding.Kind.badEnumValue
    public static let description = RuleDescription(
        id: "enum-value", name: "Allowed values", severity: .warning, scope: .target,
        summary: "Fields with a fixed set of values (run_if, pause_status, permission levels, ...) hold one of them.",
        documentation: """
        Values are case-sensitive: `pause_status: paused` is rejected by the Jobs API. The diagnostic lists
        the valid values and suggests the closest one. Permission levels are checked per resource type
        (a job takes CAN_VIEW, CAN_MANAGE_RUN, CAN_MANAGE, IS_OWNER; a pipeline CAN_VIEW, CAN_RUN, ...).

        A warning, as in the Databricks CLI (bundle/config/validate/enum.go reports `diag.Warning`): the
        CLI deploys the bundle and leaves the value to the API. Only fields that are enums in the upstream
        bundle schema are checked; a field the schema types as any string (a variable's `type`, an
        artifact's `type`) is not. `--strict` fails on it. `bundle.engine` is the bundle-engine rule's (an
        error there, as in the CLI).
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
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        context.schemaFindings.filter { $0.kind == Self.findingKind && !Self.isEngine($0.path) }.map {
            diagnostic($0.summary, detail: $0.detail, path: $0.path, at: $0.location)
        }
    }

    static func isEngine(_ path: String) -> Bool {
        path == "bundle.engine" || path.hasSuffix(".bundle.engine")
    }
}
