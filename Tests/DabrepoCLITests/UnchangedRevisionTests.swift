import Foundation
import TestSupport
import XCTest

/// A request that changes nothing commits nothing and says so (exit 0, status `unchanged`), through
/// every front end and every command that commits: refine, chat, apply, generate, tests create, the
/// MCP tools. Each is run twice on a real repository; the commit count grows once.
final class UnchangedRevisionTests: RepositoryTestCase {
    func commitCount(_ bundle: URL) throws -> Int {
        try XCTUnwrap(Int(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle)))
    }

    func testRepeatedRefineRequestsCommitOnce() throws {
        let bundle = try initBundle()
        let cases = [("tag the job with team=data", "Nothing to change: job nightly_etl_job already has tags.team = data."),
                     ("turn on queueing", "Nothing to change: job nightly_etl_job already has queue.enabled = true."),
                     ("retry tasks 3 times in prod", nil)]
        for (request, sentence) in cases {
            let before = try commitCount(bundle)
            let first = try dabrepo(["refine", request, "--yes"], in: bundle)
            XCTAssertEqual(first.status, 0, request + ": " + first.stdout + first.stderr)
            XCTAssertEqual(try commitCount(bundle), before + 1, request)
            let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)

            let again = try dabrepo(["refine", request, "--yes"], in: bundle)
            XCTAssertEqual(again.status, 0, request + ": " + again.stdout + again.stderr)
            XCTAssertTrue(again.stdout.hasPrefix("Nothing to change: "), again.stdout)
            if let sentence { XCTAssertEqual(again.stdout, sentence + "\n") }
            XCTAssertFalse(again.stdout.contains("Committed"), again.stdout)

            let json = try dabrepo(["refine", request, "-o", "json"], in: bundle)
            XCTAssertEqual(json.status, 0, json.stderr)
            let object = try self.json(json.stdout)
            XCTAssertEqual(object["status"] as? String, "unchanged", json.stdout)
            XCTAssertEqual(object["message"] as? String, again.stdout.trimmingCharacters(in: .newlines))
            XCTAssertNil(object["commit"], json.stdout)

            let dryRun = try dabrepo(["refine", request, "--dry-run", "-o", "json"], in: bundle)
            XCTAssertEqual(try self.json(dryRun.stdout)["status"] as? String, "unchanged", dryRun.stdout)

            XCTAssertEqual(try commitCount(bundle), before + 1, "\(request) repeated made a commit")
            XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
            XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        }
    }

    /// "undo that" right after a request that changed nothing does not undo an earlier revision.
    func testUndoThatAfterARequestThatChangedNothingUndoesNothing() throws {
        let bundle = try initBundle()
        XCTAssertEqual(try dabrepo(["refine", "tag the job with team=data", "--yes"], in: bundle).status, 0)
        XCTAssertEqual(try dabrepo(["refine", "tag the job with team=data", "--yes"], in: bundle).status, 0)
        let count = try commitCount(bundle)
        let undo = try dabrepo(["refine", "undo that", "-o", "json"], in: bundle)
        XCTAssertEqual(undo.status, 1, undo.stdout + undo.stderr)
        let object = try json(undo.stdout)
        XCTAssertEqual(object["status"] as? String, "refused")
        XCTAssertEqual(object["message"] as? String, "your last request (\"tag the job with team=data\") changed nothing, so it has nothing to undo")
        XCTAssertEqual(try commitCount(bundle), count)
        XCTAssertTrue(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("team: data"))

        // The session remembers the request (follow-ups refer to it) but records no commit for it.
        let store = bundle.appendingPathComponent(".git/dabrepo/sessions/@root")
        let id = try String(contentsOf: store.appendingPathComponent("latest"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let session = try json(try read(store.appendingPathComponent("\(id).json")))
        let turns = try XCTUnwrap(session["turns"] as? [[String: Any]])
        XCTAssertEqual(turns.count, 2)
        XCTAssertNotNil(turns[0]["commit"])
        XCTAssertNil(turns[1]["commit"])
        XCTAssertEqual(turns[1]["reply"] as? String, "Nothing to change: job nightly_etl_job already has tags.team = data.")

        // `dabrepo undo` still reverts the tagging when that is what is wanted.
        XCTAssertEqual(try dabrepo(["undo"], in: bundle).status, 0)
        XCTAssertFalse(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("team: data"))
    }

    func testChatRepeatedRequestCommitsOnce() throws {
        let bundle = try initBundle()
        let before = try commitCount(bundle)
        let input = "tag the job with team=data\ntag the job with team=data\nundo that\n"
        let result = try CommandRunner.dabrepo(["chat"], in: bundle, environment: environment, stdin: Data(input.utf8))
        XCTAssertEqual(result.status, 1, "the undo is refused, as refine's would be: \(result.stderr)")
        XCTAssertEqual(try commitCount(bundle), before + 1, result.stdout)
        XCTAssertEqual(result.stdout.components(separatedBy: "Committed ").count - 1, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("> tag the job with team=data\nNothing to change: job nightly_etl_job already has tags.team = data.\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("> undo that\nNothing to undo: your last request (\"tag the job with team=data\") changed nothing"), result.stdout)
        XCTAssertTrue(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("team: data"))
    }

    func testApplyOfUnchangedContentCommitsNothing() throws {
        let bundle = try initBundle()
        let before = try commitCount(bundle)
        let document = try editDocument(timeout: 7200)
        XCTAssertEqual(try dabrepo(["apply", document.path], in: bundle).status, 0)
        XCTAssertEqual(try commitCount(bundle), before + 1)

        let again = try dabrepo(["apply", document.path], in: bundle)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout, "Nothing to change: resources/nightly_etl.job.yml already has the document's content; no revision was committed.\n")
        let json = try dabrepo(["apply", document.path, "--output", "json"], in: bundle)
        XCTAssertEqual(json.status, 0, json.stderr)
        XCTAssertEqual(try self.json(json.stdout)["status"] as? String, "unchanged", json.stdout)
        XCTAssertEqual(try commitCount(bundle), before + 1)

        // A document that also names an unchanged file commits only the changed one.
        let notebook = try read(bundle.appendingPathComponent("src/notebook.py"))
        let mixed = try editDocument(timeout: 60, extra: ["files": ["resources/nightly_etl.job.yml": try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).replacingOccurrences(of: "7200", with: "60"),
                                                                    "src/notebook.py": notebook]])
        let committed = try dabrepo(["apply", mixed.path, "-o", "json"], in: bundle)
        XCTAssertEqual(try self.json(committed.stdout)["status"] as? String, "committed", committed.stdout + committed.stderr)
        XCTAssertEqual(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle), "resources/nightly_etl.job.yml")
        XCTAssertEqual(try commitCount(bundle), before + 2)
    }

    /// An uncommitted edit that already is the document's content is committed by the revision
    /// (with --include-dirty), not left behind as "unchanged".
    func testApplyCommitsAnUncommittedEditThatIsTheDocumentsContent() throws {
        let bundle = try initBundle()
        let before = try commitCount(bundle)
        let document = try editDocument(timeout: 7200)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: document)) as? [String: Any])
        let content = try XCTUnwrap((object["files"] as? [String: String])?["resources/nightly_etl.job.yml"])
        try write(content, to: bundle.appendingPathComponent("resources/nightly_etl.job.yml"))
        XCTAssertEqual(try dabrepo(["apply", document.path], in: bundle).status, 2, "refused without --include-dirty")
        let result = try dabrepo(["apply", document.path, "--include-dirty", "-o", "json"], in: bundle)
        let json = try self.json(result.stdout)
        XCTAssertEqual(json["status"] as? String, "committed", result.stdout + result.stderr)
        XCTAssertTrue(json["saved_edits_commit"] is NSNull, "the edit is the revision itself: \(result.stdout)")
        XCTAssertEqual(try commitCount(bundle), before + 1)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testGenerateTheSameJobTwiceCommitsOnce() throws {
        let bundle = try initBundle("sales", template: "empty")
        let json = TestPaths.fixture("DabrepoCLITests", "jobs/nightly_sales.json")
        XCTAssertEqual(try dabrepo(["generate", "job", "--from-json", json.path], in: bundle).status, 0)
        let before = try commitCount(bundle)
        let again = try dabrepo(["generate", "job", "--from-json", json.path, "-o", "json"], in: bundle)
        XCTAssertEqual(again.status, 0, again.stderr)
        let object = try self.json(again.stdout)
        XCTAssertEqual(object["status"] as? String, "unchanged", again.stdout)
        XCTAssertTrue(object["commit"] is NSNull)
        XCTAssertEqual(try commitCount(bundle), before)

        // Local notebooks: generate notebooks twice.
        try FileManager.default.createDirectory(at: bundle.appendingPathComponent("src"), withIntermediateDirectories: true)
        try write("# Databricks notebook source\nprint(1)\n", to: bundle.appendingPathComponent("src/report.py"))
        try git(["add", "src/report.py"], in: bundle)
        try git(["commit", "-q", "-m", "Add a notebook"], in: bundle)
        let first = try dabrepo(["generate", "notebooks", "src/report.py", "--key", "report"], in: bundle)
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        let count = try commitCount(bundle)
        let second = try dabrepo(["generate", "notebooks", "src/report.py", "--key", "report"], in: bundle)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.hasPrefix("Nothing to change: the bundle already has the job report"), second.stdout)
        XCTAssertEqual(try commitCount(bundle), count)
    }

    func testTestsCreateTwiceCommitsOnce() throws {
        let bundle = try initBundle()
        XCTAssertEqual(try dabrepo(["tests", "create"], in: bundle).status, 0)
        let count = try commitCount(bundle)
        let again = try dabrepo(["tests", "create", "-o", "json"], in: bundle)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try json(again.stdout)["status"] as? String, "unchanged", again.stdout)
        XCTAssertEqual(try commitCount(bundle), count)
    }

    /// An empty revision (as older versions made) is not "undone" by another empty commit.
    func testUndoRefusesARevisionThatChangedNoFile() throws {
        let bundle = try initBundle()
        try git(["commit", "-q", "--allow-empty", "-m", "Tag job nightly_etl_job with team=data\n\nDabrepo-Session: 123abc\nDabrepo-Agent: offline-planner"], in: bundle)
        let count = try commitCount(bundle)
        let undo = try dabrepo(["undo"], in: bundle)
        XCTAssertNotEqual(undo.status, 0)
        XCTAssertTrue(undo.stderr.contains("changed no file"), undo.stderr)
        XCTAssertEqual(try commitCount(bundle), count)
    }

    func testRefineThroughMCPTwiceCommitsOnce() throws {
        let bundle = try initBundle()
        let before = try commitCount(bundle)
        let calls = try MCPToolCalls.run([("refine_bundle", ["request": "tag the job with team=data"]),
                                          ("refine_bundle", ["request": "tag the job with team=data"]),
                                          ("refine_bundle", ["request": "turn on queueing"]),
                                          ("refine_bundle", ["request": "turn on queueing"])],
                                         repo: bundle, scratch: workspace.url, environment: environment)
        XCTAssertEqual(calls.results.map(\.isError), [false, false, false, false], calls.results.map(\.text).joined(separator: "\n"))
        XCTAssertEqual(calls.results.map { $0.structured?["status"] as? String }, ["committed", "unchanged", "committed", "unchanged"])
        XCTAssertEqual(calls.results[1].structured?["message"] as? String, "Nothing to change: job nightly_etl_job already has tags.team = data.")
        XCTAssertEqual(try commitCount(bundle), before + 2)
    }
}
