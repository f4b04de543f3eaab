@testable import BundleEditing
import XCTest

/// A comment under the last list of a mapping, indented as the list (actuarial-workshop: a note on
/// the app's resources): a new key of the mapping goes after it, so the note stays with its list.
final class NoteUnderAListTests: XCTestCase {
    func testANewKeyGoesAfterTheNoteOfTheEntryBefore() throws {
        let text = """
        app:
          name: web
          resources:
            - name: warehouse

            # The database is no app resource: the app connects itself.
            # (see setup.py)

        other: 1

        """
        var editor = YAMLEditor(text: text)
        try editor.set([.key("app"), .key("permissions")], to: .sequence([.mapping([("level", .string("CAN_USE"))])]))
        XCTAssertEqual(editor.text, """
        app:
          name: web
          resources:
            - name: warehouse

            # The database is no app resource: the app connects itself.
            # (see setup.py)
          permissions:
            - level: CAN_USE

        other: 1

        """)
        // A comment at the key's own column is the next key's, not the list's: the new key goes before it.
        var second = YAMLEditor(text: "a:\n  b: 1\n  # about c\nc: 2\n")
        try second.set([.key("a"), .key("d")], to: .int(3))
        XCTAssertEqual(second.text, "a:\n  b: 1\n  d: 3\n  # about c\nc: 2\n")
    }
}
