import Foundation
import TestSupport
import XCTest

/// describe_fields, read_bundle and edit_bundle over MCP with the official Python client, as a model
/// working through Claude Code would use them: look up the fields, read the job, make a mistake,
/// correct it from the findings, dry-run, commit, read the result back.
final class MCPEditingToolsTests: RepositoryTestCase {
    func testAModelsRoundOfEditsOverMCP() throws {
        let bundle = try initBundle("demo")
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let workers = "targets.dev.resources.jobs.demo_job.job_clusters[job_cluster_key=job_cluster].new_cluster.num_workers"
        let calls = try MCPToolCalls.run([
            ("describe_fields", ["path": "resources.jobs.demo_job.job_clusters[0].new_cluster"]),
            ("read_bundle", ["path": "resources.jobs.demo_job.job_clusters"]),
            ("edit_bundle", ["subject": "Smaller dev cluster", "edits": [["op": "set", "path": workers, "value": 1],
                                                                         ["op": "set", "path": "resources.jobs.demo_job.max_concurent_runs", "value": 1]]]),
            ("edit_bundle", ["subject": "Smaller dev cluster", "dry_run": true, "edits": [["op": "set", "path": workers, "value": 1]]]),
            ("edit_bundle", ["subject": "Smaller dev cluster", "summary": "Set 1 worker (was 2) for dev.",
                             "edits": [["op": "set", "path": workers, "value": 1]]]),
            ("read_bundle", ["target": "dev", "path": "resources.jobs.demo_job.job_clusters[job_cluster_key=job_cluster].new_cluster"]),
        ], repo: bundle, scratch: workspace.url, environment: environment)
        XCTAssertEqual(calls.results.count, 6)
        let r = calls.results

        XCTAssertFalse(r[0].isError, r[0].text)
        let fields = (r[0].structured?["fields"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        XCTAssertTrue(fields.contains("num_workers") && fields.contains("spark_version"), "\(fields)")
        XCTAssertEqual(r[0].structured?["type"] as? String, "ClusterSpec")

        XCTAssertFalse(r[1].isError, r[1].text)
        XCTAssertEqual((r[1].structured?["files"] as? [[String: Any]])?.first?["file"] as? String, "resources/demo.job.yml")

        // The mistake: refused as a tool error whose findings name the file, line and the right key.
        XCTAssertTrue(r[2].isError, r[2].text)
        XCTAssertEqual(r[2].structured?["status"] as? String, "invalid")
        let finding = (r[2].structured?["findings"] as? [[String: Any]])?.first
        XCTAssertEqual(finding?["file"] as? String, "resources/demo.job.yml")
        XCTAssertNotNil(finding?["line"] as? Int)
        XCTAssertEqual((finding?["suggestions"] as? [String])?.first, "max_concurrent_runs")
        XCTAssertTrue(r[2].text.contains("max_concurrent_runs"), "the text carries the findings too: \(r[2].text)")

        XCTAssertFalse(r[3].isError, r[3].text)
        XCTAssertEqual(r[3].structured?["status"] as? String, "dry-run")

        XCTAssertFalse(r[4].isError, r[4].text)
        XCTAssertEqual(r[4].structured?["status"] as? String, "committed")
        XCTAssertEqual(r[4].structured?["commit"] as? String, try gitOutput(["rev-parse", "HEAD"], in: bundle))
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD~1"], in: bundle), head, "one revision: the refused call and the dry run made none")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%B"], in: bundle).contains("dabrepo: Set 1 worker (was 2) for dev."))

        XCTAssertFalse(r[5].isError, r[5].text)
        XCTAssertTrue((r[5].structured?["configuration"] as? String ?? "").contains("num_workers: 1\n"), r[5].text)
        XCTAssertTrue(calls.serverLog.contains("edit_bundle: ok"), calls.serverLog)
    }

    /// A file that is not YAML is no silent gap in what a model reads: read_bundle names it, its line
    /// and column, and a path it cannot find points at it.
    func testReadBundleNamesAFileItCannotRead() throws {
        let bundle = try initBundle("demo")
        try write("resources:\n  jobs:\n    extra:\n      name: extra\n     tasks: [\n", to: bundle.appendingPathComponent("resources/extra.job.yml"))
        let whole = try dabrepo(["tools", "call", "read_bundle", "{}"], in: bundle)
        XCTAssertEqual(whole.status, 0, whole.stdout + whole.stderr)
        let problems = try XCTUnwrap(json(whole.stdout)["problems"] as? [[String: Any]], whole.stdout)
        XCTAssertEqual(problems.count, 1, whole.stdout)
        XCTAssertEqual(problems.first?["file"] as? String, "resources/extra.job.yml")
        XCTAssertNotNil(problems.first?["line"] as? Int, whole.stdout)
        let path = try dabrepo(["tools", "call", "read_bundle", #"{"path": "resources.jobs.extra"}"#], in: bundle)
        XCTAssertNotEqual(path.status, 0, path.stdout)
        XCTAssertTrue((path.stdout + path.stderr).contains("resources/extra.job.yml that cannot be read"), path.stdout + path.stderr)
        // A bundle that reads cleanly has no problems key.
        try FileManager.default.removeItem(at: bundle.appendingPathComponent("resources/extra.job.yml"))
        XCTAssertNil(try json(try dabrepo(["tools", "call", "read_bundle", "{}"], in: bundle).stdout)["problems"])
    }
}
