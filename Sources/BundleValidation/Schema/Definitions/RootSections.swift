extension SchemaDefinitions {
    /// The top-level sections of databricks.yml and the targets that override them.
    static let rootSections = """
    object Root
      bundle!: Bundle
      workspace: Workspace
      variables: {Variable}
      targets: {Target}
      environments: {Target} deprecated
      include: [string]
      artifacts: {Artifact}
      sync: Sync
      permissions: [Permission]
      run_as: RunAs
      presets: Presets
      python: Python
      scripts: {Script}
      resources: Resources
      experimental: Experimental

    object Bundle
      name!: string
      cluster_id: string
      compute_id: string deprecated
      databricks_cli_version: string
      deployment: Deployment
      git: Git
      uuid: string
      engine: enum terraform direct

    object Deployment
      fail_on_active_runs: bool
      lock: DeploymentLock

    object DeploymentLock
      enabled: bool
      force: bool

    object Git
      branch: string
      origin_url: string

    object Workspace
      host: string
      profile: string
      root_path: string
      file_path: string
      artifact_path: string
      state_path: string
      resource_path: string
      auth_type: string
      client_id: string
      account_id: string
      azure_client_id: string
      azure_environment: string
      azure_login_app_id: string
      azure_tenant_id: string
      azure_use_msi: bool
      azure_workspace_resource_id: string
      google_service_account: string
      experimental_is_unified_host: bool
      workspace_id: string

    object Variable
      default: any
      description: string
      lookup: any
      type: string

    object Target
      default: bool
      mode: string
      bundle: Bundle
      workspace: Workspace
      variables: {any}
      artifacts: {Artifact}
      resources: Resources
      sync: Sync
      permissions: [Permission]
      run_as: RunAs
      presets: Presets
      git: Git
      cluster_id: string
      compute_id: string deprecated

    object Artifact
      type: string
      build: string
      executable: string
      path: string
      files: [ArtifactFile]
      dynamic_version: bool

    object ArtifactFile
      source!: string

    object Sync
      include: [string]
      exclude: [string]
      paths: [string]

    object Permission
      level!: string
      user_name: string
      group_name: string
      service_principal_name: string

    object RunAs
      user_name: string
      service_principal_name: string

    object Presets
      name_prefix: string
      pipelines_development: bool
      trigger_pause_status: string
      jobs_max_concurrent_runs: int
      tags: {string}
      source_linked_deployment: bool
      artifacts_dynamic_version: bool

    object Python
      venv_path: string
      resources: [string]
      mutators: [string]

    object Script
      content!: string
      env: {string}

    object Experimental
      python: ExperimentalPython
      pydabs: any deprecated
      python_wheel_wrapper: bool
      scripts: {string}
      use_legacy_run_as: bool
      skip_artifact_cleanup: bool
      skip_name_prefix_for_schema: bool
      immutable_folder: bool
      record_deployment_history: bool

    object ExperimentalPython
      venv_path: string
      resources: [string]
      mutators: [string]
    """

    /// The resource types a bundle can declare, each a mapping from resource key to definition.
    static let resources = """
    object Resources
      jobs: {Job}
      pipelines: {Pipeline}
      clusters: {Cluster}
      schemas: {Schema}
      volumes: {Volume}
      catalogs: {Catalog}
      registered_models: {RegisteredModel}
      quality_monitors: {QualityMonitor}
      experiments: {Experiment}
      models: {Model}
      model_serving_endpoints: {ModelServingEndpoint}
      apps: {App}
      sql_warehouses: {SqlWarehouse}
      dashboards: {Dashboard}
      alerts: {Alert}
      genie_spaces: {GenieSpace}
      secret_scopes: {SecretScope}
      database_instances: {DatabaseInstance}
      database_catalogs: {DatabaseCatalog}
      synced_database_tables: {SyncedDatabaseTable}
      postgres_projects: {PostgresProject}
      postgres_branches: {PostgresBranch}
      postgres_endpoints: {PostgresEndpoint}
      postgres_databases: {PostgresDatabase}
      postgres_roles: {PostgresRole}
      postgres_catalogs: {PostgresCatalog}
      postgres_synced_tables: {PostgresSyncedTable}
      vector_search_endpoints: {VectorSearchEndpoint}
      vector_search_indexes: {VectorSearchIndex}
      external_locations: {ExternalLocation}
      instance_pools: {InstancePool}
      job_runs: {JobRun}
      secrets: {Secret}
    """
}
