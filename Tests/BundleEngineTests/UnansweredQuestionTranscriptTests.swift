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
    func testANewRequestInsteadOfAnAnswerLeavesTheQuestionOut() async throws {
        let conversation = try EngineConversation()
        let question = await conversation.ask("rename the job")
        XCTAssertEqual(question.status, .question, question.message ?? "")
        let other = await conversation.ask("set the timeout to 2 hours")
        XCTAssertEqual(other.status, .committed, other.message ?? "")
        let message = try conversation.headMessage()
        XCTAssertFalse(message.contains("rename the job"), message)
        XCTAssertTrue(message.contains("user: set the timeout to 2 hours"), message)

        // Answered, the question stays with its answer.
        let again = await conversation.ask("rename the job")
        XCTAssertEqual(again.status, .question, again.message ?? "")
        let answered = await conversation.ask("nightly_etl_v2")
        XCTAssertEqual(answered.status, .committed, answered.message ?? "")
        let second = try conversation.headMessage()
        XCTAssertTrue(second.contains("user: rename the job"), second)
    }

    /// "cancel" or "never mind" to a question: nothing changed, exit 0, and the question is dropped (it was
    /// not understood, exit 4, and a piped chat stopped there).
    func testCancellingAQuestion() async throws {
        let conversation = try EngineConversation()
        let head = try conversation.repository.headCommitID()
        for cancel in ["cancel", "never mind", "Forget it."] {
            let question = await conversation.ask("rename the job")
            XCTAssertEqual(question.status, .question)
            let cancelled = await conversation.ask(cancel)
            XCTAssertEqual(cancelled.status, .unchanged, cancelled.message ?? "")
            XCTAssertTrue((cancelled.message ?? "").contains("the question is dropped"), cancelled.message ?? "")
            XCTAssertNil(conversation.session.turns.last?.choices, "no question is open any more")
        }
        XCTAssertEqual(try conversation.repository.headCommitID(), head)
        let nothing = await conversation.ask("cancel")
        XCTAssertTrue((nothing.message ?? "").contains("nothing was waiting for an answer"), nothing.message ?? "")
    }
}
