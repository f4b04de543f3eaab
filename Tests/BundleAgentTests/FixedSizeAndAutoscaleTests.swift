@testable import BundleAgent
import BundleModel
import XCTest

/// lakehouse-iot-telemetry: a job cluster written with both `num_workers: 4` and `autoscale: 2–8`
/// autoscales (the fixed size is ignored). "set max workers to 16 … in prod" overrides the bounds in
/// prod; it is not refused as if the fixed size had to be removed first.
final class FixedSizeAndAutoscaleTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: iot}
        resources:
          jobs:
            iot_medallion_pipeline:
              name: iot-medallion
              job_clusters:
                - job_cluster_key: main
                  new_cluster:
                    spark_version: 15.4.x-scala2.12
                    node_type_id: i3.xlarge
                    num_workers: 4
                    autoscale:
                      min_workers: 2
                      max_workers: 8
              tasks: [{task_key: bronze, job_cluster_key: main, notebook_task: {notebook_path: /Workspace/bronze}}]
        targets:
          dev: {mode: development, default: true}
          prod: {mode: production, workspace: {root_path: /Workspace/Shared/.bundle/iot}}
        """,
    ]

    func testATargetOverridesTheBoundsOfAClusterWrittenWithBoth() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("set max workers to 16 for the iot job in prod", to: Self.files)
        XCTAssertEqual(plan.target, "prod")
        let prod = try bundle.effectiveConfiguration(target: "prod").configuration["resources"]
        let dev = try bundle.effectiveConfiguration(target: "dev").configuration["resources"]
        XCTAssertEqual(PhrasingTableTests.value(at: "jobs.iot_medallion_pipeline.job_clusters[main].new_cluster.autoscale.max_workers", in: prod), "16")
        XCTAssertEqual(PhrasingTableTests.value(at: "jobs.iot_medallion_pipeline.job_clusters[main].new_cluster.autoscale.max_workers", in: dev), "8")
    }
}
