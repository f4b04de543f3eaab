extension SchemaDefinitions {
    /// Databricks Apps.
    static let apps = """
    object App
      name!: string
      description: string
      source_code_path: string
      config: AppConfig
      resources: [AppResource]
      user_api_scopes: [string]
      budget_policy_id: string
      usage_policy_id: string
      compute_size: enum MEDIUM LARGE XLARGE
      compute_min_instances: int
      compute_max_instances: int
      forward_user_access_token: bool
      git_source: any
      space: string
      telemetry_export_destinations: [any]
      git_repository: any
      permissions: [AppPermission]
      lifecycle: LifecycleWithStarted
      active_deployment: any  # Set by the Apps API; known to the CLI, not configuration.
      pending_deployment: any
      app_status: any
      compute_status: any

    object AppConfig
      command: [string]
      env: [AppEnvVar]

    object AppEnvVar
      name!: string
      value: string
      value_from: string

    object AppResource
      name!: string
      description: string
      job: any
      secret: any
      serving_endpoint: any
      sql_warehouse: any
      uc_securable: any
      database: any
      genie_space: any
      experiment: any
      app: any
      postgres: any

    object AppPermission
      level!: enum CAN_MANAGE CAN_USE
      user_name: string
      group_name: string
      service_principal_name: string
    """
}
