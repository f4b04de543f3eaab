extension SchemaDefinitions {
    /// MLflow experiments and models, and Model Serving endpoints.
    static let machineLearning = """
    object Experiment
      name!: string
      trace_location: any
      artifact_location: string
      tags: [ExperimentTag]
      permissions: [ExperimentPermission]
      lifecycle: Lifecycle

    object ExperimentTag
      key: string
      value: string

    object ExperimentPermission
      level!: enum CAN_MANAGE CAN_EDIT CAN_READ
      user_name: string
      group_name: string
      service_principal_name: string

    object Model
      name!: string
      description: string
      tags: [ExperimentTag]
      permissions: [ModelPermission]
      lifecycle: Lifecycle

    object ModelServingEndpoint
      name!: string
      description: string
      config: EndpointCoreConfigInput
      ai_gateway: AiGatewayConfig
      rate_limits: [RateLimit] deprecated  # Use ai_gateway.rate_limits instead.
      route_optimized: bool
      tags: [EndpointTag]
      budget_policy_id: string
      telemetry_config: ServingTelemetryConfig  # Export of endpoint logs, traces and metrics to Unity Catalog tables.
      email_notifications: EndpointEmailNotifications
      permissions: [ServingEndpointPermission]
      lifecycle: Lifecycle

    object EndpointTag
      key!: string
      value: string

    object EndpointEmailNotifications
      on_update_failure: [string]
      on_update_success: [string]

    object ServingEndpointPermission
      level!: enum CAN_MANAGE CAN_QUERY CAN_VIEW
      user_name: string
      group_name: string
      service_principal_name: string

    object ModelPermission
      level!: enum CAN_EDIT CAN_MANAGE CAN_MANAGE_PRODUCTION_VERSIONS CAN_MANAGE_STAGING_VERSIONS CAN_READ
      user_name: string
      group_name: string
      service_principal_name: string

    # The serving endpoint's configuration (from the upstream schema: serving.EndpointCoreConfigInput, serving.AiGatewayConfig).
    object EndpointCoreConfigInput
      auto_capture_config: AutoCaptureConfigInput deprecated
      served_entities: [ServedEntityInput]
      served_models: [ServedModelInput]
      traffic_config: TrafficConfig

    object AiGatewayConfig
      fallback_config: FallbackConfig
      guardrails: AiGatewayGuardrails
      inference_table_config: AiGatewayInferenceTableConfig
      rate_limits: [AiGatewayRateLimit]
      usage_tracking_config: AiGatewayUsageTrackingConfig

    object AutoCaptureConfigInput
      catalog_name: string
      enabled: bool
      schema_name: string
      table_name_prefix: string

    object ServedEntityInput
      burst_scaling_enabled: bool
      entity_name: string
      entity_version: string
      environment_vars: {string}
      external_model: ExternalModel
      instance_profile_arn: string
      max_provisioned_concurrency: int
      max_provisioned_throughput: int
      min_provisioned_concurrency: int
      min_provisioned_throughput: int
      name: string
      provisioned_model_units: int
      scale_to_zero_enabled: bool
      workload_size: string
      workload_type: enum CPU GPU_MEDIUM GPU_SMALL GPU_LARGE MULTIGPU_MEDIUM CPU_LARGE GPU_XLARGE_8 GPU_XLARGE CPU_MEDIUM

    object ServedModelInput
      burst_scaling_enabled: bool
      environment_vars: {string}
      instance_profile_arn: string
      max_provisioned_concurrency: int
      max_provisioned_throughput: int
      min_provisioned_concurrency: int
      min_provisioned_throughput: int
      model_name!: string
      model_version!: string
      name: string
      provisioned_model_units: int
      scale_to_zero_enabled!: bool
      workload_size: string
      workload_type: enum CPU GPU_MEDIUM GPU_SMALL GPU_LARGE MULTIGPU_MEDIUM CPU_LARGE GPU_XLARGE_8 GPU_XLARGE CPU_MEDIUM

    object TrafficConfig
      routes: [Route]

    object FallbackConfig
      enabled!: bool

    object AiGatewayGuardrails
      input: AiGatewayGuardrailParameters
      output: AiGatewayGuardrailParameters

    object AiGatewayInferenceTableConfig
      catalog_name: string
      enabled: bool
      schema_name: string
      table_name_prefix: string

    object AiGatewayRateLimit
      calls: int
      key: enum user endpoint user_group service_principal
      principal: string
      renewal_period!: enum minute
      tokens: int

    object AiGatewayUsageTrackingConfig
      enabled: bool

    object ExternalModel
      ai21labs_config: Ai21LabsConfig
      amazon_bedrock_config: AmazonBedrockConfig
      anthropic_config: AnthropicConfig
      cohere_config: CohereConfig
      custom_provider_config: CustomProviderConfig
      databricks_model_serving_config: DatabricksModelServingConfig
      google_cloud_vertex_ai_config: GoogleCloudVertexAiConfig
      name!: string
      openai_config: OpenAiConfig
      palm_config: PaLmConfig
      provider!: enum ai21labs anthropic amazon-bedrock cohere databricks-model-serving google-cloud-vertex-ai openai palm custom
      task!: string

    object Route
      served_entity_name: string
      served_model_name: string
      traffic_percentage!: int

    object AiGatewayGuardrailParameters
      invalid_keywords: [string] deprecated
      pii: AiGatewayGuardrailPiiBehavior
      safety: bool
      valid_topics: [string] deprecated

    object Ai21LabsConfig
      ai21labs_api_key: string
      ai21labs_api_key_plaintext: string

    object AmazonBedrockConfig
      aws_access_key_id: string
      aws_access_key_id_plaintext: string
      aws_region!: string
      aws_secret_access_key: string
      aws_secret_access_key_plaintext: string
      bedrock_provider!: enum anthropic cohere ai21labs amazon
      instance_profile_arn: string

    object AnthropicConfig
      anthropic_api_key: string
      anthropic_api_key_plaintext: string

    object CohereConfig
      cohere_api_base: string
      cohere_api_key: string
      cohere_api_key_plaintext: string

    object CustomProviderConfig
      api_key_auth: ApiKeyAuth
      bearer_token_auth: BearerTokenAuth
      custom_provider_url!: string

    object DatabricksModelServingConfig
      databricks_api_token: string
      databricks_api_token_plaintext: string
      databricks_workspace_url!: string

    object GoogleCloudVertexAiConfig
      private_key: string
      private_key_plaintext: string
      project_id!: string
      region!: string

    object OpenAiConfig
      microsoft_entra_client_id: string
      microsoft_entra_client_secret: string
      microsoft_entra_client_secret_plaintext: string
      microsoft_entra_tenant_id: string
      openai_api_base: string
      openai_api_key: string
      openai_api_key_plaintext: string
      openai_api_type: string
      openai_api_version: string
      openai_deployment_name: string
      openai_organization: string

    object PaLmConfig
      palm_api_key: string
      palm_api_key_plaintext: string

    object AiGatewayGuardrailPiiBehavior
      behavior: enum NONE BLOCK MASK

    object ApiKeyAuth
      key!: string
      value: string
      value_plaintext: string

    object BearerTokenAuth
      token: string
      token_plaintext: string

    # Endpoint telemetry (upstream serving.TelemetryConfig).
    object ServingTelemetryConfig
      enabled_telemetry_features: [enum TELEMETRY_FEATURE_LOGS TELEMETRY_FEATURE_TRACES TELEMETRY_FEATURE_METRICS TELEMETRY_FEATURE_INFERENCE_TABLE]
      inference_table_config: TelemetryInferenceTableConfig
      table_names: TelemetryTableNames
      telemetry_profile_id: string

    object TelemetryInferenceTableConfig
      sampling_fraction: number

    object TelemetryTableNames
      annotations_table: string
      logs_table: string
      metrics_table: string
      traces_table: string

    # Legacy endpoint rate limits (upstream serving.RateLimit).
    object RateLimit
      calls!: int
      key: enum user endpoint
      renewal_period!: enum minute
    """
}
