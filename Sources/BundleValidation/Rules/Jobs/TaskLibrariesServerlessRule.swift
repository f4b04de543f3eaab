import BundleModel

public struct TaskLibrariesServerlessRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "task-libraries-serverless", name: "No task libraries on serverless", severity: .error, scope: .target,
        summary: "Tasks on serverless compute take their dependencies from an environment, not from task `libraries`.",
        documentation: """
        A task runs on serverless compute when it names an `environment_key`, or when it names no cluster
        (`job_cluster_key`, `new_cluster`, `existing_cluster_id`). A target's `cluster_id` moves the tasks that name
        compute onto that cluster, as the CLI does; a task that names none stays on serverless compute.
        Such a task cannot have task-level `libraries`: the Jobs API refuses the job when it is created or
        updated, so `databricks bundle deploy` fails with "Libraries field is not supported for serverless
        task, please specify libraries in environment. (400 INVALID_PARAMETER_VALUE)". The Databricks CLI's
        own `bundle validate` does not catch it (its acceptance test bundle/resource_deps/job_tasks
        validates and deploys such a task against the CLI's test server, which does not model the rule);
        the refusal comes from the Jobs API, as deployment logs in public bundle repositories show.

        Move the packages into the job's `environments` (`spec.dependencies`, for example
        `- pandas==2.2.2` or `- ./dist/*.whl`) and point the task's `environment_key` at it. Only
        compute tasks are checked: notebook (without a SQL `warehouse_id`), Python script, Python wheel,
        JAR and dbt tasks.
        """,
        triggeringExamples: [
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
                      ↓libraries:
                        - pypi:
                            package: pandas==2.2.2
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                report:
                  name: report
                  tasks:
                    - task_key: report
                      notebook_task:
                        notebook_path: /Workspace/report
                      ↓libraries:
                        - pypi:
                            package: plotly
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
                        dependencies:
                          - pandas==2.2.2
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 2
                  tasks:
                    - task_key: score
                      environment_key: default
                      spark_python_task:
                        python_file: /Workspace/score.py
                    - task_key: train
                      job_cluster_key: main
                      spark_python_task:
                        python_file: /Workspace/train.py
                      libraries:
                        - pypi:
                            package: xgboost
            """),
        ])

    static let computeTaskTypes = ["notebook_task", "spark_python_task", "python_wheel_task", "spark_jar_task", "dbt_task"]
    static let clusterFields = ["job_cluster_key", "new_cluster", "existing_cluster_id"]

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for t in context.tasks(nested: true) {
            guard let libraries = t.task.mapping?.entry("libraries"), let items = libraries.value.sequence, !items.isEmpty,
                  let type = Self.computeTaskTypes.first(where: { t.task[$0] != nil }),
                  t.task["notebook_task"]?["warehouse_id"] == nil else { continue }
            let serverless = t.task["environment_key"] != nil
                || !Self.clusterFields.contains { t.task[$0] != nil }
            guard serverless else { continue }
            let how = t.task["environment_key"] != nil ? "uses environment \(t.task["environment_key"]?.string ?? "")" : "names no cluster"
            out.append(diagnostic(
                "task \(t.name) of job \(t.job.key) runs on serverless compute (it \(how)) but has task libraries",
                detail: "The Jobs API rejects this at deploy: \"Libraries field is not supported for serverless task, please specify "
                    + "libraries in environment.\" Move the \(items.count == 1 ? "library" : "\(items.count) libraries") of this \(type) "
                    + "into the job's environments (spec.dependencies) and set the task's environment_key.",
                path: t.path + ".libraries", at: libraries.keyLocation))
        }
        return out
    }
}
