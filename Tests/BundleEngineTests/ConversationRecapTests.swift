import BundleAgent
import BundleEngine
import BundleModel
import BundleRepository
import Foundation
import TestSupport
import XCTest

/// "what did you change?": answered from the conversation (its revisions by subject, what asked for
/// each, what was undone since), and nothing is changed by asking.
final class ConversationRecapTests: XCTestCase {
    static let author = "Test Author <test@example.com>"

    func testWhatDidYouChange() async throws {
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
        let nothing = await ask("what did you change?")
        XCTAssertEqual(nothing.status, .unchanged)
        XCTAssertEqual(nothing.message, "This conversation has changed nothing yet.")

        var commits: [String] = []
        for request in ["set the timeout to 2 hours", "add retries"] {
            let result = await ask(request)
            XCTAssertEqual(result.status, .committed, result.message ?? "")
            commits.append(String(try XCTUnwrap(result.commit).prefix(7)))
        }
        let head = try repository.headCommitID()
        let subjects = try repository.history(limit: 2).map(\.subject).reversed().map { $0 }
        let recap = await ask("What did you change?")
        XCTAssertEqual(recap.status, .unchanged)
        let lines = (recap.message ?? "").split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, recap.message ?? "")
        XCTAssertTrue(lines[1].hasPrefix("  \(commits[0]) \(subjects[0])"), lines[1])
        XCTAssertTrue(lines[1].contains("(asked: \"set the timeout to 2 hours\")"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("  \(commits[1]) \(subjects[1])"), lines[2])
        XCTAssertEqual(try repository.headCommitID(), head, "asking commits nothing")
        // "why?": the last revision with what was said when it was made (it was not understood).
        let why = await ask("why?")
        XCTAssertEqual(why.status, .unchanged)
        XCTAssertTrue((why.message ?? "").contains(commits[1]) && !(why.message ?? "").contains(commits[0]), why.message ?? "")
        XCTAssertTrue((why.message ?? "").contains("max_retries"), why.message ?? "")

        let undone = await ask("undo that")
        XCTAssertEqual(undone.status, .undone, undone.message ?? "")
        let last = await ask("show me the last change")
        XCTAssertEqual(last.status, .unchanged)
        XCTAssertTrue((last.message ?? "").contains("  \(commits[1]) \(subjects[1]) (asked: \"add retries\"), undone since"), last.message ?? "")
        XCTAssertFalse((last.message ?? "").contains(commits[0]), last.message ?? "")
        // The recap is no turn of its own: "undo that" still means the conversation's change.
        let again = await ask("undo that")
        XCTAssertEqual(again.status, .undone, again.message ?? "")
        XCTAssertTrue((again.message ?? "").contains(commits[0]), again.message ?? "")
    }

    func testTheWordsOfARecap() {
        for said in ["what did you change?", "What have you done so far", "what changed", "what has changed so far", "show me the last change",
                     "tell me what you changed", "summarize your changes", "and what did you do?", "why?", "why did you do that", "explain that", "why 3600?", "why did you pick that job?"] {
            XCTAssertTrue(FollowUp.isRecap(RequestText(said)), said)
        }
        for request in ["change the catalog to gold", "what if the job ran at 3am", "show the schedule in prod", "remove the last task",
                        "why not run it at 3am instead"] {
            XCTAssertFalse(FollowUp.isRecap(RequestText(request)), request)
        }
    }

    /// A revision made by answering a question with "1": the recap names the request it answered
    /// (it said asked: "1").
    func testARecapNamesTheRequestAnAnswerMade() {
        var session = RefineSession()
        session.turns.append(.init(request: "make it run every night at 2", reply: "Which job?"))
        session.turns.append(.init(request: "1", reply: "Set the schedule of job a.", intent: "schedule", commit: "abcdef0123", planned: "make it run every night at 2"))
        let recap = session.recap()
        XCTAssertTrue(recap.contains("(asked: \"make it run every night at 2\", answered \"1\")"), recap)
    }
}
