import BundleEditing
import BundleModel
import XCTest

/// A value replaced by a scalar lost its anchor: with `allowSharedAnchors` (the user named the shared
/// definition), deleting the last key of `base: &b` wrote `base: {}` and `other: *b` no longer parsed
/// (found by FuzzYAMLEdit). The anchor now stays before the new scalar, so its users see the new value.
final class FuzzFoundReplacedAnchorTests: XCTestCase {
    func testTheAnchorOfAReplacedValueStays() throws {
        let cases: [(String, (inout YAMLEditor) throws -> Void, String)] = [
            ("base: &b\n  x: 3\nother: *b\n", { try $0.delete([.key("base"), .key("x")]) }, "base: &b {}\nother: *b\n"),
            ("base: &b\n  x: 3\nother: *b\n", { try $0.set([.key("base")], to: .int(5)) }, "base: &b 5\nother: *b\n"),
            ("a: &s x\nb: *s\n", { try $0.set([.key("a")], to: .string("why")) }, "a: &s why\nb: *s\n"),
            ("a: &s\nb: *s\n", { try $0.set([.key("a")], to: .string("why")) }, "a: &s why\nb: *s\n"),
            ("list:\n  - &s x\n  - *s\n", { try $0.set([.key("list"), .index(0)], to: .int(5)) }, "list:\n  - &s 5\n  - *s\n"),
        ]
        for (original, edit, expected) in cases {
            var editor = YAMLEditor(text: original)
            editor.allowSharedAnchors = true
            try edit(&editor)
            XCTAssertEqual(editor.text, expected)
            let composed = YAMLComposer(file: "x").compose(editor.text)
            XCTAssertTrue(composed.diagnostics.isEmpty && !composed.hasFatalError, "\(composed.diagnostics.map(\.summary)) in \(editor.text)")
        }
    }

    /// Replaced by an alias, the value takes no anchor (`&a *b` does not parse).
    func testAnAliasTakesNoAnchor() throws {
        var editor = YAMLEditor(text: "a: &s x\nc: &t z\n")
        try editor.set([.key("c")], to: .alias("s"))
        XCTAssertEqual(editor.text, "a: &s x\nc: *s\n")
    }
}
