import Foundation
import TestSupport
import XCTest

/// `dabrepo validate` agrees with the Databricks CLI on what it accepts (issue 13) and flags what the
/// Jobs API refuses (issue 12, defect 3). Each test runs the real binary on a fixture bundle under
/// Fixtures/validate/ and names the CLI source or acceptance test that decides the expected outcome.
final class ValidateCLIParityTests: CLITestCase {
    /// Point 1. Decided by bundle/config/validate/enum.go (an invalid enum value is `diag.Warning`) and
    /// bundle/config/variable/variable.go + the upstream JSON schema (a variable's and an artifact's
    /// `type` are any string there).
    func testAnEnumMismatchIsAWarningAndFreeStringsAreNotEnums() throws {
        let bundle = try copyFixture("validate/enum-free-strings")
        let text = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(text.status, 0, text.stdout + text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix("Warning: invalid value \"paused\" for pause_status\n"), text.stdout)
        XCTAssertTrue(text.stdout.hasSuffix("Found 1 warning\n"), text.stdout)

        let document = try json(try dabrepo(["validate", "-o", "json"], in: bundle).stdout)
        XCTAssertEqual(document["errors"] as? Int, 0)
        let diagnostics = try XCTUnwrap(document["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.count, 1, "only pause_status, not `type: string` nor `type: whl`: \(diagnostics)")
        XCTAssertEqual(diagnostics.first?["rule"] as? String, "enum-value")
        XCTAssertEqual(diagnostics.first?["severity"] as? String, "warning")
        XCTAssertEqual(diagnostics.first?["line"] as? Int, 24)

        XCTAssertEqual(try dabrepo(["validate", "--strict"], in: bundle).status, 1, "--strict still fails on the warning")
    }
}
