extension SchemaDefinitions {
    /// Clusters: the Clusters API cluster specification shared by job clusters, tasks and `clusters`.
    static let compute = """
    object ClusterSpec
      cluster_name: string
      spark_version: string  # The Databricks Runtime version, such as 15.4.x-scala2.12.
      node_type_id: string  # The worker node type, such as i3.xlarge.
      driver_node_type_id: string  # The driver node type (default: node_type_id).
      num_workers: int  # The number of workers (without autoscale).
      autoscale: AutoScale  # Autoscaling: min_workers and max_workers (instead of num_workers).
      spark_conf: {string}  # Spark configuration key-value pairs.
      spark_env_vars: {string}  # Environment variables of the cluster's processes.
      custom_tags: {string}  # Tags on the cluster's cloud resources.
      aws_attributes: AwsAttributes
      azure_attributes: AzureAttributes
      gcp_attributes: GcpAttributes
      autotermination_minutes: int  # Idle minutes after which the cluster terminates.
      enable_elastic_disk: bool
      enable_local_disk_encryption: bool
      instance_pool_id: string  # The instance pool the workers come from.
      driver_instance_pool_id: string
      policy_id: string  # The cluster policy the cluster follows.
      apply_policy_default_values: bool
      data_security_mode: enum NONE SINGLE_USER USER_ISOLATION LEGACY_TABLE_ACL LEGACY_PASSTHROUGH LEGACY_SINGLE_USER LEGACY_SINGLE_USER_STANDARD DATA_SECURITY_MODE_STANDARD DATA_SECURITY_MODE_DEDICATED DATA_SECURITY_MODE_AUTO  # Unity Catalog access mode.
      single_user_name: string
      runtime_engine: enum NULL STANDARD PHOTON  # STANDARD or PHOTON.
      kind: enum CLASSIC_PREVIEW
      is_single_node: bool
      use_ml_runtime: bool
      ssh_public_keys: [string]
      init_scripts: [InitScript]
      cluster_log_conf: ClusterLogConf
      docker_image: DockerImage
      workload_type: WorkloadType
      total_initial_remote_disk_size: int
      remote_disk_throughput: int
      driver_node_type_flexibility: NodeTypeFlexibility
      worker_node_type_flexibility: NodeTypeFlexibility
      dependency_mode: enum DEPENDENCY_MODE_AUTO DEPENDENCY_MODE_CLUSTER_LIBRARIES DEPENDENCY_MODE_ENVIRONMENTS

    object NodeTypeFlexibility
      alternate_node_type_ids: [string]

    object Cluster
      ...ClusterSpec
      permissions: [ClusterPermission]
      lifecycle: LifecycleWithStarted

    object ClusterPermission
      level!: enum CAN_MANAGE CAN_RESTART CAN_ATTACH_TO
      user_name: string
      group_name: string
      service_principal_name: string

    object AutoScale
      min_workers: int
      max_workers: int

    object AwsAttributes
      availability: enum SPOT ON_DEMAND SPOT_WITH_FALLBACK
      first_on_demand: int
      spot_bid_price_percent: int
      zone_id: string
      instance_profile_arn: string
      ebs_volume_type: enum GENERAL_PURPOSE_SSD THROUGHPUT_OPTIMIZED_HDD
      ebs_volume_count: int
      ebs_volume_size: int
      ebs_volume_iops: int
      ebs_volume_throughput: int

    object AzureAttributes
      availability: enum SPOT_AZURE ON_DEMAND_AZURE SPOT_WITH_FALLBACK_AZURE
      first_on_demand: int
      spot_bid_max_price: number
      capacity_reservation_group: string
      log_analytics_info: LogAnalyticsInfo

    object LogAnalyticsInfo
      log_analytics_workspace_id: string
      log_analytics_primary_key: string

    object GcpAttributes
      availability: enum PREEMPTIBLE_GCP ON_DEMAND_GCP PREEMPTIBLE_WITH_FALLBACK_GCP
      boot_disk_size: int
      google_service_account: string
      local_ssd_count: int
      use_preemptible_executors: bool deprecated
      zone_id: string
      first_on_demand: int
      confidential_compute_type: enum CONFIDENTIAL_COMPUTE_TYPE_NONE SEV_SNP

    object InitScript
      workspace: WorkspaceStorageInfo
      volumes: VolumesStorageInfo
      file: LocalFileInfo
      dbfs: DbfsStorageInfo deprecated
      s3: S3StorageInfo
      abfss: Adlsgen2Info
      gcs: GcsStorageInfo

    object WorkspaceStorageInfo
      destination!: string

    object VolumesStorageInfo
      destination!: string

    object LocalFileInfo
      destination!: string

    object DbfsStorageInfo
      destination!: string

    object GcsStorageInfo
      destination!: string

    object Adlsgen2Info
      destination!: string

    object S3StorageInfo
      destination!: string
      region: string
      endpoint: string
      enable_encryption: bool
      encryption_type: string
      kms_key: string
      canned_acl: string

    object ClusterLogConf
      dbfs: DbfsStorageInfo
      s3: S3StorageInfo
      volumes: VolumesStorageInfo

    object DockerImage
      url: string
      basic_auth: DockerBasicAuth

    object DockerBasicAuth
      username: string
      password: string

    object WorkloadType
      clients!: ClientsTypes

    object ClientsTypes
      jobs: bool
      notebooks: bool

    object InstancePool
      instance_pool_name!: string
      node_type_id!: string
      min_idle_instances: int
      max_capacity: int
      idle_instance_autotermination_minutes: int
      enable_elastic_disk: bool
      preloaded_spark_versions: [string]
      preloaded_docker_images: [DockerImage]
      custom_tags: {string}
      aws_attributes: InstancePoolAwsAttributes
      azure_attributes: InstancePoolAzureAttributes
      gcp_attributes: InstancePoolGcpAttributes
      disk_spec: DiskSpec
      node_type_flexibility: NodeTypeFlexibility
      remote_disk_throughput: int
      total_initial_remote_disk_size: int
      permissions: [InstancePoolPermission]
      lifecycle: Lifecycle

    object InstancePoolPermission
      level!: enum CAN_ATTACH_TO CAN_MANAGE
      user_name: string
      group_name: string
      service_principal_name: string

    # Instance pool attributes (upstream compute.InstancePoolAwsAttributes etc.): not the cluster AwsAttributes,
    # AzureAttributes, GcpAttributes, which have other fields (gcp_availability here, availability there).
    object InstancePoolAwsAttributes
      availability: enum SPOT ON_DEMAND
      instance_profile_arn: string
      spot_bid_price_percent: int
      zone_id: string

    object InstancePoolAzureAttributes
      availability: enum SPOT_AZURE ON_DEMAND_AZURE
      capacity_reservation_group: string
      spot_bid_max_price: number

    object InstancePoolGcpAttributes
      gcp_availability: enum PREEMPTIBLE_GCP ON_DEMAND_GCP PREEMPTIBLE_WITH_FALLBACK_GCP
      local_ssd_count: int
      zone_id: string

    object DiskSpec
      disk_count: int
      disk_iops: int
      disk_size: int
      disk_throughput: int
      disk_type: DiskType

    object DiskType
      azure_disk_volume_type: enum PREMIUM_LRS STANDARD_LRS
      ebs_volume_type: enum GENERAL_PURPOSE_SSD THROUGHPUT_OPTIMIZED_HDD
    """
}
