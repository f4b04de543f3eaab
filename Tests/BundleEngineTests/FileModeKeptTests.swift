import BundleAgent
import BundleEngine
import BundleRepository
import Foundation
import TestSupport
import XCTest

/// A revision rewrites a file's content, never its mode: an executable `databricks.yml` (as some
/// repositories have it) stays 100755 on disk and in the commit.
final class FileModeKeptTests: XCTestCase {
    func testARevisionKeepsTheExecutableBit() async throws {
        let directory = try TemporaryDirectory()
        let root = directory.url.appendingPathComponent("nightly_etl")
        _ = try BundleInitializer(directory: root, authorOverride: NarrowedFollowUpTests.author, executablePath: "/bin/true").run()
        let file = root.appendingPathComponent("databricks.yml")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["add", "-A"], in: root, environment: [:])
        _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "executable"], in: root, environment: [:])

        var session = RefineSession()
        let turn = ConversationTurn(agent: OfflinePlanner())
        let result = await turn.run(.init(root: root, text: "set the catalog variable to gold in prod", author: NarrowedFollowUpTests.author),
                                    session: &session, store: RefineSession.Store(bundleRoot: root))
        XCTAssertEqual(result.status, .committed, result.message ?? "")
        let changed = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["show", "--name-only", "--format=", "HEAD"], in: root, environment: [:])
        XCTAssertEqual(changed.stdout, "databricks.yml\n", "the change is in databricks.yml")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        XCTAssertEqual(mode.map { $0 & 0o777 }, 0o755, "on disk")
        let staged = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["ls-tree", "HEAD", "databricks.yml"], in: root, environment: [:])
        XCTAssertTrue(staged.stdout.hasPrefix("100755 "), staged.stdout)
        let status = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["status", "--porcelain"], in: root, environment: [:])
        XCTAssertEqual(status.stdout, "", "nothing left uncommitted")
    }
}
