import BundleModel

public struct ProductionTargetIsolationRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "production-target-isolation", name: "Production targets are isolated", severity: .warning, scope: .bundle,
        summary: "A `mode: production` target sets `workspace.root_path` or `run_as`.",
        documentation: """
        Without an explicit `workspace.root_path`, each person who deploys a production target gets their
        own copy under their home folder. Set `workspace.root_path` (for example
        `/Workspace/Users/${workspace.current_user.userName}/.bundle/${bundle.name}/${bundle.target}` or a
        shared folder) in the target or at the top level, or run the jobs as a service principal with
        `run_as`. A warning, not an error: when a service principal deploys (typical in CI), the Databricks
        CLI accepts the target as it is. Checked for every target, whichever one is validated.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                mode: development
                default: true
              prod:
                mode: ↓production
                workspace:
                  host: https://example.cloud.databricks.com
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            targets:
              prod:
                mode: production
                workspace:
                  host: https://example.cloud.databricks.com
                  root_path: /Workspace/Shared/.bundle/${bundle.name}/${bundle.target}
            """),
            RuleExample("""
            bundle:
              name: demo
            run_as:
              service_principal_name: 6f1c3a52-0000-4000-8000-000000000001
            targets:
              prod:
                mode: production
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        let root = context.bundle.configuration
        return (context.bundle.targetsMapping?.entries ?? []).compactMap { target in
            guard let node = target.value["mode"], node.string == "production" else { return nil }
            let rootPath = target.value["workspace"]?["root_path"] ?? root["workspace"]?["root_path"]
            let runAs = target.value["run_as"] ?? root["run_as"]
            guard rootPath == nil, runAs == nil else { return nil }
            return diagnostic("production target \(target.key) sets neither workspace.root_path nor run_as",
                              detail: "Set workspace.root_path so that every deployment of \(target.key) goes to one place, or set run_as to a service principal.",
                              path: "targets.\(target.key).mode", at: node.location)
        }
    }
}
