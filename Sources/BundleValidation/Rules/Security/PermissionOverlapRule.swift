import BundleModel

public struct PermissionOverlapRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "permission-overlap", name: "Permissions given twice", severity: .warning, scope: .target,
        summary: "A principal of the top-level `permissions` is not also in a resource's own `permissions`.",
        documentation: """
        For a user, group or service principal that a resource lists itself, the Databricks CLI does not
        apply the bundle's top-level permission and warns ("already has permissions set for",
        bundle/config/mutator/resourcemutator/apply_bundle_permissions.go): the resource's own level is the
        one that counts, which may be lower than the top-level one.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            permissions:
              - level: CAN_MANAGE
                user_name: ana@example.com
            resources:
              jobs:
                etl:
                  name: etl
                  permissions:
                    - level: CAN_VIEW
                      user_name: ↓ana@example.com
            """),
        ],
        nonTriggeringExamples: [
            // CAN_RUN is no level of an app: the CLI skips it for apps before it looks for overlaps.
            RuleExample("""
            bundle:
              name: demo
            permissions:
              - level: CAN_RUN
                group_name: users
            resources:
              apps:
                web:
                  name: web
                  source_code_path: .
                  permissions:
                    - level: CAN_USE
                      group_name: users
            """),
            RuleExample("""
            bundle:
              name: demo
            permissions:
              - level: CAN_MANAGE
                user_name: ana@example.com
            resources:
              jobs:
                etl:
                  name: etl
                  permissions:
                    - level: CAN_VIEW
                      group_name: users
            """),
        ])

    /// The resource types that take the bundle's permissions.
    /// The top-level levels each kind of resource takes, as the CLI maps them (levelsMap in
    /// apply_bundle_permissions.go); a level a kind does not take is not applied to it, nor warned about.
    static let levels: [String: Set<String>] = [
        "jobs": ["CAN_MANAGE", "CAN_VIEW", "CAN_RUN"], "pipelines": ["CAN_MANAGE", "CAN_VIEW", "CAN_RUN"],
        "experiments": ["CAN_MANAGE", "CAN_VIEW"], "models": ["CAN_MANAGE", "CAN_VIEW"],
        "model_serving_endpoints": ["CAN_MANAGE", "CAN_VIEW", "CAN_RUN"], "dashboards": ["CAN_MANAGE", "CAN_VIEW"],
        "genie_spaces": ["CAN_MANAGE", "CAN_VIEW"], "apps": ["CAN_MANAGE", "CAN_VIEW"], "secret_scopes": ["CAN_MANAGE", "CAN_VIEW"],
        "alerts": ["CAN_MANAGE", "CAN_VIEW", "CAN_RUN"], "sql_warehouses": ["CAN_MANAGE", "CAN_VIEW", "CAN_RUN"],
        "database_instances": ["CAN_MANAGE", "CAN_VIEW"], "postgres_projects": ["CAN_MANAGE", "CAN_VIEW"],
        "clusters": ["CAN_MANAGE", "CAN_VIEW", "CAN_RUN"], "vector_search_endpoints": ["CAN_MANAGE", "CAN_VIEW"],
        "instance_pools": ["CAN_MANAGE", "CAN_VIEW"],
    ]
    static let types = levels.keys.sorted()
    static let principals = [("user_name", "user"), ("group_name", "group"), ("service_principal_name", "service principal")]

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        let bundleWide = context.effective.configuration["permissions"]?.sequence ?? []
        guard !bundleWide.isEmpty else { return [] }
        var out: [Diagnostic] = []
        for type in Self.types {
            // "users: CAN_RUN" is nothing an app takes: it is skipped before any overlap is looked for.
            let applied = bundleWide.filter { Self.levels[type]?.contains($0["level"]?.string ?? "") == true }
            guard !applied.isEmpty else { continue }
            for resource in context.resources(type) {
                for entry in resource.node["permissions"]?.sequence ?? [] {
                    for (field, kind) in Self.principals {
                        guard let node = entry[field], let name = node.string, !name.isEmpty,
                              applied.contains(where: { $0[field]?.string == name }) else { continue }
                        out.append(diagnostic("\(resource.path) already has permissions set for \(kind) \(name)",
                                              detail: "The top-level permission of \(name) is not applied to it; its own level here is the one that counts.",
                                              path: resource.path + ".permissions", at: node.location))
                    }
                }
            }
        }
        return out
    }
}
