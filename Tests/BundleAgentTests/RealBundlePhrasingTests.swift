@testable import BundleAgent
import BundleModel
import XCTest

/// Requests that real public bundles showed planned wrong (a value cut short, a host copied from
/// another target, a job's cluster changed for the pipeline's, a job named by a kind's plural, a task
/// renamed as its job, a grantee taken from a volume's name, a downgrade called an upgrade).
final class RealBundlePhrasingTests: XCTestCase {
    static let files = ["databricks.yml": """
        bundle: {name: payments}
        variables:
          header_text: {default: Hello World}
          config_path: {default: ../config/model_config.yaml}
        resources:
          jobs:
            job_4_deploy_dashboards:
              name: deploy dashboards
              tasks:
                - task_key: train_model
                  notebook_task: {notebook_path: ./n.py, base_parameters: {header: "${var.header_text}", config: "${var.config_path}"}}
                  job_cluster_key: main
              job_clusters:
                - job_cluster_key: main
                  new_cluster: {spark_version: 17.3.x-scala2.13, node_type_id: i3.xlarge, num_workers: 1}
          pipelines:
            etl:
              name: etl
              catalog: main
              schema: raw
              libraries: [{file: {path: ./p.py}}]
              clusters:
                - label: default
                  node_type_id: i3.xlarge
                  num_workers: 2
          dashboards:
            sales:
              display_name: Sales
              file_path: ./sales.lvdash.json
              warehouse_id: abcdef1234567890
            ops:
              display_name: Ops
              file_path: ./ops.lvdash.json
              warehouse_id: abcdef1234567890
          volumes:
            raw_data_volume:
              catalog_name: main
              schema_name: raw
              name: raw_data
        targets:
          dev:
            default: true
            workspace: {host: https://adb-1111111111111111.1.azuredatabricks.net}
          prod:
            mode: production
            workspace: {host: https://adb-2222222222222222.2.azuredatabricks.net, root_path: /Workspace/Shared/.bundle/payments}
        """, "n.py": "# Databricks notebook source\n", "p.py": "import dlt\n", "sales.lvdash.json": "{}\n", "ops.lvdash.json": "{}\n"]

    func written(_ request: String) throws -> String {
        let (outcome, files) = try InMemoryPlanning.outcome(request, on: Self.files)
        guard case .plan = outcome else { XCTFail("\(request): \(outcome)"); return "" }
        return files["databricks.yml"]!
    }

    func testQuotedValuesAndRelativePathsStayWhole() throws {
        XCTAssertTrue(try written("set header_text to \"Hello Prod\" in prod").contains("      header_text: Hello Prod"))
        XCTAssertTrue(try written("set the config_path variable to ../config/prod.yaml in prod").contains("      config_path: ../config/prod.yaml"))
    }

    func testANewTargetGetsTheHostAskedFor() throws {
        let text = try written("add a staging target with host https://adb-3333333333333333.3.azuredatabricks.net")
        XCTAssertTrue(text.contains("  staging:\n    mode: production\n    workspace:\n      host: https://adb-3333333333333333.3.azuredatabricks.net\n"), text)
    }

    func testThePipelinesOwnClusterAndEveryDashboard() throws {
        let (_, bundle) = try InMemoryPlanning.apply("use a larger node type for the pipeline", to: Self.files, intent: NodeTypeIntent.id)
        let resources = bundle.effectiveConfiguration(target: "dev").configuration["resources"]
        XCTAssertEqual(resources?["pipelines"]?["etl"]?["clusters"]?.sequence?.first?["node_type_id"]?.string, "i3.2xlarge")
        XCTAssertEqual(resources?["jobs"]?["job_4_deploy_dashboards"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["node_type_id"]?.string, "i3.xlarge")

        let (_, granted) = try InMemoryPlanning.apply("let the group data-analysts view the dashboards", to: Self.files, intent: PermissionIntent.id)
        let after = granted.effectiveConfiguration(target: "dev").configuration["resources"]
        for dashboard in ["sales", "ops"] {
            XCTAssertEqual(after?["dashboards"]?[dashboard]?["permissions"]?.sequence?.first?["level"]?.string, "CAN_READ", dashboard)
        }
        XCTAssertNil(after?["jobs"]?["job_4_deploy_dashboards"]?["permissions"])
    }

    func testATaskRenamedByItsKeyAndAVolumeNamedInWords() throws {
        let (_, renamed) = try InMemoryPlanning.apply("rename train_model to train", to: Self.files)
        let job = renamed.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["job_4_deploy_dashboards"]
        XCTAssertEqual(job?["tasks"]?.sequence?.first?["task_key"]?.string, "train")
        XCTAssertEqual(job?["name"]?.string, "deploy dashboards")

        XCTAssertTrue(try written("let data-engineers write to the raw data volume").contains("        - principal: data-engineers\n"))
    }

    func testAnUpgradeLeavesNewerRuntimes() throws {
        let (outcome, _) = try InMemoryPlanning.outcome("upgrade all clusters to 16.4 LTS", on: Self.files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(PlanOutcome.isAsAsked(reason), reason)
    }
}
