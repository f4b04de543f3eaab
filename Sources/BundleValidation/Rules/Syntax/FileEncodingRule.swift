import BundleModel

public struct FileEncodingRule: ModelReportedRule {
    public init() {}
    public static let description = RuleDescription(
        id: ModelRuleID.fileEncoding, name: "File encoding and size", severity: .error, scope: .bundle,
        summary: "Configuration files are UTF-8 text of reasonable size.",
        documentation: """
        Bundle configuration must be UTF-8 without NUL bytes. The diagnostic gives the line and column of the
        first byte that is not valid UTF-8; a binary file matched by an include glob is the usual cause.
        Files over 16 MB are refused rather than parsed: configuration is never that large.
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n", files: ["resources/x.yml": "resources:\n  jobs:\n    a:\n      name: caf↓\u{0}\n"]),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: démo ✓\n"),
        ])
}
