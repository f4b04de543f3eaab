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
            RuleExample("""
            bundle:
              name: demo
            variables:
              alert_emails:
                type: complex
                default:
                  - team@example.com
            resources:
              jobs:
                nightly:
                  name: nightly
                  email_notifications:
                    on_failure: ${var.alert_emails}
            targets:
              prod:
                resources:
                  jobs:
                    nightly:
                      email_notifications:
                        ↓on_failure:
                          - oncall@example.com
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
                // Mappings merge key by key, so the clash may be deeper (`email_notifications.on_failure:
                // ${var.alert_emails}` under a target's list of addresses); lists are joined, not merged.
                func walk(_ base: YAMLNode, _ override: YAMLNode, _ path: String) {
                    for field in override.mapping?.entries ?? [] {
                        guard let written = base[field.key] else { continue }
                        let fieldPath = path.isEmpty ? field.key : path + "." + field.key
                        guard let (from, to) = Self.clash(written, field.value) else {
                            if written.mapping != nil, field.value.mapping != nil { walk(written, field.value, fieldPath) }
                            continue
                        }
                        out.append(diagnostic("failed to merge target=\(target) field=resources: cannot merge \(from) with \(to)",
                                              detail: "The resource \(type).\(entry.key) sets \(fieldPath) to \(Self.shown(written)), and target \(target) to \(Self.shown(field.value)): a reference stays text until it is resolved, after the targets are merged, and text merges with no \(from == "string" ? to : from). Give the target its own value of the variable instead (targets.\(target).variables), or write \(fieldPath) out in the definition.",
                                              path: "targets.\(target).resources.\(type).\(entry.key).\(fieldPath)", at: field.keyLocation))
                    }
                }
                walk(base, entry.value, "")
            }
        }
        return out
    }

    /// The kinds the CLI cannot merge, where one side is a reference alone (`${var.x}`, text until the
    /// targets are merged) and the other a list, a mapping, a number or true/false; nil otherwise.
    static func clash(_ base: YAMLNode, _ override: YAMLNode) -> (String, String)? {
        func kind(_ node: YAMLNode) -> String? {
            if node.sequence != nil { return "sequence" }
            if node.mapping != nil { return "map" }
            switch node.scalar?.value {
            case .int?: return "int"
            case .float?: return "float"
            case .bool?: return "bool"
            case .string(let text)?: return isReference(text) ? "string" : nil
            default: return nil
            }
        }
        guard let a = kind(base), let b = kind(override), a != b, a == "string" || b == "string" else { return nil }
        return (a, b)
    }

    /// `${var.x}` alone (text around it is other text, which the CLI drops with a warning where it wants a mapping).
    static func isReference(_ text: String) -> Bool {
        text.wholeMatch(of: /\$\{[A-Za-z0-9_.\[\]-]+\}/) != nil
    }

    static func shown(_ node: YAMLNode) -> String {
        if node.sequence != nil { return "a list" }
        if node.mapping != nil { return "a mapping" }
        return node.string ?? node.scalar?.text ?? "a value"
    }
}
