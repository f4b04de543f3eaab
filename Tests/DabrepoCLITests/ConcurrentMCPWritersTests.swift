import Foundation
import TestSupport
import XCTest

/// Eight edit_bundle and refine_bundle calls at once on one repository, through one MCP server and
/// through several, while the user commits a change of their own with git: every call lands exactly
/// once (its revision is in the history, once) or is refused with its own reason, history stays
/// linear, git finds nothing wrong, the user's commit is kept. Uses the official Python MCP client.
final class ConcurrentMCPWritersTests: RepositoryTestCase {
    /// Four refines and four edits, each a different change of the default-python bundle.
    func calls(_ round: Int) -> [(String, [String: Any])] {
        let job = "resources.jobs.nightly_etl_job"
        return [
            ("refine_bundle", ["request": "set the timeout to \(round + 2) hours"]),
            ("refine_bundle", ["request": "retry tasks \(round + 2) times"]),
            ("refine_bundle", ["request": "allow \(round + 2) concurrent runs"]),
            ("refine_bundle", ["request": "tag the job with round=r\(round)"]),
            ("edit_bundle", ["subject": "Round \(round): description", "edits": [["op": "set", "path": "\(job).description", "value": "round \(round)"]]]),
            ("edit_bundle", ["subject": "Round \(round): tag owner", "edits": [["op": "set", "path": "\(job).tags.owner", "value": "team\(round)"]]]),
            ("edit_bundle", ["subject": "Round \(round): bad key", "edits": [["op": "set", "path": "\(job).timeout_secondz", "value": 5]]]),
            ("edit_bundle", ["subject": "Round \(round): notifications", "edits": [["op": "set", "path": "\(job).email_notifications.on_failure", "value": ["ops\(round)@example.com"]]]]),
        ]
    }

    struct Outcome {
        var name: String
        var isError: Bool
        var text: String
    }

    /// Runs the sessions at once; the user commits while the calls are in flight. Returns every call's outcome.
    func runAtOnce(_ sessions: [[(String, [String: Any])]], bundle: URL, userFile: String) throws -> [Outcome] {
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/MCP/call_tools_concurrently.py")
        let ready = workspace.url.appendingPathComponent("ready-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, TestPaths.dabrepoBinary.path, bundle.path,
                             workspace.url.appendingPathComponent("mcp-\(UUID().uuidString)").path, ready.path]
        process.currentDirectoryURL = workspace.url
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: sessions.map { $0.map { [$0.0, $0.1] as [Any] } }))
        try input.fileHandleForWriting.close()
        nonisolated(unsafe) var stdout = Data()
        let read = DispatchSemaphore(value: 0)
        let reader = Thread {
            stdout = output.fileHandleForReading.readDataToEndOfFile()
            read.signal()
        }
        reader.start()
        // The user's own commit, once the calls are under way (git's index lock may be busy: retried).
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: ready.path), process.isRunning, Date() < deadline { usleep(20_000) }
        usleep(150_000)
        try write("notes by the user\n", to: bundle.appendingPathComponent(userFile))
        var committed = false
        var refusal = ""
        for _ in 0..<300 where !committed {
            let add = try git(["add", userFile], in: bundle)
            let commit = add.status == 0 ? try git(["commit", "-q", "-m", "User: \(userFile)", "--", userFile], in: bundle) : add
            committed = commit.status == 0
            // git may make the commit and then fail to write the index back (another writer holds its
            // lock); the commit is there all the same, and the next try finds nothing to commit.
            if !committed, try gitOutput(["log", "--format=%s"], in: bundle).split(separator: "\n").contains("User: \(userFile)") {
                committed = true
            }
            if !committed { refusal = commit.stdout + commit.stderr; usleep(100_000) }
        }
        XCTAssertTrue(committed, "the user's git commit never went through: \(refusal)")
        process.waitUntilExit()
        read.wait()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertFalse(errorText.contains("No module named 'mcp'"), "run scripts/install-test-tools first: \(errorText)")
        XCTAssertEqual(process.terminationStatus, 0, errorText)
        let results = try XCTUnwrap(JSONSerialization.jsonObject(with: stdout) as? [[[String: Any]]], String(decoding: stdout, as: UTF8.self))
        var outcomes: [Outcome] = []
        for (session, answers) in zip(sessions, results) {
            for (call, answer) in zip(session, answers) {
                outcomes.append(Outcome(name: call.0, isError: answer["isError"] as? Bool ?? true, text: answer["text"] as? String ?? ""))
            }
        }
        XCTAssertEqual(outcomes.count, sessions.map(\.count).reduce(0, +))
        return outcomes
    }

    /// Every call's revision is in the history once; the refused ones say why; history is linear.
    func check(_ outcomes: [Outcome], calls: [(String, [String: Any])], bundle: URL, since start: String, userFile: String) throws -> (landed: Int, refused: Int, refines: Int) {
        let subjects = try gitOutput(["log", "--format=%s", "\(start)..HEAD"], in: bundle).split(separator: "\n").map(String.init)
        let parents = try gitOutput(["log", "--format=%p", "\(start)..HEAD"], in: bundle).split(separator: "\n")
        XCTAssertTrue(parents.allSatisfy { !$0.contains(" ") }, "history is not linear")
        XCTAssertEqual(subjects.filter { $0 == "User: \(userFile)" }.count, 1, "the user's commit: \(subjects)")
        XCTAssertEqual(try git(["fsck", "--strict"], in: bundle).status, 0)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        var landed = 0, refused = 0, refinesLanded = 0
        for (outcome, call) in zip(outcomes, calls) {
            if outcome.isError {
                refused += 1
                print("concurrent MCP writers: \(call.0) refused: \(outcome.text.split(separator: "\n").first ?? "")")
                XCTAssertFalse(outcome.text.isEmpty, "\(call.0) refused without a reason")
                XCTAssertFalse(outcome.text.contains("another dabrepo process"), "\(call.0) refused for another's lock: \(outcome.text)")
                // A revision planned on files another writer changed meanwhile is planned again on top of
                // the other's change (as the CLI's refine is), not refused with "ask again on top of it".
                XCTAssertFalse(outcome.text.contains("changed while this revision waited"), "\(call.0) refused instead of planned again: \(outcome.text)")
            } else {
                landed += 1
                if call.0 == "refine_bundle" { refinesLanded += 1 }
            }
        }
        // The one edit of a key that does not exist is refused with the nearest valid name.
        let bad = try XCTUnwrap(zip(outcomes, calls).first { ($0.1.1["subject"] as? String)?.hasSuffix("bad key") == true }?.0)
        XCTAssertTrue(bad.isError && bad.text.contains("timeout_seconds"), bad.text)
        XCTAssertEqual(subjects.count, landed + 1, "each landed call made one revision, the user one commit:\n\(subjects.joined(separator: "\n"))")
        XCTAssertEqual(Set(subjects).count, subjects.count, "a revision landed twice: \(subjects)")
        for (outcome, call) in zip(outcomes, calls) where call.0 == "edit_bundle" && !outcome.isError {
            XCTAssertTrue(subjects.contains(call.1["subject"] as! String), "\(call.1["subject"]!) is not in the history")
        }
        return (landed, refused, refinesLanded)
    }

    func testEightMCPWritersAtOnceThroughOneServerAndThroughSeveral() throws {
        let bundle = try initBundle()
        // One server, eight calls in flight together.
        var start = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let first = calls(1)
        let one = try runAtOnce([first], bundle: bundle, userFile: "NOTES-1.md")
        let counts1 = try check(one, calls: first, bundle: bundle, since: start, userFile: "NOTES-1.md")
        // Four servers, two calls each.
        start = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let second = calls(2)
        let sessions = stride(from: 0, to: second.count, by: 2).map { Array(second[$0..<$0 + 2]) }
        let several = try runAtOnce(sessions, bundle: bundle, userFile: "NOTES-2.md")
        let counts2 = try check(several, calls: second, bundle: bundle, since: start, userFile: "NOTES-2.md")
        print("concurrent MCP writers: one server \(counts1.landed) landed (refine_bundle \(counts1.refines) of 4), \(counts1.refused) refused; four servers \(counts2.landed) landed (refine_bundle \(counts2.refines) of 4), \(counts2.refused) refused")
        XCTAssertGreaterThanOrEqual(counts1.landed, 6)
        XCTAssertGreaterThanOrEqual(counts2.landed, 6)
    }
}
