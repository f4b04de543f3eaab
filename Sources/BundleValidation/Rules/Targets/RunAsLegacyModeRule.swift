import BundleModel

public struct RunAsLegacyModeRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "run-as-legacy-mode", name: "The legacy run_as mode", severity: .warning, scope: .target,
        summary: "`experimental.use_legacy_run_as` with a `run_as` makes the identity own the pipelines; only admins can deploy that.",
        documentation: """
        Without the legacy mode, jobs run as the `run_as` identity and pipelines keep their owner. With
        `experimental.use_legacy_run_as: true` the Databricks CLI also makes that identity the owner of every
        pipeline, which only a workspace admin (and a metastore admin, for pipelines that publish to Unity
        Catalog) can deploy; the CLI warns whenever the mode is used (bundle/config/mutator/resourcemutator/run_as.go).
        Remove the setting unless the deploying identity is such an admin.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            run_as:
              service_principal_name: 6f1c3a52-0000-4000-8000-000000000001
            experimental:
              use_legacy_run_as: ↓true
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            run_as:
              service_principal_name: 6f1c3a52-0000-4000-8000-000000000001
            experimental:
              use_legacy_run_as: false
            """),
            // Without run_as, the mode changes nothing.
            RuleExample("""
            bundle:
              name: demo
            experimental:
              use_legacy_run_as: true
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        let configuration = context.effective.configuration
        guard configuration["run_as"] != nil, let legacy = configuration["experimental"]?["use_legacy_run_as"],
              legacy.scalar?.value == .bool(true) else { return [] }
        return [diagnostic("You are using the legacy mode of run_as. The support for this mode is experimental and might be removed in a future release of the CLI. In order to run the pipelines in your DABs project as the run_as user this mode changes the owners of the pipelines to the run_as identity, which requires the user deploying the bundle to be a workspace admin, and also a Metastore admin if the pipeline target is in UC.",
                           detail: "Remove experimental.use_legacy_run_as unless the deploying identity is such an admin; without it, jobs run as the run_as identity and pipelines keep their owner.",
                           path: "experimental.use_legacy_run_as", at: legacy.location)]
    }
}
