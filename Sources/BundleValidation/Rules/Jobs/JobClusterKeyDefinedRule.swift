import BundleModel

public struct JobClusterKeyDefinedRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "job-cluster-key-defined", name: "Job cluster keys are defined", severity: .warning, scope: .target,
        summary: "A task's `job_cluster_key` names a cluster in its job's `job_clusters`.",
        documentation: """
        Tasks share a job cluster by naming its `job_cluster_key`. A key that no entry of the job's
        `job_clusters` defines fails at deploy time. Job clusters defined only in one target's override
        count for that target only. A warning, as `databricks bundle validate` reports it (the deploy then
        fails); a revision that brings one in is refused.
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
                        num_workers: 2
                  tasks:
                    - task_key: ingest
                      job_cluster_key: ↓mian
                      notebook_task:
                        notebook_path: /Workspace/ingest
            """),
        ],
        nonTriggeringExamples: [
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
                        num_workers: 2
                  tasks:
                    - task_key: ingest
                      job_cluster_key: main
                      notebook_task:
                        notebook_path: /Workspace/ingest
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        context.tasks(nested: true).compactMap { t in
            guard let keyNode = t.task["job_cluster_key"], let key = keyNode.string, !isSymbolic(keyNode) else { return nil }
            let defined = (t.job.node["job_clusters"]?.sequence ?? []).compactMap { $0["job_cluster_key"]?.string }
            guard !defined.contains(key) else { return nil }
            var detail = defined.isEmpty
                ? "Job \(t.job.key) defines no job_clusters; add one with job_cluster_key: \(key)."
                : "Job \(t.job.key) defines: \(defined.joined(separator: ", "))."
            if let s = Suggestion.closest(to: key, among: defined) { detail = "Did you mean \(s)? " + detail }
            return diagnostic("job_cluster_key \(key) is not defined in job \(t.job.key)", detail: detail,
                              path: t.path + ".job_cluster_key", at: keyNode.location)
        }
    }
}
