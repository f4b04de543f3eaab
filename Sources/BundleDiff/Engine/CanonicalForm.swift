import BundleModel

/// A text form of a value that ignores positions, quoting and key order: equal forms, equal values.
enum CanonicalForm {
    static func of(_ node: YAMLNode) -> String {
        var out = ""
        append(node, to: &out)
        return out
    }

    static func append(_ node: YAMLNode, to out: inout String) {
        switch node.kind {
        case .scalar(let s):
            switch s.value {
            case .null: out += "~"
            case .bool(let b): out += b ? "T" : "F"
            case .int(let i): out += "i\(i)"
            case .float(let d): out += "f\(d)"
            case .string(let t): out += "s\(t.utf8.count):\(t)"
            }
        case .sequence(let items):
            out += "["
            for i in items { append(i, to: &out); out += "," }
            out += "]"
        case .mapping(let m):
            out += "{"
            for e in m.entries.sorted(by: { $0.key < $1.key }) {
                out += "\(e.key.utf8.count):\(e.key)="
                append(e.value, to: &out)
                out += ","
            }
            out += "}"
        }
    }
}
