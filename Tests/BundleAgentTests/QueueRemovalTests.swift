@testable import BundleAgent
import BundleModel
import XCTest

/// "remove the queue setting from every job" (cicd_course): the queue blocks go (the CLI then queues
/// runs by default), never "Turn queueing on".
final class QueueRemovalTests: XCTestCase {
    func testTheQueueBlockGoes() throws {
        var c = FollowUpTests.Conversation()
        c.files["resources/sales_sync.job.yml"] = c.files["resources/sales_sync.job.yml"]!
            .replacingOccurrences(of: "      name: Sales Sync\n", with: "      name: Sales Sync\n      queue:\n        enabled: false\n")
        XCTAssertEqual(try c.value("jobs.sales_sync.queue.enabled", target: "dev"), "false")
        let plan = try c.ask("remove the queue setting from the sales sync")
        XCTAssertNil(try c.value("jobs.sales_sync.queue", target: "dev"))
        XCTAssertTrue(plan?.summary.hasPrefix("Removed queue from job sales_sync") == true, plan?.summary ?? "")
        XCTAssertEqual(c.files["resources/sales_sync.job.yml"], SalesBundle.files["resources/sales_sync.job.yml"])
    }
}
