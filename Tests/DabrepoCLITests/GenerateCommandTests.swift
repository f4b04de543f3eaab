import Foundation
import TestSupport
import XCTest

final class GenerateCommandTests: RepositoryTestCase {
    let json = TestPaths.fixture("DabrepoCLITests", "jobs/nightly_sales.json")

    func testGenerateFromJobJSONWritesValidatesAndCommits() throws {
        let bundle = try initBundle("sales", template: "empty")
        let result = try dabrepo(["generate", "job", "--from-json", json.path], in: bundle)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Generated resources/nightly_sales_v2.job.yml from job 871263 (Nightly Sales (v2)) with 2 tasks."), result.stdout)
        let written = try read(bundle.appendingPathComponent("resources/nightly_sales_v2.job.yml"))
        let golden = try read(TestPaths.fixture("DabrepoCLITests", "jobs/nightly_sales_v2.job.yml"))
        XCTAssertEqual(written, golden, "the generated resource differs from Fixtures/jobs/nightly_sales_v2.job.yml")
        for dropped in ["format:", "edit_mode:", "deployment:", "webhook_notifications:", "custom_tags:", "creator_user_name"] {
            XCTAssertFalse(written.contains(dropped), "\(dropped) should be dropped")
        }
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Generate job nightly_sales_v2 from job 871263")
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%B"], in: bundle).contains("Dabrepo-Agent: generate"))
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0)
        if let oracle = TestPaths.shared?.appendingPathComponent("oracle/check-bundle") {
            let checked = try CommandRunner.run(oracle, [bundle.path, "--target", "prod"])
            XCTAssertEqual(checked.status, 0, checked.stdout + checked.stderr)
        }
        // The same job again changes nothing; another job under the same key is refused.
        let again = try dabrepo(["generate", "job", "--from-json", json.path], in: bundle)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.hasPrefix("Nothing to change: the bundle already has the job nightly_sales_v2"), again.stdout)
        let changed = workspace.url.appendingPathComponent("changed.json")
        try write(try read(json).replacingOccurrences(of: "\"max_concurrent_runs\": 1", with: "\"max_concurrent_runs\": 2"), to: changed)
        XCTAssertNotEqual(try read(changed), try read(json), "the fixture changed")
        let other = try dabrepo(["generate", "job", "--from-json", changed.path], in: bundle)
        XCTAssertEqual(other.status, 2)
        XCTAssertTrue(other.stderr.contains("already has a job nightly_sales_v2"), other.stderr)
        XCTAssertEqual(try dabrepo(["generate", "job", "--from-json", json.path, "--key", "sales_copy"], in: bundle).status, 0)
    }

    /// `generate notebooks notebooks/etl` committed a job of no task; a typo in a local path asked for a
    /// workspace login; a SQL pipeline notebook became a job task; the key came from the first file's
    /// path, not the notebooks' folder.
    func testNotebooksFromAFolderAndTheirPipeline() throws {
        let bundle = try initBundle("nb", template: "empty")
        let folder = bundle.appendingPathComponent("notebooks/etl")
        for directory in ["notebooks/etl", "dlt", "docs"] {
            try FileManager.default.createDirectory(at: bundle.appendingPathComponent(directory), withIntermediateDirectories: true)
        }
        try write("# Databricks notebook source\nprint('ingest')\n", to: folder.appendingPathComponent("ingest.py"))
        try write("# Databricks notebook source\nprint('report')\n", to: folder.appendingPathComponent("report.py"))
        try write("-- Databricks notebook source\nCREATE OR REFRESH STREAMING TABLE silver AS SELECT * FROM stream(live.bronze)\n",
                  to: bundle.appendingPathComponent("dlt/silver.sql"))
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "notebooks"], in: bundle)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let typo = try dabrepo(["generate", "notebooks", "notebooks/etl/nope.py"], in: bundle, environment: ["DATABRICKS_HOST": nil, "DATABRICKS_TOKEN": nil])
        XCTAssertNotEqual(typo.status, 0, typo.stdout + typo.stderr)
        XCTAssertTrue(typo.stderr.contains("notebooks/etl/nope.py is no file here"), typo.stderr)
        XCTAssertFalse(typo.stderr.contains("workspace configured"), typo.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)

        let made = try dabrepo(["generate", "notebooks", "notebooks/etl"], in: bundle)
        XCTAssertEqual(made.status, 0, made.stdout + made.stderr)
        XCTAssertTrue(made.stdout.contains("from 2 notebooks"), made.stdout)
        let job = try read(bundle.appendingPathComponent("resources/etl.job.yml"))
        XCTAssertTrue(job.contains("ingest.py") && job.contains("report.py"), job)

        let pipeline = try dabrepo(["generate", "notebooks", "dlt/silver.sql", "--key", "streaming"], in: bundle)
        XCTAssertEqual(pipeline.status, 0, pipeline.stdout + pipeline.stderr)
        let written = try String(contentsOf: bundle.appendingPathComponent("resources/streaming.job.yml"), encoding: .utf8)
        XCTAssertTrue(written.contains("pipeline_task:") && !written.contains("notebook_task:"), written)

        let empty = bundle.appendingPathComponent("docs")
        try write("notes\n", to: empty.appendingPathComponent("README.md"))
        let none = try dabrepo(["generate", "notebooks", "docs"], in: bundle)
        XCTAssertEqual(none.status, 1, none.stdout + none.stderr)
        XCTAssertTrue(none.stderr.contains("docs holds no notebooks"), none.stderr)
    }

    /// Plain .py and .sql files (no notebook header) became notebook tasks, and generate's own validation
    /// refused them: a Python file named alone runs as a script, a folder's plain modules are left out,
    /// a plain SQL file is refused with what to do, and nothing is committed then.
    func testPlainSourceFilesAreNoNotebookTasks() throws {
        let bundle = try initBundle("plain", template: "empty")
        try FileManager.default.createDirectory(at: bundle.appendingPathComponent("src/etl"), withIntermediateDirectories: true)
        try write("# Databricks notebook source\nimport helpers\nprint('ingest')\n", to: bundle.appendingPathComponent("src/etl/ingest.py"))
        try write("def clean(x):\n    return x\n", to: bundle.appendingPathComponent("src/etl/helpers.py"))
        try write("import sys\nprint(sys.argv)\n", to: bundle.appendingPathComponent("src/main.py"))
        try write("SELECT 1\n", to: bundle.appendingPathComponent("src/q.sql"))
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "sources"], in: bundle)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)

        let sql = try dabrepo(["generate", "notebooks", "src/main.py", "src/q.sql"], in: bundle)
        XCTAssertEqual(sql.status, 1, sql.stdout + sql.stderr)
        XCTAssertTrue(sql.stderr.contains("src/q.sql is a SQL file, not a notebook"), sql.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)

        let script = try dabrepo(["generate", "notebooks", "src/main.py", "src/etl/ingest.py", "--key", "runner"], in: bundle)
        XCTAssertEqual(script.status, 0, script.stdout + script.stderr)
        XCTAssertTrue(script.stdout.contains("runs as a Python script"), script.stdout)
        let job = try read(bundle.appendingPathComponent("resources/runner.job.yml"))
        XCTAssertTrue(job.contains("spark_python_task:\n") && job.contains("python_file: ../src/main.py"), job)
        XCTAssertTrue(job.contains("notebook_path: ../src/etl/ingest.py"), job)

        let folder = try dabrepo(["generate", "notebooks", "src/etl"], in: bundle)
        XCTAssertEqual(folder.status, 0, folder.stdout + folder.stderr)
        XCTAssertTrue(folder.stdout.contains("Left out src/etl/helpers.py"), folder.stdout)
        let etl = try read(bundle.appendingPathComponent("resources/etl.job.yml"))
        XCTAssertFalse(etl.contains("helpers"), etl)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testIncludeIsAddedWhenMissingAndBadJSONIsRefused() throws {
        let bundle = workspace.url.appendingPathComponent("plain")
        try workspace.write(["plain/databricks.yml": "bundle:\n  name: plain\n\ntargets:\n  dev:\n    default: true\n"])
        try git(["init", "-q", "-b", "main"], in: bundle)
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "plain"], in: bundle)
        let result = try dabrepo(["generate", "job", "--from-json", json.path], in: bundle)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(try read(bundle.appendingPathComponent("databricks.yml")).hasSuffix("    default: true\ninclude:\n  - resources/*.yml\n"))
        try workspace.write(["bad.json": "{\"runs\": []}"])
        let bad = try dabrepo(["generate", "job", "--from-json", workspace.url.appendingPathComponent("bad.json").path], in: bundle)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("no job settings"), bad.stderr)
    }
}
