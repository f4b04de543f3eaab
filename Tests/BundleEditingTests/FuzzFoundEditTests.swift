import BundleEditing
import BundleModel
import XCTest

/// Edits the fuzzer (Fuzz/FuzzYAMLEdit, scripts/fuzz) found changing more than they should, reduced.
final class FuzzFoundEditTests: XCTestCase {
    static let merged = """
    job-config: &job-config
      etl:
        name: ETL
        tasks:
          - task_key: a
            notebook_task:
              notebook_path: ../src/a.py
        timeout_seconds: 3600
    targets:
      dev:
        resources:
          jobs:
            <<: *job-config
      prod:
        resources:
          jobs:
            <<: *job-config

    """

    /// Setting a field inside a job that dev's `jobs:` gets from a `<<` merge wrote a local `etl:` with
    /// only that field, which replaced the whole merged job for dev (its name, tasks, timeout gone).
    /// Now dev gets a whole copy of the merged job with the change; prod keeps the anchor's.
    func testSettingInsideAMergedKeyCopiesTheWholeMergedValue() throws {
        var editor = YAMLEditor(text: Self.merged)
        try editor.set([.key("targets"), .key("dev"), .key("resources"), .key("jobs"), .key("etl"), .key("timeout_seconds")], to: .int(60))
        let composed = try XCTUnwrap(YAMLComposer(file: "x").compose(editor.text).root)
        let dev = composed["targets"]?["dev"]?["resources"]?["jobs"]?["etl"]
        XCTAssertEqual(dev?["timeout_seconds"]?.string, "60")
        XCTAssertEqual(dev?["name"]?.string, "ETL")
        XCTAssertEqual(dev?["tasks"]?.sequence?.first?["task_key"]?.string, "a")
        XCTAssertEqual(composed["targets"]?["prod"]?["resources"]?["jobs"]?["etl"]?["timeout_seconds"]?.string, "3600")
    }

    /// Overriding the merged key itself, and adding a key the merge does not have, still work.
    func testOverridingAMergedKeyOrAddingANewOneStillWorks() throws {
        var editor = YAMLEditor(text: Self.merged)
        try editor.set([.key("targets"), .key("dev"), .key("resources"), .key("jobs"), .key("other"), .key("name")], to: .string("Other"))
        let composed = try XCTUnwrap(YAMLComposer(file: "x").compose(editor.text).root)
        let jobs = composed["targets"]?["dev"]?["resources"]?["jobs"]
        XCTAssertEqual(jobs?["other"]?["name"]?.string, "Other")
        XCTAssertEqual(jobs?["etl"]?["timeout_seconds"]?.string, "3600", "the merged job is intact")
        XCTAssertEqual(composed["targets"]?["prod"]?["resources"]?["jobs"]?["other"] == nil, true, "prod is untouched")
    }
}

/// A folded or literal block scalar replaced by a plain value kept its last line break out of the text:
/// the next key ended up on the same line (`description: "x"    default: …`), which does not parse.
final class FuzzFoundBlockScalarTests: XCTestCase {
    func testReplacingABlockScalarKeepsTheNextKeyOnItsOwnLine() throws {
        for indicator in [">", "|", ">-", "|+"] {
            let text = "variables:\n  name:\n    description: \(indicator)\n        Long text,\n        two lines.\n    default: Example\n  other:\n    default: \"\"\n"
            var editor = YAMLEditor(text: text)
            try editor.set([.key("variables"), .key("name"), .key("description")], to: .string("'quoted'"))
            let composed = YAMLComposer(file: "x").compose(editor.text)
            XCTAssertFalse(composed.hasFatalError, "\(indicator): \(editor.text)")
            XCTAssertEqual(composed.root?["variables"]?["name"]?["description"]?.string, "'quoted'", editor.text)
            XCTAssertEqual(composed.root?["variables"]?["name"]?["default"]?.string, "Example", editor.text)
            XCTAssertTrue(editor.text.hasSuffix("    default: Example\n  other:\n    default: \"\"\n"), "\(indicator): lines after it changed: \(editor.text)")
        }
    }
}

/// An edit whose value is an alias of an anchor the document does not define wrote `*missing`, which
/// does not parse. Now it is refused and nothing changes; an alias of a defined anchor still works.
final class FuzzFoundAliasTests: XCTestCase {
    func testAnAliasOfAMissingAnchorIsRefused() throws {
        let text = "base: &base\n  x: 1\nroot_path: /Workspace/Shared/demo\n"
        var editor = YAMLEditor(text: text)
        XCTAssertThrowsError(try editor.set([.key("root_path")], to: .alias("missing"))) { error in
            XCTAssertTrue("\(error)".contains("&missing"), "\(error)")
        }
        XCTAssertThrowsError(try editor.append(.mapping([("a", .alias("nope"))]), to: [.key("list")]))
        XCTAssertEqual(editor.text, text)
        try editor.set([.key("root_path")], to: .alias("base"))
        XCTAssertEqual(YAMLComposer(file: "x").compose(editor.text).root?["root_path"]?["x"]?.string, "1", editor.text)
    }
}

/// A lone `\r` (and NEL, LS, PS) is a line break to libyaml, but the editor's lines broke only at `\n`:
/// `set include 0.5` on a list whose last entry was followed by `\rame: …` replaced the list up to the
/// next `\n`, so the key `ame` that the parser saw on a line of its own was removed with it (found by
/// FuzzYAMLEdit on a corpus file with a stray `\r`, /work/notes/reliability-yamledit-open-finding.yml).
final class FuzzFoundLoneCarriageReturnTests: XCTestCase {
    func testReplacingAListBeforeALoneLineBreakKeepsTheKeyAfterIt() throws {
        for lineBreak in ["\r", "\u{85}", "\u{2028}", "\u{2029}"] {
            let text = "bundle:\n  name: x\ninclude:\n  # shared\n  - ../common/vars/a.yml\n  - ../common Shared variables and hboard_n\(lineBreak)ame: \"Generic SDP Dashboard\" # customize\n# Configure 4P\n\n"
            let before = YAMLComposer(file: "x").compose(text)
            XCTAssertEqual(before.root?["ame"]?.string, "Generic SDP Dashboard", "the parser sees ame as a key of its own")
            var editor = YAMLEditor(text: text)
            try editor.set([.key("include")], to: .number(0.5))
            let composed = YAMLComposer(file: "x").compose(editor.text)
            XCTAssertFalse(composed.hasFatalError, editor.text.debugDescription)
            XCTAssertEqual(composed.root?["include"]?.string, "0.5", editor.text.debugDescription)
            XCTAssertEqual(composed.root?["ame"]?.string, "Generic SDP Dashboard", "the key after the line break was removed: \(editor.text.debugDescription)")
            XCTAssertEqual(editor.text, "bundle:\n  name: x\ninclude: 0.5\(lineBreak)ame: \"Generic SDP Dashboard\" # customize\n# Configure 4P\n\n")
        }
    }

    /// Appending to and deleting from a list that ends before a lone `\r` keeps the key after it too.
    func testAppendingAndDeletingBeforeALoneCarriageReturn() throws {
        let text = "include:\n  - a.yml\n  - b.yml\rname: kept\n"
        var editor = YAMLEditor(text: text)
        try editor.append(.string("c.yml"), to: [.key("include")])
        var composed = try XCTUnwrap(YAMLComposer(file: "x").compose(editor.text).root, editor.text.debugDescription)
        XCTAssertEqual(composed["include"]?.sequence?.map(\.string), ["a.yml", "b.yml", "c.yml"], editor.text.debugDescription)
        XCTAssertEqual(composed["name"]?.string, "kept", editor.text.debugDescription)
        editor = YAMLEditor(text: text)
        try editor.delete([.key("include"), .index(1)])
        composed = try XCTUnwrap(YAMLComposer(file: "x").compose(editor.text).root, editor.text.debugDescription)
        XCTAssertEqual(composed["include"]?.sequence?.map(\.string), ["a.yml"], editor.text.debugDescription)
        XCTAssertEqual(composed["name"]?.string, "kept", editor.text.debugDescription)
    }

}

final class FuzzFoundByteOrderMarkTests: XCTestCase {
    /// A file saved with a UTF-8 byte order mark: libyaml skips the mark without counting it, and the
    /// editor counted it, so every edit landed one character early (a rename of `notebook_task` to
    /// `<<` wrote `<<k:` one column left, which does not parse). Found by scripts/test's short
    /// FuzzYAMLEdit run.
    func testAByteOrderMarkDoesNotShiftEdits() throws {
        let original = "\u{FEFF}resources:\n  jobs:\n    report:\n      name: report\n      tasks:\n        - task_key: report\n          notebook_task:\n            notebook_path: /Workspace/report\n"
        var editor = YAMLEditor(text: original)
        try editor.rename([.key("resources"), .key("jobs"), .key("report"), .key("tasks"), .index(0), .key("notebook_task")], to: "spark_python_task")
        XCTAssertEqual(editor.text, original.replacingOccurrences(of: "notebook_task", with: "spark_python_task"))
        try editor.set([.key("resources"), .key("jobs"), .key("report"), .key("name")], to: .string("Report"))
        XCTAssertEqual(editor.text, original.replacingOccurrences(of: "notebook_task", with: "spark_python_task")
            .replacingOccurrences(of: "name: report", with: "name: Report"))
        XCTAssertNotNil(try YAMLComposer(file: "x").compose(editor.text).root)
    }
}

final class FuzzFoundEmptyListItemTests: XCTestCase {
    /// Setting a list item that is only `-` and a line break wrote the value right after the dash
    /// (`-0.5`), which is no scalar item but a plain scalar that does not parse there. Found by
    /// FuzzYAMLEdit with a lone `\r`; the same with `\n` and `\r\n`.
    func testSettingAnEmptyListItemKeepsItAnItem() throws {
        for lineBreak in ["\n", "\r", "\r\n"] {
            for value in [EditValue.number(0.5), .mapping([("a", .int(1)), ("b", .int(2))]), .sequence([.int(1), .int(2)])] {
                let original = "include:\n  - a\n  -\(lineBreak)b: x\n"
                var editor = YAMLEditor(text: original)
                try editor.set([.key("include"), .index(1)], to: value)
                let root = try XCTUnwrap(YAMLComposer(file: "x").compose(editor.text).root, "\(editor.text.debugDescription) parses")
                XCTAssertEqual(root["include"]?.sequence?.count, 2, editor.text.debugDescription)
                XCTAssertEqual(root["b"]?.string, "x", "the key after the list stays: \(editor.text.debugDescription)")
            }
        }
        var editor = YAMLEditor(text: "include:\n  - a\n  -\nb: x\n")
        try editor.set([.key("include"), .index(1)], to: .number(0.5))
        XCTAssertEqual(editor.text, "include:\n  - a\n  - 0.5\nb: x\n")
        editor = YAMLEditor(text: "include:\n  - a\n  -\nb: x\n")
        try editor.set([.key("include"), .index(1)], to: .mapping([("a", .int(1)), ("b", .int(2))]))
        XCTAssertEqual(editor.text, "include:\n  - a\n  - a: 1\n    b: 2\nb: x\n")
    }
}
