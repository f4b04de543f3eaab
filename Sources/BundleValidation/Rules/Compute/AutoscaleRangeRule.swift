import BundleModel
import Foundation

/// An autoscale range whose most is not above its least: `max_workers: 2` with `min_workers: 2` or `4`.
public struct AutoscaleRangeRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "autoscale-range", name: "Autoscaling ranges grow", severity: .warning, scope: .target,
        summary: "`autoscale.max_workers` is greater than `min_workers`; the same number of workers is a fixed size (`num_workers`).",
        documentation: """
        The clusters API requires `max_workers` to be greater than `min_workers` ("Note that `max_workers` must be
        strictly greater than `min_workers`", in Databricks' own models of a bundle); the workspace refuses the
        cluster when the bundle is deployed, and `bundle validate` does not say so. A range of one size (`2`–`2`)
        is a fixed size: write `num_workers: 2` instead of `autoscale`. Clusters of jobs, pipelines and
        all-purpose clusters are checked, with `${var.…}` values as the target resolves them.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        autoscale:
                          min_workers: 2
                          max_workers: ↓2
                  tasks:
                    - task_key: run
                      job_cluster_key: main
                      notebook_task:
                        notebook_path: /Workspace/etl
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              clusters:
                shared:
                  spark_version: 15.4.x-scala2.12
                  node_type_id: i3.xlarge
                  autoscale: {min_workers: 8, max_workers: ↓4}
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              clusters:
                shared:
                  spark_version: 15.4.x-scala2.12
                  node_type_id: i3.xlarge
                  autoscale: {min_workers: 1, max_workers: 4}
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func count(_ node: YAMLNode?) -> Int? {
            guard case .scalar(let scalar)? = node?.kind else { return nil }
            return Int(scalar.text)
        }
        ResourceSettingsWalk.walk(context) { components, e in
            guard e.key == "autoscale", let least = count(e.value["min_workers"]), let most = count(e.value["max_workers"]), most <= least, least >= 0 else { return false }
            let at = e.value.mapping?.entries.first { $0.key == "max_workers" }?.value.location ?? e.value.location
            out.append(diagnostic(most == least
                                    ? "autoscale.max_workers is \(most), the same as min_workers: the workspace expects a range that grows"
                                    : "autoscale.max_workers is \(most), below min_workers (\(least))",
                                  detail: most == least
                                    ? "For \(most) worker\(most == 1 ? "" : "s") always, write num_workers: \(most) instead of autoscale; to autoscale, make max_workers greater than \(least)."
                                    : "The workspace refuses the cluster when the bundle is deployed: make max_workers greater than min_workers.",
                                  path: SchemaChecker.render(components + ["autoscale", "max_workers"]), at: at))
            return true
        }
        return out
    }
}
