import Foundation
import TestSupport
import XCTest

/// "delete the marketing digest job", "only deploy the sales sync to prod": a resource leaves the
/// bundle, or is defined for one target only, as one revision that `diff` and `validate` agree with.
final class RefineResourceRemovalTests: RepositoryTestCase {
    func repository() throws -> URL {
        let bundle = try copyFixture("sales_two_jobs")
        try git(["init", "-q", "-b", "main"], in: bundle)
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-q", "-m", "Sales bundle"], in: bundle)
        return bundle
    }

    func refine(_ request: String, in bundle: URL, file: StaticString = #filePath, line: UInt = #line) throws -> CommandResult {
        let result = try dabrepo(["refine", request, "--new-session"], in: bundle)
        XCTAssertEqual(result.status, 0, "\(request): \(result.stdout)\(result.stderr)", file: file, line: line)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "", "\(request): git status is not clean", file: file, line: line)
        return result
    }

    func testAJobDeployedToOneTargetOnlyKeepsItsFileAndComments() throws {
        let bundle = try repository()
        let file = bundle.appendingPathComponent("resources/marketing/marketing_digest.job.yml")
        try write("# The weekly digest for marketing.\n" + (try read(file)).replacingOccurrences(of: "      email_notifications:\n", with: "      # who hears about it\n      email_notifications:\n"), to: file)
        try git(["commit", "-qam", "comments"], in: bundle)

        let result = try refine("only deploy the marketing digest to prod", in: bundle)
        XCTAssertTrue(result.stdout.contains("defined for target prod only"), result.stdout)
        let text = try read(file)
        XCTAssertTrue(text.hasPrefix("# The weekly digest for marketing.\ntargets:\n  prod:\n    resources:\n      jobs:\n        marketing_digest:\n          name: marketing-digest\n          # who hears about it\n          email_notifications:\n"), text)
        XCTAssertEqual(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle), "resources/marketing/marketing_digest.job.yml")
        let dev = try dabrepo(["diff", "HEAD~1", "HEAD", "--target", "dev"], in: bundle)
        XCTAssertTrue(dev.stdout.contains("- jobs.marketing_digest"), dev.stdout)
        let prod = try dabrepo(["diff", "HEAD~1", "HEAD", "--target", "prod"], in: bundle)
        XCTAssertFalse(prod.stdout.contains("jobs.marketing_digest"), "prod deploys the same job: \(prod.stdout)")
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0)

        // Asked again: said, nothing committed, and no failure (the bundle is as asked).
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let again = try dabrepo(["refine", "only deploy the marketing digest to prod", "--new-session"], in: bundle)
        XCTAssertEqual(again.status, 0, again.stdout + again.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertTrue((again.stdout + again.stderr).contains("already defined for target prod only"), again.stdout + again.stderr)
    }

    /// The job prod overrides: its definition and prod's settings become one, under prod.
    func testAJobWithATargetOverrideMovesWithTheOverrideOverIt() throws {
        let bundle = try repository()
        try refine("don't deploy the sales sync job to dev", in: bundle)
        let root = try read(bundle.appendingPathComponent("databricks.yml"))
        XCTAssertTrue(root.contains("    resources:\n      jobs:\n        sales_sync:\n          name: Sales Sync\n"), root)
        let prod = try dabrepo(["diff", "HEAD~1", "HEAD", "--target", "prod"], in: bundle)
        // prod's job is the same, its 8 workers too; only its notebook paths are written from databricks.yml now.
        XCTAssertFalse(prod.stdout.contains("num_workers") || prod.stdout.contains("- jobs.sales_sync"), prod.stdout)
        XCTAssertTrue(prod.stdout.contains("notebook_path: ../../src/extract.py → ./src/extract.py"), prod.stdout)
        XCTAssertTrue(root.contains("                num_workers: 8\n"), root)
        XCTAssertTrue(try dabrepo(["diff", "HEAD~1", "HEAD", "--target", "dev"], in: bundle).stdout.contains("- jobs.sales_sync"))
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0)
    }

    func testDeletingAJobRemovesItsFileAndItsTargetSettings() throws {
        let bundle = try repository()
        let result = try refine("delete the sales sync job", in: bundle)
        XCTAssertTrue(result.stdout.contains("Removed the job sales_sync and its file resources/sales/sales_sync.job.yml, with its settings for target prod"), result.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("resources/sales/sales_sync.job.yml").path))
        let root = try read(bundle.appendingPathComponent("databricks.yml"))
        XCTAssertFalse(root.contains("sales_sync"), root)
        XCTAssertTrue(root.contains("root_path: /Workspace/Users/deploy@example.com/.bundle/${bundle.name}/${bundle.target}\n"), root)
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0)
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Remove the job sales_sync")

        // Undo brings the file back.
        XCTAssertEqual(try dabrepo(["undo"], in: bundle).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("resources/sales/sales_sync.job.yml").path))

        // Parts of a job are not the job.
        _ = try refine("remove the failure emails of the marketing digest", in: bundle)
        XCTAssertTrue(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("resources/marketing/marketing_digest.job.yml").path))
    }
}
