import BundleModel

public struct YAMLSyntaxRule: ModelReportedRule {
    public init() {}
    public static let description = RuleDescription(
        id: ModelRuleID.yamlSyntax, name: "YAML syntax", severity: .error, scope: .bundle,
        summary: "Every configuration file is well-formed YAML holding one document.",
        documentation: """
        A file that does not parse stops the whole bundle from loading, in dabrepo as in the Databricks CLI.
        The diagnostic names the line and column where the parser gave up and shows the line with a caret.
        Common causes: a tab used for indentation, a `:` inside an unquoted value, an unclosed `[` or quote,
        a key indented one space off. Aliases (`*name`) that multiply large anchors beyond two million
        nodes are refused here too (a "billion laughs" document).
        """,
        triggeringExamples: [
            // (An unclosed "[" at the end: said at the file's last line.)
            RuleExample("bundle:\n  name: demo\nresources:\n  jobs:\n    etl:\n      name: ↓[nightly, etl\n"),
            RuleExample("bundle:\n  name: demo\n  ↓- oops\n"),
            // A key YAML reads as a number: the CLI stops loading ("invalid key tag: !!int").
            RuleExample("bundle:\n  name: demo\nresources:\n  jobs:\n    etl:\n      name: etl\n      tags:\n        ↓2024: year\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: demo\nresources:\n  jobs:\n    etl:\n      name: \"nightly: etl\"\n"),
            // Quoted, or a null (`null:` is the text "null" to the CLI), a key is text.
            RuleExample("bundle:\n  name: demo\nresources:\n  jobs:\n    etl:\n      name: etl\n      tags:\n        \"2024\": year\n        v1: x\n        null: y\n"),
        ])
}
