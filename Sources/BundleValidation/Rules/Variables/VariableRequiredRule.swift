import BundleModel

public struct VariableRequiredRule: ModelReportedRule {
    public init() {}
    public static let description = RuleDescription(
        id: ModelRuleID.variableRequired, name: "Required variables have values", severity: .error, scope: .target,
        summary: "A variable without a default gets a value from the target, `--var` or `BUNDLE_VAR_<name>`.",
        documentation: """
        A variable declared without `default` (and not a `lookup`) is required: the validated target must
        assign it in its `variables`, or the caller must pass `--var name=value` or set `BUNDLE_VAR_name`.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            variables:
              ↓warehouse_id:
                description: The SQL warehouse to use
            targets:
              dev:
                default: true
            """),
            // A value where the declaration belongs: only a target's variables take the short form.
            RuleExample("""
            bundle:
              name: demo
            variables:
              notebooks_base: ↓../notebooks
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            variables:
              warehouse_id:
                description: The SQL warehouse to use
            targets:
              dev:
                default: true
                variables:
                  warehouse_id: abc123
            """),
            RuleExample("""
            bundle:
              name: demo
            variables:
              warehouse_id:
                description: The SQL warehouse to use
            """, variables: ["warehouse_id": "abc123"]),
        ])
}
