import BundleModel

/// A task is of one kind: `notebook_task`, `condition_task`, `pipeline_task`, … — one of them.
public struct TaskTypeOneRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "task-type-one", name: "A task has one task type", severity: .warning, scope: .target,
        summary: "A task sets one of notebook_task, spark_python_task, pipeline_task, condition_task, … — not two.",
        documentation: """
        Each task of a job runs one thing: the Jobs API refuses a task that sets two task types (a
        `notebook_task` and a `condition_task`, a `pipeline_task` and a `spark_python_task`), so the deploy
        fails. `databricks bundle validate` does not check it: a warning here, at the second type. Usually a
        task was copied and half edited, or two tasks were merged by a shared `task_key`; split them into
        tasks of their own (with `depends_on` between them).
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
                    - task_key: check
                      notebook_task:
                        notebook_path: /Workspace/check
                      ↓condition_task:
                        op: EQUAL_TO
                        left: "1"
                        right: "1"
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
                  tasks:
                    - task_key: check
                      condition_task:
                        op: EQUAL_TO
                        left: "1"
                        right: "1"
                    - task_key: load
                      depends_on:
                        - task_key: check
                          outcome: "true"
                      notebook_task:
                        notebook_path: /Workspace/load
            """),
        ])

    /// The fields that say what a task runs (jobs.Task in the Jobs API).
    static let taskTypes: Set<String> = [
        "notebook_task", "spark_python_task", "spark_jar_task", "spark_submit_task", "python_wheel_task", "pipeline_task", "run_job_task",
        "sql_task", "dbt_task", "condition_task", "for_each_task", "dashboard_task", "clean_rooms_notebook_task", "power_bi_task",
        "gen_ai_compute_task", "dbt_cloud_task", "dbt_platform_task", "alert_task", "ai_runtime_task", "python_operator_task",
    ]

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        context.tasks(nested: true).compactMap { item in
            let types = (item.task.mapping?.entries ?? []).filter { Self.taskTypes.contains($0.key) && !$0.value.isNull }
            guard types.count > 1 else { return nil }
            let key = item.task["task_key"]?.string ?? "#\(item.index + 1)"
            return diagnostic("task \(key) of job \(item.job.key) sets \(types.count) task types (\(types.map(\.key).joined(separator: ", "))); a task runs one",
                              detail: "The Jobs API refuses a task with more than one task type, so the deploy fails. Keep one, and move the other into a task of its own (with depends_on between them).",
                              path: item.path + "." + types[1].key, at: types[1].keyLocation)
        }
    }
}
