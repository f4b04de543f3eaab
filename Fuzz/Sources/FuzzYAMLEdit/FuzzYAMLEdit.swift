import BundleEditing
import BundleModel
import FuzzSupport

/// Random edit operations on random YAML: the input is the document, its first line (a comment in the
/// seeds) chooses the operation, the path among the document's own paths, and the value. An edit is
/// refused with an error, or its result parses; and unless it may change a shared anchor, the value at
/// the path is the one written, the document reads the same everywhere outside the edited path, and no
/// line outside the edited top-level entry changes.
public func fuzzYAMLEdit(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, count)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    let composed = YAMLComposer(file: "fuzz.yml").compose(text)
    guard !composed.hasFatalError, composed.diagnostics.isEmpty, let root = composed.root, root.mapping != nil else { return 0 }
    var choice = Choice(text.prefix { $0 != "\n" })
    var paths: [EditPath] = []
    collect(root, [], into: &paths)
    guard !paths.isEmpty else { return 0 }
    let path = paths[choice.next(paths.count)]
    let value = choice.value()
    var editor = YAMLEditor(text: text)
    editor.allowSharedAnchors = choice.next(4) == 0
    let touched: EditPath
    let operation: String
    do {
        switch choice.next(6) {
        case 0:
            operation = "set \(path.rendered)"
            try editor.set(path, to: value)
            touched = path
        case 1:
            let key = choice.key()
            operation = "insert \(key) into \(path.rendered)"
            try editor.insert(key: key, value: value, into: path)
            touched = path + [.key(key)]
        case 2:
            operation = "delete \(path.rendered)"
            try editor.delete(path)
            // A list entry deleted moves the ones after it: the whole list is touched.
            if case .index = path.last { touched = Array(path.dropLast()) } else { touched = path }
        case 3:
            operation = "append to \(path.rendered)"
            try editor.append(value, to: path)
            touched = path
        case 4:
            let index = choice.next(4)
            operation = "insert at \(index) in \(path.rendered)"
            try editor.insert(value, at: index, in: path)
            touched = path
        default:
            let key = choice.key()
            operation = "rename \(path.rendered) to \(key)"
            try editor.rename(path, to: key)
            touched = Array(path.dropLast())
        }
    } catch {
        _ = error.description
        return 0
    }
    let result = YAMLComposer(file: "fuzz.yml").compose(editor.text)
    guard !result.hasFatalError, let newRoot = result.root else {
        FuzzInput.fail("\(operation) wrote YAML that does not parse: \(result.diagnostics.map(\.summary)) in \(editor.text.debugDescription)", bytes)
    }
    // Allowed to change a shared anchor, an edit changes every place that uses it: only the re-parse holds.
    if editor.allowSharedAnchors { return 0 }
    if !sameOutside(root, newRoot, touched) {
        FuzzInput.fail("\(operation) changed the document outside \(touched.rendered): \(editor.text.debugDescription)", bytes)
    }
    if operation.hasPrefix("set "), case .string(let written) = value,
       let node = lookup(newRoot, path), let read = node.scalar, read.text != written {
        FuzzInput.fail("\(operation) to \(written.debugDescription) reads back as \(read.text.debugDescription)", bytes)
    }
    // A top-level key that only a `<<` merge provides is overridden by a new key beside the merge, not in
    // the anchor's lines where the composed document places it: only the checks above hold for it.
    if let first = path.first, case .key(let key) = first, writtenAtTopLevel(key, text: text),
       let lines = entryLines(root, key: key, text: text) {
        let old = yamlLines(text)
        let new = yamlLines(editor.text)
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let changed = (prefix + 1)...max(prefix + 1, old.count - suffix)
        if prefix < old.count || prefix < new.count, changed.lowerBound < lines.lowerBound || (old.count - suffix > lines.upperBound) {
            FuzzInput.fail("\(operation) changed lines \(changed) outside the entry \(key) (lines \(lines)): \(editor.text.debugDescription)", bytes)
        }
    }
    return 0
}

/// Every path of the document (mapping keys and list indices), at most 200.
func collect(_ node: YAMLNode, _ path: EditPath, into paths: inout [EditPath]) {
    guard paths.count < 200 else { return }
    if !path.isEmpty { paths.append(path) }
    switch node.kind {
    case .mapping(let mapping):
        for entry in mapping.entries where !entry.key.hasPrefix("<<") { collect(entry.value, path + [.key(entry.key)], into: &paths) }
    case .sequence(let items):
        for (index, item) in items.enumerated() { collect(item, path + [.index(index)], into: &paths) }
    case .scalar:
        break
    }
}

func lookup(_ node: YAMLNode, _ path: EditPath) -> YAMLNode? {
    var node = node
    for component in path {
        switch component {
        case .key(let key): guard let next = node[key] else { return nil }; node = next
        case .index(let index): guard let items = node.sequence, index < items.count else { return nil }; node = items[index]
        }
    }
    return node
}

/// The two documents are the same but for what lies at `path` (the whole node there may differ).
func sameOutside(_ a: YAMLNode, _ b: YAMLNode, _ path: EditPath) -> Bool {
    guard let first = path.first else { return true }
    switch (a.kind, b.kind, first) {
    case (.mapping(let x), .mapping(let y), .key(let key)):
        let xKeys = x.keys.filter { $0 != key }, yKeys = y.keys.filter { $0 != key }
        guard xKeys == yKeys, xKeys.allSatisfy({ same(x[$0]!, y[$0]!) }) else { return false }
        switch (x[key], y[key]) {
        case let (old?, new?): return sameOutside(old, new, Array(path.dropFirst()))
        default: return true
        }
    case (.sequence(let x), .sequence(let y), .index(let index)):
        guard x.count == y.count else { return false }
        for i in x.indices where i != index { if !same(x[i], y[i]) { return false } }
        return index < x.count ? sameOutside(x[index], y[index], Array(path.dropFirst())) : true
    default:
        return false
    }
}

func same(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
    switch (a.kind, b.kind) {
    case (.scalar(let x), .scalar(let y)): return x.text == y.text && x.tag == y.tag
    case (.sequence(let x), .sequence(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    case (.mapping(let x), .mapping(let y)):
        return x.keys == y.keys && x.entries.indices.allSatisfy { same(x.entries[$0].value, y.entries[$0].value) }
    default: return false
    }
}

/// Whether the document's text has `key` as a top-level key of its own (not only through a merge).
func writtenAtTopLevel(_ key: String, text: String) -> Bool {
    guard let entries = (try? SourceDocument(text))?.root?.entries else { return true }
    return entries.contains { $0.key.scalarText == key }
}

/// The lines of the top-level entry `key`: from its key to the line before the next top-level key.
func entryLines(_ root: YAMLNode, key: String, text: String) -> ClosedRange<Int>? {
    guard let entries = root.mapping?.entries, let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
    let start = entries[index].keyLocation.line
    let lineCount = yamlLines(text).count
    let end = index + 1 < entries.count ? entries[index + 1].keyLocation.line - 1 : lineCount
    return start <= end ? start...end : nil
}

/// The lines as libyaml counts them (its line numbers are the composer's): broken at `\n`, `\r\n`, a
/// lone `\r`, NEL, LS and PS.
func yamlLines(_ text: String) -> [Substring] {
    text.split(omittingEmptySubsequences: false) { ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }
}

/// Choices made from the bytes of the input's first line.
struct Choice {
    var state: UInt64

    init(_ seed: Substring) {
        state = 0xcbf29ce484222325
        for byte in seed.utf8 { state = (state ^ UInt64(byte)) &* 0x100000001b3 }
    }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(max(bound, 1)))
    }

    static let strings = ["x", "", "a: b", "- item", "# not a comment", "multi\nline\n", "'quoted'", "\"dq\"", "&anchor", "*alias",
                          "{flow: 1}", "[1, 2]", "yes", "null", "~", "0x1F", "1e3", "  padded  ", "tab\there", "ünïcödé ☃",
                          "${var.name}", "key: value\nother: 1", "|", ">-", "@at", "`tick`", "%percent", "!tag", "? q", "\\"]

    mutating func key() -> String { ["new_key", "name", "tasks", "a b", "x:y", "", "-", "#k", "<<", "ключ"][next(10)] }

    mutating func value(depth: Int = 0) -> EditValue {
        switch next(depth > 1 ? 6 : 9) {
        case 0, 1: return .string(Choice.strings[next(Choice.strings.count)])
        case 2: return .int([0, -1, 42, Int.max, Int.min][next(5)])
        case 3: return .bool(next(2) == 0)
        case 4: return .number([0.5, -1e300, .infinity, .nan][next(4)])
        case 5: return .null
        case 6: return .mapping((0..<next(3)).map { _ in (key(), value(depth: depth + 1)) })
        case 7: return .sequence((0..<next(3)).map { _ in value(depth: depth + 1) })
        default: return .alias(["anchor", "missing", "a b"][next(3)])
        }
    }
}
