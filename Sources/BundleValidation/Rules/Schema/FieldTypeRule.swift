import BundleModel

public struct FieldTypeRule: SchemaFindingRule {
    public init() {}
    public static let findingKind = SchemaFinding.Kind.wrongType
    public static let description = RuleDescription(
        id: ModelRuleID.fieldType, name: "Field types", severity: .warning, scope: .target,
        summary: "Each value has the type its field needs: string, integer, boolean, mapping or sequence.",
        documentation: """
        `num_workers: two` or `tasks:` given a mapping instead of a list: the Databricks CLI warns ("expected
        sequence, found map") and drops the value, so the deployed resource lacks it. A warning, as in the
        CLI; an edit that brings one in is refused. Values convert as the CLI converts them: any scalar
        where a string is expected, `"60"` and `60.0` where an integer is, `yes`/`no`/`on`/`off` where a
        boolean is. A value that is still a `${...}` reference is accepted: it is known only at deploy time.
        """,
        triggeringExamples: [
            // A section of the wrong shape is left out while loading (the jobs are not deployed).
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                ↓- etl:
                    name: etl
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  timeout_seconds: ↓"one hour"
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
                  timeout_seconds: 3600
                  max_concurrent_runs: "2"
                  queue:
                    enabled: yes
            """),
        ])

    /// The schema's type findings, and the sections the loader left out for their shape.
    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        context.schemaFindings.filter { $0.kind == Self.findingKind }.map(diagnostic(for:))
            + context.bundle.diagnostics.filter { $0.rule == Self.description.id }
    }
}
