import BundleDiff
import BundleEditing
import BundleModel
import Foundation
import TestSupport
import XCTest

/// Random edits of every YAML file of ../shared/corpus/bundle-examples: only the lines an edit must
/// change do change, and the result re-parses to the tree the edit should produce.
final class EditPropertyTests: XCTestCase {
    enum Candidate {
        case scalar(EditPath, SourceNode)
        case entry(EditPath, SourceNode, count: Int)
        case mapping(EditPath, SourceNode)
        case sequence(EditPath, SourceNode)
    }

    /// Places that are safe to edit: outside anchors, aliases and merge keys.
    func candidates(_ node: SourceNode, _ path: EditPath, into out: inout [Candidate]) {
        if node.anchor != nil { return }
        switch node.kind {
        case .alias:
            return
        case .scalar(_, let style):
            if style != .literal && style != .folded && !path.isEmpty { out.append(.scalar(path, node)) }
        case .mapping(let entries):
            guard !entries.contains(where: { $0.key.scalarText == "<<" || $0.key.scalarText == nil }) else { return }
            if !entries.isEmpty { out.append(.mapping(path, node)) }
            for e in entries {
                // Removing an anchor's definition is refused (YAMLEditorTests covers it).
                if e.value.anchor == nil { out.append(.entry(path + [.key(e.key.scalarText!)], e.key, count: entries.count)) }
                candidates(e.value, path + [.key(e.key.scalarText!)], into: &out)
            }
        case .sequence(let items):
            if !items.isEmpty { out.append(.sequence(path, node)) }
            for (i, item) in items.enumerated() { candidates(item, path + [.index(i)], into: &out) }
        }
    }

    func testRandomEditsOfTheCorpusChangeOnlyWhatTheyMust() throws {
        let (shared, message) = TestPaths.sharedOrSkipMessage()
        guard let shared else { throw XCTSkip(message) }
        let corpus = shared.appendingPathComponent("corpus/bundle-examples")
        var files: [URL] = []
        let enumerator = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if ["yml", "yaml"].contains(url.pathExtension) { files.append(url) }
        }
        var generator = SplitMix(state: 20261121)
        var edits = 0
        for file in files.sorted(by: { $0.path < $1.path }) {
            let text = try String(contentsOf: file, encoding: .utf8)
            guard let document = try? SourceDocument(text), let root = document.root,
                  let tree = YAMLComposer(file: "f").compose(text).root, !YAMLComposer(file: "f").compose(text).hasFatalError else { continue }
            var found: [Candidate] = []
            candidates(root, [], into: &found)
            guard !found.isEmpty else { continue }
            for round in 0..<10 {
                let candidate = found[Int.random(in: 0..<found.count, using: &generator)]
                let label = "\(file.lastPathComponent) round \(round)"
                try check(candidate, text: text, tree: tree, label: label, generator: &generator)
                edits += 1
            }
        }
        XCTAssertGreaterThan(edits, 600, "too few edits were tried")
    }

    func lineOf(_ offset: Int, in text: String) -> Int {
        text.utf8.prefix(offset).filter { $0 == UInt8(ascii: "\n") }.count
    }

    func check(_ candidate: Candidate, text: String, tree: YAMLNode, label: String, generator: inout SplitMix) throws {
        var editor = YAMLEditor(text: text)
        var expected = tree
        let marker = "edited_\(Int.random(in: 1000...9999, using: &generator))"
        let diff: LineDiff
        switch candidate {
        case .scalar(let path, let node):
            try editor.set(path, to: .string(marker))
            try TreeEdits.set(&expected, path, YAMLNode.string(marker, at: tree.location))
            diff = LineDiff(old: text, new: editor.text)
            let first = lineOf(node.start, in: text), last = lineOf(node.end, in: text)
            let changed = changedOldLines(diff)
            XCTAssertTrue(changed.allSatisfy { $0 >= first && $0 <= last }, "\(label): set \(path.rendered) changed lines \(changed), expected \(first)...\(last)")
        case .entry(let path, let key, let count):
            if count >= 2 && Bool.random(using: &generator) {
                try editor.delete(path)
                try TreeEdits.delete(&expected, path)
                diff = LineDiff(old: text, new: editor.text)
                XCTAssertLessThanOrEqual(diff.addedLines, 1, "\(label): delete \(path.rendered) added lines")
            } else {
                let newKey = "renamed_\(marker)"
                try editor.rename(path, to: newKey)
                try TreeEdits.rename(&expected, path, to: newKey)
                diff = LineDiff(old: text, new: editor.text)
                XCTAssertEqual(changedOldLines(diff), [lineOf(key.start, in: text)], "\(label): rename \(path.rendered)")
            }
        case .mapping(let path, _):
            try editor.insert(key: "added_\(marker)", value: .mapping([("value", .int(1)), ("items", .sequence([.string("a"), .string("b c")]))]), into: path)
            try TreeEdits.insert(&expected, path, key: "added_\(marker)", YAMLComposer(file: "v").compose("value: 1\nitems: [a, \"b c\"]\n").root!)
            diff = LineDiff(old: text, new: editor.text)
            XCTAssertEqual(diff.removedLines, 0, "\(label): insert into \(path.rendered) removed lines")
        case .sequence(let path, _):
            try editor.append(.string(marker), to: path)
            try TreeEdits.append(&expected, path, YAMLNode.string(marker, at: tree.location))
            diff = LineDiff(old: text, new: editor.text)
            XCTAssertLessThanOrEqual(diff.removedLines, 1, "\(label): append to \(path.rendered)")
        }
        let result = YAMLComposer(file: "f").compose(editor.text)
        XCTAssertFalse(result.hasFatalError, "\(label): the result does not parse: \(result.diagnostics.map(\.summary))\n\(editor.text)")
        guard let reparsed = result.root else { return }
        XCTAssertEqual(ConfigurationDiff.compare(expected, reparsed).map { $0.path.rendered }, [], "\(label): the result differs from the expected tree")
    }

    /// Indexes (0-based) of the old lines that were removed or replaced.
    func changedOldLines(_ diff: LineDiff) -> [Int] {
        var line = 0
        var out: [Int] = []
        for edit in diff.edits {
            switch edit {
            case .same: line += 1
            case .removed: out.append(line); line += 1
            case .added: break
            }
        }
        return out
    }
}

/// The same edits on a parsed tree: what the text edits must re-parse to.
enum TreeEdits {
    struct Missing: Error {}

    static func modify(_ node: inout YAMLNode, _ path: ArraySlice<EditPathComponent>, _ body: (inout YAMLNode) throws -> Void) throws {
        guard let first = path.first else { return try body(&node) }
        switch (first, node.kind) {
        case (.key(let k), .mapping(var m)):
            guard let i = m.entries.firstIndex(where: { $0.key == k }) else { throw Missing() }
            try modify(&m.entries[i].value, path.dropFirst(), body)
            node.kind = .mapping(m)
        case (.index(let i), .sequence(var items)):
            try modify(&items[i], path.dropFirst(), body)
            node.kind = .sequence(items)
        default:
            throw Missing()
        }
    }

    static func set(_ tree: inout YAMLNode, _ path: EditPath, _ value: YAMLNode) throws {
        try modify(&tree, path[...]) { $0 = value }
    }

    static func delete(_ tree: inout YAMLNode, _ path: EditPath) throws {
        try modify(&tree, path.dropLast()) { parent in
            if case .key(let k) = path.last!, case .mapping(var m) = parent.kind { m.remove(k); parent.kind = .mapping(m) }
        }
    }

    static func rename(_ tree: inout YAMLNode, _ path: EditPath, to newKey: String) throws {
        try modify(&tree, path.dropLast()) { parent in
            if case .key(let k) = path.last!, case .mapping(var m) = parent.kind, let i = m.entries.firstIndex(where: { $0.key == k }) {
                m.entries[i].key = newKey
                parent.kind = .mapping(m)
            }
        }
    }

    static func insert(_ tree: inout YAMLNode, _ path: EditPath, key: String, _ value: YAMLNode) throws {
        try modify(&tree, path[...]) { node in
            if case .mapping(var m) = node.kind { m.entries.append(.init(key: key, keyLocation: value.location, value: value)); node.kind = .mapping(m) }
        }
    }

    static func append(_ tree: inout YAMLNode, _ path: EditPath, _ value: YAMLNode) throws {
        try modify(&tree, path[...]) { node in
            if case .sequence(var items) = node.kind { items.append(value); node.kind = .sequence(items) }
        }
    }
}
