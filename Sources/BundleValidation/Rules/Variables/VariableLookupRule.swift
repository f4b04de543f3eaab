import BundleModel

public struct VariableLookupRule: ModelReportedRule {
    public init() {}
    public static let description = RuleDescription(
        id: ModelRuleID.variableLookup, name: "Lookups are well-formed", severity: .error, scope: .target,
        summary: "A `lookup` names exactly one known kind of object and its name.",
        documentation: """
        A lookup variable resolves the id of a workspace object by name at deploy time, for example
        `lookup: {cluster_policy: "Job policy"}`. Kinds: alert, cluster_policy, cluster, dashboard,
        instance_pool, job, metastore, notification_destination, pipeline, query, service_principal,
        warehouse. Offline, dabrepo checks the shape; the value stays symbolic.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            variables:
              policy:
                lookup:
                  ↓cluster_polcy: Job policy
            """),
            // The CLI resolves lookups in one pass: one cannot name another's result.
            RuleExample("""
            bundle:
              name: demo
            variables:
              warehouse:
                lookup:
                  warehouse: Shared
              cluster:
                lookup:
                  cluster: ↓"c-${var.warehouse}"
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            variables:
              policy:
                lookup:
                  cluster_policy: Job policy
            """),
            RuleExample("""
            bundle:
              name: demo
            variables:
              suffix:
                default: shared
              cluster:
                lookup:
                  cluster: "c-${var.suffix}"
            """),
        ])
}
