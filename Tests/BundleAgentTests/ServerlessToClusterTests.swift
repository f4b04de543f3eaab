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

/// A package leaves every task library and environment that installs it, whatever its version, and
/// only the package asked for.
final class LibraryRemovalTests: XCTestCase {
    func testThePackageLeavesLibrariesAndEnvironments() throws {
        let files = ["databricks.yml": """
            bundle: {name: ml}
            resources:
              jobs:
                train:
                  name: train
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 1}
                  tasks:
                    - task_key: fit
                      job_cluster_key: main
                      notebook_task: {notebook_path: ./fit.py}
                      libraries:
                        - pypi: {package: scikit_learn==1.5.0}
                        - pypi: {package: mlflow}
                score:
                  name: score
                  tasks:
                    - task_key: run
                      environment_key: default
                      spark_python_task: {python_file: ./score.py}
                  environments:
                    - environment_key: default
                      spec:
                        environment_version: "2"
                        dependencies: ["scikit-learn>=1.4", "pandas"]
            """, "fit.py": "# Databricks notebook source\n", "score.py": "print(1)\n"]
        let (plan, bundle) = try InMemoryPlanning.apply("remove the scikit-learn dependency", to: files, intent: LibraryRemovalIntent.id)
        let jobs = bundle.effectiveConfiguration(target: nil).configuration["resources"]?["jobs"]
        XCTAssertEqual(PhrasingTableTests.value(at: "libraries", in: jobs?["train"]?["tasks"]?.sequence?.first), "[{pypi:{package:mlflow}}]")
        XCTAssertEqual(jobs?["score"]?["environments"]?.sequence?.first?["spec"]?["dependencies"]?.sequence?.compactMap(\.string), ["pandas"])
        XCTAssertEqual(plan.summary, "Removed scikit-learn from task fit of job train, environment default of job score.")
        // Its version where it is installed: a task library's PyPI package, an environment's dependency.
        let (_, upgraded) = try InMemoryPlanning.apply("upgrade scikit-learn to 1.6.1", to: files, intent: LibraryVersionIntent.id)
        let after = upgraded.effectiveConfiguration(target: nil).configuration["resources"]?["jobs"]
        XCTAssertEqual(after?["train"]?["tasks"]?.sequence?.first?["libraries"]?.sequence?.first?["pypi"]?["package"]?.string, "scikit-learn==1.6.1")
        XCTAssertEqual(after?["score"]?["environments"]?.sequence?.first?["spec"]?["dependencies"]?.sequence?.compactMap(\.string), ["scikit-learn==1.6.1", "pandas"])
        let (outcome, _) = try InMemoryPlanning.outcome("remove the polars dependency", on: files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("installs polars"), reason)
    }

    /// vessel-callings: "run the position index job on a job cluster with 4 workers instead of the
    /// all-purpose cluster": its tasks leave the all-purpose cluster for the new one, of the size asked
    /// and of the default target's cloud (another target deploys to Azure).
    func testAJobOnAnAllPurposeClusterMovesToAJobCluster() throws {
        let files = ["databricks.yml": """
            bundle: {name: vessels}
            variables:
              cluster_id: {default: 0101-120000-abcdefgh}
            resources:
              jobs:
                position_index:
                  name: position index
                  tasks:
                    - task_key: index_positions
                      existing_cluster_id: ${var.cluster_id}
                      notebook_task: {notebook_path: ./index.py}
            targets:
              dev:
                default: true
                workspace: {host: https://dbc-1234.cloud.databricks.com}
              azure:
                workspace: {host: https://adb-984752964297111.11.azuredatabricks.net}
            """, "index.py": "# Databricks notebook source\n"]
        let (plan, bundle) = try InMemoryPlanning.apply("run the position index job on a job cluster with 4 workers instead of the all-purpose cluster",
                                                        to: files, intent: ServerlessIntent.id)
        let job = bundle.configuration["resources"]?["jobs"]?["position_index"]
        let task = job?["tasks"]?.sequence?.first
        XCTAssertNil(task?["existing_cluster_id"], plan.summary)
        XCTAssertEqual(task?["job_cluster_key"]?.string, "job_cluster")
        let cluster = job?["job_clusters"]?.sequence?.first?["new_cluster"]
        XCTAssertEqual(cluster?["num_workers"]?.string, "4")
        XCTAssertEqual(cluster?["node_type_id"]?.string, "i3.xlarge")
    }
}
