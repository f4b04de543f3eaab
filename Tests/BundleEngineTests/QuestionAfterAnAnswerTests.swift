import BundleEngine
import Foundation
import TestSupport
import XCTest

/// "use i3.2xlarge nodes in prod" asked which job; the answer asked which of the job's clusters, and that
/// question came back whatever was answered (the replayed request was the answer "1"), or an answer
/// committed a daily schedule nobody asked for.
final class QuestionAfterAnAnswerTests: XCTestCase {
    static let jobs = """
    resources:
      jobs:
        daily:
          name: daily
          job_clusters:
            - job_cluster_key: shared_cluster
              new_cluster:
                spark_version: 15.4.x-scala2.12
                node_type_id: i3.xlarge
                num_workers: 2
          tasks:
            - task_key: ingest
              new_cluster:
                spark_version: 15.4.x-scala2.12
                node_type_id: i3.xlarge
                num_workers: 2
              notebook_task:
                notebook_path: ../src/notebook.ipynb
            - task_key: transform
              depends_on:
                - task_key: ingest
              job_cluster_key: shared_cluster
              notebook_task:
                notebook_path: ../src/notebook.ipynb

    """

    func testTheSecondAnswerFinishesTheFirstRequest() async throws {
        for firstAnswer in ["daily", "the daily job"] {
            let c = try EngineConversation()
            try Self.jobs.write(to: c.root.appendingPathComponent("resources/daily.job.yml"), atomically: true, encoding: .utf8)
            _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["add", "-A"], in: c.root, environment: [:])
            _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["commit", "-qm", "daily"], in: c.root,
                                      environment: ["GIT_AUTHOR_NAME": "u", "GIT_AUTHOR_EMAIL": "u@e", "GIT_COMMITTER_NAME": "u", "GIT_COMMITTER_EMAIL": "u@e"])
            let which = await c.ask("use i3.2xlarge nodes in prod")
            XCTAssertEqual(which.status, .question, which.message ?? which.summary ?? "")
            let cluster = await c.ask(firstAnswer)
            XCTAssertEqual(cluster.status, .question, "\(firstAnswer): \(cluster.message ?? cluster.summary ?? "")")
            XCTAssertTrue(cluster.question?.contains("cluster") == true, cluster.question ?? "")
            let done = await c.ask("shared_cluster")
            XCTAssertEqual(done.status, .committed, "\(firstAnswer): \(done.question ?? done.message ?? "")")
            let message = try c.headMessage()
            XCTAssertTrue(message.contains("i3.2xlarge"), message)
            XCTAssertFalse(message.lowercased().contains("every day"), message)
            let files = try ["databricks.yml", "resources/daily.job.yml"].map { try String(contentsOf: c.root.appendingPathComponent($0), encoding: .utf8) }.joined()
            XCTAssertEqual(files.components(separatedBy: "i3.2xlarge").count, 2, files)
            XCTAssertFalse(files.contains("quartz_cron_expression: 0 0 0"), files)
        }
    }

    /// "also deploy the app to prod" after a change to a job for every target answered "your change … was made for
    /// every target, so prod already has it" (exit 0): it is about the app.
    func testAnotherResourceForATargetIsNoRepeatOfTheChangeBefore() async throws {
        let c = try EngineConversation()
        try """
        targets:
          dev:
            resources:
              apps:
                ui:
                  name: ui
                  source_code_path: ../app

        """.write(to: c.root.appendingPathComponent("resources/ui.app.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: c.root.appendingPathComponent("app"), withIntermediateDirectories: true)
        try "print('ui')\n".write(to: c.root.appendingPathComponent("app/app.py"), atomically: true, encoding: .utf8)
        _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["add", "-A"], in: c.root, environment: [:])
        _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["commit", "-qm", "app"], in: c.root,
                                  environment: ["GIT_AUTHOR_NAME": "u", "GIT_AUTHOR_EMAIL": "u@e", "GIT_COMMITTER_NAME": "u", "GIT_COMMITTER_EMAIL": "u@e"])
        let made = await c.ask("set a 2 hour timeout on nightly_etl_job")
        XCTAssertEqual(made.status, .committed, made.message ?? made.summary ?? "")
        let app = await c.ask("also deploy the app to prod")
        XCTAssertFalse((app.message ?? app.summary ?? "").contains("already has it"), app.message ?? app.summary ?? "")
        XCTAssertFalse((app.message ?? app.summary ?? "").contains("times out"), app.message ?? app.summary ?? "")
    }
}
