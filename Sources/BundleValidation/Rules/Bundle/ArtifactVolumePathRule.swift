import BundleModel

/// `workspace.artifact_path` under /Volumes/ must name a volume: /Volumes/<catalog>/<schema>/<volume>/….
public struct ArtifactVolumePathRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "artifact-volume-path", name: "Artifact path in a whole volume", severity: .error, scope: .target,
        summary: "A `workspace.artifact_path` under /Volumes/ names a catalog, a schema and a volume.",
        documentation: """
        Built artifacts (wheels, JARs) may be uploaded to a Unity Catalog volume, named in full:
        `/Volumes/<catalog>/<schema>/<volume>/…`. The Databricks CLI refuses a shorter path, or one with an empty
        part, before it deploys anything (bundle/config/validate/validate_artifact_path.go, run by `bundle validate`,
        `deploy` and `plan`): "expected UC volume path to be in the format /Volumes/<catalog>/<schema>/<volume>/...".
        Whether the volume exists is checked by the CLI against the workspace; dabrepo validates offline.
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: demo\nworkspace:\n  artifact_path: ↓/Volumes/main/default\n"),
            RuleExample("bundle:\n  name: demo\nworkspace:\n  artifact_path: ↓/Volumes/main//artifacts\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: demo\nworkspace:\n  artifact_path: /Volumes/main/default/artifacts\n"),
            RuleExample("bundle:\n  name: demo\nworkspace:\n  artifact_path: /Volumes/main/default/artifacts/wheels\n"),
            RuleExample("bundle:\n  name: demo\nworkspace:\n  artifact_path: /Workspace/Users/a@b.com/artifacts\n"),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        guard let node = context.effective.configuration["workspace"]?["artifact_path"], let path = node.string,
              path.hasPrefix("/Volumes/"), !path.contains("${") else { return [] }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count < 5 || parts[2].isEmpty || parts[3].isEmpty || parts[4].isEmpty else { return [] }
        return [diagnostic("expected UC volume path to be in the format /Volumes/<catalog>/<schema>/<volume>/..., got \(path)",
                           detail: "Name the volume the artifacts go to in full, for example /Volumes/main/default/artifacts.",
                           path: "workspace.artifact_path", at: node.location)]
    }
}
