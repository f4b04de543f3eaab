import BundleModel
import Foundation

/// Short, one-line forms of values for diff lines.
enum ValueRendering {
    /// `4`, `"nightly etl"`, `{spark_version: 15.4.x-scala2.12, num_workers: 2}`, `[3 items]`.
    static func compact(_ node: YAMLNode?, depth: Int = 2) -> String {
        guard let node else { return "(none)" }
        switch node.kind {
        case .scalar(let s):
            switch s.value {
            case .null: return "null"
            case .string(let t):
                let needsQuotes = t.isEmpty || t.contains(": ") || t.contains("#") || t.hasPrefix(" ") || t.hasSuffix(" ")
                    || t.contains("\n") || t.contains("→") || ScalarValue.looksTyped(t)
                let oneLine = t.replacingOccurrences(of: "\n", with: "\\n")
                let clipped = oneLine.count > 80 ? String(oneLine.prefix(77)) + "..." : oneLine
                return needsQuotes ? "\"\(clipped)\"" : clipped
            default: return s.text
            }
        case .sequence(let items):
            if items.isEmpty { return "[]" }
            if depth > 0, items.count <= 4 {
                let inner = items.map { compact($0, depth: depth - 1) }
                let joined = "[" + inner.joined(separator: ", ") + "]"
                if joined.count <= 100 { return joined }
            }
            return "[\(items.count) item\(items.count == 1 ? "" : "s")]"
        case .mapping(let m):
            if m.isEmpty { return "{}" }
            // One key after another down to one value (a target's new override): `{resources.pipelines.p.development: true}`.
            if m.count == 1, var current = m.entries.first {
                var keys = [current.key]
                while let inner = current.value.mapping, inner.count == 1, let next = inner.entries.first {
                    keys.append(next.key)
                    current = next
                }
                if keys.count > 1 {
                    let joined = "{\(keys.joined(separator: ".")): \(compact(current.value, depth: max(depth - 1, 1)))}"
                    if joined.count <= 120 { return joined }
                }
            }
            if depth > 0, m.count <= 4 {
                let inner = m.entries.map { "\($0.key): \(compact($0.value, depth: depth - 1))" }
                let joined = "{" + inner.joined(separator: ", ") + "}"
                if joined.count <= 100 { return joined }
            }
            return "{\(m.count) field\(m.count == 1 ? "" : "s")}"
        }
    }

    /// A plain value for JSON output.
    static func json(_ node: YAMLNode?) -> Any {
        guard let node else { return NSNull() }
        switch node.kind {
        case .scalar(let s):
            switch s.value {
            case .null: return NSNull()
            case .bool(let b): return b
            case .int(let i): return i
            case .float(let d): return d.isFinite ? d : s.text as Any
            case .string(let t): return t
            }
        case .sequence(let items): return items.map { json($0) }
        case .mapping(let m):
            var out: [String: Any] = [:]
            for e in m.entries { out[e.key] = json(e.value) }
            return out
        }
    }
}

extension ScalarValue {
    /// Whether an unquoted string would read as another type (`"4"`, `"true"`).
    static func looksTyped(_ text: String) -> Bool {
        if case .string = YAMLScalar(text: text, style: .plain).value { return false }
        return true
    }
}
