import BundleModel

public struct VariableReferenceRule: ModelReportedRule {
    public init() {}
    public static let description = RuleDescription(
        id: ModelRuleID.variableReference, name: "References resolve", severity: .error, scope: .target,
        summary: "Every `${...}` reference names a declared variable, a bundle or workspace field, or an existing resource.",
        documentation: """
        `${var.x}` (short for `${variables.x.value}`) must name a variable declared under `variables`;
        `${resources.<type>.<key>.<field>}` must name a resource the bundle defines; `${bundle.*}` and
        `${workspace.*}` must name known fields. Values that only a workspace knows (the current user,
        resource ids, lookups) stay symbolic offline. The diagnostic suggests the closest name.
        Variables come from, in order: `--var x=y`, the `BUNDLE_VAR_x` environment variable, the target's
        `variables`, the variable's `default`. A default may be a map or a list, with or without
        `type: complex` (the Databricks CLI accepts both; its acceptance test bundle/variables/complex-cross-ref
        declares map defaults without a type).

        A top-level key the configuration does not know (`x-defaults: &defaults`, a place for YAML anchors)
        is dropped as the CLI drops it on loading, and its references are not resolved.

        `${bundle.git.commit}`, `origin_url`, `actual_branch`, `bundle_root_path` and `branch` stay symbolic
        unless the bundle sets them (the CLI reads them from the repository: commit, origin_url and branch
        only when unset; actual_branch and bundle_root_path always), whatever else `bundle.git` sets.

        When the bundle loads resources from Python code (`python.resources`, or
        `experimental.python.resources`), a reference to a resource the YAML does not define is a warning,
        not an error: the Databricks CLI runs that code and adds its resources before it resolves
        references (bundle/config/mutator/python/python_mutator.go), and dabrepo does not run it.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            variables:
              catalog:
                default: main
            resources:
              schemas:
                raw:
                  catalog_name: ↓${var.catalgo}
                  name: raw
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: run
                      run_job_task:
                        job_id: ↓${resources.jobs.missing.id}
            """),
            // A field bundle.git does not have, with no git block: the CLI fills bundle.git from the repository, and
            // the reference does not exist whatever the configuration says.
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: ↓etl-${bundle.git.bogus}
            """),
            // A lookup's name may use a variable, one that is declared.
            RuleExample("""
            bundle:
              name: demo
            variables:
              warehouse:
                lookup:
                  warehouse: ↓"${var.nope}-wh"
            """),
            RuleExample("""
            bundle:
              name: demo
              git:
                branch: main
            resources:
              jobs:
                etl:
                  name: etl
                  tags:
                    commit: ↓${bundle.git.comit}
            """),
        ],
        nonTriggeringExamples: [
            // Inside a field the configuration does not know: dropped on load, never resolved (unknown-field says so).
            RuleExample("""
            bundle:
              name: demo
              resources:
                jobs:
                  j:
                    name: j_${var.env}
            """),
            // A top-level key the configuration does not know holds anchors only: the CLI drops it on
            // loading, so its references are never resolved (bundle-examples target_includes).
            RuleExample("""
            bundle:
              name: demo
            x-job-defaults: &defaults
              name: "job ${var.environment}"
            resources:
              jobs:
                etl:
                  name: etl
            """),
            RuleExample("""
            bundle:
              name: demo
            variables:
              catalog:
                default: main
              cluster:
                type: complex
                default:
                  spark_version: 15.4.x-scala2.12
                  num_workers: 2
            resources:
              jobs:
                etl:
                  name: etl-${bundle.target}-${workspace.current_user.short_name}
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster: ${var.cluster}
                  parameters:
                    - name: catalog
                      default: ${var.catalog}
                    - name: self
                      default: ${resources.jobs.etl.id}
            """),
            // The CLI fills commit, origin_url, actual_branch and bundle_root_path (and branch when unset)
            // from the repository, whatever bundle.git or a target's git sets (load_git_details.go).
            RuleExample("""
            bundle:
              name: demo
              git:
                branch: main
            resources:
              jobs:
                etl:
                  name: etl
                  tags:
                    commit: ${bundle.git.commit}
                    origin: ${bundle.git.origin_url}
                    actual: ${bundle.git.actual_branch}
                    root: ${bundle.git.bundle_root_path}
                    branch: ${bundle.git.branch}
            targets:
              prod:
                git:
                  origin_url: https://github.com/acme/etl
              staging:
                bundle:
                  git:
                    branch: release
            """),
        ])

    /// The resolver's findings, but none inside a field the configuration does not know
    /// (`bundle.resources: …`): the Databricks CLI drops such fields when it loads the file
    /// (convert.Normalize), so their references are never resolved; the unknown field is the finding.
    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        let reported = context.effective.diagnostics.filter { $0.rule == Self.description.id }
        guard !reported.isEmpty else { return [] }
        let unknown = context.schemaFindings.filter { $0.kind == .unknownField }.map(\.path)
        guard !unknown.isEmpty else { return reported }
        return reported.filter { diagnostic in
            guard let path = diagnostic.path else { return true }
            return !unknown.contains { path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[") }
        }
    }
}
