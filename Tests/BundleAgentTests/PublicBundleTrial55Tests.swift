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

    /// "Run the job at 7am. Prod should email ops@x.com on failure." kept only the e-mail (in every
    /// target); "Set the dev schema to scratch. Tag the job with team=data." only the tag (in dev).
    /// Sentences that ask changes of their own are clauses; one that asks nothing alone stays with the
    /// next.
    func testSentencesAreClauses() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["databricks.yml"] = "bundle: {name: sales}\ninclude: [resources/*.yml]\nvariables: {schema: {default: main}}\ntargets:\n  dev: {default: true, mode: development}\n  prod: {mode: production}\n"
        let (plan, bundle) = try InMemoryPlanning.apply("Run the job at 7am. Prod should email ops@x.com on failure.", to: files)
        let job = { (target: String) in bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["nightly"] }
        XCTAssertEqual(job("dev")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 7 * * ?", plan.summary)
        XCTAssertEqual(job("prod")?["email_notifications"]?["on_failure"]?.sequence?.first?.string, "ops@x.com", plan.summary)
        XCTAssertNil(job("dev")?["email_notifications"], plan.summary)

        let (second, tagged) = try InMemoryPlanning.apply("Set the dev schema to scratch. Tag the job with team=data.", to: files)
        XCTAssertEqual(tagged.configuration["targets"]?["dev"]?["variables"]?["schema"]?.string, "scratch", second.summary)
        XCTAssertEqual(tagged.configuration["resources"]?["jobs"]?["nightly"]?["tags"]?["team"]?.string, "data", second.summary)

        XCTAssertEqual(CompoundRequest.sentences("The job needs retries. 3 should do."), ["The job needs retries. 3 should do."])
        XCTAssertEqual(CompoundRequest.sentences("Add a schedule to the job. Every day at 6am."), ["Add a schedule to the job. Every day at 6am."])
        XCTAssertEqual(CompoundRequest.sentences("Give it 4 workers. Thanks!"), ["Give it 4 workers. Thanks!"])
        XCTAssertEqual(CompoundRequest.sentences("Set the description to \"Daily. Weekly.\" please"), ["Set the description to \"Daily. Weekly.\" please"])
        XCTAssertEqual(CompoundRequest.sentences("Retry ingest 2 times. Retry load 3 times."), ["Retry ingest 2 times.", "Retry load 3 times."])
    }

    /// 'rename "CVM - Transposição System Lakeflow" to "CVM Lakeflow"' said the job already had its old
    /// name: the quoted text after "to" is the new name, the one before names the job.
    func testRenameFromOneQuotedNameToAnother() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["resources/other.job.yml"] = """
        resources:
          jobs:
            transposicao_system:
              name: CVM - Transposição System Lakeflow
              tasks:
                - task_key: run
                  notebook_task: {notebook_path: ../src/a.py}

        """
        for (request, expected) in [("rename \"CVM - Transposição System Lakeflow\" to \"CVM Lakeflow\"", "CVM Lakeflow"),
                                    ("rename \"CVM - Transposição System Lakeflow\" to \"Move data to the lake\"", "Move data to the lake")] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["transposicao_system"]?["name"]?.string, expected, plan.summary)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["nightly"]?["name"]?.string, "nightly", plan.summary)
        }
    }
}
