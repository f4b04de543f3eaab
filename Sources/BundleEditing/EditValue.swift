import BundleModel

/// A value to write into a YAML document.
public indirect enum EditValue: Equatable, Sendable {
    /// Written as given when that reads back as a string, quoted otherwise.
    case string(String)
    case int(Int)
    case bool(Bool)
    case number(Double)
    case null
    case mapping([(String, EditValue)])
    case sequence([EditValue])
    /// `*name`: a reference to an anchor.
    case alias(String)

    public static func == (a: EditValue, b: EditValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case (.null, .null): return true
        case let (.mapping(x), .mapping(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.sequence(x), .sequence(y)): return x == y
        case let (.alias(x), .alias(y)): return x == y
        default: return false
        }
    }

    var isCollection: Bool {
        switch self {
        case .mapping(let m): return !m.isEmpty
        case .sequence(let s): return !s.isEmpty
        default: return false
        }
    }
}

/// A step of an edit path.
public enum EditPathComponent: Hashable, Sendable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let k): return k
        case .index(let i): return "[\(i)]"
        }
    }
}

public typealias EditPath = [EditPathComponent]

extension Array where Element == EditPathComponent {
    public var rendered: String {
        var out = ""
        for c in self {
            switch c {
            case .key(let k): out += out.isEmpty ? k : ".\(k)"
            case .index(let i): out += "[\(i)]"
            }
        }
        return out
    }
}

extension EditValue {
    /// This value with `value` at `path` inside it (mappings made on the way); nil where the path meets
    /// a value that is no mapping or list, or a list position past its end.
    public func setting(_ path: EditPath, to value: EditValue) -> EditValue? {
        guard let first = path.first else { return value }
        let rest = Array(path.dropFirst())
        switch (self, first) {
        case (.mapping(var fields), .key(let key)):
            if let i = fields.firstIndex(where: { $0.0 == key }) {
                guard let inner = fields[i].1.setting(rest, to: value) else { return nil }
                fields[i].1 = inner
            } else {
                guard let inner = EditValue.null.setting(rest, to: value) else { return nil }
                fields.append((key, inner))
            }
            return .mapping(fields)
        case (.null, .key(let key)):
            guard let inner = EditValue.null.setting(rest, to: value) else { return nil }
            return .mapping([(key, inner)])
        case (.sequence(var items), .index(let index)):
            guard items.indices.contains(index), let inner = items[index].setting(rest, to: value) else { return nil }
            items[index] = inner
            return .sequence(items)
        default:
            return nil
        }
    }

    /// A configuration value as read (aliases and merges expanded), to be written again.
    public init(_ node: YAMLNode) {
        switch node.kind {
        case .mapping(let m): self = .mapping(m.entries.map { ($0.key, EditValue($0.value)) })
        case .sequence(let items): self = .sequence(items.map(EditValue.init))
        case .scalar(let s):
            switch s.value {
            case .null: self = .null
            case .bool(let b): self = .bool(b)
            case .int(let i): self = .int(i)
            case .float(let d): self = .number(d)
            case .string(let t): self = .string(t)
            }
        }
    }
}
