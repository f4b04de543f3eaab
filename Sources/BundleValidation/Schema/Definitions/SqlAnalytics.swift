extension SchemaDefinitions {
    /// Databricks SQL: warehouses, AI/BI dashboards, alerts and Genie spaces.
    static let sqlAnalytics = """
    object SqlWarehouse
      name: string
      cluster_size: string
      min_num_clusters: int
      max_num_clusters: int
      auto_stop_mins: int
      enable_photon: bool
      enable_serverless_compute: bool
      warehouse_type: enum CLASSIC PRO TYPE_UNSPECIFIED
      spot_instance_policy: enum COST_OPTIMIZED RELIABILITY_OPTIMIZED POLICY_UNSPECIFIED
      channel: WarehouseChannel
      tags: WarehouseTags
      creator_name: string
      instance_profile_arn: string
      permissions: [WarehousePermission]
      lifecycle: LifecycleWithStarted

    object WarehouseChannel
      name: enum CHANNEL_NAME_CURRENT CHANNEL_NAME_PREVIEW CHANNEL_NAME_CUSTOM CHANNEL_NAME_PREVIOUS
      dbsql_version: string

    object WarehouseTags
      custom_tags: [WarehouseTag]

    object WarehouseTag
      key: string
      value: string

    object WarehousePermission
      level!: enum CAN_MANAGE CAN_USE CAN_MONITOR CAN_VIEW IS_OWNER
      user_name: string
      group_name: string
      service_principal_name: string

    object Dashboard
      display_name: string
      dashboard_id: string
      path: string
      create_time: string
      update_time: string
      lifecycle_state: enum ACTIVE TRASHED
      file_path: string
      serialized_dashboard: any
      warehouse_id: string
      parent_path: string
      embed_credentials: bool
      etag: string
      dataset_catalog: string
      dataset_schema: string
      permissions: [DashboardPermission]
      lifecycle: Lifecycle

    object DashboardPermission
      level!: enum CAN_ATTACH_TO CAN_BIND CAN_CREATE CAN_CREATE_APP CAN_EDIT CAN_EDIT_METADATA CAN_MANAGE CAN_MANAGE_PRODUCTION_VERSIONS CAN_MANAGE_RUN CAN_MANAGE_STAGING_VERSIONS CAN_MONITOR CAN_MONITOR_ONLY CAN_QUERY CAN_READ CAN_RESTART CAN_RUN CAN_USE CAN_VIEW CAN_VIEW_METADATA IS_OWNER
      user_name: string
      group_name: string
      service_principal_name: string

    object Alert
      display_name!: string
      query_text!: string
      warehouse_id!: string
      evaluation!: AlertEvaluation
      schedule!: AlertSchedule
      custom_description: string
      custom_summary: string
      parent_path: string
      file_path: string
      run_as: RunAs
      run_as_user_name: string deprecated
      parameters: any
      permissions: [AlertPermission]
      lifecycle: Lifecycle
      lifecycle_state: any

    object AlertEvaluation
      source!: AlertColumn
      comparison_operator!: enum EQUAL GREATER_THAN GREATER_THAN_OR_EQUAL IS_NOT_NULL IS_NULL LESS_THAN LESS_THAN_OR_EQUAL NOT_EQUAL
      threshold: AlertThreshold
      empty_result_state: enum ERROR OK TRIGGERED UNKNOWN
      state: any
      notification: AlertNotification

    object AlertColumn
      name!: string
      aggregation: enum AVG COUNT COUNT_DISTINCT MAX MEDIAN MIN STDDEV SUM
      display: string

    object AlertThreshold
      value: AlertValue
      column: AlertColumn

    object AlertValue
      bool_value: bool
      double_value: number
      string_value: string

    object AlertNotification
      notify_on_ok: bool
      retrigger_seconds: int
      subscriptions: [AlertSubscription]

    object AlertSubscription
      user_email: string
      destination_id: string

    object AlertSchedule
      quartz_cron_schedule!: string
      timezone_id!: string
      pause_status: enum PAUSED UNPAUSED

    object AlertPermission
      level!: enum CAN_ATTACH_TO CAN_BIND CAN_CREATE CAN_CREATE_APP CAN_EDIT CAN_EDIT_METADATA CAN_MANAGE CAN_MANAGE_PRODUCTION_VERSIONS CAN_MANAGE_RUN CAN_MANAGE_STAGING_VERSIONS CAN_MONITOR CAN_MONITOR_ONLY CAN_QUERY CAN_READ CAN_RESTART CAN_RUN CAN_USE CAN_VIEW CAN_VIEW_METADATA IS_OWNER
      user_name: string
      group_name: string
      service_principal_name: string

    object GenieSpace
      title: string
      description: string
      warehouse_id: string
      etag: string
      serialized_space: any
      file_path: string
      parent_path: string
      permissions: [GenieSpacePermission]
      lifecycle: Lifecycle

    object GenieSpacePermission
      level!: enum CAN_ATTACH_TO CAN_BIND CAN_CREATE CAN_CREATE_APP CAN_EDIT CAN_EDIT_METADATA CAN_MANAGE CAN_MANAGE_PRODUCTION_VERSIONS CAN_MANAGE_RUN CAN_MANAGE_STAGING_VERSIONS CAN_MONITOR CAN_MONITOR_ONLY CAN_QUERY CAN_READ CAN_RESTART CAN_RUN CAN_USE CAN_VIEW CAN_VIEW_METADATA IS_OWNER
      user_name: string
      group_name: string
      service_principal_name: string
    """
}
