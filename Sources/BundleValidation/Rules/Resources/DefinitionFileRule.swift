import BundleModel
import Foundation

public struct DefinitionFileRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "definition-file", name: "Alerts and Genie spaces read from a file are defined by it", severity: .error, scope: .target,
        summary: "A Genie space's `file_path` or an alert's `.dbalert.json` is the definition: not written again in the YAML, and free of `${…}` references.",
        documentation: """
        A Genie space takes its content from `file_path` or from `serialized_space`; with both, the
        Databricks CLI refuses to guess ("both file_path and serialized_space are set; specify only one",
        configure_genie_space_serialized_space.go). An alert with a `.dbalert.json` file takes its query,
        condition and schedule from the file: beside `file_path`, the YAML may set only `warehouse_id`,
        `display_name`, `permissions` and `lifecycle` ("field query_text is not allowed in the bundle
        configuration."), and the file is deployed as it is, so it must not contain `${…}` references; it must be
        JSON (bundle/config/mutator/load_dbalert_files.go). Move the setting into the file, or drop `file_path`
        and define the resource inline.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              genie_spaces:
                sales:
                  title: Sales
                  warehouse_id: abcdef1234567890
                  file_path: ./sales.geniespace.json
                  serialized_space:
                    ↓version: 1
            """, files: ["sales.geniespace.json": "{}\n"]),
            RuleExample("""
            bundle:
              name: demo
            resources:
              alerts:
                late_orders:
                  display_name: Late orders
                  warehouse_id: abcdef1234567890
                  file_path: ./late_orders.dbalert.json
                  query_text: ↓select 1
            """, files: ["late_orders.dbalert.json": "{\"query_lines\": [\"select 1\"]}\n"]),
            RuleExample("""
            bundle:
              name: demo
            resources:
              alerts:
                late_orders:
                  display_name: Late orders
                  warehouse_id: abcdef1234567890
                  file_path: ↓./late_orders.dbalert.json
            """, files: ["late_orders.dbalert.json": "{\"query_lines\": [\"select * from ${var.catalog}.orders\"]}\n"]),
            RuleExample("""
            bundle:
              name: demo
            resources:
              alerts:
                late_orders:
                  display_name: Late orders
                  warehouse_id: abcdef1234567890
                  file_path: ↓./late_orders.dbalert.json
            """, files: ["late_orders.dbalert.json": "query_lines: [select 1]\n"]),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              genie_spaces:
                sales:
                  title: Sales
                  warehouse_id: abcdef1234567890
                  file_path: ./sales.geniespace.json
              alerts:
                late_orders:
                  display_name: Late orders
                  warehouse_id: abcdef1234567890
                  file_path: ./late_orders.dbalert.json
                  permissions:
                    - level: CAN_READ
                      group_name: analysts
            """, files: ["sales.geniespace.json": "{}\n", "late_orders.dbalert.json": "{\"query_lines\": [\"select 1\"]}\n"]),
            // Defined inline: any field, and references.
            RuleExample("""
            bundle:
              name: demo
            resources:
              alerts:
                late_orders:
                  display_name: Late orders
                  warehouse_id: abcdef1234567890
                  query_text: select * from ${bundle.target}.orders
            """),
        ])

    /// What the YAML may set beside an alert's `file_path` (load_dbalert_files.go).
    static let alertFieldsBesideFile = ["warehouse_id", "display_name", "file_path", "permissions", "lifecycle"]

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for space in context.resources("genie_spaces") {
            guard let filePath = space.node["file_path"], filePath.string != nil,
                  let inline = space.node["serialized_space"], !inline.isNull else { continue }
            out.append(diagnostic("both file_path and serialized_space are set; specify only one",
                                  detail: "\(space.path).file_path (\(filePath.string ?? "")) already holds the Genie space; remove serialized_space, or remove file_path to define the space inline.",
                                  path: space.path + ".serialized_space", at: inline.location))
        }
        for definition in AlertDefinitionFile.all(in: context) {
            let (alert, file) = (definition.alert, definition.file)
            for entry in alert.node.mapping?.entries ?? [] where !Self.alertFieldsBesideFile.contains(entry.key) && !entry.value.isNull {
                out.append(diagnostic("field \(entry.key) is not allowed in the bundle configuration.",
                                      detail: "When a .dbalert.json is specified, only the following fields are allowed in the bundle configuration: \(Self.alertFieldsBesideFile.joined(separator: ", ")). Move \(entry.key) into \(file), or remove file_path to define the alert inline.",
                                      path: "\(alert.path).\(entry.key)", at: entry.value.location))
            }
            guard let data = definition.data else { continue }
            // (A missing file is `local-path-exists`'s finding.)
            if (try? JSONSerialization.jsonObject(with: data)) == nil {
                out.append(diagnostic("failed to parse .dbalert.json file \(file): it is not JSON",
                                      detail: "An alert's file is the JSON that the alert editor exports (\"Download as .dbalert.json\"); export it again, or define the alert inline.",
                                      path: alert.path + ".file_path", at: definition.location))
            } else if String(decoding: data, as: UTF8.self).containsText("${") {
                out.append(diagnostic(".alert file \(file) must not contain variable interpolations.",
                                      detail: "Please inline the alert configuration in the bundle configuration to use variables (query_text, condition and schedule in the YAML instead of file_path).",
                                      path: alert.path + ".file_path", at: definition.location))
            }
        }
        return out
    }
}
