import BundleDiff
import Foundation

/// A configuration path as `dabrepo diff --output json` prints it:
/// `resources.jobs.etl.job_clusters[job_cluster_key=etl].new_cluster.num_workers`: dot-separated
/// keys, `[field=value]` for the list entry whose `field` is `value`, `[N]` for a position. The short
/// form that summaries and text diffs print, `tasks[ingest]`, names the entry by the field that
/// identifies entries of that list (`task_key` here).
///
/// A key that itself contains dots can be written in brackets and quotes (`variables["a.b"]`); written
/// plainly (`variables.a.b`), it still names the existing key `a.b` when the bundle has one (see
/// `ConfigurationPath.Located`).
public struct ConfigurationPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
        /// The list entry whose `field` is `value`.
        case identity(field: String, value: String)
    }

    public var components: [Component]

    public init(_ components: [Component]) {
        self.components = components
    }

    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "the path \"\(path)\" cannot be read: \(reason)" }
    }

    /// Reads a path; the empty path is the whole configuration.
    public init(parsing text: String) throws(SyntaxError) {
        var components: [Component] = []
        let characters = Array(text)
        var i = 0
        var key = ""
        // A dot was read: a key must follow.
        var keyExpected = false
        func fail(_ reason: String) -> SyntaxError { SyntaxError(path: text, reason: reason) }
        let emptyKey = "a key is empty (two dots in a row, or a dot at an end)"
        while i < characters.count {
            let c = characters[i]
            switch c {
            case ".":
                if !key.isEmpty {
                    components.append(.key(key))
                    key = ""
                } else if i == 0 || characters[i - 1] != "]" {
                    throw fail(emptyKey)
                }
                keyExpected = true
                i += 1
            case "[":
                if !key.isEmpty {
                    components.append(.key(key))
                    key = ""
                } else if keyExpected {
                    throw fail(emptyKey)
                }
                keyExpected = false
                guard let close = Self.closingBracket(characters, from: i) else { throw fail("a [ is not closed") }
                components.append(try Self.bracket(String(characters[(i + 1)..<close]), after: components.last, fail: fail))
                i = close + 1
                if i < characters.count, characters[i] != ".", characters[i] != "[" { throw fail("expected . or [ after ]") }
            case "]":
                throw fail("a ] without its [")
            default:
                key.append(c)
                keyExpected = false
                i += 1
            }
        }
        if !key.isEmpty { components.append(.key(key)) } else if keyExpected { throw fail(emptyKey) }
        self.components = components
    }

    /// The `]` that closes the bracket at `open`, skipping quoted text.
    static func closingBracket(_ characters: [Character], from open: Int) -> Int? {
        var quote: Character?
        var j = open + 1
        while j < characters.count {
            let c = characters[j]
            if let q = quote {
                if c == "\\" { j += 2; continue }
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "]" {
                return j
            }
            j += 1
        }
        return nil
    }

    /// One `[…]`: a quoted key, a position, `field=value`, or, after a list whose entries one field
    /// identifies (`tasks`, `job_clusters`, `parameters`, …), that field's value alone, as diffs and
    /// summaries print it (`tasks[ingest]`).
    static func bracket(_ inside: String, after previous: Component?, fail: (String) -> SyntaxError) throws(SyntaxError) -> Component {
        let trimmed = inside.trimmingCharacters(in: .whitespaces)
        if let quote = trimmed.first, quote == "\"" || quote == "'" {
            guard trimmed.count >= 2, trimmed.last == quote else { throw fail("a quoted key in [] is not closed") }
            var key = ""
            var escaped = false
            for c in trimmed.dropFirst().dropLast() {
                if escaped { key.append(c); escaped = false } else if c == "\\" { escaped = true } else { key.append(c) }
            }
            guard !key.isEmpty else { throw fail("a quoted key is empty") }
            return .key(key)
        }
        if let n = Int(trimmed) {
            guard n >= 0 else { throw fail("a position must be 0 or more, not \(n)") }
            return .index(n)
        }
        if let equals = trimmed.firstIndex(of: "=") {
            let field = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q { value = String(value.dropFirst().dropLast()) }
            guard !field.isEmpty, !value.isEmpty else { throw fail("[\(inside)] must read [field=value], such as [task_key=ingest]") }
            return .identity(field: field, value: value)
        }
        if case .key(let list)? = previous, let fields = ConfigurationDiff.identityFields[list], fields.count == 1, !trimmed.isEmpty {
            return .identity(field: fields[0], value: trimmed)
        }
        throw fail("[\(inside)] is neither a position ([0]), an entry ([task_key=ingest]) nor a quoted key ([\"a.b\"])")
    }

    /// `resources.jobs.etl.tasks[task_key=ingest]`; keys with dots or brackets in brackets and quotes.
    public var description: String {
        var out = ""
        for c in components {
            switch c {
            case .key(let k):
                if k.contains(".") || k.contains("[") || k.contains("]") || k.isEmpty {
                    out += "[\"" + k.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"]"
                } else {
                    out += out.isEmpty ? k : "." + k
                }
            case .index(let n): out += "[\(n)]"
            case .identity(let field, let value): out += "[\(field)=\(value)]"
            }
        }
        return out
    }

    public var isEmpty: Bool { components.isEmpty }
    public var count: Int { components.count }

    /// The first `n` components.
    public func prefix(_ n: Int) -> ConfigurationPath { ConfigurationPath(Array(components.prefix(n))) }

    /// The key at position `i`, when that component is a key.
    public func key(at i: Int) -> String? {
        guard components.indices.contains(i), case .key(let k) = components[i] else { return nil }
        return k
    }
}
