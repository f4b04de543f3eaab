import Foundation
import TestSupport
import XCTest

/// "email me when it fails": "me" is whoever makes the revision — `--author`, GIT_AUTHOR_EMAIL, or
/// git's user.email — as git would record them.
final class RefineEmailMeTests: RepositoryTestCase {
    func testMeIsTheAuthorOfTheRevision() throws {
        let bundle = try copyFixture("sales_two_jobs")
        try git(["init", "-q", "-b", "main"], in: bundle)
        try git(["config", "user.email", "ana@example.com"], in: bundle)
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-q", "-m", "Sales bundle"], in: bundle)

        let result = try dabrepo(["refine", "email me when the sales sync fails", "--new-session"], in: bundle,
                                 environment: ["GIT_AUTHOR_EMAIL": nil, "GIT_AUTHOR_NAME": "Ana"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Added ana@example.com to email_notifications (on_failure) of job sales_sync."), result.stdout)
        XCTAssertTrue(try read(bundle.appendingPathComponent("resources/sales/sales_sync.job.yml")).contains("- ana@example.com"))
        // The transcript keeps the words as said.
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%B"], in: bundle).contains("email me when the sales sync fails"))

        let other = try dabrepo(["refine", "let me know when the marketing digest fails", "--new-session", "--author", "Bo <bo@example.com>", "--dry-run"], in: bundle)
        XCTAssertTrue(other.stdout.contains("Added bo@example.com to email_notifications (on_failure) of job marketing_digest."), other.stdout)
    }
}
