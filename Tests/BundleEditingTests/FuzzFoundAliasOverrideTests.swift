import BundleEditing
import BundleModel
import XCTest

/// Setting a path through an alias overrides it locally (`<<: *base` and the key). FuzzYAMLEdit found
/// that when the path went on inside a key of the anchor (`dev.etl.timeout_seconds` with `dev: *base`),
/// the local `etl:` held only that field and replaced the anchor's whole `etl` for dev (merges are
/// shallow): its name was gone. Now that is refused with what to do instead, and nothing changes.
final class FuzzFoundAliasOverrideTests: XCTestCase {
    static let text = "base: &base\n  etl:\n    name: ETL\n    timeout_seconds: 3600\ndev: *base\n"

    func testSettingInsideAKeyOfAnAliasIsRefused() {
        for path: EditPath in [[.key("dev"), .key("etl"), .key("timeout_seconds")], [.key("dev"), .key("etl"), .key("tags"), .key("team")]] {
            var editor = YAMLEditor(text: Self.text)
            XCTAssertThrowsError(try editor.set(path, to: .int(60))) { error in
                XCTAssertTrue("\(error)".contains("comes from the alias *base"), "\(error)")
                XCTAssertTrue("\(error)".contains("change the anchor's definition"), "\(error)")
            }
            XCTAssertEqual(editor.text, Self.text)
        }
    }

    /// A key of its own beside the alias's, or the alias's key replaced as a whole, still override locally.
    func testOverridingAKeyOfAnAliasStillWorks() throws {
        var editor = YAMLEditor(text: Self.text)
        try editor.set([.key("dev"), .key("owner"), .key("name")], to: .string("ana"))
        var dev = YAMLComposer(file: "x").compose(editor.text).root?["dev"]
        XCTAssertEqual(dev?["owner"]?["name"]?.string, "ana", editor.text)
        XCTAssertEqual(dev?["etl"]?["name"]?.string, "ETL", "the aliased job is intact: \(editor.text)")

        editor = YAMLEditor(text: Self.text)
        try editor.set([.key("dev"), .key("etl")], to: .mapping([("name", .string("Dev ETL"))]))
        dev = YAMLComposer(file: "x").compose(editor.text).root?["dev"]
        XCTAssertEqual(dev?["etl"]?["name"]?.string, "Dev ETL", editor.text)
        XCTAssertEqual(YAMLComposer(file: "x").compose(editor.text).root?["base"]?["etl"]?["timeout_seconds"]?.string, "3600")
    }

    /// Appending to a list the mapping merges in (`<<: *permissions`, as mlops-stacks writes its jobs):
    /// the mapping's own list keeps the merged items, since a key of its own replaces the merged one.
    func testAppendingToAMergedListKeepsItsItems() throws {
        let text = "common: &permissions\n  permissions:\n    - level: CAN_VIEW\n      group_name: users\njobs:\n  train:\n    name: train\n    <<: *permissions\n"
        var editor = YAMLEditor(text: text)
        try editor.append(.mapping([("level", .string("CAN_MANAGE")), ("group_name", .string("ml-team"))]), to: [.key("jobs"), .key("train"), .key("permissions")])
        let permissions = YAMLComposer(file: "t.yml").compose(editor.text).root?["jobs"]?["train"]?["permissions"]?.sequence
        XCTAssertEqual(permissions?.compactMap { $0["group_name"]?.string }, ["users", "ml-team"], editor.text)
        XCTAssertTrue(editor.text.hasPrefix("common: &permissions\n  permissions:\n    - level: CAN_VIEW\n      group_name: users\n"), "the anchor is unchanged")
    }
}
