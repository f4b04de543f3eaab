extension SchemaDefinitions {
    /// The top-level sections of databricks.yml and the targets that override them.
    static let rootSections = """
    object Root
      bundle: Bundle  # The bundle's name and settings (its name is required: see the bundle-name rule).
      workspace: Workspace  # Where in the workspace the bundle deploys, and how to authenticate.
      variables: {Variable}  # Custom variables, used as ${var.<name>}.
      targets: {Target}  # Deployment targets (dev, prod, ...); each overrides the top-level settings.
      environments: {Target} deprecated
      include: [string]  # Globs of further configuration files, relative to the bundle root (only in the root file).
      artifacts: {Artifact}  # Artifacts (Python wheels, JARs) to build and upload.
      sync: Sync  # Which local files are synchronised to the workspace.
      permissions: [Permission]  # Permissions applied to every resource of the bundle.
      run_as: BundleRunAs  # The identity that runs the bundle's jobs and pipelines.
      presets: Presets  # Settings applied to every resource (name prefix, tags, pause status).
      python: Python
      scripts: {Script}
      resources: Resources  # The jobs, pipelines and other resources the bundle deploys, by type and key.
      experimental: Experimental

    object Bundle
      name: string
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
      type: enum complex  # complex for a mapping or sequence value; a plain value leaves it out.
      value: any  # A value set in place; it wins over BUNDLE_VAR_<name> and the defaults.

    object Target
      default: bool  # Whether this target is used when none is named (one target at most).
      mode: string  # development (prefixed names, paused schedules) or production.
      bundle: Bundle
      workspace: Workspace  # The workspace settings for this target.
      variables: {any}  # Values of the custom variables for this target.
      artifacts: {Artifact}
      resources: Resources  # Overrides of resources for this target, merged field by field (lists by their key).
      sync: Sync
      permissions: [Permission]
      run_as: BundleRunAs  # The identity that runs this target's jobs and pipelines.
      presets: Presets  # Presets for this target.
      git: Git
      cluster_id: string
      compute_id: string deprecated

    object Artifact
      type: enum whl jar
      build: string
      executable: enum bash sh cmd
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
      level!: enum CAN_ATTACH_TO CAN_BIND CAN_CREATE CAN_CREATE_APP CAN_EDIT CAN_EDIT_METADATA CAN_MANAGE CAN_MANAGE_PRODUCTION_VERSIONS CAN_MANAGE_RUN CAN_MANAGE_STAGING_VERSIONS CAN_MONITOR CAN_MONITOR_ONLY CAN_QUERY CAN_READ CAN_RESTART CAN_RUN CAN_USE CAN_VIEW CAN_VIEW_METADATA IS_OWNER
      user_name: string
      group_name: string
      service_principal_name: string

    object RunAs
      user_name: string
      service_principal_name: string

    object BundleRunAs
      user_name: string
      service_principal_name: string
      group_name: string

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
