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
            RuleExample("""
            bundle:
              name: demo
            variables:
              readers:
                type: complex
                default:
                  - level: CAN_VIEW
                    group_name: analysts
            permissions: ${var.readers}
            targets:
              prod:
                ↓permissions:
                  - level: CAN_MANAGE
                    group_name: admins
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
        guard let target = context.effective.target, let own = context.bundle.targetsMapping?[target] else { return [] }
        var out: [Diagnostic] = []
        // Mappings merge key by key, so the clash may be deeper (`email_notifications.on_failure: ${var.alert_emails}`
        // under a target's list of addresses); lists are joined, not merged. `prefix` is where `base` is written.
        func walk(_ base: YAMLNode, _ override: YAMLNode, _ path: String, prefix: String, field: String, about: String) {
            for entry in override.mapping?.entries ?? [] {
                guard let written = base[entry.key] else { continue }
                let entryPath = path.isEmpty ? entry.key : path + "." + entry.key
                guard let (from, to) = Self.clash(written, entry.value) else {
                    if written.mapping != nil, entry.value.mapping != nil { walk(written, entry.value, entryPath, prefix: prefix, field: field, about: about) }
                    continue
                }
                out.append(diagnostic("failed to merge target=\(target) field=\(field): cannot merge \(from) with \(to)",
                                      detail: "\(about) sets \(entryPath) to \(Self.shown(written)), and target \(target) to \(Self.shown(entry.value)): a reference stays text until it is resolved, after the targets are merged, and text merges with no \(from == "string" ? to : from). Give the target its own value of the variable instead (targets.\(target).variables), or write \(entryPath) out in the definition.",
                                      path: "targets.\(target).\(prefix)\(entryPath)", at: entry.keyLocation))
            }
        }
        // Each resource, as written in the definition and in the target.
        let defined = context.bundle.configuration["resources"]
        for type in own["resources"]?.mapping?.keys ?? [] {
            for entry in own["resources"]?[type]?.mapping?.entries ?? [] {
                guard let base = defined?[type]?[entry.key] else { continue }
                walk(base, entry.value, "", prefix: "resources.\(type).\(entry.key).", field: "resources", about: "The resource \(type).\(entry.key)")
            }
        }
        // The other fields the CLI merges one to one (root.go MergeTargetOverrides): `permissions: ${var.readers}`
        // under a target's list of permissions is its error too.
        for field in ["bundle", "workspace", "artifacts", "sync", "permissions", "presets"] {
            guard let base = context.bundle.configuration[field], let override = own.mapping?.entry(field) else { continue }
            walk(YAMLNode(.mapping(YAMLMapping([.init(key: field, keyLocation: base.location, value: base)])), at: base.location),
                 YAMLNode(.mapping(YAMLMapping([override])), at: override.keyLocation), "", prefix: "", field: field, about: "The bundle")
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
