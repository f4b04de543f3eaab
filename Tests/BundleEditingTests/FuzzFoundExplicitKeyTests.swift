import BundleEditing
import BundleModel
import XCTest

/// The value of a key is written after its `:`. FuzzYAMLEdit found an explicit key without a value
/// (`?` and no `:` line): the editor took the next key's colon for its own and set that key's value
/// instead. Now the colon is looked for only before the value (comments skipped); without one the edit
/// is refused, naming the line and column, and nothing changes.
final class FuzzFoundExplicitKeyTests: XCTestCase {
    /// The fuzzer's input, and the same with a key and with a colon in a comment.
    func testAnExplicitKeyWithoutAValueIsRefused() {
        let cases: [(String, EditPath, String)] = [
            ("#op 1\n# The schema dab\n?\nresari  able that no target sets is o ne finding in  name: ", [.key("")], "line 3, column 2"),
            ("? a\nname: x\n", [.key("a")], "line 1, column 3"),
            ("bundle:\n  ? a # x: y\n  name: x\n", [.key("bundle"), .key("a")], "line 2, column 5"),
        ]
        for (text, path, place) in cases {
            for value in [EditValue.string("'quoted'"), .mapping([("k", .int(1))])] {
                var editor = YAMLEditor(text: text)
                XCTAssertThrowsError(try editor.set(path, to: value)) { error in
                    XCTAssertTrue("\(error)".contains("explicit key"), "\(error)")
                    XCTAssertTrue("\(error)".contains(place), "\(error)")
                }
                XCTAssertEqual(editor.text, text)
            }
        }
    }

    /// Renaming an empty explicit key (`?` alone on its line) wrote `?"-"`, which does not parse (found by
    /// FuzzYAMLEdit); the new key now follows the `?` after a space.
    func testRenamingAnEmptyExplicitKeyWritesItAfterASpace() throws {
        for (text, newKey) in [("?\n: 1\nname: x\n", "-"), ("?\n: 1\nname: x\n", "etl"), ("?\r: 1\rname: x\r", "a b")] {
            var editor = YAMLEditor(text: text)
            try editor.rename([.key("")], to: newKey)
            let composed = YAMLComposer(file: "x").compose(editor.text)
            XCTAssertTrue(composed.diagnostics.isEmpty, "\(editor.text.debugDescription): \(composed.diagnostics.map(\.summary))")
            let root = try XCTUnwrap(composed.root, editor.text)
            XCTAssertEqual(root[newKey]?.string, "1", editor.text.debugDescription)
            XCTAssertEqual(root["name"]?.string, "x", editor.text.debugDescription)
        }
    }

    /// An explicit key with its `:` line still takes a new value.
    func testAnExplicitKeyWithAValueIsSet() throws {
        var editor = YAMLEditor(text: "? a\n: 1\nname: x\n")
        try editor.set([.key("a")], to: .mapping([("k", .int(2))]))
        let root = try XCTUnwrap(YAMLComposer(file: "x").compose(editor.text).root, editor.text)
        XCTAssertEqual(root["a"]?["k"]?.string, "2", editor.text)
        XCTAssertEqual(root["name"]?.string, "x", editor.text)
    }

    /// A key inserted into a mapping whose first entry is an explicit key lines up with its `?`: at the
    /// key's own column (`? me` then `   a b: false`) it went inside it, which does not parse (found by
    /// FuzzYAMLEdit).
    func testAKeyInsertedAfterAnExplicitKeyLinesUpWithItsQuestionMark() throws {
        for (original, expected) in [("ho#o:\n ? me", "ho#o:\n ? me\n a b: false"), ("m:\n  ?   me\n  : 1\n", "m:\n  ?   me\n  : 1\n  a b: false\n")] {
            var editor = YAMLEditor(text: original)
            try editor.insert(key: "a b", value: .bool(false), into: [.key(original.hasPrefix("m") ? "m" : "ho#o")])
            XCTAssertEqual(editor.text, expected)
            let root = try XCTUnwrap(YAMLComposer(file: "x").compose(editor.text).root, editor.text)
            XCTAssertEqual(root.mapping?.entries.first?.value.mapping?.keys, ["me", "a b"], editor.text)
        }
    }

    /// Deleting an explicit key removes its `?` too: left behind (`? ` then the next key), the next key
    /// became part of it and did not parse (found by FuzzYAMLEdit).
    func testDeletingAnExplicitKeyRemovesItsQuestionMark() throws {
        var editor = YAMLEditor(text: "#oprop 1\nrses:\n hemas:\n ? 0\nresues:\n ")
        try editor.delete([.key("rses"), .key("0")])
        XCTAssertEqual(editor.text, "#oprop 1\nrses:\n hemas:\nresues:\n ")
        editor = YAMLEditor(text: "m:\n  ? a\n  : 1\n  b: 2\n")
        try editor.delete([.key("m"), .key("a")])
        XCTAssertEqual(editor.text, "m:\n  b: 2\n")
        XCTAssertEqual(YAMLComposer(file: "x").compose(editor.text).root?["m"]?.mapping?.keys, ["b"])
    }

    /// An empty value with an anchor (`key: &a`) is replaced with the anchor kept once, before the
    /// value (it stayed after the new value: `k: 1 &a`).
    func testAnEmptyValueWithAnAnchorKeepsItBeforeTheValue() throws {
        var editor = YAMLEditor(text: "key: &a\nother: 1\n")
        try editor.set([.key("key")], to: .mapping([("k", .int(1))]))
        XCTAssertEqual(editor.text, "key: &a\n  k: 1\nother: 1\n")
        editor = YAMLEditor(text: "key: !\nother: 1\n")
        try editor.set([.key("key")], to: .string("v"))
        XCTAssertEqual(editor.text, "key: v\nother: 1\n")
    }
}
