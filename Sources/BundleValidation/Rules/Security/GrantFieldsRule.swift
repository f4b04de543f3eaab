import BundleModel

public struct GrantFieldsRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "grant-fields", name: "Grants name a principal and privileges", severity: .error, scope: .target,
        summary: "Each entry of a resource's `grants` has a `principal` and at least one privilege.",
        documentation: """
        The API refuses a grant without a principal, and a grant with no privileges never settles (the
        backend drops the principal, so every deployment plans it again). The Databricks CLI stops before
        deploying ("grant principal is required", "grant privileges is required"; errorForInvalidGrants in
        bundle/config/validate/required.go). Checked for the grants of every resource type.
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
                    - ↓privileges: [USE_SCHEMA]
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              schemas:
                raw:
                  catalog_name: main
                  name: raw
                  grants:
                    - ↓principal: analysts
                      privileges: []
            """),
        ],
        nonTriggeringExamples: [
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
                      privileges: [USE_SCHEMA, SELECT]
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for type in context.effective.configuration["resources"]?.mapping?.entries ?? [] {
            for resource in context.resources(type.key) {
                for (i, grant) in (resource.node["grants"]?.sequence ?? []).enumerated() where grant.mapping != nil {
                    let path = "\(resource.path).grants[\(i)]"
                    if grant["principal"].map({ $0.isNull || $0.string == "" }) ?? true {
                        out.append(diagnostic("grant principal is required", detail: "Name a user, group or service principal in \(path).principal.",
                                              path: path, at: grant.location))
                    }
                    if grant["privileges"].map({ $0.isNull || $0.sequence?.isEmpty == true }) ?? true {
                        out.append(diagnostic("grant privileges is required", detail: "List at least one privilege in \(path).privileges, or remove the grant.",
                                              path: path, at: grant.location))
                    }
                }
            }
        }
        return out
    }
}
