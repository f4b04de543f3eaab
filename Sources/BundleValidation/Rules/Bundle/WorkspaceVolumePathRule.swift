import BundleModel

public struct WorkspaceVolumePathRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "workspace-volume-path", name: "Volumes only for artifacts", severity: .error, scope: .target,
        summary: "Only `workspace.artifact_path` may be under /Volumes/.",
        documentation: """
        Unity Catalog volumes hold built artifacts (wheels, JARs), not the bundle's files or its state. The
        Databricks CLI refuses `root_path`, `file_path`, `state_path` and `resource_path` under /Volumes/
        (bundle/config/validate/validate_volume_path.go). See
        https://docs.databricks.com/aws/en/dev-tools/bundles/settings#workspace.
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: demo\nworkspace:\n  file_path: ↓/Volumes/main/default/files\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: demo\nworkspace:\n  artifact_path: /Volumes/main/default/artifacts\n"),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        guard let workspace = context.effective.configuration["workspace"] else { return [] }
        var out: [Diagnostic] = []
        for field in ["root_path", "file_path", "state_path", "resource_path"] {
            guard let node = workspace[field], let path = node.string, path.hasPrefix("/Volumes/") else { continue }
            out.append(diagnostic("workspace.\(field) \(path) starts with /Volumes. /Volumes can only be used with workspace.artifact_path.",
                                  detail: "Keep the bundle's files under /Workspace; see https://docs.databricks.com/aws/en/dev-tools/bundles/settings#workspace.",
                                  path: "workspace.\(field)", at: node.location))
            if field == "root_path" { break }
        }
        return out
    }
}
