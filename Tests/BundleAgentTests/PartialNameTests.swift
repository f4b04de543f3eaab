@testable import BundleAgent
import BundleModel
import XCTest

/// Names people shorten: two words of a long key side by side ("the bail send job" for
/// db_wf_bail_send_job, among forty jobs sharing each word), and a variable named for what it holds
/// ("the catalog" for catalog_name).
final class PartialNameTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: aria}
        variables:
          catalog_name: {default: dev_catalog}
        resources:
          jobs:
            db_wf_bail_send_job:
              name: db_wf_bail_send_job
              tasks: [{task_key: send, notebook_task: {notebook_path: ./a.py, base_parameters: {catalog: "${var.catalog_name}"}}}]
            db_wf_bail_receive_job:
              name: db_wf_bail_receive_job
              tasks: [{task_key: receive, notebook_task: {notebook_path: ./a.py}}]
            db_wf_appeal_send_job:
              name: db_wf_appeal_send_job
              tasks: [{task_key: send, notebook_task: {notebook_path: ./a.py}}]
        targets:
          dev: {mode: development, default: true}
          prod: {mode: production, workspace: {root_path: /Workspace/Shared/.bundle/aria}}
        """,
        "a.py": "# Databricks notebook source\n",
    ]

    func testTwoWordsOfOneKeyNameIt() throws {
        let (plan, _) = try InMemoryPlanning.apply("add retries to the bail send job", to: Self.files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(plan.job, "db_wf_bail_send_job")
    }

    func testAVariableNamedForTheCatalog() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("set the catalog to aria_prod in prod", to: Self.files)
        XCTAssertEqual(bundle.targetsMapping?["prod"]?["variables"]?["catalog_name"]?.string, "aria_prod", plan.summary)
    }
}
