import BundleEditing
import BundleModel
import XCTest

/// Setting a whole value that holds an anchor deeper inside (`definitions: {small_cluster:
/// &small_cluster …}`) wrote YAML whose aliases no longer had their anchor (found by FuzzYAMLEdit on
/// the cli-accepts fixture). Refused, as deleting it is; the value's own anchor still stays.
final class FuzzFoundNestedAnchorTests: XCTestCase {
    func testReplacingAValueThatDefinesAnAnchorInUseIsRefused() throws {
        let text = "definitions:\n  small: &small\n    num_workers: 2\njobs:\n  a:\n    new_cluster: *small\n"
        var editor = YAMLEditor(text: text)
        XCTAssertThrowsError(try editor.set([.key("definitions")], to: .int(1))) { error in
            XCTAssertTrue("\(error)".contains("&small"), "\(error)")
        }
        XCTAssertEqual(editor.text, text)
        // An anchor nobody uses may go with its value.
        var unused = YAMLEditor(text: "definitions:\n  small: &small\n    num_workers: 2\n")
        try unused.set([.key("definitions")], to: .int(1))
        XCTAssertEqual(unused.text, "definitions: 1\n")
    }
}
