@testable import BundleAgent
import BundleModel
import XCTest

/// "switch the job back to a job cluster" on a serverless job (default_python, an MLOps job): what its
/// environments installed, its tasks install as libraries, and the new cluster is of the bundle's cloud.
final class ServerlessToClusterTests: XCTestCase {
    static func files(host: String? = nil, dependencies: [String]) -> [String: String] {
        ["databricks.yml": """
            bundle: {name: wine}
            resources:
              jobs:
                train:
                  name: train
                  tasks:
                    - task_key: ingest
                      spark_python_task: {python_file: ./ingest.py}
                      environment_key: default
                    - task_key: report
                      notebook_task: {notebook_path: ./report.py}
                  environments:
                    - environment_key: default
                      spec:
                        environment_version: "2"
                        dependencies:
            \(dependencies.map { "              - \"\($0)\"" }.joined(separator: "\n"))
            targets:
              dev:
                default: true
            \(host.map { "    workspace: {host: \($0)}" } ?? "")
            """, "ingest.py": "print(1)\n", "report.py": "# Databricks notebook source\n", "requirements.txt": "pandas\n"]
    }

    func testTheEnvironmentsDependenciesBecomeLibraries() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("switch the train job back to a job cluster",
                                                        to: Self.files(dependencies: ["scikit-learn==1.5.0", "./dist/*.whl", "-r ./requirements.txt"]),
                                                        intent: ServerlessIntent.id)
        let job = bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["train"]
        let ingest = job?["tasks"]?.sequence?.first
        XCTAssertEqual(PhrasingTableTests.value(at: "libraries", in: try XCTUnwrap(ingest)),
                       "[{pypi:{package:scikit-learn==1.5.0}},{whl:./dist/*.whl},{requirements:./requirements.txt}]")
        XCTAssertEqual(ingest?["job_cluster_key"]?.string, "job_cluster")
        XCTAssertNil(ingest?["environment_key"])
        XCTAssertNil(job?["environments"])
        XCTAssertTrue(plan.summary.contains("the 3 dependencies of its environments are now the tasks' libraries"), plan.summary)
        XCTAssertEqual(job?["job_clusters"]?.sequence?.first?["new_cluster"]?["node_type_id"]?.string, "i3.xlarge")
    }

    func testTheClusterIsOfTheWorkspacesCloud() throws {
        let (_, bundle) = try InMemoryPlanning.apply("switch the train job back to a job cluster",
                                                     to: Self.files(host: "https://adb-1234567890123456.7.azuredatabricks.net", dependencies: ["pandas"]))
        XCTAssertEqual(bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["train"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["node_type_id"]?.string,
                       "Standard_D4ds_v5")
    }

    func testAnEditableInstallIsRefusedNotDropped() throws {
        let (outcome, _) = try InMemoryPlanning.outcome("switch the train job back to a job cluster", on: Self.files(dependencies: ["-e ."]))
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("\"-e .\""), reason)
    }
}
