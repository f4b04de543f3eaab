import Foundation
import TestSupport
import XCTest

/// An error that exists in one target only (Fixtures/prod_only_error: prod's override of the schedule
/// names a time zone that does not exist; the default target, dev, is valid). Everything that checks
/// "all targets" must reach prod: `validate --all-targets`, the pre-commit hook, `apply` and `refine`.
final class ProdOnlyErrorTests: RepositoryTestCase {
    let brokenLocation = "in databricks.yml:29:26"

    func testValidateChecksProdOnlyWhenAskedForAllTargets() throws {
        let bundle = try copyFixture("prod_only_error")
        let dev = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(dev.status, 0, dev.stdout + dev.stderr)
        XCTAssertTrue(dev.stdout.contains("Target: dev\n"), dev.stdout)

        let all = try dabrepo(["validate", "--all-targets"], in: bundle)
        XCTAssertEqual(all.status, 1, all.stdout + all.stderr)
        XCTAssertTrue(all.stdout.contains("Targets: dev, prod\n"), all.stdout)
        XCTAssertTrue(all.stdout.contains("Error: \"America/New_Yrok\" is not a known time zone\n"), all.stdout)
        XCTAssertTrue(all.stdout.contains(brokenLocation), "points into targets.prod: \(all.stdout)")
        XCTAssertTrue(all.stdout.contains("Found 1 error"), all.stdout)

        let prod = try dabrepo(["validate", "--target", "prod"], in: bundle)
        XCTAssertEqual(prod.status, 1, prod.stdout)
        XCTAssertTrue(prod.stdout.contains("rule schedule-timezone"), prod.stdout)
        XCTAssertEqual(try dabrepo(["validate", "--target", "dev"], in: bundle).status, 0)
    }

    /// The fixture with prod's time zone spelt right, committed with the hook installed; returns the
    /// bundle and the broken databricks.yml.
    func validRepository() throws -> (bundle: URL, broken: String) {
        let bundle = try copyFixture("prod_only_error")
        let root = bundle.appendingPathComponent("databricks.yml")
        let broken = try read(root)
        try write(broken.replacingOccurrences(of: "America/New_Yrok", with: "America/New_York"), to: root)
        try write(".dabrepo/\n", to: bundle.appendingPathComponent(".gitignore"))
        try git(["init", "-q", "-b", "main"], in: bundle)
        XCTAssertEqual(try dabrepo(["hooks", "install"], in: bundle).status, 0)
        try git(["add", "-A"], in: bundle)
        XCTAssertEqual(try git(["commit", "-qm", "valid for every target"], in: bundle).status, 0)
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0, "the starting point is valid")
        return (bundle, broken)
    }

    func assertUnchanged(_ bundle: URL, head: String, databricks: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head, file: file, line: line)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "", file: file, line: line)
        XCTAssertEqual(try read(bundle.appendingPathComponent("databricks.yml")), databricks, file: file, line: line)
    }

    func testThePreCommitHookBlocksAnErrorInProdOnly() throws {
        let (bundle, broken) = try validRepository()
        try write(broken, to: bundle.appendingPathComponent("databricks.yml"))
        XCTAssertEqual(try dabrepo(["validate"], in: bundle).status, 0, "dev alone passes")
        try git(["add", "databricks.yml"], in: bundle)
        let commit = try git(["commit", "-m", "break prod"], in: bundle)
        XCTAssertNotEqual(commit.status, 0)
        XCTAssertTrue(commit.stderr.contains("\"America/New_Yrok\" is not a known time zone"), commit.stderr)
        XCTAssertTrue(commit.stderr.contains(brokenLocation), commit.stderr)
        XCTAssertTrue(commit.stderr.contains("commit blocked"), commit.stderr)
        XCTAssertEqual(try gitOutput(["log", "--format=%s"], in: bundle), "valid for every target")
    }

    func testApplyRefusesAnEditThatBreaksProdOnly() throws {
        let (bundle, broken) = try validRepository()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let valid = try read(bundle.appendingPathComponent("databricks.yml"))
        let document = workspace.url.appendingPathComponent("break-prod.json")
        try JSONSerialization.data(withJSONObject: ["subject": "Run prod on New York time", "files": ["databricks.yml": broken]])
            .write(to: document)
        let result = try dabrepo(["apply", document.path], in: bundle)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("\"America/New_Yrok\" is not a known time zone"), result.stderr)
        XCTAssertTrue(result.stderr.contains(brokenLocation), result.stderr)
        XCTAssertTrue(result.stderr.contains("nothing was changed"), result.stderr)
        try assertUnchanged(bundle, head: head, databricks: valid)
    }

    func testRefineRefusesARequestThatBreaksProd() throws {
        let (bundle, _) = try validRepository()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let valid = try read(bundle.appendingPathComponent("databricks.yml"))
        // Hour 25: the new cron lands in prod's override, so only prod becomes invalid.
        let result = try dabrepo(["refine", "use the cron 0 0 25 * * ? in prod"], in: bundle)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("for target prod."), result.stdout)
        XCTAssertTrue(result.stdout.contains("invalid value \"25\" in the hours field"), result.stdout)
        XCTAssertTrue(result.stdout.contains("rule schedule-cron"), result.stdout)
        XCTAssertTrue(result.stderr.contains("nothing was changed"), result.stderr)
        try assertUnchanged(bundle, head: head, databricks: valid)
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0)
    }
}
