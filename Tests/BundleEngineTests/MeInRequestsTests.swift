import BundleAgent
@testable import BundleEngine
import BundleRepository
import Foundation
import TestSupport
import XCTest

/// "email me" is the revision's author; "notify me at dan@example.com" names the address itself, and
/// the author's is not added beside it (dabs-dbt-demo).
final class MeInRequestsTests: XCTestCase {
    func testMeIsTheAuthorUnlessAnAddressIsGiven() throws {
        let directory = try TemporaryDirectory()
        let root = directory.url
        _ = try BundleInitializer(directory: root.appendingPathComponent("b"), authorOverride: "Ana <ana@example.com>", executablePath: "/bin/true").run()
        let bundle = root.appendingPathComponent("b")
        XCTAssertEqual(ConversationTurn.naming(me: "email me when it fails", root: bundle, author: "Ana <ana@example.com>"), "email ana@example.com when it fails")
        XCTAssertEqual(ConversationTurn.naming(me: "notify me at dan@example.com on failure", root: bundle, author: "Ana <ana@example.com>"),
                       "notify me at dan@example.com on failure")
    }

    /// ex_lakeflow_pipelines_python: "email me on failure" asked which job or pipeline; its answer "2"
    /// replayed the words without the author's address ("I did not understand").
    func testAnAnswerKeepsMeAsTheAuthor() async throws {
        let directory = try TemporaryDirectory()
        let root = directory.url.appendingPathComponent("b")
        _ = try BundleInitializer(directory: root, authorOverride: "Ana <ana@example.com>", executablePath: "/bin/true").run()
        try """
        resources:
          jobs:
            report:
              name: report
              tasks:
                - task_key: main
                  notebook_task: {notebook_path: ../src/notebook.py}
        """.write(to: root.appendingPathComponent("resources/report.job.yml"), atomically: true, encoding: .utf8)
        _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["add", "-A"], in: root, environment: [:])
        _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "report"], in: root, environment: [:])
        let store = RefineSession.Store(bundleRoot: root)
        var session = RefineSession()
        let turn = ConversationTurn(agent: OfflinePlanner())
        let asked = await turn.run(.init(root: root, text: "email me on failure", author: "Ana <ana@example.com>"), session: &session, store: store)
        XCTAssertEqual(asked.status, .question, asked.message ?? "")
        let answered = await turn.run(.init(root: root, text: "2", author: "Ana <ana@example.com>"), session: &session, store: store)
        XCTAssertEqual(answered.status, .committed, answered.message ?? "")
        let report = try String(contentsOf: root.appendingPathComponent("resources/report.job.yml"), encoding: .utf8)
        XCTAssertTrue(report.contains("ana@example.com"), report)
    }
}
