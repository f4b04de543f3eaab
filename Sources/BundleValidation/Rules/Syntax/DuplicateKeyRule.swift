import BundleModel

public struct DuplicateKeyRule: ModelReportedRule {
    public init() {}
    public static let description = RuleDescription(
        id: ModelRuleID.duplicateKey, name: "Duplicate key", severity: .warning, scope: .bundle,
        summary: "A key appears at most once in a mapping.",
        documentation: """
        The Databricks CLI keeps the later of two equal keys silently, so a setting you see in the file may
        not be the one that is deployed. A warning, since the CLI accepts it (an edit that brings one in is
        refused); remove one of the two entries, or merge them. Keys brought in by a `<<` merge key are not
        duplicates: keys written in the mapping override them. Two `<<` keys in one mapping are an error,
        as in the CLI: merge several maps with a sequence, `<<: [*a, *b]`.
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: demo\n↓bundle:\n  name: other\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            x-defaults: &defaults
              timeout_seconds: 60
            resources:
              jobs:
                etl:
                  <<: *defaults
                  timeout_seconds: 120
            """),
        ])
}
