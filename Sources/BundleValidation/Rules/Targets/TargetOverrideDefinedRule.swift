import BundleModel

/// A target's override of a job, pipeline or task that the bundle does not define: after a rename of
/// the key, the override makes a resource (or task) of its own with only the overridden settings.
public struct TargetOverrideDefinedRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "target-override-defined", name: "Target overrides name what the bundle defines", severity: .warning, scope: .target,
        summary: "A target overrides jobs, pipelines and tasks the bundle defines, by their keys.",
        documentation: """
        A target's `resources` are merged into the definitions by key, and a job's tasks by `task_key`.
        When the key was renamed in the definition but not in the target, the override no longer changes
        it: it makes a job (or pipeline) of its own that has only the overridden settings (no tasks: the
        Jobs API refuses it, or it deploys as an extra job), or a task with no task type, while the
        renamed one loses the target's settings (its schedule, its cluster size). Neither the Databricks
        CLI nor `bundle validate` says so. A job defined in a target alone, with its tasks, is fine.
        (A list written over a reference, `tasks: ${var.job_tasks}`, is target-override-merge.)
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                ingestion:
                  name: ingestion
                  tasks:
                    - task_key: load
                      notebook_task:
                        notebook_path: /Workspace/load
            targets:
              prod:
                resources:
                  jobs:
                    ↓my_data_project_ingestion:
                      schedule:
                        quartz_cron_expression: 0 0 6 * * ?
                        timezone_id: UTC
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                ingestion:
                  name: ingestion
                  tasks:
                    - task_key: ingest_bronze
                      notebook_task:
                        notebook_path: /Workspace/load
            targets:
              prod:
                resources:
                  jobs:
                    ingestion:
                      tasks:
                        - ↓task_key: ingest_to_raw
                          max_retries: 5
            """),
        ],
        nonTriggeringExamples: [
            // A job of one target alone, whole.
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                resources:
                  jobs:
                    cleanup:
                      name: cleanup
                      tasks:
                        - task_key: wipe
                          notebook_task:
                            notebook_path: /Workspace/wipe
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                ingestion:
                  name: ingestion
                  tasks:
                    - task_key: load
                      notebook_task:
                        notebook_path: /Workspace/load
            targets:
              prod:
                resources:
                  jobs:
                    ingestion:
                      tasks:
                        - task_key: load
                          max_retries: 5
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        guard let target = context.effective.target,
              let overrides = context.bundle.targetsMapping?[target]?["resources"]?.mapping else { return [] }
        let defined = context.bundle.configuration["resources"]
        var out: [Diagnostic] = []
        for (type, noun, needs) in [("jobs", "job", ["tasks"]), ("pipelines", "pipeline", ["libraries", "root_path"])] {
            let keys = defined?[type]?.mapping?.keys ?? []
            for entry in overrides[type]?.mapping?.entries ?? [] {
                let path = "targets.\(target).resources.\(type).\(entry.key)"
                guard let base = defined?[type]?[entry.key] else {
                    guard needs.allSatisfy({ entry.value[$0] == nil }) else { continue }
                    let close = Suggestion.closest(to: entry.key, among: keys)
                    out.append(diagnostic("target \(target) overrides \(noun) \(entry.key), which the bundle does not define outside its targets",
                                          detail: ("Alone, the override makes a \(noun) of its own with only these settings (no \(needs[0])), and no \(noun) of the bundle gets them. "
                                              + (close.map { "Was \($0) renamed from \(entry.key)? Rename the override's key to \($0)." } ?? "Rename the override's key to the \(noun)'s key, or define the \(noun).")
                                              + (keys.isEmpty ? "" : " The bundle's \(noun)s: \(keys.joined(separator: ", ")).")),
                                          path: path, at: entry.keyLocation))
                    continue
                }
                guard type == "jobs", base["tasks"]?.sequence != nil else { continue }
                let taskKeys = (base["tasks"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
                for (i, task) in (entry.value["tasks"]?.sequence ?? []).enumerated() {
                    // (A key written as a reference is resolved before tasks merge: not checked here.)
                    guard let key = task["task_key"]?.string, !taskKeys.contains(key), !key.contains("${"), !taskKeys.contains(where: { $0.contains("${") }),
                          !(task.mapping?.keys ?? []).contains(where: { $0.hasSuffix("_task") }) else { continue }
                    let close = Suggestion.closest(to: key, among: taskKeys)
                    out.append(diagnostic("task \(key) of target \(target)'s override of job \(entry.key) is no task of the job",
                                          detail: "Tasks merge by task_key: this one becomes a task of its own with no task type, which the Jobs API refuses. "
                                              + (close.map { "Was \($0) renamed from \(key)? Write task_key: \($0)." } ?? "The job's tasks: \(taskKeys.joined(separator: ", "))."),
                                          path: "\(path).tasks[\(i)].task_key", at: task.mapping?.entry("task_key")?.keyLocation ?? task.location))
                }
            }
        }
        return out
    }
}
