import BundleModel

public struct BundleNameRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "bundle-name", name: "The bundle has a name", severity: .error, scope: .target,
        summary: "`bundle.name` is set, unless `workspace.root_path` says where the bundle deploys.",
        documentation: """
        The default workspace root is `~/.bundle/<bundle name>/<target>`; without a name the Databricks
        CLI stops with "unable to define default workspace root: bundle name not defined"
        (bundle/config/mutator/default_workspace_root.go). A target may set the name, or its own
        `workspace.root_path`.
        """,
        triggeringExamples: [
            RuleExample("↓resources:\n  jobs:\n    etl:\n      name: etl\n"),
            RuleExample("↓bundle:\n  databricks_cli_version: \">= 0.250.0\"\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: demo\n"),
            RuleExample("workspace:\n  root_path: /Workspace/Shared/.bundle/demo\n"),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        let configuration = context.effective.configuration
        if let name = configuration["bundle"]?["name"], !name.isNull { return [] }
        if let root = configuration["workspace"]?["root_path"], !root.isNull { return [] }
        let bundle = configuration.entry("bundle")
        let location = bundle?.keyLocation ?? SourceLocation(file: context.bundle.rootFile, line: 1, column: 1)
        return [diagnostic("bundle name not defined", detail: "Set bundle.name in \(context.bundle.rootFile) (the default workspace root, ~/.bundle/<name>/<target>, is made from it), or set workspace.root_path.",
                           path: bundle == nil ? "bundle" : "bundle.name", at: location)]
    }
}
