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

    /// oss-lakehouse: `new_cluster: ${var.cluster}` and a target's `new_cluster: {autoscale: …}` for the
    /// same job cluster make one cluster, as the CLI merges job clusters after it resolves variables
    /// (the override replaced the whole cluster here, as if spark_version and the node type were gone).
    func testAKeyedEntryMergesIntoAComplexVariablesValue() throws {
        let text = """
        bundle: {name: lake}
        variables:
          cluster:
            type: complex
            default:
              spark_version: 17.3.x-scala2.13
              node_type_id: Standard_D4ds_v5
              autoscale: {min_workers: 1, max_workers: 2}
        resources:
          jobs:
            medallion:
              name: medallion
              job_clusters:
                - job_cluster_key: main
                  new_cluster: ${var.cluster}
              tasks:
                - task_key: a
                  job_cluster_key: main
                  notebook_task: {notebook_path: /Workspace/a}
        targets:
          dev:
            default: true
            resources:
              jobs:
                medallion:
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster:
                        autoscale: {max_workers: 4}
          prod:
            variables:
              cluster:
                spark_version: 17.3.x-scala2.13
                node_type_id: Standard_D8ds_v5
                autoscale: {min_workers: 2, max_workers: 6}
            resources:
              jobs:
                medallion:
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster:
                        node_type_id: Standard_D16ds_v5
        """
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: ["databricks.yml": text])).load()
        func cluster(_ target: String) -> YAMLNode? {
            bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["medallion"]?["job_clusters"]?.sequence?.first?["new_cluster"]
        }
        XCTAssertEqual(cluster("dev")?["spark_version"]?.string, "17.3.x-scala2.13")
        XCTAssertEqual(cluster("dev")?["autoscale"]?["min_workers"]?.string, "1")
        XCTAssertEqual(cluster("dev")?["autoscale"]?["max_workers"]?.string, "4")
        XCTAssertEqual(cluster("prod")?["node_type_id"]?.string, "Standard_D16ds_v5", "the target's own value of the variable, then its override")
        XCTAssertEqual(cluster("prod")?["autoscale"]?["max_workers"]?.string, "6")
    }

    /// A target's permissions are added to the bundle's (the CLI merges the field, and merging lists
    /// concatenates them); its run_as replaces the bundle's. (The owner of the bundle's permissions
    /// looked removed in prod's diff.)
    func testTargetPermissionsAddToTheBundlesRunAsReplaces() throws {
        let text = """
        bundle: {name: demo}
        run_as: {user_name: someone@example.com}
        permissions:
          - {level: CAN_MANAGE, user_name: owner@example.com}
        targets:
          dev: {default: true}
          prod:
            run_as: {service_principal_name: 6f1c3a52-0000-4000-8000-000000000001}
            permissions:
              - {level: CAN_MANAGE, group_name: admins}
        """
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: ["databricks.yml": text])).load()
        let prod = bundle.effectiveConfiguration(target: "prod").configuration
        XCTAssertEqual(prod["permissions"]?.sequence?.map { $0["user_name"]?.string ?? $0["group_name"]?.string ?? "" }, ["owner@example.com", "admins"])
        XCTAssertNil(prod["run_as"]?["user_name"])
        XCTAssertEqual(bundle.effectiveConfiguration(target: "dev").configuration["permissions"]?.sequence?.count, 1)
    }
}
