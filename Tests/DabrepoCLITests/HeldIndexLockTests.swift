import Foundation
import TestSupport
import XCTest

/// A revision that meets a git command of the user's holding `.git/index.lock` waits for it (saying
/// so) instead of failing at once with "the index is locked"; held past `DABREPO_LOCK_TIMEOUT`, it
/// fails saying what to do, and nothing changes.
final class HeldIndexLockTests: RepositoryTestCase {
    /// Runs `body` while `.git/index.lock` is held as a git command of the user's holds it, released
    /// when `releaseWhen` first holds (checked every 50 ms; at the latest after 60 s).
    func withIndexLockHeld<T>(in bundle: URL, releaseWhen: @escaping @Sendable () -> Bool, _ body: () throws -> T) throws -> T {
        let lock = holdIndexLock(in: bundle)
        let released = DispatchSemaphore(value: 0)
        Thread {
            let deadline = Date().addingTimeInterval(60)
            while !releaseWhen(), Date() < deadline { usleep(50_000) }
            unlink(lock.path)
            released.signal()
        }.start()
        defer { released.wait() }
        return try body()
    }

    /// The same, letting go of the lock after `seconds`.
    func withIndexLockHeld<T>(in bundle: URL, seconds: TimeInterval = 1, _ body: () throws -> T) throws -> T {
        let end = Date().addingTimeInterval(seconds)
        return try withIndexLockHeld(in: bundle, releaseWhen: { Date() >= end }, body)
    }

    /// Takes `.git/index.lock` as a git command of the user's would, and keeps it.
    func holdIndexLock(in bundle: URL) -> URL {
        let lock = bundle.appendingPathComponent(".git/index.lock")
        XCTAssertTrue(FileManager.default.createFile(atPath: lock.path, contents: Data()))
        return lock
    }

    /// Runs the binary with `arguments` in `bundle`, sends it SIGINT (Ctrl-C) once it says it is waiting
    /// for git's lock (at the latest after 60 s), and returns its exit status and standard error.
    func interruptWhileWaitingForTheLock(_ arguments: [String], in bundle: URL) throws -> (status: Int32, stderr: String) {
        var env = environment
        env["NO_COLOR"] = "1"
        let process = DabrepoProcess.make(arguments, in: bundle, environment: env)
        let errors = bundle.deletingLastPathComponent().appendingPathComponent("ctrl-c-stderr.txt")
        FileManager.default.createFile(atPath: errors.path, contents: Data())
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !((try? read(errors)) ?? "").contains("waiting for another git command") { usleep(50_000) }
        process.interrupt()
        process.waitUntilExit()
        return (process.terminationStatus, try read(errors))
    }

    /// The test environment with DABREPO_LOCK_TIMEOUT=1: a wait for a lock ends after a second.
    var waitingOneSecond: [String: String?] {
        var environment = self.environment
        environment["DABREPO_LOCK_TIMEOUT"] = "1"
        return environment
    }

    /// A bundle whose HEAD is a revision (the timeout set to 2 hours), and that revision.
    func bundleWithARevision() throws -> (bundle: URL, revision: String) {
        let bundle = try initBundle()
        let refined = try dabrepo(["refine", "set the timeout to 2 hours"], in: bundle)
        XCTAssertEqual(refined.status, 0, refined.stdout + refined.stderr)
        return (bundle, try gitOutput(["rev-parse", "HEAD"], in: bundle))
    }

    func testARevisionWaitsForTheUsersIndexLockAndThenLands() throws {
        let bundle = try initBundle()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let refined = try withIndexLockHeld(in: bundle) { try dabrepo(["refine", "set the timeout to 2 hours"], in: bundle) }
        XCTAssertEqual(refined.status, 0, refined.stdout + refined.stderr)
        XCTAssertTrue(refined.stderr.contains("waiting for another git command"), refined.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD~1"], in: bundle), head)
        XCTAssertEqual(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle), "resources/nightly_etl.job.yml")
        XCTAssertTrue(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("timeout_seconds: 7200"))
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        XCTAssertEqual(try git(["fsck", "--strict"], in: bundle).status, 0)
    }

    /// Ctrl-C while the revision waits for the user's lock: it stops there, with nothing committed and the
    /// files as they were (it was acknowledged, and the revision committed once the lock went).
    func testCtrlCWhileWaitingForTheLockCommitsNothing() throws {
        let bundle = try initBundle()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        let before = try read(job)
        let lock = holdIndexLock(in: bundle)
        let (status, said) = try interruptWhileWaitingForTheLock(["refine", "set the timeout to 2 hours"], in: bundle)
        unlink(lock.path)
        XCTAssertTrue(said.contains("waiting for another git command"), said)
        XCTAssertEqual(status, 130, said)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head, said)
        XCTAssertEqual(try read(job), before)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    /// The same for `undo`: it was killed, the revert left in the work tree, and the next command's repair then
    /// removed the user's index.lock (their commit failed writing its index).
    func testCtrlCWhileAnUndoWaitsForTheLockUndoesNothingAndKeepsTheUsersLock() throws {
        let (bundle, revision) = try bundleWithARevision()
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        let before = try read(job)
        let lock = holdIndexLock(in: bundle)
        let (status, said) = try interruptWhileWaitingForTheLock(["undo"], in: bundle)
        XCTAssertEqual(status, 130, said)
        XCTAssertEqual(try read(job), before, "the revert was put back")
        XCTAssertFalse(FileManager.default.fileExists(atPath: bundle.appendingPathComponent(".git/dabrepo-revision.journal").path))
        // The next command repairs nothing, and the user's lock stays theirs.
        XCTAssertEqual(try dabrepo(["log", "-n", "1"], in: bundle).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: lock.path), "the user's index.lock was removed")
        unlink(lock.path)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), revision)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testAnIndexLockHeldPastTheTimeoutFailsSayingWhatToDoAndChangesNothing() throws {
        let bundle = try initBundle()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        let before = try read(job)
        let lock = holdIndexLock(in: bundle)
        // Twice: the second try must not take the first one's leftovers for a crash to repair.
        for _ in 1...2 {
            let refined = try CommandRunner.dabrepo(["refine", "set the timeout to 2 hours"], in: bundle, environment: waitingOneSecond)
            XCTAssertNotEqual(refined.status, 0, refined.stdout + refined.stderr)
            XCTAssertTrue(refined.stderr.contains("waiting for another git command"), refined.stderr)
            XCTAssertTrue(refined.stderr.contains("index.lock") && refined.stderr.contains("DABREPO_LOCK_TIMEOUT"), refined.stderr)
            // The user's lock is theirs: it stays (the failed revision's roll-back removed it).
            XCTAssertTrue(FileManager.default.fileExists(atPath: lock.path), "the user's index.lock was removed")
            XCTAssertEqual(try read(job), before)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: bundle.appendingPathComponent(".git/dabrepo-revision.journal").path),
                       "a journal left behind would rewrite the files at the next command")
        unlink(lock.path)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertEqual(try read(job), before)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testUndoWaitsForTheUsersIndexLockAndThenLands() throws {
        let (bundle, revision) = try bundleWithARevision()
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        let before = try gitOutput(["show", "HEAD~1:resources/nightly_etl.job.yml"], in: bundle)
        let undone = try withIndexLockHeld(in: bundle) { try dabrepo(["undo"], in: bundle) }
        XCTAssertEqual(undone.status, 0, undone.stdout + undone.stderr)
        XCTAssertTrue(undone.stderr.contains("waiting for another git command"), undone.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD~1"], in: bundle), revision)
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%s"], in: bundle).hasPrefix("Undo "))
        XCTAssertEqual(try read(job).trimmingCharacters(in: .newlines), before.trimmingCharacters(in: .newlines))
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        XCTAssertEqual(try git(["fsck", "--strict"], in: bundle).status, 0)
    }

    func testTheUndoToolWaitsForTheUsersIndexLockToo() throws {
        let (bundle, revision) = try bundleWithARevision()
        let undone = try withIndexLockHeld(in: bundle) { try dabrepo(["tools", "call", "undo_revision", "{}"], in: bundle) }
        XCTAssertEqual(undone.status, 0, undone.stdout + undone.stderr)
        XCTAssertTrue(undone.stderr.contains("waiting for another git command"), undone.stderr)
        XCTAssertEqual(try json(undone.stdout)["undone"] as? String, revision)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD~1"], in: bundle), revision)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    /// Through `dabrepo mcp` (tools in process), the wait is a progress notification of the call.
    func testMCPToolsSayTheyWaitAsProgressNotifications() throws {
        let bundle = try initBundle()
        let job = "resources.jobs.nightly_etl_job"
        // The last call runs its tool as a child process (DABREPO_TOOL_ISOLATION=process): the same.
        var isolated = environment
        isolated["DABREPO_TOOL_ISOLATION"] = "process"
        // The lock is let go once the client has seen the wait (a fixed time failed on a loaded machine,
        // where the client and server took longer than it to start); the revisions wait up to 60 s.
        let seen = workspace.url.appendingPathComponent("progress-\(UUID().uuidString).txt")
        for (name, arguments, environment) in [("refine_bundle", ["request": "set the timeout to 2 hours"] as [String: Any], environment),
                                               ("edit_bundle", ["subject": "Describe the job", "edits": [["op": "set", "path": "\(job).description", "value": "waited"]]], environment),
                                               ("undo_revision", [:], environment),
                                               ("refine_bundle", ["request": "set the timeout to 3 hours"], isolated)] {
            let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
            unlink(seen.path)
            var watched = environment
            watched["MCP_PROGRESS_FILE"] = seen.path
            watched["DABREPO_LOCK_TIMEOUT"] = "90"
            let calls = try withIndexLockHeld(in: bundle, releaseWhen: {
                ((try? String(contentsOf: seen, encoding: .utf8)) ?? "").contains("waiting for another git command")
            }) {
                try MCPToolCalls.run([(name, arguments)], repo: bundle, scratch: workspace.url, environment: watched)
            }
            let call = try XCTUnwrap(calls.results.first)
            XCTAssertFalse(call.isError, "\(name): \(call.text)")
            XCTAssertTrue(call.progressMessages.contains { $0.contains("waiting for another git command") }, "\(name): \(call.progressMessages)")
            XCTAssertFalse(calls.serverLog.contains("waiting for"), "\(name): said on the server's standard error instead: \(calls.serverLog)")
            XCTAssertEqual(try gitOutput(["rev-parse", "HEAD~1"], in: bundle), head, name)
        }
    }

    func testUndoWithAnIndexLockHeldPastTheTimeoutFailsSayingWhatToDoAndChangesNothing() throws {
        let (bundle, head) = try bundleWithARevision()
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        let before = try read(job)
        let lock = holdIndexLock(in: bundle)
        for output in ["text", "json"] {
            let undone = try CommandRunner.dabrepo(["undo", "--output", output], in: bundle, environment: waitingOneSecond)
            XCTAssertNotEqual(undone.status, 0, undone.stdout + undone.stderr)
            XCTAssertTrue(undone.stderr.contains("waiting for another git command"), undone.stderr)
            XCTAssertTrue(undone.stderr.contains("index.lock") && undone.stderr.contains("DABREPO_LOCK_TIMEOUT"), undone.stderr)
            if output == "json" {
                let error = try json(undone.stdout)
                XCTAssertTrue((error["message"] as? String ?? "").contains("index.lock"), undone.stdout)
            }
            // The user's lock is theirs: it stays, and nothing else changed.
            XCTAssertTrue(FileManager.default.fileExists(atPath: lock.path), "the user's index.lock was removed")
            XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
            XCTAssertEqual(try read(job), before)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: bundle.appendingPathComponent(".git/dabrepo-revision.journal").path),
                       "a journal left behind would rewrite the files at the next command")
        unlink(lock.path)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        // Once the user's git is done, the undo lands.
        let again = try dabrepo(["undo"], in: bundle)
        XCTAssertEqual(again.status, 0, again.stdout + again.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD~1"], in: bundle), head)
    }
}
