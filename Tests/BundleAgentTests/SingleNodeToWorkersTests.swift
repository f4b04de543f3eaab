@testable import BundleAgent
import BundleModel
import XCTest

/// Workers for a single-node cluster: it stops being single-node (a cluster with workers and the
/// singleNode profile runs everything on its driver).
final class SingleNodeToWorkersTests: XCTestCase {
    func testWorkersRemoveTheSingleNodeSettings() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("make the sync cluster single-node")
        XCTAssertEqual(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.custom_tags", target: "dev"), "{ResourceClass:SingleNode}")
        let plan = try c.ask("give the sync cluster 3 workers")
        XCTAssertTrue(plan?.summary.hasSuffix("it is no longer single-node (its single-node settings are removed).") ?? false, plan?.summary ?? "")
        XCTAssertEqual(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers", target: "dev"), "3")
        XCTAssertNil(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_conf", target: "dev"))
        XCTAssertNil(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.custom_tags", target: "dev"))
    }

    func testAutoscalingRemovesThemToo() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("make the sync cluster single-node")
        _ = try c.ask("autoscale the sync cluster between 2 and 6 workers")
        XCTAssertEqual(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.autoscale.max_workers", target: "prod"), "6")
        XCTAssertNil(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_conf", target: "prod"))
        XCTAssertNil(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers", target: "prod"))
    }

    /// "it should not be single node anymore, use 4 workers" was split into "make it single-node" and
    /// "use 4 workers" (the summary said both); the words say away from it.
    func testWordsThatSayNotSingleNodeAreNoSingleNodeRequest() throws {
        for request in ["the sync cluster should not be single node anymore, use 4 workers", "the sync cluster shouldn't be a single-node cluster, give it 4 workers",
                        "no more single node for the sync cluster, 4 workers"] {
            var c = FollowUpTests.Conversation()
            _ = try c.ask("make the sync cluster single-node")
            let plan = try c.ask(request)
            XCTAssertFalse(plan?.summary.contains("single-node (0 workers") ?? true, "\(request): \(plan?.summary ?? "")")
            XCTAssertEqual(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers", target: "dev"), "4", request)
            XCTAssertNil(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.spark_conf", target: "dev"), request)
        }
        XCTAssertEqual(SingleNodeIntent.score(RequestText("make it single node")), 4)
    }
}
