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
        // A variable's name written as words: "the config path variable" is config_path.
        XCTAssertTrue(try written("set the config path variable to ./prod.yaml in prod").contains("      config_path: ./prod.yaml"))
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

    /// A paused job stays paused when it gets a new time, and says so; a path written as the job file
    /// writes it is the bundle's file; an app's identity is not run_as.
    func testPausedSchedulesPathsFromTheJobFileAndAppsRunAs() throws {
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "      name: deploy dashboards\n", with:
            "      name: deploy dashboards\n      trigger:\n        pause_status: PAUSED  # replaced by another scheduler\n        periodic: {interval: 3, unit: DAYS}\n")
        let (outcome, written) = try InMemoryPlanning.outcome("run the deploy dashboards job every day at 5am", on: files)
        guard case .plan(let plan) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(plan.summary.contains("it is paused, as the trigger it replaces was"), plan.summary)
        XCTAssertTrue(written["databricks.yml"]!.contains("      schedule:\n        quartz_cron_expression: 0 0 5 * * ?\n        timezone_id: UTC\n        pause_status: PAUSED\n"), written["databricks.yml"]!)

        let (task, _) = try InMemoryPlanning.outcome("add a task report after train_model that runs ./report.py", on: Self.files)
        guard case .plan(let added) = task else { return XCTFail("\(task)") }
        XCTAssertTrue(added.createdFiles.contains("report.py"), "\(added.createdFiles)")

        let app = ["databricks.yml": "bundle: {name: a}\nresources:\n  apps:\n    web:\n      name: web\n      source_code_path: ./app\n", "app/app.py": "print(1)\n"]
        let (refused, _) = try InMemoryPlanning.outcome("run the app as service principal 6f1c3a52-0000-4000-8000-000000000001", on: app)
        guard case .refused(let reason) = refused else { return XCTFail("\(refused)") }
        XCTAssertTrue(reason.hasPrefix("an app runs as its own service principal"), reason)
    }

    func testAnUpgradeLeavesNewerRuntimes() throws {
        let (outcome, _) = try InMemoryPlanning.outcome("upgrade all clusters to 16.4 LTS", on: Self.files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(PlanOutcome.isAsAsked(reason), reason)
    }
}

/// A principal's grants revoked by name, a job parameter removed (or kept while a task reads it), and
/// "only" with others who have access.
final class RevokeAndRemoveTests: XCTestCase {
    static let files = ["databricks.yml": """
        bundle: {name: agents}
        resources:
          schemas:
            agents_schema:
              catalog_name: main
              name: agents
              grants:
                - principal: users
                  privileges: [USE_SCHEMA]
                - principal: admins
                  privileges: [ALL_PRIVILEGES]
          jobs:
            machine_load:
              name: machine load
              parameters:
                - name: log_subdir
                  default: data_generator
                - name: num_machines
                  default: "10"
              tasks:
                - task_key: load
                  notebook_task: {notebook_path: ./n.py, base_parameters: {dir: "{{job.parameters.log_subdir}}"}}
          apps:
            web:
              name: web
              source_code_path: ./app
              permissions:
                - level: CAN_USE
                  group_name: users
        targets:
          dev: {default: true}
        """, "n.py": "# Databricks notebook source\n", "app/app.py": "print(1)\n"]

    func testRevokesRemovalsAndOnly() throws {
        let (_, revoked) = try InMemoryPlanning.apply("revoke the users grant on the agents schema", to: Self.files, intent: GrantIntent.id)
        let grants = revoked.effectiveConfiguration(target: "dev").configuration["resources"]?["schemas"]?["agents_schema"]?["grants"]?.sequence ?? []
        XCTAssertEqual(grants.compactMap { $0["principal"]?.string }, ["admins"])

        let (_, removed) = try InMemoryPlanning.apply("remove the num_machines parameter from machine_load", to: Self.files, intent: JobParameterIntent.id)
        XCTAssertEqual((removed.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["machine_load"]?["parameters"]?.sequence ?? []).compactMap { $0["name"]?.string },
                       ["log_subdir"])
        let (used, _) = try InMemoryPlanning.outcome("remove the log_subdir parameter from machine_load", on: Self.files)
        guard case .refused(let reason) = used else { return XCTFail("\(used)") }
        XCTAssertTrue(reason.hasPrefix("job machine_load still reads {{job.parameters.log_subdir}}"), reason)

        let (only, _) = try InMemoryPlanning.outcome("only let the group engineers use the app", on: Self.files)
        guard case .clarify(let question, _) = only else { return XCTFail("\(only)") }
        XCTAssertTrue(question.hasPrefix("App web also grants group users (CAN_USE)"), question)
    }
}

/// The words of an e-mail address name nothing: "oncall@example.com" is not the example pipeline.
final class AddressWordsTests: XCTestCase {
    func testAnAddressNamesNoResource() throws {
        let files = ["databricks.yml": """
            bundle: {name: example}
            resources:
              pipelines:
                example_pipeline:
                  name: Example of a pipeline with a schema
                  catalog: main
                  schema: ${resources.schemas.example_schema.name}
                  serverless: true
                  libraries: [{file: {path: ./p.py}}]
              schemas:
                example_schema: {catalog_name: main, name: example_schema}
            targets:
              dev: {default: true}
            """, "p.py": "import dlt\n"]
        let (outcome, _) = try InMemoryPlanning.outcome("add an email notification to oncall@example.com when the job fails", on: files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(reason, "this bundle defines no job; it has pipeline example_pipeline")
    }
}
