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

    /// chandrur44: each target's variables are set again in an included config/<target>.yml, whose value
    /// deploys; the change goes there, not to databricks.yml where it would change nothing.
    func testATargetsVariableIsChangedWhereItsDeployedValueIsWritten() throws {
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "bundle: {name: aria}\n", with: "bundle: {name: aria}\ninclude: [config/*.yml]\n")
            .replacingOccurrences(of: "  prod: {mode: production, workspace: {root_path: /Workspace/Shared/.bundle/aria}}",
                                  with: "  prod:\n    mode: production\n    workspace: {root_path: /Workspace/Shared/.bundle/aria}\n    variables: {catalog_name: prod_catalog}")
        files["config/prod.yml"] = "targets:\n  prod:\n    variables:\n      catalog_name: prod_catalog\n"
        let (plan, bundle) = try InMemoryPlanning.apply("set the catalog to gold in prod", to: files)
        XCTAssertEqual(plan.edits.map(\.file), ["config/prod.yml"], plan.summary)
        XCTAssertEqual(bundle.effectiveConfiguration(target: "prod").configuration["variables"]?["catalog_name"]?["value"]?.string ?? bundle.targetsMapping?["prod"]?["variables"]?["catalog_name"]?.string, "gold")
    }

    /// health-monitor: "the gold schema" is the variable gold_schema, not the one a pipeline reads.
    func testASchemaVariableNamedInWords() throws {
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "  catalog_name: {default: dev_catalog}\n",
            with: "  catalog_name: {default: dev_catalog}\n  bronze_schema: {default: bronze}\n  gold_schema: {default: gold_dev}\n")
            .replacingOccurrences(of: "            db_wf_appeal_send_job:", with: """
                pipelines:
                  bronze:
                    name: bronze
                    catalog: main
                    schema: ${var.bronze_schema}
                    serverless: true
                    libraries: [{notebook: {path: ./a.py}}]
                jobs:
                  db_wf_appeal_send_job:
        """.replacingOccurrences(of: "\n            ", with: "\n    "))
        let (_, bundle) = try InMemoryPlanning.apply("set the gold schema to gold in prod", to: files)
        XCTAssertEqual(bundle.targetsMapping?["prod"]?["variables"]?["gold_schema"]?.string, "gold")
        XCTAssertNil(bundle.targetsMapping?["prod"]?["variables"]?["bronze_schema"])
    }

    /// health-monitor: "same for gold_merge_job" names that job wholly, not the orchestrator's task
    /// that runs it (which gave "nothing to change").
    func testSameForAJobNamedWhollyBeforeATaskWithItsWords() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: health}
            resources:
              jobs:
                orchestrator:
                  name: orchestrator
                  tasks:
                    - task_key: gold_merge_job
                      run_job_task: {job_id: "${resources.jobs.gold_merge_job.id}"}
                gold_merge_job:
                  name: gold merge
                  tasks: [{task_key: merge, notebook_task: {notebook_path: ./a.py}}]
            targets:
              dev: {mode: development, default: true}
            """,
            "a.py": "# Databricks notebook source\n",
        ]
        var session = RefineSession()
        var current = files
        for request in ["email oncall@example.com when the orchestrator fails", "same for gold_merge_job"] {
            let (outcome, intent) = OfflinePlanner().plan(PlanningContext(bundle: try BundleLoader(source: InMemoryFileSource(texts: current)).load(), request: RequestText(request)), session: session)
            guard case .plan(let plan) = outcome else { return XCTFail("\(request): \(outcome)") }
            for (path, text) in try OfflinePlanner.apply(plan, read: { current[$0]! }) { current[path] = text }
            session.turns.append(.init(request: request, reply: plan.summary, intent: intent, job: plan.job, resource: plan.resource?.description, target: plan.target, commit: "c", planned: plan.request))
            if request.hasPrefix("same") { XCTAssertEqual(plan.job, "gold_merge_job", plan.summary) }
        }
    }
}
