import BundleModel

public struct TargetsAndEnvironmentsRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "targets-and-environments", name: "Targets or environments, not both", severity: .error, scope: .bundle,
        summary: "A bundle names its deployments under `targets:` or (the old name) `environments:`, not both.",
        documentation: """
        `environments:` is the old name of `targets:`. The Databricks CLI reads either, but stops when a
        bundle has both ("both 'environments' and 'targets' are specified; only 'targets' should be used",
        bundle/config/mutator/environments_compat.go). Move the entries of `environments:` under `targets:`.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            ↓environments:
              dev:
                default: true
            targets:
              prod:
                mode: production
                workspace:
                  root_path: /Workspace/Shared/.bundle/demo
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            environments:
              dev:
                default: true
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        let roots = context.bundle.files.compactMap(\.root?.mapping)
        guard let environments = roots.lazy.compactMap({ $0.entry("environments") }).first,
              roots.contains(where: { $0.entry("targets") != nil }) else { return [] }
        return [diagnostic("both 'environments' and 'targets' are specified; only 'targets' should be used",
                           detail: "Move the entries of environments: under targets:.", path: "environments", at: environments.keyLocation)]
    }
}
