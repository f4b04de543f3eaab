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
      parent_instance_ref: any
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
      spec: any
      lifecycle: Lifecycle

    object PostgresProject
      project_id!: string
      display_name: string
      pg_version: int
      history_retention_duration: string
      default_endpoint_settings: any
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
      group: any
      no_suspension: bool
      replace_existing: bool
      autoscaling_limit_min_cu: number
      autoscaling_limit_max_cu: number
      disabled: bool
      suspend_timeout_duration: string
      settings: any
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
      attributes: any
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
      new_pipeline_spec: any
      create_database_objects_if_missing: bool
      accelerated_sync: any
      extra_columns: any
      type_overrides: any
      lifecycle: Lifecycle
    """
}
