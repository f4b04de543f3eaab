import BundleModel
import Foundation

/// Edits YAML text in place, changing only the lines an edit must change: comments, blank lines, key
/// order, quoting, anchors and line endings elsewhere stay byte-identical.
///
/// Paths go through mappings by key and sequences by index. Through anchors and merge keys an edit
/// never silently changes the other users of an anchor: a key that comes from a `<<` merge is
/// overridden locally, an alias on the way is turned into a local merge (`<<: *name`) with the
/// override, and an edit inside an anchored definition that other places use is refused unless
/// `allowSharedAnchors` (the user named the shared definition).
public struct YAMLEditor {
    public private(set) var text: String
    public var allowSharedAnchors = false

    public enum EditError: Error, CustomStringConvertible, Equatable {
        case syntax(String)
        case notFound(String)
        case notAMapping(String)
        case notASequence(String)
        /// The value at the path is a reference (`tags: ${var.tags}`): it is changed where it comes from.
        case setByReference(path: String, reference: String)
        case indexOutOfRange(String)
        case keyExists(String)
        case sharedAnchor(anchor: String, path: String)
        case fromMergedAnchor(key: String, path: String)
        case anchorInUse(anchor: String, path: String)
        case unsupported(String)

        public var description: String {
            switch self {
            case .syntax(let m): return m
            case .notFound(let p): return "\(p) does not exist"
            case .notAMapping(let p): return "\(p) is not a mapping"
            case .notASequence(let p): return "\(p) is not a list"
            case .setByReference(let p, let r):
                let variable = r.hasPrefix("${var.") && r.hasSuffix("}") && !r.dropFirst(6).dropLast().contains(".")
                    ? String(r.dropFirst(6).dropLast()) : nil
                return "\(p) is set by \(r): " + (variable.map { "change the variable \($0) instead (its default, or a target's value)" } ?? "change what it refers to instead")
            case .indexOutOfRange(let p): return "\(p) is past the end of its list"
            case .keyExists(let p): return "\(p) already exists"
            case .sharedAnchor(let a, let p):
                return "\(p) is inside the anchor &\(a), which other places use; name the shared definition to change it for all of them"
            case .fromMergedAnchor(let k, let p):
                return "\(k) at \(p) comes from a merged anchor (<<); it cannot be removed here, only overridden"
            case .anchorInUse(let a, let p):
                return "\(p) defines the anchor &\(a), which other places use; removing or replacing it would break them"
            case .unsupported(let m): return m
            }
        }
    }

    public init(text: String) {
        self.text = text
    }

    /// A path that must lead through a mapping but meets another value; a reference says where it comes from.
    static func notAMapping(_ path: EditPath, _ node: SourceNode) -> EditError {
        if let text = node.scalarText, text.contains("${") { return .setByReference(path: path.rendered, reference: text) }
        return .notAMapping(path.rendered)
    }

    func document() throws(EditError) -> SourceDocument {
        do { return try SourceDocument(text) } catch { throw .syntax("\(error)") }
    }

    // MARK: Resolving paths

    struct Resolved {
        var node: SourceNode
        /// The mapping entry whose value `node` is, when it is one.
        var key: SourceNode?
        var parent: SourceNode?
    }

    /// Follows `path`; stops at an alias with the remaining components (for a local override).
    func resolve(_ path: EditPath, in doc: SourceDocument) throws(EditError) -> (Resolved, remaining: EditPath, anchors: [String]) {
        guard let root = doc.root else { throw .notFound(path.rendered) }
        var current = Resolved(node: root, key: nil, parent: nil)
        var anchors: [String] = root.anchor.map { [$0] } ?? []
        for (i, component) in path.enumerated() {
            if case .alias = current.node.kind { return (current, Array(path[i...]), anchors) }
            switch component {
            case .key(let k):
                guard let entries = current.node.entries else { throw Self.notAMapping(Array(path[..<i]), current.node) }
                // A key written twice: the later one is the one that counts (as the CLI and the model read it).
                guard let entry = entries.last(where: { $0.key.scalarText == k }) else { throw .notFound(Array(path[...i]).rendered) }
                current = Resolved(node: entry.value, key: entry.key, parent: current.node)
            case .index(let n):
                guard let items = current.node.items else { throw .notASequence(Array(path[..<i]).rendered) }
                guard items.indices.contains(n) else { throw .indexOutOfRange(Array(path[...i]).rendered) }
                current = Resolved(node: items[n], key: nil, parent: current.node)
            }
            if let a = current.node.anchor { anchors.append(a) }
        }
        return (current, [], anchors)
    }

    /// Anchors that an alias somewhere in the document refers to.
    static func usedAnchors(_ node: SourceNode?) -> Set<String> {
        guard let node else { return [] }
        switch node.kind {
        case .alias(let name): return [name]
        case .mapping(let e): return e.reduce(into: Set<String>()) { $0.formUnion(usedAnchors($1.key)); $0.formUnion(usedAnchors($1.value)) }
        case .sequence(let i): return i.reduce(into: Set<String>()) { $0.formUnion(usedAnchors($1)) }
        case .scalar: return []
        }
    }

    /// How many aliases name `anchor`.
    static func aliasCount(_ anchor: String, in node: SourceNode?) -> Int {
        guard let node else { return 0 }
        switch node.kind {
        case .alias(let name): return name == anchor ? 1 : 0
        case .mapping(let e): return e.reduce(0) { $0 + aliasCount(anchor, in: $1.key) + aliasCount(anchor, in: $1.value) }
        case .sequence(let i): return i.reduce(0) { $0 + aliasCount(anchor, in: $1) }
        case .scalar: return 0
        }
    }

    /// The top-level keys whose values a bundle deploys; an anchor defined under another one
    /// (`new_cluster: &new_cluster` beside `resources`) is only a template for the places that merge it.
    static let configurationKeys: Set<String> = ["bundle", "include", "workspace", "artifacts", "sync", "resources", "targets", "environments",
                                                 "variables", "permissions", "presets", "run_as", "experimental", "scripts", "python", "git"]

    static func isConfiguration(_ path: EditPath) -> Bool {
        guard case .key(let top)? = path.first else { return false }
        return configurationKeys.contains(top)
    }

    /// The path of the node that defines `anchor` (`new_cluster: &new_cluster` → [new_cluster]).
    static func path(ofAnchor anchor: String, in node: SourceNode?, at path: EditPath = []) -> EditPath? {
        guard let node else { return nil }
        if node.anchor == anchor { return path }
        switch node.kind {
        case .mapping(let e):
            for entry in e { if let key = entry.key.scalarText, let found = Self.path(ofAnchor: anchor, in: entry.value, at: path + [.key(key)]) { return found } }
        case .sequence(let i):
            for (index, item) in i.enumerated() { if let found = Self.path(ofAnchor: anchor, in: item, at: path + [.index(index)]) { return found } }
        default: break
        }
        return nil
    }

    /// Anchors defined in a subtree.
    static func definedAnchors(_ node: SourceNode) -> [String] {
        var out = node.anchor.map { [$0] } ?? []
        switch node.kind {
        case .mapping(let e): for x in e { out += definedAnchors(x.value) }
        case .sequence(let i): for x in i { out += definedAnchors(x) }
        default: break
        }
        return out
    }

    /// An alias written by an edit must name an anchor the document defines: `*missing` does not parse.
    static func checkAliases(_ value: EditValue, in doc: SourceDocument) throws(EditError) {
        var names: [String] = []
        func collect(_ value: EditValue) {
            switch value {
            case .alias(let name): names.append(name)
            case .mapping(let fields): fields.forEach { collect($0.1) }
            case .sequence(let items): items.forEach(collect)
            default: break
            }
        }
        collect(value)
        guard !names.isEmpty else { return }
        let defined = Set(doc.root.map(definedAnchors) ?? [])
        if let missing = names.first(where: { !defined.contains($0) }) {
            throw .notFound("the anchor &\(missing) (for the alias *\(missing))")
        }
    }

    func checkShared(_ anchors: [String], _ doc: SourceDocument, path: EditPath) throws(EditError) {
        guard !allowSharedAnchors else { return }
        let used = Self.usedAnchors(doc.root)
        if let shared = anchors.first(where: used.contains) { throw .sharedAnchor(anchor: shared, path: path.rendered) }
    }

    // MARK: Operations

    /// Sets the value at `path`, creating missing mappings on the way.
    public mutating func set(_ path: EditPath, to value: EditValue) throws(EditError) {
        let doc = try document()
        try Self.checkAliases(value, in: doc)
        // Find the deepest existing prefix.
        var existing = 0
        while existing < path.count {
            do {
                let (_, remaining, _) = try resolve(Array(path[...existing]), in: doc)
                if !remaining.isEmpty { break }
                existing += 1
            } catch {
                break
            }
        }
        if existing == path.count {
            let (resolved, _, anchors) = try resolve(path, in: doc)
            try checkShared(anchors, doc, path: path)
            // Replacing a value that defines an anchor deeper inside, which other places use, would leave
            // their aliases dangling (`*small_cluster` with no `&small_cluster`): the document would not
            // parse. (The value's own anchor stays on the new value.)
            let used = Self.usedAnchors(doc.root)
            if let anchor = Self.definedAnchors(resolved.node).dropFirst(resolved.node.anchor == nil ? 0 : 1).first(where: used.contains) {
                throw .anchorInUse(anchor: anchor, path: path.rendered)
            }
            try replace(resolved, with: value, in: doc)
            return
        }
        let (parent, remaining, anchors) = try resolve(Array(path[..<existing]), in: doc)
        if case .alias(let name) = parent.node.kind, remaining.isEmpty {
            // An alias in the way: override locally with a merge of the anchor. Merges are shallow: a key
            // of the anchor with the path going on inside it would be replaced whole, losing its other fields.
            if existing + 1 < path.count, Self.composedNode(text, at: Array(path[...existing])) != nil {
                throw .unsupported("\(path[existing]) at \(Array(path[..<existing]).rendered) comes from the alias *\(name): setting \(path.rendered) here would replace all of \(path[existing]); change the anchor's definition, or copy \(path[existing]) here first")
            }
            let nested = Self.nest(Array(path[existing...]), value)
            guard case .mapping(let fields) = nested else { throw .unsupported("cannot override a list entry of the alias *\(name)") }
            try replace(parent, with: .mapping([("<<", .alias(name))] + fields), in: doc)
            return
        }
        try checkShared(anchors, doc, path: path)
        guard case .key(let first) = path[existing] else { throw .indexOutOfRange(Array(path[...existing]).rendered) }
        // A key that comes from a `<<` merge, with the path going on inside it: a local key would replace
        // the whole merged value (merges are shallow), losing its other fields.
        if existing + 1 < path.count, let merge = parent.node.entries?.first(where: { $0.key.scalarText == "<<" }),
           Self.composedNode(text, at: Array(path[...existing])) != nil {
            // The anchor merged only here (MLOps Stacks' `<<: *new_cluster`): its definition is this place's
            // value, so the change goes there.
            // (Not when the anchor's own place is configuration itself — `staging: {resources: &compute …}`
            // merged into prod: a change for prod went into staging's block.)
            if case .alias(let name) = merge.value.kind, Self.aliasCount(name, in: doc.root) == 1,
               let anchorPath = Self.path(ofAnchor: name, in: doc.root), !Self.isConfiguration(anchorPath),
               Self.composedNode(text, at: anchorPath + [.key(first)]) != nil,
               parent.node.entries?.contains(where: { $0.key.scalarText == first }) != true {
                let allowed = allowSharedAnchors
                allowSharedAnchors = true
                defer { allowSharedAnchors = allowed }
                try set(anchorPath + Array(path[existing...]), to: value)
                return
            }
            // Otherwise this place gets its own copy of the merged value, with the change: a key of its own
            // takes the place of the merged one, and the anchor and its other users stay as they were.
            if let merged = Self.composedNode(text, at: Array(path[...existing])), merged.mapping != nil,
               parent.node.entries?.contains(where: { $0.key.scalarText == first }) != true,
               let copy = EditValue(merged).setting(Array(path[(existing + 1)...]), to: value) {
                try insert(key: first, value: copy, into: parent.node, in: doc)
                return
            }
            throw .unsupported("\(first) at \(Array(path[..<existing]).rendered) comes from a merged anchor (<<): setting \(path.rendered) here would replace all of \(first); change the anchor's definition, or copy \(first) here first")
        }
        let nested = Self.nest(Array(path[(existing + 1)...]), value)
        if parent.node.entries != nil {
            try insert(key: first, value: nested, into: parent.node, in: doc)
        } else if case .scalar(let t, _) = parent.node.kind, t.isEmpty || t == "null" || t == "~" {
            try replace(parent, with: .mapping([(first, nested)]), in: doc)
        } else {
            throw Self.notAMapping(Array(path[..<existing]), parent.node)
        }
    }

    /// The node at `path` as YAML reads the text (aliases and merges applied), if there is one.
    static func composedNode(_ text: String, at path: EditPath) -> YAMLNode? {
        guard var node = YAMLComposer(file: "edit").compose(text).root else { return nil }
        for component in path {
            switch component {
            case .key(let key):
                guard let next = node[key] else { return nil }
                node = next
            case .index(let index):
                guard let items = node.sequence, items.indices.contains(index) else { return nil }
                node = items[index]
            }
        }
        return node
    }

    /// `[a, b]` and a value → `{a: {b: value}}`.
    static func nest(_ path: EditPath, _ value: EditValue) -> EditValue {
        path.reversed().reduce(value) { inner, component in
            if case .key(let k) = component { return .mapping([(k, inner)]) }
            return .sequence([inner])
        }
    }

    /// Adds `key` to the mapping at `path` (after the key `after`, or at the end).
    public mutating func insert(key: String, value: EditValue, into path: EditPath, after: String? = nil) throws(EditError) {
        let doc = try document()
        try Self.checkAliases(value, in: doc)
        let (resolved, remaining, anchors) = try resolve(path, in: doc)
        guard remaining.isEmpty else { throw .unsupported("cannot insert through the alias at \(path.rendered)") }
        try checkShared(anchors, doc, path: path)
        guard resolved.node.entries != nil else { throw Self.notAMapping(path, resolved.node) }
        if resolved.node.value(key) != nil { throw .keyExists((path + [.key(key)]).rendered) }
        try insert(key: key, value: value, into: resolved.node, after: after, in: doc)
    }

    /// Removes the key or list item at `path`.
    public mutating func delete(_ path: EditPath) throws(EditError) {
        guard let last = path.last else { throw .unsupported("cannot delete the whole document") }
        let doc = try document()
        let parentPath = Array(path.dropLast())
        let (parent, remaining, anchors) = try resolve(parentPath, in: doc)
        guard remaining.isEmpty, !{ if case .alias = parent.node.kind { return true } else { return false } }() else {
            throw .unsupported("\(path.rendered) comes from an alias; override it instead")
        }
        try checkShared(anchors, doc, path: path)
        if let removed = try? resolve(path, in: doc).0.node {
            let used = Self.usedAnchors(doc.root)
            if let anchor = Self.definedAnchors(removed).first(where: used.contains) { throw .anchorInUse(anchor: anchor, path: path.rendered) }
        }
        switch last {
        case .key(let k):
            guard let entries = parent.node.entries else { throw Self.notAMapping(parentPath, parent.node) }
            guard let i = entries.lastIndex(where: { $0.key.scalarText == k }) else {
                if entries.contains(where: { $0.key.scalarText == "<<" }) { throw .fromMergedAnchor(key: k, path: parentPath.rendered) }
                throw .notFound(path.rendered)
            }
            if entries.count == 1 {
                try replace(parent, with: .mapping([]), in: doc)
            } else if parent.node.flow {
                text = Self.removeFlowItem(doc, start: entries[i].key.start, end: entries[i].value.end)
            } else {
                text = removeBlockEntry(doc, first: Self.entryStart(entries[i].key, in: doc), contentEnd: entries[i].value.contentEnd,
                                        next: i + 1 < entries.count ? Self.entryStart(entries[i + 1].key, in: doc) : nil)
            }
        case .index(let n):
            guard let items = parent.node.items else { throw .notASequence(parentPath.rendered) }
            guard items.indices.contains(n) else { throw .indexOutOfRange(path.rendered) }
            if items.count == 1 {
                try replace(parent, with: .sequence([]), in: doc)
            } else if parent.node.flow {
                text = Self.removeFlowItem(doc, start: items[n].start, end: items[n].end)
            } else {
                let dash = Self.dashOffset(before: items[n].start, in: doc)
                text = removeBlockEntry(doc, first: dash, contentEnd: items[n].contentEnd, next: n + 1 < items.count ? Self.dashOffset(before: items[n + 1].start, in: doc) : nil)
            }
        }
    }

    /// Appends to the list at `path` (created when missing).
    public mutating func append(_ value: EditValue, to path: EditPath) throws(EditError) {
        let doc = try document()
        try Self.checkAliases(value, in: doc)
        guard let (resolved, remaining, anchors) = try? resolve(path, in: doc), remaining.isEmpty else {
            // A list the mapping gets from a merge (`<<: *permissions`): the mapping's own list is that
            // one with the new item, for a key of its own replaces the merged one.
            var inherited: [EditValue] = []
            var node = YAMLComposer(file: "").compose(text).root
            for component in path {
                switch component {
                case .key(let k): node = node?[k]
                case .index(let i): node = node?.sequence.flatMap { $0.indices.contains(i) ? $0[i] : nil }
                }
            }
            if let items = node?.sequence { inherited = items.map(EditValue.init) }
            // (A merged value that is no list is not one to append to: a scalar of an anchor became `- null`,
            // the anchor's other users changed with it; found by FuzzYAMLEdit.)
            else if let node, node.scalar.map({ !($0.text.isEmpty || $0.text == "null" || $0.text == "~") }) ?? true { throw .notASequence(path.rendered) }
            try set(path, to: .sequence(inherited + [value]))
            return
        }
        try checkShared(anchors, doc, path: path)
        guard let items = resolved.node.items else {
            if case .scalar(let t, _) = resolved.node.kind, t.isEmpty || t == "null" || t == "~" {
                try replace(resolved, with: .sequence([value]), in: doc)
                return
            }
            throw .notASequence(path.rendered)
        }
        try insertItem(value, at: items.count, into: resolved.node, in: doc)
    }

    /// Inserts into the list at `path` before position `index`.
    public mutating func insert(_ value: EditValue, at index: Int, in path: EditPath) throws(EditError) {
        let doc = try document()
        try Self.checkAliases(value, in: doc)
        let (resolved, remaining, anchors) = try resolve(path, in: doc)
        guard remaining.isEmpty, let items = resolved.node.items else { throw .notASequence(path.rendered) }
        guard index >= 0 && index <= items.count else { throw .indexOutOfRange((path + [.index(index)]).rendered) }
        try checkShared(anchors, doc, path: path)
        try insertItem(value, at: index, into: resolved.node, in: doc)
    }

    /// Renames the key at `path`.
    public mutating func rename(_ path: EditPath, to newKey: String) throws(EditError) {
        let doc = try document()
        guard case .key(let old)? = path.last else { throw .unsupported("\(path.rendered) is not a key") }
        let (parent, _, anchors) = try resolve(Array(path.dropLast()), in: doc)
        try checkShared(anchors, doc, path: path)
        guard let entry = parent.node.entries?.last(where: { $0.key.scalarText == old }) else { throw .notFound(path.rendered) }
        if parent.node.value(newKey) != nil { throw .keyExists((Array(path.dropLast()) + [.key(newKey)]).rendered) }
        // A quoted key in a flow collection may have its `:` right after it (`["a":]`); a plain one there
        // does not parse: the new key keeps the quotes.
        var written = YAMLWriter.key(newKey, inFlow: parent.node.flow)
        if parent.node.flow, case .scalar(_, let style) = entry.key.kind, style == .singleQuoted || style == .doubleQuoted {
            written = YAMLWriter.scalar(.string(newKey), style: style)
        }
        // An empty key (`?` alone on its line, `{: v}`) has no text: the new one needs a space after the
        // `?` or `{` before it (`?"-"` did not parse; found by FuzzYAMLEdit).
        if entry.key.start == entry.key.end, entry.key.start > 0, doc.bytes[entry.key.start - 1] != UInt8(ascii: " ") {
            written = " " + written
        }
        text = Self.splice(doc, entry.key.start, entry.key.end, written)
    }

    /// Removes the comment after the plain or quoted scalar at `path`, on its line
    /// (`quartz_cron_expression: "0 0 3 * * ?"  # daily at 3 AM`), which its new value would make
    /// untrue. Nothing happens when there is none, or when the path is not such a scalar.
    public mutating func removeTrailingComment(_ path: EditPath) throws(EditError) {
        let doc = try document()
        guard let (resolved, remaining, _) = try? resolve(path, in: doc), remaining.isEmpty,
              case .scalar(_, let style) = resolved.node.kind, style != .literal, style != .folded, !resolved.node.flow else { return }
        let bytes = doc.bytes
        var i = resolved.node.end
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "#") else { return }
        var end = i
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
        text = Self.splice(doc, resolved.node.end, end, "")
    }

    // MARK: Text surgery

    /// A space when a `#` follows right after the replaced text: libyaml reads `"a"#c` as a quoted value
    /// and a comment, but after a plain scalar (`0.5#c`) the `#` continues the scalar (found by FuzzYAMLEdit).
    static func spaceBeforeComment(_ doc: SourceDocument, at end: Int) -> String {
        end < doc.bytes.count && doc.bytes[end] == UInt8(ascii: "#") ? " " : ""
    }

    static func splice(_ doc: SourceDocument, _ start: Int, _ end: Int, _ replacement: String) -> String {
        var bytes = doc.bytes
        bytes.replaceSubrange(start..<end, with: Array(replacement.utf8))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Past the comment lines after `position` indented deeper than `column` (and the blank lines among
    /// them): they close the entry above (a note under its list), and a new key goes after them.
    static func afterOwnComments(_ doc: SourceDocument, _ position: Int, deeperThan column: Int) -> Int {
        var result = position
        var i = position
        let bytes = doc.bytes
        while i < bytes.count {
            var j = i
            while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
            let lineEnd = doc.lineEnd(i)
            if j >= bytes.count || bytes[j] == UInt8(ascii: "\n") || bytes[j] == UInt8(ascii: "\r") {
                i = lineEnd
                if i <= j { break }
                continue
            }
            guard bytes[j] == UInt8(ascii: "#"), j - i > column else { break }
            result = lineEnd
            i = lineEnd
        }
        return result
    }

    /// The end of the line where content ends, after its line break (a block scalar already includes it).
    static func cutEnd(_ doc: SourceDocument, _ contentEnd: Int) -> Int {
        if doc.endsLine(before: contentEnd) { return contentEnd }
        return doc.lineEnd(contentEnd)
    }

    /// Where a block mapping entry starts: at its `?` when the key is explicit (`? me`), else at the key.
    static func entryStart(_ key: SourceNode, in doc: SourceDocument) -> Int {
        var before = key.start - 1
        while before >= 0 && doc.bytes[before] == UInt8(ascii: " ") { before -= 1 }
        return before >= 0 && doc.bytes[before] == UInt8(ascii: "?") ? before : key.start
    }

    /// The `-` that introduces a block sequence item starting at `start`.
    static func dashOffset(before start: Int, in doc: SourceDocument) -> Int {
        var i = start - 1
        while i >= 0 && doc.bytes[i] != UInt8(ascii: "-") { i -= 1 }
        return max(i, 0)
    }

    func removeBlockEntry(_ doc: SourceDocument, first: Int, contentEnd: Int, next: Int?) -> String {
        var lineStart = doc.lineStart(first)
        let onlySpacesBefore = doc.bytes[lineStart..<first].allSatisfy { $0 == UInt8(ascii: " ") }
        if onlySpacesBefore {
            // The comment lines right above it, at its indentation, are its own: they go with it (left, they
            // described the entry after it).
            // (Not those right under the parent's key, `run_as:` / `tasks:`: they describe the whole block.)
            let column = first - lineStart
            var commentStart = lineStart
            while commentStart > 0 {
                let above = doc.lineStart(commentStart - 1)
                var j = above
                while j < commentStart, doc.bytes[j] == UInt8(ascii: " ") { j += 1 }
                guard j - above == column, j < commentStart, doc.bytes[j] == UInt8(ascii: "#") else { break }
                commentStart = above
            }
            if commentStart < lineStart {
                var underParent = commentStart == 0
                if commentStart > 0 {
                    let above = doc.lineStart(commentStart - 1)
                    var j = above
                    while j < commentStart, doc.bytes[j] == UInt8(ascii: " ") { j += 1 }
                    underParent = !Self.isBlankLine(doc, at: above) && j - above < column
                }
                if !underParent { lineStart = commentStart }
            }
            var end = Self.cutEnd(doc, contentEnd)
            // Between a blank line above and one below, one of them goes too: entries written apart stay
            // one blank line apart (two were left).
            if lineStart > 0, Self.isBlankLine(doc, at: doc.lineStart(lineStart - 1)), end < doc.bytes.count, Self.isBlankLine(doc, at: end) {
                end = doc.lineEnd(end)
            }
            return Self.splice(doc, lineStart, end, "")
        }
        // The entry shares its line with a `- ` of a list item: the next entry moves up to its place.
        guard let next else { return Self.splice(doc, first, Self.cutEnd(doc, contentEnd), "") }
        return Self.splice(doc, first, next, "")
    }

    /// Whether the line that starts at `start` holds nothing but spaces (or tabs).
    static func isBlankLine(_ doc: SourceDocument, at start: Int) -> Bool {
        var i = start
        while i < doc.bytes.count, doc.bytes[i] == UInt8(ascii: " ") || doc.bytes[i] == UInt8(ascii: "\t") { i += 1 }
        return i >= doc.bytes.count || doc.bytes[i] == UInt8(ascii: "\n") || doc.bytes[i] == UInt8(ascii: "\r")
    }

    static func removeFlowItem(_ doc: SourceDocument, start: Int, end: Int) -> String {
        var s = start, e = end
        // Take the following comma and spaces, or else the preceding ones.
        var j = e
        while j < doc.bytes.count && doc.bytes[j] == UInt8(ascii: " ") { j += 1 }
        if j < doc.bytes.count && doc.bytes[j] == UInt8(ascii: ",") {
            e = j + 1
            while e < doc.bytes.count && doc.bytes[e] == UInt8(ascii: " ") { e += 1 }
        } else {
            var i = s - 1
            while i >= 0 && doc.bytes[i] == UInt8(ascii: " ") { i -= 1 }
            if i >= 0 && doc.bytes[i] == UInt8(ascii: ",") { s = i }
        }
        return splice(doc, s, e, "")
    }

    /// The `:` between a key and its value, none for an explicit key without one (`? a` and no `:`
    /// line): past the value's start, the colon found was another key's. Comments are skipped.
    static func colon(after key: SourceNode, before value: SourceNode, in doc: SourceDocument) -> Int? {
        var i = key.end
        while i < min(value.start, doc.bytes.count) {
            if doc.bytes[i] == UInt8(ascii: ":") { return i }
            if doc.bytes[i] == UInt8(ascii: "#") && (i == 0 || [UInt8(ascii: " "), UInt8(ascii: "\t")].contains(doc.bytes[i - 1]) || doc.endsLine(before: i)) {
                i = doc.lineEnd(i)
                continue
            }
            i += 1
        }
        return nil
    }

    /// Replaces a value, keeping the key (or the `- ` of a list item) and the text around.
    mutating func replace(_ resolved: Resolved, with value: EditValue, in doc: SourceDocument) throws(EditError) {
        if resolved.parent?.flow == true {
            replaceInFlow(resolved, with: value, in: doc)
            return
        }
        let node = resolved.node
        let isBlockCollection = !node.flow && node.entries.map { !$0.isEmpty } ?? node.items.map { !$0.isEmpty } ?? false
        let emptyScalar = node.scalarText == "" && { if case .scalar(_, .plain) = node.kind { return true } else { return false } }()
        // A block scalar (`|`, `>`) ends after its last line break: replaced, that break stays.
        var nodeEnd = node.end
        if case .scalar(_, let style) = node.kind, style == .literal || style == .folded {
            while nodeEnd > node.start, [UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t")].contains(doc.bytes[nodeEnd - 1]) { nodeEnd -= 1 }
        }
        // The anchor of the value replaced stays before a new scalar (with it gone, `other: *a` did not
        // parse); an alias takes none.
        let anchor = node.anchor.flatMap { name in { if case .alias = value { return nil } else { return "&\(name) " } }() } ?? ""
        // A value on a line below its key, not indented past it (a block scalar `>` at column 0 under a
        // top-level key): a plain scalar spliced there is no value of the key (found by FuzzYAMLEdit), so
        // it goes after the key's colon instead.
        let belowKey = resolved.key.map { key in doc.lineNumber(node.start) > doc.lineNumber(key.start) && node.column <= key.column } ?? false
        // Scalars and flow collections replaced by a scalar or a flow value: splice in place.
        if !isBlockCollection && !emptyScalar && !value.isCollection && !belowKey {
            var style: SourceNode.ScalarStyle = .plain
            if case .scalar(_, let s) = node.kind, case .string = value, s == .singleQuoted || s == .doubleQuoted { style = s }
            text = Self.splice(doc, node.start, nodeEnd, anchor + YAMLWriter.scalar(value, style: style) + Self.spaceBeforeComment(doc, at: nodeEnd))
            return
        }
        if let key = resolved.key {
            // `key: <value>`: rewrite everything after the colon.
            guard let colon = Self.colon(after: key, before: node, in: doc) else {
                throw .unsupported("the key at line \(doc.lineNumber(key.start)), column \(key.column + 1) is an explicit key (`?`) without a value; add its `:` line first")
            }
            // An empty value with an anchor or a tag (`key: &a`) ends after them; without, it is only a place.
            let end = isBlockCollection ? Self.contentLineEnd(doc, node.contentEnd)
                : emptyScalar ? (node.end > node.start ? node.end : colon + 1) : value.isCollection ? node.end : nodeEnd
            let indent = key.column + 2
            let newText: String
            if value.isCollection {
                let anchor = node.anchor.map { " &\($0)" } ?? ""
                newText = anchor + doc.lineEnding + YAMLWriter.block(value, indent: isSequenceValue(value) ? key.column + 2 : indent, newline: doc.lineEnding)
            } else {
                newText = " " + anchor + YAMLWriter.scalar(value) + Self.spaceBeforeComment(doc, at: end)
            }
            text = Self.splice(doc, colon + 1, end, newText)
            return
        }
        if resolved.parent?.items != nil {
            // A list item: rewrite after its `- `.
            let end = isBlockCollection ? Self.contentLineEnd(doc, node.contentEnd) : value.isCollection ? node.end : nodeEnd
            // An empty item (`-` then the line break) starts right after its dash: the value needs the space
            // that makes it an item (`-0.5` is a scalar of its own), and its lines go one column further.
            let bare = emptyScalar && node.start > 0 && doc.bytes[node.start - 1] == UInt8(ascii: "-")
            let item = (value.isCollection ? "" : anchor) + YAMLWriter.sequenceItem(value, indent: node.column + (bare ? 1 : 0), newline: doc.lineEnding)
            let newText = (bare && !item.hasPrefix("\n") && !item.hasPrefix("\r") ? " " : "") + item
            text = Self.splice(doc, node.start, end, newText)
            return
        }
        throw .unsupported("cannot replace the document root")
    }

    /// Replaces a value inside `[...]` or `{...}` (at any depth: all inside a flow collection is flow)
    /// with the value in flow style on its place: block lines there do not parse. The quoting of a
    /// string replaced and an anchor stay.
    mutating func replaceInFlow(_ resolved: Resolved, with value: EditValue, in doc: SourceDocument) {
        let node = resolved.node
        var style: SourceNode.ScalarStyle = .plain
        if case .scalar(_, let s) = node.kind, case .string = value, s == .singleQuoted || s == .doubleQuoted { style = s }
        var rendered = YAMLWriter.scalar(value, style: style, inFlow: true)
        // An alias takes no anchor (`&a *b` does not parse).
        if let anchor = node.anchor, !{ if case .alias = value { return true } else { return false } }() { rendered = "&\(anchor) " + rendered }
        let emptyScalar = node.scalarText == "" && { if case .scalar(_, .plain) = node.kind { return true } else { return false } }()
        // An empty value with an anchor or a tag (`{a: !}`) ends after them: it is replaced as written.
        guard emptyScalar, node.end == node.start, let key = resolved.key else {
            text = Self.splice(doc, node.start, node.end, rendered)
            return
        }
        // An empty value (`{a: }`, `{a}`, `[a: ]`) sits where the next token starts: the value goes after
        // the key's colon, with a colon written when there is none.
        var i = key.end
        while i < node.start, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(doc.bytes[i]) { i += 1 }
        if i < doc.bytes.count, doc.bytes[i] == UInt8(ascii: ":") {
            // The spaces up to the next token go (`{a: , b}` → `{a: v, b}`), a comment or a line break stays.
            let onlySpaces = i + 1 <= node.start && doc.bytes[(i + 1)..<node.start].allSatisfy { $0 == UInt8(ascii: " ") }
            text = Self.splice(doc, i + 1, onlySpaces ? node.start : i + 1, " " + rendered)
        } else if (key.start..<key.end).contains(where: { SourceDocument.lineBreakLength(doc.bytes, at: $0) > 0 }),
                  key.anchor == nil, let keyText = key.scalarText, keyText != "" {
            // A key written over several lines (`{1\nco}`) may stand without a value, but an implicit key
            // with a `:` must be on one line (`{1\nco: v}` does not parse; found by FuzzYAMLEdit): the key
            // is written again on one line, as it reads, before its new value.
            text = Self.splice(doc, key.start, key.end, YAMLWriter.key(keyText, inFlow: true) + ": " + rendered)
        } else {
            // A key that is only a tag (`{!a}`) takes a space before the colon: a tag may hold `:` (`!a:`).
            let tagOnly = key.scalarText == "" && key.end > key.start
            text = Self.splice(doc, key.end, key.end, (tagOnly ? " : " : ": ") + rendered)
        }
    }

    func isSequenceValue(_ v: EditValue) -> Bool {
        if case .sequence = v { return true }
        return false
    }

    /// The end of the last content line, before its line break.
    static func contentLineEnd(_ doc: SourceDocument, _ contentEnd: Int) -> Int {
        let e = cutEnd(doc, contentEnd)
        return e - SourceDocument.lineBreakLength(doc.bytes, before: e)
    }

    mutating func insert(key: String, value: EditValue, into mapping: SourceNode, after: String? = nil, in doc: SourceDocument) throws(EditError) {
        let entries = mapping.entries ?? []
        if mapping.flow {
            let item = "\(YAMLWriter.key(key, inFlow: true)): \(YAMLWriter.flow(value))"
            guard let last = entries.last else {
                // `{}`: before the closing brace.
                var close = mapping.end - 1
                while close > mapping.start && doc.bytes[close] != UInt8(ascii: "}") { close -= 1 }
                // `{ ⏎ # a comment ⏎ }`: right after the opening brace, where the key's line is.
                if doc.bytes[mapping.start..<close].contains(UInt8(ascii: "\n")),
                   let open = doc.bytes[mapping.start..<close].firstIndex(of: UInt8(ascii: "{")) {
                    text = Self.splice(doc, open + 1, open + 1, " " + item)
                    return
                }
                text = Self.splice(doc, close, close, item)
                return
            }
            // After the last entry (a trailing comma, `{a: 1, }`, stays last).
            let end = max(last.key.end, last.value.end)
            if doc.bytes[mapping.start..<entries[0].key.start].contains(UInt8(ascii: "{")) {
                text = Self.splice(doc, end, end, ", " + item)
            } else {
                // A pair in a flow list without braces (`[a: 1]`): braces make room for a second key.
                var bytes = doc.bytes
                bytes.insert(contentsOf: Array((", " + item + "}").utf8), at: end)
                bytes.insert(UInt8(ascii: "{"), at: mapping.start)
                text = String(decoding: bytes, as: UTF8.self)
            }
            return
        }
        guard let anchorEntry = after.flatMap({ a in entries.first { $0.key.scalarText == a } }) ?? entries.last else {
            throw .unsupported("cannot insert into an empty block mapping")
        }
        // Keys line up with the first entry, at its `?` when it is an explicit key (`? me`): at the key's
        // own column a new key went inside it, which does not parse.
        let column = entries[0].key.column - (entries[0].key.start - Self.entryStart(entries[0].key, in: doc))
        var valueEnd = Self.cutEnd(doc, anchorEntry.value.contentEnd)
        // A block scalar (`comment: |`) holds the blank lines after it; the new key goes before them, not
        // after the blank line that sets the next section apart (`|+` keeps them as its text).
        if case .scalar(_, let style) = anchorEntry.value.kind, style == .literal || style == .folded,
           !doc.bytes[anchorEntry.value.start..<min(doc.lineEnd(anchorEntry.value.start), doc.bytes.count)].contains(UInt8(ascii: "+")) {
            while valueEnd > anchorEntry.value.start, valueEnd > 0, Self.isBlankLine(doc, at: doc.lineStart(valueEnd - 1)),
                  doc.lineStart(valueEnd - 1) > anchorEntry.value.start {
                valueEnd = doc.lineStart(valueEnd - 1)
            }
        }
        let position = Self.afterOwnComments(doc, valueEnd, deeperThan: column)
        var line = String(repeating: " ", count: column) + YAMLWriter.key(key) + ":"
        line += value.isCollection
            ? doc.lineEnding + YAMLWriter.block(value, indent: isSequenceValue(value) ? column + 2 : column + 2, newline: doc.lineEnding)
            : " " + YAMLWriter.scalar(value)
        // At the very end of a file without a final line break, start a new line first.
        let needsBreak = position == doc.bytes.count && position > 0 && !doc.endsLine(before: position)
        text = Self.splice(doc, position, position, (needsBreak ? doc.lineEnding : "") + line + (needsBreak ? "" : doc.lineEnding))
    }

    mutating func insertItem(_ value: EditValue, at index: Int, into sequence: SourceNode, in doc: SourceDocument) throws(EditError) {
        let items = sequence.items ?? []
        if sequence.flow {
            var close = sequence.end - 1
            while close > sequence.start && doc.bytes[close] != UInt8(ascii: "]") { close -= 1 }
            let rendered = YAMLWriter.flow(value)
            if items.isEmpty {
                text = Self.splice(doc, close, close, rendered)
            } else if index >= items.count {
                text = Self.splice(doc, items[items.count - 1].end, items[items.count - 1].end, ", " + rendered)
            } else {
                text = Self.splice(doc, items[index].start, items[index].start, rendered + ", ")
            }
            return
        }
        guard !items.isEmpty else { throw .unsupported("cannot insert into an empty block list") }
        let dashColumn = { () -> Int in
            let dash = Self.dashOffset(before: items[0].start, in: doc)
            return dash - doc.lineStart(dash)
        }()
        let line = String(repeating: " ", count: dashColumn) + "- " + YAMLWriter.sequenceItem(value, indent: dashColumn + 2, newline: doc.lineEnding)
        if index >= items.count {
            // After the comment lines that close the last item (indented under it), which stay with it.
            let position = Self.afterOwnComments(doc, Self.cutEnd(doc, items[items.count - 1].contentEnd), deeperThan: dashColumn)
            let needsBreak = position == doc.bytes.count && position > 0 && !doc.endsLine(before: position)
            // Items written apart (a blank line before the last one) get the new one apart too.
            var apart = false
            if items.count > 1 {
                let between = doc.bytes[Self.cutEnd(doc, items[items.count - 2].contentEnd)..<Self.dashOffset(before: items[items.count - 1].start, in: doc)]
                // The whole lines between them (the last piece is the indentation before the dash).
                let lines = String(decoding: between, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                apart = lines.contains { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r")).isEmpty }
            }
            let blank = apart && !needsBreak ? doc.lineEnding : ""
            text = Self.splice(doc, position, position, (needsBreak ? doc.lineEnding : "") + blank + line + (needsBreak ? "" : doc.lineEnding))
        } else {
            let dash = Self.dashOffset(before: items[index].start, in: doc)
            let lineStart = doc.lineStart(dash)
            guard doc.bytes[lineStart..<dash].allSatisfy({ $0 == UInt8(ascii: " ") }) else {
                throw .unsupported("cannot insert before an item that shares its line")
            }
            text = Self.splice(doc, lineStart, lineStart, line + doc.lineEnding)
        }
    }
}
