@testable import BundleAgent
import BundleModel
import XCTest

/// `max_retries: ${var.max_retries}` with a value per target (vmariiechko's bundle template): a number
/// asked for replaces the reference, and the answer says what that means for the targets.
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

    func testTheReferenceReplacedIsSaid() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("retry ingest_to_raw 5 times", to: Self.files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["ingest"]?["tasks"]?.sequence?.first?["max_retries"]?.string, "5")
        XCTAssertTrue(plan.summary.contains("It replaces ${var.max_retries}, which the targets may set differently"), plan.summary)
    }
}
