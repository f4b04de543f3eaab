/// A YAML node as composed from libyaml events: every node keeps where it was written.
///
/// Aliases are expanded (with a budget, see `YAMLComposer.Limits`) and `<<` merge keys applied, so
/// consumers see plain mappings, sequences and scalars. Mapping keys are always strings.
public struct YAMLNode: Sendable {
    public enum Kind: Sendable {
        case scalar(YAMLScalar)
        case mapping(YAMLMapping)
        case sequence([YAMLNode])
    }

    public var kind: Kind
    public var location: SourceLocation
    /// Whether the node was written with an anchor (`&name`), or is an alias of one: a block written to
    /// be reused, which is not itself configuration (the CLI's `IsAnchor`).
    public var isAnchor = false

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public static func string(_ text: String, at location: SourceLocation) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(text: text, style: .doubleQuoted)), at: location)
    }

    public var mapping: YAMLMapping? {
        if case .mapping(let m) = kind { return m }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let s) = kind { return s }
        return nil
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let s) = kind { return s }
        return nil
    }

    /// The scalar's text when it is a string-like scalar (anything but null), else nil.
    public var string: String? {
        guard let s = scalar else { return nil }
        if case .null = s.value { return nil }
        return s.text
    }

    public var isNull: Bool {
        if let s = scalar, case .null = s.value { return true }
        return false
    }

    public subscript(key: String) -> YAMLNode? {
        mapping?[key]
    }

    /// A short name of the node's type for messages: "mapping", "sequence", "string", "integer", ...
    public var typeName: String {
        switch kind {
        case .mapping: return "mapping"
        case .sequence: return "sequence"
        case .scalar(let s): return s.value.typeName
        }
    }

    /// The type with its article, for messages: "an integer", "a mapping".
    public var typeNameWithArticle: String {
        let name = typeName
        return ("aeiou".contains(name.first ?? "x") ? "an " : "a ") + name
    }

    /// Whether both nodes are the same stored value (one parse shared by two trees): then they are
    /// equal without looking inside. False does not mean they differ.
    public func sharesStorage(with other: YAMLNode) -> Bool {
        guard location == other.location else { return false }
        switch (kind, other.kind) {
        case (.mapping(let a), .mapping(let b)):
            guard !a.entries.isEmpty, a.entries.count == b.entries.count else { return false }
            return a.entries.withUnsafeBufferPointer { x in b.entries.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
        case (.sequence(let a), .sequence(let b)):
            guard !a.isEmpty, a.count == b.count else { return false }
            return a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
        default:
            return false
        }
    }

    /// Number of nodes in this subtree (used to bound alias expansion).
    public var nodeCount: Int {
        switch kind {
        case .scalar: return 1
        case .sequence(let items): return items.reduce(1) { $0 + $1.nodeCount }
        case .mapping(let m): return m.entries.reduce(1) { $0 + 1 + $1.value.nodeCount }
        }
    }
}

/// A mapping with string keys, in the order they were written.
public struct YAMLMapping: Sendable {
    public struct Entry: Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: YAMLNode

        public init(key: String, keyLocation: SourceLocation, value: YAMLNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    public var keys: [String] { entries.map(\.key) }
    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    public subscript(key: String) -> YAMLNode? {
        get { entries.first(where: { $0.key == key })?.value }
    }

    public func entry(_ key: String) -> Entry? {
        entries.first(where: { $0.key == key })
    }

    /// Sets the value of `key`, keeping its position among the keys when it exists.
    public mutating func set(_ key: String, _ value: YAMLNode, keyLocation: SourceLocation? = nil) {
        if let i = entries.firstIndex(where: { $0.key == key }) {
            entries[i].value = value
        } else {
            entries.append(Entry(key: key, keyLocation: keyLocation ?? value.location, value: value))
        }
    }

    public mutating func remove(_ key: String) {
        entries.removeAll { $0.key == key }
    }
}

/// A scalar's text as written, its quoting style and the value it resolves to.
public struct YAMLScalar: Sendable {
    public enum Style: Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var text: String
    public var style: Style
    /// Explicit tag such as `!!str`, when one was written.
    public var tag: String?

    public init(text: String, style: Style, tag: String? = nil) {
        self.text = text
        self.style = style
        self.tag = tag
    }

    /// The value under the YAML 1.2 core schema (plain scalars only; quoted ones are strings).
    public var value: ScalarValue {
        if let tag {
            switch tag {
            case "tag:yaml.org,2002:str": return .string(text)
            case "tag:yaml.org,2002:int": return Int(text).map(ScalarValue.int) ?? .string(text)
            case "tag:yaml.org,2002:float": return Double(text).map(ScalarValue.float) ?? .string(text)
            case "tag:yaml.org,2002:bool": return ScalarValue.resolvePlain(text)
            case "tag:yaml.org,2002:null": return .null
            default: break
            }
        }
        guard style == .plain else { return .string(text) }
        return ScalarValue.resolvePlain(text)
    }
}

/// The typed value of a scalar.
public enum ScalarValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)

    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .float: return "number"
        case .string: return "string"
        }
    }

    static func resolvePlain(_ text: String) -> ScalarValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        guard let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: ".") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else {
            return .string(text)
        }
        if let i = Int(text) { return .int(i) }
        if text.hasPrefix("0x"), let i = Int(text.dropFirst(2), radix: 16) { return .int(i) }
        if text.hasPrefix("0o"), let i = Int(text.dropFirst(2), radix: 8) { return .int(i) }
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let d = Double(text) { return .float(d) }
        // 300_000: a number, as the Databricks CLI's YAML reader (yaml.v3) takes it.
        if text.contains("_"), !text.hasPrefix("_"), !text.hasSuffix("_") {
            let digits = text.replacingOccurrences(of: "_", with: "")
            if let i = Int(digits) { return .int(i) }
            if digits.contains("."), let d = Double(digits) { return .float(d) }
        }
        return .string(text)
    }
}

extension YAMLNode {
    /// An anchor, or a block of anchors kept for reuse (`definitions: {defaults: &defaults …}`, `new_cluster:
    /// &new_cluster …` at the top of a file): no configuration of its own (isAnchorContainer in the CLI's
    /// normalize.go).
    public var holdsOnlyAnchors: Bool {
        if isAnchor { return true }
        let elements: [YAMLNode]
        switch kind {
        case .sequence(let items): elements = items
        case .mapping(let m): elements = m.entries.map(\.value)
        case .scalar: return false
        }
        return !elements.isEmpty && elements.allSatisfy(\.holdsOnlyAnchors)
    }
}
