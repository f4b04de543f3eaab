import BundleModel
import Foundation

public struct AppSourceRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "app-source", name: "Apps have their own source", severity: .error, scope: .target,
        summary: "Every app names its source (`source_code_path` or `git_source`, not both), and no two apps share a source folder.",
        documentation: """
        An app deploys the files of its source folder, or runs from a git repository. The Databricks CLI
        refuses an app with neither ("Missing app source code path or git source") and two apps with the
        same source folder ("Duplicate app source code path"), since each deployment would replace the
        other's files (bundle/apps/validate.go).
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              apps:
                dashboard_app:
                  ↓name: dashboard-app
                  description: no source
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              apps:
                first:
                  name: first
                  source_code_path: ./app
                second:
                  name: second
                  source_code_path: ↓./app
            """, files: ["app/app.py": "print(1)\\n"]),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              apps:
                first:
                  name: first
                  source_code_path: ./app_one
                second:
                  name: second
                  source_code_path: ./app_two
            """, files: ["app_one/app.py": "print(1)\\n", "app_two/app.py": "print(2)\\n"]),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var seen: [String: String] = [:]
        for app in context.resources("apps") where app.node.mapping != nil {
            let key = app.path.split(separator: ".").last.map(String.init) ?? app.path
            guard let source = app.node["source_code_path"], let value = source.string, !value.isEmpty else {
                if app.node["git_source"] == nil {
                    out.append(diagnostic("Missing app source code path or git source",
                                          detail: "app resource '\(key)' should have either source_code_path or git_source field: set source_code_path to the folder of the app's code (./app), or git_source to run it from a repository.",
                                          path: app.path, at: app.node.location))
                }
                continue
            }
            if app.node["git_source"] != nil {
                out.append(diagnostic("Both source_code_path and git_source fields are set",
                                      detail: "app resource '\(key)' should have either source_code_path or git_source field, not both.",
                                      path: app.path, at: app.node.location))
                continue
            }
            // The folder as the CLI resolves it: relative to the file that names it.
            let resolved = value.hasPrefix("/") || value.hasPrefix("${") ? value : BundlePath.join(BundlePath.directory(of: source.location.file), value)
            if let first = seen[resolved] {
                out.append(diagnostic("Duplicate app source code path",
                                      detail: "\(app.path) and \(first) both deploy \(value); each deployment would replace the other's files. Give each app its own folder.",
                                      path: app.path + ".source_code_path", at: source.location))
            } else {
                seen[resolved] = app.path
            }
        }
        return out
    }
}
