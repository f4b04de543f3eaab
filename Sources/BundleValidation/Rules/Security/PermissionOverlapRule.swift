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
    static let types = ["jobs", "pipelines", "experiments", "models", "model_serving_endpoints", "dashboards", "genie_spaces", "apps",
                        "secret_scopes", "alerts", "sql_warehouses", "database_instances", "postgres_projects", "clusters",
                        "vector_search_endpoints", "instance_pools"]
    static let principals = [("user_name", "user"), ("group_name", "group"), ("service_principal_name", "service principal")]

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        let bundleWide = context.effective.configuration["permissions"]?.sequence ?? []
        guard !bundleWide.isEmpty else { return [] }
        var out: [Diagnostic] = []
        for type in Self.types {
            for resource in context.resources(type) {
                for entry in resource.node["permissions"]?.sequence ?? [] {
                    for (field, kind) in Self.principals {
                        guard let node = entry[field], let name = node.string, !name.isEmpty,
                              bundleWide.contains(where: { $0[field]?.string == name }) else { continue }
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
