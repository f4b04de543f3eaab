import BundleModel

public struct IncludePathRule: ModelReportedRule {
    public init() {}
    public static let description = RuleDescription(
        id: ModelRuleID.include, name: "Include paths", severity: .error, scope: .bundle,
        summary: "`include` entries are globs inside the bundle that name existing .yml, .yaml or .json files.",
        documentation: """
        `include:` lists globs relative to the bundle root: `*`, `?`, `[abc]`, matched as the Databricks
        CLI matches them (Go's filepath.Glob): `**` is `*`, one directory level, and `{a,b}` is literal.
        Where a recursive `**` or braces would include more files, a warning names them (never the root
        `databricks.yml`, which the CLI loads anyway). A glob may match
        nothing, but a literal path must name an existing file. Paths may not be absolute; one that leaves
        the bundle root through `..` is read, with a note (include-outside-root). Symbolic links are
        followed, each directory once.
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: demo\ninclude:\n  - ↓resources/etl.job.yml\n"),
            RuleExample("bundle:\n  name: demo\ninclude:\n  - ↓resources/*\n", files: [
                "resources/etl.job.yml": "resources:\n  jobs:\n    etl:\n      name: etl\n",
                "resources/README.md": "# Resources\n",
            ]),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n  - resources/*/*.yaml\n",
                        files: ["resources/etl.job.yml": "resources:\n  jobs:\n    etl:\n      name: etl\n"]),
            // `**/*.yml` is `*/*.yml` to the CLI, but what it leaves out is only the root file, loaded anyway.
            RuleExample("bundle:\n  name: demo\ninclude:\n  - \"**/*.yml\"\n",
                        files: ["resources/etl.job.yml": "resources:\n  jobs:\n    etl:\n      name: etl\n"]),
        ])
}
