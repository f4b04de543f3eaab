import BundleModel

/// `lifecycle.triggers` of a job run, as the Databricks CLI checks them (bundle/config/mutator/
/// validate_job_run_triggers.go).
public struct JobRunTriggersRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "job-run-triggers", name: "Job run triggers are valid", severity: .error, scope: .target,
        summary: "A job run's `lifecycle.triggers` entry sets `on_bundle_deploy: true`, and not beside `prevent_destroy`.",
        documentation: """
        A `job_runs` resource with `lifecycle.triggers: [{on_bundle_deploy: true}]` runs its job again on
        every deploy. An entry without `on_bundle_deploy`, or with it false, is an error of the CLI, as is
        the trigger beside `lifecycle.prevent_destroy` (a run made again on every deploy is destroyed each time).
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              job_runs:
                refresh:
                  job_id: 123
                  lifecycle:
                    triggers:
                      - on_bundle_deploy: ↓false
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              job_runs:
                refresh:
                  job_id: 123
                  lifecycle:
                    ↓prevent_destroy: true
                    triggers:
                      - on_bundle_deploy: true
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              job_runs:
                refresh:
                  job_id: 123
                  lifecycle:
                    triggers:
                      - on_bundle_deploy: true
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for run in context.resources("job_runs") {
            guard let lifecycle = run.node["lifecycle"], let triggers = lifecycle["triggers"]?.sequence else { continue }
            let onDeploy = triggers.contains { $0["on_bundle_deploy"]?.scalar?.value == .bool(true) }
            if onDeploy, lifecycle["prevent_destroy"]?.scalar?.value == .bool(true) {
                let at = lifecycle.mapping?.entries.first { $0.key == "prevent_destroy" }?.keyLocation ?? lifecycle.location
                out.append(diagnostic("lifecycle.triggers.on_bundle_deploy is incompatible with lifecycle.prevent_destroy",
                                      detail: "A run made again on every deploy replaces the one before; remove prevent_destroy or the trigger.",
                                      path: run.path + ".lifecycle", at: at))
            }
            for (i, trigger) in triggers.enumerated() {
                let path = run.path + ".lifecycle.triggers[\(i)]"
                guard let value = trigger["on_bundle_deploy"] else {
                    out.append(diagnostic("lifecycle.triggers entry must set on_bundle_deploy: true", path: path, at: trigger.location))
                    continue
                }
                if value.scalar?.value == .bool(false) {
                    out.append(diagnostic("lifecycle.triggers.on_bundle_deploy must be true when set", path: path + ".on_bundle_deploy", at: value.location))
                }
            }
        }
        return out
    }
}
