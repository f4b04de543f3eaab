import BundleModel

public struct PipelineServerlessClustersRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "pipeline-serverless-clusters", name: "Serverless pipelines have no clusters", severity: .error, scope: .target,
        summary: "A pipeline with `serverless: true` defines no `clusters`.",
        documentation: """
        Serverless pipelines get their compute from Databricks; cluster settings conflict with it and the
        Pipelines API rejects the combination. Remove `clusters`, or set `serverless: false` to use classic
        compute.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              pipelines:
                etl:
                  name: etl
                  serverless: true
                  catalog: main
                  schema: raw
                  ↓clusters:
                    - label: default
                      num_workers: 2
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              pipelines:
                etl:
                  name: etl
                  serverless: true
                  catalog: main
                  schema: raw
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        context.resources("pipelines").compactMap { p in
            guard p.node["serverless"]?.scalar?.value == .bool(true), let entry = p.node.mapping?.entry("clusters"),
                  !(entry.value.sequence?.isEmpty ?? true) else { return nil }
            return diagnostic("pipeline \(p.key) is serverless and also defines clusters",
                              detail: "Remove clusters, or set serverless: false to run on classic compute.",
                              path: p.path + ".clusters", at: entry.keyLocation)
        }
    }
}
