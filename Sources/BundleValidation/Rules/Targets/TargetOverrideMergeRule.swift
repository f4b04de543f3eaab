import BundleModel

/// A target's list or mapping over a field that the definition sets to a reference: the Databricks CLI
/// cannot merge them and stops.
public struct TargetOverrideMergeRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "target-override-merge", name: "Target overrides merge with the definition", severity: .error, scope: .target,
        summary: "A target writes no list or mapping over a field the definition sets to a reference.",
        documentation: """
        A target's resources are merged into the definitions field by field. Where the definition sets a
        field to a reference (`tasks: ${var.job_tasks}`) and the target writes a list or a mapping there,
        the Databricks CLI stops: "failed to merge target=dev field=resources: cannot merge string with
        sequence" (libs/dyn/merge; acceptance test bundle/variables/issue_2436). Give the target its own
        value of the variable instead, or write the field out in the definition.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            variables:
              job_tasks:
                type: complex
                default:
                  - task_key: one
                    notebook_task:
                      notebook_path: /Workspace/one
            resources:
              jobs:
                job_one:
                  name: one
                  tasks: ${var.job_tasks}
            targets:
              dev:
                resources:
                  jobs:
                    job_one:
                      ↓tasks:
                        - task_key: one
                          max_retries: 2
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            variables:
              job_tasks:
                type: complex
                default:
                  - task_key: one
                    notebook_task:
                      notebook_path: /Workspace/one
            resources:
              jobs:
                job_one:
                  name: one
                  tasks: ${var.job_tasks}
            targets:
              dev:
                resources:
                  jobs:
                    job_one:
                      max_concurrent_runs: 2
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        guard let target = context.effective.target,
              let overrides = context.bundle.targetsMapping?[target]?["resources"]?.mapping else { return [] }
        let defined = context.bundle.configuration["resources"]
        var out: [Diagnostic] = []
        for type in overrides.keys {
            for entry in overrides[type]?.mapping?.entries ?? [] {
                guard let base = defined?[type]?[entry.key] else { continue }
                for field in entry.value.mapping?.entries ?? [] {
                    guard let written = base[field.key], let text = written.string, text.contains("${"),
                          field.value.sequence != nil || field.value.mapping != nil else { continue }
                    let kind = field.value.sequence != nil ? "sequence" : "map"
                    out.append(diagnostic("failed to merge target=\(target) field=resources: cannot merge string with \(kind)",
                                          detail: "The resource \(type).\(entry.key) sets \(field.key) to \(text), a reference, which a target cannot merge a \(kind == "sequence" ? "list" : "mapping") into. Give the target its own value of the variable instead (targets.\(target).variables), or write \(field.key) out in the definition.",
                                          path: "targets.\(target).resources.\(type).\(entry.key).\(field.key)", at: field.keyLocation))
                }
            }
        }
        return out
    }
}
