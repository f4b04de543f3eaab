import BundleModel

/// One difference between a configuration value and the schema.
public struct SchemaFinding: Sendable {
    public enum Kind: Sendable {
        case unknownField
        case wrongType
        case badEnumValue
        case missingRequiredField
    }

    public var kind: Kind
    public var path: String
    public var location: SourceLocation
    public var summary: String
    public var detail: String?
    /// The target whose own settings hold the value (`targets.dev.presets.x`): the finding is that
    /// target's only, whichever target is validated. Nil for the configuration every target shares.
    public var target: String?
}

/// Walks a configuration tree against `BundleSchema` types.
///
/// Values still holding a `${...}` reference (lookups, resource ids) match any type: their value is
/// known only at deploy time. Null values (an empty `key:`) are treated as unset.
public struct SchemaChecker {
    let schema: BundleSchema
    public private(set) var findings: [SchemaFinding] = []
    /// The objects around the node checked, outermost first: their schema names and paths (for "a field of
    /// the level above" hints).
    var enclosing: [(name: String, path: String)] = []
    /// Off for a target's own settings: an override is partial, and required fields are checked on the
    /// merged configuration (a target's `bundle:` need not repeat the name).
    public var reportsMissingFields = true

    public init(schema: BundleSchema) {
        self.schema = schema
    }

    public mutating func check(_ node: YAMLNode, as type: SchemaType, path: String) {
        var components = path.isEmpty ? [] : [path]
        check(node, as: type, components: &components)
    }

    /// The path is kept as components and joined only when something is reported.
    mutating func check(_ node: YAMLNode, as type: SchemaType, components: inout [String]) {
        if node.isNull {
            // `host:` with no value: the CLI drops it with a warning (normalize.go's nullWarning); a
            // mapping or list left empty is fine.
            let expected: String?
            switch type {
            case .string, .enumeration: expected = "string"
            case .integer: expected = "int"
            case .number: expected = "float"
            case .boolean: expected = "bool"
            default: expected = nil
            }
            if let expected {
                findings.append(SchemaFinding(kind: .wrongType, path: Self.render(components), location: node.location,
                                              summary: "expected a \(expected) value, found null", detail: "Give it a value, or remove the line."))
            }
            // `run_job_task:` with nothing below: an empty block, whose required fields are not set
            // (acceptance/bundle/validate/required: `required field "job_id" is not set` there).
            if case .object(let name) = type, reportsMissingFields, let object = schema[name], components.count > 3 {
                for field in object.required {
                    findings.append(SchemaFinding(kind: .missingRequiredField, path: Self.render(components), location: node.location,
                                                  summary: "required field \"\(field.name)\" is not set", detail: nil))
                }
            }
            return
        }
        if isSymbolic(node) {
            // A number or boolean field takes a `${…}` only as the whole value, a pure reference
            // (normalize.go with dynvar.IsPureVariableReference): `${bundle.target == "dev"}` is a string there.
            switch type {
            case .integer, .number, .boolean:
                if let text = node.string, text.range(of: Self.pureReference, options: .regularExpression) == nil {
                    mismatch(node, expected: type == .boolean ? "true or false" : type == .integer ? "an integer" : "a number", path: Self.render(components))
                }
            default: break
            }
            return
        }
        var path: String { Self.render(components) }
        switch type {
        case .any:
            return
        case .string:
            guard node.scalar != nil else { return mismatch(node, expected: "a string", path: path) }
        // Scalars convert as the Databricks CLI converts them (libs/dyn/convert/normalize.go): "3" and 3.0
        // are integers, "2.5" a number, "yes" and "off" booleans.
        case .integer:
            guard let s = node.scalar else { return mismatch(node, expected: "an integer", path: path) }
            switch s.value {
            case .int: break
            case .float(let f) where f == f.rounded() && abs(f) < 9.2e18: break
            case .string(let text) where Int64(text) != nil: break
            default: mismatch(node, expected: "an integer", path: path)
            }
        case .number:
            guard let s = node.scalar else { return mismatch(node, expected: "a number", path: path) }
            switch s.value {
            case .int, .float: break
            case .string(let text) where Double(text) != nil: break
            default: mismatch(node, expected: "a number", path: path)
            }
        case .boolean:
            guard let s = node.scalar else { return mismatch(node, expected: "true or false", path: path) }
            switch s.value {
            case .bool: break
            case .string(let text) where Self.booleanWords.contains(text): break
            default: mismatch(node, expected: "true or false", path: path)
            }
        case .enumeration(let values):
            guard let s = node.scalar else { return mismatch(node, expected: "one of \(values.joined(separator: ", "))", path: path) }
            // (An empty value is as none: the CLI's typed configuration drops it before it checks enums,
            // so `type: ""` is no finding there; a resource's field keeps it, and is warned about:
            // acceptance/bundle/validate/volume_defaults, `volume_type: ""`.)
            if !values.contains(s.text), !s.text.isEmpty || components.first.map({ $0 == "resources" || $0.hasPrefix("resources.") }) == true {
                let close = Suggestion.closest(to: s.text, among: values)
                    ?? values.first { $0.lowercased() == s.text.lowercased() }
                // As the Databricks CLI words it (bundle/config/validate/enum.go; Go prints the list as [A B]).
                findings.append(SchemaFinding(kind: .badEnumValue, path: path, location: node.location,
                                              summary: "invalid value \"\(s.text)\" for enum field. Valid values are [\(values.joined(separator: " "))]",
                                              detail: close.map { "Did you mean \($0)?" }))
            }
        case .array(let element):
            guard let items = node.sequence else { return mismatch(node, expected: "a sequence", path: path) }
            for (i, item) in items.enumerated() {
                components.append("[\(i)]")
                check(item, as: element, components: &components)
                components.removeLast()
            }
        case .map(let value):
            guard let m = node.mapping else { return mismatch(node, expected: "a mapping", path: path) }
            for e in m.entries {
                components.append(e.key)
                check(e.value, as: value, components: &components)
                components.removeLast()
            }
        case .object(let name):
            guard let object = schema[name] else { return }
            guard let m = node.mapping else { return mismatch(node, expected: "a mapping", path: path) }
            enclosing.append((name, path))
            defer { enclosing.removeLast() }
            for e in m.entries {
                guard let field = object.fieldsByName[e.key] else {
                    // Blocks of anchors kept for reuse (`definitions: {defaults: &defaults ...}`) are not
                    // configuration; the CLI does not report them either (isAnchorContainer in normalize.go).
                    if Self.isAnchorContainer(e.value) { continue }
                    // A field the CLI fills in itself: its structs have it, so it is not unknown there.
                    if isSetByCLI(e.key, in: name) { continue }
                    let childPath = Self.join(path, e.key)
                    // The CLI's own hint for an app's `valueFrom` (normalize.go): the snake_case name.
                    if e.key == "valueFrom", object.fieldsByName["value_from"] != nil {
                        findings.append(SchemaFinding(kind: .unknownField, path: childPath, location: e.keyLocation,
                                                      summary: "Use 'value_from' instead of 'valueFrom'",
                                                      detail: "The field 'valueFrom' should be 'value_from' (snake_case). The 'valueFrom' field will be ignored."))
                        continue
                    }
                    var detail: String?
                    if let s = Suggestion.closest(to: e.key, among: object.fields.filter { !$0.deprecated }.map(\.name)) {
                        detail = "Did you mean \(s)?"
                    } else if let level = enclosing.last(where: { schema[$0.name]?.fieldsByName[e.key] != nil }) {
                        // `targets:` indented under `resources:`, `permissions:` under a task: a field of a level
                        // above, which the indentation put here (the whole section was left out unsaid).
                        detail = "\(e.key) is a field of \(level.path.isEmpty ? "the top level" : level.path), not of \(path.isEmpty ? "the top level" : path): "
                            + "check its indentation (it is indented under \(components.last ?? "the key above"))."
                    }
                    findings.append(SchemaFinding(kind: .unknownField, path: childPath, location: e.keyLocation,
                                                  summary: "unknown field: \(e.key)", detail: detail))
                    continue
                }
                components.append(e.key)
                check(e.value, as: field.type, components: &components)
                components.removeLast()
            }
            // A definition read from a file (`file_path`: dashboards, alerts, Genie spaces) brings its own content.
            let fromFile = object.fieldsByName["file_path"] != nil && m["file_path"] != nil
            for field in object.required where reportsMissingFields && (m[field.name]?.isNull ?? true) && !fromFile {
                // As the Databricks CLI words it (bundle/config/validate/required.go), at the mapping.
                findings.append(SchemaFinding(kind: .missingRequiredField, path: path, location: node.location,
                                              summary: "required field \"\(field.name)\" is not set", detail: nil))
            }
        }
    }

    /// Fields of the Databricks CLI's configuration structs that its JSON schema leaves out, because the
    /// CLI sets them (tagged `bundle:"readonly"` or `bundle:"internal"`: bundle/config/bundle.go, git.go,
    /// workspace.go, artifact.go, root.go, resources/base.go, resources/volume.go, resources/job_run.go).
    /// The CLI's normalization knows them, so it reports no unknown field; the values are the CLI's to
    /// set (`bundle.target` is the selected target, `workspace.current_user` the deploying user), except
    /// `bundle.mode`, which the CLI reads as the target's mode.
    static let fieldsSetByCLI: [String: Set<String>] = [
        "Root": ["definitions"],
        "Bundle": ["target", "environment", "terraform", "force", "mode"],
        "Git": ["commit", "actual_branch", "bundle_root_path"],
        "Workspace": ["current_user", "metadata_service_url", "snapshot_path"],
        "Artifact": ["patched", "remote_path"],
        "Volume": ["volume_path"],
        "JobRun": ["resolved_job_id"],
    ]

    /// Every resource's `id` (readonly), `url` and `modified_status` (internal): resources/base.go.
    static let resourceFieldsSetByCLI: Set<String> = ["id", "url", "modified_status"]

    private var resourceObjectNames: Set<String>?

    mutating func isSetByCLI(_ key: String, in object: String) -> Bool {
        if Self.fieldsSetByCLI[object]?.contains(key) == true { return true }
        guard Self.resourceFieldsSetByCLI.contains(key) else { return false }
        if resourceObjectNames == nil {
            resourceObjectNames = Set((schema["Resources"]?.fields ?? []).compactMap { field in
                if case .map(.object(let name)) = field.type { return name }
                return nil
            })
        }
        return resourceObjectNames!.contains(object)
    }

    /// A whole value that is one reference, as the CLI's dynvar reads it (libs/dyn/dynvar/ref.go).
    /// (BaseVarDef is `\p{L}+([-_]*[\p{L}\p{N}]+)*`: `foo__bar` and names in any script are names.)
    static let pureReference = #"^\$\{\p{L}+([-_]*[\p{L}\p{N}]+)*(\.\p{L}+([-_]*[\p{L}\p{N}]+)*(\[[0-9]+\])*)*(\[[0-9]+\])*\}$"#

    /// A value of the wrong type, said as the CLI says it (libs/dyn/convert/normalize.go: "expected bool,
    /// found string", "cannot parse \"abc\" as an integer"), with the field and what it takes as detail.
    mutating func mismatch(_ node: YAMLNode, expected: String, path: String) {
        findings.append(SchemaFinding(kind: .wrongType, path: path, location: node.location,
                                      summary: Self.cliWording(node, expected: expected),
                                      detail: "\(Self.fieldName(path)) must be \(expected), not \(node.typeNameWithArticle)."))
    }

    static func cliWording(_ node: YAMLNode, expected: String) -> String {
        let found: String
        switch node.kind {
        case .mapping: found = "map"
        case .sequence: found = "sequence"
        case .scalar(let s):
            switch s.value {
            case .string(let text):
                if expected == "an integer" { return "cannot parse \"\(text)\" as an integer" }
                if expected == "a number" { return "cannot parse \"\(text)\" as a floating point number" }
                found = "string"
            case .float(let f):
                if expected == "an integer" { return "cannot accurately represent \"\(Self.goFloat(f))\" as integer due to precision loss" }
                found = "float"
            case .int: found = "int"
            case .bool: found = "bool"
            default: found = "nil"
            }
        }
        let kind = expected == "an integer" ? "int" : expected == "a number" ? "float" : expected == "true or false" ? "bool"
            : expected == "a mapping" ? "map" : expected == "a sequence" ? "sequence" : "string"
        return "expected \(kind), found \(found)"
    }

    /// A float as Go's %g prints it (1.5, 2e+10).
    static func goFloat(_ f: Double) -> String {
        f == f.rounded() && abs(f) < 1e21 ? String(Int64(f)) : String(f)
    }

    static func render(_ components: [String]) -> String {
        var out = ""
        for c in components {
            if c.hasPrefix("[") || out.isEmpty { out += c } else { out += "." + c }
        }
        return out
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// An anchored node, or a non-empty sequence or mapping of nothing but anchor containers.
    static func isAnchorContainer(_ node: YAMLNode) -> Bool { node.holdsOnlyAnchors }

    /// The words the CLI reads as booleans (go-yaml's YAML 1.1 set).
    static let booleanWords: Set<String> = ["true", "y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
                                            "false", "n", "N", "no", "No", "NO", "off", "Off", "OFF"]

    static func fieldName(_ path: String) -> String {
        guard let last = path.split(separator: ".").last else { return "the value" }
        return String(last)
    }
}
