@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the known gaps and the trials of the session of 2026-12-06 (third). Each asserts what
/// is written.
final class PublicBundleTrial55Tests: XCTestCase {
    static let ingest = [
        "databricks.yml": "bundle: {name: sales}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true, mode: development}\n  prod: {mode: production}\n",
        "resources/daily.job.yml": """
        resources:
          jobs:
            daily:
              name: daily
              tasks:
                - task_key: ingest_erp
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: ingest_commerce
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: ingest_reference
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: silver_transform
                  max_retries: 0  # No retries
                  notebook_task: {notebook_path: ../src/a.py}

        """,
        "src/a.py": "# Databricks notebook source\n",
    ]

    func retries(_ bundle: LoadedBundle) -> [String?] {
        (bundle.configuration["resources"]?["jobs"]?["daily"]?["tasks"]?.sequence ?? []).map { $0["max_retries"]?.string }
    }

    /// "the erp and commerce ingest tasks" retried ingest_commerce alone: the word before "and" names
    /// its own task too.
    func testTwoTasksNamedBeforeASharedWord() throws {
        for request in ["give the erp and commerce ingest tasks 3 retries", "retry the commerce and erp ingest tasks 3 times"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.ingest)
            XCTAssertEqual(retries(bundle), ["3", "3", nil, "0"], "\(request): \(plan.summary)")
        }
        let (plan, bundle) = try InMemoryPlanning.apply("retry the erp, reference and commerce ingest tasks 3 times", to: Self.ingest)
        XCTAssertEqual(retries(bundle), ["3", "3", "3", "0"], plan.summary)
        // One name before the shared word stays one task.
        let (one, single) = try InMemoryPlanning.apply("retry the commerce ingest task 3 times", to: Self.ingest)
        XCTAssertEqual(retries(single), [nil, "3", nil, "0"], one.summary)
    }
}
