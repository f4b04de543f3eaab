@testable import BundleAgent
import BundleModel
import XCTest

/// An address named with "remove", "stop emailing" or "replace … with …" is about e-mail recipients:
/// in every job that e-mails it when no job is named (never removing the jobs themselves, never read as
/// a schedule "every …").
final class EmailRecipientTests: XCTestCase {
    /// `ops@example.com` gets the failures of both sales_sync and marketing_digest.
    static func conversation() -> FollowUpTests.Conversation {
        var c = FollowUpTests.Conversation()
        c.files["resources/sales_sync.job.yml"] = c.files["resources/sales_sync.job.yml"]!.replacingOccurrences(
            of: "          - data-team@example.com\n", with: "          - data-team@example.com\n          - ops@example.com\n")
        return c
    }

    func testRemovingAnAddressFromEveryJob() throws {
        for request in ["remove ops@example.com from every job", "remove ops@example.com from all jobs", "stop emailing ops@example.com"] {
            var c = Self.conversation()
            let plan = try c.ask(request)
            XCTAssertEqual(try c.value("jobs.sales_sync.email_notifications", target: "dev"), "{on_failure:[data-team@example.com]}", request)
            XCTAssertEqual(try c.value("jobs.marketing_digest.email_notifications", target: "dev"), "{on_success:[ana@example.com]}", request)
            XCTAssertNotNil(try c.value("jobs.nightly_billing.name", target: "dev"), request)
            XCTAssertTrue(plan?.summary.contains("Removed ops@example.com") == true, plan?.summary ?? "")
        }
    }

    func testReplacingAnAddressOnEveryJob() throws {
        var c = Self.conversation()
        _ = try c.ask("replace ops@example.com with oncall@example.com on every job")
        XCTAssertEqual(try c.value("jobs.sales_sync.email_notifications.on_failure", target: "dev"), "[data-team@example.com,oncall@example.com]")
        XCTAssertEqual(try c.value("jobs.marketing_digest.email_notifications", target: "dev"), "{on_failure:[oncall@example.com],on_success:[ana@example.com]}")
        XCTAssertNil(try c.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "dev").flatMap { $0 == "0 0 2 * * ?" ? nil : $0 })
        XCTAssertNil(try c.value("jobs.nightly_billing.schedule", target: "dev"))
    }

    /// "every job" says which jobs, not when; an address is no resource to remove.
    func testTheWordsThatMisledOtherIntents() {
        XCTAssertEqual(ScheduleIntent.score(RequestText("on every job, set the timeout to 4 hours")), 0)
        XCTAssertEqual(ScheduleIntent.score(RequestText("replace a@example.com with b@example.com on every job")), 0)
        XCTAssertGreaterThan(ScheduleIntent.score(RequestText("run it every day at 3am")), 0)
        XCTAssertEqual(RemoveResourceIntent.score(RequestText("remove a@example.com from every job")), 0)
        XCTAssertEqual(RemoveResourceIntent.score(RequestText("remove great_expectations from the bronze job")), 0)
        XCTAssertGreaterThan(RemoveResourceIntent.score(RequestText("remove the sales job from dev")), 0)
        // Someone's access is a permission, not a recipient.
        XCTAssertEqual(EmailNotificationIntent.score(RequestText("remove ana@example.com from the sales sync permissions")), 0)
    }

    /// "send that to X" after a run-duration warning, "also email Y about it" after that: the warning's
    /// recipients (on_duration_warning_threshold_exceeded), never on_failure.
    func testRecipientsOfTheWarningJustMade() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("alert me if the billing export takes more than 90 minutes")
        _ = try c.ask("send that to dataops@example.com")
        _ = try c.ask("also email oncall@example.com about it")
        let warned = try c.value("jobs.nightly_billing.email_notifications.on_duration_warning_threshold_exceeded", target: "dev") ?? ""
        XCTAssertTrue(warned.contains("dataops@example.com") && warned.contains("oncall@example.com"), warned)
        XCTAssertNil(try c.value("jobs.nightly_billing.email_notifications.on_failure", target: "dev"))
    }

    /// "remove ana": someone the bundle e-mails, by a word of the address.
    func testRemovingSomeoneByName() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("remove ana")
        XCTAssertEqual(try c.value("jobs.marketing_digest.email_notifications", target: "dev"), "{on_failure:[ops@example.com]}")
    }
}

/// ecommerce-analytics: "replace your-email@company.com with alerts@shop.com on the gold pipeline"
/// puts the new address where the old one is, with the alerts it had; it no longer adds a second entry
/// and keeps the old address.
final class PipelineRecipientReplacementTests: XCTestCase {
    func testTheNewAddressTakesTheOldOnesPlace() throws {
        let files = ["databricks.yml": """
            bundle: {name: shop}
            resources:
              pipelines:
                gold_pipeline:
                  name: gold
                  serverless: true
                  catalog: main
                  schema: gold
                  libraries: [{notebook: {path: /Workspace/g}}]
                  notifications:
                    - email_recipients: [your-email@company.com, lead@company.com]
                      alerts: [on-update-failure, on-update-fatal-failure]
            """]
        let (_, bundle) = try InMemoryPlanning.apply("replace your-email@company.com with alerts@shop.com on the gold pipeline", to: files)
        let entries = bundle.configuration["resources"]?["pipelines"]?["gold_pipeline"]?["notifications"]?.sequence ?? []
        XCTAssertEqual(entries.count, 1)
        XCTAssertEqual(entries.first?["email_recipients"]?.sequence?.compactMap(\.string), ["lead@company.com", "alerts@shop.com"])
        XCTAssertEqual(entries.first?["alerts"]?.sequence?.compactMap(\.string), ["on-update-failure", "on-update-fatal-failure"])
    }
}

/// enterprise-lakehouse: both jobs e-mail `${var.notification_email}`; "change the notification email
/// to dataops@…" is that variable's value (a question between the jobs before).
final class RecipientVariableTests: XCTestCase {
    func testTheVariableEveryJobEmails() throws {
        let files = ["databricks.yml": """
            bundle: {name: northpeak}
            variables:
              notification_email: {default: old@northpeak.io}
            resources:
              jobs:
                daily: {name: daily, email_notifications: {on_failure: ["${var.notification_email}"]}, tasks: [{task_key: a, notebook_task: {notebook_path: /Workspace/a}}]}
                rebuild: {name: rebuild, email_notifications: {on_failure: ["${var.notification_email}"]}, tasks: [{task_key: a, notebook_task: {notebook_path: /Workspace/a}}]}
            targets:
              dev: {default: true}
              prod: {}
            """]
        let (_, bundle) = try InMemoryPlanning.apply("change the notification email to dataops@northpeak.io", to: files)
        XCTAssertEqual(bundle.configuration["variables"]?["notification_email"]?["default"]?.string, "dataops@northpeak.io")
        let (_, prod) = try InMemoryPlanning.apply("change the notification email to ops@northpeak.io in prod", to: files)
        XCTAssertEqual(prod.targetsMapping?["prod"]?["variables"]?["notification_email"]?.string, "ops@northpeak.io")
        XCTAssertEqual(prod.configuration["variables"]?["notification_email"]?["default"]?.string, "old@northpeak.io")
    }
}

/// A duration-warning recipient's commit subject names the event whole ("duratiwarning…" before).
final class EventWordTests: XCTestCase {
    func testTheEventKeepsItsOwnOn() throws {
        XCTAssertEqual(EmailNotificationIntent.eventWord("on_duration_warning_threshold_exceeded"), "duration_warning_threshold_exceeded")
        XCTAssertEqual(EmailNotificationIntent.eventWord("on_failure"), "failure")
        // "… runs too long" of a job that warns after no time: asked after how long (an e-mail on a
        // threshold no health rule sets is never sent).
        let (asked, _) = try InMemoryPlanning.outcome("email ops@example.com when the sales sync runs too long", on: SalesBundle.files)
        guard case .clarify(_, let choices) = asked else { return XCTFail("\(asked)") }
        XCTAssertEqual(choices, ["email ops@example.com when the sales sync runs longer than 2 hours"])
    }
}
