import BundleModel

public struct TaskKeyUniqueRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "task-key-unique", name: "Task keys are unique", severity: .error, scope: .target,
        summary: "No two tasks of a job share a `task_key`.",
        documentation: """
        `depends_on`, run output and repair runs identify tasks by `task_key`. Two tasks with the same key
        in one job make the job invalid. The Databricks CLI does not check this before deploying.
        A target override that repeats a key merges into the existing task, which is fine.
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
                                          detail: "Give each task of a job its own task_key.",
                                          path: "\(job.path).tasks[\(i)].task_key", at: node.location))
                } else {
                    seen[key] = node.location
                }
            }
        }
        return out
    }
}
