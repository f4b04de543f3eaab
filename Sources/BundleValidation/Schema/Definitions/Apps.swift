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
      service_principal_client_id: string  # Set by the Apps API; known to the CLI, not configuration.
      service_principal_id: int
      service_principal_name: string
      oauth2_app_client_id: string
      oauth2_app_integration_id: string
      git_source: AppGitSource  # The branch, tag or commit of git_repository to deploy.
      space: string
      telemetry_export_destinations: [AppTelemetryExportDestination]
      git_repository: AppGitRepository
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
      app: AppResourceApp
      database: AppResourceDatabase
      description: string
      experiment: AppResourceExperiment
      genie_space: AppResourceGenieSpace
      job: AppResourceJob
      name!: string
      postgres: AppResourcePostgres
      secret: AppResourceSecret
      serving_endpoint: AppResourceServingEndpoint
      sql_warehouse: AppResourceSqlWarehouse
      uc_securable: AppResourceUcSecurable

    object AppResourceApp
      name: string
      permission: enum CAN_USE

    object AppResourceDatabase
      database_name!: string
      instance_name!: string
      permission!: enum CAN_CONNECT_AND_CREATE

    object AppResourceExperiment
      experiment_id!: string
      permission!: enum CAN_MANAGE CAN_EDIT CAN_READ

    object AppResourceGenieSpace
      name!: string
      permission!: enum CAN_MANAGE CAN_EDIT CAN_RUN CAN_VIEW
      space_id!: string

    object AppResourceJob
      id!: string
      permission!: enum CAN_MANAGE IS_OWNER CAN_MANAGE_RUN CAN_VIEW

    object AppResourcePostgres
      branch: string
      database: string
      permission: enum CAN_CONNECT_AND_CREATE

    object AppResourceSecret
      key!: string
      permission!: enum READ WRITE MANAGE
      scope!: string

    object AppResourceServingEndpoint
      name!: string
      permission!: enum CAN_MANAGE CAN_QUERY CAN_VIEW

    object AppResourceSqlWarehouse
      id!: string
      permission!: enum CAN_MANAGE CAN_USE IS_OWNER

    object AppResourceUcSecurable
      permission!: enum READ_VOLUME WRITE_VOLUME SELECT EXECUTE USE_CONNECTION MODIFY
      securable_full_name!: string
      securable_type!: enum VOLUME TABLE FUNCTION CONNECTION

    object AppPermission
      level!: enum CAN_MANAGE CAN_USE
      user_name: string
      group_name: string
      service_principal_name: string

    # Git deployment (upstream apps.GitSource, apps.GitRepository).
    object AppGitSource
      branch: string
      commit: string
      git_repository: AppGitRepository  # Output only upstream; the CLI's structs have it (and require provider, url).
      resolved_commit: string
      source_code_path: string
      tag: string

    object AppGitRepository
      auto_deploy: bool
      caller_credential_id: int
      provider!: string
      url!: string

    # Telemetry export (upstream apps.TelemetryExportDestination).
    object AppTelemetryExportDestination
      unity_catalog: AppTelemetryUnityCatalog

    object AppTelemetryUnityCatalog
      logs_table!: string
      metrics_table!: string
      traces_table!: string
    """
}
