import BundleModel

public struct BundleNameReferenceRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "bundle-name-reference", name: "A bundle name without references", severity: .warning, scope: .target,
        summary: "`bundle.name` is written out, not made from `${...}` references.",
        documentation: """
        The bundle's name is part of the path where its deployment state is kept. A name that changes with
        a variable can deploy the same resources twice or leave some behind on `bundle destroy`; the
        Databricks CLI warns (bundle/config/validate/no_interpolation_in_bundle_name.go).
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: ↓sales-${var.team}\nvariables:\n  team:\n    default: data\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: sales\n"),
            // The target validated (the default one) writes its own name.
            RuleExample("bundle:\n  name: sales-${var.team}\nvariables:\n  team:\n    default: data\ntargets:\n  dev:\n    default: true\n    bundle:\n      name: sales-dev\n"),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        // The name of the target validated (a target may write its own), as the CLI checks it after
        // selecting the target.
        // (As written: the effective configuration has its references resolved.)
        let own = context.effective.target.flatMap { context.bundle.targetsMapping?[$0]?["bundle"]?["name"] }
        guard let node = own ?? context.bundle.configuration["bundle"]?["name"], let text = node.string, text.contains("${") else { return [] }
        return [diagnostic("do not use variable interpolation in the name of your bundle",
                           detail: "The name is part of the path where the bundle's deployment state is kept. A name that changes at deploy time can deploy the resources twice or leave some behind on bundle destroy.",
                           path: "bundle.name", at: node.location)]
    }
}
