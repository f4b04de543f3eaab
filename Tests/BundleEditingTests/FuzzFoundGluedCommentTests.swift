import BundleEditing
import BundleModel
import XCTest

/// A quoted value with a comment right after its closing quote (`"a"#k`, which libyaml reads as a value
/// and a comment) replaced by a plain scalar wrote `0.5#k`, where the `#` continues the scalar, and the
/// rest of the line broke the file (found by a FuzzYAMLEdit run). A space now separates them.
final class FuzzFoundGluedCommentTests: XCTestCase {
    func testAPlainScalarReplacingAValueGluedToAComment() throws {
        let text = "seeds:\n  - name: countries\n    description: \"Country code lookup see      \"#k\": cleanupd.\"\n    columns: []\n"
        for value in [EditValue.number(0.5), .int(7), .string("plain text"), .bool(true)] {
            var editor = YAMLEditor(text: text)
            try editor.set([.key("seeds"), .index(0), .key("description")], to: value)
            let composed = YAMLComposer(file: "x").compose(editor.text)
            XCTAssertTrue(composed.diagnostics.isEmpty, "\(editor.text.debugDescription): \(composed.diagnostics.map(\.summary))")
            let item = try XCTUnwrap(composed.root?["seeds"]?.sequence?.first, editor.text)
            XCTAssertNotNil(item["description"]?.scalar, editor.text)
            XCTAssertNotNil(item["columns"], editor.text)
            XCTAssertTrue(editor.text.contains(" #k\""), "the comment stays, after a space: \(editor.text.debugDescription)")
        }
    }
}
