@testable import BundleAgent
import BundleModel
import XCTest

/// "increase the timeout", "remove the timeout": a timeout asked for without a length works from the
/// current one, and asks when there is none.
final class TimeoutWithoutLengthTests: XCTestCase {
    func run(_ request: String, on files: [String: String]) throws -> (PlanOutcome, [String: String]) {
        try InMemoryPlanning.outcome(request, on: files)
    }

    func timeout(_ files: [String: String], _ target: String = "dev") throws -> String? {
        try SalesBundle.load(files).effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["sales_sync"]?["timeout_seconds"]?.string
    }

    func testTheLengthComesFromTheCurrentTimeout() throws {
        let (first, none) = try run("increase the timeout of the sales sync", on: SalesBundle.files)
        guard case .clarify(let question, _) = first else { return XCTFail("\(first)") }
        XCTAssertTrue(question.contains("How long may a run of job sales_sync take"), question)
        let (_, two) = try run("set a timeout of 2 hours on the sales sync", on: none)
        XCTAssertEqual(try timeout(two), "7200")
        let (_, four) = try run("increase the timeout of the sales sync", on: two)
        XCTAssertEqual(try timeout(four), "14400")
        let (_, one) = try run("reduce the sales sync timeout in prod", on: four)
        XCTAssertEqual(try timeout(one, "prod"), "7200")
        XCTAssertEqual(try timeout(one, "dev"), "14400")
        let (_, removed) = try run("remove the timeout of the sales sync in prod", on: one)
        XCTAssertEqual(try timeout(removed, "prod"), "0")
        let (_, gone) = try run("remove the timeout of the sales sync", on: four)
        XCTAssertEqual(gone, SalesBundle.files)
    }
}
