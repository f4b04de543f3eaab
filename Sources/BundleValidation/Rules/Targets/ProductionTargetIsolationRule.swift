import BundleModel

public struct ProductionTargetIsolationRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "production-target-isolation", name: "Production targets are isolated", severity: .warning, scope: .target,
        summary: "A `mode: production` target sets its own `workspace.root_path` or `run_as`.",
        documentation: """
        Without an explicit `workspace.root_path`, each person who deploys a production target gets their
        own copy under their home folder. Set `workspace.root_path` (for example
        `/Workspace/Users/${workspace.current_user.userName}/.bundle/${bundle.name}/${bundle.target}` or a
        shared folder) in the target itself, or run the jobs as a service principal with `run_as`. A
        top-level `workspace.root_path` does not count: the Databricks CLI looks only at the target's own
        (isExplicitRootSet in bundle/config/mutator/resourcemutator/validate_target_mode.go checks
        `b.Target.Workspace.RootPath`). A warning, not an error: when a service principal deploys (typical
        in CI) or every job has `run_as`, the CLI only recommends it; otherwise it refuses the target
        ("target with 'mode: production' must set 'workspace.root_path' to make sure only one copy is
        deployed"), which dabrepo cannot tell offline (nor, validating files one at a time, whether every job
        has its own `run_as`; with none lacking it, as in a bundle of apps only, the CLI only recommends it).
        Checked for the target validated, as the CLI does (`--all-targets`: each of them).
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
            RuleExample("""
            bundle:
              name: demo
            workspace:
              root_path: /Workspace/Shared/.bundle/${bundle.name}/${bundle.target}
            targets:
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
        // The validated target only (validate_target_mode.go reads the selected target's mode).
        return (context.bundle.targetsMapping?.entries ?? []).filter { $0.key == context.effective.target }.compactMap { target in
            guard let node = target.value["mode"], node.string == "production" else { return nil }
            // Only the target's own root_path counts (isExplicitRootSet in validate_target_mode.go).
            let rootPath = target.value["workspace"]?["root_path"]
            let runAs = target.value["run_as"] ?? root["run_as"]
            guard rootPath == nil, runAs == nil else { return nil }
            var detail = "Set workspace.root_path in target \(target.key) so that every deployment of it goes to one place, or set run_as to a service principal."
            if root["workspace"]?["root_path"] != nil {
                detail += " The top-level workspace.root_path does not count: the Databricks CLI checks the target's own."
            }
            // The CLI's wording (its recommendation; an error when no service principal deploys and not every job has run_as).
            return diagnostic("target with 'mode: production' should set 'workspace.root_path' to make sure only one copy is deployed",
                              detail: detail, path: "targets.\(target.key).mode", at: node.location)
        }
    }
}
