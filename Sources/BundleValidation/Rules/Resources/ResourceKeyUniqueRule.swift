import BundleModel

public struct ResourceKeyUniqueRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "resource-key-unique", name: "Resource keys are unique", severity: .error, scope: .target,
        summary: "A resource key is used by one resource only, across all resource types.",
        documentation: """
        The Databricks CLI refuses a bundle in which, say, `jobs.etl` and `pipelines.etl` share the key
        `etl`: keys identify resources in `${resources...}` references, in `databricks bundle run` and in
        the deployment state. Rename one of them.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl job
              pipelines:
                ↓etl:
                  name: etl pipeline
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl_job:
                  name: etl job
              pipelines:
                etl_pipeline:
                  name: etl pipeline
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var first: [String: (type: String, location: SourceLocation)] = [:]
        var out: [Diagnostic] = []
        for r in context.effective.resources {
            if let earlier = first[r.key], earlier.type != r.type {
                out.append(diagnostic(
                    "resource key \(r.key) is used by both \(earlier.type).\(r.key) (\(earlier.location)) and \(r.type).\(r.key)",
                    detail: "Resource keys must be unique across all resource types; rename one of them.",
                    path: "resources.\(r.type).\(r.key)", at: r.keyLocation))
            } else if first[r.key] == nil {
                first[r.key] = (r.type, r.keyLocation)
            }
        }
        return out
    }
}
