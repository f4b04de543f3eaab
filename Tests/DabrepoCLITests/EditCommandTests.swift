import Foundation
import TestSupport
import XCTest

/// `dabrepo edit`: structured edits from a JSON document, run with the real binary on a real git
/// repository: one validated revision, a refusal that leaves everything as it was, a dry run, and
/// edits that change nothing.
final class EditCommandTests: RepositoryTestCase {
    let jobFile = "resources/nightly_etl.job.yml"
    let devWorkers = "targets.dev.resources.jobs.nightly_etl_job.job_clusters[job_cluster_key=job_cluster].new_cluster.num_workers"

    func document(_ edits: [[String: Any]], subject: String = "Smaller dev cluster for nightly_etl_job",
                  summary: String? = "Set 1 worker (was 2) on job cluster job_cluster for target dev.", name: String = "edits.json") throws -> URL {
        var object: [String: Any] = ["subject": subject, "edits": edits]
        if let summary { object["summary"] = summary }
        let url = workspace.url.appendingPathComponent(name)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        return url
    }

    func state(_ bundle: URL) throws -> (head: String, status: String, job: String, root: String) {
        (try gitOutput(["rev-parse", "HEAD"], in: bundle), try gitOutput(["status", "--porcelain"], in: bundle),
         try read(bundle.appendingPathComponent(jobFile)), try read(bundle.appendingPathComponent("databricks.yml")))
    }

    func testEditsAreCommittedAsOneRevisionWithLayoutKept() throws {
        let bundle = try initBundle()
        let before = try state(bundle)
        let edits = try document([
            ["op": "set", "path": devWorkers, "value": 1],
            ["op": "append", "path": "resources.jobs.nightly_etl_job.email_notifications.on_failure", "value": "oncall@example.com"],
            ["op": "set", "path": "resources.jobs.nightly_etl_job.tags", "value": ["team": "data"]],
        ])
        let result = try dabrepo(["edit", edits.path], in: bundle)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("Committed "), result.stdout)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "2", "one revision on top of init")
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD~1"], in: bundle), before.head)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "", "the edits file lives outside the bundle")
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        XCTAssertTrue(message.hasPrefix("Smaller dev cluster for nightly_etl_job\n"), message)
        XCTAssertTrue(message.contains("dabrepo: Set 1 worker (was 2) on job cluster job_cluster for target dev."), message)
        XCTAssertTrue(message.contains("num_workers"), message)
        XCTAssertTrue(message.contains("Dabrepo-Agent: edit"), message)
        XCTAssertEqual(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle).split(separator: "\n").map(String.init).sorted(), ["databricks.yml", jobFile])

        // Only what the edits say changed: comments and every other line are as they were.
        let job = try read(bundle.appendingPathComponent(jobFile))
        XCTAssertEqual(job.replacingOccurrences(of: "          - oncall@example.com\n", with: "").replacingOccurrences(of: "      tags:\n        team: data\n", with: ""),
                       before.job)
        let root = try read(bundle.appendingPathComponent("databricks.yml"))
        XCTAssertTrue(root.contains("    # resources are prefixed with '[dev my_user_name]' and schedules are paused.\n    mode: development\n"), root)
        XCTAssertTrue(root.contains("            - job_cluster_key: job_cluster\n              new_cluster:\n                num_workers: 1\n"), root)
        let validate = try dabrepo(["validate", "--all-targets"], in: bundle)
        XCTAssertEqual(validate.status, 0, validate.stdout)
    }

    func testARefusedEditLeavesTheRepositoryExactlyAsItWas() throws {
        let bundle = try initBundle()
        let before = try state(bundle)
        let edits = try document([
            ["op": "set", "path": devWorkers, "value": 1],
            ["op": "set", "path": "resources.jobs.nightly_etl_job.max_concurent_runs", "value": 2],
        ])
        let text = try dabrepo(["edit", edits.path], in: bundle)
        XCTAssertEqual(text.status, 1, text.stdout + text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix("Nothing changed"), text.stdout)
        XCTAssertTrue(text.stdout.contains("\(jobFile):"), text.stdout)
        XCTAssertTrue(text.stdout.contains("unknown field: max_concurent_runs (unknown-field); valid names nearby: max_concurrent_runs"), text.stdout)

        let json = try dabrepo(["edit", edits.path, "--output", "json"], in: bundle)
        XCTAssertEqual(json.status, 1)
        let object = try self.json(json.stdout)
        XCTAssertEqual(object["status"] as? String, "invalid")
        let finding = try XCTUnwrap((object["findings"] as? [[String: Any]])?.first)
        XCTAssertEqual(finding["rule"] as? String, "unknown-field")
        XCTAssertEqual(finding["file"] as? String, jobFile)
        XCTAssertNotNil(finding["line"] as? Int)
        XCTAssertNotNil(finding["column"] as? Int)
        XCTAssertEqual((finding["suggestions"] as? [String])?.first, "max_concurrent_runs")

        // An error of a rule: the task names a job cluster that does not exist.
        let broken = try document([["op": "set", "path": "resources.jobs.nightly_etl_job.tasks[task_key=notebook_task].job_cluster_key", "value": "no_such_cluster"]],
                                  name: "broken.json")
        let refused = try dabrepo(["edit", broken.path, "-o", "json"], in: bundle)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(((try self.json(refused.stdout))["findings"] as? [[String: Any]] ?? []).contains { $0["rule"] as? String == "job-cluster-key-defined" }, refused.stdout)

        let after = try state(bundle)
        XCTAssertEqual(after.head, before.head)
        XCTAssertEqual(after.status, "")
        XCTAssertEqual(after.job, before.job)
        XCTAssertEqual(after.root, before.root)
    }

    func testAnEditThatCannotBeMadeSaysWhichAndWhy() throws {
        let bundle = try initBundle()
        let before = try state(bundle)
        let edits = try document([["op": "delete", "path": "resources.jobs.nightly_etl_job.tags.team"],
                                  ["op": "rename", "path": "resources.jobs.nightly_etl_jobb", "to": "etl"]])
        let result = try dabrepo(["edit", edits.path, "-o", "json"], in: bundle)
        XCTAssertEqual(result.status, 1, result.stderr)
        let findings = try XCTUnwrap((try self.json(result.stdout))["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.compactMap { $0["edit"] as? Int }, [0, 1])
        XCTAssertEqual(findings.compactMap { $0["rule"] as? String }, ["edit-path-not-found", "edit-path-not-found"])
        XCTAssertTrue((findings[1]["message"] as? String ?? "").contains("there is resources.jobs.nightly_etl_job"), "\(findings[1])")
        XCTAssertEqual(try state(bundle).head, before.head)
    }

    func testADryRunShowsTheChangesAndCommitsNothing() throws {
        let bundle = try initBundle()
        let before = try state(bundle)
        let edits = try document([["op": "set", "path": devWorkers, "value": 1]])
        let result = try dabrepo(["edit", edits.path, "--dry-run", "--output", "json"], in: bundle)
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try json(result.stdout)
        XCTAssertEqual(object["status"] as? String, "dry-run")
        XCTAssertEqual(object["files"] as? [String], ["databricks.yml"])
        XCTAssertTrue((object["changes"] as? [String] ?? []).contains { $0.contains("num_workers") && $0.contains("1") }, result.stdout)
        XCTAssertNil(object["commit"])
        let text = try dabrepo(["edit", edits.path, "--dry-run"], in: bundle)
        XCTAssertTrue(text.stdout.hasPrefix("Dry run: "), text.stdout)
        let after = try state(bundle)
        XCTAssertEqual(after.head, before.head)
        XCTAssertEqual(after.root, before.root)
        XCTAssertEqual(after.status, "")
    }

    func testEditsThatChangeNothingCommitNothing() throws {
        let bundle = try initBundle()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let same = try document([["op": "set", "path": "resources.jobs.nightly_etl_job.job_clusters[job_cluster_key=job_cluster].new_cluster.num_workers", "value": 2]])
        let result = try dabrepo(["edit", same.path, "-o", "json"], in: bundle)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try json(result.stdout)["status"] as? String, "unchanged")
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        // Appending what the list holds already: a duplicate recipient was committed as a revision whose
        // message said "no change to the configuration".
        let again = try document([["op": "append", "path": "resources.jobs.nightly_etl_job.email_notifications.on_failure", "value": "data-team@example.com"]],
                                 name: "again.json")
        let appended = try dabrepo(["edit", again.path, "-o", "json"], in: bundle)
        XCTAssertEqual(appended.status, 0, appended.stderr)
        XCTAssertEqual(try json(appended.stdout)["status"] as? String, "unchanged")
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertEqual(try read(bundle.appendingPathComponent(jobFile)).components(separatedBy: "data-team@example.com").count, 2)
    }

    func testANewResourceIsCommittedInAFileOfItsOwn() throws {
        let bundle = try initBundle()
        let edits = try document([["op": "set", "path": "resources.jobs.weekly_report", "value": [
            "name": "weekly_report",
            "tasks": [["task_key": "report", "notebook_task": ["notebook_path": "../src/notebook.py"]]],
        ]]], subject: "Add the weekly report job", summary: nil)
        let result = try CommandRunner.dabrepo(["edit", "-"], in: bundle, environment: environment, stdin: try Data(contentsOf: edits))
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle), "resources/weekly_report.job.yml")
        XCTAssertEqual(try read(bundle.appendingPathComponent("resources/weekly_report.job.yml")), """
        resources:
          jobs:
            weekly_report:
              name: weekly_report
              tasks:
                - task_key: report
                  notebook_task:
                    notebook_path: ../src/notebook.py

        """)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testUncommittedEditsOfATouchedFileAreNotSwept() throws {
        let bundle = try initBundle()
        let jobURL = bundle.appendingPathComponent(jobFile)
        try write(try read(jobURL) + "# my own note\n", to: jobURL)
        let mine = try read(jobURL)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let edits = try document([["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 600]])
        let result = try dabrepo(["edit", edits.path, "-o", "json"], in: bundle)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        let error = try json(result.stdout)
        XCTAssertEqual(error["kind"] as? String, "conflict")
        XCTAssertTrue((error["message"] as? String ?? "").contains("uncommitted changes in \(jobFile)"), result.stdout)
        XCTAssertEqual(try read(jobURL), mine)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
    }

    /// Another file that does not parse (an uncommitted edit half done): its resources are not seen, so the
    /// edit is refused as refine refuses it (it committed, "Validation OK!", and listed the error as a warning).
    func testAnotherFileThatDoesNotParseRefusesTheEdit() throws {
        let bundle = try initBundle()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        try write("resources:\n  jobs:\n    other:\n     tasks: [\n", to: bundle.appendingPathComponent("resources/other.job.yml"))
        let edits: [[String: Any]] = [["op": "set", "path": "resources.jobs.nightly_etl_job.max_concurrent_runs", "value": 2]]
        let result = try dabrepo(["edit", try document(edits, subject: "Two runs", summary: nil).path], in: bundle)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("the bundle cannot be read") && result.stdout.contains("resources/other.job.yml:"), result.stdout)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
    }

    /// A task naming a job cluster its job does not define is a warning, as the Databricks CLI gives it,
    /// and the deploy then fails: a revision that brings one in is refused.
    func testAnUndefinedJobClusterKeyIsRefused() throws {
        let bundle = try initBundle()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let edits: [[String: Any]] = [["op": "set", "path": "resources.jobs.nightly_etl_job.tasks[0].job_cluster_key", "value": "nope"]]
        let result = try dabrepo(["edit", try document(edits, subject: "Other cluster", summary: nil).path], in: bundle)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("job_cluster_key nope is not defined"), result.stdout)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
    }

    func testABadDocumentIsAUsageErrorAlsoInJSON() throws {
        let bundle = try initBundle()
        let url = workspace.url.appendingPathComponent("bad.json")
        try write("{\"subject\": \"x\", \"edits\": [{\"op\": \"put\", \"path\": \"a.b\"}]}", to: url)
        let result = try dabrepo(["edit", url.path, "--output", "json"], in: bundle)
        XCTAssertEqual(result.status, 2)
        let error = try json(result.stdout)
        XCTAssertEqual(error["kind"] as? String, "usage")
        XCTAssertTrue((error["message"] as? String ?? "").contains("edits[0].op must be one of set, delete, append, rename"), result.stdout)
        XCTAssertTrue(result.stderr.hasPrefix("Error: "), result.stderr)
    }

    /// A subject is one line: a line break is folded (in the result as in the commit), and a subject of a
    /// document's length is refused.
    func testTheSubjectIsOneLine() throws {
        let bundle = try initBundle()
        let edits: [[String: Any]] = [["op": "set", "path": "resources.jobs.nightly_etl_job.max_concurrent_runs", "value": 2]]
        let folded = try dabrepo(["edit", try document(edits, subject: "Two runs\nat once", summary: nil).path, "--output", "json"], in: bundle)
        XCTAssertEqual(folded.status, 0, folded.stdout + folded.stderr)
        XCTAssertEqual(try json(folded.stdout)["subject"] as? String, "Two runs at once")
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Two runs at once")
        let long = try dabrepo(["edit", try document(edits, subject: String(repeating: "x", count: 5000), summary: nil).path], in: bundle)
        XCTAssertEqual(long.status, 2, long.stdout + long.stderr)
        XCTAssertTrue(long.stderr.contains("the subject is 5000 characters long"), long.stderr)
    }

    func testALiteralSecretIsRefusedAndNeverPrinted() throws {
        let bundle = try initBundle()
        let token = "dapi" + String(repeating: "0123456789abcdef", count: 2)
        let edits = try document([["op": "set", "path": "resources.jobs.nightly_etl_job.tasks[task_key=notebook_task].notebook_task.base_parameters.token",
                                   "value": token]], subject: "Add \(token)", summary: "Pass \(token)")
        for output in ["text", "json"] {
            let result = try dabrepo(["edit", edits.path, "-o", output, "--dry-run"], in: bundle)
            XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
            XCTAssertTrue(result.stdout.contains("literal-secret"), result.stdout)
            XCTAssertFalse((result.stdout + result.stderr).contains(token), result.stdout + result.stderr)
        }
    }
}
