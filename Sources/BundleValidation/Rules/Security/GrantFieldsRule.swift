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
            RuleExample("""
            bundle:
              name: demo
            variables:
              service_principal:
                default: ""
            resources:
              schemas:
                raw:
                  catalog_name: main
                  name: raw
                  grants:
                    - ↓principal: ${var.service_principal}
                      privileges: [USE_SCHEMA]
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
                        // Written as a variable that is empty here: said, with how to give it a value.
                        let written = context.bundle.configuration["resources"]?[type.key]?[resource.key]?["grants"]?.sequence
                            .flatMap { i < $0.count ? $0[i]["principal"]?.string : nil }
                        let detail = written.flatMap { text -> String? in
                            guard let range = text.range(of: #"\$\{var\.[A-Za-z0-9_.-]+\}"#, options: .regularExpression) else { return nil }
                            let variable = String(text[range].dropFirst(6).dropLast())
                            return "It is written as \(text), which is empty here: give the variable (or the one it refers to) a value, with --var \(variable)=…, BUNDLE_VAR_\(variable), or the target's variables."
                        } ?? "Name a user, group or service principal in \(path).principal."
                        out.append(diagnostic("grant principal is required", detail: detail, path: path, at: grant.location))
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
