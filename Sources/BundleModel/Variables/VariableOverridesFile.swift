import Foundation

/// `.databricks/bundle/<target>/variable-overrides.json`: values of variables for one target, kept out of
/// the configuration (the Databricks CLI's set_variables.go). A value there wins over the target's and
/// the variable's defaults; `--var`, `BUNDLE_VAR_<name>`, a value written in place and a lookup win over it.
struct VariableOverridesFile {
    static func path(target: String) -> String { ".databricks/bundle/\(target)/variable-overrides.json" }

    var values: YAMLMapping?
    var diagnostics: [Diagnostic] = []

    init(target: String, source: any BundleFileSource) {
        let path = Self.path(target: target)
        guard let data = try? source.read(path) else { return }
        // Not JSON at all ("not a json"): said so, as the CLI decodes the file as JSON (YAML would read a
        // string, said as "invalid format").
        if !data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }), (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil {
            diagnostics.append(Diagnostic(.error, rule: ModelRuleID.variableReference,
                                          summary: "failed to parse variables file \(path): error decoding JSON: the file is not JSON",
                                          detail: "Variables file must be a JSON object with the following format: {\"var1\": \"value1\", \"var2\": \"value2\"}",
                                          location: SourceLocation(file: path, line: 1, column: 1)))
            return
        }
        let composed = YAMLComposer(file: path).compose(data)
        if let error = composed.diagnostics.first(where: { $0.severity == .error }) {
            diagnostics.append(Diagnostic(.error, rule: ModelRuleID.variableReference,
                                          summary: "failed to parse variables file \(path): \(error.summary)", location: error.location))
            return
        }
        guard let root = composed.root, !root.isNull else { return }
        guard let mapping = root.mapping else {
            diagnostics.append(Diagnostic(.error, rule: ModelRuleID.variableReference,
                                          summary: "failed to parse variables file \(path): invalid format",
                                          detail: "Variables file must be a JSON object with the following format: {\"var1\": \"value1\", \"var2\": \"value2\"}",
                                          location: root.location))
            return
        }
        values = mapping
    }
}
