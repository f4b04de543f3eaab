import Foundation
import TestSupport
import XCTest

/// When uncommitted edits stop a command, the advice names only what works for that command, and
/// following it works.
final class UncommittedEditsAdviceTests: RepositoryTestCase {
    let note = "# my own note, not committed yet\n"

    /// A bundle whose latest commit is a refine revision, with an uncommitted edit of the file it changed.
    func bundleWithEditedRevision() throws -> (bundle: URL, job: URL) {
        let bundle = try initBundle()
        let refined = try dabrepo(["refine", "set the timeout to 2 hours"], in: bundle)
        XCTAssertEqual(refined.status, 0, refined.stdout + refined.stderr)
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        try write(note + (try read(job)), to: job)
        return (bundle, job)
    }

    /// refine on a file with uncommitted edits: refused before any preview (the plan and its diff were
    /// shown first, reading as if it would be made).
    func testRefineOnAnEditedFileIsRefusedBeforeItsPreview() throws {
        let (bundle, job) = try bundleWithEditedRevision()
        let refused = try dabrepo(["refine", "set the timeout to 3 hours"], in: bundle)
        XCTAssertEqual(refused.status, 2, refused.stdout + refused.stderr)
        XCTAssertTrue(refused.stderr.contains("uncommitted changes in resources/nightly_etl.job.yml"), refused.stderr)
        XCTAssertFalse(refused.stdout.contains("timeout_seconds"), "no preview: \(refused.stdout)")
        XCTAssertTrue(try read(job).hasPrefix(note))
    }

    func testUndoWithEditsSuggestsTheStashThatThenWorks() throws {
        let (bundle, job) = try bundleWithEditedRevision()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        for arguments in [["undo"], ["refine", "undo that"]] {
            let refused = try dabrepo(arguments, in: bundle)
            XCTAssertEqual(refused.status, 2, refused.stdout + refused.stderr)
            XCTAssertTrue(refused.stderr.contains("uncommitted changes in resources/nightly_etl.job.yml"), refused.stderr)
            XCTAssertTrue(refused.stderr.contains("`git stash --include-untracked`, undo again, then bring them back with `git stash pop`"), refused.stderr)
            XCTAssertFalse(refused.stderr.contains("--include-dirty"), "undo has no --include-dirty: \(refused.stderr)")
            XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
            XCTAssertTrue(try read(job).hasPrefix(note))
        }
        // Following the advice.
        XCTAssertEqual(try git(["stash"], in: bundle).status, 0)
        let undone = try dabrepo(["undo"], in: bundle)
        XCTAssertEqual(undone.status, 0, undone.stderr)
        XCTAssertEqual(try git(["stash", "pop"], in: bundle).status, 0)
        let text = try read(job)
        XCTAssertTrue(text.hasPrefix(note), text)
        XCTAssertFalse(text.contains("timeout_seconds"), text)
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Undo \"Time out nightly_etl_job after 2 hours\"")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "M resources/nightly_etl.job.yml")
    }

    func testRefineWithEditsSuggestsCommittingThemAndApplySuggestsIncludeDirty() throws {
        let (bundle, job) = try bundleWithEditedRevision()
        let refused = try dabrepo(["refine", "set the timeout to 3 hours"], in: bundle)
        XCTAssertEqual(refused.status, 2, refused.stdout + refused.stderr)
        XCTAssertTrue(refused.stderr.contains("commit them (git commit) or put them aside (git stash) first"), refused.stderr)
        XCTAssertFalse(refused.stderr.contains("--include-dirty"), "refine has no --include-dirty: \(refused.stderr)")
        XCTAssertEqual(try git(["commit", "-qam", "My note"], in: bundle).status, 0)
        XCTAssertEqual(try dabrepo(["refine", "set the timeout to 3 hours"], in: bundle).status, 0)
        XCTAssertTrue(try read(job).hasPrefix(note))

        // apply has the option, and says so.
        let committed = try gitOutput(["show", "HEAD:resources/nightly_etl.job.yml"], in: bundle) + "\n"
        XCTAssertTrue(committed.contains("timeout_seconds: 10800"), committed)
        let document = workspace.url.appendingPathComponent("edit.json")
        try JSONSerialization.data(withJSONObject: ["subject": "Four hours", "files": ["resources/nightly_etl.job.yml":
            committed.replacingOccurrences(of: "timeout_seconds: 10800", with: "timeout_seconds: 14400")]]).write(to: document)
        try write(note + committed, to: job)
        let applyRefused = try dabrepo(["apply", document.path], in: bundle)
        XCTAssertEqual(applyRefused.status, 2, applyRefused.stdout + applyRefused.stderr)
        XCTAssertTrue(applyRefused.stderr.contains("Or run the same command with --include-dirty"), applyRefused.stderr)
        XCTAssertEqual(try dabrepo(["apply", document.path, "--include-dirty"], in: bundle).status, 0)
    }
}
