import Foundation
import TestSupport
import XCTest

/// `dabrepo refine` on where tasks run and on bundle-wide settings, as a user drives it: the real
/// binary on the lakehouse fixture in a real git repository. Each revision is checked in the files
/// it commits (comments kept), a clean working tree and a bundle valid for every target.
final class RefineComputeAndSettingsTests: RepositoryTestCase {
    @discardableResult
    func refine(_ request: String, in bundle: URL, subject: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try dabrepo(["refine", request, "--new-session"], in: bundle)
        XCTAssertEqual(result.status, 0, "\(request): \(result.stdout)\(result.stderr)", file: file, line: line)
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), subject, request, file: file, line: line)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "", request, file: file, line: line)
        let validation = try dabrepo(["validate", "--all-targets"], in: bundle)
        XCTAssertEqual(validation.status, 0, "\(request): \(validation.stdout)", file: file, line: line)
        return result.stdout
    }

    func committed(_ path: String, in bundle: URL) throws -> String {
        try String(contentsOf: bundle.appendingPathComponent(path), encoding: .utf8)
    }

    func testExistingClusters() throws {
        let bundle = try lakehouse()
        let job = "resources/jobs/sales_sync.job.yml"
        // Every task of the job on an all-purpose cluster: the job cluster no task uses goes.
        try refine("run the sales sync on the existing cluster 0123-456789-abcdefgh", in: bundle,
                   subject: "Run every task of sales_sync on the cluster 0123-456789-abcdefgh")
        let text = try committed(job, in: bundle)
        XCTAssertTrue(text.hasPrefix("# Copies the sales tables every night, on a job cluster.\n"), text)
        XCTAssertEqual(text.components(separatedBy: "existing_cluster_id: 0123-456789-abcdefgh").count, 3, text)
        XCTAssertFalse(text.contains("job_cluster"), text)
        // A development target: its cluster_id.
        let out = try refine("use my cluster 0987-654321-zyxwvuts in dev", in: bundle, subject: "Run target dev on the cluster 0987-654321-zyxwvuts")
        XCTAssertTrue(out.contains("every task that runs on a cluster"), out)
        let root = try committed("databricks.yml", in: bundle)
        let dev = root.components(separatedBy: "\n  dev:\n")[1].components(separatedBy: "\n  staging:\n")[0]
        XCTAssertTrue(dev.contains("    cluster_id: 0987-654321-zyxwvuts"), dev)
        // Not a development target, and a task the definition puts on a job cluster: refused, nothing changes.
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let refused = try dabrepo(["refine", "run the digest task on cluster 0987-654321-zyxwvuts in prod", "--new-session"], in: bundle)
        XCTAssertEqual(refused.status, 1, refused.stdout + refused.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertTrue(refused.stdout.contains("would keep the compute its definition gives it (environment_key)"), refused.stdout)
    }

    func testScheduleAddedThenRemovedGivesTheFileBack() throws {
        let bundle = try lakehouse()
        let job = "resources/jobs/sales_sync.job.yml"
        let original = try committed(job, in: bundle)
        let added = try dabrepo(["refine", "run the sales sync daily at 2am", "--new-session"], in: bundle)
        XCTAssertEqual(added.status, 0, added.stdout + added.stderr)
        XCTAssertTrue(try committed(job, in: bundle).contains("quartz_cron_expression"))
        try refine("remove the schedule", in: bundle, subject: "Remove the schedule of sales_sync")
        XCTAssertEqual(try committed(job, in: bundle), original)
        // Nothing left to remove: said, and no revision.
        let again = try dabrepo(["refine", "remove the schedule of the sales sync", "--new-session"], in: bundle)
        XCTAssertTrue(again.stdout.contains("has no schedule"), again.stdout)
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Remove the schedule of sales_sync")
    }

    /// Several changes asked at once: one revision with all of them, its message naming each.
    func testSeveralChangesInOneRequestMakeOneRevision() throws {
        let bundle = try lakehouse()
        let before = try gitOutput(["rev-list", "--count", "HEAD"], in: bundle)
        try refine("add retries and set a timeout of 1 hour on the sales sync", in: bundle,
                   subject: "Retry every task of sales_sync up to 2 times; Time out sales_sync after 1 hour")
        XCTAssertEqual(Int(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle)), Int(before)! + 1)
        let text = try committed("resources/jobs/sales_sync.job.yml", in: bundle)
        XCTAssertTrue(text.contains("timeout_seconds: 3600"), text)
        XCTAssertEqual(text.components(separatedBy: "max_retries: 2").count, 3, text)
        // A clause that cannot be done: nothing is committed, and the clause is named.
        let refused = try dabrepo(["refine", "turn on photon for the marketing digest and add retries to it", "--new-session"], in: bundle)
        XCTAssertEqual(refused.status, 1, refused.stdout + refused.stderr)
        XCTAssertTrue(refused.stdout.contains("\"turn on photon for the marketing digest\""), refused.stdout)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), String(Int(before)! + 1))
        // A clause nothing understands is named, not dropped: not understood (exit 4), nothing committed.
        let half = try dabrepo(["refine", "set the max workers of the sales sync to 8 and make it faster", "--new-session", "-o", "json"], in: bundle)
        XCTAssertEqual(half.status, 4, half.stdout + half.stderr)
        let answer = try json(half.stdout)
        XCTAssertEqual(answer["status"] as? String, "not-understood", half.stdout)
        XCTAssertTrue((answer["message"] as? String ?? "").hasPrefix("I did not understand \"make it faster\", so nothing was changed. I understood the rest: Set autoscaling to "), half.stdout)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), String(Int(before)! + 1))
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        // Said alone, it is done.
        try refine("set the max workers of the sales sync to 8", in: bundle, subject: "Autoscale sales_sync between 2 and 8 workers")
    }

    func testBundleSettings() throws {
        let bundle = try lakehouse()
        try refine("add a name prefix [team] to the staging target", in: bundle, subject: "Prefix resource names with \"[team] \" in staging")
        try refine("exclude *.csv from sync", in: bundle, subject: "Exclude *.csv from sync")
        try refine("require databricks CLI 0.230.0 or newer", in: bundle, subject: "Require Databricks CLI >= 0.230.0")
        try refine("make the marketing digest performance optimized", in: bundle, subject: "Make marketing_digest performance optimized")
        let root = try committed("databricks.yml", in: bundle)
        XCTAssertTrue(root.contains("name_prefix: \"[team] \""), root)
        XCTAssertTrue(root.contains("sync:\n  exclude:\n    - \"*.csv\"") || root.contains("sync:\n  exclude:\n    - '*.csv'"), root)
        XCTAssertTrue(root.contains("databricks_cli_version: \">= 0.230.0\""), root)
        XCTAssertTrue(try committed("resources/jobs/marketing_digest.job.yml", in: bundle).contains("performance_target: PERFORMANCE_OPTIMIZED"))
        // The sales sync runs on a job cluster: a performance target is refused, with the way on.
        let refused = try dabrepo(["refine", "make the sales sync performance optimized", "--new-session"], in: bundle)
        XCTAssertTrue(refused.stdout.contains("switch sales_sync to serverless"), refused.stdout)
    }
}
