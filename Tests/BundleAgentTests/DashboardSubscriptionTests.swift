@testable import BundleAgent
import BundleModel
import XCTest

/// A dashboard task's subscription (knowledge_base/dashboard_nyc_taxi): "pause the snapshot
/// subscription" pauses the e-mails, not the job's schedule.
final class DashboardSubscriptionTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: taxi}
        resources:
          jobs:
            snapshot:
              name: snapshot
              schedule: {quartz_cron_expression: "0 0 8 * * ?", timezone_id: UTC}
              tasks:
                - task_key: dashboard_task
                  dashboard_task:
                    dashboard_id: abc
                    warehouse_id: 744f096837fddbb4
                    subscription:
                      paused: false
                      subscribers: [{user_name: ana@example.com}]
        targets:
          dev: {mode: development, default: true}
        """,
    ]

    func testPausingTheSubscriptionKeepsTheSchedule() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("pause the snapshot subscription", to: Self.files, intent: SchedulePauseIntent.id)
        let job = bundle.configuration["resources"]?["jobs"]?["snapshot"]
        XCTAssertEqual(job?["tasks"]?.sequence?.first?["dashboard_task"]?["subscription"]?["paused"]?.scalar?.value, .bool(true), plan.summary)
        XCTAssertNil(job?["schedule"]?["pause_status"], "the schedule stays as it was")
    }
}
