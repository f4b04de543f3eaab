extension SchemaDefinitions {
    /// Secret scopes and secrets.
    static let workspaceObjects = """
    object SecretScope
      name!: string
      backend_type: enum DATABRICKS AZURE_KEYVAULT
      keyvault_metadata: KeyVaultMetadata
      permissions: [SecretScopePermission]
      lifecycle: Lifecycle

    object KeyVaultMetadata
      resource_id!: string
      dns_name!: string

    object SecretScopePermission
      level!: enum READ WRITE MANAGE
      user_name: string
      group_name: string
      service_principal_name: string

    object Secret
      name!: string
      catalog_name!: string
      schema_name!: string
      comment: string
      owner: string
      value!: string
      expire_time: string
      grants: [Grant]
      lifecycle: Lifecycle
    """
}
