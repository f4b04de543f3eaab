@testable import BundleAgent
import BundleModel
import BundleValidation
import XCTest

/// A Databricks App and what it may use (knowledge_base/databricks_app): "let the app read the secret
/// …" adds an entry to the app's `resources`, never a group called "app" to its permissions; people's
/// access to the app stays in `permissions`; its description and name change where they are written.
final class AppResourceTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: databricks_app}
        include: [resources/*.yml]
        variables:
          warehouse_id:
            description: The SQL warehouse the dashboards use
            default: 744f096837fddbb4
        targets:
          dev: {mode: development, default: true}
          prod: {mode: production, workspace: {root_path: /Workspace/Shared/.bundle/app}}
        """,
        "resources/hello_world.job.yml": """
        resources:
          jobs:
            hello_world:
              name: Serverless Hello World job
              tasks:
                - task_key: task
                  spark_python_task: {python_file: ../src/job/main.py}
                  environment_key: default
              environments:
                - environment_key: default
                  spec: {client: "1"}
        """,
        "resources/job_manager.app.yml": """
        resources:
          apps:
            job_manager:
              name: "job-manager"
              description: "App which manages job created by this bundle"
              # The location of the source code for the app.
              source_code_path: ../src/app
              # The resources which this app have an access to.
              resources:
                - name: "app-job"
                  description: "A job for app to be able to work with"
                  job:
                    id: ${resources.jobs.hello_world.id}
                    permission: "CAN_MANAGE_RUN"
        """,
        "src/job/main.py": "print('hello')\n", "src/app/app.py": "print('app')\n",
    ]

    func appResources(_ bundle: LoadedBundle, target: String = "dev") -> [YAMLNode] {
        bundle.effectiveConfiguration(target: target).configuration["resources"]?["apps"]?["job_manager"]?["resources"]?.sequence ?? []
    }

    func added(_ request: String, files: [String: String] = files) throws -> YAMLNode {
        let (_, bundle) = try InMemoryPlanning.apply(request, to: files, intent: AppResourceIntent.id)
        let resources = appResources(bundle)
        XCTAssertEqual(resources.count, 2, request)
        XCTAssertEqual(resources.first?["name"]?.string, "app-job", "the entry that was there stays first: \(request)")
        return try XCTUnwrap(resources.last, request)
    }

    func testASecretIsAddedWhateverWayItsScopeAndKeyAreWritten() throws {
        for request in ["let the app read the secret etl/api_token", "let the app read the secret scope etl key api_token",
                        "give the app access to the api_token key in the etl scope", "the app needs the secret {{secrets/etl/api_token}}",
                        "allow the job manager app to read secret etl/api_token"] {
            let entry = try added(request)
            XCTAssertEqual(entry["name"]?.string, "secret", request)
            XCTAssertEqual(entry["secret"]?["scope"]?.string, "etl", request)
            XCTAssertEqual(entry["secret"]?["key"]?.string, "api_token", request)
            XCTAssertEqual(entry["secret"]?["permission"]?.string, "READ", request)
        }
        XCTAssertEqual(try added("let the app write the secret etl/api_token")["secret"]?["permission"]?.string, "WRITE")
    }

    func testWarehousesEndpointsVolumesAndTables() throws {
        // The bundle's variable names the warehouse; an id written wins over it.
        let (_, written) = try InMemoryPlanning.outcome("let the app use the sql warehouse", on: Self.files)
        XCTAssertTrue(written["resources/job_manager.app.yml"]!.contains("        - name: sql-warehouse\n          sql_warehouse:\n            id: ${var.warehouse_id}\n            permission: CAN_USE"),
                      written["resources/job_manager.app.yml"]!)
        var entry = try added("let the app use the sql warehouse")
        XCTAssertEqual(entry["sql_warehouse"]?["id"]?.string, "744f096837fddbb4", "the variable's default")
        XCTAssertEqual(entry["sql_warehouse"]?["permission"]?.string, "CAN_USE")
        XCTAssertEqual(entry["name"]?.string, "sql-warehouse")
        entry = try added("let the app use the warehouse 0123456789abcdef")
        XCTAssertEqual(entry["sql_warehouse"]?["id"]?.string, "0123456789abcdef")

        entry = try added("let the app query the serving endpoint databricks-claude-sonnet-4")
        XCTAssertEqual(entry["serving_endpoint"]?["name"]?.string, "databricks-claude-sonnet-4")
        XCTAssertEqual(entry["serving_endpoint"]?["permission"]?.string, "CAN_QUERY")

        entry = try added("let the app write to the volume main.raw.landing")
        XCTAssertEqual(entry["uc_securable"]?["securable_full_name"]?.string, "main.raw.landing")
        XCTAssertEqual(entry["uc_securable"]?["securable_type"]?.string, "VOLUME")
        XCTAssertEqual(entry["uc_securable"]?["permission"]?.string, "WRITE_VOLUME")

        entry = try added("the app needs to read the table main.sales.orders")
        XCTAssertEqual(entry["uc_securable"]?["securable_type"]?.string, "TABLE")
        XCTAssertEqual(entry["uc_securable"]?["permission"]?.string, "SELECT")
    }

    /// The job the app already has: its permission changes in place; asked again, nothing to do;
    /// removed, the app's resources go (it was the only one).
    func testTheJobItAlreadyHasChangesInPlaceOrGoes() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("let the app only view the hello world job", to: Self.files, intent: AppResourceIntent.id)
        XCTAssertEqual(appResources(bundle).count, 1)
        XCTAssertEqual(appResources(bundle).first?["job"]?["permission"]?.string, "CAN_VIEW", plan.summary)

        let (again, _) = try InMemoryPlanning.outcome("give the app access to the hello world job", on: Self.files)
        guard case .refused(let reason) = again else { return XCTFail("\(again)") }
        XCTAssertTrue(PlanOutcome.isAsAsked(reason), reason)

        let (_, removed) = try InMemoryPlanning.apply("remove the hello world job from the app's resources", to: Self.files, intent: AppResourceIntent.id)
        XCTAssertTrue(appResources(removed).isEmpty)
        let text = try XCTUnwrap(try InMemoryPlanning.outcome("remove the hello world job from the app's resources", on: Self.files).1["resources/job_manager.app.yml"])
        XCTAssertTrue(text.contains("# The location of the source code for the app.\n      source_code_path: ../src/app\n"), text)
        XCTAssertFalse(text.contains("app-job"), text)
    }

    /// "remove the sql-warehouse resource from the app" (webdemocracy): the entry of that name goes,
    /// never the app; a name that matches no entry asks which one.
    func testAnEntryRemovedByItsNameNeverTheApp() throws {
        let files = try InMemoryPlanning.outcome("let the app use the sql warehouse", on: Self.files).1
        for request in ["remove the sql-warehouse resource from the app", "delete the sql-warehouse resource from the job manager app"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files, intent: AppResourceIntent.id)
            XCTAssertNotNil(bundle.configuration["resources"]?["apps"]?["job_manager"], request)
            XCTAssertEqual(appResources(bundle).compactMap { $0["name"]?.string }, ["app-job"], request)
            XCTAssertTrue(plan.summary.hasPrefix("Removed the resource sql-warehouse (a sql warehouse) from app job_manager"), plan.summary)
        }
        let (outcome, _) = try InMemoryPlanning.outcome("remove the db resource from the app", on: files)
        guard case .clarify(_, let choices) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(choices, ["remove the app-job resource from the app", "remove the sql-warehouse resource from the app"])
    }

    /// A second secret gets a name of its own: the app's code tells them apart.
    func testASecondSecretGetsItsOwnName() throws {
        var files = Self.files
        let (first, _) = try InMemoryPlanning.outcome("let the app read the secret etl/api_token", on: files)
        guard case .plan = first else { return XCTFail("\(first)") }
        files = try InMemoryPlanning.outcome("let the app read the secret etl/api_token", on: files).1
        let (_, bundle) = try InMemoryPlanning.apply("let the app read the secret etl/db_password", to: files, intent: AppResourceIntent.id)
        XCTAssertEqual(appResources(bundle).compactMap { $0["name"]?.string }, ["app-job", "secret", "secret-db-password"])
    }

    /// People's access to the app is its permissions; the app's own access is never a group's.
    func testAccessForPeopleIsPermissionsAndNeverAGroupCalledApp() throws {
        let (_, bundle) = try InMemoryPlanning.apply("let the group app-users use the app", to: Self.files, intent: PermissionIntent.id)
        let permissions = bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["apps"]?["job_manager"]?["permissions"]?.sequence ?? []
        XCTAssertEqual(permissions.map { "\($0["group_name"]?.string ?? "-"):\($0["level"]?.string ?? "-")" }, ["app-users:CAN_USE"])
        for request in ["let the app read the secrets", "let the app read the secret"] {
            let (outcome, _) = try InMemoryPlanning.outcome(request, on: Self.files)
            guard case .clarify(let question, _) = outcome else { return XCTFail("\(request): \(outcome)") }
            XCTAssertTrue(question.contains("scope and key"), question)
        }
        XCTAssertNil(PermissionIntent.groupNamedPlainly(RequestText("let the app see the logs"), original: ["let", "the", "app", "see", "the", "logs"]))
    }

    func testTheAppsDescriptionAndName() throws {
        var (plan, bundle) = try InMemoryPlanning.apply("change the app description to 'Starts and watches the hello world job'", to: Self.files, intent: JobNameIntent.id)
        let app = { (bundle: LoadedBundle) in bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["apps"]?["job_manager"] }
        XCTAssertEqual(app(bundle)?["description"]?.string, "Starts and watches the hello world job", plan.summary)
        (plan, bundle) = try InMemoryPlanning.apply("rename the app to job-console", to: Self.files, intent: JobNameIntent.id)
        XCTAssertEqual(app(bundle)?["name"]?.string, "job-console")
        XCTAssertTrue(plan.summary.contains("replaces it"), plan.summary)
        let (outcome, _) = try InMemoryPlanning.outcome("rename the app to 'Job Console'", on: Self.files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("\"job-console\""), reason)
    }

    func testASchemasCommentIsItsDescription() throws {
        let files = ["databricks.yml": """
            bundle: {name: lake}
            resources:
              schemas:
                gold:
                  catalog_name: main
                  name: gold
                  comment: Curated tables
            targets:
              dev: {default: true}
            """]
        for request in ["set the comment of the gold schema to 'Tables for the BI dashboards'", "describe the gold schema as \"Tables for the BI dashboards\""] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files, intent: JobNameIntent.id)
            XCTAssertEqual(bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["schemas"]?["gold"]?["comment"]?.string,
                           "Tables for the BI dashboards", request)
        }
        // Its name is the schema's, not that of a pipeline publishing to it.
        let withPipeline = ["databricks.yml": """
            bundle: {name: lake}
            resources:
              schemas:
                gold:
                  catalog_name: main
                  name: gold
              pipelines:
                silver:
                  name: silver
                  catalog: main
                  schema: ${resources.schemas.gold.name}
                  serverless: true
                  libraries: [{file: {path: ./silver.py}}]
            targets:
              dev: {default: true}
            """, "silver.py": "import dlt\n"]
        for request in ["rename the schema to gold_v2", "change the schema name to gold_v2", "rename the gold schema to gold_v2"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: withPipeline, intent: JobNameIntent.id)
            let resources = bundle.effectiveConfiguration(target: "dev").configuration["resources"]
            XCTAssertEqual(resources?["schemas"]?["gold"]?["name"]?.string, "gold_v2", request)
            XCTAssertEqual(resources?["pipelines"]?["silver"]?["name"]?.string, "silver", request)
            XCTAssertTrue(plan.summary.contains("replaces it"), plan.summary)
        }
    }
}
