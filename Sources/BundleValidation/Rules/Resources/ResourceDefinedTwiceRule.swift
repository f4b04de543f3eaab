import BundleModel

public struct ResourceDefinedTwiceRule: ModelReportedRule {
    public init() {}
    public static let description = RuleDescription(
        id: ModelRuleID.resourceDefinedTwice, name: "Resource defined twice", severity: .error, scope: .bundle,
        summary: "Each resource (and each script) is defined in one file.",
        documentation: """
        When two included files define the same `resources.<type>.<key>`, which definition wins depends on
        include order. Keep one definition; use a target override to change it per target. A target's
        overrides of one resource may be spread over several files (`targets.prod.resources.jobs.etl` in
        `alerts.prod.yml` and in `etl.prod.yml`): they merge, as in the Databricks CLI
        (`bundle/config/validate/unique_resource_keys.go`).
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n", files: [
                "resources/a.yml": "resources:\n  jobs:\n    etl:\n      name: a\n",
                "resources/b.yml": "resources:\n  jobs:\n    ↓etl:\n      name: b\n",
            ]),
            // A script too (unique_resource_keys.go: "multiple resources or scripts have been defined with the same key").
            RuleExample("bundle:\n  name: demo\ninclude:\n  - scripts/*.yml\n", files: [
                "scripts/a.yml": "scripts:\n  seed:\n    content: echo a\n",
                "scripts/b.yml": "scripts:\n  ↓seed:\n    content: echo b\n",
            ]),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n", files: [
                "resources/a.yml": "resources:\n  jobs:\n    etl:\n      name: a\n",
                "resources/b.yml": "resources:\n  jobs:\n    report:\n      name: b\n",
            ]),
            RuleExample("bundle:\n  name: demo\ninclude:\n  - resources/*.yml\ntargets:\n  prod: {}\n", files: [
                "resources/etl.yml": "resources:\n  jobs:\n    etl:\n      name: etl\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: ./a.py}\n",
                "resources/alerts.prod.yml": "targets:\n  prod:\n    resources:\n      jobs:\n        etl:\n          email_notifications: {on_failure: [ops@example.com]}\n",
                "resources/schedule.prod.yml": "targets:\n  prod:\n    resources:\n      jobs:\n        etl:\n          schedule: {quartz_cron_expression: 0 0 2 * * ?, timezone_id: UTC}\n",
                "resources/a.py": "# Databricks notebook source\n",
            ]),
        ])
}
