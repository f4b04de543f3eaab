import CYaml
import Foundation

/// A YAML text with its node tree and byte positions, parsed from libyaml's events.
public struct SourceDocument {
    public let text: String
    public let bytes: [UInt8]
    public let root: SourceNode?
    /// `\r\n` when the document uses it, else `\n`.
    public let lineEnding: String

    public struct ParseError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public init(_ text: String) throws {
        self.text = text
        bytes = Array(text.utf8)
        lineEnding = text.contains("\r\n") ? "\r\n" : "\n"
        root = try Self.parse(bytes)
    }

    static func parse(_ bytes: [UInt8]) throws -> SourceNode? {
        // libyaml's mark.index counts characters; map them to byte offsets. A UTF-8 byte order mark is
        // skipped by libyaml without being counted, so it is not a character here either (counted, it
        // put every edit of a file saved with a BOM one character early).
        let byteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var byteOffset: [Int] = []
        byteOffset.reserveCapacity(bytes.count + 1)
        for (i, b) in bytes.enumerated() where i >= byteOrderMark && b & 0xC0 != 0x80 { byteOffset.append(i) }
        byteOffset.append(bytes.count)
        func offset(_ mark: yaml_mark_t) -> Int { byteOffset[min(Int(mark.index), byteOffset.count - 1)] }
        // Columns of the first line start after the byte order mark (counted, a key added at the top level
        // of such a file was indented by its three bytes and went inside the entry before it).
        func column(_ at: Int) -> Int {
            var i = at
            while i > 0 && lineBreakLength(bytes, before: i) == 0 { i -= 1 }
            return at - max(i, byteOrderMark)
        }

        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw ParseError(message: "cannot start the YAML parser") }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeBufferPointer { buffer -> SourceNode? in
            var empty: UInt8 = 0
            yaml_parser_set_input_string(&parser, buffer.baseAddress ?? withUnsafePointer(to: &empty) { $0 }, buffer.count)
            final class Frame {
                let node: SourceNode
                var pendingKey: SourceNode?
                var entries: [(key: SourceNode, value: SourceNode)] = []
                var items: [SourceNode] = []
                init(_ node: SourceNode) { self.node = node }
            }
            var stack: [Frame] = []
            var root: SourceNode?
            var documents = 0
            var documentLine = 0
            var secondDocumentLine: Int?
            var event = yaml_event_t()
            func attach(_ node: SourceNode) {
                guard let frame = stack.last else {
                    // A second document with something in it (a lone `---` at the end holds nothing).
                    if documents > 1 {
                        if node.scalarText.map({ !$0.isEmpty }) ?? true { secondDocumentLine = secondDocumentLine ?? documentLine }
                        return
                    }
                    root = node
                    return
                }
                if case .mapping = frame.node.kind {
                    if let key = frame.pendingKey {
                        frame.entries.append((key, node))
                        frame.pendingKey = nil
                    } else {
                        frame.pendingKey = node
                    }
                } else {
                    frame.items.append(node)
                }
            }
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
                    throw ParseError(message: "YAML syntax error at line \(parser.problem_mark.line + 1): \(problem)")
                }
                defer { yaml_event_delete(&event) }
                let start = offset(event.start_mark), end = offset(event.end_mark)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    // A second document: the CLI reads the first alone, and an edit placed by the second's tree
                    // landed after the `---`, where nothing is deployed.
                    if let line = secondDocumentLine {
                        throw ParseError(message: "the file holds more than one YAML document (line \(line)); the Databricks CLI reads only the first, so it is not edited: remove the `---` or move the second document to a file of its own")
                    }
                    return root
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    documentLine = Int(event.start_mark.line) + 1
                case YAML_SCALAR_EVENT:
                    let s = event.data.scalar
                    let text = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
                    let style: SourceNode.ScalarStyle
                    switch s.style {
                    case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                    case YAML_LITERAL_SCALAR_STYLE: style = .literal
                    case YAML_FOLDED_SCALAR_STYLE: style = .folded
                    default: style = .plain
                    }
                    // An empty plain scalar (`key:` with nothing) sits where the next token starts; pin it to its
                    // start. With an anchor or a tag (`key: !`) it ends after them (pinned, a value inserted after
                    // it went before them: `[{a: , b: 1}!]`).
                    let scalarEnd = text.isEmpty && style == .plain && s.anchor == nil && s.tag == nil ? start : end
                    attach(SourceNode(kind: .scalar(text: text, style: style), start: start, end: scalarEnd, column: column(start),
                                      flow: false, anchor: s.anchor.map { String(cString: $0) }))
                case YAML_ALIAS_EVENT:
                    attach(SourceNode(kind: .alias(String(cString: event.data.alias.anchor)), start: start, end: end, column: column(start),
                                      flow: false, anchor: nil))
                case YAML_MAPPING_START_EVENT:
                    let m = event.data.mapping_start
                    stack.append(Frame(SourceNode(kind: .mapping([]), start: start, end: end, column: column(start),
                                                  flow: m.style == YAML_FLOW_MAPPING_STYLE, anchor: m.anchor.map { String(cString: $0) })))
                case YAML_SEQUENCE_START_EVENT:
                    let q = event.data.sequence_start
                    stack.append(Frame(SourceNode(kind: .sequence([]), start: start, end: end, column: column(start),
                                                  flow: q.style == YAML_FLOW_SEQUENCE_STYLE, anchor: q.anchor.map { String(cString: $0) })))
                case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                    guard let frame = stack.popLast() else { continue }
                    let node = frame.node
                    if case .mapping = node.kind { node.kind = .mapping(frame.entries) } else { node.kind = .sequence(frame.items) }
                    node.end = node.flow ? end : node.contentEnd
                    attach(node)
                default:
                    continue
                }
            }
        }
    }

    /// libyaml breaks lines at `\n`, `\r\n`, a `\r` alone, NEL (U+0085), LS (U+2028) and PS (U+2029):
    /// the editor's lines must break where the parser's do, else an edit to the end of a line takes a key
    /// the parser saw on a line of its own (after a lone `\r`) with it.
    /// The length in bytes of the line break that starts at `offset`, 0 when none does.
    static func lineBreakLength(_ bytes: [UInt8], at offset: Int) -> Int {
        guard offset < bytes.count else { return 0 }
        switch bytes[offset] {
        case UInt8(ascii: "\n"): return 1
        case UInt8(ascii: "\r"): return offset + 1 < bytes.count && bytes[offset + 1] == UInt8(ascii: "\n") ? 2 : 1
        case 0xC2: return offset + 1 < bytes.count && bytes[offset + 1] == 0x85 ? 2 : 0
        case 0xE2: return offset + 2 < bytes.count && bytes[offset + 1] == 0x80 && (bytes[offset + 2] == 0xA8 || bytes[offset + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// The length in bytes of the line break that ends just before `offset`, 0 when none does.
    static func lineBreakLength(_ bytes: [UInt8], before offset: Int) -> Int {
        guard offset > 0, offset <= bytes.count else { return 0 }
        switch bytes[offset - 1] {
        case UInt8(ascii: "\n"): return offset >= 2 && bytes[offset - 2] == UInt8(ascii: "\r") ? 2 : 1
        case UInt8(ascii: "\r"): return 1
        case 0x85: return offset >= 2 && bytes[offset - 2] == 0xC2 ? 2 : 0
        case 0xA8, 0xA9: return offset >= 3 && bytes[offset - 3] == 0xE2 && bytes[offset - 2] == 0x80 ? 3 : 0
        default: return 0
        }
    }

    /// Byte offset of the start of the line holding `offset`.
    func lineStart(_ offset: Int) -> Int {
        var i = min(offset, bytes.count)
        while i > 0 && Self.lineBreakLength(bytes, before: i) == 0 { i -= 1 }
        return i
    }

    /// Byte offset just after the line break ending the line holding `offset` (or the end of text).
    func lineEnd(_ offset: Int) -> Int {
        var i = min(offset, bytes.count)
        while i < bytes.count && Self.lineBreakLength(bytes, at: i) == 0 { i += 1 }
        return i + Self.lineBreakLength(bytes, at: i)
    }

    /// The 1-based line of `offset`, counting the line breaks libyaml counts.
    func lineNumber(_ offset: Int) -> Int {
        var line = 1, i = 0
        while i < min(offset, bytes.count) {
            let length = Self.lineBreakLength(bytes, at: i)
            if length > 0 { line += 1; i += length } else { i += 1 }
        }
        return line
    }

    /// Whether the text before `offset` ends with a line break.
    func endsLine(before offset: Int) -> Bool {
        Self.lineBreakLength(bytes, before: offset) > 0
    }
}
