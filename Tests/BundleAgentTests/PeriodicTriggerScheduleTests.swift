@testable import BundleAgent
import BundleModel
import XCTest

/// The templates' jobs run on `trigger.periodic` ("every 1 day"): a new schedule replaces it (a job
/// with both would run on both), and "remove the schedule" removes it.
final class PeriodicTriggerScheduleTests: XCTestCase {
    func conversation() -> FollowUpTests.Conversation {
        var c = FollowUpTests.Conversation()
        c.files["resources/marketing/marketing_digest.job.yml"] = c.files["resources/marketing/marketing_digest.job.yml"]!
            .replacingOccurrences(of: "      name: marketing-digest\n", with: "      name: marketing-digest\n      trigger:\n        # every day\n        periodic:\n          interval: 1\n          unit: DAYS\n")
        return c
    }

    func testANewScheduleReplacesThePeriodicTrigger() throws {
        var c = conversation()
        let plan = try c.ask("run the marketing digest every weekday at 7am")
        XCTAssertTrue(plan?.summary.hasSuffix("; it replaces the periodic trigger (every day).") ?? false, plan?.summary ?? "")
        for target in ["dev", "prod"] {
            XCTAssertNil(try c.value("jobs.marketing_digest.trigger", target: target))
            XCTAssertEqual(try c.value("jobs.marketing_digest.schedule.quartz_cron_expression", target: target), "0 0 7 ? * MON-FRI")
        }
    }

    /// For one target, the trigger the definition sets is paused there (an override cannot remove it).
    func testForOneTargetThePeriodicTriggerIsPausedThere() throws {
        var c = conversation()
        _ = try c.ask("run the marketing digest every weekday at 6am in prod")
        XCTAssertEqual(try c.value("jobs.marketing_digest.trigger.pause_status", target: "prod"), "PAUSED")
        XCTAssertNil(try c.value("jobs.marketing_digest.trigger.pause_status", target: "dev"))
        XCTAssertNil(try c.value("jobs.marketing_digest.schedule", target: "dev"))
    }

    /// How often alone ("every 6 hours", "weekly") changes the periodic trigger in place (it was replaced
    /// by a cron schedule at midnight UTC, its comment gone); in one target, there.
    func testHowOftenAloneChangesThePeriodicTriggersInterval() throws {
        var c = conversation()
        let plan = try c.ask("run the marketing digest every 6 hours")
        XCTAssertEqual(try c.value("jobs.marketing_digest.trigger.periodic.interval", target: "dev"), "6", plan?.summary ?? "")
        XCTAssertEqual(try c.value("jobs.marketing_digest.trigger.periodic.unit", target: "dev"), "HOURS")
        XCTAssertNil(try c.value("jobs.marketing_digest.schedule", target: "dev"))
        XCTAssertTrue(c.files["resources/marketing/marketing_digest.job.yml"]!.contains("# every day"), "the comment stays")
        _ = try c.ask("make it weekly in prod")
        XCTAssertEqual(try c.value("jobs.marketing_digest.trigger.periodic.unit", target: "prod"), "WEEKS")
        XCTAssertEqual(try c.value("jobs.marketing_digest.trigger.periodic.unit", target: "dev"), "HOURS")
    }

    func testRemovingTheScheduleRemovesThePeriodicTrigger() throws {
        var c = conversation()
        _ = try c.ask("remove the schedule of the marketing digest")
        XCTAssertNil(try c.value("jobs.marketing_digest.trigger", target: "dev"))
    }
}
