import BundleAgent
import BundleEngine
import BundleModel
import BundleRepository
import Foundation
import TestSupport
import XCTest

/// A conversation goes on from where the repository is: a revision undone outside it (`dabrepo undo`)
/// is no longer its last change, and a bare value after a request that was not understood, or after a
/// question that offered a request, is for that request.
final class ConversationAfterOutsideChangesTests: XCTestCase {
    static let author = "Test Author <test@example.com>"

    func makeBundle(in directory: TemporaryDirectory) throws -> URL {
        let root = directory.url.appendingPathComponent("nightly_etl")
        _ = try BundleInitializer(directory: root, authorOverride: Self.author, executablePath: "/bin/true").run()
        return root
    }

    func job(_ root: URL) throws -> YAMLNode? {
        try BundleLoader(source: DiskFileSource(root: root)).load().configuration["resources"]?["jobs"]?["nightly_etl_job"]
    }

    func testAnUndoOutsideTheConversationIsNotItsLastChange() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        let store = RefineSession.Store(bundleRoot: root)
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        for text in ["set the timeout to 1 hour", "add 3 retries"] {
            let result = await turn.run(.init(root: root, text: text, author: Self.author), session: &session, store: store)
            XCTAssertEqual(result.status, .committed, "\(text): \(result.message ?? "")")
        }
        let retries = session.turns.last!.commit!
        _ = try RevisionLog(directory: root).undo(author: Self.author)
        XCTAssertNil(try job(root)?["tasks"]?.sequence?.first?["max_retries"])

        let four = await turn.run(.init(root: root, text: "make it 4 hours", author: Self.author), session: &session, store: store)
        XCTAssertEqual(four.status, .committed, four.message ?? "")
        XCTAssertEqual(try job(root)?["timeout_seconds"]?.string, "14400")
        XCTAssertNil(try job(root)?["tasks"]?.sequence?.first?["max_retries"], "the undone retries stay undone")

        let recap = await turn.run(.init(root: root, text: "what did you change?", author: Self.author), session: &session, store: store)
        XCTAssertTrue(recap.message?.contains("\(retries.prefix(7)) ") == true, recap.message ?? "")
        let line = recap.message?.split(separator: "\n").first { $0.contains(retries.prefix(7)) } ?? ""
        XCTAssertTrue(line.hasSuffix("undone since"), String(line))
    }

    func testABareValueAfterARequestThatWasNotUnderstood() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        let store = RefineSession.Store(bundleRoot: root)
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        let retries = await turn.run(.init(root: root, text: "add 2 retries", author: Self.author), session: &session, store: store)
        XCTAssertEqual(retries.status, .committed, retries.message ?? "")
        let head = try GitRepository.open(containing: root.path).headCommitID()?.description
        let unclear = await turn.run(.init(root: root, text: "set the frobnication level", author: Self.author), session: &session, store: store)
        XCTAssertEqual(unclear.status, .notUnderstood, unclear.message ?? "")
        let eight = await turn.run(.init(root: root, text: "8", author: Self.author), session: &session, store: store)
        XCTAssertEqual(eight.status, .question, eight.message ?? "")
        XCTAssertTrue(eight.question?.contains("set the frobnication level") == true, eight.question ?? "")
        XCTAssertEqual(try GitRepository.open(containing: root.path).headCommitID()?.description, head, "the retries are not set to 8")
        XCTAssertEqual(try job(root)?["tasks"]?.sequence?.first?["max_retries"]?.string, "2")
    }

    func testAValueAnswersAQuestionThatOfferedARequest() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        let store = RefineSession.Store(bundleRoot: root)
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        let asked = await turn.run(.init(root: root, text: "set a timeout", author: Self.author), session: &session, store: store)
        XCTAssertEqual(asked.status, .question, asked.message ?? "")
        let answered = await turn.run(.init(root: root, text: "90 minutes", author: Self.author), session: &session, store: store)
        XCTAssertEqual(answered.status, .committed, answered.message ?? "")
        XCTAssertEqual(try job(root)?["timeout_seconds"]?.string, "5400")
    }

    /// "make it 4 hours" after "set the timeout to 1 hour" and "add retries": the timeout, not the retries.
    func testADurationAfterACountIsForTheLastDuration() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        let store = RefineSession.Store(bundleRoot: root)
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        for text in ["set the timeout to 1 hour", "add 2 retries", "make it 4 hours"] {
            let result = await turn.run(.init(root: root, text: text, author: Self.author), session: &session, store: store)
            XCTAssertEqual(result.status, .committed, "\(text): \(result.message ?? "")")
        }
        XCTAssertEqual(try job(root)?["timeout_seconds"]?.string, "14400")
        XCTAssertEqual(try job(root)?["tasks"]?.sequence?.first?["max_retries"]?.string, "2")
        // With no duration before it: asked.
        var other = RefineSession()
        _ = await turn.run(.init(root: root, text: "add 3 retries", author: Self.author), session: &other, store: store)
        let asked = await turn.run(.init(root: root, text: "make it 2 hours", author: Self.author), session: &other, store: store)
        XCTAssertEqual(asked.status, .question, asked.message ?? "")
        XCTAssertEqual(try job(root)?["timeout_seconds"]?.string, "14400")
    }

    /// "make it 5 times" after a timeout: the retries asked before it, never 5 hours.
    func testACountAfterADurationIsForTheLastCount() async throws {
        let directory = try TemporaryDirectory()
        let root = try makeBundle(in: directory)
        let store = RefineSession.Store(bundleRoot: root)
        let turn = ConversationTurn(agent: OfflinePlanner())
        var session = RefineSession()
        for text in ["add 2 retries", "set the timeout to 2 hours", "make it 5 times"] {
            let result = await turn.run(.init(root: root, text: text, author: Self.author), session: &session, store: store)
            XCTAssertEqual(result.status, .committed, "\(text): \(result.message ?? "")")
        }
        XCTAssertEqual(try job(root)?["timeout_seconds"]?.string, "7200")
        XCTAssertEqual(try job(root)?["tasks"]?.sequence?.first?["max_retries"]?.string, "5")
    }

    func testTheWordsOfABareValue() {
        for (text, value) in [("8", "8"), ("make it 8", "8"), ("4 hours", "4 hours"), ("to 90 minutes please", "90 minutes"), ("eight", "eight")] {
            XCTAssertEqual(FollowUp.bareValue(RequestText(text)), value, text)
        }
        for text in ["retry 8 times", "8 workers in prod", "make it smaller", "8 and 9"] {
            XCTAssertNil(FollowUp.bareValue(RequestText(text)), text)
        }
    }
}
