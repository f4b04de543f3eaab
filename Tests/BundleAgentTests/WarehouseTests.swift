@testable import BundleAgent
import BundleModel
import BundleValidation
import XCTest

/// SQL tasks that name their warehouse as written (knowledge_base/job_with_sql_notebook): the fields
/// change where they are, a target's change goes into its override by task_key, and a named task
/// changes alone.
final class WarehouseTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: reports}
        resources:
          jobs:
            reports:
              name: reports
              tasks:
                - task_key: orders
                  sql_task: {warehouse_id: 744f096837fddbb4, file: {path: ./orders.sql}}
                - task_key: revenue
                  depends_on: [{task_key: orders}]
                  sql_task: {warehouse_id: 744f096837fddbb4, file: {path: ./revenue.sql}}
        targets:
          dev: {mode: development, default: true}
          prod: {mode: production, workspace: {root_path: /Workspace/Shared/.bundle/reports}}
        """,
        "orders.sql": "SELECT 1\n", "revenue.sql": "SELECT 2\n",
    ]

    func applied(_ request: String) throws -> (plan: Plan, bundle: LoadedBundle) {
        try InMemoryPlanning.apply(request, to: Self.files, intent: WarehouseIntent.id)
    }

    func warehouses(_ bundle: LoadedBundle, _ target: String) -> [String] {
        (bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["reports"]?["tasks"]?.sequence ?? [])
            .map { $0["sql_task"]?["warehouse_id"]?.string ?? "-" }
    }

    /// A warehouse variable found by a lookup (dashboard_nyc_taxi): the id given replaces the lookup,
    /// which would be dead beside a default.
    func testAnIdReplacesTheLookupOfTheVariable() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: taxi}
            variables:
              warehouse_id:
                lookup:
                  # Replace this with the name of your SQL warehouse.
                  warehouse: "Shared Unity Catalog Serverless"
            resources:
              dashboards:
                taxi:
                  display_name: Taxi
                  file_path: ./taxi.lvdash.json
                  warehouse_id: ${var.warehouse_id}
            targets:
              dev: {mode: development, default: true}
            """,
            "taxi.lvdash.json": "{}\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("use warehouse abcd1234abcd1234 for the dashboard", to: files, intent: WarehouseIntent.id)
        XCTAssertEqual(bundle.configuration["variables"]?["warehouse_id"]?["default"]?.string, "abcd1234abcd1234")
        XCTAssertNil(bundle.configuration["variables"]?["warehouse_id"]?["lookup"], plan.summary)
        XCTAssertTrue(plan.summary.contains("instead of the lookup of the warehouse \"Shared Unity Catalog Serverless\""), plan.summary)
    }

    func testEveryTaskOfTheJob() throws {
        let (plan, bundle) = try applied("use warehouse 1234abcd5678efgh")
        XCTAssertEqual(plan.summary, "Set warehouse_id to 1234abcd5678efgh (was 744f096837fddbb4) on task orders, task revenue of job reports.")
        XCTAssertEqual(warehouses(bundle, "dev"), ["1234abcd5678efgh", "1234abcd5678efgh"])
        XCTAssertEqual(warehouses(bundle, "prod"), ["1234abcd5678efgh", "1234abcd5678efgh"])
    }

    func testOneTargetAndOneTask() throws {
        let (_, bundle) = try applied("run the revenue task on warehouse 9999aaaa0000 in prod")
        XCTAssertEqual(warehouses(bundle, "prod"), ["744f096837fddbb4", "9999aaaa0000"])
        XCTAssertEqual(warehouses(bundle, "dev"), ["744f096837fddbb4", "744f096837fddbb4"])
    }

    func testNoWarehouseAnywhere() throws {
        let bundle = try SalesBundle.load(SalesBundle.files.filter { !$0.key.contains("dashboard") })
        guard case .refused(let reason) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("use warehouse 1234abcd5678efgh"))) else {
            return XCTFail("refused")
        }
        XCTAssertTrue(reason.hasPrefix("nothing in this bundle uses a SQL warehouse"), reason)
    }
}
