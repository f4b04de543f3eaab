import BundleAgent
import BundleEngine
import BundleModel
import BundleRepository
import Foundation
import TestSupport
import XCTest

/// A turn whose plan holds whole files (a language model's edits) while the user commits a change of
/// the same file: the revision must not undo the user's commit. The turn is planned again on the
/// files as they now are, and the revision holds both changes.
final class CommitDuringModelTurnTests: XCTestCase {
    /// An agent that plans whole-file contents, as the model agent does; on its first call the user
    /// commits a change of the same file after the agent has read it.
    final class RacingAgent: PlanningAgent, @unchecked Sendable {
        let root: URL
        var calls = 0
        init(root: URL) { self.root = root }
        var name: String { "racing-test-agent" }
        var price: TokenPrice? { nil }

        func plan(_ context: PlanningContext, session: RefineSession?, report: @escaping @Sendable (AgentEvent) -> Void) async throws -> AgentAnswer {
            calls += 1
            let file = "resources/nightly_etl.job.yml"
            let url = root.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            if calls == 1 {
                // The user's commit lands while the model is answering.
                try text.replacingOccurrences(of: "name: nightly_etl_job", with: "name: renamed_by_user").write(to: url, atomically: true, encoding: .utf8)
                _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["commit", "-qam", "the user's rename"], in: root,
                                          environment: ["GIT_AUTHOR_NAME": "u", "GIT_AUTHOR_EMAIL": "u@e", "GIT_COMMITTER_NAME": "u", "GIT_COMMITTER_EMAIL": "u@e"])
            }
            var plan = Plan(subject: "Time out after 2 hours", summary: "Set timeout_seconds to 7200.", edits: [])
            plan.contents = [file: text.replacingOccurrences(of: "      tasks:\n", with: "      timeout_seconds: 7200\n      tasks:\n")]
            return AgentAnswer(outcome: .plan(plan), intent: nil)
        }
    }

    func testTheUsersCommitIsKept() async throws {
        let directory = try TemporaryDirectory()
        let root = directory.url.appendingPathComponent("nightly_etl")
        _ = try BundleInitializer(directory: root, authorOverride: NarrowedFollowUpTests.author, executablePath: "/bin/true").run()
        let job = root.appendingPathComponent("resources/nightly_etl.job.yml")
        XCTAssertTrue(try String(contentsOf: job, encoding: .utf8).contains("name: nightly_etl_job"))
        let agent = RacingAgent(root: root)
        var session = RefineSession()
        let result = await ConversationTurn(agent: agent).run(.init(root: root, text: "time out after 2 hours", author: NarrowedFollowUpTests.author),
                                                               session: &session, store: RefineSession.Store(bundleRoot: root))
        XCTAssertEqual(result.status, .committed, result.message ?? "")
        XCTAssertEqual(agent.calls, 2, "planned again on the user's commit")
        let committed = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["show", "HEAD:resources/nightly_etl.job.yml"], in: root, environment: [:]).stdout
        XCTAssertTrue(committed.contains("name: renamed_by_user"), "the user's rename is kept:\n\(committed)")
        XCTAssertTrue(committed.contains("timeout_seconds: 7200"), committed)
        let subjects = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["log", "--format=%s", "-3"], in: root, environment: [:]).stdout
        XCTAssertTrue(subjects.hasPrefix("Time out after 2 hours\nthe user's rename\n"), subjects)
    }
}
