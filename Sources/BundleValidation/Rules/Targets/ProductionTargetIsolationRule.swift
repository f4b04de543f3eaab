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
        `b.Target.Workspace.RootPath`). When run_as is set for every job (the bundle's or target's
        `run_as`, or each job's own; a bundle without jobs counts too), the CLI only recommends it (a recommendation here too) and
        dabrepo says nothing. Otherwise the CLI refuses the target ("target with 'mode: production' must set
        'workspace.root_path' to make sure only one copy is deployed") unless a service principal deploys
        it, which dabrepo cannot tell offline: a warning. The hook's incremental run, which does not read
        every file, warns whenever it cannot see every job.
        Checked for the target validated, as the CLI does (`--all-targets`: each of them).
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
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
            resources:
              jobs:
                etl:
                  name: etl
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
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        let root = context.bundle.configuration
        // The validated target only (validate_target_mode.go reads the selected target's mode).
        return (context.bundle.targetsMapping?.entries ?? []).filter { $0.key == context.effective.target }.compactMap { target -> Diagnostic? in
            guard let node = target.value["mode"], node.string == "production" else { return nil }
            // Only the target's own root_path counts (isExplicitRootSet in validate_target_mode.go).
            let rootPath = target.value["workspace"]?["root_path"]
            let runAs = target.value["run_as"] ?? root["run_as"]
            guard rootPath == nil else { return nil }
            // With run_as for every job (the bundle's, the target's, or each job's own; no jobs at all
            // counts too: isRunAsSet), the CLI only recommends it: not reported. Otherwise it refuses the
            // target unless a service principal deploys, which cannot be told offline: a warning. (The hook's
            // incremental run reads every file that defines a job for such a target: `IncrementalValidation`.
            // A warning for any file not read made the same files a warning or a recommendation run to run.)
            let jobs = context.effective.configuration["resources"]?["jobs"]?.mapping?.entries.map(\.value) ?? []
            guard runAs == nil, jobs.contains(where: { $0["run_as"] == nil }) else {
                // The CLI's recommendation then ("should set"), as validate_target_mode.go gives it.
                var finding = diagnostic("target with 'mode: production' should set 'workspace.root_path' to make sure only one copy is deployed",
                                         detail: "run_as is set for every job, which the Databricks CLI accepts, but each person who deploys target \(target.key) still gets a copy of their own; set workspace.root_path in the target (for example /Workspace/Users/<service principal>/.bundle/${bundle.name}/${bundle.target}).",
                                         path: "targets.\(target.key).mode", at: node.location)
                finding.severity = .info
                return finding
            }
            var detail = "Set workspace.root_path in target \(target.key) so that every deployment of it goes to one place, or set run_as to a service principal."
            if root["workspace"]?["root_path"] != nil {
                detail += " The top-level workspace.root_path does not count: the Databricks CLI checks the target's own."
            }
            detail += " The Databricks CLI refuses the target (\"must set 'workspace.root_path'\") unless a service principal deploys it or every job has run_as."
            return diagnostic("target with 'mode: production' must set 'workspace.root_path' to make sure only one copy is deployed",
                              detail: detail, path: "targets.\(target.key).mode", at: node.location)
        }
    }
}
