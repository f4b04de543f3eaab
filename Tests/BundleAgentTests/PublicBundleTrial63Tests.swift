@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-06 (fifth) on public bundles and in
/// conversations. Each asserts what is written, or what is asked.
final class PublicBundleTrial63Tests: XCTestCase {
    typealias Conversation = PublicBundleTrial39Tests.Conversation

    /// Two jobs as in bundle-examples' private_wheel_packages: cluster and serverless.
    static let twoJobs = [
        "databricks.yml": """
        bundle: {name: wheels}
        include: [resources/*.yml]
        targets:
          dev: {default: true, mode: development}
          prod: {mode: production}

        """,
        "resources/jobs.yml": """
        resources:
          jobs:
            cluster:
              name: cluster
              tasks:
                - task_key: main
                  notebook_task: {notebook_path: ../src/a.py}
            serverless:
              name: serverless
              tasks:
                - task_key: main
                  notebook_task: {notebook_path: ../src/a.py}

        """,
        "src/a.py": "# Databricks notebook source\n",
    ]

    func job(_ c: Conversation, _ key: String) throws -> YAMLNode? {
        try c.load().configuration["resources"]?["jobs"]?[key]
    }

    /// "every" after "… could take it too: name it, or say "every"" made a daily schedule at midnight on
    /// both jobs; "serverless" answering "Which job?" was read as "run it on serverless".
    func testEveryAndAJobsKeyAsAnswers() throws {
        var c = Conversation(Self.twoJobs)
        try c.ask("set the timeout of the cluster job to 2 hours")
        guard case .plan(let picked) = try c.ask("set the max concurrent runs to 3") else { return XCTFail("the conversation's job") }
        XCTAssertTrue(picked.summary.contains("say \"every\""), picked.summary)
        guard case .plan = try c.ask("every") else { return XCTFail("every job") }
        XCTAssertEqual(try job(c, "serverless")?["max_concurrent_runs"]?.string, "3")
        XCTAssertNil(try job(c, "serverless")?["schedule"])
        XCTAssertNil(try job(c, "cluster")?["schedule"])

        var fresh = Conversation(Self.twoJobs)
        if case .plan(let plan) = try fresh.ask("every") { XCTFail("no period: \(plan.summary)") }
        for answer in ["serverless", "the serverless one"] {
            var asked = Conversation(Self.twoJobs)
            guard case .clarify = try asked.ask("set the timeout to 3 hours") else { return XCTFail("which job") }
            guard case .plan = try asked.ask(answer) else { return XCTFail(answer) }
            XCTAssertEqual(try job(asked, "serverless")?["timeout_seconds"]?.string, "10800", answer)
            XCTAssertNil(try job(asked, "cluster")?["timeout_seconds"], answer)
        }
    }

    /// A Lakebase instance named by a variable, as ScottHMcKean/spend_categorization.
    static let lakebase = [
        "databricks.yml": """
        bundle: {name: spend}
        include: [resources/*.yml]
        variables:
          schema: {default: spend}
          lakebase_instance:
            description: Lakebase database instance name
            default: spend-app
        targets:
          dev: {default: true, mode: development}
          prod: {mode: production}

        """,
        "resources/app.yml": """
        resources:
          database_instances:
            spend_db:
              name: ${var.lakebase_instance}
              capacity: CU_1

        """,
    ]

    /// "bump the lakebase instance capacity to CU_2" set the variable lakebase_instance (the instance's
    /// name: a new instance on deploy) to CU_2; "set the capacity of the spend_db database instance to
    /// CU_2" set the variable schema to spend_db.
    func testALakebaseInstancesCapacity() throws {
        for (request, target, capacity) in [("bump the lakebase instance capacity to CU_2", nil, "CU_2"),
                                            ("set the capacity of the spend_db database instance to CU_2", nil, "CU_2"),
                                            ("make the database instance bigger in prod", "prod", "CU_2"),
                                            ("scale lakebase to 4 CU", nil, "CU_4"),
                                            ("the lakebase should be cu_8 in prod", "prod", "CU_8")] as [(String, String?, String)] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.lakebase, intent: DatabaseInstanceCapacityIntent.id)
            XCTAssertEqual(bundle.configuration["variables"]?["lakebase_instance"]?["default"]?.string, "spend-app", request)
            XCTAssertEqual(bundle.configuration["variables"]?["schema"]?["default"]?.string, "spend", request)
            let instance = target.map { bundle.effectiveConfiguration(target: $0).configuration } ?? bundle.configuration
            XCTAssertEqual(instance["resources"]?["database_instances"]?["spend_db"]?["capacity"]?.string, capacity, request)
            if target != nil {
                XCTAssertEqual(bundle.configuration["resources"]?["database_instances"]?["spend_db"]?["capacity"]?.string, "CU_1", request)
            }
        }
        guard case .refused = try InMemoryPlanning.outcome("make the lakebase smaller", on: Self.lakebase).0 else { return XCTFail("at the smallest") }
    }
}
