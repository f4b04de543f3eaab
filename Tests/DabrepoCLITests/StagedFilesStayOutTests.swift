import Foundation
import TestSupport
import XCTest

/// A file the user has staged but not committed stays staged and out of dabrepo's revisions: a
/// revision commits exactly the files it touched (found by ConcurrentMCPWritersTests, where the user's
/// `git add` landed inside a refine's revision).
final class StagedFilesStayOutTests: RepositoryTestCase {
    func testARevisionDoesNotCommitWhatTheUserStaged() throws {
        let bundle = try initBundle()
        try write("my notes\n", to: bundle.appendingPathComponent("NOTES.md"))
        XCTAssertEqual(try git(["add", "NOTES.md"], in: bundle).status, 0)
        let refined = try dabrepo(["refine", "set the timeout to 2 hours"], in: bundle)
        XCTAssertEqual(refined.status, 0, refined.stderr)
        XCTAssertEqual(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle), "resources/nightly_etl.job.yml")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "A  NOTES.md", "the user's file is still staged")
        let applied = try dabrepo(["apply", try editDocument(timeout: 900).path], in: bundle)
        XCTAssertEqual(applied.status, 0, applied.stderr)
        XCTAssertEqual(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle), "resources/nightly_etl.job.yml")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "A  NOTES.md")
        XCTAssertEqual(try git(["commit", "-q", "-m", "Notes"], in: bundle).status, 0)
        XCTAssertEqual(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle), "NOTES.md")
        XCTAssertEqual(try git(["fsck", "--strict"], in: bundle).status, 0)
    }
}
