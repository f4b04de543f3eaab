import BundleEngine
import Foundation
import TestSupport
import XCTest

/// "actually make that 3 hours for beta only" after a prod timeout on two jobs (and a pause of one): the timeout of
/// beta alone becomes 3 hours. The whole earlier change was moved from the first job to beta (alpha lost its timeout
/// and pause, beta was paused unasked), or both jobs got 3 hours.
final class OnlyForOneJobFollowUpTests: XCTestCase {
    func job(_ conversation: EngineConversation) throws -> String {
        try String(contentsOf: conversation.root.appendingPathComponent("resources/beta.job.yml"), encoding: .utf8)
    }

    func testAValueForOneOfTheJobsOfTheChangeBefore() async throws {
        for (first, follow) in [("in prod: set a 2 hour timeout on nightly_etl_job and beta, and pause the schedule of nightly_etl_job", "actually make that 3 hours for beta only"),
                                ("in prod: set a 2 hour timeout on nightly_etl_job and beta", "actually make that 3 hours for beta only"),
                                ("in prod: set a 2 hour timeout on nightly_etl_job and beta", "make it 3 hours for beta")] {
            let c = try EngineConversation()
            try """
            resources:
              jobs:
                beta:
                  name: beta
                  tasks:
                    - task_key: t
                      notebook_task:
                        notebook_path: ../src/notebook.py

            """.write(to: c.root.appendingPathComponent("resources/beta.job.yml"), atomically: true, encoding: .utf8)
            _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["add", "-A"], in: c.root, environment: [:])
            _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["commit", "-qm", "beta"], in: c.root,
                                      environment: ["GIT_AUTHOR_NAME": "u", "GIT_AUTHOR_EMAIL": "u@e", "GIT_COMMITTER_NAME": "u", "GIT_COMMITTER_EMAIL": "u@e"])
            let made = await c.ask(first)
            XCTAssertEqual(made.status, .committed, "\(first): \(made.message ?? made.summary ?? "")")
            let before = try String(contentsOf: c.root.appendingPathComponent("databricks.yml"), encoding: .utf8)
            let narrowed = await c.ask(follow)
            XCTAssertEqual(narrowed.status, .committed, "\(first): \(narrowed.message ?? narrowed.summary ?? "")")
            let after = try String(contentsOf: c.root.appendingPathComponent("databricks.yml"), encoding: .utf8)
            let changed = zip(before.split(separator: "\n", omittingEmptySubsequences: false), after.split(separator: "\n", omittingEmptySubsequences: false))
                .filter { $0.0 != $0.1 }
            XCTAssertEqual(changed.map { "\($0.0) → \($0.1)" }, ["          timeout_seconds: 7200 →           timeout_seconds: 10800"], "\(first):\n\(after)")
            XCTAssertEqual(before.components(separatedBy: "\n").count, after.components(separatedBy: "\n").count, after)
            XCTAssertTrue(after.contains("        nightly_etl_job:\n          timeout_seconds: 7200"), after)
        }
    }
}
