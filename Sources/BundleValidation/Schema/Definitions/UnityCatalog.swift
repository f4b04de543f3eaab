extension SchemaDefinitions {
    /// Unity Catalog securables: catalogs, schemas, volumes, registered models, quality monitors, external locations.
    static let unityCatalog = """
    object Grant
      principal: string
      privileges: [string]

    object Catalog
      name!: string
      comment: string
      properties: {string}
      storage_root: string
      connection_name: string
      provider_name: string
      share_name: string
      options: {string}
      custom_max_retention_hours: int
      managed_encryption_settings: EncryptionSettings  # Customer-managed key encryption of the catalog managed data.
      grants: [Grant]
      lifecycle: Lifecycle

    object Schema
      catalog_name!: string
      name!: string
      comment: string
      properties: {string}
      storage_root: string
      custom_max_retention_hours: int
      grants: [Grant]
      lifecycle: Lifecycle

    object Volume
      catalog_name!: string
      schema_name!: string
      name!: string
      volume_type: enum MANAGED EXTERNAL
      storage_location: string
      comment: string
      grants: [Grant]
      lifecycle: Lifecycle

    object RegisteredModel
      name: string
      full_name: string
      owner: string
      metastore_id: string
      created_at: int
      created_by: string
      updated_at: int
      updated_by: string
      catalog_name: string
      schema_name: string
      comment: string
      storage_location: string
      aliases: [RegisteredModelAlias]
      grants: [Grant]
      lifecycle: Lifecycle

    object RegisteredModelAlias
      alias_name: string
      version_num: int
      id: string
      catalog_name: string
      schema_name: string
      model_name: string

    object ExternalLocation
      name!: string
      url!: string
      credential_name!: string
      comment: string
      read_only: bool
      skip_validation: bool
      fallback: bool
      enable_file_events: bool
      encryption_details: EncryptionDetails
      file_event_queue: FileEventQueue  # Required (with exactly one queue) when enable_file_events is not false.
      grants: [Grant]
      lifecycle: Lifecycle

    object QualityMonitor
      table_name!: string
      assets_dir!: string
      output_schema_name!: string
      baseline_table_name: string
      custom_metrics: [MonitorMetric]
      data_classification_config: MonitorDataClassificationConfig
      inference_log: MonitorInferenceLog
      notifications: MonitorNotifications
      schedule: MonitorCronSchedule
      skip_builtin_dashboard: bool
      slicing_exprs: [string]
      snapshot: any
      time_series: MonitorTimeSeries
      warehouse_id: string
      latest_monitor_failure_msg: string
      lifecycle: Lifecycle

    object MonitorMetric
      name!: string
      definition!: string
      input_columns!: [string]
      output_data_type!: string
      type!: enum CUSTOM_METRIC_TYPE_AGGREGATE CUSTOM_METRIC_TYPE_DERIVED CUSTOM_METRIC_TYPE_DRIFT

    object MonitorInferenceLog
      granularities!: [string]
      model_id_col!: string
      prediction_col!: string
      problem_type!: enum PROBLEM_TYPE_CLASSIFICATION PROBLEM_TYPE_REGRESSION
      timestamp_col!: string
      label_col: string
      prediction_proba_col: string

    object MonitorNotifications
      on_failure: MonitorDestination
      on_new_classification_tag_detected: MonitorDestination

    object MonitorDestination
      email_addresses: [string]

    object MonitorCronSchedule
      quartz_cron_expression!: string
      timezone_id!: string
      pause_status: enum PAUSED UNPAUSED UNSPECIFIED

    object MonitorTimeSeries
      granularities!: [string]
      timestamp_col!: string

    # Catalog encryption (upstream catalog.EncryptionSettings).
    object EncryptionSettings
      azure_encryption_settings: AzureEncryptionSettings
      azure_key_vault_key_id: string
      customer_managed_key_id: string

    object AzureEncryptionSettings
      azure_cmk_access_connector_id: string
      azure_cmk_managed_identity_id: string
      azure_tenant_id!: string

    # External location encryption and file events (upstream catalog.EncryptionDetails, catalog.FileEventQueue).
    object EncryptionDetails
      sse_encryption_details: SseEncryptionDetails

    object SseEncryptionDetails
      algorithm: enum AWS_SSE_S3 AWS_SSE_KMS
      aws_kms_key_arn: string

    object FileEventQueue
      managed_aqs: AzureQueueStorage
      managed_pubsub: GcpPubsub
      managed_sqs: AwsSqsQueue
      provided_aqs: AzureQueueStorage
      provided_pubsub: GcpPubsub
      provided_sqs: AwsSqsQueue

    object AzureQueueStorage
      queue_url: string
      resource_group: string
      subscription_id: string

    object GcpPubsub
      subscription_name: string

    object AwsSqsQueue
      queue_url: string

    # Quality monitor data classification (upstream catalog.MonitorDataClassificationConfig).
    object MonitorDataClassificationConfig
      enabled: bool
    """
}
