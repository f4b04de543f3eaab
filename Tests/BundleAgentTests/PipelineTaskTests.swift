@testable import BundleAgent
import BundleModel
import BundleValidation
import XCTest

/// A job task that updates a pipeline of the bundle, asked as users ask it, on the lakehouse fixture
/// (jobs sales_sync: extract → load on a job cluster, marketing_digest: digest on serverless;
/// pipelines clickstream and orders_cdc), in memory: the task, where it goes in the order, and a bundle
/// valid for every target.
final class PipelineTaskTests: XCTestCase {
    static let cases: [(request: String, expect: [String: String])] = [
        ("make the sales sync refresh the clickstream pipeline first",
         ["jobs/sales_sync/tasks[task_key=refresh_clickstream]/pipeline_task/pipeline_id": "${resources.pipelines.clickstream.id}",
          "jobs/sales_sync/tasks[task_key=refresh_clickstream]/depends_on": "null",
          "jobs/sales_sync/tasks[task_key=extract]/depends_on": "[{task_key: refresh_clickstream}]",
          "jobs/sales_sync/tasks[task_key=load]/depends_on": "[{task_key: extract}]"]),
        ("add a task that runs the orders pipeline to the marketing digest",
         ["jobs/marketing_digest/tasks[task_key=refresh_orders_cdc]/pipeline_task/pipeline_id": "${resources.pipelines.orders_cdc.id}",
          "jobs/marketing_digest/tasks[task_key=refresh_orders_cdc]/depends_on": "[{task_key: digest}]"]),
        ("run the orders pipeline after the load task",
         ["jobs/sales_sync/tasks[task_key=refresh_orders_cdc]/depends_on": "[{task_key: load}]",
          "jobs/sales_sync/tasks[task_key=refresh_orders_cdc]/pipeline_task/pipeline_id": "${resources.pipelines.orders_cdc.id}"]),
        ("add a pipeline task called update_clicks to the sales sync that does a full refresh of clickstream",
         ["jobs/sales_sync/tasks[task_key=update_clicks]/pipeline_task/full_refresh": "true",
          "jobs/sales_sync/tasks[task_key=update_clicks]/pipeline_task/pipeline_id": "${resources.pipelines.clickstream.id}"]),
        // The key given right after "a task" (dabs-cicd-with-azuredevops: it was refresh_<pipeline>).
        ("add a task refresh_pipeline after load that runs the orders pipeline",
         ["jobs/sales_sync/tasks[task_key=refresh_pipeline]/pipeline_task/pipeline_id": "${resources.pipelines.orders_cdc.id}",
          "jobs/sales_sync/tasks[task_key=refresh_pipeline]/depends_on": "[{task_key: load}]"]),
        // Before a task that waits for another: the update waits for it too.
        ("the sales sync job should update the orders pipeline before load",
         ["jobs/sales_sync/tasks[task_key=refresh_orders_cdc]/depends_on": "[{task_key: extract}]",
          "jobs/sales_sync/tasks[task_key=load]/depends_on": "[{task_key: extract}, {task_key: refresh_orders_cdc}]"]),
    ]

    func testPhrasingsAddThePipelineTaskWhereAsked() throws {
        let files = try PipelinePhrasingTests.fixture()
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        for c in Self.cases {
            let (outcome, intent) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(c.request)), session: nil)
            XCTAssertEqual(intent, PipelineTaskIntent.id, "\"\(c.request)\"")
            guard case .plan(let plan) = outcome else {
                XCTFail("\"\(c.request)\": \(outcome)")
                continue
            }
            var all = files
            for (k, v) in try OfflinePlanner.apply(plan, read: { files[$0]! }) { all[k] = v }
            let after = try BundleLoader(source: InMemoryFileSource(texts: all)).load()
            for target in ["dev", "staging", "prod"] {
                let configuration = after.effectiveConfiguration(target: target).configuration
                for (path, expected) in c.expect.sorted(by: { $0.key < $1.key }) {
                    XCTAssertEqual(PipelinePhrasingTests.render(PipelinePhrasingTests.node(configuration, path)), expected, "\"\(c.request)\" [\(target)] \(path)")
                }
            }
            let report = try ValidationRequest(targets: .all).run(source: InMemoryFileSource(texts: all))
            XCTAssertEqual(report.errors, 0, "\"\(c.request)\": \(report.diagnostics.filter { $0.severity == .error }.map(\.summary))")
        }
    }

    /// A pipeline runs on a schedule through a job: the job that updates it, or a new one.
    func testSchedulingAPipeline() throws {
        let files = try PipelinePhrasingTests.fixture()
        let (edited, first) = try planned("run the clickstream pipeline every day at 6am", on: files)
        XCTAssertEqual(first.subject, "Run pipeline clickstream every day at 06:00 (UTC)")
        XCTAssertEqual(first.createdFiles, ["resources/clickstream_job.job.yml"])
        let configuration = try BundleLoader(source: InMemoryFileSource(texts: edited)).load().effectiveConfiguration(target: "prod").configuration
        XCTAssertEqual(PipelinePhrasingTests.render(PipelinePhrasingTests.node(configuration, "jobs/clickstream_job/schedule/quartz_cron_expression")), "0 0 6 * * ?")
        XCTAssertEqual(PipelinePhrasingTests.render(PipelinePhrasingTests.node(configuration, "jobs/clickstream_job/tasks[task_key=refresh_pipeline]/pipeline_task/pipeline_id")),
                       "${resources.pipelines.clickstream.id}")
        XCTAssertEqual(try ValidationRequest(targets: .all).run(source: InMemoryFileSource(texts: edited)).errors, 0)
        // Asked as a new job with its schedule: the same job, not one without a schedule.
        let (asJob, third) = try planned("add a job that runs the clickstream pipeline every hour", on: files)
        XCTAssertEqual(third.createdFiles, ["resources/clickstream_job.job.yml"])
        XCTAssertTrue(asJob["resources/clickstream_job.job.yml"]!.contains("quartz_cron_expression: 0 0 * * * ?"), asJob["resources/clickstream_job.job.yml"]!)
        // Now a job updates it: scheduling it again changes that job.
        let (again, second) = try planned("schedule the clickstream pipeline weekdays at 7:30", on: edited)
        XCTAssertEqual(second.job, "clickstream_job")
        XCTAssertTrue(again["resources/clickstream_job.job.yml"]!.contains("quartz_cron_expression: 0 30 7 ? * MON-FRI"), again["resources/clickstream_job.job.yml"]!)
        // "add a job that runs the orders pipeline": the job without a schedule.
        let (_, job) = try planned("add a job that runs the orders pipeline", on: files)
        XCTAssertEqual(job.subject, "Add the job orders_cdc_job that updates pipeline orders_cdc")
    }

    func planned(_ request: String, on files: [String: String]) throws -> ([String: String], Plan) {
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        guard case .plan(let plan) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request))) else {
            XCTFail("\(request): not planned")
            throw CancellationError()
        }
        var all = files
        for (k, v) in try OfflinePlanner.apply(plan, read: { files[$0]! }) { all[k] = v }
        return (all, plan)
    }

    func testAJobThatUpdatesThePipelineAlreadyIsRefused() throws {
        let files = try PipelinePhrasingTests.fixture()
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        guard case .plan(let plan) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("add a task that runs the clickstream pipeline to the sales sync"))) else {
            return XCTFail("not planned")
        }
        var all = files
        for (k, v) in try OfflinePlanner.apply(plan, read: { files[$0]! }) { all[k] = v }
        let after = try BundleLoader(source: InMemoryFileSource(texts: all)).load()
        let again = OfflinePlanner().plan(PlanningContext(bundle: after, request: RequestText("make the sales sync refresh the clickstream pipeline first")))
        guard case .refused(let reason) = again else { return XCTFail("\(again)") }
        XCTAssertTrue(reason.contains("already updates pipeline clickstream"), reason)

        // A full refresh asked of the job that updates it is that task's setting (it was "already updates").
        guard case .plan(let full) = OfflinePlanner().plan(PlanningContext(bundle: after, request: RequestText("do a full refresh when the sales sync updates the clickstream pipeline"))) else {
            return XCTFail("full refresh not planned")
        }
        var refreshed = all
        for (k, v) in try OfflinePlanner.apply(full, read: { all[$0]! }) { refreshed[k] = v }
        let tasks = try BundleLoader(source: InMemoryFileSource(texts: refreshed)).load().configuration["resources"]?["jobs"]?["sales_sync"]?["tasks"]?.sequence ?? []
        let task = tasks.first { $0["pipeline_task"] != nil }
        XCTAssertEqual(task?["pipeline_task"]?["full_refresh"]?.scalar?.value, .bool(true), full.summary)
    }

    /// Once the job updates the pipeline, "add retries to the pipeline task" is that task's retries
    /// (databricks_devops), and a path with "pipelines" in it names no pipeline (dataops-template): neither
    /// is "already updates pipeline …", which said the request was done.
    func testTheWordPipelineInAnotherRequest() throws {
        let files = try PipelinePhrasingTests.fixture()
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        guard case .plan(let plan) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("add a task that runs the clickstream pipeline to the sales sync"))) else {
            return XCTFail("not planned")
        }
        var all = files
        for (k, v) in try OfflinePlanner.apply(plan, read: { files[$0]! }) { all[k] = v }
        let after = try BundleLoader(source: InMemoryFileSource(texts: all)).load()
        XCTAssertEqual(OfflinePlanner.intents.first { $0.score(RequestText("add retries to the pipeline task")) > 0 && $0.id == PipelineTaskIntent.id }?.id, nil)
        let (retried, intent) = OfflinePlanner().plan(PlanningContext(bundle: after, request: RequestText("add retries to the clickstream task of the sales sync")), session: nil)
        guard case .plan(let retries) = retried else { return XCTFail("\(retried)") }
        XCTAssertEqual(intent, TaskRetriesIntent.id, retries.summary)
        XCTAssertEqual(PipelineTaskIntent.score(RequestText("add a task backfill after load that runs src/data/pipelines/backfill.py")), 0)
    }
}
