import BundleModel

public struct AuthFieldInterpolationRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "auth-field-interpolation", name: "No references in authentication settings", severity: .warning, scope: .target,
        summary: "The `workspace` fields that configure authentication (host, profile, auth_type, ...) hold no `${...}` reference.",
        documentation: """
        The Databricks CLI authenticates before it resolves references, so `host: ${var.host}` is not the
        host it connects to. As the CLI warns (bundle/config/validate/interpolation_in_auth_config.go):
        "Variable interpolation is not supported for fields that configure authentication", naming the
        environment variable to set instead (DATABRICKS_HOST for `host`, DATABRICKS_CONFIG_PROFILE for
        `profile`, ...). The fields are the CLI's list: `host`, `profile`, `auth_type`,
        `metadata_service_url`, `client_id`, `google_service_account`, `azure_use_msi`, `azure_client_id`,
        `azure_tenant_id`, `azure_environment`, `azure_login_app_id`, `account_id` and `workspace_id`, as
        written in the target's `workspace` or else the top-level one. Use one target per workspace with a
        literal `host`, or the environment variable.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            variables:
              host:
                default: https://example.cloud.databricks.com
            workspace:
              host: ↓${var.host}
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            workspace:
              host: https://example.cloud.databricks.com
              root_path: /Workspace/Shared/.bundle/${bundle.name}/${bundle.target}
            """),
        ])

    /// The CLI's fields and the environment variable the SDK reads for each (databricks-sdk-go
    /// config/config.go, through libs/auth/env.go GetEnvFor). The CLI's list also has `azure_resource_id`,
    /// which is no SDK attribute name, so it is never reported.
    static let fields: [(name: String, environment: String)] = [
        ("host", "DATABRICKS_HOST"), ("profile", "DATABRICKS_CONFIG_PROFILE"), ("auth_type", "DATABRICKS_AUTH_TYPE"),
        ("metadata_service_url", "DATABRICKS_METADATA_SERVICE_URL"), ("client_id", "DATABRICKS_CLIENT_ID"),
        ("google_service_account", "DATABRICKS_GOOGLE_SERVICE_ACCOUNT"), ("azure_use_msi", "ARM_USE_MSI"),
        ("azure_client_id", "ARM_CLIENT_ID"), ("azure_tenant_id", "ARM_TENANT_ID"), ("azure_environment", "ARM_ENVIRONMENT"),
        ("azure_login_app_id", "DATABRICKS_AZURE_LOGIN_APP_ID"), ("account_id", "DATABRICKS_ACCOUNT_ID"),
        ("workspace_id", "DATABRICKS_WORKSPACE_ID"),
    ]

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        // The written values, before references are resolved: the target's field wins over the top-level one.
        let topLevel = context.bundle.configuration["workspace"]
        let own = context.effective.target.flatMap { context.bundle.targetsMapping?[$0]?["workspace"] }
        guard topLevel != nil || own != nil else { return [] }
        return Self.fields.compactMap { field in
            guard let node = own?[field.name] ?? topLevel?[field.name], let text = node.string, text.containsText("${") else { return nil }
            return diagnostic("Variable interpolation is not supported for fields that configure authentication",
                              detail: "Interpolation is not supported for the field workspace.\(field.name). Please set the \(field.environment) environment variable if you wish to configure this field at runtime.",
                              path: "workspace.\(field.name)", at: node.location)
        }
    }
}
