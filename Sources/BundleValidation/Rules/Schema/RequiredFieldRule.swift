import BundleModel

public struct RequiredFieldRule: SchemaFindingRule {
    public init() {}
    public static let findingKind = SchemaFinding.Kind.missingRequiredField
    public static let description = RuleDescription(
        id: "required-field", name: "Required fields", severity: .warning, scope: .target,
        summary: "Fields the API requires are present (a task's task_key, a schema's catalog_name, ...).",
        documentation: """
        A warning, as in the Databricks CLI (bundle/config/validate/required.go): `bundle validate` accepts
        the bundle and the deployment fails when the API refuses the resource. The diagnostic points at
        the mapping that lacks the field. Fields set by a target override count: the check runs on the
        target's merged configuration, and a target's own settings (an override such as `bundle:
        {engine: direct}`) need not repeat required fields. A missing bundle name is the bundle-name rule's
        error; fields the CLI itself insists on (a dashboard's display_name, a grant's principal, ...)
        are errors of their own rules.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              schemas:
                raw:
                  ↓name: raw
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              schemas:
                raw:
                  catalog_name: main
                  name: raw
            """),
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                bundle:
                  engine: direct
            """),
        ])
}
