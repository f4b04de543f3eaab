import Foundation
import TestSupport
import XCTest

/// read_bundle, describe_fields and edit_bundle through `dabrepo tools call` (the runner MCP uses),
/// in process and, with DABREPO_TOOL_ISOLATION=process, in a child process with the same results.
final class EditingToolsTests: RepositoryTestCase {
    func call(_ name: String, _ arguments: [String: Any], in bundle: URL, isolated: Bool = false) throws -> CommandResult {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: arguments, options: [.sortedKeys]), as: UTF8.self)
        var env = environment
        env["DABREPO_TOOL_ISOLATION"] = isolated ? "process" : nil
        return try CommandRunner.dabrepo(["tools", "call", name, json], in: bundle, environment: env)
    }

    func testEditBundleCommitsOrRefusesWithFindings() throws {
        let bundle = try initBundle()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let refused = try call("edit_bundle", ["subject": "Timeout", "edits": [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_second", "value": 60]]],
                               in: bundle)
        XCTAssertEqual(refused.status, 1, "a refused edit is a tool error: \(refused.stdout)")
        XCTAssertTrue(refused.stderr.contains("\"suggestions\""), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("timeout_seconds"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("\"line\""), refused.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)

        let committed = try call("edit_bundle", ["subject": "Time out nightly_etl_job after 10 minutes",
                                                 "summary": "Set timeout_seconds to 600 on job nightly_etl_job.",
                                                 "edits": [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 600]]],
                                 in: bundle)
        XCTAssertEqual(committed.status, 0, committed.stderr)
        let object = try json(committed.stdout)
        XCTAssertEqual(object["status"] as? String, "committed")
        XCTAssertEqual(object["commit"] as? String, try gitOutput(["rev-parse", "HEAD"], in: bundle))
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Time out nightly_etl_job after 10 minutes")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testEditBundleArgumentsAreCheckedAgainstItsSchema() throws {
        let bundle = try initBundle()
        let result = try call("edit_bundle", ["subject": "x", "edits": [["op": "set", "path": "a", "vlaue": 1]]], in: bundle)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("edits[0] has an unknown field vlaue"), result.stderr)
    }

    func testReadBundleAsWrittenAndAsATargetGetsIt() throws {
        let bundle = try initBundle()
        let files = try json(try call("read_bundle", [:], in: bundle).stdout)
        let written = try XCTUnwrap(files["files"] as? [[String: Any]])
        XCTAssertEqual(written.first?["file"] as? String, "databricks.yml")
        XCTAssertEqual(written.first?["yaml"] as? String, try read(bundle.appendingPathComponent("databricks.yml")), "as written, comments and all")

        let piece = try json(try call("read_bundle", ["path": "resources.jobs.nightly_etl_job.job_clusters[job_cluster_key=job_cluster]"], in: bundle).stdout)
        let part = try XCTUnwrap((piece["files"] as? [[String: Any]])?.first)
        XCTAssertEqual(part["file"] as? String, "resources/nightly_etl.job.yml")
        XCTAssertEqual(part["line"] as? Int, 17, "the line of its first key")
        XCTAssertTrue((part["yaml"] as? String ?? "").hasPrefix("job_cluster_key: job_cluster\nnew_cluster:\n"), "\(part)")

        // prod resolves the catalog variable to prod; dev keeps the default.
        func catalog(_ target: String) throws -> String? {
            let result = try call("read_bundle", ["target": target, "path": "resources.jobs.nightly_etl_job.tasks[0].notebook_task.base_parameters"], in: bundle)
            XCTAssertEqual(result.status, 0, result.stderr)
            return try json(result.stdout)["configuration"] as? String
        }
        XCTAssertEqual(try catalog("prod"), "catalog: prod\n")
        XCTAssertEqual(try catalog("dev"), "catalog: main\n")

        let missing = try call("read_bundle", ["target": "prd"], in: bundle)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no target prd (did you mean prod?)"), missing.stderr)
    }

    func testDescribeFieldsListsTypesRequiredAndValues() throws {
        let bundle = try initBundle()
        let tasks = try json(try call("describe_fields", ["path": "resources.jobs.nightly_etl_job.tasks"], in: bundle).stdout)
        XCTAssertEqual(tasks["type"] as? String, "sequence of Task")
        XCTAssertEqual(tasks["entry_type"] as? String, "Task")
        let fields = try XCTUnwrap(tasks["fields"] as? [[String: Any]])
        let taskKey = try XCTUnwrap(fields.first { $0["name"] as? String == "task_key" })
        XCTAssertEqual(taskKey["required"] as? Bool, true)
        XCTAssertTrue((taskKey["description"] as? String ?? "").contains("unique name"), "\(taskKey)")
        let runIf = try XCTUnwrap(fields.first { $0["name"] as? String == "run_if" })
        XCTAssertTrue((runIf["values"] as? [String] ?? []).contains("ALL_SUCCESS"), "\(runIf)")

        let unknown = try call("describe_fields", ["path": "resources.jobs.x.job_cluster"], in: bundle)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("nearest: job_clusters"), unknown.stderr)
    }

    /// Crash isolation gives the same answers as in process.
    func testAChildProcessGivesTheSameResults() throws {
        let bundle = try initBundle()
        for (name, arguments) in [("read_bundle", ["target": "prod"]), ("describe_fields", ["path": "targets.dev"]),
                                  ("validate_bundle", ["all_targets": true]),
                                  ("edit_bundle", ["subject": "x", "dry_run": true,
                                                   "edits": [["op": "append", "path": "resources.jobs.nightly_etl_job.email_notifications.on_success", "value": "a@example.com"]]])] as [(String, [String: Any])] {
            let inProcess = try call(name, arguments, in: bundle)
            let isolated = try call(name, arguments, in: bundle, isolated: true)
            XCTAssertEqual(inProcess.status, 0, "\(name): \(inProcess.stderr)")
            XCTAssertEqual(isolated.status, inProcess.status, name)
            XCTAssertEqual(isolated.stdout, inProcess.stdout, name)
        }
        let refusedInProcess = try call("edit_bundle", ["subject": "x", "edits": [["op": "delete", "path": "resources.jobs.nope"]]], in: bundle)
        let refusedIsolated = try call("edit_bundle", ["subject": "x", "edits": [["op": "delete", "path": "resources.jobs.nope"]]], in: bundle, isolated: true)
        XCTAssertEqual(refusedInProcess.status, 1)
        XCTAssertEqual(refusedIsolated.status, 1)
        XCTAssertTrue(refusedIsolated.stderr.contains("resources.jobs.nope does not exist"), refusedIsolated.stderr)
    }

    /// refine_bundle runs the engine's conversation turn in process; the child-process form (the CLI's
    /// `refine --output json`) answers with the same document.
    func testRefineBundleInProcessAnswersAsTheCommandLine() throws {
        let bundle = try initBundle()
        for request in ["set the timeout to 2 hours", "make the cluster smaller", "bake a cake"] {
            let arguments: [String: Any] = ["request": request, "dry_run": true, "new_session": true]
            let inProcess = try call("refine_bundle", arguments, in: bundle)
            let isolated = try call("refine_bundle", arguments, in: bundle, isolated: true)
            XCTAssertEqual(inProcess.status, isolated.status, request)
            if inProcess.status == 0 {
                XCTAssertEqual(try json(inProcess.stdout) as NSDictionary, try json(isolated.stdout) as NSDictionary, request)
            } else {
                // A tool error reads as its message, on standard error.
                XCTAssertEqual(inProcess.stderr, isolated.stderr, request)
            }
        }
        let committed = try call("refine_bundle", ["request": "set the timeout to 2 hours"], in: bundle)
        XCTAssertEqual(committed.status, 0, committed.stderr)
        XCTAssertEqual(try json(committed.stdout)["status"] as? String, "committed")
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Time out nightly_etl_job after 2 hours")
    }
}
