import BundleModel

public struct TaskComputeRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "task-compute", name: "Tasks have compute", severity: .error, scope: .target,
        summary: "Python script, wheel, JAR and dbt tasks name a cluster or an environment; environment keys are defined.",
        documentation: """
        A `spark_python_task`, `python_wheel_task`, `spark_jar_task`, `spark_submit_task` or `dbt_task` needs
        compute: `job_cluster_key`, `new_cluster`, `existing_cluster_id`, or, on serverless, an
        `environment_key` defined in the job's `environments`. Notebook and SQL tasks may omit it
        (serverless notebooks, SQL warehouses). A bundle-wide `bundle.cluster_id` (`--cluster-id`) does not
        count: the CLI puts that cluster only on tasks that name compute already (override_compute.go), so a
        task without any still fails.
        """,
        triggeringExamples: [
            // A bundle-wide cluster_id replaces the compute tasks name; it gives none to a task without.
            RuleExample("""
            bundle:
              name: demo
              cluster_id: 0101-120000-abcdefgh
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - ↓task_key: score
                      python_wheel_task:
                        package_name: demo
                        entry_point: main
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - ↓task_key: score
                      spark_python_task:
                        python_file: /Workspace/score.py
            """),
            // An empty cluster id (beeyal/energy-regulatory-intelligence), here from a variable.
            RuleExample("""
            bundle:
              name: demo
            variables:
              cluster_id:
                default: ""
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - ↓task_key: score
                      existing_cluster_id: ${var.cluster_id}
                      python_wheel_task:
                        package_name: demo
                        entry_point: main
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  environments:
                    - environment_key: default
                      spec:
                        environment_version: "2"
                  tasks:
                    - task_key: score
                      environment_key: ↓defualt
                      spark_python_task:
                        python_file: /Workspace/score.py
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
                  environments:
                    - environment_key: default
                      spec:
                        environment_version: "2"
                  tasks:
                    - task_key: score
                      environment_key: default
                      spark_python_task:
                        python_file: /Workspace/score.py
                    - task_key: notebook_on_serverless
                      notebook_task:
                        notebook_path: /Workspace/report
            """),
        ])

    static let computeTaskTypes = ["spark_python_task", "python_wheel_task", "spark_jar_task", "spark_submit_task", "dbt_task"]
    static let computeFields = ["job_cluster_key", "new_cluster", "existing_cluster_id", "environment_key", "compute"]

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for t in context.tasks(nested: true) {
            let environments = (t.job.node["environments"]?.sequence ?? []).compactMap { $0["environment_key"]?.string }
            if let keyNode = t.task["environment_key"], let key = keyNode.string, !isSymbolic(keyNode), !environments.contains(key) {
                var detail = environments.isEmpty
                    ? "Job \(t.job.key) defines no environments; add one with environment_key: \(key)."
                    : "Job \(t.job.key) defines: \(environments.joined(separator: ", "))."
                if let s = Suggestion.closest(to: key, among: environments) { detail = "Did you mean \(s)? " + detail }
                out.append(diagnostic("environment_key \(key) is not defined in job \(t.job.key)", detail: detail,
                                      path: t.path + ".environment_key", at: keyNode.location))
            }
            // (An empty `existing_cluster_id: ""`, or a variable that resolves to "", names none: the CLI's
            // job_task_cluster_spec.go counts only non-empty ones.)
            guard let type = Self.computeTaskTypes.first(where: { t.task[$0] != nil }),
                  !Self.computeFields.contains(where: { field in t.task[field].map { !$0.isNull && $0.string != "" } ?? false }) else { continue }
            out.append(diagnostic(
                "task \(t.name) of job \(t.job.key) is a \(type) but names no compute",
                detail: "Set job_cluster_key (a cluster in the job's job_clusters), new_cluster, existing_cluster_id, or environment_key for serverless.",
                path: t.path, at: t.task.location))
        }
        return out
    }
}
