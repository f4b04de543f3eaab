import BundleModel

public struct BundlePermissionLevelRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "bundle-permission-level", name: "Bundle permission levels", severity: .error, scope: .target,
        summary: "The top-level `permissions` use CAN_MANAGE, CAN_VIEW or CAN_RUN.",
        documentation: """
        The bundle's own `permissions` apply to every resource it deploys, each level translated for the
        resource type (CAN_RUN is CAN_MANAGE_RUN on a job). Only these three levels can be translated; the
        Databricks CLI refuses any other ("invalid permission level",
        bundle/config/mutator/resourcemutator/apply_bundle_permissions.go). Give a resource-specific level
        in that resource's own `permissions`.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            permissions:
              - level: ↓CAN_MANAGE_RUN
                group_name: data-engineers
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            permissions:
              - level: CAN_RUN
                group_name: data-engineers
              - level: CAN_VIEW
                group_name: users
            """),
        ])

    static let levels = ["CAN_MANAGE", "CAN_VIEW", "CAN_RUN"]

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        (context.effective.configuration["permissions"]?.sequence ?? []).compactMap { permission in
            guard let node = permission["level"], let level = node.string, !isSymbolic(node), !Self.levels.contains(level) else { return nil }
            let suggestion = level == "CAN_MANAGE_RUN" ? "CAN_RUN" : Suggestion.closest(to: level, among: Self.levels)
            return diagnostic("invalid permission level: \(level), allowed values: [\(Self.levels.joined(separator: ", "))]",
                              detail: (suggestion.map { "Did you mean \($0)? " } ?? "") + "A level for one resource type goes into that resource's own permissions.",
                              path: "permissions", at: node.location)
        }
    }
}
