import BundleDiff
import BundleModel
import XCTest

/// Inputs the fuzzer (Fuzz/FuzzSemanticDiff, scripts/fuzz) found, reduced.
final class FuzzFoundDiffTests: XCTestCase {
    /// The corpus's mlops-stacks bundle defines `common_permissions` in three files, so the merged list
    /// names the group `users` three times (CAN_VIEW, CAN_READ, CAN_VIEW). Matched by identity, every
    /// old entry met the last new one: the bundle differed from itself (CAN_READ → CAN_VIEW).
    func testAListNamingTheSameGroupTwiceDoesNotDifferFromItself() {
        let files = [
            "databricks.yml": "bundle:\n  name: b\ninclude:\n  - resources/*.yml\n",
            "resources/a.yml": "common_permissions:\n  permissions:\n    - level: CAN_VIEW\n      group_name: users\n",
            "resources/b.yml": "common_permissions:\n  permissions:\n    - level: CAN_READ\n      group_name: users\n",
            "resources/c.yml": "common_permissions:\n  permissions:\n    - level: CAN_VIEW\n      group_name: users\n",
        ]
        let old = BundleSnapshot(label: "old", source: InMemoryFileSource(texts: files))
        let same = BundleComparison.compare(old, BundleSnapshot(label: "new", source: InMemoryFileSource(texts: files)))
        XCTAssertEqual(same.groups.count, 0, DiffTextFormatter().render(same))

        // A real change of one of them is still reported, once.
        var changed = files
        changed["resources/b.yml"] = "common_permissions:\n  permissions:\n    - level: CAN_MANAGE\n      group_name: users\n"
        let result = BundleComparison.compare(old, BundleSnapshot(label: "new", source: InMemoryFileSource(texts: changed)))
        let changes = result.groups.flatMap(\.changes)
        XCTAssertEqual(changes.count, 1, DiffTextFormatter().render(result))
        XCTAssertEqual(changes.first?.new?.string, "CAN_MANAGE", DiffTextFormatter().render(result))
    }
}
