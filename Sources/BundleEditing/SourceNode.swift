/// A node of a YAML document as written: its byte range in the original text, its style, its anchor.
/// Unlike `YAMLNode`, aliases are not expanded and merge keys are kept as entries.
public final class SourceNode {
    public enum Kind {
        case scalar(text: String, style: ScalarStyle)
        case mapping([(key: SourceNode, value: SourceNode)])
        case sequence([SourceNode])
        case alias(String)
    }

    public enum ScalarStyle: Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var kind: Kind
    /// Byte offsets in the original text: where the node starts and where its last character ends.
    public var start: Int
    public var end: Int
    /// Column (0-based, in bytes) of the node's first character.
    public var column: Int
    public var flow: Bool
    public var anchor: String?

    init(kind: Kind, start: Int, end: Int, column: Int, flow: Bool, anchor: String?) {
        self.kind = kind
        self.start = start
        self.end = end
        self.column = column
        self.flow = flow
        self.anchor = anchor
    }

    public var entries: [(key: SourceNode, value: SourceNode)]? {
        if case .mapping(let e) = kind { return e }
        return nil
    }

    public var items: [SourceNode]? {
        if case .sequence(let i) = kind { return i }
        return nil
    }

    public var scalarText: String? {
        if case .scalar(let t, _) = kind { return t }
        return nil
    }

    /// The value of `key` in a mapping.
    public func value(_ key: String) -> SourceNode? {
        // A key written twice: the later one counts, as the CLI reads it.
        entries?.last { $0.key.scalarText == key }?.value
    }

    /// Where the node's content ends: the end of its last written character, descendants included.
    public var contentEnd: Int {
        switch kind {
        case .mapping(let e) where !flow: return e.last.map { max($0.key.contentEnd, $0.value.contentEnd) } ?? end
        case .sequence(let i) where !flow: return i.last.map { $0.contentEnd } ?? end
        default: return end
        }
    }
}
