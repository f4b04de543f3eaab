import BundleModel

public struct TargetModeRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "target-mode", name: "Target modes", severity: .error, scope: .target,
        summary: "A target's `mode` is `development` or `production`.",
        documentation: """
        `mode: development` prefixes resource names with `[dev <user>]`, pauses schedules and deploys to a
        per-user folder; `mode: production` checks that the deployment is isolated. Any other value is
        rejected by the Databricks CLI, for the target being deployed (validate_target_mode.go): a wrong
        mode in another target does not stop this one.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                mode: ↓dev
                default: true
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                mode: development
                default: true
            """),
            RuleExample("""
            bundle:
              name: demo
            variables:
              mode:
                default: production
            targets:
              prod:
                mode: ${var.mode}
                workspace:
                  root_path: /Workspace/Shared/.bundle/demo
            """),
        ])

    static let modes = ["development", "production"]

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        guard let name = context.effective.target, let node = context.bundle.targetsMapping?[name]?["mode"] else { return [] }
        // A reference (`mode: ${var.target_mode}`) is resolved with the variables: not checked here.
        guard let mode = node.string, !Self.modes.contains(mode), !mode.contains("${") else { return [] }
        let suggestion = Suggestion.closest(to: mode, among: Self.modes) ?? Self.modes.first { $0.hasPrefix(mode.lowercased()) }
        return [diagnostic("target \(name) has an unknown mode \"\(mode)\"",
                           detail: (suggestion.map { "Did you mean \($0)? " } ?? "") + "The modes are development and production.",
                           path: "targets.\(name).mode", at: node.location)]
    }
}
