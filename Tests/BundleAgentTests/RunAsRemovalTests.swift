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

    /// "remove the run_as from every job": each job's own run_as and the bundle's (Atsushi141: only the
    /// bundle's went); "… of the sales sync": that job's alone.
    func testEveryJobsOwnRunAs() throws {
        var files = SalesBundle.files
        files["resources/sales_sync.job.yml"] = files["resources/sales_sync.job.yml"]!.replacingOccurrences(
            of: "      name: Sales Sync\n", with: "      name: Sales Sync\n      run_as:\n        service_principal_name: 6f1c3a52-0000-4000-8000-000000000001\n")
        files["resources/billing.job.yml"] = files["resources/billing.job.yml"]!.replacingOccurrences(
            of: "      name: \"[${bundle.target}] Billing export\"\n", with: "      name: \"[${bundle.target}] Billing export\"\n      run_as:\n        user_name: ana@example.com\n")
        let (_, one) = try outcome("remove the run_as of the sales sync", files)
        XCTAssertFalse(one["resources/sales_sync.job.yml"]!.contains("run_as"))
        XCTAssertTrue(one["resources/billing.job.yml"]!.contains("run_as"))
        let (_, every) = try outcome("remove the run_as from every job", files)
        XCTAssertEqual(every["resources/sales_sync.job.yml"], SalesBundle.files["resources/sales_sync.job.yml"])
        XCTAssertEqual(every["resources/billing.job.yml"], SalesBundle.files["resources/billing.job.yml"])
    }
}
