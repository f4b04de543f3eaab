import BundleEngine
import BundleGeneration
import BundleRepository
import Foundation
import TestSupport
import Workspace
import WorkspaceOperations
import XCTest

/// The engine's workspace operations in process, against the fake workspace on 127.0.0.1: what they
/// commit, report as progress and refuse, with no dabrepo process in between.
final class WorkspaceOperationsTests: XCTestCase {
    static let author = "Test Author <test@example.com>"
    static let folder = "/Workspace/Users/ana@example.com/etl"
    var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
    }

    /// A default-python bundle named demo in a fresh git repository, committed.
    func makeBundle(_ name: String = "demo") throws -> URL {
        let root = directory.url.appendingPathComponent(name)
        _ = try BundleInitializer(directory: root, authorOverride: Self.author, executablePath: "/bin/true").run()
        return root
    }

    func fake(_ state: [String: Any]) throws -> FakeWorkspaceServer {
        try FakeWorkspaceServer(state: ["jobs": [], "notebooks": [:]].merging(state) { $1 }, directory: directory.url)
    }

    func connect(_ fake: FakeWorkspaceServer) -> WorkspaceConnection.Connect {
        WorkspaceConnection.connect(profile: nil, environment: ["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1", "HOME": directory.path])
    }

    func head(_ root: URL) throws -> String? {
        try GitRepository.open(containing: root.path).headCommitID()?.description
    }

    final class Steps: @unchecked Sendable {
        let lock = NSLock()
        var items: [OperationProgress] = []
        var handler: ProgressHandler { { step in self.lock.lock(); self.items.append(step); self.lock.unlock() } }
    }

    func testSyncCommitsTheChangedFilesWithProgressThenNothing() throws {
        let root = try makeBundle()
        let server = try fake(["notebooks": [
            "\(Self.folder)/ingest": ["content": "# Databricks notebook source\nprint('v1')\n", "language": "PYTHON"],
            "\(Self.folder)/conf/settings.json": ["content": "{\"a\": 1}\n", "object_type": "FILE"],
        ]])
        let steps = Steps()
        let request = WorkspaceSync.Request(root: root, workspaceFolder: Self.folder, author: Self.author)
        let first = try WorkspaceSync(connect: connect(server)).run(request, progress: steps.handler)
        XCTAssertEqual(first.status, .committed, first.message)
        XCTAssertEqual(first.changed, ["src/conf/settings.json", "src/ingest.py"])
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("src/ingest.py"), encoding: .utf8), "# Databricks notebook source\nprint('v1')\n")
        let commit = try XCTUnwrap(first.commit)
        XCTAssertEqual(try head(root)?.hasPrefix(commit), true, "the result names the new HEAD")
        // One step per downloaded file, counted up to the total.
        XCTAssertEqual(steps.items.count, 2)
        XCTAssertEqual(steps.items.last.map { if case .transfer(_, let done, let total, _) = $0 { return [done, total] } else { return [] } }, [2, 2])

        let before = try head(root)
        let again = try WorkspaceSync(connect: connect(server)).run(request)
        XCTAssertEqual(again.status, .unchanged)
        XCTAssertNil(again.commit)
        XCTAssertEqual(try head(root), before, "nothing changed: no commit")
        // The JSON front ends print: the same keys as ever, null for no commit.
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: EngineJSON.data(again)) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["status", "changed", "skipped", "commit"])
        XCTAssertTrue(json["commit"] is NSNull)
    }

    func testSyncOutsideTheBundleIsRefusedBeforeConnecting() throws {
        let root = try makeBundle()
        let request = WorkspaceSync.Request(root: root, workspaceFolder: Self.folder, localFolder: directory.url.appendingPathComponent("elsewhere"))
        XCTAssertThrowsError(try WorkspaceSync(connect: { () throws(EngineError) in
            XCTFail("connected for a request that cannot be done")
            throw EngineError(.internal, "unreachable")
        }).run(request)) { error in
            XCTAssertEqual((error as? EngineError)?.kind, .usage)
            XCTAssertTrue("\(error)".contains("outside the bundle"), "\(error)")
        }
    }

    func testGenerateJobDownloadsItsNotebooksThenKnowsItHasTheJob() throws {
        let root = try makeBundle()
        let server = try fake([
            "jobs": [["job_id": 7, "settings": ["name": "Nightly Sales", "tasks": [
                ["task_key": "ingest", "notebook_task": ["notebook_path": "\(Self.folder)/ingest"]],
                ["task_key": "report", "depends_on": [["task_key": "ingest"]], "notebook_task": ["notebook_path": "\(Self.folder)/report"]],
            ]]]],
            "notebooks": [
                "\(Self.folder)/ingest": ["content": "# Databricks notebook source\nprint(1)\n", "language": "PYTHON"],
                "\(Self.folder)/report": ["content": "-- Databricks notebook source\nSELECT 1\n", "language": "SQL"],
            ],
        ])
        let request = JobGeneration.Request(root: root, origin: .workspace(jobID: 7), author: Self.author)
        let result = try JobGeneration(connect: connect(server)).run(request)
        XCTAssertEqual(result.status, .committed, result.message)
        XCTAssertEqual(result.jobKey, "nightly_sales")
        XCTAssertEqual(result.files, ["resources/nightly_sales.job.yml", "src/ingest.py", "src/report.sql"])
        XCTAssertEqual(result.commit, try head(root))
        let yaml = try String(contentsOf: root.appendingPathComponent("resources/nightly_sales.job.yml"), encoding: .utf8)
        XCTAssertTrue(yaml.contains("notebook_path: ../src/ingest.py"), yaml)

        // The same job again: nothing to commit. Another job under the key: refused, with no flag named.
        let again = try JobGeneration(connect: connect(server)).run(request)
        XCTAssertEqual(again.status, .unchanged)
        let json = Data(#"{"job_id": 8, "settings": {"name": "Nightly Sales", "max_concurrent_runs": 4}}"#.utf8)
        XCTAssertThrowsError(try JobGeneration(connect: connect(server)).run(.init(root: root, origin: .json(json, name: "job.json")))) { error in
            XCTAssertEqual((error as? EngineError)?.kind, .usage)
            XCTAssertTrue("\(error)".contains("already has a job nightly_sales"), "\(error)")
            XCTAssertFalse("\(error)".contains("--"), "a library message names a command-line flag: \(error)")
        }
    }

    /// A notebook named `a+b` beside one named `a b`: its own text (the `+` of the query reached the server as a space,
    /// and the other notebook was committed as it).
    func testANotebookWithAPlusInItsName() throws {
        let root = try makeBundle()
        let server = try fake([
            "jobs": [["job_id": 11, "settings": ["name": "plus job", "tasks": [
                ["task_key": "t", "notebook_task": ["notebook_path": "\(Self.folder)/a+b"]],
            ]]]],
            "notebooks": [
                "\(Self.folder)/a+b": ["content": "# Databricks notebook source\nprint('wanted')\n", "language": "PYTHON"],
                "\(Self.folder)/a b": ["content": "# Databricks notebook source\nprint('OTHER')\n", "language": "PYTHON"],
            ],
        ])
        let result = try JobGeneration(connect: connect(server)).run(.init(root: root, origin: .workspace(jobID: 11), author: Self.author))
        XCTAssertEqual(result.status, .committed, result.message)
        let text = try String(contentsOf: root.appendingPathComponent("src/a+b.py"), encoding: .utf8)
        XCTAssertTrue(text.contains("wanted"), text)
    }

    /// A job's notebook that runs `%run ./common/utils` (and one that runs a notebook since deleted): the
    /// helper comes along, beside it, and the missing one is said (the job failed at run time).
    func testGenerateJobDownloadsTheNotebooksItsNotebooksRun() throws {
        let root = try makeBundle()
        let server = try fake([
            "jobs": [["job_id": 9, "settings": ["name": "Transform", "tasks": [
                ["task_key": "transform", "notebook_task": ["notebook_path": "\(Self.folder)/transform"]],
            ]]]],
            "notebooks": [
                "\(Self.folder)/transform": ["content": "# Databricks notebook source\n# MAGIC %run ./common/utils\n# COMMAND ----------\n# MAGIC %run ../gone\n",
                                            "language": "PYTHON"],
                "\(Self.folder)/common/utils": ["content": "# Databricks notebook source\n# MAGIC %run ./base\n", "language": "PYTHON"],
                "\(Self.folder)/common/base": ["content": "# Databricks notebook source\nx = 1\n", "language": "PYTHON"],
            ],
        ])
        let result = try JobGeneration(connect: connect(server)).run(.init(root: root, origin: .workspace(jobID: 9), author: Self.author))
        XCTAssertEqual(result.status, .committed, result.message)
        XCTAssertEqual(result.files, ["resources/transform.job.yml", "src/common/base.py", "src/common/utils.py", "src/transform.py"])
        let yaml = try String(contentsOf: root.appendingPathComponent("resources/transform.job.yml"), encoding: .utf8)
        XCTAssertTrue(yaml.contains("notebook_path: ../src/transform.py"), yaml)
        XCTAssertFalse(yaml.contains("task_key: utils"), "a notebook run by another is no task: \(yaml)")
        XCTAssertTrue(result.summary.contains("(2 of them %run by the others)"), result.summary)
        let parent = (Self.folder as NSString).deletingLastPathComponent
        XCTAssertTrue(result.summary.contains("Not found in the workspace, though a notebook %runs it: \(parent)/gone"), result.summary)

        // A key that cannot be a key: refused before anything is written.
        XCTAssertThrowsError(try JobGeneration(connect: connect(server)).run(.init(root: try makeBundle("keyed"), origin: .workspace(jobID: 9), key: "bad key!",
                                                                                     author: Self.author))) { error in
            XCTAssertEqual((error as? EngineError)?.kind, .usage)
            XCTAssertTrue("\(error)".contains("use letters, digits, _ and - only (for example bad_key)"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("keyed/resources/bad key!.job.yml").path))

        // So too for notebooks named one by one.
        let other = try makeBundle("other")
        let named = try NotebookJobGeneration(connect: connect(server)).run(.init(root: other, notebooks: .paths(["\(Self.folder)/transform"]),
                                                                                 currentDirectory: other, key: "named", author: Self.author))
        XCTAssertEqual(named.status, .committed, named.message)
        XCTAssertEqual(named.files, ["resources/named.job.yml", "src/common/base.py", "src/common/utils.py", "src/transform.py"])
        XCTAssertTrue(named.summary.contains("%runs it: \(parent)/gone"), named.summary)
    }

    func testNotebooksOfTheBundleNeedNoWorkspace() throws {
        let root = try makeBundle()
        let request = NotebookJobGeneration.Request(root: root, notebooks: .paths(["src/notebook.py"]), currentDirectory: root, key: "local_job", author: Self.author)
        let result = try NotebookJobGeneration(connect: { () throws(EngineError) in throw EngineError(.usage, "no workspace in this test") }).run(request)
        XCTAssertEqual(result.status, .committed, result.message)
        XCTAssertEqual(result.jobKey, "local_job")
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("resources/local_job.job.yml").path))
    }

    func testUploadSendsEveryFileAndADryRunNone() throws {
        let root = try makeBundle()
        let server = try fake(["user": "ana@example.com"])
        let imports = { try server.requests().filter { ($0["path"] as? String) == "/api/2.0/workspace/import" }.count }
        let dry = try BundleUpload(connect: connect(server)).run(.init(root: root, dryRun: true))
        XCTAssertFalse(dry.uploaded)
        XCTAssertEqual(dry.destination, "/Workspace/Users/ana@example.com/.bundle/demo/dev/files")
        XCTAssertTrue(dry.files.contains { $0.local == "src/notebook.py" && $0.kind == "notebook (python)" }, "\(dry.files)")
        XCTAssertEqual(try imports(), 0)

        let steps = Steps()
        let sent = try BundleUpload(connect: connect(server)).run(.init(root: root), progress: steps.handler)
        XCTAssertTrue(sent.uploaded)
        XCTAssertEqual(try imports(), sent.files.count)
        XCTAssertEqual(steps.items.count, sent.files.count, "one progress step per file")
    }

    /// A variable without a default, given as BUNDLE_VAR_catalog or as an assignment: `validate` passed and the
    /// upload was refused ("no value assigned to required variable catalog").
    func testUploadTakesVariablesAsValidateDoes() throws {
        let root = try makeBundle()
        let file = root.appendingPathComponent("databricks.yml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "    default: main\n", with: "").write(to: file, atomically: true, encoding: .utf8)
        let server = try fake(["user": "ana@example.com"])
        XCTAssertThrowsError(try BundleUpload(connect: connect(server)).run(.init(root: root, dryRun: true, environment: [:]))) { error in
            XCTAssertTrue("\(error)".contains("required variable catalog"), "\(error)")
        }
        XCTAssertFalse(try BundleUpload(connect: connect(server)).run(.init(root: root, dryRun: true, environment: ["BUNDLE_VAR_catalog": "main"])).uploaded)
        XCTAssertFalse(try BundleUpload(connect: connect(server)).run(.init(root: root, dryRun: true, variables: ["catalog=main"], environment: [:])).uploaded)
    }

    /// `sync.exclude: [".env", "*.tmp"]` left out the root's .env but uploaded src/.env (a pattern without a slash
    /// matches at any depth, as a gitignore line); a target's `sync.include` of ignored build output was never sent.
    func testUploadFollowsTheSyncPatternsAsTheCLI() throws {
        let root = try makeBundle()
        let file = root.appendingPathComponent("databricks.yml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try (text + "\nsync:\n  exclude:\n    - \"*.tmp\"\n    - .env\n").replacingOccurrences(of: "  dev:\n", with: "  dev:\n    sync:\n      include:\n        - extra/**\n")
            .write(to: file, atomically: true, encoding: .utf8)
        for (path, content) in [".env": "SECRET=1\n", "src/.env": "SECRET=2\n", "src/a.tmp": "x\n", "extra/e.txt": "built\n", ".gitignore": "extra/\n"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        let server = try fake(["user": "ana@example.com"])
        let dry = try BundleUpload(connect: connect(server)).run(.init(root: root, dryRun: true))
        let local = Set(dry.files.map(\.local))
        XCTAssertFalse(local.contains("src/.env"), "\(local.sorted())")
        XCTAssertFalse(local.contains(".env"))
        XCTAssertFalse(local.contains("src/a.tmp"))
        XCTAssertTrue(local.contains("extra/e.txt"), "\(local.sorted())")
        XCTAssertTrue(local.contains("src/notebook.py"))
    }

    func testAnInvalidBundleIsRefusedBeforeConnecting() throws {
        let root = try makeBundle()
        let job = root.appendingPathComponent("resources/demo.job.yml")
        try String(contentsOf: job, encoding: .utf8).replacingOccurrences(of: "num_workers: 2", with: "num_workers: [two")
            .write(to: job, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try BundleUpload(connect: { () throws(EngineError) in
            XCTFail("connected to upload an invalid bundle")
            throw EngineError(.internal, "unreachable")
        }).run(.init(root: root))) { error in
            XCTAssertEqual((error as? EngineError)?.kind, .invalid)
            XCTAssertTrue("\(error)".contains("resources/demo.job.yml:"), "\(error)")
            XCTAssertTrue("\(error)".contains("nothing was uploaded"), "\(error)")
        }
    }

    func testAFollowedRunReportsEachStateAndHowItEnded() throws {
        let server = try fake(["jobs": [["job_id": 7, "settings": ["name": "nightly", "tasks": [["task_key": "t", "notebook_task": ["notebook_path": "/Shared/x"]]]]]]])
        let client = connect(server)
        let steps = Steps()
        let ok = try JobRun(connect: client).run(.init(jobID: 7, parameters: ["run_date": "2026-11-20"], wait: true, pollInterval: 0.01), progress: steps.handler)
        XCTAssertTrue(ok.succeeded)
        XCTAssertEqual(ok.resultState, "SUCCESS")
        XCTAssertEqual(steps.items, [.runStarted(runID: ok.runID, jobID: 7)] + ["PENDING", "RUNNING", "TERMINATED"].map { .runState(runID: ok.runID, jobID: 7, state: $0) })

        let failed = try JobRun(connect: client).run(.init(jobID: 7, parameters: ["fail": "yes"], wait: true, pollInterval: 0.01))
        XCTAssertFalse(failed.succeeded)
        XCTAssertEqual(failed.resultState, "FAILED")
        XCTAssertEqual(failed.stateMessage, "Task ingest failed with message: yes", "why it failed, as the workspace says")
        XCTAssertTrue(failed.message.contains("FAILED: Task ingest failed with message: yes"), failed.message)

        // Not followed: started, nothing more in its JSON.
        let started = try JobRun(connect: client).run(.init(jobID: 7))
        XCTAssertTrue(started.succeeded)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: EngineJSON.data(started)) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["run_id", "job_id"])
        XCTAssertThrowsError(try JobRun(connect: client).run(.init(jobID: 999))) { error in
            XCTAssertEqual((error as? EngineError)?.kind, .notFound, "\(error)")
        }
    }
}
