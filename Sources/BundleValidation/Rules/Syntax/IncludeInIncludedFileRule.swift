import BundleModel

public struct IncludeInIncludedFileRule: ModelReportedRule {
    public init() {}
    public static let description = RuleDescription(
        id: ModelRuleID.includeInIncludedFile, name: "Include sections outside the root file", severity: .warning, scope: .bundle,
        summary: "An `include` section in an included file is ignored.",
        documentation: """
        Only the root file's `include` section is applied; the Databricks CLI warns "Include section is
        defined outside root file" and reads none of the files it names. Move the patterns into the
        root file's `include`.
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n", files: [
                "resources/a.yml": "include:\n  - ../more/*.yml\nresources:\n  jobs:\n    a:\n      name: a\n",
            ]),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n", files: [
                "resources/a.yml": "resources:\n  jobs:\n    a:\n      name: a\n",
            ]),
        ])
}
