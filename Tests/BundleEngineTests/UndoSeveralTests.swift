import BundleAgent
import BundleEngine
import BundleModel
import BundleRepository
import Foundation
import TestSupport
import XCTest

/// "undo the last two": the conversation's last two revisions reverted, newest first; more than it
/// made is refused before anything is undone.
final class UndoSeveralTests: XCTestCase {
    static let author = "Test Author <test@example.com>"

    func testUndoTheLastTwo() async throws {
        let directory = try TemporaryDirectory()
        let root = directory.url.appendingPathComponent("nightly_etl")
        _ = try BundleInitializer(directory: root, authorOverride: Self.author, executablePath: "/bin/true").run()
        let store = RefineSession.Store(bundleRoot: root)
        let repository = try GitRepository.open(containing: root.path)
        let job = "nightly_etl/resources/nightly_etl.job.yml"
        let before = try repository.treeEntries(of: try XCTUnwrap(try repository.headCommitID()))[job]
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        for request in ["set the timeout to 2 hours", "add retries"] {
            let result = await turn.run(.init(root: root, text: request, author: Self.author), session: &session, store: store)
            XCTAssertEqual(result.status, .committed, result.message ?? "")
        }
        let tooMany = await turn.run(.init(root: root, text: "undo the last 3 changes", author: Self.author), session: &session, store: store)
        XCTAssertEqual(tooMany.status, .refused, tooMany.message ?? "")
        XCTAssertEqual(tooMany.message, "this conversation made only 2 changes that can be undone, not 3; nothing was undone")

        let undone = await turn.run(.init(root: root, text: "undo the last two", author: Self.author), session: &session, store: store)
        XCTAssertEqual(undone.status, .undone, undone.message ?? "")
        XCTAssertEqual(try repository.treeEntries(of: try XCTUnwrap(try repository.headCommitID()))[job], before, "the job file is as it was")
        XCTAssertEqual(try repository.history(limit: 5).prefix(2).map { $0.message.hasPrefix("Undo ") }, [true, true])
    }

    func testTheWordsOfAnUndo() {
        XCTAssertEqual(FollowUp.undoCount(RequestText("undo that")), 1)
        XCTAssertEqual(FollowUp.undoCount(RequestText("undo the last two")), 2)
        XCTAssertEqual(FollowUp.undoCount(RequestText("undo both")), 2)
        XCTAssertEqual(FollowUp.undoCount(RequestText("revert the last 3 changes")), 3)
        XCTAssertNil(FollowUp.undoCount(RequestText("undo the schedule change of the sales job")))
        XCTAssertNil(FollowUp.undoCount(RequestText("add two retries")))
    }
}
