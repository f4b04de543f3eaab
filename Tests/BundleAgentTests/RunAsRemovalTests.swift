@testable import BundleAgent
import BundleModel
import XCTest

/// "run as the deploying user": run_as goes, where it is written.
final class RunAsRemovalTests: XCTestCase {
    func outcome(_ request: String, _ files: [String: String]) throws -> (PlanOutcome, [String: String]) {
        try InMemoryPlanning.outcome(request, on: files)
    }

    func testRunAsComesOffAsItWentOn() throws {
        let (_, set) = try outcome("run prod as the service principal 6f1c3a52-0000-4000-8000-000000000001", SalesBundle.files)
        XCTAssertNotEqual(set, SalesBundle.files)
        let (_, back) = try outcome("run prod as the deploying user", set)
        XCTAssertEqual(back, SalesBundle.files)
        let (nothing, _) = try outcome("run the jobs as whoever deploys them", SalesBundle.files)
        guard case .refused(let reason) = nothing else { return XCTFail("\(nothing)") }
        XCTAssertTrue(reason.contains("sets no run_as"), reason)
    }
}
