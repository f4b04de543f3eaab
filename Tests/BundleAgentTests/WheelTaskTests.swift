@testable import BundleAgent
import BundleModel
import XCTest

/// dab-demo: "add a python wheel task register_model … with entry point register" adds a
/// python_wheel_task of the package the job's wheel tasks run, on their cluster and with their wheel;
/// it never adds a PyPI library called "task".
final class WheelTaskTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: demo}
        resources:
          jobs:
            ml_job:
              name: ml
              job_clusters:
                - job_cluster_key: ml_cluster
                  new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 1}
              tasks:
                - task_key: train_task
                  job_cluster_key: ml_cluster
                  python_wheel_task: {package_name: demo_pkg, entry_point: training}
                  libraries:
                    - whl: ./dist/*.whl
                - task_key: evaluation_task
                  depends_on: [{task_key: train_task}]
                  job_cluster_key: ml_cluster
                  python_wheel_task: {package_name: demo_pkg, entry_point: evaluation}
                  libraries:
                    - whl: ./dist/*.whl
        """,
    ]

    func testAWheelTaskByItsEntryPoint() throws {
        let (_, bundle) = try InMemoryPlanning.apply("add a python wheel task register_model to the ml job after evaluation_task with entry point register",
                                                     to: Self.files, intent: AddTaskIntent.id)
        let tasks = bundle.configuration["resources"]?["jobs"]?["ml_job"]?["tasks"]?.sequence ?? []
        XCTAssertEqual(tasks.count, 3)
        let added = tasks.last
        XCTAssertEqual(added?["task_key"]?.string, "register_model")
        XCTAssertEqual(added?["python_wheel_task"]?["package_name"]?.string, "demo_pkg")
        XCTAssertEqual(added?["python_wheel_task"]?["entry_point"]?.string, "register")
        XCTAssertEqual(added?["depends_on"]?.sequence?.first?["task_key"]?.string, "evaluation_task")
        XCTAssertEqual(added?["job_cluster_key"]?.string, "ml_cluster")
        XCTAssertEqual(added?["libraries"]?.sequence?.first?["whl"]?.string, "./dist/*.whl")
        XCTAssertEqual(tasks.dropLast().map { $0["libraries"]?.sequence?.count }, [1, 1], "no library added to the other tasks")
    }
}

/// retail-demand: "add a publish task after evaluate running src/publish.py with a --publish flag" is a
/// task called publish whose script gets the flag (it was called by the file's name, without the flag).
final class NamedScriptTaskTests: XCTestCase {
    func testTheNameBeforeTaskAndTheFlag() throws {
        let (_, bundle) = try InMemoryPlanning.apply("add a publish task to the billing job after export running src/publish.py with a --publish flag",
                                                     to: SalesBundle.files, intent: AddTaskIntent.id)
        let tasks = bundle.configuration["resources"]?["jobs"]?["nightly_billing"]?["tasks"]?.sequence ?? []
        let added = tasks.first { $0["task_key"]?.string == "publish" }
        XCTAssertNotNil(added)
        XCTAssertEqual(added?["spark_python_task"]?["parameters"]?.sequence?.compactMap(\.string), ["--publish"])
    }
}
