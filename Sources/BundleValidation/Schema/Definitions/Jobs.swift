extension SchemaDefinitions {
    /// Jobs: the Jobs API 2.2 job settings, tasks and their types.
    static let jobs = """
    object Job
      name: string  # The job's display name.
      description: string  # A description of the job.
      tasks: [Task]  # The job's tasks, each with a unique task_key.
      job_clusters: [JobCluster]  # Clusters that tasks share, referenced by job_cluster_key.
      environments: [JobEnvironment]  # Serverless environments that tasks reference by environment_key.
      parameters: [JobParameterDefinition]  # Job-level parameters, passed to every task.
      schedule: CronSchedule  # A Quartz cron schedule.
      trigger: TriggerSettings  # A trigger: file arrival, periodic or table update.
      triggers: [TriggerConfiguration]  # Triggers attached to the job; a run starts when any active one fires.
      continuous: Continuous  # Run the job continuously instead of on a schedule.
      email_notifications: JobEmailNotifications  # E-mail addresses notified on start, success, failure and duration warnings.
      webhook_notifications: WebhookNotifications  # Notification destinations (by id) for the same events.
      notification_settings: JobNotificationSettings
      timeout_seconds: int  # Time-out of each run, in seconds (0: none).
      max_concurrent_runs: int  # How many runs of the job may run at once.
      tags: {string}  # Tags of the job (key: value).
      git_source: GitSource  # A remote git repository the tasks' source comes from.
      health: JobsHealthRules  # Health rules, such as a run duration threshold.
      queue: QueueSettings  # Whether runs queue when the concurrency limit is reached.
      run_as: JobRunAs  # The user or service principal the job runs as.
      deployment: any  # Set by the CLI (the bundle's deployment metadata).
      parent_path: string
      budget_policy_id: string
      usage_policy_id: string
      performance_target: enum PERFORMANCE_OPTIMIZED STANDARD  # Serverless performance: PERFORMANCE_OPTIMIZED or STANDARD.
      permissions: [JobPermission]  # Who may view, run or manage the job.
      lifecycle: Lifecycle
      format: enum MULTI_TASK SINGLE_TASK  # Set by the Jobs API (MULTI_TASK); the CLI knows it and checks its value.
      edit_mode: enum EDITABLE UI_LOCKED  # Whether the job may be edited in the UI; the CLI checks its value.

    object Lifecycle
      prevent_destroy: bool

    object LifecycleWithStarted
      prevent_destroy: bool
      started: bool

    object JobPermission
      level!: enum CAN_MANAGE CAN_MANAGE_RUN CAN_VIEW IS_OWNER
      user_name: string
      group_name: string
      service_principal_name: string

    object JobRunAs
      user_name: string
      service_principal_name: string
      group_name: string


    object JobCluster
      job_cluster_key!: string  # The name tasks use to refer to this cluster (required, unique in the job).
      new_cluster: ClusterSpec  # The cluster's specification.
      serverless_compute_id: string

    object JobEnvironment
      environment_key!: string
      spec: Environment

    object Environment
      client: string deprecated
      environment_version: string
      dependencies: [string]
      java_dependencies: [string]
      base_environment: string

    object JobParameterDefinition
      name!: string
      default!: string

    object CronSchedule
      quartz_cron_expression!: string
      timezone_id!: string
      pause_status: enum PAUSED UNPAUSED
      sql_condition: SqlConditionConfiguration

    object TriggerSettings
      pause_status: enum PAUSED UNPAUSED
      file_arrival: FileArrivalTriggerConfiguration
      periodic: PeriodicTriggerConfiguration
      table_update: TableUpdateTriggerConfiguration
      model: ModelTriggerConfiguration
      sql_condition: SqlConditionConfiguration

    object FileArrivalTriggerConfiguration
      url!: string
      min_time_between_triggers_seconds: int
      wait_after_last_change_seconds: int

    object PeriodicTriggerConfiguration
      interval!: int
      unit!: enum MINUTES HOURS DAYS WEEKS

    object TableUpdateTriggerConfiguration
      table_names!: [string]
      condition: enum ANY_UPDATED ALL_UPDATED
      min_time_between_triggers_seconds: int
      wait_after_last_change_seconds: int

    object ModelTriggerConfiguration
      condition!: enum MODEL_CREATED MODEL_VERSION_READY MODEL_ALIAS_SET
      securable_name: string
      aliases: [string]
      min_time_between_triggers_seconds: int
      wait_after_last_change_seconds: int

    object Continuous
      pause_status: enum PAUSED UNPAUSED
      task_retry_mode: enum NEVER ON_FAILURE

    object JobEmailNotifications
      on_start: [string]
      on_success: [string]
      on_failure: [string]
      on_duration_warning_threshold_exceeded: [string]
      on_streaming_backlog_exceeded: [string]
      no_alert_for_skipped_runs: bool deprecated

    object TaskEmailNotifications
      ...JobEmailNotifications

    object WebhookNotifications
      on_start: [Webhook]
      on_success: [Webhook]
      on_failure: [Webhook]
      on_duration_warning_threshold_exceeded: [Webhook]
      on_streaming_backlog_exceeded: [Webhook]

    object Webhook
      id!: string

    object JobNotificationSettings
      no_alert_for_skipped_runs: bool
      no_alert_for_canceled_runs: bool

    object TaskNotificationSettings
      no_alert_for_skipped_runs: bool
      no_alert_for_canceled_runs: bool
      alert_on_last_attempt: bool

    object GitSource
      git_url!: string
      git_provider!: enum gitHub bitbucketCloud azureDevOpsServices gitHubEnterprise bitbucketServer gitLab gitLabEnterpriseEdition awsCodeCommit
      git_branch: string
      git_tag: string
      git_commit: string
      sparse_checkout: SparseCheckout
      job_source: any  # Read-only in the Jobs API (set for source-controlled jobs); the upstream bundle schema leaves it out.



    object SparseCheckout
      patterns: [string]

    object JobsHealthRules
      rules: [JobsHealthRule]

    object JobsHealthRule
      metric!: enum RUN_DURATION_SECONDS STREAMING_BACKLOG_BYTES STREAMING_BACKLOG_RECORDS STREAMING_BACKLOG_SECONDS STREAMING_BACKLOG_FILES
      op!: enum GREATER_THAN
      value!: int

    object QueueSettings
      enabled!: bool

    object Task
      task_key!: string  # The task's unique name within the job (required).
      description: string  # A description of the task.
      depends_on: [TaskDependency]  # Tasks that must finish first ([{task_key: ...}]).
      run_if: enum ALL_SUCCESS ALL_DONE NONE_FAILED AT_LEAST_ONE_SUCCESS ALL_FAILED AT_LEAST_ONE_FAILED  # When the task runs, given its dependencies' outcomes.
      existing_cluster_id: string  # Run on this existing all-purpose cluster.
      new_cluster: ClusterSpec  # Run on a new cluster with this specification.
      job_cluster_key: string  # Run on the job cluster with this key.
      environment_key: string  # Run on serverless compute with the job environment of this key.
      compute: Compute
      libraries: [Library]  # Libraries installed on the cluster for this task.
      timeout_seconds: int  # Time-out of the task, in seconds.
      max_retries: int  # How often a failed run of the task is retried (-1: forever).
      min_retry_interval_millis: int  # Minimum wait between retries, in milliseconds.
      retry_on_timeout: bool  # Whether the task is retried when it times out.
      email_notifications: TaskEmailNotifications  # E-mail addresses notified for this task's runs.
      webhook_notifications: WebhookNotifications
      notification_settings: TaskNotificationSettings
      health: JobsHealthRules
      disabled: bool  # Skip this task in runs.
      disable_auto_optimization: bool
      notebook_task: NotebookTask  # Run a notebook.
      spark_python_task: SparkPythonTask  # Run a Python file.
      spark_jar_task: SparkJarTask
      spark_submit_task: SparkSubmitTask deprecated
      python_wheel_task: PythonWheelTask  # Run an entry point of a Python wheel.
      pipeline_task: PipelineTask  # Run an update of a pipeline.
      sql_task: SqlTask  # Run a SQL query, file, alert or dashboard on a SQL warehouse.
      dbt_task: DbtTask
      dbt_cloud_task: DbtCloudTask
      dbt_platform_task: DbtPlatformTask
      run_job_task: RunJobTask  # Run another job.
      condition_task: ConditionTask  # Branch on a condition.
      for_each_task: ForEachTask  # Run a task once for each input value.
      clean_rooms_notebook_task: CleanRoomsNotebookTask
      dashboard_task: DashboardTask
      power_bi_task: PowerBiTask
      gen_ai_compute_task: GenAiComputeTask
      alert_task: AlertTask
      ai_runtime_task: AiRuntimeTask  # Run a multi-node GPU workload on AI Runtime.
      python_operator_task: PythonOperatorTask

    object Compute
      hardware_accelerator: enum GPU_1xA10 GPU_8xH100

    object TaskDependency
      task_key!: string
      outcome: string

    object NotebookTask
      notebook_path!: string
      source: enum WORKSPACE GIT
      base_parameters: {string}
      warehouse_id: string

    object SparkPythonTask
      python_file!: string
      parameters: [string]
      source: enum WORKSPACE GIT

    object SparkJarTask
      main_class_name: string
      jar_uri: string deprecated
      parameters: [string]
      run_as_repl: bool deprecated

    object SparkSubmitTask
      parameters: [string]

    object PythonWheelTask
      package_name!: string
      entry_point!: string
      parameters: [string]
      named_parameters: {string}

    object PipelineTask
      pipeline_id!: string
      full_refresh: bool
      parameters: {string}
      ...PipelineSelections

    object SqlTask
      warehouse_id!: string
      parameters: {string}
      query: SqlTaskQuery
      dashboard: SqlTaskDashboard
      alert: SqlTaskAlert
      file: SqlTaskFile

    object SqlTaskQuery
      query_id!: string

    object SqlTaskDashboard
      dashboard_id!: string
      subscriptions: [SqlTaskSubscription]
      custom_subject: string
      pause_subscriptions: bool

    object SqlTaskAlert
      alert_id!: string
      subscriptions: [SqlTaskSubscription]
      pause_subscriptions: bool

    object SqlTaskSubscription
      user_name: string
      destination_id: string

    object SqlTaskFile
      path!: string
      source: enum WORKSPACE GIT

    object DbtTask
      commands!: [string]
      project_directory: string
      profiles_directory: string
      schema: string
      catalog: string
      warehouse_id: string
      source: enum WORKSPACE GIT

    object DbtCloudTask
      connection_resource_name: string
      dbt_cloud_job_id: int

    object DbtPlatformTask
      connection_resource_name: string
      dbt_platform_job_id: string

    object RunJobTask
      job_id!: int
      job_parameters: {string}
      jar_params: [string] deprecated
      notebook_params: {string} deprecated
      python_params: [string] deprecated
      python_named_params: {string} deprecated
      spark_submit_params: [string] deprecated
      sql_params: {string} deprecated
      dbt_commands: [string] deprecated
      pipeline_params: PipelineParams

    object PipelineParams
      full_refresh: bool
      ...PipelineSelections

    object PipelineSelections
      full_refresh_selection: [string]
      refresh_selection: [string]
      refresh_flow_selection: [string]
      reset_checkpoint_selection: [string]

    object ConditionTask
      op!: enum EQUAL_TO GREATER_THAN GREATER_THAN_OR_EQUAL LESS_THAN LESS_THAN_OR_EQUAL NOT_EQUAL
      left!: string
      right!: string

    object ForEachTask
      inputs!: string
      task!: Task
      concurrency: int

    object CleanRoomsNotebookTask
      clean_room_name!: string
      notebook_name!: string
      etag: string
      notebook_base_parameters: {string}

    object DashboardTask
      dashboard_id: string
      subscription: Subscription
      warehouse_id: string
      filters: {string}

    object Subscription
      custom_subject: string
      paused: bool
      subscribers: [SubscriptionSubscriber]

    object SubscriptionSubscriber
      user_name: string
      destination_id: string

    object PowerBiTask
      connection_resource_name: string
      power_bi_model: PowerBiModel
      refresh_after_update: bool
      tables: [PowerBiTable]
      warehouse_id: string

    object PowerBiModel
      workspace_name: string
      model_name: string
      storage_mode: enum DIRECT_QUERY IMPORT DUAL
      authentication_method: enum OAUTH PAT
      overwrite_existing: bool

    object PowerBiTable
      catalog: string
      schema: string
      name: string
      storage_mode: enum DIRECT_QUERY IMPORT DUAL

    object GenAiComputeTask
      dl_runtime_image!: string
      command: string
      compute: ComputeConfig
      mlflow_experiment_name: string
      source: enum WORKSPACE GIT
      training_script_path: string
      yaml_parameters: string
      yaml_parameters_file_path: string

    object ComputeConfig
      gpu_node_pool_id: string
      gpu_type: string
      num_gpus!: int

    object AlertTask
      alert_id: string
      subscribers: [AlertTaskSubscriber]
      warehouse_id: string
      workspace_path: string

    object AlertTaskSubscriber
      user_name: string
      destination_id: string

    object Library
      jar: string
      egg: string deprecated
      whl: string
      pypi: PythonPyPiLibrary
      maven: MavenLibrary
      cran: RCranLibrary
      requirements: string

    object PythonPyPiLibrary
      package!: string
      repo: string

    object MavenLibrary
      coordinates!: string
      repo: string
      exclusions: [string]

    object RCranLibrary
      package!: string
      repo: string

    object JobRun
      job_id!: int
      job_parameters: {string}
      pipeline_params: PipelineParams
      only: [string]
      performance_target: enum PERFORMANCE_OPTIMIZED STANDARD
      queue: QueueSettings
      jar_params: [string] deprecated
      notebook_params: {string} deprecated
      python_params: [string] deprecated
      python_named_params: {string} deprecated
      spark_submit_params: [string] deprecated
      sql_params: {string} deprecated
      dbt_commands: [string] deprecated
      lifecycle: JobRunLifecycle

    object JobRunLifecycle
      prevent_destroy: bool
      triggers: [JobRunTrigger]  # When the run starts again: on_bundle_deploy: true runs it on every deploy.

    object JobRunTrigger
      on_bundle_deploy: bool

    # Job triggers (upstream jobs.TriggerConfiguration): each sets exactly one trigger type. The file arrival,
    # periodic, table update and model configurations are the ones TriggerSettings uses above.
    object TriggerConfiguration
      continuous: ContinuousTriggerConfiguration
      file_arrival: FileArrivalTriggerConfiguration
      model: ModelTriggerConfiguration
      pause_status: enum UNPAUSED PAUSED
      periodic: PeriodicTriggerConfiguration
      schedule: CronTriggerConfiguration
      sql_condition: SqlConditionConfiguration
      table_update: TableUpdateTriggerConfiguration

    object ContinuousTriggerConfiguration
      task_retry_mode: enum NEVER ON_FAILURE

    object CronTriggerConfiguration
      quartz_cron_expression!: string
      timezone_id!: string

    object SqlConditionConfiguration
      sql_query_id!: string
      trigger_mode: enum QUERY_RETURNS_ROWS RESULT_VALUE_CHANGES
      warehouse_id!: string

    # AI Runtime task (upstream jobs.AiRuntimeTask).
    object AiRuntimeTask
      code_source_path: string
      deployments!: [AiRuntimeDeploymentSpec]
      docker_image_url: string
      experiment!: string
      mlflow_artifact_location: string
      mlflow_experiment_directory: string
      mlflow_run: string

    object AiRuntimeDeploymentSpec
      command_path!: string
      compute!: AiRuntimeComputeSpec
      name: string

    object AiRuntimeComputeSpec
      accelerator_count!: int
      accelerator_type!: enum GPU_1xA10 GPU_1xH100 GPU_8xH100

    # Python operator task (upstream jobs.PythonOperatorTask).
    object PythonOperatorTask
      main: string
      parameters: [PythonOperatorTaskParameter]

    object PythonOperatorTaskParameter
      name: string
      value: string
    """
}
