import BundleEngine
import Foundation
import TestSupport
import XCTest

/// "actually make it pager@example.com" after "email oncall@example.com when … fails" e-mailed both addresses;
/// "actually make it the group bi-readers" after a grant let both groups view. The correction replaces the
/// revision just made.
final class CorrectionReplacesAdditionTests: XCTestCase {
    func job(_ c: EngineConversation) throws -> String {
        try String(contentsOf: c.root.appendingPathComponent("resources/nightly_etl.job.yml"), encoding: .utf8)
    }

    func testACorrectedAddressReplacesTheOneJustAdded() async throws {
        let c = try EngineConversation()
        let first = await c.ask("email oncall@example.com when nightly_etl_job fails")
        XCTAssertEqual(first.status, .committed, first.message ?? first.summary ?? "")
        let corrected = await c.ask("actually make it pager@example.com")
        XCTAssertEqual(corrected.status, .committed, corrected.message ?? corrected.summary ?? "")
        let text = try job(c)
        XCTAssertTrue(text.contains("pager@example.com"), text)
        XCTAssertFalse(text.contains("oncall@example.com"), text)
        // (Adding another one is no correction.)
        let added = await c.ask("and also email ana@example.com when it fails")
        XCTAssertEqual(added.status, .committed, added.message ?? added.summary ?? "")
        let both = try job(c)
        XCTAssertTrue(both.contains("pager@example.com") && both.contains("ana@example.com"), both)
    }

    func testACorrectedGroupReplacesTheOneJustGranted() async throws {
        let c = try EngineConversation()
        let first = await c.ask("let the group analysts view nightly_etl_job")
        XCTAssertEqual(first.status, .committed, first.message ?? first.summary ?? "")
        let corrected = await c.ask("actually make it the group bi-readers")
        XCTAssertEqual(corrected.status, .committed, corrected.message ?? corrected.summary ?? "")
        let text = try job(c)
        XCTAssertTrue(text.contains("group_name: bi-readers"), text)
        XCTAssertFalse(text.contains("group_name: analysts"), text)
    }
}

/// "undo that" after a commit made outside dabrepo: the CLI said "a later revision came after it", the page and
/// MCP "nothing of this conversation to undo", though the conversation had a revision.
final class UndoAfterAnOutsideCommitTests: XCTestCase {
    func testTheCommitThatCameAfterIsNamed() async throws {
        let c = try EngineConversation()
        let made = await c.ask("set a 2 hour timeout on nightly_etl_job")
        XCTAssertEqual(made.status, .committed, made.message ?? made.summary ?? "")
        try "# notes\n".write(to: c.root.appendingPathComponent("NOTES.md"), atomically: true, encoding: .utf8)
        _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["add", "-A"], in: c.root, environment: [:])
        _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["commit", "-qm", "Add notes"], in: c.root,
                                  environment: ["GIT_AUTHOR_NAME": "u", "GIT_AUTHOR_EMAIL": "u@e", "GIT_COMMITTER_NAME": "u", "GIT_COMMITTER_EMAIL": "u@e"])
        let undo = await c.ask("undo that")
        XCTAssertEqual(undo.status, .refused)
        let message = undo.message ?? ""
        XCTAssertTrue(message.contains("\"Add notes\", which dabrepo did not make, came after it"), message)
        XCTAssertTrue(message.contains("git revert \(made.commit?.prefix(7) ?? "?")"), message)
    }
}
