import BundleModel
import Foundation

public struct DashboardEtagRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "dashboard-etag", name: "Dashboards carry no etag", severity: .error, scope: .target,
        summary: "A dashboard's `etag` is not written in the bundle.",
        documentation: """
        The etag is the version the workspace gives a dashboard; the CLI keeps it in its deployment state.
        Written in the configuration (often copied from an exported dashboard) it makes the deployment
        fail, and the CLI refuses it: "dashboard … has an etag set. Etags must not be set in bundle
        configuration" (bundle/config/validate/validate_dashboard_etags.go). Remove the field.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              dashboards:
                sales:
                  display_name: Sales
                  warehouse_id: abcdef1234567890
                  file_path: ./sales.lvdash.json
                  etag: ↓"123"
            """, files: ["sales.lvdash.json": "{}\\n"]),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              dashboards:
                sales:
                  display_name: Sales
                  warehouse_id: abcdef1234567890
                  file_path: ./sales.lvdash.json
            """, files: ["sales.lvdash.json": "{}\\n"]),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        context.resources("dashboards").compactMap { dashboard in
            guard let etag = dashboard.node["etag"], !etag.isNull else { return nil }
            // Named by its display name, as the CLI names it (validate_dashboard_etags.go).
            let name = dashboard.node["display_name"]?.string ?? ""
            return diagnostic("dashboard \"\(name)\" has an etag set. Etags must not be set in bundle configuration",
                              detail: "Remove \(dashboard.path).etag; the CLI keeps the dashboard's etag in its deployment state.",
                              path: dashboard.path + ".etag", at: etag.location)
        }
    }
}
