@testable import BundleModel
import XCTest

final class TargetMergeTests: XCTestCase {
    static let bundleText = """
    bundle:
      name: demo
    workspace:
      host: https://example.cloud.databricks.com
      root_path: /Workspace/Shared/demo
    run_as:
      user_name: someone@example.com
    resources:
      jobs:
        etl:
          name: etl
          tags:
            team: data
          job_clusters:
            - job_cluster_key: main
              new_cluster:
                spark_version: 15.4.x-scala2.12
                num_workers: 4
          tasks:
            - task_key: ingest
              job_cluster_key: main
              notebook_task:
                notebook_path: /Workspace/ingest
          email_notifications:
            on_failure: [a@example.com]
    targets:
      dev:
        default: true
        mode: development
        resources:
          jobs:
            etl:
              job_clusters:
                - job_cluster_key: main
                  new_cluster:
                    num_workers: 1
              tasks:
                - task_key: ingest
                  timeout_seconds: 60
                - task_key: extra
                  notebook_task:
                    notebook_path: /Workspace/extra
              email_notifications:
                on_failure: [b@example.com]
      prod:
        mode: production
        workspace:
          host: https://prod.cloud.databricks.com
        run_as:
          service_principal_name: 6f1c3a52-0000-4000-8000-000000000001
    """

    func bundle() throws -> LoadedBundle {
        try BundleLoader(source: InMemoryFileSource(texts: ["databricks.yml": Self.bundleText])).load()
    }

    func testListsWithIdentityMergeByKeyOthersConcatenate() throws {
        let dev = try bundle().effectiveConfiguration(target: "dev")
        let job = try XCTUnwrap(dev["resources"]?["jobs"]?["etl"])
        let cluster = try XCTUnwrap(job["job_clusters"]?.sequence)
        XCTAssertEqual(cluster.count, 1, "job_clusters merge by job_cluster_key")
        XCTAssertEqual(cluster[0]["new_cluster"]?["num_workers"]?.scalar?.value, .int(1))
        XCTAssertEqual(cluster[0]["new_cluster"]?["spark_version"]?.string, "15.4.x-scala2.12", "maps merge recursively")
        let tasks = try XCTUnwrap(job["tasks"]?.sequence)
        XCTAssertEqual(tasks.compactMap { $0["task_key"]?.string }, ["ingest", "extra"], "tasks merge by task_key")
        XCTAssertEqual(tasks[0]["timeout_seconds"]?.scalar?.value, .int(60))
        XCTAssertEqual(tasks[0]["job_cluster_key"]?.string, "main")
        XCTAssertEqual(job["email_notifications"]?["on_failure"]?.sequence?.compactMap(\.string), ["a@example.com", "b@example.com"],
                       "other lists concatenate")
        XCTAssertEqual(job["tags"]?["team"]?.string, "data")
        XCTAssertEqual(dev.mode, "development")
        // Positions point where each value was written: the override in the target.
        XCTAssertEqual(cluster[0]["new_cluster"]?["num_workers"]?.location.line, 36)
    }

    func testTargetOverridesWorkspaceFieldsAndReplacesRunAs() throws {
        let prod = try bundle().effectiveConfiguration(target: "prod")
        XCTAssertEqual(prod["workspace"]?["host"]?.string, "https://prod.cloud.databricks.com")
        XCTAssertEqual(prod["workspace"]?["root_path"]?.string, "/Workspace/Shared/demo", "workspace fields override one by one")
        XCTAssertNil(prod["run_as"]?["user_name"], "run_as is replaced whole")
        XCTAssertNotNil(prod["run_as"]?["service_principal_name"])
        XCTAssertEqual(prod["resources"]?["jobs"]?["etl"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.scalar?.value, .int(4))
    }

    func testTargetSelection() throws {
        let b = try bundle()
        XCTAssertEqual(try TargetSelection.choose(nil, in: b), "dev", "the default target")
        XCTAssertEqual(try TargetSelection.choose("prod", in: b), "prod")
        XCTAssertThrowsError(try TargetSelection.choose("stagign", in: b)) { error in
            XCTAssertEqual("\(error)", "no such target 'stagign'; available: dev, prod")
        }
        XCTAssertThrowsError(try TargetSelection.choose("prd", in: b)) { error in
            XCTAssertEqual("\(error)", "no such target 'prd'; available: dev, prod (did you mean 'prod'?)")
        }
        let only = try BundleLoader(source: InMemoryFileSource(texts: ["databricks.yml": "bundle:\n  name: x\ntargets:\n  staging: {}\n"])).load()
        XCTAssertEqual(try TargetSelection.choose(nil, in: only), "staging", "the only target")
        let none = try BundleLoader(source: InMemoryFileSource(texts: ["databricks.yml": "bundle:\n  name: x\n"])).load()
        XCTAssertNil(try TargetSelection.choose(nil, in: none))
        let two = try BundleLoader(source: InMemoryFileSource(texts: ["databricks.yml": "bundle:\n  name: x\ntargets:\n  a: {}\n  b: {}\n"])).load()
        XCTAssertThrowsError(try TargetSelection.choose(nil, in: two)) { error in
            // The library names the remedy, not a front end's flags (validate adds --target and --all-targets).
            XCTAssertTrue("\(error)".contains("none is marked `default: true`; name the target"), "\(error)")
            XCTAssertFalse("\(error)".contains("--"), "\(error)")
        }
    }
}
