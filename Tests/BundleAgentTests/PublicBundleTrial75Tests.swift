@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-06 (eighth), mostly on the `sales` bundle of
/// `PublicBundleTrial72Tests` (jobs etl and weekly_report, alert late_orders; targets dev and prod).
final class PublicBundleTrial75Tests: XCTestCase {
    static let sales = PublicBundleTrial72Tests.sales

    func resource(_ bundle: LoadedBundle, _ type: String, _ key: String, _ target: String) -> YAMLNode? {
        bundle.effectiveConfiguration(target: target).configuration["resources"]?[type]?[key]
    }

    func pauseStatus(_ bundle: LoadedBundle, _ type: String, _ key: String, _ target: String = "prod") -> String? {
        resource(bundle, type, key, target)?["schedule"]?["pause_status"]?.string
    }

    /// "pause the etl job and the alert" paused the job alone; "pause all jobs and the late orders alert"
    /// was refused ("alert late_orders is an alert; this change applies to a job").
    func testPausingAJobAndAnAlertPausesBoth() throws {
        for request in ["pause the etl job and the alert", "pause the alert and the etl job", "pause etl and the late orders alert"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.sales)
            XCTAssertEqual(pauseStatus(bundle, "jobs", "etl"), "PAUSED", request)
            XCTAssertEqual(pauseStatus(bundle, "alerts", "late_orders"), "PAUSED", request)
            XCTAssertNil(pauseStatus(bundle, "jobs", "weekly_report"), "\(request): the other job runs on")
        }
        for request in ["pause all jobs and the late orders alert", "pause etl, weekly report and the alert"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.sales)
            for (type, key) in [("jobs", "etl"), ("jobs", "weekly_report"), ("alerts", "late_orders")] {
                XCTAssertEqual(pauseStatus(bundle, type, key), "PAUSED", "\(request): \(key)")
            }
        }
        // A target said at the end is each one's.
        let (_, prod) = try InMemoryPlanning.apply("pause the etl job and the alert in prod", to: Self.sales)
        XCTAssertEqual(pauseStatus(prod, "alerts", "late_orders"), "PAUSED")
        XCTAssertEqual(pauseStatus(prod, "jobs", "etl"), "PAUSED")
        XCTAssertNil(pauseStatus(prod, "alerts", "late_orders", "dev"), "dev keeps the alert evaluated")
    }

    /// "add 2 retries to sales-etl and weekly report": the second name was read as "weekly" and the job
    /// rescheduled (to what it was), with no retries.
    func testTheSameChangeForJobsNamedInWords() throws {
        for request in ["add 2 retries to sales-etl and weekly report", "add 2 retries to the etl and weekly report jobs",
                        "add 2 retries to etl and the weekly report job"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.sales)
            XCTAssertFalse(plan.summary.contains("schedule"), "\(request): \(plan.summary)")
            XCTAssertEqual(resource(bundle, "jobs", "weekly_report", "prod")?["tasks"]?.sequence?.first?["max_retries"]?.string, "2", request)
            XCTAssertEqual(resource(bundle, "jobs", "etl", "prod")?["tasks"]?.sequence?.last?["max_retries"]?.string, "2", request)
            XCTAssertEqual(resource(bundle, "jobs", "weekly_report", "prod")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 6 ? * MON")
        }
    }
}
