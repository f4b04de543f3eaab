import BundleModel
import Foundation

/// A count or duration below what the workspace accepts: `num_workers: -3`, `max_retries: -5`.
public struct NegativeCountRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "negative-count", name: "Counts and durations are not negative", severity: .error, scope: .target,
        summary: "Workers, retries, timeouts and concurrent runs are zero or more (`max_retries: -1` retries without end).",
        documentation: """
        The workspace refuses a cluster of `num_workers: -3`, autoscaling from `min_workers: -1`, a
        `timeout_seconds`, `min_retry_interval_millis` or `max_concurrent_runs` below zero, and
        `max_retries` below -1 (-1 means retry without end) when the bundle is deployed; `bundle
        validate` does not say so. Values written with `${var.…}` are checked as the target resolves them.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: run
                      max_retries: ↓-5
                      notebook_task:
                        notebook_path: /Workspace/etl
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 2
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              clusters:
                shared:
                  spark_version: 15.4.x-scala2.12
                  node_type_id: i3.xlarge
                  num_workers: ↓-3
            """),
            RuleExample("""
            bundle:
              name: demo
            presets:
              jobs_max_concurrent_runs: ↓-2
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: run
                      notebook_task:
                        notebook_path: /Workspace/etl
            """),
        ],
        nonTriggeringExamples: [
            // Every job sets its own: the preset is never applied.
            RuleExample("""
            bundle:
              name: demo
            presets:
              jobs_max_concurrent_runs: -2
            resources:
              jobs:
                etl:
                  name: etl
                  max_concurrent_runs: 1
                  tasks:
                    - task_key: run
                      notebook_task:
                        notebook_path: /Workspace/etl
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  max_concurrent_runs: 0
                  timeout_seconds: 0
                  tasks:
                    - task_key: run
                      max_retries: -1
                      min_retry_interval_millis: 0
                      notebook_task:
                        notebook_path: /Workspace/etl
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 0
            """),
        ])

    /// The settings and the least value each may have.
    static let least: [String: Int] = [
        "num_workers": 0, "min_workers": 0, "max_workers": 0, "timeout_seconds": 0, "min_retry_interval_millis": 0,
        "max_concurrent_runs": 0, "max_retries": -1,
    ]

    /// The lengths of those names: most keys are no such setting, told without hashing them.
    static let lengths = Set(least.keys.map(\.utf8.count))

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        ResourceSettingsWalk.walk(context) { components, e in
            guard Self.lengths.contains(e.key.utf8.count), let least = Self.least[e.key], case .scalar(let scalar) = e.value.kind,
                  let value = Int(scalar.text), value < least else { return false }
            let allowed = least == -1 ? "-1 (retry without end) or more" : "0 or more"
            out.append(diagnostic("\(e.key) is \(value); it must be \(allowed)",
                                  detail: "The workspace refuses the value when the bundle is deployed.",
                                  path: SchemaChecker.render(components + [e.key]), at: e.value.location))
            return true
        }
        // `presets.jobs_max_concurrent_runs`, which the CLI copies into every job (apply_presets.go).
        // (Only jobs without their own max_concurrent_runs take it: with none such, it is never applied.)
        let jobs = context.effective.configuration["resources"]?["jobs"]?.mapping?.entries.map(\.value) ?? []
        let taking = jobs.contains { $0["max_concurrent_runs"] == nil }
        for (path, node) in [(["presets"], context.effective.configuration["presets"]?["jobs_max_concurrent_runs"])] where taking {
            guard let node, let value = node.scalar.flatMap({ Int($0.text) }), value < 0 else { continue }
            out.append(diagnostic("jobs_max_concurrent_runs is \(value); it must be 0 or more",
                                  detail: "The CLI gives every job this max_concurrent_runs, which the workspace refuses when the bundle is deployed.",
                                  path: SchemaChecker.render(path + ["jobs_max_concurrent_runs"]), at: node.location))
        }
        return out
    }
}
