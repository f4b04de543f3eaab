import BundleModel

public struct TriggerPauseStatusRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "trigger-pause-status", name: "Preset pause status", severity: .error, scope: .target,
        summary: "`presets.trigger_pause_status` is PAUSED or UNPAUSED.",
        documentation: """
        The preset pauses or unpauses every job schedule, trigger and continuous run of a target. The
        upstream bundle schema types it as any string, but the Databricks CLI rejects every other value
        with "Invalid value for trigger_pause_status, should be PAUSED or UNPAUSED"
        (bundle/config/mutator/resourcemutator/apply_presets.go, validatePauseStatus), so the deployment
        fails. Values are case-sensitive.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            presets:
              trigger_pause_status: ↓paused
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            presets:
              trigger_pause_status: PAUSED
            """),
        ])

    static let values = ["PAUSED", "UNPAUSED"]

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        guard let node = context.effective.configuration["presets"]?["trigger_pause_status"], !node.isNull, !isSymbolic(node),
              let value = node.scalar?.text, !Self.values.contains(value) else { return [] }
        var detail = "Valid values: \(Self.values.joined(separator: ", "))."
        if let close = Self.values.first(where: { $0.lowercased() == value.lowercased() }) ?? Suggestion.closest(to: value, among: Self.values) {
            detail = "Did you mean \(close)? " + detail
        }
        return [diagnostic("invalid value \"\(value)\" for trigger_pause_status", detail: detail,
                           path: "presets.trigger_pause_status", at: node.location)]
    }
}
