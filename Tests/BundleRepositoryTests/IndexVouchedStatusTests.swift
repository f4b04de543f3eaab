import BundleRepository
import Foundation
import TestSupport
import XCTest

/// The files git's index vouches for (as HEAD, with the status it recorded, written before the index)
/// need no status call each; a file edited since, staged differently, or written as late as the index
/// is not vouched for.
final class IndexVouchedStatusTests: XCTestCase {
    func testOnlyFilesTheIndexVouchesFor() throws {
        let temporary = try TemporaryDirectory(prefix: "dabrepo-index-vouched")
        let root = temporary.url
        let git = URL(fileURLWithPath: "/usr/bin/git")
        let identity: [String: String?] = ["GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.com",
                                           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.com",
                                           "GIT_DIR": String?.none, "GIT_WORK_TREE": String?.none, "GIT_INDEX_FILE": String?.none]
        let names = ["a.yml", "b.yml", "c.yml", "d.yml"]
        for name in names { try Data("resources: {} # \(name)\n".utf8).write(to: root.appendingPathComponent(name)) }
        // Written an hour ago, as a user's files are: not as late as the index.
        for name in names { XCTAssertEqual(try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/touch"), ["-d", "1 hour ago", name], in: root).status, 0) }
        for arguments in [["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "first"]] {
            XCTAssertEqual(try CommandRunner.run(git, arguments, in: root, environment: identity).status, 0)
        }
        // b: edited in the working tree; c: a different content staged; d: rewritten now (as late as the index).
        try Data("resources: {} # b, edited\n".utf8).write(to: root.appendingPathComponent("b.yml"))
        try Data("resources: {} # c, staged\n".utf8).write(to: root.appendingPathComponent("c.yml"))
        XCTAssertEqual(try CommandRunner.run(git, ["add", "c.yml"], in: root, environment: identity).status, 0)
        try Data("resources: {} # d.yml\n".utf8).write(to: root.appendingPathComponent("d.yml"))
        let repository = try GitRepository.open(containing: root.path)
        let head = try repository.treeEntries(of: try XCTUnwrap(try repository.headCommitID()))
        XCTAssertEqual(try repository.unchangedByIndex(names, head: head), ["a.yml"])
        // What it leaves out is what the status says, one by one.
        XCTAssertTrue(try repository.status(of: "b.yml").isDirty)
        XCTAssertTrue(try repository.status(of: "c.yml").isDirty)
        XCTAssertFalse(try repository.status(of: "d.yml").isDirty)
        XCTAssertFalse(try repository.status(of: "a.yml").isDirty)
    }
}
