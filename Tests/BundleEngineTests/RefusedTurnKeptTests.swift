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
    static let author = "Test Author <test@example.com>"

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
        let directory = try TemporaryDirectory()
        let root = directory.url.appendingPathComponent("nightly_etl")
        _ = try BundleInitializer(directory: root, authorOverride: Self.author, executablePath: "/bin/true").run()
        let store = RefineSession.Store(bundleRoot: root)
        let head = try GitRepository.open(containing: root.path).headCommitID()
        var session = RefineSession()
        let result = await ConversationTurn(agent: BrokenPathAgent()).run(.init(root: root, text: "use the other notebook", author: Self.author),
                                                                          session: &session, store: store)
        XCTAssertEqual(result.status, .invalid, result.message ?? "")
        XCTAssertEqual(try GitRepository.open(containing: root.path).headCommitID(), head)
        XCTAssertEqual(session.turns.map(\.request), ["use the other notebook"])
        XCTAssertTrue(session.turns[0].reply.hasPrefix("Nothing changed: "), session.turns[0].reply)
        XCTAssertNil(session.turns[0].commit)
        XCTAssertNil(session.lastChange, "a refused change is nothing to build on")
        XCTAssertEqual(store.latest()?.turns.count, 1, "saved with the conversation")
    }
}
