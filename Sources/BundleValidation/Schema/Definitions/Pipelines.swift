extension SchemaDefinitions {
    /// Lakeflow Declarative Pipelines (DLT): the Pipelines API pipeline specification.
    static let pipelines = """
    object Pipeline
      name: string
      catalog: string
      schema: string
      target: string deprecated
      storage: string
      root_path: string
      serverless: bool
      continuous: bool
      development: bool
      photon: bool
      edition: string
      channel: string
      clusters: [PipelineCluster]
      libraries: [PipelineLibrary]
      configuration: {string}
      notifications: [PipelineNotifications]
      trigger: PipelineTrigger deprecated
      filters: PipelineFilters
      environment: PipelinesEnvironment
      event_log: EventLogSpec
      ingestion_definition: any
      gateway_definition: any
      restart_window: RestartWindow
      run_as: RunAs
      tags: {string}
      budget_policy_id: string
      usage_policy_id: string
      allow_duplicate_names: bool
      cascade_on_destroy: bool
      parameters: any
      serverless_compute_id: string
      id: string
      permissions: [PipelinePermission]
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
