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
