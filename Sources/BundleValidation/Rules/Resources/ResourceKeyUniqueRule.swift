import BundleModel

public struct ResourceKeyUniqueRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "resource-key-unique", name: "Resource keys are unique", severity: .error, scope: .target,
        summary: "A resource key is used by one resource only, across all resource types and scripts.",
        documentation: """
        The Databricks CLI refuses a bundle in which, say, `jobs.etl` and `pipelines.etl` share the key
        `etl`: keys identify resources in `${resources...}` references, in `databricks bundle run` and in
        the deployment state. A script (`scripts:`) cannot share a key with a resource either: both are
        run by key. Rename one of them.
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
        // `databricks bundle run KEY` runs a resource or a script: their keys share one namespace.
        for script in context.effective.configuration["scripts"]?.mapping?.entries ?? [] {
            guard let resource = first[script.key] else { continue }
            out.append(diagnostic(
                "script key \(script.key) is also the key of \(resource.type).\(script.key) (\(resource.location))",
                detail: "`databricks bundle run \(script.key)` could mean either; rename the script or the resource.",
                path: "scripts.\(script.key)", at: script.keyLocation))
        }
        return out
    }
}
