import BundleModel

public struct ProductionPipelineDevelopmentRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "production-pipeline-development", name: "No development pipelines in production", severity: .error, scope: .target,
        summary: "A `mode: production` target deploys no pipeline with `development: true`.",
        documentation: """
        A pipeline in development mode reuses its cluster and does not retry, which suits iterating, not
        production. The Databricks CLI refuses a production target that deploys one ("target with 'mode:
        production' cannot include a pipeline with 'development: true'", validateProductionMode in
        bundle/config/mutator/resourcemutator/validate_target_mode.go). Set `development: false` for the
        production target (in its `resources` override), or `development: ${var.…}` with a value per target.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              pipelines:
                ingest:
                  name: ingest
                  ↓development: true
            targets:
              prod:
                mode: production
                workspace:
                  root_path: /Workspace/Shared/.bundle/demo
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              pipelines:
                ingest:
                  name: ingest
            targets:
              prod:
                mode: production
                presets:
                  ↓pipelines_development: true
                workspace:
                  root_path: /Workspace/Shared/.bundle/demo
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              pipelines:
                ingest:
                  name: ingest
                  development: true
            targets:
              dev:
                mode: development
                default: true
              prod:
                mode: production
                workspace:
                  root_path: /Workspace/Shared/.bundle/demo
                resources:
                  pipelines:
                    ingest:
                      development: false
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        guard context.effective.mode == "production" else { return [] }
        // `presets.pipelines_development: true` makes every pipeline development: true before the mode is
        // checked (ApplyPresets runs first, bundle/phases/initialize.go).
        let pipelines = context.resources("pipelines")
        if let preset = context.effective.configuration["presets"]?.mapping?.entry("pipelines_development"),
           preset.value.scalar?.value == .bool(true), let first = pipelines.first {
            return [diagnostic("target with 'mode: production' cannot include a pipeline with 'development: true'",
                               detail: "presets.pipelines_development: true makes every pipeline of the target (\(pipelines.map(\.key).joined(separator: ", "))) development: true; remove the preset from this production target.",
                               path: first.path + ".development", at: preset.keyLocation)]
        }
        return pipelines.compactMap { pipeline in
            guard let flag = pipeline.node.mapping?.entry("development"), flag.value.scalar?.value == .bool(true) else { return nil }
            return diagnostic("target with 'mode: production' cannot include a pipeline with 'development: true'",
                              detail: "Set development: false for this target, or remove development: true from pipeline \(pipeline.key).",
                              path: pipeline.path + ".development", at: flag.keyLocation)
        }
    }
}
