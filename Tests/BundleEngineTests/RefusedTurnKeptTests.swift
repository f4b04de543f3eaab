import BundleAgent
import BundleEngine
import BundleModel
import BundleRepository
import Foundation
import TestSupport
import XCTest

/// A request whose change validation refuses stays in the conversation, with why (the page's
/// conversation lost it: "0 turns", titled after the next request), and is no change to build on.
final class RefusedTurnKeptTests: XCTestCase {
    /// Plans a notebook path that does not exist: an error, so the change is refused at validation.
    struct BrokenPathAgent: PlanningAgent {
        let name = "test-agent"
        var price: TokenPrice? { nil }
        func plan(_ context: PlanningContext, session: RefineSession?, report: @escaping @Sendable (AgentEvent) -> Void) async throws -> AgentAnswer {
            let file = "resources/nightly_etl.job.yml"
            let text = String(decoding: try context.bundle.source.read(file) ?? Data(), as: UTF8.self)
            var plan = Plan(subject: "Point the task at another notebook", summary: "Set notebook_path to ../src/missing.py.", edits: [])
            plan.contents = [file: text.replacingOccurrences(of: "../src/notebook.py", with: "../src/missing.py")]
            return AgentAnswer(outcome: .plan(plan), intent: nil)
        }
    }

    func testARequestRefusedByValidationIsKeptWithWhy() async throws {
        let conversation = try EngineConversation(agent: BrokenPathAgent())
        let head = try conversation.repository.headCommitID()
        let result = await conversation.ask("use the other notebook")
        XCTAssertEqual(result.status, .invalid, result.message ?? "")
        XCTAssertEqual(try conversation.repository.headCommitID(), head)
        let turns = conversation.session.turns
        XCTAssertEqual(turns.map(\.request), ["use the other notebook"])
        XCTAssertTrue(turns[0].reply.hasPrefix("Nothing changed: "), turns[0].reply)
        XCTAssertNil(turns[0].commit)
        XCTAssertNil(conversation.session.lastChange, "a refused change is nothing to build on")
        XCTAssertEqual(conversation.store.latest()?.turns.count, 1, "saved with the conversation")
    }
}
