import BundleModel
import Foundation

public struct SQLWarehouseNameRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "sql-warehouse-name", name: "SQL warehouses have a name", severity: .error, scope: .target,
        summary: "Every `sql_warehouses` resource has a name that is not blank.",
        documentation: """
        The API refuses a warehouse without a name, or with a name of spaces only; the Databricks CLI
        checks it before deploying ("sql_warehouse name is required", bundle/config/validate/required.go).
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              sql_warehouses:
                reporting:
                  ↓cluster_size: Small
                  max_num_clusters: 1
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              sql_warehouses:
                reporting:
                  name: Reporting
                  cluster_size: Small
                  max_num_clusters: 1
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        context.resources("sql_warehouses").compactMap { warehouse in
            guard warehouse.node.mapping != nil,
                  (warehouse.node["name"]?.string ?? "").trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return diagnostic("sql_warehouse name is required", detail: "Set \(warehouse.path).name.",
                              path: warehouse.path, at: warehouse.node.location)
        }
    }
}
