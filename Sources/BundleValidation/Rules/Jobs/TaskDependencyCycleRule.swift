import BundleModel

public struct TaskDependencyCycleRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "task-dependency-cycle", name: "No dependency cycles", severity: .error, scope: .target,
        summary: "The tasks of a job and their `depends_on` form no cycle.",
        documentation: """
        A job's tasks must form a directed acyclic graph. The diagnostic names the cycle, for example
        `a → b → c → a`, and points at the dependency that closes it. The Databricks CLI does not check it.
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
                    - task_key: a
                      depends_on:
                        - task_key: c
                      notebook_task:
                        notebook_path: /Workspace/a
                    - task_key: b
                      depends_on:
                        - task_key: ↓a
                      notebook_task:
                        notebook_path: /Workspace/b
                    - task_key: c
                      depends_on:
                        - task_key: b
                      notebook_task:
                        notebook_path: /Workspace/c
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
                    - task_key: a
                      notebook_task:
                        notebook_path: /Workspace/a
                    - task_key: b
                      depends_on:
                        - task_key: a
                      notebook_task:
                        notebook_path: /Workspace/b
                    - task_key: c
                      depends_on:
                        - task_key: a
                        - task_key: b
                      notebook_task:
                        notebook_path: /Workspace/c
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for job in context.resources("jobs") {
            let tasks = job.node["tasks"]?.sequence ?? []
            var edges: [String: [(String, YAMLNode, String)]] = [:]
            var order: [String] = []
            for (i, task) in tasks.enumerated() {
                guard let key = task["task_key"]?.string else { continue }
                if edges[key] == nil { order.append(key) }
                for (j, d) in (task["depends_on"]?.sequence ?? []).enumerated() {
                    guard let node = d["task_key"], let target = node.string, target != key else { continue }
                    edges[key, default: []].append((target, node, "\(job.path).tasks[\(i)].depends_on[\(j)].task_key"))
                }
            }
            // Depth-first search; a back edge closes a cycle. Each cycle is reported once.
            var state: [String: Int] = [:]  // 1 on the stack, 2 done
            var stack: [String] = []
            var reported = Set<Set<String>>()
            func visit(_ key: String) {
                state[key] = 1
                stack.append(key)
                for (target, node, path) in edges[key] ?? [] {
                    if state[target] == 1, let start = stack.firstIndex(of: target) {
                        let members = Array(stack[start...])
                        if reported.insert(Set(members)).inserted {
                            let cycle = (members + [target]).joined(separator: " → ")
                            out.append(diagnostic("tasks of job \(job.key) form a dependency cycle: \(cycle)",
                                                  detail: "Remove one of these depends_on entries so that the tasks can run in order.",
                                                  path: path, at: node.location))
                        }
                    } else if state[target] == nil, edges[target] != nil || order.contains(target) {
                        visit(target)
                    }
                }
                stack.removeLast()
                state[key] = 2
            }
            for key in order where state[key] == nil { visit(key) }
        }
        return out
    }
}
