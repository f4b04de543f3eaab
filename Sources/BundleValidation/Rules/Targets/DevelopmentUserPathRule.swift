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
        folder (`/Users/…`, an e-mail) passes; one made only of the usual folders (Workspace, Shared,
        Volumes, .bundle, artifacts, …), environment words and the bundle's and target's names is an error;
        any other literal word (`/Volumes/main/ai/aag/artifacts`) may be the user's short name, so the
        path is a warning to check.
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

    /// Folders of deployment paths that name no user.
    static let folderWords: Set<String> = [
        "workspace", "shared", "volumes", "bundle", "bundles", "artifacts", "artifact", "files", "file", "state", "resources", "resource",
        "dbfs", "filestore", "tmp", "deploy", "deployments", "deployment", "databricks", "default", "main", "src", "libs", "lib", "wheels",
    ]

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
            let target = context.effective.targetName
            let bundleName = context.effective.configuration["bundle"]?["name"]?.string ?? ""
            let known = Self.folderWords.union(DevelopmentNamePrefixRule.environmentWords)
                .union([target.lowercased()]).union(bundleName.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
            // The folders of the path that hold a word none of those is ("main_udev", "aag").
            let others = path.replacing(/\$\{[^}]*\}/, with: " ").split(separator: "/").map(String.init).filter { folder in
                folder.lowercased().split(whereSeparator: { !$0.isLetter }).contains { !known.contains(String($0)) }
            }
            var d = diagnostic("\(field) \(remedy) to ensure uniqueness when using 'mode: development'",
                               detail: others.isEmpty
                                   ? "Each developer deploys a copy of target \(target); use, for example, ~/.bundle/${bundle.name}/${bundle.target}."
                                   : "Offline the deploying user is not known: unless \(others.map { "\"\($0)\"" }.joined(separator: " or ")) is their user name, the CLI refuses target \(target); ${workspace.current_user.short_name} in the path works for everyone.",
                               path: "workspace.\(field)", at: node.location)
            // (A word that may be the user's short name: not known offline, so not an error.)
            if !others.isEmpty { d.severity = .warning }
            out.append(d)
            break
        }
        return out
    }
}
