@testable import BundleAgent
import BundleModel
import BundleValidation
import XCTest

/// Jobs whose tasks define their own cluster (`tasks[].new_cluster`, as knowledge_base/spark_jar_task
/// and `databricks bundle generate job` write them): cluster changes reach that cluster, in the
/// definition or in a target's override by task_key, and a task named picks its cluster.
final class TaskClusterTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: jars}
        resources:
          jobs:
            spark_jar_job:
              name: spark_jar_job
              tasks:
                - task_key: ingest
                  new_cluster:
                    spark_version: 14.3.x-scala2.12
                    node_type_id: i3.xlarge
                    num_workers: 1
                  spark_jar_task: {main_class_name: com.example.Ingest}
                  libraries: [{jar: ./ingest.jar}]
                - task_key: report
                  depends_on: [{task_key: ingest}]
                  new_cluster:
                    spark_version: 14.3.x-scala2.12
                    node_type_id: i3.xlarge
                    num_workers: 2
                  spark_jar_task: {main_class_name: com.example.Report}
                  libraries: [{jar: ./report.jar}]
        targets:
          dev: {mode: development, default: true}
          prod: {mode: production, workspace: {root_path: /Workspace/Shared/.bundle/jars}}
        """,
        "ingest.jar": "", "report.jar": "",
    ]

    func applied(_ request: String) throws -> (plan: Plan, bundle: LoadedBundle) {
        try InMemoryPlanning.apply(request, to: Self.files)
    }

    func cluster(_ bundle: LoadedBundle, _ target: String, _ task: String) -> YAMLNode? {
        bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["spark_jar_job"]?["tasks"]?.sequence?
            .first { $0["task_key"]?.string == task }?["new_cluster"]
    }

    func testATaskNamedGetsTheChange() throws {
        let (plan, bundle) = try applied("give the report task 6 workers")
        XCTAssertEqual(plan.summary, "Set 6 workers (was 2) on the cluster of task report of job spark_jar_job.")
        XCTAssertEqual(cluster(bundle, "dev", "report")?["num_workers"]?.string, "6")
        XCTAssertEqual(cluster(bundle, "dev", "ingest")?["num_workers"]?.string, "1")
    }

    func testATargetOverrideByTaskKey() throws {
        let (_, bundle) = try applied("turn on photon for the ingest task in prod")
        XCTAssertEqual(cluster(bundle, "prod", "ingest")?["runtime_engine"]?.string, "PHOTON")
        XCTAssertNil(cluster(bundle, "dev", "ingest")?["runtime_engine"])
        XCTAssertEqual(cluster(bundle, "prod", "ingest")?["spark_version"]?.string, "14.3.x-scala2.12", "the override merges into the task's cluster")
    }

    func testAutoscalingReplacesTheFixedSize() throws {
        let (_, bundle) = try applied("autoscale the ingest task between 2 and 8 workers")
        XCTAssertEqual(cluster(bundle, "dev", "ingest")?["autoscale"]?["max_workers"]?.string, "8")
        XCTAssertNil(cluster(bundle, "dev", "ingest")?["num_workers"])
    }

    func testTwoClustersAndNoneNamedIsAQuestion() throws {
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: Self.files)).load()
        guard case .clarify(_, let choices) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("make the cluster bigger"))) else {
            return XCTFail("which cluster?")
        }
        XCTAssertEqual(choices, ["ingest", "report"])
    }
}
