@testable import BundleEditing
import XCTest

/// Items added to and removed from a block list (tasks). An appended item goes after the comment lines
/// that close the last item (compliance-pack-accelerator: they ended up inside the new task), apart from
/// it by a blank line where the items are written apart (adventureworks, payments-data-platform); a
/// removed one leaves one blank line between its neighbours.
final class ListItemPlacementTests: XCTestCase {
    func testANewItemGoesAfterTheCommentsThatCloseTheLastOne() throws {
        let text = """
        tasks:
          - task_key: a
            base_parameters:
              x: 1
              # x is read by the notebook;
              # keep it in step with b.
        other: 1

        """
        var editor = YAMLEditor(text: text)
        try editor.append(.mapping([("task_key", .string("c"))]), to: [.key("tasks")])
        XCTAssertEqual(editor.text, """
        tasks:
          - task_key: a
            base_parameters:
              x: 1
              # x is read by the notebook;
              # keep it in step with b.
          - task_key: c
        other: 1

        """)
        // A comment at the dash's column is the next key's: the item goes before it.
        var second = YAMLEditor(text: "tasks:\n  - a: 1\n# about other\nother: 1\n")
        try second.append(.mapping([("b", .int(2))]), to: [.key("tasks")])
        XCTAssertEqual(second.text, "tasks:\n  - a: 1\n  - b: 2\n# about other\nother: 1\n")
    }

    func testItemsWrittenApartGetTheNewOneApart() throws {
        var editor = YAMLEditor(text: "tasks:\n  - task_key: a\n\n  - task_key: b\nother: 1\n")
        try editor.append(.mapping([("task_key", .string("c"))]), to: [.key("tasks")])
        XCTAssertEqual(editor.text, "tasks:\n  - task_key: a\n\n  - task_key: b\n\n  - task_key: c\nother: 1\n")
        var together = YAMLEditor(text: "tasks:\n  - task_key: a\n  - task_key: b\n")
        try together.append(.mapping([("task_key", .string("c"))]), to: [.key("tasks")])
        XCTAssertEqual(together.text, "tasks:\n  - task_key: a\n  - task_key: b\n  - task_key: c\n")
    }

    /// A removed item written apart leaves one blank line between its neighbours, not two (adventureworks,
    /// informatica-mdm: a removed task left a double blank line).
    func testARemovedItemLeavesOneBlankLine() throws {
        var editor = YAMLEditor(text: "tasks:\n  - task_key: a\n\n  - task_key: b\n\n  - task_key: c\nother: 1\n")
        try editor.delete([.key("tasks"), .index(1)])
        XCTAssertEqual(editor.text, "tasks:\n  - task_key: a\n\n  - task_key: c\nother: 1\n")
        var together = YAMLEditor(text: "tasks:\n  - task_key: a\n  - task_key: b\n  - task_key: c\n")
        try together.delete([.key("tasks"), .index(1)])
        XCTAssertEqual(together.text, "tasks:\n  - task_key: a\n  - task_key: c\n")
        var keys = YAMLEditor(text: "a: 1\n\nb: 2\n\nc: 3\n")
        try keys.delete([.key("b")])
        XCTAssertEqual(keys.text, "a: 1\n\nc: 3\n")
    }

    /// field-repair: the comment above a removed task stayed, now describing the task after it; and a
    /// key added after a folded comment (`comment: >-`) went past the blank line before `volumes:`.
    func testARemovedItemTakesItsCommentAndANewKeyStaysBeforeTheBlankLine() throws {
        var removal = YAMLEditor(text: """
        tasks:
          - task_key: a

          # --- b: builds the glossary,
          #     before enrich runs ---
          - task_key: b

          # --- c: enriches ---
          - task_key: c

        """)
        try removal.delete([.key("tasks"), .index(1)])
        XCTAssertEqual(removal.text, """
        tasks:
          - task_key: a

          # --- c: enriches ---
          - task_key: c

        """)
        // A comment right under the parent's key describes the whole block: it stays.
        var first = YAMLEditor(text: "run_as:\n  # Production runs as the team's account.\n  user_name: ana@example.com\n  other: 1\n")
        try first.delete([.key("run_as"), .key("user_name")])
        XCTAssertEqual(first.text, "run_as:\n  # Production runs as the team's account.\n  other: 1\n")
        var addition = YAMLEditor(text: """
        schemas:
          rkb:
            name: rkb
            comment: >-
              Field repair tickets
              and the glossary.

        volumes:
          glossary: {}

        """)
        try addition.set([.key("schemas"), .key("rkb"), .key("grants")], to: .sequence([.mapping([("principal", .string("analysts"))])]))
        XCTAssertEqual(addition.text, """
        schemas:
          rkb:
            name: rkb
            comment: >-
              Field repair tickets
              and the glossary.
            grants:
              - principal: analysts

        volumes:
          glossary: {}

        """)
    }
}
