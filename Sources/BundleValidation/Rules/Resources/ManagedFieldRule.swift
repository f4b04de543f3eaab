import BundleModel

public struct ManagedFieldRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "managed-field", name: "Fields the CLI sets itself", severity: .error, scope: .target,
        summary: "`volume_path`, `deployment.deployment_id` / `version_id` and `job_runs.*.idempotency_token` are not written in the bundle.",
        documentation: """
        The Databricks CLI computes these fields, or sets them on every deploy or run, and refuses a value
        written by hand, as `bundle validate` reports it: a volume's `volume_path` ("is computed and
        read-only", initialize_volume_paths.go), a job's or pipeline's `deployment.deployment_id` and
        `version_id` ("managed by Declarative Automation Bundles", validate_deployment_fields.go), and a
        job run's `idempotency_token` ("the CLI sets it on each run-now request",
        validate_job_run_idempotency_token.go). Remove the field.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              volumes:
                landing:
                  catalog_name: main
                  schema_name: raw
                  name: landing
                  volume_path: ↓/Volumes/main/raw/landing
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  deployment:
                    kind: BUNDLE
                    deployment_id: ↓dep-1
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              volumes:
                landing:
                  catalog_name: main
                  schema_name: raw
                  name: landing
              jobs:
                etl:
                  name: etl
                  deployment:
                    kind: BUNDLE
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func check(_ node: YAMLNode?, path: String, summary: String) {
            guard let node, let value = node.scalar?.text, !value.isEmpty else { return }
            out.append(diagnostic(summary, detail: "Remove it: the Databricks CLI sets it and refuses a value written in the bundle.", path: path, at: node.location))
        }
        for volume in context.resources("volumes") {
            check(volume.node["volume_path"], path: volume.path + ".volume_path", summary: "\(volume.path).volume_path is computed and read-only; remove it from the configuration")
        }
        for type in ["jobs", "pipelines"] {
            for resource in context.resources(type) {
                for field in ["deployment_id", "version_id"] {
                    check(resource.node["deployment"]?[field], path: resource.path + ".deployment." + field,
                          summary: "\(field) must not be set in bundle configuration; it is managed by Declarative Automation Bundles")
                }
            }
        }
        for run in context.resources("job_runs") {
            check(run.node["idempotency_token"], path: run.path + ".idempotency_token",
                  summary: "idempotency_token must not be set in bundle configuration; the CLI sets it on each run-now request")
        }
        return out
    }
}
