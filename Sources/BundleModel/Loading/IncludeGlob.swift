/// A glob of the `include:` section, matched against `/`-separated paths relative to the bundle root.
///
/// Supports `*` (any characters but `/`), `?` (one character but `/`), `[abc]`, `[a-z]`, `[!a]`; and,
/// when `extended` (sync patterns, .dabrepoignore), `{a,b}` alternatives and `**` as a whole path
/// component matching zero or more directories. The bundle's `include:` is not extended, as in the CLI.
public struct IncludeGlob: Sendable {
    /// Whether Go's filepath.Glob refuses the pattern ("syntax error in pattern"): an unclosed "[" or a
    /// trailing "\\".
    public static func isMalformed(_ pattern: String) -> Bool {
        var characters = pattern.makeIterator()
        while let c = characters.next() {
            if c == "\\" {
                if characters.next() == nil { return true }
            } else if c == "[" {
                var closed = false
                var first = true
                while let d = characters.next() {
                    if d == "\\" { if characters.next() == nil { return true }; first = false; continue }
                    if d == "]" && !first { closed = true; break }
                    if d == "^" && first { continue }
                    first = false
                }
                if !closed { return true }
            }
        }
        return false
    }

    public let pattern: String
    private let alternatives: [[Component]]

    enum Component: Sendable, Equatable {
        case anyDirectories            // **
        case segment([Token])
    }

    /// Patterns match code points (as Go's path.Match, which the Databricks CLI uses, matches runes).
    enum Token: Sendable, Equatable {
        case literal(Unicode.Scalar)
        case star
        case question
        case set(negated: Bool, items: [SetItem])
    }

    enum SetItem: Sendable, Equatable {
        case char(Unicode.Scalar)
        case range(Unicode.Scalar, Unicode.Scalar)
    }

    /// Whether `**` and `{a,b}` have their extended meaning (sync patterns, .dabrepoignore); without,
    /// the pattern matches as Go's filepath.Glob, which the Databricks CLI's `include:` uses: `**` is
    /// `*` (one directory level) and braces are literal.
    public let extended: Bool

    public init(_ pattern: String, extended: Bool = true) {
        self.pattern = pattern
        self.extended = extended
        alternatives = (extended ? IncludeGlob.expandBraces(pattern) : [pattern]).map { alt in
            alt.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }.map { part in
                part == "**" && extended ? Component.anyDirectories : Component.segment(IncludeGlob.tokens(String(part)))
            }
        }
    }

    /// True when the pattern has no wildcard: it names one file, which must exist.
    public var isLiteral: Bool {
        !pattern.contains(where: { (extended ? "*?[{" : "*?[").contains($0) })
    }

    /// Whether the path (relative to the root) matches.
    public func matches(_ path: String) -> Bool {
        // An ASCII path (nearly every one) is matched byte by byte: this runs for every file the
        // include walk meets, in every hook run.
        var path = path
        if let matched = path.withUTF8({ bytes -> Bool? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var parts: [Range<Int>] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                if index > start { parts.append(start..<index) }
                start = index + 1
            }
            return alternatives.contains { IncludeGlob.match($0[...], parts[...], in: bytes) }
        }) {
            return matched
        }
        return matchesByCodePoints(path)
    }

    /// `matches`, code point by code point (any path).
    func matchesByCodePoints(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        return alternatives.contains { IncludeGlob.match($0[...], parts[...]) }
    }

    /// `match` over the `/`-separated parts of an ASCII path, as byte ranges.
    static func match(_ comps: ArraySlice<Component>, _ parts: ArraySlice<Range<Int>>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = comps.first else { return parts.isEmpty }
        switch first {
        case .anyDirectories:
            var rest = parts
            while true {
                if match(comps.dropFirst(), rest, in: bytes) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case .segment(let tokens):
            guard let part = parts.first, matchSegment(tokens[...], part, in: bytes) else { return false }
            return match(comps.dropFirst(), parts.dropFirst(), in: bytes)
        }
    }

    /// `matchSegment` over the ASCII bytes `range` of `bytes`: each byte is one code point.
    static func matchSegment(_ tokens: ArraySlice<Token>, _ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let t = tokens.first else { return range.isEmpty }
        switch t {
        case .star:
            var rest = range
            while true {
                if matchSegment(tokens.dropFirst(), rest, in: bytes) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case .question:
            guard !range.isEmpty else { return false }
            return matchSegment(tokens.dropFirst(), range.dropFirst(), in: bytes)
        case .literal(let c):
            guard let first = range.first, UInt32(bytes[first]) == c.value else { return false }
            return matchSegment(tokens.dropFirst(), range.dropFirst(), in: bytes)
        case .set(let negated, let items):
            guard let first = range.first else { return false }
            let c = Unicode.Scalar(bytes[first])
            let inSet = items.contains { item in
                switch item {
                case .char(let x): return x == c
                case .range(let a, let b): return a <= c && c <= b
                }
            }
            guard inSet != negated else { return false }
            return matchSegment(tokens.dropFirst(), range.dropFirst(), in: bytes)
        }
    }

    /// Whether some path inside `directory` could match: prunes the directory walk.
    func mayMatchInside(_ directory: String) -> Bool {
        let parts = directory.split(separator: "/").map(String.init)
        return alternatives.contains { IncludeGlob.prefixMatch($0[...], parts[...]) }
    }

    /// The literal leading directory of each alternative (where the walk starts).
    var baseDirectories: [String] {
        alternatives.map { comps in
            var base: [String] = []
            for c in comps.dropLast() {
                guard case .segment(let tokens) = c else { break }
                var literal = ""
                for t in tokens {
                    guard case .literal(let ch) = t else { return base.joined(separator: "/") }
                    literal.unicodeScalars.append(ch)
                }
                base.append(literal)
            }
            return base.joined(separator: "/")
        }
    }

    static func match(_ comps: ArraySlice<Component>, _ parts: ArraySlice<String>) -> Bool {
        guard let first = comps.first else { return parts.isEmpty }
        switch first {
        case .anyDirectories:
            var rest = parts
            while true {
                if match(comps.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case .segment(let tokens):
            guard let part = parts.first, matchSegment(tokens[...], Array(part.unicodeScalars)[...]) else { return false }
            return match(comps.dropFirst(), parts.dropFirst())
        }
    }

    static func prefixMatch(_ comps: ArraySlice<Component>, _ parts: ArraySlice<String>) -> Bool {
        guard let part = parts.first else { return true }
        guard let first = comps.first else { return false }
        switch first {
        case .anyDirectories:
            return true
        case .segment(let tokens):
            guard matchSegment(tokens[...], Array(part.unicodeScalars)[...]) else { return false }
            return prefixMatch(comps.dropFirst(), parts.dropFirst())
        }
    }

    static func matchSegment(_ tokens: ArraySlice<Token>, _ chars: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let t = tokens.first else { return chars.isEmpty }
        switch t {
        case .star:
            var rest = chars
            while true {
                if matchSegment(tokens.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case .question:
            guard !chars.isEmpty else { return false }
            return matchSegment(tokens.dropFirst(), chars.dropFirst())
        case .literal(let c):
            guard chars.first == c else { return false }
            return matchSegment(tokens.dropFirst(), chars.dropFirst())
        case .set(let negated, let items):
            guard let c = chars.first else { return false }
            let inSet = items.contains { item in
                switch item {
                case .char(let x): return x == c
                case .range(let a, let b): return a <= c && c <= b
                }
            }
            guard inSet != negated else { return false }
            return matchSegment(tokens.dropFirst(), chars.dropFirst())
        }
    }

    static func tokens(_ s: String) -> [Token] {
        var out: [Token] = []
        let chars = Array(s.unicodeScalars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "*":
                if out.last != .star { out.append(.star) }
            case "?":
                out.append(.question)
            case "\\" where i + 1 < chars.count:
                i += 1
                out.append(.literal(chars[i]))
            case "[":
                var j = i + 1
                var negated = false
                if j < chars.count, chars[j] == "!" || chars[j] == "^" { negated = true; j += 1 }
                var items: [SetItem] = []
                var closed = false
                var firstInSet = true
                while j < chars.count {
                    if chars[j] == "]" && !firstInSet { closed = true; break }
                    firstInSet = false
                    if j + 2 < chars.count, chars[j + 1] == "-", chars[j + 2] != "]" {
                        items.append(.range(chars[j], chars[j + 2]))
                        j += 3
                    } else {
                        items.append(.char(chars[j]))
                        j += 1
                    }
                }
                if closed {
                    out.append(.set(negated: negated, items: items))
                    i = j
                } else {
                    out.append(.literal("["))
                }
            default:
                out.append(.literal(c))
            }
            i += 1
        }
        return out
    }

    /// `a{b,c}d` → `abd`, `acd` (nested braces supported).
    static func expandBraces(_ s: String) -> [String] {
        let chars = Array(s)
        var depth = 0
        var open = -1
        for (i, c) in chars.enumerated() {
            if c == "{" {
                if depth == 0 { open = i }
                depth += 1
            } else if c == "}" && depth > 0 {
                depth -= 1
                if depth == 0 {
                    let prefix = String(chars[..<open])
                    let suffix = String(chars[(i + 1)...])
                    var options: [String] = []
                    var d = 0
                    var current = ""
                    for ch in chars[(open + 1)..<i] {
                        if ch == "," && d == 0 { options.append(current); current = ""; continue }
                        if ch == "{" { d += 1 }
                        if ch == "}" { d -= 1 }
                        current.append(ch)
                    }
                    options.append(current)
                    return options.flatMap { opt in expandBraces(prefix + opt + suffix) }
                }
            }
        }
        return [s]
    }
}
