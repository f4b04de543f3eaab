import BundleModel

public struct DuplicateKeyRule: ModelReportedRule {
    public init() {}
    public static let description = RuleDescription(
        id: ModelRuleID.duplicateKey, name: "Duplicate key", severity: .error, scope: .bundle,
        summary: "A key appears at most once in a mapping.",
        documentation: """
        YAML parsers disagree about duplicate keys: most keep the last value silently, so a setting you
        see in the file may not be the one that is deployed. Remove one of the two entries, or merge them.
        Keys brought in by a `<<` merge key are not duplicates: keys written in the mapping override them.
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
