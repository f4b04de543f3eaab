@testable import BundleAgent
import BundleModel
import XCTest

/// The order and the set of a job's tasks on `SalesBundle` (extract, then load): dependencies added
/// both ways of saying it, cycles refused, tasks removed with the graph kept whole.
final class TaskStructureTests: XCTestCase {
    func outcome(_ request: String) throws -> PlanOutcome {
        OfflinePlanner().plan(PlanningContext(bundle: try SalesBundle.load(), request: RequestText(request)))
    }

    /// A new SQL task takes the warehouse the job's other SQL tasks write (`${var.warehouse_id}`), not
    /// the value it has in the default target.
    func testANewSQLTaskKeepsTheWarehouseReference() throws {
        var c = FollowUpTests.Conversation()
        c.files["src/weekly.sql"] = "SELECT 1\n"
        c.files["src/daily.sql"] = "SELECT 1\n"
        c.files["resources/billing.job.yml"] = c.files["resources/billing.job.yml"]! + """
                - task_key: daily
                  sql_task:
                    warehouse_id: ${var.warehouse_id}
                    file:
                      path: ../src/daily.sql

        """
        _ = try c.ask("add a task weekly after daily to the billing job that runs src/weekly.sql")
        XCTAssertTrue(c.files["resources/billing.job.yml"]!.contains("        warehouse_id: ${var.warehouse_id}\n          file:\n            path: ../src/weekly.sql")
                      || c.files["resources/billing.job.yml"]!.components(separatedBy: "${var.warehouse_id}").count == 3, c.files["resources/billing.job.yml"]!)
    }

    func testDependenciesAddedAfterAndBefore() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("run load and extract in parallel")
        XCTAssertNil(try c.value("jobs.sales_sync.tasks[load].depends_on", target: "dev"))
        let after = try XCTUnwrap(try c.ask("run load after extract"))
        XCTAssertEqual(after.subject, "Load runs after extract in sales_sync")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[load].depends_on", target: "dev"), "[{task_key:extract}]")
        _ = try c.ask("run load and extract at the same time")
        _ = try c.ask("run the load step before the extract step")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[extract].depends_on", target: "dev"), "[{task_key:load}]")
        XCTAssertNil(try c.value("jobs.sales_sync.tasks[load].depends_on", target: "dev"))
    }

    func testCyclesAndRepeatsAreRefused() throws {
        guard case .refused(let cycle) = try outcome("make extract depend on load") else { return XCTFail("a cycle") }
        XCTAssertEqual(cycle, "load already runs after extract; making extract wait for load would be a cycle")
        guard case .refused(let again) = try outcome("run load after extract") else { return XCTFail("already so") }
        XCTAssertEqual(again, "load already runs after extract")
        // "allow 3 runs in parallel" is about the job's runs, not its tasks.
        XCTAssertEqual(OfflinePlanner().plan(PlanningContext(bundle: try SalesBundle.load(), request: RequestText("allow 3 runs of the sales sync in parallel")), session: nil).intent,
                       MaxConcurrentRunsIntent.id)
    }

    func testRemovingTheOnlyTaskIsRefused() throws {
        guard case .refused(let reason) = try outcome("remove the digest task") else { return XCTFail("the only task") }
        XCTAssertTrue(reason.contains("a job needs at least one task"), reason)
        guard case .clarify(_, let choices) = try outcome("remove a task from the sales sync") else { return XCTFail("which task?") }
        XCTAssertEqual(choices, ["remove the task extract", "remove the task load"])
    }

    /// A task that waited for a removed one waits for what the removed one waited for.
    func testRemovingATaskInTheMiddleKeepsTheOrder() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("add a task report after load that runs src/report.py to the sales sync")
        _ = try c.ask("remove the load task")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[report].depends_on", target: "dev"), "[{task_key:extract}]")
        XCTAssertNil(try c.value("jobs.sales_sync.tasks[load]", target: "dev"))
    }

    func testNotebookParametersOnlyForNotebookTasks() throws {
        guard case .refused(let reason) = try outcome("set the task parameter day to monday on the digest task") else { return XCTFail("a Python file task") }
        XCTAssertTrue(reason.contains("task digest of job marketing_digest takes its arguments as a list") && reason.contains("pass --day monday to the digest task"), reason)
        guard case .clarify = try outcome("set the notebook parameter day on the extract task") else { return XCTFail("which value?") }
    }

    /// Spark settings and environment variables of a cluster come off again; not through a target.
    func testClusterSettingsAreRemoved() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("set spark.speculation to true on the sync cluster")
        _ = try c.ask("set the environment variable TZ=UTC on the sync cluster")
        _ = try c.ask("remove the spark conf spark.speculation from the sync cluster")
        XCTAssertNil(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_conf.spark.speculation", target: "dev"))
        _ = try c.ask("remove the env var TZ from the sync cluster")
        XCTAssertNil(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_env_vars", target: "dev"), "no empty mapping left")
        guard case .refused(let reason) = try outcome("remove the env var TZ from the sync cluster in prod") else { return XCTFail("in a target") }
        XCTAssertEqual(reason, "a target override cannot remove the environment variable TZ, which it inherits; ask without a target")
    }
}
