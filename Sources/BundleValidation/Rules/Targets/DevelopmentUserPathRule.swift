import BundleModel

public struct DevelopmentUserPathRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "development-user-path", name: "Development copies are per user", severity: .error, scope: .target,
        summary: "A `mode: development` target deploys to paths that contain the deploying user.",
        documentation: """
        Every developer deploys their own copy of a development target. A `workspace.root_path` (or
        `file_path`, `resource_path`, `artifact_path`, `state_path`) without the user in it makes all of
        them deploy over each other; the Databricks CLI refuses it (validate_target_mode.go). Offline the
        user is not known: a path that starts with `~/`, names `${workspace.current_user.…}` or a user
        folder (`/Users/…`, an e-mail) passes.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                mode: development
                default: true
                workspace:
                  root_path: ↓/Workspace/Shared/demo/dev
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                mode: development
                default: true
                workspace:
                  root_path: /Workspace/Users/${workspace.current_user.userName}/.bundle/${bundle.name}/dev
              prod:
                mode: production
                workspace:
                  root_path: /Workspace/Users/deploy@example.com/.bundle/demo
            """),
        ])

    /// Whether a path or prefix may contain the deploying user.
    static func mayNameTheUser(_ text: String) -> Bool {
        text.hasPrefix("~/") || text.contains("current_user") || text.contains("/Users/") || text.contains("@")
    }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        guard context.effective.mode == "development" else { return [] }
        var out: [Diagnostic] = []
        let workspace = context.effective.configuration["workspace"]
        for field in ["root_path", "file_path", "resource_path", "artifact_path", "state_path"] {
            guard let node = workspace?[field], let path = node.string, !Self.mayNameTheUser(path) else { continue }
            let remedy = path.hasPrefix("/Volumes") && field == "artifact_path"
                ? "should contain the current username or ${workspace.current_user.short_name}"
                : "must start with '~/' or contain the current username"
            out.append(diagnostic("\(field) \(remedy) to ensure uniqueness when using 'mode: development'",
                                  detail: "Each developer deploys a copy of target \(context.effective.targetName); use, for example, ~/.bundle/${bundle.name}/${bundle.target}.",
                                  path: "workspace.\(field)", at: node.location))
            break
        }
        return out
    }
}
