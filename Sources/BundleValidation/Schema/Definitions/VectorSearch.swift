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
      delta_sync_index_spec: DeltaSyncVectorIndexSpec  # Required when index_type is DELTA_SYNC.
      direct_access_index_spec: DirectAccessVectorIndexSpec  # Required when index_type is DIRECT_ACCESS.
      index_subtype: string
      grants: [Grant]
      lifecycle: Lifecycle

    object VectorSearchEndpointPermission
      level!: enum CAN_CREATE CAN_MANAGE CAN_USE
      user_name: string
      group_name: string
      service_principal_name: string

    # Index specifications (upstream vectorsearch.DeltaSyncVectorIndexSpecRequest, vectorsearch.DirectAccessVectorIndexSpec).
    object DeltaSyncVectorIndexSpec
      columns_to_index: [string]
      columns_to_sync: [string]
      embedding_source_columns: [EmbeddingSourceColumn]
      embedding_vector_columns: [EmbeddingVectorColumn]
      embedding_writeback_table: string
      pipeline_type: enum TRIGGERED CONTINUOUS
      source_table: string

    object EmbeddingSourceColumn
      embedding_model_endpoint_name: string
      model_endpoint_name_for_query: string
      name: string

    object EmbeddingVectorColumn
      embedding_dimension: int
      name: string

    object DirectAccessVectorIndexSpec
      embedding_source_columns: [EmbeddingSourceColumn]
      embedding_vector_columns: [EmbeddingVectorColumn]
      schema_json: string
    """
}
