import BundleModel

public struct SharedRootPathRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "shared-root-path", name: "A root path in /Workspace/Shared is shared on purpose", severity: .warning, scope: .target,
        summary: "A bundle under /Workspace/Shared is writable by every workspace user unless `users` is given CAN_MANAGE on purpose.",
        documentation: """
        Everyone in the workspace can read and write /Workspace/Shared, so anyone can change what the
        bundle deploys from there. The Databricks CLI warns about a `workspace.root_path` there unless the
        bundle's top-level permissions give `group_name: users` CAN_MANAGE, which says it is intended
        (bundle/permissions/validate.go). Deploy to a restricted folder such as
        /Workspace/Users/<user or service principal>/.bundle/${bundle.name}/${bundle.target} instead.
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: demo\nworkspace:\n  root_path: ↓/Workspace/Shared/.bundle/demo\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: demo\nworkspace:\n  root_path: /Workspace/Users/ana@example.com/.bundle/demo\n"),
            RuleExample("bundle:\n  name: demo\nworkspace:\n  root_path: /Workspace/Shared/.bundle/demo\npermissions:\n  - group_name: users\n    level: CAN_MANAGE\n"),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        guard let node = context.effective.configuration["workspace"]?["root_path"], let path = node.string,
              path.hasPrefix("/Workspace/Shared/") || path.hasPrefix("/Shared/") else { return [] }
        let intended = (context.effective.configuration["permissions"]?.sequence ?? []).contains {
            $0["group_name"]?.string == "users" && $0["level"]?.string == "CAN_MANAGE"
        }
        guard !intended else { return [] }
        let shown = path.hasPrefix("/Shared/") ? "/Workspace" + path : path
        return [diagnostic("the bundle root path \(shown) is writable by all workspace users",
                           detail: "If this is intentional, add CAN_MANAGE for 'group_name: users' to the bundle's permissions; otherwise deploy to a restricted folder such as /Workspace/Users/<user or service principal>.",
                           path: "workspace.root_path", at: node.location)]
    }
}
