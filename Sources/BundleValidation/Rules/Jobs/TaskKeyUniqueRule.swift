import BundleModel

public struct TaskKeyUniqueRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "task-key-unique", name: "Task keys are unique", severity: .warning, scope: .target,
        summary: "No two tasks of a job share a `task_key`.",
        documentation: """
        `depends_on`, run output and repair runs identify tasks by `task_key`. The Databricks CLI merges
        tasks of one job that share a key into one task (resourcemutator/merge_job_tasks.go: the later
        one's fields over the earlier one's), so a task written twice by mistake silently becomes a mix of
        both: a warning. A target override that repeats a key merges into the existing task, which is what
        overrides are for, and is not reported.
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
                    - task_key: ingest
                      notebook_task:
                        notebook_path: /Workspace/a
                    - task_key: ↓ingest
                      notebook_task:
                        notebook_path: /Workspace/b
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
                    - task_key: ingest
                      notebook_task:
                        notebook_path: /Workspace/a
                    - task_key: transform
                      notebook_task:
                        notebook_path: /Workspace/b
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for job in context.resources("jobs") {
            var seen: [String: SourceLocation] = [:]
            for (i, task) in (job.node["tasks"]?.sequence ?? []).enumerated() {
                guard let node = task["task_key"], let key = node.string else { continue }
                if let first = seen[key] {
                    out.append(diagnostic("task_key \(key) is used by more than one task of job \(job.key) (first at \(first))",
                                          detail: "The Databricks CLI merges tasks that share a key into one task, the later one's fields over the earlier one's; give each task of a job its own task_key.",
                                          path: "\(job.path).tasks[\(i)].task_key", at: node.location))
                } else {
                    seen[key] = node.location
                }
            }
        }
        return out
    }
}
