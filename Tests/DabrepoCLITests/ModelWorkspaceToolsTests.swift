import Foundation
import TestSupport
import XCTest

/// With workspace authentication configured, the model also reads the workspace and generates from
/// it: "generate a bundle from job 871263 and make its cluster smaller for dev" is one conversation
/// turn — the generated files with the model's edit on top, committed as one revision.
final class ModelWorkspaceToolsTests: ModelTestCase {
    func fakeWorkspace() throws -> FakeWorkspaceServer {
        let job = try JSONSerialization.jsonObject(with: Data(contentsOf: TestPaths.fixture("DabrepoCLITests", "jobs/nightly_sales.json")))
        return try FakeWorkspaceServer(state: [
            "jobs": [job], "user": "ana@example.com",
            "notebooks": ["/Workspace/Users/ana@example.com/sales/ingest": ["content": "# Databricks notebook source\nspark.table('main.raw.sales')\n", "language": "PYTHON"],
                          "/Workspace/Users/ana@example.com/sales/aggregate": ["content": "-- Databricks notebook source\nSELECT 1\n", "language": "SQL"]],
        ], directory: workspace.url)
    }

    static func call(_ id: String, _ name: String, _ arguments: [String: Any]) -> [String: Any] {
        ["tool_calls": [["id": id, "name": name, "arguments": arguments]], "stop_reason": "tool_use", "usage": ["input_tokens": 900, "output_tokens": 40]]
    }

    func testGenerateFromAJobAndEditItIsOneRevision() throws {
        let bundle = try initBundle()
        let fake = try fakeWorkspace()
        let server = try anthropic([
            Self.call("t1", "get_job", ["job_id": 871263]),
            Self.call("t2", "generate_bundle_from_job", ["job_id": 871263, "key": "nightly_sales"]),
            Self.edit("t3", subject: "Add nightly_sales from job 871263 with one worker in dev",
                      [["op": "set", "path": "targets.dev.resources.jobs.nightly_sales.job_clusters[job_cluster_key=main].new_cluster.num_workers", "value": 1]]),
            Self.say("nightly_sales is in the bundle, with one worker in dev."),
        ])
        let scratch = workspace.url.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        var env = environment(server)
        env["DATABRICKS_HOST"] = fake.host
        env["DATABRICKS_TOKEN"] = "test-token-1"  // the fake workspace's token
        env["TMPDIR"] = scratch.path
        let result = try CommandRunner.dabrepo(["refine", "generate a bundle from job 871263 and make its cluster smaller for dev"], in: bundle, environment: env)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)

        // One revision: the generated job, its notebooks and the dev override together.
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "2")
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Add nightly_sales from job 871263 with one worker in dev")
        let files = try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle).split(separator: "\n").map(String.init)
        XCTAssertTrue(files.contains("resources/nightly_sales.job.yml"), "\(files)")
        XCTAssertTrue(files.contains { $0.hasPrefix("src/") }, "the notebooks: \(files)")
        XCTAssertTrue(files.contains("databricks.yml"), "the dev override: \(files)")
        let root = try read(bundle.appendingPathComponent("databricks.yml"))
        XCTAssertTrue(root.contains("nightly_sales") && root.contains("num_workers: 1"), root)
        XCTAssertTrue(try read(bundle.appendingPathComponent("resources/nightly_sales.job.yml")).contains("num_workers: 2"))
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0)

        // The model was offered the workspace tools, and they reached the workspace.
        let body = try XCTUnwrap(try server.requests().first?["body"] as? [String: Any])
        let tools = Set((body["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        XCTAssertTrue(tools.isSuperset(of: ["get_job", "list_jobs", "list_notebooks", "export_notebook", "analyze_notebook", "generate_bundle_from_job"]), "\(tools)")
        XCTAssertFalse(tools.contains("run_job"), "only reading tools and generation")
        let sent = try sentText(server)
        XCTAssertTrue(sent.contains("Nightly Sales (v2)"), "get_job's answer went back to the model")
        XCTAssertTrue(try fake.requests().contains { ($0["path"] as? String ?? "").contains("jobs/get") })
        // The scratch copy generation worked in is gone.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix("dabrepo-model") }, [])
    }

    func testWithoutWorkspaceAuthenticationTheModelGetsNoWorkspaceTools() throws {
        let bundle = try initBundle()
        let server = try anthropic([Self.say("I cannot reach a workspace.")])
        var env = environment(server)
        env["DATABRICKS_HOST"] = nil
        env["DATABRICKS_TOKEN"] = nil
        env["DATABRICKS_CONFIG_FILE"] = workspace.url.appendingPathComponent("no-databrickscfg").path
        let result = try CommandRunner.dabrepo(["refine", "generate a bundle from job 871263"], in: bundle, environment: env)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let body = try XCTUnwrap(try server.requests().first?["body"] as? [String: Any])
        let tools = Set((body["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        XCTAssertEqual(tools, ["read_bundle", "describe_fields", "edit_bundle", "ask_user", "validate_bundle",
                               "list_revisions", "show_revision", "diff_revisions"])
    }
}
