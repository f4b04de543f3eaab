import BundleModel

/// Writes new values as YAML text in the style around them.
public enum YAMLWriter {
    /// A whole document in block style, ending with a line break.
    public static func document(_ value: EditValue, newline: String = "\n") -> String {
        block(value, indent: 0, newline: newline) + newline
    }

    /// A scalar as it should appear in the text; `style` keeps the quoting of the value it replaces.
    /// `inFlow`: the scalar goes inside `[...]` or `{...}` (see `isPlainSafe`).
    static func scalar(_ value: EditValue, style: SourceNode.ScalarStyle = .plain, inFlow: Bool = false) -> String {
        switch value {
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return String(d)
        case .null: return "null"
        case .alias(let name): return "*\(name)"
        case .mapping(let m) where m.isEmpty: return "{}"
        case .sequence(let s) where s.isEmpty: return "[]"
        case .mapping, .sequence: return flow(value)
        case .string(let s):
            switch style {
            case .singleQuoted: return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
            case .doubleQuoted: return doubleQuoted(s)
            default: return isPlainSafe(s, inFlow: inFlow) ? s : doubleQuoted(s)
            }
        }
    }

    static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if ch.value < 0x20 { out += String(format: "\\x%02X", ch.value) } else { out.unicodeScalars.append(ch) }
            }
        }
        return out + "\""
    }

    /// Whether a string can be written without quotes and still read back as that string. `inFlow`:
    /// inside `[...]` or `{...}`, where `,` `[` `]` `{` `}` end a plain scalar and a `:` before one of
    /// them is an error (`[a,b]` is two items, `{k: x}y}` does not parse).
    static func isPlainSafe(_ s: String, inFlow: Bool = false) -> Bool {
        guard let first = s.first, let last = s.last else { return false }
        if inFlow && s.contains(where: { ",[]{}:".contains($0) }) { return false }
        if first == " " || last == " " { return false }
        if "?:,[]{}#&*!|>'\"%@`".contains(first) { return false }
        if first == "-" && (s.count == 1 || s.dropFirst().first == " ") { return false }
        if s.contains(": ") || s.contains(" #") || s.hasSuffix(":") || s.contains("\n") || s.contains("\t") { return false }
        if case .string = YAMLScalar(text: s, style: .plain).value {} else { return false }
        // Dates and times read as timestamps in YAML 1.1 loaders.
        let digits = Array(s.utf8.prefix(10))
        if digits.count == 10, digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-"),
           digits.enumerated().allSatisfy({ [4, 7].contains($0.offset) || ($0.element >= 0x30 && $0.element <= 0x39) }) { return false }
        return !["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"].contains(s)
    }

    /// A key as it should appear; `inFlow`: in a flow mapping.
    static func key(_ k: String, inFlow: Bool = false) -> String { isPlainSafe(k, inFlow: inFlow) ? k : doubleQuoted(k) }

    /// Flow style, on one line, for a value inside `[...]` or `{...}`: `{a: 1, b: [x, y]}`.
    static func flow(_ value: EditValue) -> String {
        switch value {
        case .mapping(let m): return "{" + m.map { "\(key($0.0, inFlow: true)): \(flow($0.1))" }.joined(separator: ", ") + "}"
        case .sequence(let s): return "[" + s.map(flow).joined(separator: ", ") + "]"
        default: return scalar(value, inFlow: true)
        }
    }

    /// Block style lines for a collection, each indented by `indent` spaces, joined by `newline`,
    /// without a final line break.
    static func block(_ value: EditValue, indent: Int, newline: String) -> String {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .mapping(let m) where !m.isEmpty:
            return m.map { k, v in
                v.isCollection ? "\(pad)\(key(k)):\(newline)\(block(v, indent: indent + 2, newline: newline))" : "\(pad)\(key(k)): \(scalar(v))"
            }.joined(separator: newline)
        case .sequence(let s) where !s.isEmpty:
            return s.map { item in pad + "- " + sequenceItem(item, indent: indent + 2, newline: newline) }.joined(separator: newline)
        default:
            return pad + scalar(value)
        }
    }

    /// The text after `- ` for a sequence item whose content is indented by `indent`.
    static func sequenceItem(_ value: EditValue, indent: Int, newline: String) -> String {
        switch value {
        case .mapping(let m) where !m.isEmpty:
            let lines = block(value, indent: indent, newline: newline)
            return String(lines.dropFirst(indent))
        case .sequence(let s) where !s.isEmpty:
            return newline + block(value, indent: indent, newline: newline)
        default:
            return scalar(value)
        }
    }
}

import Foundation
