import BundleModel

public struct IncludeOutsideRootRule: ModelReportedRule {
    public init() {}
    public static let description = RuleDescription(
        id: ModelRuleID.includeOutsideRoot, name: "Includes outside the bundle root", severity: .info, scope: .bundle,
        summary: "Notes configuration read from outside the bundle directory through `..`.",
        documentation: """
        The Databricks CLI accepts `include: [../common/vars.yml]`, which lets several bundles of one
        repository share configuration. The bundle then cannot be validated or deployed on its own: keep
        the shared files in the same repository. An informational note; it never fails validation.
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: demo\ninclude:\n  - ↓../common/*.vars.yml\n", files: [
                "../common/catalog.vars.yml": "variables:\n  catalog:\n    default: main\n",
            ]),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n", files: [
                "resources/a.job.yml": "resources:\n  jobs:\n    a:\n      name: a\n",
            ]),
        ])
}
