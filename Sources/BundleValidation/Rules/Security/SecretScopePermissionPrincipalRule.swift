import BundleModel

public struct SecretScopePermissionPrincipalRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "secret-scope-permission-principal", name: "Secret scope permissions name a principal", severity: .error, scope: .target,
        summary: "Each permission of a secret scope names a `user_name`, `group_name` or `service_principal_name`.",
        documentation: """
        A secret scope's ACL needs a principal; the Databricks CLI stops before deploying ("secret scope
        permission principal is required", errorForInvalidSecretScopePermissions in
        bundle/config/validate/required.go). An empty name, or one of the wrong type, counts as none.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              secret_scopes:
                app:
                  name: app-secrets
                  permissions:
                    - ↓level: READ
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              secret_scopes:
                app:
                  name: app-secrets
                  permissions:
                    - level: READ
                      group_name: users
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for scope in context.resources("secret_scopes") {
            for (i, permission) in (scope.node["permissions"]?.sequence ?? []).enumerated() where permission.mapping != nil {
                let named = ["user_name", "group_name", "service_principal_name"].contains {
                    guard let value = permission[$0], value.scalar != nil, !value.isNull else { return false }
                    return value.string != ""
                }
                if named { continue }
                out.append(diagnostic("secret scope permission principal is required",
                                      detail: "Set one of user_name, group_name or service_principal_name.",
                                      path: "\(scope.path).permissions[\(i)]", at: permission.location))
            }
        }
        return out
    }
}
