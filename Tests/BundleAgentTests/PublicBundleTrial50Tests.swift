@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the known gaps of 2026-12-06 and the trials of that day. Each asserts what is written.
final class PublicBundleTrial50Tests: XCTestCase {
    static let nightly = [
        "databricks.yml": "bundle: {name: sales}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true, mode: development}\n  prod: {mode: production}\n",
        "resources/nightly.job.yml": """
        resources:
          jobs:
            nightly:
              name: nightly
              schedule:
                quartz_cron_expression: "0 30 2 * * ?"
                timezone_id: Europe/Berlin
              tasks:
                - task_key: ingest
                  notebook_task: {notebook_path: ../src/a.py}
        """,
        "src/a.py": "# Databricks notebook source\nprint(1)\n",
    ]

    func cron(_ bundle: LoadedBundle, target: String? = nil) -> String? {
        let configuration = target.map { bundle.effectiveConfiguration(target: $0).configuration } ?? bundle.configuration
        return configuration["resources"]?["jobs"]?["nightly"]?["schedule"]?["quartz_cron_expression"]?.string
    }

    /// "stop running on weekends" asked when the job should run; its days are now Monday to Friday,
    /// at the time and in the zone it had.
    func testStopRunningOnWeekendsKeepsTheTime() throws {
        for request in ["stop running on weekends", "don't run the nightly job on weekends anymore", "skip weekends"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.nightly)
            XCTAssertEqual(cron(bundle), "0 30 2 ? * MON-FRI", request)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["nightly"]?["schedule"]?["timezone_id"]?.string, "Europe/Berlin", request)
        }
    }

    /// Days taken away and added one after the other, and a whole schedule with an exception.
    func testDaysAreTakenAwayAndAdded() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.nightly)
        _ = try conversation.ask("stop running on weekends")
        _ = try conversation.ask("don't run it on Mondays either")
        XCTAssertEqual(cron(try conversation.load()), "0 30 2 ? * TUE-FRI")
        _ = try conversation.ask("also run on Saturdays")
        XCTAssertEqual(cron(try conversation.load()), "0 30 2 ? * TUE-SAT")
        let again = try conversation.ask("don't run on Sundays")
        guard case .refused(let reason) = again, PlanOutcome.isAsAsked(reason) else { return XCTFail("\(again)") }
        let (_, bundle) = try InMemoryPlanning.apply("run daily at 3am except Sundays", to: Self.nightly)
        XCTAssertEqual(cron(bundle), "0 0 3 ? * MON-SAT")
    }

    /// In one target only: the override holds the new days; the definition keeps every day.
    func testWeekendsOffInOneTarget() throws {
        let (_, bundle) = try InMemoryPlanning.apply("stop running on weekends in prod only", to: Self.nightly)
        XCTAssertEqual(cron(bundle), "0 30 2 * * ?")
        XCTAssertEqual(cron(bundle, target: "prod"), "0 30 2 ? * MON-FRI")
        XCTAssertEqual(cron(bundle, target: "dev"), "0 30 2 * * ?")
    }
}
