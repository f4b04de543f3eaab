@testable import BundleAgent
import BundleModel
import XCTest

/// iot_simulator_datalake: a dbt task on the bundle's all-purpose cluster, with no warehouse yet.
/// "turn on photon for the interactive cluster" is that cluster's; "use the sql warehouse … for the dbt
/// task" gives the task its warehouse_id (it said no task used a warehouse).
final class AllPurposeAndDbtTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: iot}
        resources:
          clusters:
            interactive:
              cluster_name: Interactive
              spark_version: 17.3.x-scala2.13
              node_type_id: i3.xlarge
              num_workers: 1
              runtime_engine: STANDARD
          jobs:
            iot:
              name: iot
              tasks:
                - task_key: dbt
                  existing_cluster_id: ${resources.clusters.interactive.id}
                  dbt_task:
                    commands: [dbt run]
                    project_directory: /Workspace/Shared/dbt
        """,
    ]

    func testPhotonForTheAllPurposeCluster() throws {
        let (_, bundle) = try InMemoryPlanning.apply("turn on photon for the interactive cluster", to: Self.files, intent: PhotonIntent.id)
        XCTAssertEqual(bundle.configuration["resources"]?["clusters"]?["interactive"]?["runtime_engine"]?.string, "PHOTON")
    }

    func testAWarehouseForADbtTaskWithoutOne() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("use the sql warehouse 1e9ad081dfddd470 for the dbt task", to: Self.files)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["iot"]?["tasks"]?.sequence?.first?["dbt_task"]?["warehouse_id"]?.string, "1e9ad081dfddd470")
        XCTAssertTrue(plan.summary.contains("(none was set)"), plan.summary)
    }
}
