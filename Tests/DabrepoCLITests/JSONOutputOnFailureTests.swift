import Foundation
import TestSupport
import XCTest

/// `--output json` prints JSON also when a command fails before its operation could answer: the
/// engine's error document (`kind`, `message`), as the tools return it, with the exit status unchanged.
final class JSONOutputOnFailureTests: CLITestCase {
    func testEarlyFailuresPrintTheEngineErrorAsJSON() throws {
        // No bundle here: every bundle command fails before it starts.
        for (arguments, kind) in [(["tests", "create", "--output", "json"], "usage"), (["sync", "/Workspace/Shared/etl", "-o", "json"], "usage"),
                                  (["upload", "-o", "json"], "usage"), (["log", "-o", "json"], "not-found"),
                                  (["generate", "notebooks", "src/a.py", "-o", "json"], "usage")] {
            let result = try dabrepo(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            let object = try json(result.stdout)
            XCTAssertEqual(object["kind"] as? String, kind, "\(arguments): \(result.stdout)")
            XCTAssertFalse((object["message"] as? String ?? "").isEmpty, "\(arguments): \(result.stdout)")
            XCTAssertFalse(result.stderr.isEmpty, "people still read the error: \(arguments)")
        }
        // Arguments that do not parse, and a workspace that is not configured.
        let unparsed = try dabrepo(["jobs", "run", "not-a-number", "--output", "json"])
        XCTAssertEqual(unparsed.status, 2, unparsed.stderr)
        XCTAssertEqual(try json(unparsed.stdout)["kind"] as? String, "usage")
        let unconfigured = try dabrepo(["jobs", "list", "-o", "json"], environment: ["HOME": workspace.path, "DATABRICKS_HOST": nil, "DATABRICKS_TOKEN": nil,
                                                                                     "DATABRICKS_CONFIG_PROFILE": nil, "DATABRICKS_CONFIG_FILE": nil])
        XCTAssertEqual(unconfigured.status, 2, unconfigured.stderr)
        XCTAssertTrue((try json(unconfigured.stdout)["message"] as? String ?? "").contains("no Databricks workspace configured"), unconfigured.stdout)
        // Text output stays text.
        XCTAssertEqual(try dabrepo(["tests", "create"]).stdout, "")
    }
}
