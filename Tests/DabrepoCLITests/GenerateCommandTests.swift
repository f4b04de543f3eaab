import Foundation
import TestSupport
import XCTest

final class GenerateCommandTests: RepositoryTestCase {
    let json = TestPaths.fixture("DabrepoCLITests", "jobs/nightly_sales.json")

    func testGenerateFromJobJSONWritesValidatesAndCommits() throws {
        let bundle = try initBundle("sales", template: "empty")
        let result = try dabrepo(["generate", "job", "--from-json", json.path], in: bundle)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Generated resources/nightly_sales_v2.job.yml from job 871263 (Nightly Sales (v2)) with 2 tasks."), result.stdout)
        let written = try read(bundle.appendingPathComponent("resources/nightly_sales_v2.job.yml"))
        let golden = try read(TestPaths.fixture("DabrepoCLITests", "jobs/nightly_sales_v2.job.yml"))
        XCTAssertEqual(written, golden, "the generated resource differs from Fixtures/jobs/nightly_sales_v2.job.yml")
        for dropped in ["format:", "edit_mode:", "deployment:", "webhook_notifications:", "custom_tags:", "creator_user_name"] {
            XCTAssertFalse(written.contains(dropped), "\(dropped) should be dropped")
        }
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Generate job nightly_sales_v2 from job 871263")
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%B"], in: bundle).contains("Dabrepo-Agent: generate"))
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0)
        if let oracle = TestPaths.shared?.appendingPathComponent("oracle/check-bundle") {
            let checked = try CommandRunner.run(oracle, [bundle.path, "--target", "prod"])
            XCTAssertEqual(checked.status, 0, checked.stdout + checked.stderr)
        }
        // The same job again changes nothing; another job under the same key is refused.
        let again = try dabrepo(["generate", "job", "--from-json", json.path], in: bundle)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.hasPrefix("Nothing to change: the bundle already has the job nightly_sales_v2"), again.stdout)
        let changed = workspace.url.appendingPathComponent("changed.json")
        try write(try read(json).replacingOccurrences(of: "\"max_concurrent_runs\": 1", with: "\"max_concurrent_runs\": 2"), to: changed)
        XCTAssertNotEqual(try read(changed), try read(json), "the fixture changed")
        let other = try dabrepo(["generate", "job", "--from-json", changed.path], in: bundle)
        XCTAssertEqual(other.status, 2)
        XCTAssertTrue(other.stderr.contains("already has a job nightly_sales_v2"), other.stderr)
        XCTAssertEqual(try dabrepo(["generate", "job", "--from-json", json.path, "--key", "sales_copy"], in: bundle).status, 0)
    }

    func testIncludeIsAddedWhenMissingAndBadJSONIsRefused() throws {
        let bundle = workspace.url.appendingPathComponent("plain")
        try workspace.write(["plain/databricks.yml": "bundle:\n  name: plain\n\ntargets:\n  dev:\n    default: true\n"])
        try git(["init", "-q", "-b", "main"], in: bundle)
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "plain"], in: bundle)
        let result = try dabrepo(["generate", "job", "--from-json", json.path], in: bundle)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(try read(bundle.appendingPathComponent("databricks.yml")).hasSuffix("    default: true\ninclude:\n  - resources/*.yml\n"))
        try workspace.write(["bad.json": "{\"runs\": []}"])
        let bad = try dabrepo(["generate", "job", "--from-json", workspace.url.appendingPathComponent("bad.json").path], in: bundle)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("no job settings"), bad.stderr)
    }
}
