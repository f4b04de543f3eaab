import BundleModel

public struct FieldTypeRule: SchemaFindingRule {
    public init() {}
    public static let findingKind = SchemaFinding.Kind.wrongType
    public static let description = RuleDescription(
        id: "field-type", name: "Field types", severity: .error, scope: .target,
        summary: "Each value has the type its field needs: string, integer, boolean, mapping or sequence.",
        documentation: """
        `num_workers: two`, `tasks:` given a mapping instead of a list, or `timeout_seconds: "60"` fail at
        deploy time. Any scalar is accepted where a string is expected; integers, numbers and booleans must
        be written unquoted. A value that is still a `${...}` reference is accepted: it is known only at
        deploy time.
        """,
        triggeringExamples: [
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
            """),
        ])
}
