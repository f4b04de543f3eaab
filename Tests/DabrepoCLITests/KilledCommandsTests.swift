import Foundation
import TestSupport
import XCTest

/// Every command that writes a revision, killed with SIGKILL at the named fault points
/// (`DABREPO_FAULT_POINT`) and at random times, over and over: `init`, `apply`, `refine`, `undo`,
/// `generate job --from-json`, `sync` and `tests create`, each on its own repository, in parallel.
/// After each kill the next dabrepo command (`log`) works without help, and then git finds nothing
/// wrong, HEAD is the old revision or one new revision on top of it, the index and the work tree
/// match HEAD, no temporary file or journal is left, and the repository lock is free. The counts are
/// printed; at least 200 kills in all.
final class KilledCommandsTests: RepositoryTestCase {
    static let faultPoints = ["after-journal", "while-writing-first-file", "after-first-file", "after-files-written", "after-index-write", "after-commit"]
    static let roundsPerCommand = 48

    /// One command's campaign: where it runs, with what, and what it runs each round.
    struct Campaign {
        var name: String
        var directory: URL
        var environment: [String: String?]
        var arguments: (Int) -> [String]
    }

    /// Results gathered from the campaigns' threads.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var failures: [String] = []
        private(set) var counts: [String: [String: Int]] = [:]

        func fail(_ message: String) { lock.withLock { failures.append(message) } }
        func count(_ command: String, _ outcome: String) { lock.withLock { counts[command, default: [:]][outcome, default: 0] += 1 } }
    }

    func gitText(_ arguments: [String], in directory: URL) throws -> CommandResult {
        try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), arguments, in: directory, environment: environment)
    }

    /// Files dabrepo writes next to a file before renaming them over it (`.NAME.dabrepo-…`).
    func temporaryFiles(in directory: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasPrefix(".git/objects") { enumerator?.skipDescendants(); continue }
            if (path as NSString).lastPathComponent.contains(".dabrepo-") { found.append(path) }
        }
        return found
    }

    /// The checks after one killed round of a revision command; returns the outcome's name.
    func check(_ campaign: Campaign, round: Int, base: String, killed: Bool, tally: Tally) throws -> String {
        let bundle = campaign.directory
        let where_ = "\(campaign.name) round \(round)"
        let journalLeft = FileManager.default.fileExists(atPath: bundle.appendingPathComponent(".git/dabrepo-revision.journal").path)
        let next = try CommandRunner.dabrepo(["log", "-n", "1"], in: bundle, environment: campaign.environment)
        if next.status != 0 { tally.fail("\(where_): the next command failed: \(next.stderr)") }
        let head = try gitText(["rev-parse", "HEAD"], in: bundle).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let parent = try gitText(["rev-parse", "HEAD~1"], in: bundle).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        if head != base && parent != base { tally.fail("\(where_): HEAD \(head) is neither the old revision \(base) nor one on top of it") }
        let fsck = try gitText(["fsck", "--no-dangling"], in: bundle)
        if fsck.status != 0 { tally.fail("\(where_): git fsck: \(fsck.stdout)\(fsck.stderr)") }
        let status = try gitText(["status", "--porcelain", "--untracked-files=all"], in: bundle).stdout
        if !status.isEmpty { tally.fail("\(where_): the index or work tree differs from HEAD:\n\(status)") }
        let temporary = temporaryFiles(in: bundle)
        if !temporary.isEmpty { tally.fail("\(where_): temporary files left: \(temporary)") }
        for leftover in [".git/dabrepo-revision.journal", ".git/index.lock"]
        where FileManager.default.fileExists(atPath: bundle.appendingPathComponent(leftover).path) {
            tally.fail("\(where_): \(leftover) is left")
        }
        let fd = open(bundle.appendingPathComponent(".git/dabrepo.lock").path, O_RDWR)
        if fd >= 0 {
            if flock(fd, LOCK_EX | LOCK_NB) != 0 { tally.fail("\(where_): the repository lock is still held") }
            close(fd)
        }
        return !killed ? (head == base ? "finished, nothing to change" : "finished") : journalLeft ? "killed, repaired" : head == base ? "killed, old" : "killed, new"
    }

    /// Rounds of one revision command: each starts from the same revision (the harness resets to it).
    func run(_ campaign: Campaign, tally: Tally) {
        do {
            let bundle = campaign.directory
            let base = try gitText(["rev-parse", "HEAD"], in: bundle).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            var generator = SystemRandomNumberGenerator()
            var duration: UInt32 = 0
            for round in 0..<Self.roundsPerCommand {
                // Round 0 runs to the end and measures how long the command takes; then fault points and
                // random times alternate.
                let faultPoint = round > 0 && round % 2 == 1 ? Self.faultPoints[(round / 2) % Self.faultPoints.count] : nil
                let delay = round > 0 && faultPoint == nil ? UInt32.random(in: 0...max(duration, 1), using: &generator) : nil
                let start = Date()
                let killed = try KilledProcess.dabrepo(campaign.arguments(round), in: bundle, environment: campaign.environment, faultPoint: faultPoint, delay: delay)
                if round == 0 {
                    duration = UInt32(min(Date().timeIntervalSince(start) * 1.1, 5) * 1_000_000)
                    if killed { tally.fail("\(campaign.name): the first, unkilled run died") }
                }
                // As for init: the fastest run to the end bounds the random times.
                else if !killed { duration = min(duration, UInt32(min(Date().timeIntervalSince(start), 5) * 1_000_000)) }
                let outcome = try check(campaign, round: round, base: base, killed: killed, tally: tally)
                tally.count(campaign.name, outcome)
                if round == 0, outcome != "finished" { tally.fail("\(campaign.name): the unkilled run made no revision") }
                _ = try gitText(["reset", "--hard", "-q", base], in: bundle)
                _ = try gitText(["clean", "-fdq"], in: bundle)
            }
        } catch {
            tally.fail("\(campaign.name): \(error)")
        }
    }

    /// Rounds of `init`: a killed init leaves either no bundle or the whole one, and the next init of
    /// the same name works.
    func runInit(in parent: URL, tally: Tally) {
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            var generator = SystemRandomNumberGenerator()
            var duration: UInt32 = 0
            for round in 0..<Self.roundsPerCommand {
                let name = "bundle_\(round)"
                let bundle = parent.appendingPathComponent(name)
                let faultPoint = round > 0 && round % 2 == 1 ? Self.faultPoints[(round / 2) % Self.faultPoints.count] : nil
                let delay = round > 0 && faultPoint == nil ? UInt32.random(in: 0...max(duration, 1), using: &generator) : nil
                let start = Date()
                let killed = try KilledProcess.dabrepo(["init", name], in: parent, environment: environment, faultPoint: faultPoint, delay: delay)
                if round == 0 { duration = UInt32(min(Date().timeIntervalSince(start) * 1.1, 5) * 1_000_000) }
                // The fastest run to the end bounds the random times: a first round slowed by the other
                // campaigns starting would otherwise make most random kills come too late.
                else if !killed { duration = min(duration, UInt32(min(Date().timeIntervalSince(start), 5) * 1_000_000)) }
                let existed = FileManager.default.fileExists(atPath: bundle.path)
                if !existed {
                    let again = try CommandRunner.dabrepo(["init", name], in: parent, environment: environment)
                    if again.status != 0 { tally.fail("init round \(round): the next init failed: \(again.stderr)") }
                }
                let head = try gitText(["rev-parse", "HEAD"], in: bundle)
                if head.status != 0 { tally.fail("init round \(round): no commit in \(name) (\(existed ? "left by the killed init" : "after the next init"))") }
                let fsck = try gitText(["fsck", "--no-dangling"], in: bundle)
                if fsck.status != 0 { tally.fail("init round \(round): git fsck: \(fsck.stdout)\(fsck.stderr)") }
                let status = try gitText(["status", "--porcelain", "--untracked-files=all"], in: bundle).stdout
                if !status.isEmpty { tally.fail("init round \(round): the work tree differs from HEAD:\n\(status)") }
                if try CommandRunner.dabrepo(["validate"], in: bundle, environment: environment).status != 0 {
                    tally.fail("init round \(round): the bundle does not validate")
                }
                let staging = (try FileManager.default.contentsOfDirectory(atPath: parent.path)).filter { $0.hasPrefix(".\(name).dabrepo-init-") }
                if !staging.isEmpty { tally.fail("init round \(round): left \(staging)") }
                tally.count("init", !killed ? "finished" : existed ? "killed, new" : "killed, old")
            }
        } catch {
            tally.fail("init: \(error)")
        }
    }

    func makeBundle(_ folder: String, name: String, template: String) throws -> URL {
        let parent = workspace.url.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let made = try CommandRunner.dabrepo(["init", name, "--template", template], in: parent, environment: environment)
        XCTAssertEqual(made.status, 0, made.stderr)
        return parent.appendingPathComponent(name)
    }

    func testEveryRevisionCommandKilledAtRandomPointsLeavesTheOldOrTheNewRevision() throws {
        let folder = "/Workspace/Users/ana@example.com/etl"
        let fake = try FakeWorkspaceServer(state: ["jobs": [], "notebooks": [
            "\(folder)/ingest": ["content": "# Databricks notebook source\nprint(1)\n", "language": "PYTHON"],
            "\(folder)/sql/report": ["content": "-- Databricks notebook source\nSELECT 1\n", "language": "SQL"],
        ]], directory: workspace.url)

        let apply = try makeBundle("apply", name: "nightly_etl", template: "default-python")
        var documents: [String] = []
        for round in 0..<Self.roundsPerCommand { documents.append(try editDocument(timeout: 3000 + round).path) }
        let refine = try makeBundle("refine", name: "nightly_etl", template: "default-python")
        let undo = try makeBundle("undo", name: "nightly_etl", template: "default-python")
        XCTAssertEqual(try CommandRunner.dabrepo(["apply", try editDocument(timeout: 2999).path], in: undo, environment: environment).status, 0)
        let generate = try makeBundle("generate", name: "sales", template: "empty")
        let jobJSON = TestPaths.fixture("DabrepoCLITests", "jobs/nightly_sales.json").path
        let sync = try makeBundle("sync", name: "etl", template: "empty")
        let tests = try makeBundle("tests", name: "nightly_etl", template: "default-python")
        let workspaceEnvironment = environment.merging(["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1"]) { $1 }

        let campaigns = [
            Campaign(name: "apply", directory: apply, environment: environment) { ["apply", documents[$0]] },
            Campaign(name: "refine", directory: refine, environment: environment) { ["refine", "set the timeout to \($0 + 2) hours"] },
            Campaign(name: "undo", directory: undo, environment: environment) { _ in ["undo"] },
            Campaign(name: "generate job --from-json", directory: generate, environment: environment) { _ in ["generate", "job", "--from-json", jobJSON] },
            Campaign(name: "sync", directory: sync, environment: workspaceEnvironment) { _ in ["sync", folder] },
            Campaign(name: "tests create", directory: tests, environment: environment) { _ in ["tests", "create"] },
        ]
        let tally = Tally()
        let initParent = workspace.url.appendingPathComponent("init")
        // Each campaign has its own repository and this test's state is only read meanwhile.
        nonisolated(unsafe) let test = self, all = campaigns
        DispatchQueue.concurrentPerform(iterations: all.count + 1) { index in
            if index == all.count { test.runInit(in: initParent, tally: tally) } else { test.run(all[index], tally: tally) }
        }

        var total = 0, kills = 0
        for name in ["init"] + campaigns.map(\.name) {
            let counts = tally.counts[name] ?? [:]
            total += counts.values.reduce(0, +)
            kills += counts.filter { $0.key.hasPrefix("killed") }.values.reduce(0, +)
            print("killed \(name): " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            XCTAssertGreaterThan(counts.filter { $0.key.hasPrefix("killed") }.values.reduce(0, +), Self.roundsPerCommand / 3, "\(name) was killed too rarely: \(counts)")
        }
        print("killed commands: \(kills) kills in \(total) rounds")
        XCTAssertEqual(total, (campaigns.count + 1) * Self.roundsPerCommand)
        XCTAssertGreaterThanOrEqual(kills, 200)
        XCTAssertEqual(tally.failures, [], tally.failures.joined(separator: "\n"))
    }
}
