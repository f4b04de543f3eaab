import Foundation
import TestSupport
import XCTest

/// A bundle that is invalid before the change (a Python file not written yet, as in the public
/// example bundles, whose sources are not always there): a revision that brings in no new error is
/// committed and says which errors were there before; one that brings in an error is refused and
/// leaves everything as it was.
final class ExistingErrorsTests: RepositoryTestCase {
    func brokenRepository() throws -> URL {
        let bundle = try copyFixture("nightly_etl")
        try FileManager.default.removeItem(at: bundle.appendingPathComponent("src/transform.py"))
        try git(["init", "-q", "-b", "main"], in: bundle)
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "Nightly ETL without transform.py yet"], in: bundle)
        let validation = try dabrepo(["validate", "--all-targets"], in: bundle)
        XCTAssertEqual(validation.status, 1, "the starting point has an error: \(validation.stdout)")
        XCTAssertTrue(validation.stdout.contains("../src/transform.py does not exist"), validation.stdout)
        return bundle
    }

    func testAChangeThatAddsNoErrorIsCommitted() throws {
        let bundle = try brokenRepository()
        let result = try dabrepo(["refine", "stop the job after two hours", "--new-session"], in: bundle)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("(1 error it had before, none new)"), result.stdout)
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        XCTAssertTrue(message.contains("Validation: 1 error the bundle had before this revision, none new"), message)
        XCTAssertTrue(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("timeout_seconds: 7200"))
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testAChangeThatAddsAnErrorIsRefused() throws {
        let bundle = try brokenRepository()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        let before = try read(job)
        let edit = ["subject": "Run at two", "files": ["resources/nightly_etl.job.yml": before.replacingOccurrences(of: "0 0 2 * * ?", with: "0 2 * * *")]] as [String: Any]
        let document = workspace.url.appendingPathComponent("edit.json")
        try JSONSerialization.data(withJSONObject: edit).write(to: document)
        let result = try dabrepo(["apply", document.path], in: bundle)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue((result.stdout + result.stderr).contains("Quartz cron expression"), result.stdout + result.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertEqual(try read(job), before)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    /// A variable with no default that `BUNDLE_VAR_<name>` sets (as in CI): no error for `validate`,
    /// nor for a revision's check, nor for the pre-commit hook; without it, the error is one the
    /// bundle had before.
    func testAVariableSetInTheEnvironmentIsNoError() throws {
        let bundle = try copyFixture("nightly_etl")
        try edit("bundle/databricks.yml", replacing: "variables:\n  catalog:\n", with: "variables:\n  report_schema:\n    description: Set by CI\n  catalog:\n")
        try edit("bundle/resources/nightly_etl.job.yml", replacing: "      tasks:\n", with: "      parameters:\n        - name: warehouse\n          default: ${var.report_schema}\n      tasks:\n")
        try git(["init", "-q", "-b", "main"], in: bundle)
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "A variable set by CI"], in: bundle)
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 1, "without the value, an error")
        let set: [String: String?] = ["BUNDLE_VAR_report_schema": "reports"]
        let valid = try dabrepo(["validate", "--all-targets"], in: bundle, environment: set)
        XCTAssertEqual(valid.status, 0, valid.stdout)

        let result = try dabrepo(["refine", "stop the job after two hours", "--new-session"], in: bundle, environment: set)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Validation OK"), result.stdout)
        XCTAssertFalse(result.stdout.contains("had before"), result.stdout)
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        XCTAssertFalse(message.contains("had before"), message)
    }
}
