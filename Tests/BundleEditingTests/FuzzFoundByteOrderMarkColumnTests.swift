import BundleEditing
import BundleModel
import XCTest

/// In a file saved with a UTF-8 byte order mark, the editor counted the mark's three bytes in the columns
/// of the first line: a key added at the top level (`append to me`) was indented by three spaces and went
/// inside the entry before it, which did not parse (found by FuzzYAMLEdit). Columns now start after it.
final class FuzzFoundByteOrderMarkColumnTests: XCTestCase {
    func testAKeyAddedAtTheTopLevelOfAFileWithAByteOrderMarkIsNotIndented() throws {
        var editor = YAMLEditor(text: "\u{FEFF}ipelioe_eagrs:\n ? me")
        try editor.append(.null, to: [.key("me")])
        XCTAssertEqual(editor.text, "\u{FEFF}ipelioe_eagrs:\n ? me\nme:\n  - null")
        let composed = YAMLComposer(file: "x").compose(editor.text)
        let root = try XCTUnwrap(composed.root, "\(composed.diagnostics.map(\.summary)) in \(editor.text)")
        XCTAssertEqual(root.mapping?.keys, ["ipelioe_eagrs", "me"], editor.text)

        editor = YAMLEditor(text: "\u{FEFF}bundle:\n  name: demo\n")
        try editor.set([.key("include")], to: .sequence([.string("resources/*.yml")]))
        XCTAssertEqual(editor.text, "\u{FEFF}bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n")
    }
}
