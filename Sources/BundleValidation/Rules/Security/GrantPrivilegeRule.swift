import BundleModel

public struct GrantPrivilegeRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "grant-privilege", name: "Grant privileges are Unity Catalog's", severity: .warning, scope: .target,
        summary: "Each privilege of a grant is one Unity Catalog knows (`SELECT`, `USE_SCHEMA`, `READ_VOLUME`, …).",
        documentation: """
        The Databricks CLI checks the privileges of grants as an enum and warns on any other word
        ("invalid value … for enum field", bundle/config/validate/enum.go over
        bundle/internal/validation/generated/enum_fields.go: `resources.schemas.*.grants[*].privileges[*]`
        and the same for catalogs, volumes, registered models, external locations…); the deploy then
        fails on it. A typo (`SELCT`, `READ_VOLUMES`) is named with the privilege meant.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              schemas:
                raw:
                  catalog_name: main
                  name: raw
                  grants:
                    - principal: analysts
                      privileges: [USE_SCHEMA, ↓SELCT]
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              volumes:
                landing:
                  catalog_name: main
                  schema_name: raw
                  name: landing
                  grants:
                    - principal: analysts
                      privileges: [READ_VOLUME, WRITE_VOLUME]
                    - principal: ${var.group}
                      privileges: ["${var.privilege}"]
            variables:
              group: {default: g}
              privilege: {default: READ_VOLUME}
            """),
        ])

    /// The values the CLI's enum takes for every securable's grants (enum_fields.go).
    static let privileges = ["ACCESS", "ALL_PRIVILEGES", "APPLY_TAG", "BROWSE", "CREATE", "CREATE_CATALOG", "CREATE_CLEAN_ROOM", "CREATE_CONNECTION",
                             "CREATE_EXTERNAL_LOCATION", "CREATE_EXTERNAL_TABLE", "CREATE_EXTERNAL_VOLUME", "CREATE_FOREIGN_CATALOG",
                             "CREATE_FOREIGN_SECURABLE", "CREATE_FUNCTION", "CREATE_MANAGED_STORAGE", "CREATE_MATERIALIZED_VIEW", "CREATE_MODEL",
                             "CREATE_PROVIDER", "CREATE_RECIPIENT", "CREATE_SCHEMA", "CREATE_SERVICE_CREDENTIAL", "CREATE_SHARE",
                             "CREATE_STORAGE_CREDENTIAL", "CREATE_TABLE", "CREATE_VIEW", "CREATE_VOLUME", "EXECUTE", "EXECUTE_CLEAN_ROOM_TASK",
                             "EXTERNAL_USE_SCHEMA", "MANAGE", "MANAGE_ALLOWLIST", "MODIFY", "MODIFY_CLEAN_ROOM", "READ_FILES", "READ_METADATA",
                             "READ_PRIVATE_FILES", "READ_VOLUME", "REFRESH", "SELECT", "SET_SHARE_PERMISSION", "USAGE", "USE_CATALOG",
                             "USE_CONNECTION", "USE_MARKETPLACE_ASSETS", "USE_PROVIDER", "USE_RECIPIENT", "USE_SCHEMA", "USE_SHARE", "WRITE_FILES",
                             "WRITE_PRIVATE_FILES", "WRITE_VOLUME"]
    static let known = Set(privileges)

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for type in context.effective.configuration["resources"]?.mapping?.entries ?? [] {
            for resource in context.resources(type.key) {
                for (i, grant) in (resource.node["grants"]?.sequence ?? []).enumerated() {
                    for (j, item) in (grant["privileges"]?.sequence ?? []).enumerated() {
                        guard let value = item.string, !value.contains("${"), !Self.known.contains(value) else { continue }
                        let meant = Suggestion.closest(to: value.uppercased(), among: Self.privileges)
                        out.append(diagnostic("invalid value \"\(value)\" for enum field. Valid values are [\(Self.privileges.joined(separator: " "))]",
                                              detail: meant.map { "Did you mean \($0)?" },
                                              path: "\(resource.path).grants[\(i)].privileges[\(j)]", at: item.location))
                    }
                }
            }
        }
        return out
    }
}
