import Foundation
import TestSupport
import XCTest

final class HelpAndRulesTests: CLITestCase {
    func testVersion() throws {
        let result = try dabrepo(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.range(of: #"^dabrepo \d+\.\d+\.\d+ \(.+\)\n$"#, options: .regularExpression) != nil, result.stdout)
    }

    func testEveryCommandHasHelpWithAnExample() throws {
        for command in [[], ["validate"], ["rules"]] {
            let result = try dabrepo(command + ["--help"])
            XCTAssertEqual(result.status, 0, "\(command)")
            XCTAssertTrue(result.stdout.contains("Example"), "\(command) --help has no example:\n\(result.stdout)")
            XCTAssertTrue(result.stdout.contains("USAGE"), result.stdout)
        }
        let validate = try dabrepo(["validate", "--help"]).stdout
        for option in ["--target", "--all-targets", "--var", "--strict", "--output", "--color", "--disable-rule"] {
            XCTAssertTrue(validate.contains(option), "validate --help lacks \(option)")
        }
    }

    func testRulesListsEveryRule() throws {
        let result = try dabrepo(["rules"])
        XCTAssertEqual(result.status, 0)
        for id in ["yaml-syntax", "unknown-field", "job-cluster-key-defined", "task-dependency-cycle", "local-path-exists",
                   "schedule-cron", "schedule-timezone", "single-node-cluster", "target-mode", "run-as-identity",
                   "pipeline-serverless-clusters", "literal-secret", "one-resource-per-file", "resource-key-unique"] {
            XCTAssertTrue(result.stdout.contains(id), "rules does not list \(id)")
        }
        let json = try dabrepo(["rules", "--output", "json"])
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(items.count, 29)
    }

    func testRulesExplainsOne() throws {
        let result = try dabrepo(["rules", "task-dependency-cycle"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.hasPrefix("task-dependency-cycle: No dependency cycles\nSeverity: error\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Reported (↓ marks the spot) 1:"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Accepted 1:"), result.stdout)
        let unknown = try dabrepo(["rules", "task-dependncy-cycle"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("did you mean 'task-dependency-cycle'?"), unknown.stderr)
    }
}
