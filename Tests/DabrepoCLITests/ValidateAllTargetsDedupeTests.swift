import Foundation
import TestSupport
import XCTest

/// `--all-targets` reports each distinct finding once and names the targets it applies to, in every
/// output format (issue 13, point 5): a required variable no target sets was reported once per target.
final class ValidateAllTargetsDedupeTests: CLITestCase {
    static let summary = "no value assigned to required variable warehouse_id"

    func testOneFindingNamesEveryTargetInEveryFormat() throws {
        let bundle = try copyFixture("validate/required-variable-all-targets")

        let text = try dabrepo(["validate", "--all-targets"], in: bundle)
        XCTAssertEqual(text.status, 1)
        XCTAssertEqual(text.stdout, """
        Error: \(Self.summary)
          at variables.warehouse_id
          in databricks.yml:6:3
          in targets dev, staging, prod
          rule variable-required

        Give it a default, set it in the target's variables, pass --var warehouse_id=VALUE, or set BUNDLE_VAR_warehouse_id.

        Name: required_variable_all_targets
        Targets: dev, staging, prod

        Found 1 error

        """)

        let document = try json(try dabrepo(["validate", "--all-targets", "-o", "json"], in: bundle).stdout)
        XCTAssertEqual(document["errors"] as? Int, 1)
        let diagnostics = try XCTUnwrap(document["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.count, 1, "\(diagnostics)")
        XCTAssertEqual(diagnostics.first?["targets"] as? [String], ["dev", "staging", "prod"])

        let github = try dabrepo(["validate", "--all-targets", "-o", "github"], in: bundle).stdout.split(separator: "\n")
        XCTAssertEqual(github.count, 2, "\(github)")
        XCTAssertTrue(github[0].hasPrefix("::error file=databricks.yml,line=6,col=3,title=dabrepo variable-required::\(Self.summary) (at variables.warehouse_id) (in targets dev, staging, prod)%0A"), String(github[0]))
        XCTAssertEqual(github[1], "Found 1 error")

        let sarif = try json(try dabrepo(["validate", "--all-targets", "-o", "sarif"], in: bundle).stdout)
        let results = try XCTUnwrap(((sarif["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        XCTAssertEqual(results.count, 1)
        XCTAssertEqual((results[0]["properties"] as? [String: Any])?["targets"] as? [String], ["dev", "staging", "prod"])
        XCTAssertTrue(((results[0]["message"] as? [String: Any])?["text"] as? String)?.hasPrefix("\(Self.summary) in targets dev, staging, prod\n") ?? false)

        let junit = try dabrepo(["validate", "--all-targets", "-o", "junit"], in: bundle).stdout
        XCTAssertEqual(junit.components(separatedBy: Self.summary).count - 1, 2, "once in the failure message, once in its text: \(junit)")
        XCTAssertTrue(junit.contains("databricks.yml:6:3: error: \(Self.summary) (at variables.warehouse_id) in targets dev, staging, prod</failure>"), junit)
    }

    func testAFindingOfOneTargetNamesThatTarget() throws {
        let bundle = try copyFixture("validate/prod-only-error")
        // (A warning, as the Databricks CLI gives it: --strict fails on it.)
        let text = try dabrepo(["validate", "--all-targets", "--strict"], in: bundle)
        XCTAssertEqual(text.status, 1)
        XCTAssertTrue(text.stdout.hasPrefix("""
        Warning: job_cluster_key mian is not defined in job nightly
          at resources.jobs.nightly.tasks[0].job_cluster_key
          in databricks.yml:34:32
          in target prod
          rule job-cluster-key-defined

        """), text.stdout)
        XCTAssertTrue(text.stdout.hasSuffix("Found 1 warning\n"), text.stdout)
        let document = try json(try dabrepo(["validate", "--all-targets", "-o", "json"], in: bundle).stdout)
        let diagnostics = try XCTUnwrap(document["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.map { $0["targets"] as? [String] }, [["prod"]])
        // The default target alone is valid; one named target is not repeated on each finding.
        XCTAssertEqual(try dabrepo(["validate"], in: bundle).status, 0)
        let prod = try dabrepo(["validate", "--target", "prod", "--strict"], in: bundle)
        XCTAssertEqual(prod.status, 1)
        XCTAssertFalse(prod.stdout.contains("in target prod"), prod.stdout)
        XCTAssertTrue(prod.stdout.contains("\nTarget: prod\n"), prod.stdout)
    }
}
