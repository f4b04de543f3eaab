@testable import BundleAgent
import BundleModel
import XCTest

/// A schedule changed in part: a new time keeps the days ("run the monthly refresh at 6am instead"
/// stays monthly), a day of the month keeps the time, and "make it 6am instead" after an unpause is
/// the schedule's time, never a pause.
final class ScheduleChangeTests: XCTestCase {
    /// sales_sync runs on the first of every month at 03:00, paused.
    func conversation() -> FollowUpTests.Conversation {
        var c = FollowUpTests.Conversation()
        c.files["resources/sales_sync.job.yml"] = c.files["resources/sales_sync.job.yml"]!
            .replacingOccurrences(of: "quartz_cron_expression: 0 0 2 * * ?", with: "quartz_cron_expression: \"0 0 3 1 * ?\"\n        pause_status: PAUSED")
        return c
    }

    func cron(_ c: FollowUpTests.Conversation) throws -> String? { try c.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "dev") }

    func testATimeKeepsTheDaysAndADayKeepsTheTime() throws {
        var c = conversation()
        XCTAssertEqual(try cron(c), "0 0 3 1 * ?")
        let plan = try c.ask("run the sales sync at 6am instead")
        XCTAssertEqual(try cron(c), "0 0 6 1 * ?")
        XCTAssertTrue(plan?.summary.contains("on day 1 of every month at 06:00") == true, plan?.summary ?? "")
        _ = try c.ask("run it on the 15th")
        XCTAssertEqual(try cron(c), "0 0 6 15 * ?")
        // Words that say how often give the whole schedule.
        _ = try c.ask("run the sales sync daily at 7am")
        XCTAssertEqual(try cron(c), "0 0 7 * * ?")
    }

    func testANewTimeAfterAnUnpause() throws {
        var c = conversation()
        _ = try c.ask("unpause the sales sync")
        XCTAssertEqual(try c.value("jobs.sales_sync.schedule.pause_status", target: "dev"), "UNPAUSED")
        _ = try c.ask("make it 6am instead")
        XCTAssertEqual(try cron(c), "0 0 6 1 * ?")
        XCTAssertEqual(try c.value("jobs.sales_sync.schedule.pause_status", target: "dev"), "UNPAUSED")
    }

    func testWhatIsKept() {
        XCTAssertEqual(ScheduleIntent.keeping("0 30 2 ? * MON-FRI", RequestText("at 6am instead"))?.0, "0 0 6 ? * MON-FRI")
        XCTAssertEqual(ScheduleIntent.keeping("0 30 2 ? * MON-FRI", RequestText("at 6am instead"))?.1, "every weekday at 06:00")
        // An hourly or interval schedule has no one time to move; a day of the month is for monthly ones.
        XCTAssertNil(ScheduleIntent.keeping("0 0/15 * * * ?", RequestText("at 6am instead")))
        XCTAssertNil(ScheduleIntent.keeping("0 0 6 ? * MON", RequestText("on the 15th")))
        XCTAssertNil(ScheduleIntent.keeping("0 0 6 1 * ?", RequestText("run it every day at 6am")))
    }

    /// PAUSED in the default target but not in another (`pause_status: ${var.…}`, bricks-ml3): asked,
    /// never "already PAUSED".
    func testPausedInOneTargetOnly() throws {
        var c = FollowUpTests.Conversation()
        c.files["databricks.yml"] = c.files["databricks.yml"]!.replacingOccurrences(of: "variables:\n", with: "variables:\n  sync_pause:\n    default: PAUSED\n")
        c.files["resources/sales_sync.job.yml"] = c.files["resources/sales_sync.job.yml"]!
            .replacingOccurrences(of: "    timezone_id: Europe/Berlin\n", with: "    timezone_id: Europe/Berlin\n        pause_status: ${var.sync_pause}\n")
        c.files["databricks.yml"] = c.files["databricks.yml"]!.replacingOccurrences(of: "  prod:\n", with: "  prod:\n    variables:\n      sync_pause: UNPAUSED\n")
        let bundle = try SalesBundle.load(c.files)
        XCTAssertEqual(bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["sales_sync"]?["schedule"]?["pause_status"]?.string, "UNPAUSED")
        // prod the only one not paused: paused there.
        let outcome = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("pause the sales sync")))
        guard case .plan(let plan) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(plan.target, "prod")
        XCTAssertTrue(plan.summary.contains("set the variable sync_pause to PAUSED for target prod"), plan.summary)
    }
}
