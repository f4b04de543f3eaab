import Foundation
/// Resolves `${...}` references in a configuration, offline.
///
/// - `${var.x}` is `${variables.x.value}`: the value from `--var x=…`, else one written in place
///   (`value:`), else `BUNDLE_VAR_x`, else `.databricks/bundle/<target>/variable-overrides.json`, else the
///   target's `variables`, else the variable's `default`. Complex variables (maps, lists) replace a
///   whole value; `${var.x.field}` reaches into them. Lookup variables stay symbolic.
/// - `${bundle.name}`, `${bundle.target}`, `${workspace.*}` resolve from the configuration; values only
///   a workspace knows (the current user, ids) stay symbolic.
/// - `${resources.<type>.<key>.<field>}` must name an existing resource; the value stays symbolic.
/// Anything else is a diagnostic with a "did you mean" suggestion.
struct ReferenceResolver {
    let configuration: YAMLMapping
    let targetName: String
    let targetVariables: YAMLMapping?
    let overrides: VariableOverrides
    var diagnostics: [Diagnostic] = []

    /// A variable's value once known: a node, or symbolic (lookup, or missing a value).
    enum Value {
        case node(YAMLNode)
        case symbolic
    }

    private var variableValues: [String: Value] = [:]
    /// References that resolved without a problem; a bundle repeats the same few many times.
    private var resolvedReferences: [String: Value] = [:]
    private var inProgress: [String] = []
    private let declared: YAMLMapping
    /// The configuration path of the field being interpolated, as components (`resources`, `jobs`, `etl`,
    /// `tasks`, `[0]`, …), named in diagnostics; nil where the value has no place in the configuration
    /// (`--var`, `BUNDLE_VAR_…`).
    private var fieldPath: [String]? = []

    /// `fieldPath` as written in diagnostics: `resources.jobs.etl.tasks[0].notebook_task`.
    private var renderedFieldPath: String? {
        guard let fieldPath, !fieldPath.isEmpty else { return nil }
        var out = ""
        for c in fieldPath {
            if c.hasPrefix("[") || out.isEmpty { out += c } else { out += "." + c }
        }
        return out
    }

    /// Interpolates `node`, a value that lives at `path` in the configuration.
    private mutating func interpolate(_ node: YAMLNode, at path: [String]?) -> YAMLNode {
        let saved = fieldPath
        fieldPath = path
        defer { fieldPath = saved }
        return interpolate(node)
    }

    static let lookupKinds = ["alert", "cluster_policy", "cluster", "dashboard", "instance_pool", "job", "metastore",
                              "notification_destination", "pipeline", "query", "service_principal", "warehouse"]
    /// `${workspace.current_user.…}`: the CLI's config.User (short_name, domain_friendly_name) and iam.User's JSON fields.
    static let currentUserFields = ["short_name", "domain_friendly_name", "userName", "displayName", "id", "active", "emails", "entitlements",
                                    "externalId", "groups", "name", "roles", "schemas"]
    static let workspaceFields = ["host", "profile", "root_path", "file_path", "artifact_path", "state_path", "resource_path",
                                  "auth_type", "client_id", "azure_workspace_resource_id", "azure_tenant_id", "azure_environment",
                                  "azure_client_id", "azure_login_app_id", "google_service_account", "account_id", "experimental_is_unified_host",
                                  "workspace_id"]
    static let bundleComputedFields = ["target", "environment", "git", "uuid", "cluster_id", "compute_id",
                                       "databricks_cli_version", "deployment", "mode"]

    /// Whether the CLI loads resources from Python code (`python.resources`, or the older
    /// `experimental.python.resources`, not empty).
    var loadsPythonResources: Bool {
        for section in [configuration["python"], configuration["experimental"]?["python"]] {
            if let items = section?["resources"]?.sequence, !items.isEmpty { return true }
        }
        return false
    }

    /// Values from `.databricks/bundle/<target>/variable-overrides.json`.
    let fileValues: YAMLMapping?

    init(configuration: YAMLMapping, targetName: String, targetVariables: YAMLMapping?, overrides: VariableOverrides,
         fileValues: YAMLMapping? = nil) {
        self.fileValues = fileValues
        self.configuration = configuration
        self.targetName = targetName
        self.targetVariables = targetVariables
        self.overrides = overrides
        self.declared = configuration["variables"]?.mapping ?? YAMLMapping()
    }

    mutating func resolveAll() -> YAMLMapping {
        checkDeclarations()
        var result = configuration
        for i in result.entries.indices where result.entries[i].key != "variables" {
            result.entries[i].value = interpolate(result.entries[i].value, at: [result.entries[i].key])
        }
        // Resolve every variable once so that unused ones are checked too.
        for entry in declared.entries { _ = value(of: entry.key, at: entry.keyLocation) }
        return result
    }

    // MARK: Declarations

    private mutating func checkDeclarations() {
        for entry in declared.entries {
            let body = entry.value.mapping
            if let lookup = body?.entry("lookup") { checkLookup(lookup.value, name: entry.key, path: "variables.\(entry.key).lookup") }
            // A map or list default needs no `type: complex`: the Databricks CLI assigns any default as the
            // value (bundle/config/mutator/set_variables.go; acceptance test bundle/variables/complex-cross-ref).
        }
        for entry in targetVariables?.entries ?? [] {
            if declared[entry.key] == nil {
                diagnostics.append(undeclared(entry.key, at: entry.keyLocation, path: "targets.\(targetName).variables.\(entry.key)",
                                              how: "target \(targetName) assigns a value to"))
            } else if let lookup = entry.value.mapping?.entry("lookup"), Self.isOverrideBody(entry.value) {
                checkLookup(lookup.value, name: entry.key, path: "targets.\(targetName).variables.\(entry.key).lookup")
            }
        }
        for name in overrides.commandLine.keys.sorted() where declared[name] == nil {
            diagnostics.append(undeclared(name, at: nil, path: "variables.\(name)", how: "--var assigns a value to"))
        }
        // A complex variable takes no value from --var or BUNDLE_VAR_ (root.go InitializeVariables,
        // set_variables.go setVariable): a map or list has no text form there.
        for entry in declared.entries where entry.value["type"]?.string == "complex" {
            if overrides.commandLine[entry.key] != nil {
                diagnostics.append(Diagnostic(.error, rule: ModelRuleID.variableReference,
                                              summary: "setting variables of complex type via --var flag is not supported: \(entry.key)",
                                              detail: "Give \(entry.key) its value in the bundle (its default, or the target's variables), or in .databricks/bundle/<target>/variable-overrides.json.",
                                              path: "variables.\(entry.key)", location: entry.keyLocation))
            } else if overrides.environment[entry.key] != nil {
                diagnostics.append(Diagnostic(.error, rule: ModelRuleID.variableReference,
                                              summary: "setting via environment variables (BUNDLE_VAR_\(entry.key)) is not supported for complex variable \(entry.key)",
                                              detail: "Unset BUNDLE_VAR_\(entry.key); give the value in the bundle (its default, or the target's variables), or in .databricks/bundle/<target>/variable-overrides.json.",
                                              path: "variables.\(entry.key)", location: entry.keyLocation))
            }
        }
        // A value of the variable-overrides file of the wrong shape stops the CLI (set_variables.go,
        // setVariable): a map or list for a plain variable, text for a complex one.
        for entry in declared.entries {
            guard overrides.commandLine[entry.key] == nil, entry.value["value"].map(\.isNull) ?? true, overrides.environment[entry.key] == nil,
                  let file = fileValues?[entry.key], !file.isNull, !hasLookup(entry.key) else { continue }
            let complexType = entry.value["type"]?.string == "complex"
            let complexValue = file.mapping != nil || file.sequence != nil
            guard complexType != complexValue else { continue }
            diagnostics.append(Diagnostic(.error, rule: ModelRuleID.variableReference,
                                          summary: complexType ? "variable \(entry.key) is of type complex, but the value in the variable file is not a complex type"
                                                               : "variable \(entry.key) is not of type complex, but the value in the variable file is a complex type",
                                          detail: complexType ? "Give \(entry.key) a mapping or a list in \(VariableOverridesFile.path(target: targetName)), as its type says."
                                                              : "Give \(entry.key) a single value (text, a number or true/false) in \(VariableOverridesFile.path(target: targetName)), or declare it with type: complex.",
                                          path: "variables.\(entry.key)", location: file.location))
        }
        for entry in declared.entries {
            if case .symbolic = value(of: entry.key, at: entry.keyLocation), !hasLookup(entry.key) {
                // `base: ../notebooks` at the top level: a value where a declaration belongs (only a target's
                // variables take the short form); the CLI drops it and its references do not resolve.
                if let scalar = entry.value.scalar, !entry.value.isNull, !scalar.text.isEmpty {
                    diagnostics.append(Diagnostic(
                        .error, rule: ModelRuleID.variableRequired,
                        summary: "variable \(entry.key) is written as a value (\(entry.key): \(scalar.text)); a top-level variable is declared with its default",
                        detail: "Write it as\n  \(entry.key):\n    default: \(scalar.text)\nThe short form `\(entry.key): value` is for a target's variables only; the Databricks CLI drops this one, so ${var.\(entry.key)} does not resolve.",
                        path: "variables.\(entry.key)", location: entry.value.location))
                    continue
                }
                diagnostics.append(Diagnostic(
                    .error, rule: ModelRuleID.variableRequired,
                    summary: "no value assigned to required variable \(entry.key)",
                    detail: "Give it a default, set it in the target's variables, pass --var \(entry.key)=VALUE, or set BUNDLE_VAR_\(entry.key).",
                    path: "variables.\(entry.key)", location: entry.keyLocation))
            }
        }
    }

    private func undeclared(_ name: String, at location: SourceLocation?, path: String, how: String) -> Diagnostic {
        var detail = "Declare it in the top-level variables section first."
        if let s = Suggestion.closest(to: name, among: declared.keys) { detail = "Did you mean \(s)? " + detail }
        return Diagnostic(.error, rule: ModelRuleID.variableReference,
                          summary: "\(how) variable \(name), which is not declared", detail: detail, path: path, location: location)
    }

    private mutating func checkLookup(_ node: YAMLNode, name: String, path: String) {
        guard let m = node.mapping else {
            diagnostics.append(Diagnostic(.error, rule: ModelRuleID.variableLookup,
                                          summary: "the lookup of variable \(name) must be a mapping such as `cluster: \"My cluster\"`, not \(node.typeNameWithArticle)",
                                          path: path, location: node.location))
            return
        }
        if m.count != 1 {
            diagnostics.append(Diagnostic(.error, rule: ModelRuleID.variableLookup,
                                          summary: "the lookup of variable \(name) must name exactly one kind of object, found \(m.count)",
                                          detail: "Kinds: \(Self.lookupKinds.joined(separator: ", ")).", path: path, location: node.location))
        }
        for e in m.entries {
            if !Self.lookupKinds.contains(e.key) {
                var detail = "Kinds: \(Self.lookupKinds.joined(separator: ", "))."
                if let s = Suggestion.closest(to: e.key, among: Self.lookupKinds) { detail = "Did you mean \(s)? " + detail }
                diagnostics.append(Diagnostic(.error, rule: ModelRuleID.variableLookup,
                                              summary: "variable \(name) looks up an unknown kind of object \"\(e.key)\"",
                                              detail: detail, path: path + "." + e.key, location: e.keyLocation))
            } else if let text = e.value.string, let missing = Self.variableNames(in: text).first(where: { declared[$0] == nil }) {
                // ("${var.nope}-wh": the CLI's "reference does not exist"; the same reference in a default was said.)
                diagnostics.append(Diagnostic(.error, rule: ModelRuleID.variableReference,
                                              summary: "reference to undeclared variable ${var.\(missing)} in the lookup of variable \(name)",
                                              detail: Suggestion.closest(to: missing, among: declared.keys).map { "Did you mean var.\($0)?" },
                                              path: path + "." + e.key, location: e.value.location))
            } else if let text = e.value.string, let other = Self.variableNames(in: text).first(where: { $0 != name && hasLookup($0) }) {
                // The CLI resolves lookups in one pass (bundle/config/mutator/resolve_variable_references.go).
                diagnostics.append(Diagnostic(.error, rule: ModelRuleID.variableLookup,
                                              summary: "lookup variables cannot contain references to another lookup variables: \(name) refers to ${var.\(other)}",
                                              detail: "Lookups are resolved together, so one cannot name the result of another. Look up by a plain name or a variable with a value (not a lookup).",
                                              path: path + "." + e.key, location: e.value.location))
            } else if e.value.string?.isEmpty ?? true {
                diagnostics.append(Diagnostic(.error, rule: ModelRuleID.variableLookup,
                                              summary: "variable \(name) looks up a \(e.key) without a name",
                                              detail: "Give the display name of the \(e.key), for example `\(e.key): \"Shared \(e.key)\"`.",
                                              path: path + "." + e.key, location: e.value.location))
            }
        }
    }

    /// The variables `${var.NAME…}` references in `text` name.
    static func variableNames(in text: String) -> [String] {
        guard text.contains("${var.") else { return [] }
        let regex = try! NSRegularExpression(pattern: #"\$\{var\.([A-Za-z0-9_-]+)"#)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
    }

    /// A target's `variables.x` value that is written as a body (`default:` / `lookup:`) rather than as the value itself.
    static func isOverrideBody(_ node: YAMLNode) -> Bool {
        guard let m = node.mapping, !m.isEmpty else { return false }
        return m.keys.allSatisfy { ["default", "lookup", "description", "type"].contains($0) }
            && (m["default"] != nil || m["lookup"] != nil)
    }

    private func hasLookup(_ name: String) -> Bool {
        if overrides.commandLine[name] != nil || overrides.environment[name] != nil { return false }
        if let t = targetVariables?[name] { return Self.isOverrideBody(t) && t["lookup"] != nil }
        return declared[name]?["lookup"] != nil
    }

    // MARK: Variable values

    static let cyclePrefix = "variables refer to each other in a cycle"
    static let cycleDetail = "The Databricks CLI stops resolving them (\"Variables references are too deep, stopping resolution\") and leaves them unresolved; give one of them a value of its own."

    mutating func value(of name: String, at location: SourceLocation?) -> Value {
        if let known = variableValues[name] { return known }
        guard declared[name] != nil else { return .symbolic }
        if inProgress.contains(name) {
            let members = Array(inProgress.drop(while: { $0 != name }))
            let cycle = (members + [name]).joined(separator: " → ")
            // An error, as the CLI gives it ("cycle detected in field resolution", dynvar/resolve.go); a
            // cycle through variables whose values are mappings or lists is only its warning ("Variables
            // references are too deep", acceptance test variables/complex-cycle). Said where the
            // reference that closes it is written: the value of the variable being resolved.
            let complex = members.contains { member in
                declared[member]?["type"]?.string == "complex" || assigned(member).map { $0.node.mapping != nil || $0.node.sequence != nil } == true
            }
            diagnostics.append(Diagnostic(complex ? .warning : .error, rule: ModelRuleID.variableReference,
                                          summary: "variables refer to each other in a cycle: \(cycle)",
                                          detail: complex ? Self.cycleDetail : "The Databricks CLI refuses it (\"cycle detected in field resolution\"); give one of them a value of its own.",
                                          path: "variables.\(inProgress.last ?? name)", location: location))
            return .symbolic
        }
        inProgress.append(name)
        defer { inProgress.removeLast() }
        let result: Value = assigned(name).map { .node(interpolate($0.node, at: $0.path)) } ?? .symbolic
        variableValues[name] = result
        return result
    }

    /// The value assigned to a variable, before its own references are resolved (nil when none is), and where the configuration holds it (nil for `--var`,
    /// `BUNDLE_VAR_…` and the variable-overrides file).
    private func assigned(_ name: String) -> (node: YAMLNode, path: [String]?)? {
        let loc = declared.entry(name)?.keyLocation ?? SourceLocation(file: "", line: 0, column: 0)
        // A complex variable's --var or BUNDLE_VAR_ is refused (an error above), never used.
        let complex = declared[name]?["type"]?.string == "complex"
        // (An empty value is the empty string, as the CLI stores it: plain, it read as null, "not set".)
        if let v = overrides.commandLine[name], !complex {
            return (YAMLNode(.scalar(YAMLScalar(text: v, style: v.isEmpty ? .doubleQuoted : .plain)), at: loc), nil)
        } else if let v = declared[name]?["value"], !v.isNull {
            // A value written in place (`variables.<name>.value`) is assigned already: the CLI's
            // set_variables.go keeps it over BUNDLE_VAR_ and the defaults.
            return (v, ["variables", name, "value"])
        } else if let v = overrides.environment[name], !complex {
            return (YAMLNode(.scalar(YAMLScalar(text: v, style: v.isEmpty ? .doubleQuoted : .plain)), at: loc), nil)
        } else if let v = fileValues?[name], !v.isNull, !hasLookup(name) {
            return (v, nil)
        } else if let t = targetVariables?[name] {
            let path = ["targets", targetName, "variables", name]
            if Self.isOverrideBody(t) { return t["lookup"] != nil ? nil : t["default"].map { ($0, path + ["default"]) } }
            return (t, path)
        } else if let d = declared[name]?["default"], !d.isNull {
            // An empty `default:` is no default, as in the CLI (set_variables.go: the value stays unset).
            return (d, ["variables", name, "default"])
        }
        return nil
    }

    /// `${var.a.x}` met while `a` itself is being resolved (`a: {x: 1, y: ${var.b.z}}`, `b: {z: ${var.a.x}}`):
    /// the CLI resolves field by field, so only the field is resolved here. A field that leads back to
    /// itself is a cycle.
    private mutating func fieldOfVariableInProgress(_ name: String, _ rest: [String], reference: String, at location: SourceLocation,
                                                    fail: (String, String?) -> Value) -> Value {
        let key = "$var." + reference
        if inProgress.contains(key) {
            let cycle = (inProgress.drop(while: { $0 != name }).map { $0.hasPrefix("$var.") ? String($0.dropFirst(5)) : $0 } + [reference])
            return fail("variables refer to each other in a cycle: \(cycle.joined(separator: " → "))", nil)
        }
        guard let raw = assigned(name),
              case .node(let current) = descend(raw.node, rest, reference: reference, resolving: false, fail: fail) else { return .symbolic }
        inProgress.append(key)
        defer { inProgress.removeLast() }
        let value = interpolate(current, at: raw.path.map { $0 + rest })
        if let s = value.string, s.containsText("${") { return .symbolic }
        return .node(value)
    }

    // MARK: Interpolation

    mutating func interpolate(_ node: YAMLNode) -> YAMLNode {
        interpolateIfNeeded(node) ?? node
    }

    /// The node with its references resolved, or nil when it holds none: unchanged subtrees are
    /// shared, not copied.
    mutating func interpolateIfNeeded(_ node: YAMLNode) -> YAMLNode? {
        switch node.kind {
        case .scalar(let s):
            guard s.text.containsText("${") else { return nil }
            return interpolateScalar(s, at: node.location)
        case .sequence(let items):
            var changed: [YAMLNode]?
            for i in items.indices where Self.mayHoldReference(items[i]) {
                fieldPath?.append("[\(i)]")
                defer { fieldPath?.removeLast() }
                guard let new = interpolateIfNeeded(items[i]) else { continue }
                if changed == nil { changed = items }
                changed![i] = new
            }
            return changed.map { var n = YAMLNode(.sequence($0), at: node.location); n.isAnchor = node.isAnchor; return n }
        case .mapping(let m):
            var changed: YAMLMapping?
            for i in m.entries.indices where Self.mayHoldReference(m.entries[i].value) {
                fieldPath?.append(m.entries[i].key)
                defer { fieldPath?.removeLast() }
                guard let new = interpolateIfNeeded(m.entries[i].value) else { continue }
                if changed == nil { changed = m }
                changed!.entries[i].value = new
            }
            return changed.map { var n = YAMLNode(.mapping($0), at: node.location); n.isAnchor = node.isAnchor; return n }
        }
    }

    /// False for a scalar without `${`: most leaves, skipped before their path is built.
    private static func mayHoldReference(_ node: YAMLNode) -> Bool {
        guard case .scalar(let s) = node.kind else { return true }
        return s.text.containsText("${")
    }

    private mutating func interpolateScalar(_ scalar: YAMLScalar, at location: SourceLocation, depth: Int = 0) -> YAMLNode {
        let references = Self.references(in: scalar.text)
        // "${ var.missing }", "${file(./q.sql)}": no reference by the CLI's pattern, so deployed as the
        // text it is, silently (the alert's SQL became that text). "${var.foo_${var.tail}}" is a reference
        // inside another: the CLI resolves the inner one first, then the outer (it was said to be neither).
        let nested = Self.nestedReferences(in: scalar.text, wellFormed: references)
        for bad in Self.malformedReferences(in: scalar.text, wellFormed: references) where !nested.contains(bad) {
            diagnostics.append(Diagnostic(.warning, rule: ModelRuleID.variableReference,
                                          summary: "\(bad) is not a reference the Databricks CLI resolves; it is not filled in",
                                          // (A bool or number field holding only it is dropped by the CLI, not deployed as written.)
                                          detail: (bad.contains("(")
                                              ? "Bundles have no functions such as file(…): put the text in the value, or reference a variable (${var.…}) that holds it."
                                              : bad.range(of: #"==|!=|[<>]=?|\s[+*/?-]\s|&&|\|\|"#, options: .regularExpression) != nil
                                              ? "Bundles have no expressions: give each target its own value (targets.<name>.…), or a variable set per target."
                                              : "A reference has no spaces or other signs: letters, digits, _, - and dots, as ${var.catalog} or ${resources.jobs.etl.id}.")
                                              + " A text field is deployed with these characters; a true/false or number field is left unset.",
                                          path: renderedFieldPath, location: location))
        }
        guard !references.isEmpty else { return YAMLNode(.scalar(scalar), at: location) }
        // A value that is exactly one reference takes the referenced value whole (maps, lists, numbers).
        if references.count == 1, references[0].range == scalar.text.startIndex..<scalar.text.endIndex {
            switch resolve(references[0].path, at: location) {
            case .node(let n):
                var copy = n
                copy.location = n.mapping != nil || n.sequence != nil ? n.location : location
                return copy
            case .symbolic:
                return YAMLNode(.scalar(scalar), at: location)
            }
        }
        var text = ""
        var cursor = scalar.text.startIndex
        for reference in references {
            text += scalar.text[cursor..<reference.range.lowerBound]
            let original = String(scalar.text[reference.range])
            switch resolve(reference.path, at: location) {
            case .node(let n):
                if let s = n.scalar {
                    text += s.value == .null ? "" : s.text
                } else {
                    diagnostics.append(Diagnostic(.error, rule: ModelRuleID.variableReference,
                                                  summary: "\(original) is a \(n.typeName) and cannot be part of a string",
                                                  detail: "Use the reference as the whole value, or refer to one of its fields.",
                                                  path: renderedFieldPath, location: location))
                    text += original
                }
            case .symbolic:
                text += original
            }
            cursor = reference.range.upperBound
        }
        text += scalar.text[cursor...]
        // The inner references resolved, the outer ones are references now: resolved in turn.
        if !nested.isEmpty, depth < 4, text != scalar.text, text.containsText("${") {
            return interpolateScalar(YAMLScalar(text: text, style: .doubleQuoted), at: location, depth: depth + 1)
        }
        return YAMLNode(.scalar(YAMLScalar(text: text, style: .doubleQuoted)), at: location)
    }

    /// The malformed `${…` spans that hold a well-formed reference inside ("${var.foo_${var.tail}"): the
    /// outer reference of a nested pair, read once the inner one is resolved.
    static func nestedReferences(in text: String, wellFormed: [Reference]) -> [String] {
        guard !wellFormed.isEmpty else { return [] }
        return malformedReferences(in: text, wellFormed: wellFormed).filter { span in
            span.dropFirst(2).contains("${") && wellFormed.contains { span.contains(String(text[$0.range])) }
        }
    }

    struct Reference {
        var path: String
        var range: Range<String.Index>
    }

    /// The `${…}` spans of a string that are no reference (not among `wellFormed`).
    static func malformedReferences(in text: String, wellFormed: [Reference]) -> [String] {
        // (A scan, not a regular expression: every value with `${` passes here, 200,000 of them in a large
        // bundle; most hold only references, as many as they have `${`.)
        let utf8 = text.utf8
        var opens: [String.Index] = []
        var i = utf8.startIndex
        while i < utf8.endIndex {
            let next = utf8.index(after: i)
            if utf8[i] == UInt8(ascii: "$"), next < utf8.endIndex, utf8[next] == UInt8(ascii: "{") { opens.append(i) }
            i = next
        }
        guard opens.count != wellFormed.count else { return [] }
        return opens.compactMap { start in
            guard !wellFormed.contains(where: { $0.range.lowerBound == start }),
                  let close = text[start...].firstIndex(where: { $0 == "}" || $0 == "\n" }), text[close] == "}" else { return nil }
            return String(text[start...close])
        }
    }

    /// The `${path}` references in a string, where path is made of names, dots and `[n]` indexes.
    static func references(in text: String) -> [Reference] {
        var out: [Reference] = []
        let utf8 = text.utf8
        var i = utf8.startIndex
        while i < utf8.endIndex {
            guard utf8[i] == UInt8(ascii: "$") else { i = utf8.index(after: i); continue }
            let brace = utf8.index(after: i)
            guard brace < utf8.endIndex, utf8[brace] == UInt8(ascii: "{") else { i = brace; continue }
            let start = utf8.index(after: brace)
            var j = start
            var valid = true
            while j < utf8.endIndex, utf8[j] != UInt8(ascii: "}") {
                let b = utf8[j]
                let ok = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
                    || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
                    || b == UInt8(ascii: "[") || b == UInt8(ascii: "]")
                    // (Letters of any script: the CLI's names are \p{L} and \p{N}, ${resources.jobs.变量.id}.)
                    || b >= 0x80
                if !ok { valid = false; break }
                j = utf8.index(after: j)
            }
            guard valid, j < utf8.endIndex, j > start else { i = start; continue }
            let first = utf8[start]
            guard (first >= 0x61 && first <= 0x7A) || (first >= 0x41 && first <= 0x5A) else { i = start; continue }
            let end = utf8.index(after: j)
            out.append(Reference(path: String(text[start..<j]), range: i..<end))
            i = end
        }
        return out
    }

    /// Splits `a.b[0].c` into ["a", "b", "[0]", "c"].
    static func components(_ path: String) -> [String] {
        var out: [String] = []
        var current = ""
        for ch in path {
            if ch == "." {
                if !current.isEmpty { out.append(current) }
                current = ""
            } else if ch == "[" {
                if !current.isEmpty { out.append(current) }
                current = "["
            } else if ch == "]" {
                out.append(current + "]")
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    mutating func resolve(_ path: String, at location: SourceLocation) -> Value {
        if let known = resolvedReferences[path] { return known }
        let before = diagnostics.count
        let value = resolveUncached(path, at: location)
        if diagnostics.count == before { resolvedReferences[path] = value }
        return value
    }

    private mutating func resolveUncached(_ path: String, at location: SourceLocation) -> Value {
        let parts = Self.components(path)
        let head = parts[0]
        func fail(_ summary: String, _ detail: String? = nil) -> Value {
            failures.append((summary, detail))
            return .symbolic
        }
        var failures: [(String, String?)] = []
        defer {
            for (summary, detail) in failures {
                let cycle = summary.hasPrefix(Self.cyclePrefix)
                diagnostics.append(Diagnostic(cycle ? .warning : .error, rule: ModelRuleID.variableReference, summary: summary,
                                              detail: cycle ? Self.cycleDetail : detail, path: renderedFieldPath, location: location))
            }
        }
        switch head {
        case "var", "variables":
            guard parts.count >= 2 else { return fail("${\(path)} names no variable") }
            let name = parts[1]
            var rest = Array(parts.dropFirst(2))
            if head == "variables" {
                guard rest.first == "value" else {
                    return fail("${\(path)} must end in .value, as in ${variables.\(name).value} (or write ${var.\(name)})")
                }
                rest.removeFirst()
            }
            guard declared[name] != nil else {
                let suggestion = Suggestion.closest(to: name, among: declared.keys)
                return fail("reference to undeclared variable ${\(path)}",
                            suggestion.map { "Did you mean ${var.\($0)}?" } ?? "Declare \(name) in the top-level variables section.")
            }
            if !rest.isEmpty, variableValues[name] == nil, inProgress.contains(name) {
                return fieldOfVariableInProgress(name, rest, reference: path, at: location, fail: fail)
            }
            guard case .node(let value) = value(of: name, at: location) else { return .symbolic }
            return descend(value, rest, reference: path, fail: fail)
        case "bundle", "workspace":
            guard parts.count >= 2 else { return fail("${\(path)} names no field of \(head)") }
            if head == "bundle" && (parts[1] == "target" || parts[1] == "environment") {
                return .node(YAMLNode(.scalar(YAMLScalar(text: targetName, style: .plain)), at: location))
            }
            if head == "workspace" && parts[1] == "current_user" {
                // The fields the CLI's current user has (config.User: short_name, domain_friendly_name and
                // iam.User's): any other is "reference does not exist" there.
                if parts.count >= 3, !Self.currentUserFields.contains(parts[2]) {
                    return fail("reference does not exist: ${\(path)}",
                                Suggestion.closest(to: parts[2], among: Self.currentUserFields).map { "Did you mean ${workspace.current_user.\($0)}?" })
                }
                return .symbolic
            }
            if head == "bundle" && parts[1] == "git" && parts.count >= 3 {
                return gitField(parts[2], rest: Array(parts.dropFirst(3)), reference: path, fail: fail)
            }
            if let node = configuration[head]?[parts[1]] {
                // A field of the configuration, itself possibly holding references.
                guard !inProgress.contains("$" + path) else { return fail("${\(path)} refers to itself") }
                inProgress.append("$" + path)
                let value = interpolate(node, at: [head, parts[1]])
                inProgress.removeLast()
                return descend(value, Array(parts.dropFirst(2)), reference: path, fail: fail)
            }
            // Fields only a deployment knows stay symbolic.
            let computed = head == "bundle" ? Self.bundleComputedFields : Self.workspaceFields + ["current_user"]
            if computed.contains(parts[1]) { return .symbolic }
            // A bundle without a name: the CLI resolves the missing field to its zero value, "" (references
            // are resolved with missing fields included, resolve_variable_references.go); the missing name
            // itself is said where the CLI says it.
            if head == "bundle", parts[1] == "name", parts.count == 2 {
                return .node(YAMLNode(.scalar(YAMLScalar(text: "", style: .doubleQuoted)), at: location))
            }
            let known = (configuration[head]?.mapping?.keys ?? []) + computed
            return fail("unknown reference ${\(path)}", Suggestion.closest(to: parts[1], among: known).map { "Did you mean ${\(head).\($0)}?" })
        case "resources":
            guard parts.count >= 4 else {
                return fail("${\(path)} must name a resource and a field, as in ${resources.jobs.my_job.id}")
            }
            let types = configuration["resources"]?.mapping
            // The CLI loads resources from Python code (python.resources) before it resolves references:
            // one the YAML does not define may be defined there (bundle/config/mutator/python/python_mutator.go).
            if loadsPythonResources, types?[parts[1]]?[parts[2]] == nil {
                diagnostics.append(Diagnostic(.warning, rule: ModelRuleID.variableReference,
                                              summary: "${\(path)} refers to \(parts[1]).\(parts[2]), which the bundle's YAML does not define; it may come from the Python code",
                                              detail: "python.resources loads resources from Python code, which dabrepo does not run; the Databricks CLI fails if none of them is \(parts[1]).\(parts[2]).",
                                              path: renderedFieldPath, location: location))
                return .symbolic
            }
            guard let byType = types?[parts[1]]?.mapping else {
                return fail("${\(path)} refers to resources of type \(parts[1]), but the bundle defines none",
                            Suggestion.closest(to: parts[1], among: types?.keys ?? []).map { "Did you mean resources.\($0)?" })
            }
            guard byType[parts[2]] != nil else {
                return fail("${\(path)} refers to \(parts[1]).\(parts[2]), which the bundle does not define",
                            Suggestion.closest(to: parts[2], among: byType.keys).map { "Did you mean \(parts[1]).\($0)?" })
            }
            return .symbolic
        case "artifacts":
            // Resolved when the artifacts are built (`${artifacts.<key>.build}`, `.path`, ...): only the key is known offline.
            guard parts.count >= 2 else { return fail("${\(path)} names no artifact") }
            let artifacts = configuration["artifacts"]?.mapping
            guard artifacts?[parts[1]] != nil else {
                return fail("${\(path)} refers to artifact \(parts[1]), which the bundle does not define",
                            Suggestion.closest(to: parts[1], among: artifacts?.keys ?? []).map { "Did you mean artifacts.\($0)?" })
            }
            return .symbolic
        default:
            let heads = ["var", "variables", "bundle", "workspace", "resources", "artifacts"]
            // ${workspace_id}, ${var_catalog}: most likely a typo, but the CLI leaves it as written
            // without a word (resolve_variable_references.go): a warning, never an error.
            if let near = Suggestion.closest(to: head, among: heads) {
                diagnostics.append(Diagnostic(.warning, rule: ModelRuleID.variableReference,
                                              summary: "unknown reference ${\(path)}; it is deployed as written",
                                              detail: "Did you mean ${\(near)\(path.dropFirst(head.count))}? The Databricks CLI resolves only references that start with var., bundle., workspace., resources. or artifacts.",
                                              path: renderedFieldPath, location: location))
                return .symbolic
            }
            // ${SERVICE_PRINCIPAL_NAME}: the CLI resolves only its own prefixes and leaves this as written,
            // silently (resolve_variable_references.go skips it); a pipeline may substitute it before
            // deploying (envsubst). A note, not a warning: nothing is wrong by the CLI's account.
            diagnostics.append(Diagnostic(.info, rule: ModelRuleID.variableReference,
                                          summary: "${\(path)} is not a bundle reference; it is deployed as written",
                                          detail: "References start with var., bundle., workspace., resources. or artifacts.; replace it before deploying (envsubst) or use a variable (${var.…}).",
                                          path: renderedFieldPath, location: location))
            return .symbolic
        }
    }

    /// `${bundle.git.<field>}`. The CLI reads the repository before it resolves references and fills
    /// `actual_branch` and `bundle_root_path` always, and `commit`, `origin_url` and `branch` when the
    /// configuration leaves them unset (bundle/config/mutator/load_git_details.go): those stay symbolic
    /// offline, whatever `bundle.git` (or a target's `git`) sets; a value the user sets is taken as written.
    private mutating func gitField(_ field: String, rest: [String], reference: String,
                                   fail: (String, String?) -> Value) -> Value {
        let git = configuration["bundle"]?["git"]
        guard Self.gitFields.contains(field) else {
            // (Also without a git block: the CLI fills bundle.git from the repository, and a field its struct does not
            // have is "reference does not exist" whatever the configuration says.)
            let keys = git?.mapping?.keys ?? []
            return fail("${\(reference)}: the value has no field \(field)",
                        Suggestion.closest(to: field, among: Set(keys + Self.gitFields).sorted()).map { "Did you mean \($0)?" })
        }
        guard Self.gitFieldsTheUserMaySet.contains(field), let node = git?[field],
              node.string.map({ !$0.isEmpty }) ?? true else { return .symbolic }
        guard !inProgress.contains("$" + reference) else { return fail("${\(reference)} refers to itself", nil) }
        inProgress.append("$" + reference)
        let value = interpolate(node, at: ["bundle", "git", field])
        inProgress.removeLast()
        return descend(value, rest, reference: reference, fail: fail)
    }

    /// The fields of `bundle.git` (bundle/config/git.go).
    static let gitFields = ["branch", "origin_url", "commit", "bundle_root_path", "actual_branch"]
    /// The ones the CLI keeps when the configuration sets them.
    static let gitFieldsTheUserMaySet = ["branch", "origin_url", "commit"]

    /// The value at `rest` inside `node`. With `resolving`, a value still holding a reference on the way
    /// is symbolic; without, the field is taken as written (to be resolved by the caller).
    private func descend(_ node: YAMLNode, _ rest: [String], reference: String, resolving: Bool = true,
                         fail: (String, String?) -> Value) -> Value {
        var current = node
        for part in rest {
            if part.hasPrefix("[") {
                guard let i = Int(part.dropFirst().dropLast()), let items = current.sequence, items.indices.contains(i) else {
                    return fail("${\(reference)}: no element \(part) in the value", nil)
                }
                current = items[i]
            } else {
                guard let next = current.mapping?[part] else {
                    return fail("${\(reference)}: the value has no field \(part)",
                                Suggestion.closest(to: part, among: current.mapping?.keys ?? []).map { "Did you mean \($0)?" })
                }
                current = next
            }
            if resolving, let s = current.string, s.containsText("${") { return .symbolic }
        }
        return .node(current)
    }
}
