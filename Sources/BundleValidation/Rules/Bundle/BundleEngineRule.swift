import BundleModel

public struct BundleEngineRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "bundle-engine", name: "Deployment engine", severity: .error, scope: .target,
        summary: "`bundle.engine` is `direct` or `terraform`; `terraform` is deprecated (a warning).",
        documentation: """
        As the Databricks CLI checks it (bundle/config/validate/validate_engine.go): any other value is an
        error, and `terraform` is a warning, since the CLI will stop supporting it. See
        https://docs.databricks.com/aws/en/dev-tools/bundles/direct for the move to the direct engine.
        Checked on each target's merged settings, so a target's `bundle: {engine: ...}` counts.
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: demo\n  engine: ↓tf\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: demo\n  engine: direct\n"),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        guard let node = context.effective.configuration["bundle"]?["engine"], !node.isNull, !isSymbolic(node),
              let engine = node.string, !engine.isEmpty else { return [] }
        switch engine {
        case "direct":
            return []
        case "terraform":
            var d = diagnostic("the terraform deployment engine is deprecated and will stop working in a future version of the CLI",
                               detail: "See https://docs.databricks.com/aws/en/dev-tools/bundles/direct for how to migrate to the direct deployment engine.",
                               path: "bundle.engine", at: node.location)
            d.severity = .warning
            return [d]
        default:
            let suggestion = Suggestion.closest(to: engine, among: ["direct", "terraform"])
            return [diagnostic("invalid value \"\(engine)\" for bundle.engine (expected \"terraform\" or \"direct\")",
                               detail: suggestion.map { "Did you mean \($0)?" }, path: "bundle.engine", at: node.location)]
        }
    }
}
