import BundleModel

public struct ProductionClusterOverrideRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "production-cluster-override", name: "No cluster override in production", severity: .warning, scope: .target,
        summary: "A `mode: production` target sets no `cluster_id` (every task on one all-purpose cluster).",
        documentation: """
        A target's `cluster_id` (or `bundle.cluster_id`, `--cluster-id`) runs every task of the target on
        that all-purpose cluster instead of the compute the jobs define. For development that is quick; in
        production the CLI warns ("Setting a cluster override for a target that uses 'mode: production' is
        not recommended", bundle/config/mutator/resourcemutator/override_compute.go): production should run
        on the same compute every time. Remove the override from the production target.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            targets:
              prod:
                mode: production
                workspace:
                  root_path: /Workspace/Shared/.bundle/demo
                ↓cluster_id: 0123-456789-abcdefgh
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                mode: development
                default: true
                cluster_id: 0123-456789-abcdefgh
              prod:
                mode: production
                workspace:
                  root_path: /Workspace/Shared/.bundle/demo
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        guard context.effective.mode == "production" else { return [] }
        let own = context.effective.target.flatMap { context.bundle.targetsMapping?[$0]?.mapping }
        let entry = own?.entry("cluster_id") ?? own?.entry("compute_id") ?? own?["bundle"]?.mapping?.entry("cluster_id")
            ?? context.bundle.configuration["bundle"]?.mapping?.entry("cluster_id")
        guard let entry, let value = entry.value.string, !value.isEmpty else { return [] }
        return [diagnostic("Setting a cluster override for a target that uses 'mode: production' is not recommended",
                           detail: "It is recommended to always use the same compute for production target for consistency. Remove cluster_id from this target.",
                           path: (context.effective.target.map { "targets.\($0)." } ?? "bundle.") + entry.key, at: entry.keyLocation)]
    }
}
