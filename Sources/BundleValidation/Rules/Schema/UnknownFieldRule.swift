import BundleModel

public struct UnknownFieldRule: SchemaFindingRule {
    public init() {}
    public static let findingKind = SchemaFinding.Kind.unknownField
    public static let description = RuleDescription(
        id: "unknown-field", name: "Unknown field", severity: .warning, scope: .target,
        summary: "Every field is one that Databricks knows for its place.",
        documentation: """
        A misspelt field is ignored at deploy time, so the setting silently does not apply. dabrepo knows
        the fields of the top-level sections and of every resource type (jobs, pipelines, clusters, schemas,
        volumes, apps, dashboards, ...), and suggests the closest known name. A warning, as in the
        Databricks CLI; `--strict` turns warnings into a failing exit status. A field written in a
        target's own settings is reported once, where it is written (`targets.dev.presets.x`), for that
        target only.

        Fields the CLI sets itself are not reported, although its JSON schema leaves them out: its
        configuration structs have them (tagged `bundle:"readonly"` or `bundle:"internal"` in
        bundle/config/bundle.go, git.go, workspace.go, artifact.go and resources/base.go), so its
        normalization does not warn either. These are `bundle.target`, `environment`, `mode`, `force`,
        `terraform`, `bundle.git.commit`, `actual_branch` and `bundle_root_path`,
        `workspace.current_user`, every resource's `id`, `url` and `modified_status`, a volume's
        `volume_path` and a top-level `definitions`. The CLI overwrites most of them (`bundle.target` is
        the selected target, `workspace.current_user` the deploying user); `bundle.mode` it reads as the
        target's mode.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  ↓max_concurent_runs: 2
            """),
            // A top-level key the configuration does not have: dropped when loaded, so warned about.
            RuleExample("""
            bundle:
              name: demo
            ↓profiles:
              test:
                host: https://adb-1.azuredatabricks.net
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  max_concurrent_runs: 2
                  format: MULTI_TASK
                  edit_mode: UI_LOCKED
            """),
            // A top-level block that only holds anchors for reuse.
            RuleExample("""
            bundle:
              name: demo
            x-defaults:
              cluster: &cluster
                spark_version: 15.4.x-scala2.12
            """),
            RuleExample("""
            bundle:
              name: demo
              target: ${var.environment}
            variables:
              environment:
                default: dev
            targets:
              dev:
                default: true
            """),
        ])
}
