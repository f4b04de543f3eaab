import BundleModel

public struct RequiredFieldRule: SchemaFindingRule {
    public init() {}
    public static let findingKind = SchemaFinding.Kind.missingRequiredField
    public static let description = RuleDescription(
        id: "required-field", name: "Required fields", severity: .error, scope: .target,
        summary: "Fields the API requires are present (a task's task_key, a schema's catalog_name, bundle.name, ...).",
        documentation: """
        The diagnostic points at the mapping that lacks the field. Fields set by a target override count:
        the check runs on the target's merged configuration.
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
        ])
}
