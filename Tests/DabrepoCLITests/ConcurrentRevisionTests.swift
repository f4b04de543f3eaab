import Foundation
import TestSupport
import XCTest

/// Several writers on one repository at once: each revision waits its turn on the repository lock and
/// lands on top of the others (planned again when the files it was planned on changed meanwhile), so
/// none is lost, history stays linear and git stays consistent.
final class ConcurrentRevisionTests: RepositoryTestCase {
    func testEightRefinesAndAnUndoAtOnceAllLand() throws {
        let bundle = try initBundle()
        let start = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let requests = ["set the timeout to 2 hours", "retry tasks 3 times", "allow 3 concurrent runs", "turn on queueing",
                        "tag the job with team=data", "use spot instances", "turn on Photon in dev", "pause the schedule in prod"]
        final class Results: @unchecked Sendable {
            var items: [CommandResult?]
            let lock = NSLock()
            init(_ n: Int) { items = Array(repeating: nil, count: n) }
        }
        let results = Results(requests.count)
        let environment = self.environment
        DispatchQueue.concurrentPerform(iterations: requests.count) { i in
            let result = try? CommandRunner.dabrepo(["refine", requests[i], "--new-session", "--yes"], in: bundle, environment: environment)
            results.lock.lock()
            results.items[i] = result
            results.lock.unlock()
        }
        for (i, result) in results.items.enumerated() {
            XCTAssertEqual(result?.status, 0, "\(requests[i]): \(result?.stdout ?? "")\(result?.stderr ?? "")")
        }
        // Every revision landed exactly once, one after another.
        let subjects = try gitOutput(["log", "--format=%s", "\(start)..HEAD"], in: bundle).split(separator: "\n")
        XCTAssertEqual(subjects.count, requests.count, subjects.joined(separator: "\n"))
        XCTAssertEqual(Set(subjects).count, requests.count, "a revision landed twice")
        let parents = try gitOutput(["log", "--format=%p", "\(start)..HEAD"], in: bundle).split(separator: "\n")
        XCTAssertTrue(parents.allSatisfy { !$0.contains(" ") }, "history is not linear")
        XCTAssertEqual(try git(["fsck", "--strict"], in: bundle).status, 0)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        // None undid another: every change is in the final files.
        let job = try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml"))
        for expected in ["timeout_seconds: 7200", "max_retries: 3", "max_concurrent_runs: 3", "enabled: true", "team: data", "SPOT_WITH_FALLBACK"] {
            XCTAssertTrue(job.contains(expected), "\(expected) is lost:\n\(job)")
        }
        let root = try read(bundle.appendingPathComponent("databricks.yml"))
        XCTAssertTrue(root.contains("PHOTON") && root.contains("PAUSED"), root)

        // An undo racing a refine: both land, in some order, and nothing is half done.
        let before = Int(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle)) ?? 0
        let pair = Results(2)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let arguments = i == 0 ? ["undo"] : ["refine", "set the timeout to 3 hours", "--new-session", "--yes"]
            let result = try? CommandRunner.dabrepo(arguments, in: bundle, environment: environment)
            pair.lock.lock()
            pair.items[i] = result
            pair.lock.unlock()
        }
        XCTAssertEqual(pair.items[1]?.status, 0, pair.items[1].map { $0.stdout + $0.stderr } ?? "")
        let undo = try XCTUnwrap(pair.items[0])
        let after = Int(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle)) ?? 0
        // The undo reverts whatever revision was HEAD when it got the lock: it lands, or it refuses with its reason.
        XCTAssertEqual(after, before + (undo.status == 0 ? 2 : 1), undo.stdout + undo.stderr)
        if undo.status != 0 { XCTAssertFalse(undo.stderr.isEmpty) }
        XCTAssertEqual(try git(["fsck", "--strict"], in: bundle).status, 0)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    /// Four `dabrepo edit` processes at once, each setting its own tag: each applies its edits again on
    /// top of the revisions that landed while it waited (they once overwrote each other: one tag of four
    /// was left, and each commit silently reverted the one before).
    func testConcurrentEditsAllLand() throws {
        let bundle = try initBundle()
        let start = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let environment = self.environment
        var documents: [URL] = []
        for i in 1...4 {
            let url = bundle.deletingLastPathComponent().appendingPathComponent("edit\(i).json")
            try Data("{\"subject\": \"Tag c\(i)\", \"edits\": [{\"op\": \"set\", \"path\": \"resources.jobs.nightly_etl_job.tags.c\(i)\", \"value\": \"v\(i)\"}]}".utf8).write(to: url)
            documents.append(url)
        }
        let statuses = Results(documents.count)
        let paths = documents.map(\.path)
        DispatchQueue.concurrentPerform(iterations: documents.count) { i in
            let result = try? CommandRunner.dabrepo(["edit", paths[i]], in: bundle, environment: environment)
            statuses.lock.lock()
            statuses.items[i] = result
            statuses.lock.unlock()
        }
        for result in statuses.items { XCTAssertEqual(result?.status, 0, (result?.stdout ?? "") + (result?.stderr ?? "")) }
        let job = try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml"))
        for i in 1...4 { XCTAssertTrue(job.contains("c\(i): v\(i)"), "tag c\(i) is lost:\n\(job)") }
        XCTAssertEqual(try gitOutput(["log", "--format=%s", "\(start)..HEAD"], in: bundle).split(separator: "\n").count, 4)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    final class Results: @unchecked Sendable {
        var items: [CommandResult?]
        let lock = NSLock()
        init(_ n: Int) { items = Array(repeating: nil, count: n) }
    }

    /// A request read while another process's revision is rewriting the files (here: the job file
    /// emptied while the repository lock is held, as a revert in progress leaves it) is not refused for
    /// what the half-written files say ("defines no job"): it waits for that revision and plans again.
    func testARequestReadWhileAnotherRevisionWritesIsPlannedAgain() throws {
        let bundle = try initBundle()
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        let original = try Data(contentsOf: job)
        let descriptor = open(bundle.appendingPathComponent(".git/dabrepo.lock").path, O_CREAT | O_RDWR, 0o644)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        XCTAssertEqual(flock(descriptor, LOCK_EX), 0)
        try Data().write(to: job)
        // The other revision finishes half a second after the request started: the file is whole again.
        let environment = self.environment
        nonisolated(unsafe) var result: CommandResult?
        let done = DispatchSemaphore(value: 0)
        Thread {
            result = try? CommandRunner.dabrepo(["refine", "set the timeout to 2 hours", "--yes"], in: bundle, environment: environment)
            done.signal()
        }.start()
        usleep(500_000)
        try original.write(to: job)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        done.wait()
        let refined = try XCTUnwrap(result)
        XCTAssertEqual(refined.status, 0, refined.stdout + refined.stderr)
        let text = try read(job)
        XCTAssertTrue(text.contains("timeout_seconds: 7200"), text)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }
}
