extension SchemaDefinitions {
    /// Vector Search (AI Search) endpoints and indexes.
    static let vectorSearch = """
    object VectorSearchEndpoint
      name!: string
      endpoint_type!: enum STANDARD STORAGE_OPTIMIZED
      budget_policy_id: string
      usage_policy_id: string
      target_qps: int
      permissions: [VectorSearchEndpointPermission]
      lifecycle: Lifecycle

    object VectorSearchIndex
      name!: string
      endpoint_name!: string
      primary_key!: string
      index_type!: enum DELTA_SYNC DIRECT_ACCESS
      delta_sync_index_spec: any
      direct_access_index_spec: any
      index_subtype: string
      grants: [Grant]
      lifecycle: Lifecycle

    object VectorSearchEndpointPermission
      level!: enum CAN_CREATE CAN_MANAGE CAN_USE
      user_name: string
      group_name: string
      service_principal_name: string
    """
}
