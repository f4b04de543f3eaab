@testable import BundleAgent
import BundleModel
import BundleValidation
import XCTest

/// An app's environment variables, where they are written: the app.yaml beside its code (most public
/// app bundles), or `config.env` in the bundle. "set the LOG_LEVEL env var of the app" said the change
/// was a job's (a job cluster's spark_env_vars) or set a bundle variable nothing used.
final class AppEnvironmentTests: XCTestCase {
    static let bundle = """
    bundle: {name: dash}
    include: [resources/*.yml]
    variables:
      log_level: {default: INFO}
    targets:
      dev: {mode: development, default: true}
      prod: {mode: production, workspace: {root_path: /Workspace/Shared/.bundle/dash}}
    """
    static let appYAMLFiles = [
        "databricks.yml": bundle,
        "resources/app.yml": """
        resources:
          apps:
            dash:
              name: dash-app
              source_code_path: ../src/app
        """,
        "src/app/app.yaml": """
        command: ["streamlit", "run", "app.py"]
        # what the app reads
        env:
          - name: DATABRICKS_WAREHOUSE_ID
            valueFrom: sql-warehouse
          - name: LOG_LEVEL
            value: INFO
        """,
        "src/app/app.py": "print('app')\n",
    ]
    static let configFiles = [
        "databricks.yml": bundle,
        "resources/app.yml": """
        resources:
          apps:
            dash:
              name: dash-app
              source_code_path: ../src/app
              config:
                command: ["python", "app.py"]
                env:
                  - name: LOG_LEVEL
                    value: ${var.log_level}
        """,
        "src/app/app.py": "print('app')\n",
    ]

    func edited(_ request: String, _ files: [String: String]) throws -> (Plan, [String: String]) {
        let (outcome, out) = try InMemoryPlanning.outcome(request, on: files)
        guard case .plan(let plan) = outcome else { XCTFail("\(request): \(outcome)"); throw InMemoryPlanning.NotPlanned() }
        let report = try ValidationRequest(targets: .all).run(source: InMemoryFileSource(texts: out))
        XCTAssertEqual(report.errors, 0, "\(request): \(report.diagnostics.map(\.summary))")
        return (plan, out)
    }

    func env(_ text: String?) -> [String: String] {
        let root = YAMLComposer(file: "app.yaml").compose(text ?? "").root
        var out: [String: String] = [:]
        for entry in root?["env"]?.sequence ?? [] { out[entry["name"]!.string!] = entry["value"]?.string ?? "from " + (entry["valueFrom"]?.string ?? "?") }
        return out
    }

    func testTheAppYAMLBesideTheCodeIsWhereTheEnvironmentChanges() throws {
        for request in ["set the LOG_LEVEL env var of the app to DEBUG", "set the env var LOG_LEVEL=DEBUG on the app",
                        "set LOG_LEVEL to DEBUG for the app", "set env var log_level to DEBUG on the app"] {
            let (plan, out) = try edited(request, Self.appYAMLFiles)
            XCTAssertEqual(env(out["src/app/app.yaml"]), ["DATABRICKS_WAREHOUSE_ID": "from sql-warehouse", "LOG_LEVEL": "DEBUG"], request)
            XCTAssertTrue(out["src/app/app.yaml"]!.contains("# what the app reads"), request)
            XCTAssertEqual(out["databricks.yml"], Self.bundle, "\(request): the variable log_level is not the app's")
            XCTAssertEqual(plan.resource, ResourceReference(type: "apps", key: "dash"))
        }
        let (_, added) = try edited("add the env var FEATURE_X=1 to the app", Self.appYAMLFiles)
        XCTAssertEqual(env(added["src/app/app.yaml"])["FEATURE_X"], "1")
        XCTAssertTrue(added["src/app/app.yaml"]!.contains("value: \"1\""), "a string, as app.yaml's values are")
        let (_, removed) = try edited("remove the environment variable LOG_LEVEL from the app", Self.appYAMLFiles)
        XCTAssertEqual(env(removed["src/app/app.yaml"]), ["DATABRICKS_WAREHOUSE_ID": "from sql-warehouse"])
        // What the workspace gives the app, and a value that one target alone cannot have, are refused with the way to do it.
        guard case .refused(let from) = try InMemoryPlanning.outcome("set the env var DATABRICKS_WAREHOUSE_ID=abc on the app", on: Self.appYAMLFiles).0 else { return XCTFail() }
        XCTAssertTrue(from.contains("valueFrom") && from.contains("sql-warehouse"), from)
        guard case .refused(let prod) = try InMemoryPlanning.outcome("set LOG_LEVEL=DEBUG on the app in prod", on: Self.appYAMLFiles).0 else { return XCTFail() }
        XCTAssertTrue(prod.contains("src/app/app.yaml") && prod.contains("every target"), prod)
    }

    func testConfigEnvInTheBundleAndItsVariables() throws {
        func effective(_ files: [String: String], _ target: String) throws -> YAMLNode? {
            try BundleLoader(source: InMemoryFileSource(texts: files)).load().effectiveConfiguration(target: target).configuration["variables"]?["log_level"]
        }
        // A value read from a variable: the variable, for the target the words name.
        let (_, prod) = try edited("set LOG_LEVEL to WARNING for the app in prod", Self.configFiles)
        XCTAssertEqual(prod["resources/app.yml"], Self.configFiles["resources/app.yml"])
        XCTAssertTrue(prod["databricks.yml"]!.contains("log_level: WARNING"), prod["databricks.yml"]!)
        let (_, added) = try edited("add env var TZ=UTC to the app", Self.configFiles)
        let app = try BundleLoader(source: InMemoryFileSource(texts: added)).load().configuration["resources"]?["apps"]?["dash"]
        XCTAssertEqual(app?["config"]?["env"]?.sequence?.compactMap { $0["name"]?.string }, ["LOG_LEVEL", "TZ"])
        XCTAssertEqual(app?["config"]?["env"]?.sequence?.last?["value"]?.string, "UTC")
        // An app with neither gets config.env.
        var bare = Self.configFiles
        bare["resources/app.yml"] = "resources:\n  apps:\n    dash:\n      name: dash-app\n      source_code_path: ../src/app\n"
        let (_, fresh) = try edited("set the environment variable MODE=fast on the app", bare)
        let created = try BundleLoader(source: InMemoryFileSource(texts: fresh)).load().configuration["resources"]?["apps"]?["dash"]?["config"]?["env"]?.sequence
        XCTAssertEqual(created?.first?["name"]?.string, "MODE")
        XCTAssertEqual(created?.first?["value"]?.string, "fast")
        _ = try effective(fresh, "dev")
    }

    /// dbxredact / logistics-control-center: "… an env var WAREHOUSE that takes its value from the
    /// sql-warehouse resource" wrote `value: that`; "FEATURE_FLAG=on" asked which value; a `${var.…}` went
    /// into the app.yaml (uploaded as written); a variable other settings use was changed for prod.
    func testValueFromResourcesVerbatimValuesAndSharedVariables() throws {
        var files = Self.configFiles
        files["resources/app.yml"] = files["resources/app.yml"]! + "\n" + """
              resources:
                - name: sql-warehouse
                  sql_warehouse: {id: abcdef1234567890, permission: CAN_USE}

        """
        let (_, from) = try edited("give the app an env var WAREHOUSE that takes its value from the sql-warehouse resource", files)
        let env = try BundleLoader(source: InMemoryFileSource(texts: from)).load().configuration["resources"]?["apps"]?["dash"]?["config"]?["env"]?.sequence
        XCTAssertEqual(env?.last?["name"]?.string, "WAREHOUSE")
        XCTAssertEqual(env?.last?["value_from"]?.string, "sql-warehouse")
        XCTAssertNil(env?.last?["value"])
        let (_, kind) = try edited("add an env var WH that gets its value from the app's sql warehouse", files)
        XCTAssertTrue(kind["resources/app.yml"]!.contains("value_from: sql-warehouse"), kind["resources/app.yml"]!)
        if case .plan(let plan) = try InMemoryPlanning.outcome("make the app env var LOG_LEVEL use the same level as the job", on: Self.appYAMLFiles).0 {
            XCTFail("no value was said: \(plan.summary)")
        }
        let (_, on) = try edited("add env var FEATURE_FLAG=on to the app", files)
        XCTAssertTrue(on["resources/app.yml"]!.contains("value: on") || on["resources/app.yml"]!.contains("value: \"on\""), on["resources/app.yml"]!)
        guard case .refused(let literal) = try InMemoryPlanning.outcome("set the LOG_LEVEL env var of the app to ${var.log_level}", on: Self.appYAMLFiles).0 else { return XCTFail() }
        XCTAssertTrue(literal.contains("config.env"), literal)
        // log_level read by a job too: the app's own value, not the variable.
        var shared = Self.configFiles
        shared["resources/job.yml"] = "resources:\n  jobs:\n    etl:\n      name: etl\n      tasks:\n        - task_key: main\n          notebook_task: {notebook_path: ../src/etl.py, base_parameters: {level: \"${var.log_level}\"}}\n"
        shared["src/etl.py"] = "# Databricks notebook source\n"
        let (_, own) = try edited("set the LOG_LEVEL env var of the app to DEBUG", shared)
        XCTAssertEqual(own["databricks.yml"], shared["databricks.yml"], "the variable is the job's too")
        XCTAssertTrue(own["resources/app.yml"]!.contains("value: DEBUG"), own["resources/app.yml"]!)
        guard case .refused(let prod) = try InMemoryPlanning.outcome("set the LOG_LEVEL env var of the app to DEBUG in prod", on: shared).0 else { return XCTFail() }
        XCTAssertTrue(prod.contains("other parts of the bundle"), prod)
    }
}
