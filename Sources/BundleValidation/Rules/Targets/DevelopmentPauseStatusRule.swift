import BundleModel

public struct DevelopmentPauseStatusRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "development-pause-status", name: "Development targets keep schedules paused", severity: .error, scope: .target,
        summary: "A `mode: development` target does not set `presets.trigger_pause_status: UNPAUSED`.",
        documentation: """
        Development deployments pause every schedule and trigger, so that a personal copy does not run on
        its own. Unpausing them all through the preset is refused by the Databricks CLI ("target with 'mode:
        development' cannot set trigger pause status to UNPAUSED by default",
        bundle/config/mutator/resourcemutator/validate_target_mode.go). Unpause one job's schedule in that
        target instead.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                mode: development
                default: true
                presets:
                  trigger_pause_status: ↓UNPAUSED
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
              prod:
                mode: production
                workspace:
                  root_path: /Workspace/Shared/.bundle/demo
                presets:
                  trigger_pause_status: UNPAUSED
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        guard context.effective.mode == "development",
              let node = context.effective.configuration["presets"]?["trigger_pause_status"], node.string == "UNPAUSED" else { return [] }
        return [diagnostic("target with 'mode: development' cannot set trigger pause status to UNPAUSED by default",
                           detail: "Development deployments keep schedules paused. Set pause_status: UNPAUSED on one job's schedule in \(context.effective.targetName) instead.",
                           path: "presets.trigger_pause_status", at: node.location)]
    }
}
