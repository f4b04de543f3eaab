@testable import BundleAgent
import BundleModel
import XCTest

/// `max_retries: ${var.max_retries}` with a value per target (vmariiechko's bundle template): a number
/// asked for without a target changes the variable's default; the target that sets its own keeps it,
/// and the answer says so.
final class TaskRetriesVariableTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: ingest}
        variables:
          max_retries: {default: 0}
        resources:
          jobs:
            ingest:
              name: ingest
              tasks:
                - task_key: ingest_to_raw
                  max_retries: ${var.max_retries}
                  notebook_task: {notebook_path: ./ingest.py}
        targets:
          dev: {mode: development, default: true}
          prod:
            mode: production
            workspace: {root_path: /Workspace/Users/deploy@example.com/.bundle/ingest}
            variables: {max_retries: 3}
        """,
        "ingest.py": "# Databricks notebook source\n",
    ]

    func testTheVariableChangesAndTheTargetsOwnValueIsSaid() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("retry ingest_to_raw 5 times", to: Self.files, intent: TaskRetriesIntent.id)
        func retries(_ target: String) -> String? {
            bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["ingest"]?["tasks"]?.sequence?.first?["max_retries"]?.string
        }
        XCTAssertEqual(retries("dev"), "5")
        XCTAssertEqual(retries("prod"), "3")
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["ingest"]?["tasks"]?.sequence?.first?["max_retries"]?.string, "${var.max_retries}")
        XCTAssertTrue(plan.summary.contains("so: set the default of the variable max_retries to 5 (was 0). Target prod (3) keeps its own value."), plan.summary)
    }

    func testInOneTargetTheTargetsValueChanges() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("retry ingest_to_raw 5 times in prod", to: Self.files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["ingest"]?["tasks"]?.sequence?.first?["max_retries"]?.string, "5")
        XCTAssertEqual(bundle.configuration["targets"]?["prod"]?["variables"]?["max_retries"]?.string, "5")
        XCTAssertNil(bundle.configuration["targets"]?["prod"]?["resources"], "no override of the task beside the variable")
        XCTAssertEqual(plan.edits.map(\.file), ["databricks.yml"])
    }
}
