import BundleModel

public struct DashboardRequiredFieldsRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "dashboard-required-fields", name: "Dashboards name a title and a warehouse", severity: .error, scope: .target,
        summary: "Every dashboard sets `display_name` and `warehouse_id`.",
        documentation: """
        The Databricks CLI insists on both, also for a dashboard read from a `file_path`
        (errorForMissingFields in bundle/config/validate/required.go: "dashboard display_name is
        required", "dashboard warehouse_id is required").
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              dashboards:
                sales:
                  ↓warehouse_id: 1234567890abcdef
                  file_path: ./sales.lvdash.json
            """, files: ["sales.lvdash.json": "{}"]),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              dashboards:
                sales:
                  display_name: Sales
                  warehouse_id: 1234567890abcdef
                  file_path: ./sales.lvdash.json
            """, files: ["sales.lvdash.json": "{}"]),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        context.resources("dashboards").flatMap { dashboard in
            ["display_name", "warehouse_id"].compactMap { field -> Diagnostic? in
                guard dashboard.node.mapping != nil, (dashboard.node[field]?.string ?? "").isEmpty else { return nil }
                return diagnostic("dashboard \(field) is required", detail: "Set \(dashboard.path).\(field).",
                                  path: dashboard.path, at: dashboard.node.location)
            }
        }
    }
}
