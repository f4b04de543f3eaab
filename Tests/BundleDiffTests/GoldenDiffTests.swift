@testable import BundleDiff
import BundleModel
import Foundation
import TestSupport
import XCTest

/// Each fixture holds `old/` and `new/` bundles and `expected.txt`, the text output a reviewer reads
/// (and `target` when the case compares a target's effective configuration). Set
/// DABREPO_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change, and review them.
final class GoldenDiffTests: XCTestCase {
    static let fixtures = TestPaths.fixture("BundleDiffTests", "")

    func testEveryKindOfChangeMatchesItsGoldenFile() throws {
        let cases = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertGreaterThanOrEqual(cases.count, 10)
        let update = ProcessInfo.processInfo.environment["DABREPO_UPDATE_GOLDEN"] == "1"
        for name in cases {
            let directory = Self.fixtures.appendingPathComponent(name)
            let target = (try? String(contentsOf: directory.appendingPathComponent("target"), encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let old = BundleSnapshot(label: "old", source: DiskFileSource(root: directory.appendingPathComponent("old")))
            let new = BundleSnapshot(label: "new", source: DiskFileSource(root: directory.appendingPathComponent("new")))
            let text = DiffTextFormatter().render(BundleComparison.compare(old, new, target: target, reworded: true))
            let expectedURL = directory.appendingPathComponent("expected.txt")
            if update {
                try text.write(to: expectedURL, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOf: expectedURL, encoding: .utf8)
            XCTAssertEqual(text, expected, "\(name): the diff differs from expected.txt")
        }
    }

    func testAPureReorderIsNeverARemovalPlusAnAddition() throws {
        let directory = Self.fixtures.appendingPathComponent("reorder-only")
        let result = BundleComparison.compare(BundleSnapshot(label: "old", source: DiskFileSource(root: directory.appendingPathComponent("old"))),
                                              BundleSnapshot(label: "new", source: DiskFileSource(root: directory.appendingPathComponent("new"))))
        let kinds = result.groups.flatMap(\.changes).map(\.kind)
        XCTAssertFalse(kinds.contains { $0 == .added || $0 == .removed || $0 == .elementAdded || $0 == .elementRemoved }, "\(kinds)")
    }

    func testPositionalListsReportMoves() {
        func seq(_ items: [String]) -> YAMLNode {
            YAMLNode(.sequence(items.map { YAMLNode.string($0, at: SourceLocation(file: "x", line: 1, column: 1)) }),
                     at: SourceLocation(file: "x", line: 1, column: 1))
        }
        let changes = ConfigurationDiff.compare(seq(["--a", "--b", "--c"]), seq(["--c", "--a", "--b"]), at: [.key("parameters")])
        XCTAssertEqual(changes.count, 1)
        XCTAssertEqual(changes.first?.kind, .moved(from: 2, to: 0))
        let edited = ConfigurationDiff.compare(seq(["--a", "--b"]), seq(["--a", "--x", "--b"]), at: [.key("parameters")])
        XCTAssertEqual(edited.map(\.kind), [.added])
        XCTAssertEqual(edited.first?.path.rendered, "parameters[1]")
    }

    func testLineDiffCountsAndPatch() {
        let diff = LineDiff(old: "a\nb\nc\nd\n", new: "a\nc\nd\ne\n")
        XCTAssertEqual(diff.addedLines, 1)
        XCTAssertEqual(diff.removedLines, 1)
        XCTAssertEqual(diff.unified(oldName: "a/x", newName: "b/x"), "--- a/x\n+++ b/x\n@@ -1,4 +1,4 @@\n a\n-b\n c\n d\n+e\n")
    }

    /// Random line edits: the edits give back both texts, and are as few as the shortest edit script
    /// (checked against a plain LCS table on small inputs).
    func testLineDiffReconstructsBothSidesAndIsMinimal() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let alphabet = ["a", "b", "c", "d"]
            let old = (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let new = (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let edits = LineDiff.diff(old, new)
            var a: [String] = [], b: [String] = []
            for edit in edits {
                switch edit {
                case .same(let l): a.append(l); b.append(l)
                case .removed(let l): a.append(l)
                case .added(let l): b.append(l)
                }
            }
            XCTAssertEqual(a, old)
            XCTAssertEqual(b, new)
            var lcs = [[Int]](repeating: [Int](repeating: 0, count: new.count + 1), count: old.count + 1)
            for i in stride(from: old.count - 1, through: 0, by: -1) {
                for j in stride(from: new.count - 1, through: 0, by: -1) {
                    lcs[i][j] = old[i] == new[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
            let changed = edits.filter { if case .same = $0 { return false } else { return true } }.count
            XCTAssertEqual(changed, old.count + new.count - 2 * lcs[0][0], "\(old) → \(new)")
        }
    }

    /// A file of 50,000 lines added, or rewritten whole: the counts without a search that grows with the
    /// square of the lines (`show` of such a revision took minutes and gigabytes; the page's revision hung).
    func testLineDiffOfBigFilesIsCountedWithoutTheSearch() {
        let big = (0..<50_000).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let added = LineDiff(old: "", new: big)
        XCTAssertEqual(added.addedLines, 50_000)
        XCTAssertEqual(added.removedLines, 0)
        let rewritten = LineDiff(old: big, new: big.replacingOccurrences(of: "line", with: "row"))
        XCTAssertEqual(rewritten.addedLines, 50_000)
        XCTAssertEqual(rewritten.removedLines, 50_000)
        var lines = big.split(separator: "\n").map(String.init)
        lines[25_000] = "changed"
        let one = LineDiff(old: big, new: lines.joined(separator: "\n") + "\n")
        XCTAssertEqual([one.addedLines, one.removedLines], [1, 1])
        XCTAssertEqual(one.unified(oldName: "a/x", newName: "b/x").split(separator: "\n").count, 2 + 1 + 3 + 2 + 3)
    }

    /// A key renamed in the definition while a target still overrides the old one is no rename: the
    /// overrides lose their job (shown as removed and added), not "renamed, unchanged".
    func testARenameThatStrandsATargetsOverridesIsNoRename() throws {
        func root(_ text: String) throws -> YAMLMapping {
            try XCTUnwrap(YAMLComposer(file: "databricks.yml").compose(Data(text.utf8)).root?.mapping)
        }
        let job = "      name: etl\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: /x}\n"
        let targets = "targets:\n  prod:\n    resources:\n      jobs:\n        etl:\n          max_concurrent_runs: 2\n"
        let old = try root("resources:\n  jobs:\n    etl:\n" + job + targets)
        let new = try root("resources:\n  jobs:\n    etl_main:\n" + job + targets)
        let statuses = BundleComparison.groups(old, new).compactMap { group -> String? in
            guard case .resource(_, let key) = group.subject else { return nil }
            return "\(key) \(group.status)"
        }
        XCTAssertEqual(Set(statuses), ["etl_main added", "etl removed"], "\(statuses)")
        let renamed = try root("resources:\n  jobs:\n    etl_main:\n" + job + targets.replacingOccurrences(of: "        etl:", with: "        etl_main:"))
        XCTAssertTrue(BundleComparison.groups(old, renamed).contains { if case .renamed = $0.status { return true } else { return false } })
    }
}
