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
      ingestion_definition: any
      gateway_definition: any
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
    """
}
