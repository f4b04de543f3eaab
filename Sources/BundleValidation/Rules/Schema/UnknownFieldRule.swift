import BundleModel

public struct UnknownFieldRule: SchemaFindingRule {
    public init() {}
    public static let findingKind = SchemaFinding.Kind.unknownField
    public static let description = RuleDescription(
        id: "unknown-field", name: "Unknown field", severity: .warning, scope: .target,
        summary: "Every field is one that Databricks knows for its place.",
        documentation: """
        A misspelt field is ignored at deploy time, so the setting silently does not apply. dabrepo knows
        the fields of the top-level sections and of every resource type (jobs, pipelines, clusters, schemas,
        volumes, apps, dashboards, ...), and suggests the closest known name. A warning, as in the
        Databricks CLI; `--strict` turns warnings into a failing exit status.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  ↓max_concurent_runs: 2
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
                  max_concurrent_runs: 2
            """),
        ])
}
