import BundleModel

public struct TaskDependencyExistsRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "task-dependency-exists", name: "Dependencies name existing tasks", severity: .error, scope: .target,
        summary: "Every `depends_on` entry names a task of the same job (and not the task itself).",
        documentation: """
        A dependency on a task that does not exist, often a renamed one, is rejected by the Jobs API at
        deploy time. The Databricks CLI does not check it offline; dabrepo suggests the closest task key.
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
                    - task_key: transform
                      depends_on:
                        - task_key: ↓injest
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
                      depends_on:
                        - task_key: ingest
                      notebook_task:
                        notebook_path: /Workspace/b
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for job in context.resources("jobs") {
            let tasks = job.node["tasks"]?.sequence ?? []
            let keys = tasks.compactMap { $0["task_key"]?.string }
            for (i, task) in tasks.enumerated() {
                let own = task["task_key"]?.string
                for (j, dependency) in (task["depends_on"]?.sequence ?? []).enumerated() {
                    guard let node = dependency["task_key"], let key = node.string, !isSymbolic(node) else { continue }
                    let path = "\(job.path).tasks[\(i)].depends_on[\(j)].task_key"
                    if key == own {
                        out.append(diagnostic("task \(key) of job \(job.key) depends on itself", path: path, at: node.location))
                    } else if !keys.contains(key) {
                        out.append(diagnostic("task \(own ?? "#\(i)") of job \(job.key) depends on \(key), which is not a task of the job",
                                              // (Never the task itself: a task cannot wait for itself.)
                                              detail: Suggestion.closest(to: key, among: keys.filter { $0 != own }).map { "Did you mean \($0)?" },
                                              path: path, at: node.location))
                    }
                }
            }
        }
        return out
    }
}
