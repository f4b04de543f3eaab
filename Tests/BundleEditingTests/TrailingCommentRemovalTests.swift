import BundleEditing
import XCTest

/// A comment beside a value that an edit makes untrue (`# Daily at 3 AM` beside a new schedule) goes;
/// the other lines and comments stay as they were.
final class TrailingCommentRemovalTests: XCTestCase {
    func testTheCommentOnTheValuesLineGoes() throws {
        let text = """
        schedule:
          # when it runs
          quartz_cron_expression: "0 0 2 * * ?"  # Daily at 2 AM
          timezone_id: UTC # kept
        """
        var editor = YAMLEditor(text: text)
        try editor.set([.key("schedule"), .key("quartz_cron_expression")], to: .string("0 0 0/2 * * ?"))
        try editor.removeTrailingComment([.key("schedule"), .key("quartz_cron_expression")])
        XCTAssertEqual(editor.text, """
        schedule:
          # when it runs
          quartz_cron_expression: "0 0 0/2 * * ?"
          timezone_id: UTC # kept
        """)
        // Nothing to remove, or no such path: the text stays.
        let before = editor.text
        try editor.removeTrailingComment([.key("schedule"), .key("quartz_cron_expression")])
        try editor.removeTrailingComment([.key("schedule"), .key("missing")])
        XCTAssertEqual(editor.text, before)
    }
}
