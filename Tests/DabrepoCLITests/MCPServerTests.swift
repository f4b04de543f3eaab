import Foundation
import TestSupport
import XCTest

/// `dabrepo mcp` driven by the official Python MCP client (Tests/MCP/drive_mcp.py; scripts/install-test-tools
/// installs mcp), against a real bundle repository and the local fake workspace.
final class MCPServerTests: RepositoryTestCase {
    var fake: FakeWorkspaceServer!
    var bundle: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        let job = try JSONSerialization.jsonObject(with: Data(contentsOf: TestPaths.fixture("DabrepoCLITests", "jobs/nightly_sales.json")))
        var notebooks: [String: Any] = [:]
        for name in ["a", "b", "c"] {
            notebooks["/Workspace/Shared/prog/\(name)"] = ["content": "# Databricks notebook source\nprint('\(name)')\n", "language": "PYTHON"]
        }
        fake = try FakeWorkspaceServer(state: ["jobs": [job], "notebooks": notebooks], directory: workspace.url)
        bundle = try initBundle("demo")
    }

    override func tearDown() {
        fake = nil
        super.tearDown()
    }

    func drive(_ mode: String) throws -> CommandResult {
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/MCP/drive_mcp.py")
        let env = environment.merging(["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1", "DABREPO_RETRY_BUDGET": "20"]) { $1 }
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path, mode, TestPaths.dabrepoBinary.path, bundle.path],
                                           in: workspace.url, environment: env)
        XCTAssertFalse(result.stderr.contains("No module named 'mcp'"), "run scripts/install-test-tools first: \(result.stderr)")
        return result
    }

    func testOverStandardIOWithTheOfficialClient() throws {
        let result = try drive("stdio")
        XCTAssertEqual(result.status, 0, result.stdout + "\n" + result.stderr.suffix(2000))
        XCTAssertTrue(result.stdout.hasSuffix("all checks passed\n"), result.stdout)
        for check in ["tools/list names every tool", "validate_bundle with no arguments", "refine_bundle commits", "get_job against the fake workspace",
                      "unknown tool", "bad arguments {'job_id': 'abc'}", "progress notifications for generate_bundle", "50 concurrent calls answered", "the token appears in no result"] {
            XCTAssertTrue(result.stdout.contains("ok \(check)\n"), "missing check: \(check)")
        }
    }

    func testEveryRequestIsAnsweredWhenStandardInputCloses() throws {
        let result = try drive("drain")
        XCTAssertEqual(result.status, 0, result.stdout + "\n" + result.stderr.suffix(2000))
        XCTAssertTrue(result.stdout.contains("ok every in-flight request is answered before exit\n"), result.stdout)
        XCTAssertEqual(result.stdout.components(separatedBy: "are invalid params (-32602)\n").count, 5, result.stdout)
        XCTAssertTrue(result.stdout.contains("ok a message that is not JSON is a parse error with id null\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("ok a message without jsonrpc is an invalid request (-32600)\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("ok a request with id null is an invalid request (-32600)\n"), result.stdout)
    }

    func testStreamableHTTPNeedsTheBearerToken() throws {
        let result = try drive("http")
        XCTAssertEqual(result.status, 0, result.stdout + "\n" + result.stderr.suffix(2000))
        XCTAssertTrue(result.stdout.contains("ok a request without a token is refused (401)\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("ok validate_bundle over HTTP\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("ok nothing on standard output\n"), result.stdout)
    }

    func testToolsFromTheCommandLine() throws {
        let list = try dabrepo(["tools", "list", "--output", "json"], in: bundle)
        let tools = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(tools.count, 27)
        let called = try dabrepo(["tools", "call", "list_revisions", "{\"limit\": 1}"], in: bundle)
        XCTAssertEqual(called.status, 0, called.stderr)
        XCTAssertTrue(called.stdout.contains("\"subject\" : \"Initialize bundle demo from template default-python\""), called.stdout)
        let bad = try dabrepo(["tools", "call", "list_revisions", "{\"limit\": 0}"], in: bundle)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.hasPrefix("Error: bad arguments for list_revisions: limit must be at least 1"), bad.stderr)
        // A failure is a document on standard output too, as MCP's structured content.
        XCTAssertEqual(try json(bad.stdout)["kind"] as? String, "usage", bad.stdout)
        XCTAssertEqual(try json(try dabrepo(["tools", "call", "no_such_tool"], in: bundle).stdout)["kind"] as? String, "not-found")
        let notJSON = try dabrepo(["tools", "call", "list_revisions", "{limit"], in: bundle)
        XCTAssertEqual(notJSON.status, 2)
        XCTAssertTrue(notJSON.stderr.contains("not valid JSON"), notJSON.stderr)
        // A job_json with no settings is named by its argument (it said "-:", the command line's standard input).
        let noSettings = try dabrepo(["tools", "call", "generate_bundle_from_job", "{\"job_json\": {\"foo\": 1}}"], in: bundle)
        XCTAssertEqual(noSettings.status, 1)
        XCTAssertTrue(noSettings.stderr.hasPrefix("Error: job_json: the JSON has no job settings"), noSettings.stderr)
    }

    /// `validate_bundle` takes what `dabrepo validate` takes: variable values and rules to skip.
    func testValidateToolTakesVariablesAndRulesToSkip() throws {
        let job = bundle.appendingPathComponent("resources/tagged.job.yml")
        try write("variables:\n  needed:\n    description: no default on purpose\nresources:\n  jobs:\n    tagged:\n      name: tagged\n"
                  + "      tags:\n        catalog: ${var.needed}\n", to: job)
        func errors(_ arguments: String) throws -> (Int?, [String]) {
            let result = try dabrepo(["tools", "call", "validate_bundle", arguments], in: bundle)
            let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout + result.stderr)
            let rules = (report["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
            return (report["errors"] as? Int, rules)
        }
        let without = try errors("{}")
        XCTAssertEqual(without.0, 1)
        XCTAssertTrue(without.1.contains("variable-required"), "\(without.1)")
        let with = try errors("{\"variables\": {\"needed\": \"main\"}}")
        XCTAssertEqual(with.0, 0, "\(with.1)")
        let skipped = try errors("{\"disabled_rules\": [\"variable-required\"]}")
        XCTAssertFalse(skipped.1.contains("variable-required"), "\(skipped.1)")
    }
}
