import BundleModel
import Foundation

public struct DashboardEtagRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "dashboard-etag", name: "Dashboards and Genie spaces carry no etag", severity: .error, scope: .target,
        summary: "A dashboard's or Genie space's `etag` is not written in the bundle.",
        documentation: """
        The etag is the version the workspace gives a dashboard; the CLI keeps it in its deployment state.
        Written in the configuration (often copied from an exported dashboard) it makes the deployment
        fail, and the CLI refuses it: "dashboard … has an etag set. Etags must not be set in bundle
        configuration" (bundle/config/validate/validate_dashboard_etags.go). Remove the field. The same holds
        for a Genie space (validate_genie_space_etags.go, named by its title).
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
            RuleExample("""
            bundle:
              name: demo
            resources:
              genie_spaces:
                sales:
                  title: Sales
                  warehouse_id: abcdef1234567890
                  serialized_space: "{}"
                  etag: ↓"80611980"
            """),
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
        // Named by display name and title, as the CLI names them (validate_dashboard_etags.go, validate_genie_space_etags.go).
        [("dashboards", "dashboard", "display_name"), ("genie_spaces", "genie space", "title")].flatMap { type, kind, nameField in
            context.resources(type).compactMap { resource in
                guard let etag = resource.node["etag"], !etag.isNull else { return nil }
                let name = resource.node[nameField]?.string ?? ""
                return diagnostic("\(kind) \"\(name)\" has an etag set. Etags must not be set in bundle configuration",
                                  detail: "Remove \(resource.path).etag; the CLI keeps the \(kind)'s etag in its deployment state.",
                                  path: resource.path + ".etag", at: etag.location)
            }
        }
    }
}
