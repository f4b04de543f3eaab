import BundleEditing
import BundleModel
import XCTest

/// A value written on a line below its key and not indented past it (`n:` then `>` at column 0, which
/// libyaml reads as the value of a top-level key) was replaced in place: `-1e+300` alone at column 0 is
/// no value of `n` and did not parse (found by a FuzzYAMLEdit run). It now goes after the key's colon.
final class FuzzFoundValueBelowItsKeyTests: XCTestCase {
    func testAScalarReplacingAValueBelowItsKeyGoesAfterTheColon() throws {
        let cases = ["  #op esi  &dyirrthdpat__account_id: ure\nn: \n\n>\n ", "n:\n>\n  folded text\nother: 1\n", "n:\r|\r  kept\rother: 1\r"]
        for text in cases {
            for value in [EditValue.string("-1e+300"), .int(3), .string("a: b")] {
                var editor = YAMLEditor(text: text)
                try editor.set([.key("n")], to: value)
                let composed = YAMLComposer(file: "x").compose(editor.text)
                XCTAssertTrue(composed.diagnostics.isEmpty, "\(editor.text.debugDescription): \(composed.diagnostics.map(\.summary))")
                let root = try XCTUnwrap(composed.root, editor.text)
                let expected: String
                switch value { case .string(let s): expected = s; case .int(let i): expected = String(i); default: expected = "" }
                XCTAssertEqual(root["n"]?.string, expected, editor.text.debugDescription)
                if text.contains("other") { XCTAssertEqual(root["other"]?.string, "1", editor.text.debugDescription) }
            }
        }
    }

    /// A value indented below its key is still replaced where it is (comments before it stay).
    func testAnIndentedValueBelowItsKeyIsReplacedInPlace() throws {
        var editor = YAMLEditor(text: "n: # note\n  >\n    text\nother: 1\n")
        try editor.set([.key("n")], to: .int(5))
        XCTAssertEqual(editor.text, "n: # note\n  5\nother: 1\n")
    }
}
