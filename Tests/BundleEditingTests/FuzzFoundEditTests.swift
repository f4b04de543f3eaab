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
    /// Now it is refused with what to do instead, and nothing changes.
    func testSettingInsideAMergedKeyIsRefusedInsteadOfReplacingIt() {
        var editor = YAMLEditor(text: Self.merged)
        XCTAssertThrowsError(try editor.set([.key("targets"), .key("dev"), .key("resources"), .key("jobs"), .key("etl"), .key("timeout_seconds")], to: .int(60))) { error in
            XCTAssertTrue("\(error)".contains("comes from a merged anchor"), "\(error)")
        }
        XCTAssertEqual(editor.text, Self.merged)
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
