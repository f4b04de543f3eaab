import BundleAgent
import BundleEngine
import BundleModel
import BundleRepository
import Foundation
import TestSupport
import XCTest

/// A question left unanswered by a new request is not in that request's revision (log and show listed
/// "use standard performance mode in dev", never applied, under an unrelated schedule change); an answer
/// keeps the question it answers.
final class UnansweredQuestionTranscriptTests: XCTestCase {
    static let author = "Test Author <test@example.com>"

    func testANewRequestInsteadOfAnAnswerLeavesTheQuestionOut() async throws {
        let directory = try TemporaryDirectory()
        let root = directory.url.appendingPathComponent("nightly_etl")
        _ = try BundleInitializer(directory: root, authorOverride: Self.author, executablePath: "/bin/true").run()
        let store = RefineSession.Store(bundleRoot: root)
        let repository = try GitRepository.open(containing: root.path)
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        func ask(_ text: String) async -> TurnResult {
            await turn.run(.init(root: root, text: text, author: Self.author), session: &session, store: store)
        }
        let question = await ask("rename the job")
        XCTAssertEqual(question.status, .question, question.message ?? "")
        let other = await ask("set the timeout to 2 hours")
        XCTAssertEqual(other.status, .committed, other.message ?? "")
        let message = try repository.commit(try repository.resolve("HEAD")).message
        XCTAssertFalse(message.contains("rename the job"), message)
        XCTAssertTrue(message.contains("user: set the timeout to 2 hours"), message)

        // Answered, the question stays with its answer.
        let again = await ask("rename the job")
        XCTAssertEqual(again.status, .question, again.message ?? "")
        let answered = await ask("nightly_etl_v2")
        XCTAssertEqual(answered.status, .committed, answered.message ?? "")
        let second = try repository.commit(try repository.resolve("HEAD")).message
        XCTAssertTrue(second.contains("user: rename the job"), second)
    }
    /// "cancel" or "never mind" to a question: nothing changed, exit 0, and the question is dropped (it was
    /// not understood, exit 4, and a piped chat stopped there).
    func testCancellingAQuestion() async throws {
        let directory = try TemporaryDirectory()
        let root = directory.url.appendingPathComponent("nightly_etl")
        _ = try BundleInitializer(directory: root, authorOverride: Self.author, executablePath: "/bin/true").run()
        let store = RefineSession.Store(bundleRoot: root)
        let repository = try GitRepository.open(containing: root.path)
        let head = try repository.headCommitID()
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        func ask(_ text: String) async -> TurnResult {
            await turn.run(.init(root: root, text: text, author: Self.author), session: &session, store: store)
        }
        for cancel in ["cancel", "never mind", "Forget it."] {
            let question = await ask("rename the job")
            XCTAssertEqual(question.status, .question)
            let cancelled = await ask(cancel)
            XCTAssertEqual(cancelled.status, .unchanged, cancelled.message ?? "")
            XCTAssertTrue((cancelled.message ?? "").contains("the question is dropped"), cancelled.message ?? "")
            XCTAssertNil(session.turns.last?.choices, "no question is open any more")
        }
        XCTAssertEqual(try repository.headCommitID(), head)
        let nothing = await ask("cancel")
        XCTAssertTrue((nothing.message ?? "").contains("nothing was waiting for an answer"), nothing.message ?? "")
    }
}
