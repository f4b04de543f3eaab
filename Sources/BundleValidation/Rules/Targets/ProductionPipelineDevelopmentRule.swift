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
        return context.resources("pipelines").compactMap { pipeline in
            guard let flag = pipeline.node.mapping?.entry("development"), flag.value.scalar?.value == .bool(true) else { return nil }
            return diagnostic("target with 'mode: production' cannot include a pipeline with 'development: true'",
                              detail: "Set development: false for this target, or remove development: true from pipeline \(pipeline.key).",
                              path: pipeline.path + ".development", at: flag.keyLocation)
        }
    }
}
