import BundleModel

/// Every built-in rule, in the order `dabrepo rules` lists them.
public enum RuleRegistry {
    public static let all: [any ValidationRule] = [
        // Files and syntax
        YAMLSyntaxRule(), DuplicateKeyRule(), FileEncodingRule(), IncludePathRule(), IncludeOutsideRootRule(),
        IncludeInIncludedFileRule(),
        // Bundle settings
        BundleNameRule(), BundleNameReferenceRule(), BundleEngineRule(), WorkspaceVolumePathRule(), ArtifactVolumePathRule(), SharedRootPathRule(),
        PythonConfigurationRule(), PythonResourcesRule(), AuthFieldInterpolationRule(),
        // Schema
        UnknownFieldRule(), FieldTypeRule(), EnumValueRule(), RequiredFieldRule(),
        // Resources
        ResourceDefinedTwiceRule(), ResourceKeyUniqueRule(), ResourceKeyLiteralRule(),
        DashboardRequiredFieldsRule(), DashboardEtagRule(), AppSourceRule(), AppResourcePermissionsRule(), DefinitionFileRule(), SQLWarehouseNameRule(), ServedEntitiesRule(), ServedModelsDeprecatedRule(), ManagedFieldRule(),
        // Jobs
        JobClusterKeyDefinedRule(), JobRunTriggersRule(), TaskComputeRule(), TaskKeyUniqueRule(), TaskTypeOneRule(), TaskDependencyExistsRule(), TaskDependencyCycleRule(),
        TaskLibrariesServerlessRule(), PipelineTaskTriggeredRule(),
        // Resources and scripts without a value
        ResourceHasValueRule(), ScriptContentRule(), ScriptEnvReferenceRule(), SecretValueRule(),
        // Files on disk
        LocalPathExistsRule(), SyncPatternMatchesRule(), ArtifactFilesRule(),
        // Variables
        VariableReferenceRule(), VariableRequiredRule(), VariableLookupRule(),
        // Schedules
        ScheduleCronRule(), ScheduleTimezoneRule(), TriggerPauseStatusRule(),
        // Compute
        SingleNodeClusterRule(), PipelineServerlessClustersRule(), LocalLibraryRuntimeRule(), NegativeCountRule(), AutoscaleRangeRule(), TerraformOnlyReferenceRule(), WorkspaceHostReferenceRule(), WorkspacePrefixRule(),
        // Targets and identity
        CLIVersionConstraintRule(), TargetModeRule(), DevelopmentPauseStatusRule(), DevelopmentUserPathRule(), DevelopmentNamePrefixRule(), TargetDefaultUniqueRule(), ProductionTargetIsolationRule(), ProductionPipelineDevelopmentRule(), ProductionClusterOverrideRule(), RunAsIdentityRule(), RunAsLegacyModeRule(), TargetOverrideDefinedRule(), TargetOverrideMergeRule(), TargetsAndEnvironmentsRule(), ComputeIDDeprecatedRule(),
        // Security and layout
        LiteralSecretRule(), LiteralSecretInSourceRule(), GrantFieldsRule(), GrantPrivilegeRule(), SecretScopePermissionPrincipalRule(), BundlePermissionLevelRule(),
        PermissionOverlapRule(), OneResourcePerFileRule(),
    ]

    public static func rule(_ id: String) -> (any ValidationRule)? {
        all.first { type(of: $0).description.id == id }
    }

    public static var ids: [String] { all.map { type(of: $0).description.id } }
}
