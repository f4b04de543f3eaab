extension SchemaDefinitions {
    /// Lakeflow Declarative Pipelines (DLT): the Pipelines API pipeline specification.
    static let pipelines = """
    object Pipeline
      name: string  # The pipeline's display name.
      deployment: any  # Set by the CLI (the bundle's deployment metadata).
      dry_run: bool
      catalog: string  # The Unity Catalog catalog the pipeline publishes to.
      schema: string  # The schema the pipeline publishes to.
      target: string deprecated
      storage: string
      root_path: string
      serverless: bool  # Run on serverless compute.
      continuous: bool  # Run continuously instead of triggered.
      development: bool  # Development mode (clusters kept, no retries).
      photon: bool  # Use Photon.
      edition: string  # CORE, PRO or ADVANCED.
      channel: string  # CURRENT or PREVIEW runtime channel.
      clusters: [PipelineCluster]  # Cluster settings (label default or maintenance).
      libraries: [PipelineLibrary]  # The notebooks and files that define the pipeline.
      configuration: {string}  # Configuration key-value pairs passed to the pipeline's code.
      notifications: [PipelineNotifications]  # E-mail notifications on updates and failures.
      trigger: PipelineTrigger deprecated
      filters: PipelineFilters
      environment: PipelinesEnvironment
      event_log: EventLogSpec
      ingestion_definition: IngestionPipelineDefinition  # Managed ingestion (Lakeflow Connect): the connection or gateway and the objects to ingest.
      gateway_definition: IngestionGatewayPipelineDefinition  # An ingestion gateway pipeline: change data capture from a database connection.
      restart_window: RestartWindow
      run_as: RunAs
      tags: {string}  # Tags of the pipeline.
      budget_policy_id: string
      usage_policy_id: string
      allow_duplicate_names: bool
      cascade_on_destroy: bool
      parameters: any
      serverless_compute_id: string
      id: string
      permissions: [PipelinePermission]  # Who may view, run or manage the pipeline.
      lifecycle: Lifecycle

    object PipelinePermission
      level!: enum CAN_MANAGE CAN_RUN CAN_VIEW IS_OWNER
      user_name: string
      group_name: string
      service_principal_name: string

    object PipelineCluster
      label: string
      num_workers: int
      autoscale: PipelineClusterAutoscale
      node_type_id: string
      driver_node_type_id: string
      spark_conf: {string}
      spark_env_vars: {string}
      custom_tags: {string}
      aws_attributes: AwsAttributes
      azure_attributes: AzureAttributes
      gcp_attributes: GcpAttributes
      instance_pool_id: string
      driver_instance_pool_id: string
      policy_id: string
      apply_policy_default_values: bool
      enable_local_disk_encryption: bool
      init_scripts: [InitScript]
      cluster_log_conf: ClusterLogConf
      ssh_public_keys: [string]

    object PipelineClusterAutoscale
      min_workers!: int
      max_workers!: int
      mode: enum ENHANCED LEGACY

    object PipelineLibrary
      notebook: NotebookLibrary
      file: FileLibrary
      glob: PathPattern
      jar: string
      maven: MavenLibrary
      whl: string deprecated

    object NotebookLibrary
      path: string

    object FileLibrary
      path: string

    object PathPattern
      include: string

    object PipelineNotifications
      email_recipients: [string]
      alerts: [string]

    object PipelineTrigger
      cron: CronTrigger
      manual: any

    object CronTrigger
      quartz_cron_schedule: string
      timezone_id: string

    object PipelineFilters
      include: [string]
      exclude: [string]


    object PipelinesEnvironment
      dependencies: [string]
      environment_version: string

    object EventLogSpec
      name: string
      catalog: string
      schema: string

    object RestartWindow
      start_hour!: int
      days_of_week: [enum MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY]
      time_zone_id: string

    # Managed ingestion (upstream pipelines.IngestionPipelineDefinition and the objects under it).
    object IngestionPipelineDefinition
      connection_name: string
      connector_type: enum CDC QUERY_BASED
      data_staging_options: DataStagingOptions
      full_refresh_window: OperationTimeWindow
      ingest_from_uc_foreign_catalog: bool
      ingestion_gateway_id: string  # The gateway pipeline (database sources); else connection_name.
      netsuite_jar_path: string
      objects: [IngestionConfig]  # The reports, schemas or tables to ingest, and where to.
      source_type: enum BIGQUERY CONFLUENCE DYNAMICS365 FOREIGN_CATALOG GA4_RAW_DATA GOOGLE_DRIVE JIRA MANAGED_POSTGRESQL META_MARKETING MYSQL NETSUITE ORACLE POSTGRESQL SALESFORCE SERVICENOW SHAREPOINT SQLSERVER TERADATA WORKDAY_RAAS ZENDESK  # Output only upstream, yet in the CLI's structs and enum_fields.go.
      source_configurations: [IngestionSourceConfig]
      table_configuration: TableSpecificConfig

    object DataStagingOptions
      catalog_name!: string
      schema_name!: string
      volume_name: string

    object OperationTimeWindow
      days_of_week: [enum MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY]
      start_hour!: int
      time_zone_id: string

    object IngestionConfig
      report: IngestionReportSpec  # One of report, schema or table.
      schema: IngestionSchemaSpec
      table: IngestionTableSpec

    object IngestionReportSpec
      destination_catalog!: string
      destination_schema!: string
      destination_table: string
      source_url!: string
      table_configuration: TableSpecificConfig

    object TableSpecificConfig
      auto_full_refresh_policy: AutoFullRefreshPolicy
      clustering_columns: [string]
      enable_auto_clustering: bool
      exclude_columns: [string]
      include_columns: [string]
      primary_keys: [string]
      query_based_connector_config: QueryBasedConnectorConfig
      row_filter: string
      salesforce_include_formula_fields: bool
      scd_type: enum SCD_TYPE_1 SCD_TYPE_2 APPEND_ONLY
      sequence_by: [string]
      source_metadata_column: string
      table_properties: {string}
      workday_report_parameters: WorkdayReportParameters

    object AutoFullRefreshPolicy
      enabled!: bool
      min_interval_hours: int

    object QueryBasedConnectorConfig
      cursor_columns: [string]
      deletion_condition: string
      hard_deletion_sync_min_interval_in_seconds: int

    object WorkdayReportParameters
      incremental: bool deprecated
      parameters: {string}
      report_parameters: [WorkdayReportParameterKeyValue] deprecated

    object WorkdayReportParameterKeyValue
      key: string
      value: string

    object IngestionSchemaSpec
      connector_options: ConnectorOptions
      destination_catalog!: string
      destination_schema!: string
      fanout_options: IngestionFanoutOptions
      source_catalog: string
      source_schema!: string
      table_configuration: TableSpecificConfig

    object ConnectorOptions
      api_source_connector_options: ApiSourceConnectorOptions
      confluence_options: ConfluenceConnectorOptions
      gdrive_options: GoogleDriveOptions
      google_ads_options: GoogleAdsOptions
      jira_options: JiraConnectorOptions
      kafka_options: KafkaOptions
      linkedin_ads_options: LinkedInAdsOptions
      marketo_options: MarketoOptions
      meta_ads_options: MetaMarketingOptions
      outlook_options: OutlookOptions
      reddit_ads_options: RedditAdsOptions
      sharepoint_options: SharepointOptions
      smartsheet_options: SmartsheetOptions
      tiktok_ads_options: TikTokAdsOptions
      zendesk_support_options: ZendeskSupportOptions

    object ApiSourceConnectorOptions
      options: {string}

    object ConfluenceConnectorOptions
      include_confluence_spaces: [string]

    object GoogleDriveOptions
      entity_type: enum FILE FILE_METADATA PERMISSION
      file_ingestion_options: FileIngestionOptions
      url: string

    object FileIngestionOptions
      corrupt_record_column: string
      file_filters: [IngestionFileFilter]
      format: enum BINARYFILE JSON CSV XML EXCEL PARQUET AVRO ORC
      format_options: {string}
      ignore_corrupt_files: bool
      infer_column_types: bool
      reader_case_sensitive: bool
      rescued_data_column: string
      schema_evolution_mode: enum ADD_NEW_COLUMNS_WITH_TYPE_WIDENING ADD_NEW_COLUMNS RESCUE FAIL_ON_NEW_COLUMNS NONE
      schema_hints: string
      single_variant_column: string

    object IngestionFileFilter
      modified_after: string
      modified_before: string
      path_filter: string

    object GoogleAdsOptions
      custom_report_options: GoogleAdsCustomReportOptions
      lookback_window_days: int
      manager_account_id!: string
      sync_start_date: string

    object GoogleAdsCustomReportOptions
      metrics: [string]
      resource!: string
      resource_fields: [string]
      segments: [string]

    object JiraConnectorOptions
      include_jira_spaces: [string]

    object KafkaOptions
      client_config: {string}
      key_transformer: IngestionTransformer
      max_offsets_per_trigger: int
      starting_offset: string
      topic_pattern: string
      topics: [string]
      value_transformer: IngestionTransformer

    object IngestionTransformer
      format: enum STRING JSON
      input_column: string
      json_options: JsonTransformerOptions
      output_column: string

    object JsonTransformerOptions
      as_variant: bool
      schema: string
      schema_evolution_mode: enum ADD_NEW_COLUMNS_WITH_TYPE_WIDENING ADD_NEW_COLUMNS RESCUE FAIL_ON_NEW_COLUMNS NONE
      schema_file_path: string
      schema_hints: string

    object LinkedInAdsOptions
      custom_report_options: LinkedInAdsCustomReportOptions
      lookback_window_days: int
      sync_start_date: string

    object LinkedInAdsCustomReportOptions
      entity_granularity: [enum CAMPAIGN CREATIVE CAMPAIGN_GROUP]
      finder!: enum ANALYTICS STATISTICS ATTRIBUTED_REVENUE_METRICS
      metrics: [string]
      time_granularity: enum ALL DAILY MONTHLY YEARLY

    object MarketoOptions
      sync_start_date: string

    object MetaMarketingOptions
      action_attribution_windows: [string] deprecated
      action_breakdowns: [string] deprecated
      action_report_time: string deprecated
      breakdowns: [string] deprecated
      custom_insights_lookback_window: int
      custom_report_options: MetaMarketingCustomReportOptions
      level: string deprecated
      start_date: string
      time_increment: string deprecated

    object MetaMarketingCustomReportOptions
      action_attribution_windows: [string]
      action_breakdowns: [string]
      action_report_time: string
      breakdowns: [string]
      level: string
      time_increment: string

    object OutlookOptions
      attachment_mode: enum ALL NON_INLINE_ONLY INLINE_ONLY NONE
      body_format: enum TEXT_HTML TEXT_PLAIN
      folder_filter: [string] deprecated
      include_folders: [string]
      include_mailboxes: [string]
      include_senders: [string]
      include_subjects: [string]
      sender_filter: [string] deprecated
      start_date: string
      subject_filter: [string] deprecated

    object RedditAdsOptions
      custom_report_options: RedditAdsCustomReportOptions
      lookback_window_days: int
      sync_start_date: string

    object RedditAdsCustomReportOptions
      breakdowns: [string]
      fields: [string]

    object SharepointOptions
      entity_type: enum FILE FILE_METADATA PERMISSION LIST
      file_ingestion_options: FileIngestionOptions
      url: string

    object SmartsheetOptions
      enforce_schema: bool

    object TikTokAdsOptions
      custom_report_options: TikTokAdsCustomReportOptions
      data_level: enum AUCTION_ADVERTISER AUCTION_CAMPAIGN AUCTION_ADGROUP AUCTION_AD deprecated
      dimensions: [string] deprecated
      lookback_window_days: int
      metrics: [string] deprecated
      query_lifetime: bool deprecated
      report_type: enum BASIC AUDIENCE PLAYABLE_AD DSA BUSINESS_CENTER GMV_MAX deprecated
      sync_start_date: string

    object TikTokAdsCustomReportOptions
      data_level: enum AUCTION_ADVERTISER AUCTION_CAMPAIGN AUCTION_ADGROUP AUCTION_AD
      dimensions: [string]
      metrics: [string]
      query_lifetime: bool
      report_type: enum BASIC AUDIENCE PLAYABLE_AD DSA BUSINESS_CENTER GMV_MAX

    object ZendeskSupportOptions
      start_date: string

    object IngestionFanoutOptions
      fanout_by: string
      transforms: [IngestionTransformer]

    object IngestionTableSpec
      connector_options: ConnectorOptions
      destination_catalog!: string
      destination_schema!: string
      destination_table: string
      source_catalog: string
      source_schema: string
      source_table!: string
      table_configuration: TableSpecificConfig

    object IngestionSourceConfig
      api_source_connector_config: ApiSourceConnectorConfig
      catalog: SourceCatalogConfig
      google_ads_config: GoogleAdsConfig

    object ApiSourceConnectorConfig
      configs: {string}

    object SourceCatalogConfig
      postgres: IngestionPostgresCatalogConfig
      source_catalog: string

    object IngestionPostgresCatalogConfig
      slot_config: PostgresSlotConfig

    object PostgresSlotConfig
      publication_name: string
      slot_name: string

    object GoogleAdsConfig
      manager_account_id: string

    # Ingestion gateway (upstream pipelines.IngestionGatewayPipelineDefinition).
    object IngestionGatewayPipelineDefinition
      connection_id: string deprecated  # Use connection_name instead.
      connection_name!: string
      connection_parameters: GatewayConnectionParameters
      gateway_storage_catalog!: string
      gateway_storage_name: string
      gateway_storage_schema!: string

    object GatewayConnectionParameters
      source_catalog: string
    """
}
