@testable import BundleAgent
import BundleModel
import XCTest

/// A model serving endpoint and a SQL warehouse the bundle defines, changed as users ask: what the
/// endpoint serves and on what, and the warehouse's size, auto stop and scaling (per target too).
final class ServingAndWarehouseTests: XCTestCase {
    static let files = ["databricks.yml": """
        bundle:
          name: serving

        resources:
          model_serving_endpoints:
            chat:
              name: chat-endpoint
              config:
                served_entities:
                  # The chat model, pinned.
                  - entity_name: main.models.chat
                    entity_version: "3"
                    workload_size: Small
                    scale_to_zero_enabled: false
          sql_warehouses:
            analytics:
              name: analytics
              cluster_size: Small
              auto_stop_mins: 30
              max_num_clusters: 1
              enable_serverless_compute: true

        targets:
          dev:
            default: true
          prod:
            mode: production
            workspace:
              root_path: /Workspace/Shared/.bundle/serving
        """]

    func value(_ bundle: LoadedBundle, _ path: String, target: String = "dev") -> String? {
        PhrasingTableTests.value(at: path, in: YAMLNode(.mapping(bundle.effectiveConfiguration(target: target).configuration), at: SourceLocation(file: "", line: 1, column: 1)))
    }

    func testEndpointPhrasings() throws {
        func entity(_ bundle: LoadedBundle) -> YAMLNode? {
            bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["model_serving_endpoints"]?["chat"]?["config"]?["served_entities"]?.sequence?.first
        }
        let cases: [(String, String, String)] = [
            ("enable scale to zero on the endpoint", "scale_to_zero_enabled", "true"),
            ("let the chat endpoint scale to zero", "scale_to_zero_enabled", "true"),
            ("set the workload size to Medium", "workload_size", "Medium"),
            ("serve version 4 of the model", "entity_version", "4"),
            ("use GPU_SMALL for the endpoint", "workload_type", "GPU_SMALL"),
            ("update the endpoint to model version 5", "entity_version", "5"),
            ("use GPU medium for the serving endpoint", "workload_type", "GPU_MEDIUM"),
        ]
        // "use GPU small" changed the size too (Medium became Small): the size word names the type.
        var medium = Self.files
        medium["databricks.yml"] = medium["databricks.yml"]!.replacingOccurrences(of: "workload_size: Small", with: "workload_size: Medium")
        let (gpu, onGPU) = try InMemoryPlanning.apply("use GPU small for the serving endpoint", to: medium, intent: ServingEndpointIntent.id)
        XCTAssertEqual(entity(onGPU)?["workload_type"]?.string, "GPU_SMALL", gpu.summary)
        XCTAssertEqual(entity(onGPU)?["workload_size"]?.string, "Medium", gpu.summary)
        // A size there is not: said, with the sizes there are.
        let gigantic = OfflinePlanner().plan(PlanningContext(bundle: try BundleLoader(source: InMemoryFileSource(texts: Self.files)).load(),
                                                             request: RequestText("set the endpoint workload size to Gigantic")))
        guard case .refused(let reason) = gigantic, reason.contains("Gigantic is no workload size"), reason.contains("Small, Medium, Large") else {
            return XCTFail("\(gigantic)")
        }
        for (request, field, expected) in cases {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.files, intent: ServingEndpointIntent.id)
            XCTAssertEqual(entity(bundle)?[field]?.scalar?.text, expected, request)
            XCTAssertEqual(entity(bundle)?["entity_name"]?.string, "main.models.chat", request)
        }
        let (_, written) = try InMemoryPlanning.outcome("enable scale to zero on the endpoint", on: Self.files)
        XCTAssertTrue(written["databricks.yml"]!.contains("          # The chat model, pinned.\n          - entity_name: main.models.chat\n"), written["databricks.yml"]!)
        // "cpu" in a library request names an environment, not a workload type.
        XCTAssertEqual(ServingEndpointIntent.score(RequestText("add the dependency huggingface_hub==0.25.0 to the cpu environment")), 0)
        let (again, _) = try InMemoryPlanning.outcome("disable scale to zero", on: Self.files)
        guard case .refused(let reason) = again else { return XCTFail("\(again)") }
        XCTAssertTrue(PlanOutcome.isAsAsked(reason), reason)
    }

    func testWarehousePhrasings() throws {
        let warehouse = "resources.sql_warehouses.analytics"
        let cases: [(String, [String: String])] = [
            ("stop the warehouse after 10 minutes idle", ["auto_stop_mins": "10"]),
            ("make the analytics warehouse Medium", ["cluster_size": "Medium"]),
            ("a bigger warehouse", ["cluster_size": "Medium"]),
            ("let the warehouse scale to 3 clusters", ["max_num_clusters": "3"]),
            ("the warehouse should keep at least 2 clusters", ["min_num_clusters": "2", "max_num_clusters": "2"]),
            ("set the warehouse size to 2X-Small and stop it after 5 minutes", ["cluster_size": "2X-Small", "auto_stop_mins": "5"]),
        ]
        for (request, expected) in cases {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.files, intent: SQLWarehouseSettingsIntent.id)
            for (field, v) in expected { XCTAssertEqual(value(bundle, "\(warehouse).\(field)"), v, "\(request): \(field)") }
        }
        // A target's own size; the others keep theirs.
        let (_, bundle) = try InMemoryPlanning.apply("make the warehouse Large in prod", to: Self.files, intent: SQLWarehouseSettingsIntent.id)
        XCTAssertEqual(value(bundle, "\(warehouse).cluster_size", target: "prod"), "Large")
        XCTAssertEqual(value(bundle, "\(warehouse).cluster_size", target: "dev"), "Small")
        // Below the least auto stop: said.
        let (outcome, _) = try InMemoryPlanning.outcome("stop the warehouse after 2 minutes", on: Self.files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(reason, "a serverless SQL warehouse stops after 5 idle minutes at the least (0 never stops it)")
    }
}

/// Words of a name with another ending, a kind the words say, people's access to a warehouse, a
/// dashboard's name, a job on an all-purpose cluster moved to serverless.
final class NamingAndKindTests: XCTestCase {
    static let files = ["databricks.yml": """
        bundle: {name: ops}
        resources:
          jobs:
            monitor_app_job:
              name: monitor-app
              tasks:
                - task_key: check
                  existing_cluster_id: ${resources.clusters.monitoring_cluster.id}
                  notebook_task: {notebook_path: ./n.py}
            e2e_test_job:
              name: e2e
              tasks:
                - task_key: run
                  notebook_task: {notebook_path: ./n.py}
          clusters:
            monitoring_cluster:
              cluster_name: browser-monitoring
              spark_version: 15.4.x-scala2.12
              node_type_id: i3.xlarge
              num_workers: 1
          sql_warehouses:
            payment_analysis_warehouse:
              name: payment analysis
              cluster_size: Small
          apps:
            payment_analysis_app:
              name: payment-analysis
              source_code_path: ./app
          dashboards:
            ops:
              display_name: Operations
              file_path: ./ops.lvdash.json
              warehouse_id: abcdef1234567890
        targets:
          dev: {default: true}
        """, "n.py": "# Databricks notebook source\n", "app/app.py": "print(1)\n", "ops.lvdash.json": "{}\n"]

    func resources(_ bundle: LoadedBundle) -> YAMLNode? { bundle.effectiveConfiguration(target: "dev").configuration["resources"] }

    func testNamesKindsAndPeople() throws {
        var (_, bundle) = try InMemoryPlanning.apply("set a 1 hour timeout on the monitoring job", to: Self.files)
        XCTAssertEqual(resources(bundle)?["jobs"]?["monitor_app_job"]?["timeout_seconds"]?.scalar?.text, "3600")
        XCTAssertNil(resources(bundle)?["jobs"]?["e2e_test_job"]?["timeout_seconds"])
        (_, bundle) = try InMemoryPlanning.apply("give group analysts CAN_USE on the payment analysis warehouse", to: Self.files, intent: PermissionIntent.id)
        XCTAssertEqual(resources(bundle)?["sql_warehouses"]?["payment_analysis_warehouse"]?["permissions"]?.sequence?.first?["group_name"]?.string, "analysts")
        (_, bundle) = try InMemoryPlanning.apply("let the group analysts use the warehouse", to: Self.files, intent: PermissionIntent.id)
        XCTAssertEqual(resources(bundle)?["sql_warehouses"]?["payment_analysis_warehouse"]?["permissions"]?.sequence?.first?["level"]?.string, "CAN_USE")
        (_, bundle) = try InMemoryPlanning.apply("rename the dashboard to \"Ops Overview\"", to: Self.files, intent: JobNameIntent.id)
        XCTAssertEqual(resources(bundle)?["dashboards"]?["ops"]?["display_name"]?.string, "Ops Overview")
        (_, bundle) = try InMemoryPlanning.apply("switch the monitor job to serverless", to: Self.files, intent: ServerlessIntent.id)
        XCTAssertNil(resources(bundle)?["jobs"]?["monitor_app_job"]?["tasks"]?.sequence?.first?["existing_cluster_id"])
    }
}
