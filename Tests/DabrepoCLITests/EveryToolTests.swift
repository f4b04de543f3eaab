import Foundation
import TestSupport
import XCTest

/// Every tool of the registry, called as an MCP client would (through `dabrepo tools call`, the same
/// runner `dabrepo mcp` uses) against a real repository and the local fake workspace: each maps its
/// arguments onto a command line the command accepts and gives the command's result.
final class EveryToolTests: RepositoryTestCase {
    func testEveryToolRuns() throws {
        let job = try JSONSerialization.jsonObject(with: Data(contentsOf: TestPaths.fixture("DabrepoCLITests", "jobs/nightly_sales.json")))
        let fake = try FakeWorkspaceServer(state: [
            "jobs": [job], "user": "ana@example.com",
            "notebooks": ["/Workspace/Shared/etl/ingest": ["content": "# Databricks notebook source\ndbutils.widgets.text('day', '2026-11-20')\nspark.table('main.raw.sales')\n", "language": "PYTHON"],
                          "/Workspace/Shared/etl/report": ["content": "-- Databricks notebook source\nSELECT * FROM main.gold.daily\n", "language": "SQL"]],
            "clusters": [["cluster_id": "0123-456789-abcdefgh", "cluster_name": "shared", "state": "RUNNING", "num_workers": 2]],
            "dbfs": ["/FileStore": [["path": "/FileStore/a.csv", "is_dir": false, "file_size": 12]]],
        ], directory: workspace.url)
        let bin = workspace.url.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\necho \"args=$*\"\n".write(to: bin.appendingPathComponent("databricks"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("databricks").path)
        let env = environment.merging(["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1", "DABREPO_RETRY_BUDGET": "20",
                                       "PATH": bin.path + ":/usr/bin:/bin"]) { $1 }

        // init_bundle_repo in an empty served folder.
        let served = workspace.url.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        var called: Set<String> = []
        func call(_ name: String, _ arguments: [String: Any] = [:], in directory: URL? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
            called.insert(name)
            let json = String(decoding: try JSONSerialization.data(withJSONObject: arguments, options: [.sortedKeys]), as: UTF8.self)
            let result = try CommandRunner.dabrepo(["tools", "call", name, json, "--repo", (directory ?? served.appendingPathComponent("demo")).path],
                                                   in: workspace.url, environment: env)
            XCTAssertEqual(result.status, 0, "\(name) \(json): \(result.stderr)", file: file, line: line)
            XCTAssertFalse(result.stderr.contains("Usage:"), "\(name) built a command line the command refuses: \(result.stderr)", file: file, line: line)
            let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            return object as? [String: Any] ?? ["items": object ?? result.stdout]
        }
        let created = try call("init_bundle_repo", ["directory": "demo", "template": "default-python"], in: served)
        XCTAssertEqual(created["items"] as? String == nil, false, "init prints text")
        let bundle = served.appendingPathComponent("demo")
        XCTAssertTrue(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("databricks.yml").path))

        XCTAssertEqual(try call("health")["user"] as? String, "ana@example.com")
        XCTAssertEqual((try call("list_jobs", ["limit": 5])["items"] as? [Any])?.count, 1)
        XCTAssertEqual((try call("get_job", ["job_id": 871263])["settings"] as? [String: Any])?["name"] as? String, "Nightly Sales (v2)")
        XCTAssertNotNil(try call("run_job", ["job_id": 871263, "parameters": ["run_date": "2026-11-20"]])["run_id"])
        XCTAssertEqual((try call("list_notebooks", ["path": "/Workspace/Shared/etl", "recursive": true])["items"] as? [Any])?.count, 2)
        XCTAssertTrue((try call("export_notebook", ["path": "/Workspace/Shared/etl/ingest"])["content"] as? String ?? "").contains("widgets.text"))
        XCTAssertEqual((try call("execute_dbsql", ["query": "SELECT 1", "warehouse_id": "abc123"])["items"] as? [[String: Any]])?.first?["zone"] as? String, "Midtown")
        XCTAssertEqual((try call("list_warehouses")["items"] as? [Any])?.count, 1)
        XCTAssertEqual((try call("list_dbfs_files", ["path": "/FileStore"])["items"] as? [Any])?.count, 1)
        XCTAssertEqual(try call("get_cluster", ["cluster_id": "0123-456789-abcdefgh"])["cluster_name"] as? String, "shared")
        XCTAssertEqual(try call("analyze_notebook", ["path": "/Workspace/Shared/etl/ingest"])["tables_read"] as? [String], ["main.raw.sales"])

        XCTAssertEqual(try call("generate_bundle", ["notebooks": ["/Workspace/Shared/etl/ingest", "/Workspace/Shared/etl/report"], "key": "etl"])["job_key"] as? String, "etl")
        XCTAssertEqual(try call("generate_bundle_from_job", ["job_json": job, "key": "nightly_offline"])["job_key"] as? String, "nightly_offline")
        XCTAssertEqual(try call("sync_workspace_to_local", ["workspace_path": "/Workspace/Shared/etl", "local_path": "src/etl"])["commit"] == nil, false)
        XCTAssertEqual(try call("validate_bundle", ["all_targets": true])["errors"] as? Int, 0)
        XCTAssertNotNil(try call("create_tests")["commit"])
        XCTAssertEqual(try call("upload_bundle", ["dry_run": true])["uploaded"] as? Bool, false)
        XCTAssertEqual(try call("upload_bundle", ["target": "dev"])["uploaded"] as? Bool, true)
        XCTAssertTrue((try call("run_bundle_command", ["args": ["summary"], "target": "prod"])["items"] as? String ?? "").contains("args=bundle summary --target prod"))

        XCTAssertEqual(try call("refine_bundle", ["request": "set the timeout of demo_job to 2 hours"])["status"] as? String, "committed")
        XCTAssertTrue(String(describing: try call("diff_revisions", ["from": "HEAD"])).contains("timeout_seconds"))
        // The index and a revision at once is refused, as `diff --staged HEAD~1` is (the revision's change was
        // answered as if it were what is staged).
        let both = try CommandRunner.dabrepo(["tools", "call", "diff_revisions", #"{"from":"HEAD","staged":true}"#, "--repo", bundle.path],
                                             in: workspace.url, environment: env)
        XCTAssertNotEqual(both.status, 0, both.stdout)
        XCTAssertTrue((both.stdout + both.stderr).contains("takes no revisions"), both.stdout + both.stderr)
        XCTAssertEqual((try call("list_revisions", ["limit": 3])["items"] as? [[String: Any]])?.first?["subject"] as? String, "Time out demo_job after 2 hours")
        XCTAssertEqual(try call("show_revision", ["revision": "HEAD"])["subject"] as? String, "Time out demo_job after 2 hours")
        XCTAssertNotNil(try call("undo_revision")["commit"])
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")

        // The in-process tools: structured edits, the bundle as written or as a target gets it, the schema.
        let edited = try call("edit_bundle", ["subject": "Two runs of demo_job at once",
                                              "edits": [["op": "set", "path": "resources.jobs.demo_job.max_concurrent_runs", "value": 2]]])
        XCTAssertEqual(edited["status"] as? String, "committed", "\(edited)")
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Two runs of demo_job at once")
        XCTAssertTrue((try call("read_bundle", ["target": "dev", "path": "resources.jobs.demo_job"])["configuration"] as? String ?? "").contains("max_concurrent_runs: 2"))
        XCTAssertEqual(try call("describe_fields", ["path": "resources.jobs.demo_job"])["type"] as? String, "Job")

        // `repo` picks a bundle repository inside the served folder, and nothing outside it.
        XCTAssertEqual(try call("validate_bundle", ["repo": "demo"], in: served)["bundle"] as? String, "demo")
        for (name, arguments) in [("validate_bundle", ["repo": "../.."]), ("init_bundle_repo", ["directory": "../elsewhere"]),
                                  ("sync_workspace_to_local", ["workspace_path": "/Workspace/Shared/etl", "local_path": "../../outside"])] {
            let json = String(decoding: try JSONSerialization.data(withJSONObject: arguments), as: UTF8.self)
            let refused = try CommandRunner.dabrepo(["tools", "call", name, json, "--repo", bundle.path], in: workspace.url, environment: env)
            XCTAssertEqual(refused.status, 1, name)
            XCTAssertTrue(refused.stderr.contains("is outside the served folder"), refused.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: served.appendingPathComponent("elsewhere").path))

        let listed = try CommandRunner.dabrepo(["tools", "list", "-o", "json"], in: workspace.url, environment: env)
        let names = Set((try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        XCTAssertEqual(called, names, "every tool is called above")
        withExtendedLifetime(fake) {}
    }
}
