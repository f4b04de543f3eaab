extension SchemaDefinitions {
    /// Lakebase: database instances, their catalogs and synced tables, and Postgres projects.
    static let databases = """
    object DatabaseInstance
      name!: string
      state: any
      capacity: string
      node_count: int
      enable_pg_native_login: bool
      enable_readable_secondaries: bool
      retention_window_in_days: int
      stopped: bool
      parent_instance_ref: DatabaseInstanceRef  # The parent instance of a child instance (set on create).
      usage_policy_id: string
      custom_tags: [any]
      permissions: [Permission]
      lifecycle: Lifecycle

    object DatabaseCatalog
      name!: string
      database_instance_name!: string
      database_name!: string
      create_database_if_not_exists: bool
      lifecycle: Lifecycle

    object SyncedDatabaseTable
      name!: string
      database_instance_name: string
      logical_database_name: string
      spec: SyncedTableSpec
      lifecycle: Lifecycle

    object PostgresProject
      project_id!: string
      display_name: string
      pg_version: int
      history_retention_duration: string
      default_endpoint_settings: ProjectDefaultEndpointSettings
      budget_policy_id: string
      custom_tags: [any]
      default_branch: string
      enable_pg_native_login: bool
      purge_on_delete: bool
      permissions: [Permission]
      lifecycle: Lifecycle

    object PostgresBranch
      parent!: string
      branch_id!: string
      source_branch: string
      is_protected: bool
      no_expiry: bool
      expire_time: string
      ttl: string
      purge_on_delete: bool
      replace_existing: bool
      source_branch_lsn: string
      source_branch_time: string
      lifecycle: Lifecycle

    object PostgresEndpoint
      parent!: string
      endpoint_id!: string
      endpoint_type!: string
      group: PostgresEndpointGroupSpec  # High availability: the number of computes in the endpoint group.
      no_suspension: bool
      replace_existing: bool
      autoscaling_limit_min_cu: number
      autoscaling_limit_max_cu: number
      disabled: bool
      suspend_timeout_duration: string
      settings: PostgresEndpointSettings
      lifecycle: Lifecycle

    object PostgresDatabase
      parent!: string
      database_id!: string
      postgres_database: string
      role!: string
      replace_existing: bool
      lifecycle: Lifecycle

    object PostgresRole
      parent!: string
      role_id!: string
      postgres_role: string
      identity_type: string
      auth_method: string
      attributes: PostgresRoleAttributes
      membership_roles: [string]
      replace_existing: bool
      lifecycle: Lifecycle

    object PostgresCatalog
      catalog_id!: string
      branch: string
      postgres_database!: string
      create_database_if_missing: bool
      lifecycle: Lifecycle

    object PostgresSyncedTable
      synced_table_id!: string
      branch: string
      postgres_database: string
      source_table_full_name: string
      primary_key_columns: [string]
      timeseries_key: string
      scheduling_policy: string
      existing_pipeline_id: string
      new_pipeline_spec: PostgresNewPipelineSpec
      create_database_objects_if_missing: bool
      accelerated_sync: bool
      extra_columns: [PostgresSyncedTableExtraColumn]
      type_overrides: [PostgresSyncedTableTypeOverride]
      lifecycle: Lifecycle

    # Database instance reference (upstream database.DatabaseInstanceRef).
    object DatabaseInstanceRef
      branch_time: string
      lsn: string
      name: string

    # Synced database table specification (upstream database.SyncedTableSpec).
    object SyncedTableSpec
      accelerated_sync: bool
      create_database_objects_if_missing: bool
      existing_pipeline_id: string
      new_pipeline_spec: SyncedTableNewPipelineSpec
      primary_key_columns: [string]
      scheduling_policy: enum CONTINUOUS TRIGGERED SNAPSHOT
      source_table_full_name: string
      timeseries_key: string
      type_overrides: [SyncedTableTypeOverride]

    object SyncedTableNewPipelineSpec
      budget_policy_id: string
      storage_catalog: string
      storage_schema: string

    object SyncedTableTypeOverride
      column_name!: string
      pg_type!: enum PG_SPECIFIC_TYPE_VECTOR PG_SPECIFIC_TYPE_HALFVEC PG_SPECIFIC_TYPE_VARCHAR
      size: int

    # Postgres project, endpoint and role settings (upstream postgres.ProjectDefaultEndpointSettings, EndpointGroupSpec, EndpointSettings, RoleAttributes).
    object ProjectDefaultEndpointSettings
      autoscaling_limit_max_cu: number
      autoscaling_limit_min_cu: number
      no_suspension: bool
      pg_settings: {string}
      suspend_timeout_duration: string

    object PostgresEndpointGroupSpec
      enable_readable_secondaries: bool
      max!: int
      min!: int

    object PostgresEndpointSettings
      pg_settings: {string}

    object PostgresRoleAttributes
      bypassrls: bool
      createdb: bool
      createrole: bool

    # Postgres synced table settings (upstream postgres.NewPipelineSpec, postgres.SyncedTableSyncedTableSpec*).
    object PostgresNewPipelineSpec
      budget_policy_id: string
      pipeline_channel: enum CURRENT PREVIEW
      storage_catalog: string
      storage_schema: string

    object PostgresSyncedTableExtraColumn
      column_name!: string
      column_type!: string
      compute: string
      maintenance: enum STORED_GENERATED

    object PostgresSyncedTableTypeOverride
      column_name!: string
      pg_type!: enum PG_SPECIFIC_TYPE_VECTOR PG_SPECIFIC_TYPE_HALFVEC PG_SPECIFIC_TYPE_VARCHAR
      size: int
    """
}
