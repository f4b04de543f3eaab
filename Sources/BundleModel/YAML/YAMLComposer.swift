import CYaml
import Foundation

/// Composes a YAML text into `YAMLNode`s from libyaml's event stream.
///
/// - Every node keeps its file, line and column.
/// - Anchors and aliases are expanded, `<<` merge keys applied (explicit keys win).
/// - Alias expansion is bounded (`Limits.maxExpandedNodes`), so a "billion laughs" document stops
///   with an error instead of exhausting memory; nesting is bounded by `Limits.maxDepth`.
/// - Duplicate keys are reported (the later value wins, as in the Databricks CLI's loader).
public struct YAMLComposer {
    public struct Limits: Sendable {
        public var maxDepth: Int
        public var maxExpandedNodes: Int
        public var maxFileBytes: Int

        public init(maxDepth: Int = 512, maxExpandedNodes: Int = 2_000_000, maxFileBytes: Int = 16 << 20) {
            self.maxDepth = maxDepth
            self.maxExpandedNodes = maxExpandedNodes
            self.maxFileBytes = maxFileBytes
        }

        public static let `default` = Limits()
    }

    /// The outcome of composing one file: a root (nil when the file is empty or unreadable) and
    /// the problems found. A syntax error ends composition; duplicate keys do not.
    public struct Result: Sendable {
        public var root: YAMLNode?
        public var diagnostics: [Diagnostic]
        public var hasFatalError: Bool { diagnostics.contains { $0.severity == .error && $0.rule != ModelRuleID.duplicateKey } }
    }

    public let file: String
    public let limits: Limits

    public init(file: String, limits: Limits = .default) {
        self.file = file
        self.limits = limits
    }

    public func compose(_ data: Data) -> Result {
        if data.count > limits.maxFileBytes {
            let mb = String(format: "%.1f", Double(data.count) / 1_048_576)
            return Result(root: nil, diagnostics: [Diagnostic(
                .error, rule: ModelRuleID.fileEncoding,
                summary: "\(file) is too large to be bundle configuration (\(mb) MB; the limit is \(limits.maxFileBytes >> 20) MB)",
                detail: "Bundle configuration files are small YAML files. Check that this file is meant to be included.",
                location: SourceLocation(file: file, line: 1, column: 1))])
        }
        if let problem = Self.encodingProblem(data, file: file) {
            return Result(root: nil, diagnostics: [problem])
        }
        var state = ComposerState(file: file, limits: limits, data: data)
        return state.run()
    }

    public func compose(_ text: String) -> Result {
        compose(Data(text.utf8))
    }

    /// Finds the first byte that is not valid UTF-8 (or a NUL byte) and reports where it is.
    static func encodingProblem(_ data: Data, file: String) -> Diagnostic? {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            return Diagnostic(.error, rule: ModelRuleID.fileEncoding,
                              summary: "\(file) is UTF-16; bundle files must be UTF-8",
                              detail: "Convert it, for example: iconv -f UTF-16 -t UTF-8 \(file) > \(file).new && mv \(file).new \(file)",
                              location: SourceLocation(file: file, line: 1, column: 1))
        }
        // Fast path: valid UTF-8 (checked by the standard library) without NUL bytes.
        let clean = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = raw.baseAddress else { return true }
            guard memchr(base, 0, raw.count) == nil else { return false }
            return String(validating: bytes, as: UTF8.self) != nil
        }
        if clean { return nil }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Diagnostic? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0, line = 1, column = 1
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                var width = 0
                if b == 0 {
                    width = -1
                } else if b < 0x80 {
                    width = 1
                } else if b & 0xE0 == 0xC0, b >= 0xC2 {
                    width = 2
                } else if b & 0xF0 == 0xE0 {
                    width = 3
                } else if b & 0xF8 == 0xF0, b <= 0xF4 {
                    width = 4
                } else {
                    width = -1
                }
                if width > 1 {
                    if i + width > n { width = -1 } else {
                        for k in 1..<width where bytes[i + k] & 0xC0 != 0x80 { width = -1; break }
                    }
                }
                if width < 0 {
                    let what = b == 0 ? "a NUL byte" : String(format: "the byte 0x%02X, which is not valid UTF-8", b)
                    return Diagnostic(.error, rule: ModelRuleID.fileEncoding,
                                      summary: "\(file) is not UTF-8 text: \(what) at line \(line), column \(column)",
                                      detail: "Bundle configuration must be UTF-8 encoded YAML. Is this a binary file matched by an include glob?",
                                      location: SourceLocation(file: file, line: line, column: column))
                }
                if b == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
                i += width
            }
            return nil
        }
    }
}

/// The mutable work of one composition.
private struct ComposerState {
    let file: String
    let limits: YAMLComposer.Limits
    let data: Data
    var anchors: [String: YAMLNode] = [:]
    var anchorSizes: [String: Int] = [:]
    var expanded = 0
    var diagnostics: [Diagnostic] = []

    init(file: String, limits: YAMLComposer.Limits, data: Data) {
        self.file = file
        self.limits = limits
        self.data = data
    }

    /// A partially built collection on the explicit stack (no recursion: deep input cannot overflow).
    /// A class, so that adding a child mutates it in place.
    final class Frame {
        let isMapping: Bool
        let location: SourceLocation
        let anchor: String?
        var items: [YAMLNode] = []
        var entries: [YAMLMapping.Entry] = []
        /// Key → position, built only once a mapping grows large (small ones are searched linearly).
        var index: [String: Int]?
        /// The key waiting for its value, and whether it is a merge key (`<<` written plainly).
        var pendingKey: (String, SourceLocation, Bool)?
        var merges: [YAMLNode] = []

        init(isMapping: Bool, location: SourceLocation, anchor: String?) {
            self.isMapping = isMapping
            self.location = location
            self.anchor = anchor
        }

        func position(of key: String) -> Int? {
            if let index { return index[key] }
            if entries.count < 16 { return entries.firstIndex { $0.key == key } }
            var built: [String: Int] = [:]
            for (i, e) in entries.enumerated() { built[e.key] = i }
            index = built
            return built[key]
        }

        func append(_ entry: YAMLMapping.Entry) {
            index?[entry.key] = entries.count
            entries.append(entry)
        }
    }

    struct Failure: Error {
        var diagnostic: Diagnostic
    }

    mutating func run() -> YAMLComposer.Result {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .init(root: nil, diagnostics: [Diagnostic(.error, rule: ModelRuleID.yamlSyntax, summary: "could not start the YAML parser")])
        }
        defer { yaml_parser_delete(&parser) }
        var root: YAMLNode?
        var documents = 0
        var secondDocument: SourceLocation?
        do {
            try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                // A UTF-8 byte order mark is not read: with the encoding set, libyaml skips it as a character
                // of the first line, whose keys then sit at column 1, so a second top-level key at column 0
                // ended the document ("did not find expected <document start>"; found by FuzzYAMLEdit).
                let bytes = raw.bindMemory(to: UInt8.self)
                let byteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
                let base = bytes.baseAddress.map { $0 + byteOrderMark }
                let empty: [UInt8] = [0]
                try empty.withUnsafeBufferPointer { emptyBuffer in
                    yaml_parser_set_input_string(&parser, base ?? emptyBuffer.baseAddress!, raw.count - byteOrderMark)
                    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
                    var stack: [Frame] = []
                    var event = yaml_event_t()
                    while true {
                        guard yaml_parser_parse(&parser, &event) == 1 else {
                            throw Failure(diagnostic: syntaxError(parser))
                        }
                        defer { yaml_event_delete(&event) }
                        let location = SourceLocation(file: file, line: Int(event.start_mark.line) + 1,
                                                      column: Int(event.start_mark.column) + 1)
                        var finished: YAMLNode?
                        switch event.type {
                        case YAML_STREAM_END_EVENT:
                            return
                        case YAML_DOCUMENT_START_EVENT:
                            documents += 1
                            if documents == 2 { secondDocument = location }
                            continue
                        case YAML_SCALAR_EVENT:
                            let s = event.data.scalar
                            let text = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
                            let style: YAMLScalar.Style
                            switch s.style {
                            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                            case YAML_LITERAL_SCALAR_STYLE: style = .literal
                            case YAML_FOLDED_SCALAR_STYLE: style = .folded
                            default: style = .plain
                            }
                            let tag = s.tag.map { String(cString: $0) }
                            // A tag of another tool (`!Sub`, `!Ref`, `!!binary`): the Databricks CLI stops loading the
                            // file ("unknown tag: !Sub", libs/dyn/yamlloader); tags on lists and mappings it ignores.
                            if let tag, let problem = Self.badTaggedValue(tag, text) {
                                // `!!int abc`: the CLI's loader converts a tagged value and stops when it cannot.
                                diagnostics.append(Diagnostic(
                                    .error, rule: ModelRuleID.yamlSyntax, summary: problem,
                                    detail: "The tag says what the value is, and the value is not that; correct the value, or remove the tag.",
                                    location: location, excerpt: excerpt(line: location.line, column: location.column)))
                            }
                            if let tag, let shown = Self.unknownScalarTag(tag) {
                                diagnostics.append(Diagnostic(
                                    .error, rule: ModelRuleID.yamlSyntax, summary: "unknown tag: \(shown)",
                                    detail: "The Databricks CLI reads only the standard tags !!str, !!bool, !!int, !!float, !!null and !!timestamp on a value; remove \(shown) (or quote the whole value to keep it as text).",
                                    location: location, excerpt: excerpt(line: location.line, column: location.column)))
                            }
                            var node = YAMLNode(.scalar(YAMLScalar(text: text, style: style, tag: tag)), at: location)
                            try countExpansion(1, at: location)
                            if let a = s.anchor { register(String(cString: a), &node) }
                            finished = node
                        case YAML_ALIAS_EVENT:
                            let name = String(cString: event.data.alias.anchor)
                            guard let node = anchors[name] else {
                                throw Failure(diagnostic: Diagnostic(
                                    .error, rule: ModelRuleID.yamlSyntax,
                                    summary: "unknown alias *\(name): no anchor &\(name) is defined before it",
                                    detail: "Anchors belong to one file: an alias refers to an anchor written earlier in the same file (not in databricks.yml or another included file).",
                                    location: location, excerpt: excerpt(line: location.line, column: location.column)))
                            }
                            try countExpansion(anchorSizes[name] ?? 1, at: location)
                            finished = node
                        case YAML_SEQUENCE_START_EVENT:
                            guard stack.count < limits.maxDepth else { throw Failure(diagnostic: tooDeep(location)) }
                            try countExpansion(1, at: location)
                            let a = event.data.sequence_start.anchor.map { String(cString: $0) }
                            stack.append(Frame(isMapping: false, location: location, anchor: a))
                            continue
                        case YAML_MAPPING_START_EVENT:
                            guard stack.count < limits.maxDepth else { throw Failure(diagnostic: tooDeep(location)) }
                            try countExpansion(1, at: location)
                            let a = event.data.mapping_start.anchor.map { String(cString: $0) }
                            stack.append(Frame(isMapping: true, location: location, anchor: a))
                            continue
                        case YAML_SEQUENCE_END_EVENT:
                            guard let frame = stack.popLast(), !frame.isMapping else { continue }
                            var node = YAMLNode(.sequence(frame.items), at: frame.location)
                            if let anchor = frame.anchor { register(anchor, &node) }
                            finished = node
                        case YAML_MAPPING_END_EVENT:
                            guard let frame = stack.popLast(), frame.isMapping else { continue }
                            // `<<` merges: keys written in this mapping win; among merged maps, the last wins, as
                            // the Databricks CLI merges them in order (libs/dyn/yamlloader, loadMapping).
                            for merge in frame.merges {
                                for source in mergeSources(merge).reversed() {
                                    for e in source.entries where frame.position(of: e.key) == nil {
                                        frame.append(e)
                                        try countExpansion(e.value.nodeCount, at: frame.location)
                                    }
                                }
                            }
                            var node = YAMLNode(.mapping(YAMLMapping(frame.entries)), at: frame.location)
                            if let anchor = frame.anchor { register(anchor, &node) }
                            finished = node
                        default:
                            continue
                        }
                        guard let node = finished else { continue }
                        if stack.isEmpty {
                            if documents <= 1 { root = node }
                            // The Databricks CLI decodes the first document and drops the rest without a word (yamlloader):
                            // what they define is never deployed. Said, as a warning (the CLI gives no error); a lone `---`
                            // at the end holds nothing.
                            if documents >= 2, let at = secondDocument, node.scalar.map({ !$0.text.isEmpty }) ?? true {
                                diagnostics.append(Diagnostic(
                                    .warning, rule: ModelRuleID.yamlSyntax,
                                    summary: "\(file) holds more than one YAML document; the Databricks CLI reads the first and ignores the rest",
                                    detail: "Nothing after this `---` is deployed. Remove the separator, or move the second document to a file of its own.",
                                    location: at))
                                secondDocument = nil
                            }
                            continue
                        }
                        try attach(node, to: &stack)
                    }
                }
            }
        } catch let failure as Failure {
            diagnostics.append(failure.diagnostic)
            return .init(root: nil, diagnostics: diagnostics)
        } catch {
            return .init(root: nil, diagnostics: diagnostics)
        }
        return .init(root: root, diagnostics: diagnostics)
    }

    /// The tag YAML (as go-yaml v3 resolves plain scalars) gives a plain key other than a string or a
    /// null: `!!int`, `!!float`, `!!bool`, `!!timestamp`; nil for a string.
    static func nonStringTag(_ text: String) -> String? {
        if ["true", "True", "TRUE", "false", "False", "FALSE"].contains(text) { return "!!bool" }
        guard let first = text.first, first.isNumber || "+-.".contains(first) else { return nil }
        let plain = text.replacingOccurrences(of: "_", with: "")
        if plain.wholeMatch(of: /[-+]?(0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+|[0-9]+)/) != nil { return "!!int" }
        if plain.wholeMatch(of: /[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/) != nil
            || [".inf", "-.inf", "+.inf", ".Inf", "-.Inf", "+.Inf", ".INF", "-.INF", "+.INF", ".nan", ".NaN", ".NAN"].contains(text) { return "!!float" }
        if text.wholeMatch(of: /[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9].*)?/) != nil { return "!!timestamp" }
        return nil
    }

    mutating func attach(_ node: YAMLNode, to stack: inout [Frame]) throws {
        let frame = stack[stack.count - 1]
        guard frame.isMapping else {
            frame.items.append(node)
            return
        }
        if let (key, keyLocation, merging) = frame.pendingKey {
            frame.pendingKey = nil
            // A merge key whose value is no mapping nor a list of mappings (`<<: *scalar`, `<<:`): the CLI refuses it.
            // (An alias of a list is one value, not a list of them: `<<: *seq` is refused too.)
            if merging, node.mapping == nil, node.sequence == nil || node.isAnchor || node.sequence!.contains(where: { $0.mapping == nil }) {
                diagnostics.append(Diagnostic(
                    .error, rule: ModelRuleID.yamlSyntax,
                    summary: "map merge requires map or sequence of maps as the value",
                    detail: "The Databricks CLI merges an alias of a mapping (<<: *anchor) or a list of them (<<: [*a, *b]).",
                    location: node.isNull ? keyLocation : node.location))
                return
            }
            if merging {
                if !frame.merges.isEmpty {
                    // The CLI refuses it too; a sequence merges several maps.
                    diagnostics.append(Diagnostic(
                        .error, rule: ModelRuleID.duplicateKey,
                        summary: "duplicate YAML merge key ('<<') is not allowed; to merge multiple maps, use a sequence: '<<: [*anchor1, *anchor2]'",
                        location: keyLocation))
                }
                // A mapping written after `<<:` itself (not an alias, nor a list): the CLI refuses it.
                if node.mapping != nil, !node.isAnchor {
                    diagnostics.append(Diagnostic(
                        .error, rule: ModelRuleID.yamlSyntax,
                        summary: "map merge requires map or sequence of maps as the value",
                        detail: "The Databricks CLI merges an alias (<<: *anchor) or a list of them (<<: [*a, *b]); write these keys in the mapping itself instead.",
                        location: node.location))
                }
                frame.merges.append(node)
            } else if let existing = frame.position(of: key) {
                let first = frame.entries[existing].keyLocation
                // A warning: the Databricks CLI keeps the later value silently (libs/dyn/yamlloader).
                diagnostics.append(Diagnostic(
                    .warning, rule: ModelRuleID.duplicateKey,
                    summary: "duplicate key \"\(key)\" (first defined at line \(first.line), column \(first.column))",
                    detail: "The later value is the one deployed, as the Databricks CLI reads it. Remove one of them.",
                    location: keyLocation))
                frame.entries[existing].value = node
            } else {
                frame.append(YAMLMapping.Entry(key: key, keyLocation: keyLocation, value: node))
            }
        } else {
            guard let scalar = node.scalar else {
                throw Failure(diagnostic: Diagnostic(
                    .error, rule: ModelRuleID.yamlSyntax,
                    summary: "a mapping key must be a plain value, not \(node.typeNameWithArticle)",
                    location: node.location, excerpt: excerpt(line: node.location.line, column: node.location.column)))
            }
            // A plain key that YAML reads as a number, a boolean or a date (`2024:`, `true:`): the CLI stops
            // loading the file ("invalid key tag: !!int", libs/dyn/yamlloader/loader.go).
            if scalar.style == .plain, scalar.tag == nil, let tag = Self.nonStringTag(scalar.text) {
                diagnostics.append(Diagnostic(
                    .error, rule: ModelRuleID.yamlSyntax, summary: "invalid key tag: \(tag)",
                    detail: "YAML reads the key \(scalar.text) as \(tag == "!!bool" ? "a boolean" : tag == "!!timestamp" ? "a date" : "a number"), and the Databricks CLI takes only text keys: quote it (\"\(scalar.text)\": …).",
                    location: node.location, excerpt: excerpt(line: node.location.line, column: node.location.column)))
            }
            frame.pendingKey = (scalar.text, node.location, scalar.text == "<<" && (scalar.style == .plain || scalar.tag == "!!merge" || scalar.tag == "tag:yaml.org,2002:merge"))
        }
    }

    /// "invalid int value: abc" for a value its standard tag does not fit (`!!int abc`, `!!bool yes`,
    /// `!!float x`); nil otherwise.
    static func badTaggedValue(_ tag: String, _ text: String) -> String? {
        let short = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
        let value = text.trimmingCharacters(in: .whitespaces)
        switch short {
        case "!!int":
            let unsigned = value.hasPrefix("-") || value.hasPrefix("+") ? String(value.dropFirst()) : value
            let lower = unsigned.lowercased()
            let fits = Int(unsigned) != nil || (lower.hasPrefix("0x") && Int(lower.dropFirst(2), radix: 16) != nil)
                || (lower.hasPrefix("0o") && Int(lower.dropFirst(2), radix: 8) != nil) || (lower.hasPrefix("0b") && Int(lower.dropFirst(2), radix: 2) != nil)
            return fits ? nil : "invalid int value: \(value)"
        case "!!float":
            let fits = Double(value) != nil || [".inf", "-.inf", "+.inf", ".nan"].contains(value.lowercased())
            return fits ? nil : "invalid float value: \(value)"
        case "!!bool":
            return ["true", "false"].contains(value.lowercased()) ? nil : "invalid bool value: \(value)"
        default:
            return nil
        }
    }

    /// The tag as written (`!!binary`, `!Sub`) when the CLI does not know it on a scalar; nil for the
    /// standard ones and the non-specific `!`.
    static func unknownScalarTag(_ tag: String) -> String? {
        let short = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
        return ["!", "!!str", "!!bool", "!!int", "!!float", "!!null", "!!timestamp", "!!merge"].contains(short) ? nil : short
    }

    func mergeSources(_ node: YAMLNode) -> [YAMLMapping] {
        if let m = node.mapping { return [m] }
        return (node.sequence ?? []).compactMap(\.mapping)
    }

    mutating func register(_ anchor: String, _ node: inout YAMLNode) {
        node.isAnchor = true
        anchors[anchor] = node
        anchorSizes[anchor] = node.nodeCount
    }

    mutating func countExpansion(_ n: Int, at location: SourceLocation) throws {
        expanded += n
        if expanded > limits.maxExpandedNodes {
            throw Failure(diagnostic: Diagnostic(
                .error, rule: ModelRuleID.yamlSyntax,
                summary: "\(file) expands to more than \(limits.maxExpandedNodes) YAML nodes through aliases",
                detail: "Aliases (*name) that repeat large anchors multiply the document's size (a \"billion laughs\" document). Reduce the aliasing.",
                location: location))
        }
    }

    func tooDeep(_ location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, rule: ModelRuleID.yamlSyntax,
                   summary: "\(file) nests more than \(limits.maxDepth) levels deep",
                   detail: "Bundle configuration is never this deep; check the file for a generated or corrupted structure.",
                   location: location)
    }

    func syntaxError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        var mark = parser.problem_mark
        if mark.line == 0 && mark.column == 0 && parser.context_mark.line > 0 { mark = parser.context_mark }
        // A quote or a flow collection ([ …, { …) never closed: where it opens, which is the mistake (the file's end, or a
        // later line that is fine, was shown).
        var detail: String?
        let unclosed: String? = context.flatMap { context in
            guard parser.context_mark.line < parser.problem_mark.line else { return nil }
            if context.contains("quoted scalar") { return "quoted string" }
            if context.contains("flow sequence") { return "list opened with [" }
            if context.contains("flow mapping") { return "mapping opened with {" }
            return nil
        }
        let closer = unclosed.map { $0.hasPrefix("quoted") ? "\"" : $0.hasPrefix("list") ? "]" : "}" }
        if let unclosed, let closer {
            detail = "The \(unclosed) that starts here is never closed (the parser noticed it at line \(parser.problem_mark.line + 1)): add its closing \(closer) where the value ends."
            mark = parser.context_mark
        }
        var line = Int(mark.line) + 1, column = Int(mark.column) + 1
        // A double quote never closed on its line, whose string a later quote (in a comment, another value) ends: the
        // error lands far below, under a line that is fine. The line that opens it is said (and shown) instead.
        if unclosed == nil, let opened = Self.unclosedQuoteLine(in: sourceLines, before: line) {
            detail = "Line \(opened.line) opens a quoted string that is not closed on that line, so YAML reads on to the next quote: add its closing \" where the value ends."
            (line, column) = opened
        }
        var summary = "YAML syntax error: \(problem)"
        if let context { summary += " \(context)" }
        // A tab where the error is (YAML indents with spaces only): said, since the caret shows nothing.
        let lines = sourceLines
        // An error at the end of the file is said at its last line (it was the line after the last).
        if unclosed == nil, let last = lines.lastIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }), line - 1 > last {
            line = last + 1
            column = lines[last].count + 1
        }
        if line - 1 < lines.count, let at = lines[line - 1].dropFirst(max(0, column - 1)).first, at == "\t" || lines[line - 1].prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
            detail = "Line \(line) is indented with a tab; YAML indents with spaces only. Replace the tab with spaces."
        }
        return Diagnostic(.error, rule: ModelRuleID.yamlSyntax, summary: summary, detail: detail,
                          location: SourceLocation(file: file, line: line, column: column),
                          excerpt: excerpt(line: line, column: column))
    }

    /// The last line before `limit` whose value opens a double-quoted string it does not close (`key: "main`,
    /// `- "a`), with the column of that quote; nil when there is none.
    static func unclosedQuoteLine(in lines: [Substring], before limit: Int) -> (line: Int, column: Int)? {
        for index in stride(from: min(limit - 1, lines.count) - 1, through: 0, by: -1) {
            let text = lines[index]
            guard let open = text.range(of: #"^\s*(?:-\s+)?(?:[^\s#"'][^:#]*:\s+)?""#, options: .regularExpression) else { continue }
            var escaped = false, closed = false
            for c in text[open.upperBound...] {
                if escaped { escaped = false; continue }
                if c == "\\" { escaped = true; continue }
                if c == "\"" { closed = true; break }
            }
            if !closed { return (index + 1, text.distance(from: text.startIndex, to: open.upperBound)) }
        }
        return nil
    }

    /// The file's lines, ended by LF or CRLF (a CRLF file's syntax errors were said at 1:96).
    var sourceLines: [Substring] { String(decoding: data, as: UTF8.self).sourceLines }

    /// The line before and the line of the error, with a caret under the column.
    func excerpt(line: Int, column: Int) -> String? {
        var lines: [Substring] = []
        var current = 1
        for l in sourceLines {
            if current >= line - 1 { lines.append(l) }
            if current >= line { break }
            current += 1
        }
        guard !lines.isEmpty else { return nil }
        let width = String(line).count
        var out: [String] = []
        for (i, l) in lines.enumerated() {
            let number = line - (lines.count - 1) + i
            let shown = l.count > 200 ? String(l.prefix(200)) + "…" : String(l)
            out.append("\(String(repeating: " ", count: width - String(number).count))\(number) | \(shown.replacingOccurrences(of: "\r", with: ""))")
        }
        out.append(String(repeating: " ", count: width) + " | " + String(repeating: " ", count: max(0, column - 1)) + "^")
        return out.joined(separator: "\n")
    }
}
