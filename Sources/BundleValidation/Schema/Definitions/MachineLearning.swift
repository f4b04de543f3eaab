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
      config: any
      ai_gateway: any
      rate_limits: [any] deprecated
      route_optimized: bool
      tags: [EndpointTag]
      budget_policy_id: string
      telemetry_config: any
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
    """
}
