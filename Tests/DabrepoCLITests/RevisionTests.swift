import Foundation
import TestSupport
import XCTest

final class RevisionTests: RepositoryTestCase {
    func testApplyCommitsAnExplainedRevisionOfOnlyTheTouchedFiles() throws {
        let bundle = try initBundle()
        let notebook = bundle.appendingPathComponent("src/notebook.py")
        try write(try read(notebook) + "# my own edit\n", to: notebook)
        let token = "dapi" + String(repeating: "9a8b7c6d", count: 4)
        let document = try editDocument(timeout: 7200, extra: ["request": "set the timeout to 7200 seconds, my token is \(token)"])
        let result = try dabrepo(["apply", document.path], in: bundle)
        XCTAssertEqual(result.status, 0, result.stderr)
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        XCTAssertEqual(message, """
        Give nightly_etl_job 7200 seconds

        Transcript:
        user: set the timeout to 7200 seconds, my token is dapi[REDACTED]
        dabrepo: Set timeout_seconds to 7200 on job nightly_etl_job.

        Changes:
        - resources.jobs.nightly_etl_job.schedule: {quartz_cron_expression: 0 0 2 * * ?, timezone_id: Europe/Berlin}
        - resources.jobs.nightly_etl_job.email_notifications: {on_failure: [data-team@example.com]}
        - resources.jobs.nightly_etl_job.job_clusters: [{job_cluster_key: job_cluster, new_cluster: {3 fields}}]
        - resources.jobs.nightly_etl_job.tasks[notebook_task].job_cluster_key: job_cluster
        - resources.jobs.nightly_etl_job.tasks[notebook_task].notebook_task.base_parameters: {catalog: ${var.catalog}}
        + resources.jobs.nightly_etl_job.timeout_seconds: 7200

        Validation: OK (targets dev, prod)

        Dabrepo-Session: 3f2a91
        Dabrepo-Agent: test-agent
        """)
        XCTAssertEqual(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle), "resources/nightly_etl.job.yml")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "M src/notebook.py", "other dirty files are left alone")
        XCTAssertTrue(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("timeout_seconds: 7200"))
    }

    func testInvalidRevisionChangesNothing() throws {
        let bundle = try initBundle()
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        let before = try Data(contentsOf: job)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let document = try editDocument(timeout: 60, extra: ["files": ["resources/nightly_etl.job.yml": "resources:\n  jobs:\n    nightly_etl_job:\n      tasks:\n        - task_key: a\n          depends_on:\n            - task_key: b\n          notebook_task:\n            notebook_path: ../src/notebook.py\n"]])
        let result = try dabrepo(["apply", document.path], in: bundle)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("depends on b, which is not a task of the job"), result.stderr)
        XCTAssertTrue(result.stderr.contains("nothing was changed"), result.stderr)
        XCTAssertEqual(try Data(contentsOf: job), before)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testDirtyFilesAreRefusedUnlessIncludeDirty() throws {
        let bundle = try initBundle()
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        try write(try read(job) + "# my note\n", to: job)
        let document = try editDocument(timeout: 300)
        let refused = try dabrepo(["apply", document.path], in: bundle)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("uncommitted changes in resources/nightly_etl.job.yml"), refused.stderr)
        XCTAssertTrue(try read(job).hasSuffix("# my note\n"))
        let accepted = try dabrepo(["apply", document.path, "--include-dirty"], in: bundle)
        XCTAssertEqual(accepted.status, 0, accepted.stderr)
        XCTAssertEqual(try gitOutput(["log", "--format=%s"], in: bundle).split(separator: "\n").map(String.init), [
            "Give nightly_etl_job 300 seconds",
            "Save uncommitted edits of resources/nightly_etl.job.yml",
            "Initialize bundle nightly_etl from template default-python",
        ])
        XCTAssertTrue(try gitOutput(["show", "HEAD~1:resources/nightly_etl.job.yml"], in: bundle).hasSuffix("# my note"))
    }

    /// A configuration file the bundle's `include` does not list is committed, and that its resources are not part of
    /// the bundle is said (it passed as "Validation OK" without a word).
    func testApplyOfAFileTheBundleDoesNotIncludeSaysSo() throws {
        let bundle = try initBundle()
        let extra = "resources:\n  jobs:\n    x:\n      name: x\n      tasks:\n        - task_key: t\n          notebook_task:\n            notebook_path: ../src/notebook.py\n"
        let applied = try dabrepo(["apply", try editDocument(timeout: 300, extra: ["files": ["other/extra.yml": extra]]).path], in: bundle)
        XCTAssertEqual(applied.status, 0, applied.stdout + applied.stderr)
        XCTAssertTrue((applied.stdout + applied.stderr).contains("other/extra.yml is not included by the bundle"), applied.stdout + applied.stderr)
        let included = try dabrepo(["apply", try editDocument(timeout: 300, extra: ["files": ["resources/extra.yml": extra]]).path], in: bundle)
        XCTAssertFalse((included.stdout + included.stderr).contains("not included"), included.stdout)
    }

    /// With --include-dirty, a token in the user's own uncommitted edits is refused too (trial of 2026-12-08: it went
    /// into the "Save uncommitted edits" commit unchecked), and nothing is committed.
    func testIncludeDirtyRefusesASecretInTheUsersEdits() throws {
        let bundle = try initBundle()
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        let token = "dapi" + String(repeating: "0123456789abcdef", count: 2) + "55"
        try write(try read(job) + "# token \(token)\n", to: job)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let refused = try dabrepo(["apply", try editDocument(timeout: 300).path, "--include-dirty"], in: bundle)
        XCTAssertNotEqual(refused.status, 0, refused.stdout + refused.stderr)
        XCTAssertTrue(refused.stderr.contains("uncommitted edits of resources/nightly_etl.job.yml hold a literal secret"), refused.stderr)
        XCTAssertFalse((refused.stdout + refused.stderr).contains(token))
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertTrue(try read(job).hasSuffix("# token \(token)\n"))
    }

    /// With --include-dirty, a revision that is then refused (it breaks the bundle) left the commit
    /// "Save uncommitted edits of …" behind; the user's edits stay uncommitted, HEAD where it was.
    func testARefusedRevisionWithIncludeDirtyCommitsNothing() throws {
        let bundle = try initBundle()
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        try write(try read(job) + "# my note\n", to: job)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let broken = try editDocument(timeout: 60, extra: ["files": ["resources/nightly_etl.job.yml": "resources:\n  jobs:\n    nightly_etl_job:\n      tasks: [oops\n"]])
        let refused = try dabrepo(["apply", broken.path, "--include-dirty", "-o", "json"], in: bundle)
        XCTAssertEqual(refused.status, 1, refused.stdout + refused.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertTrue(try read(job).hasSuffix("# my note\n"))
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "M resources/nightly_etl.job.yml")
    }

    /// An edit hidden from git's status with skip-worktree (or assume-unchanged) went into the revision
    /// and lost its flag: it is an uncommitted edit like any other.
    func testEditsHiddenFromStatusAreUncommittedEdits() throws {
        for flag in ["--skip-worktree", "--assume-unchanged"] {
            let name = "hidden\(flag.count)"
            let bundle = try initBundle(name)
            let job = bundle.appendingPathComponent("resources/\(name).job.yml")
            try write(try read(job) + "# hidden\n", to: job)
            try git(["update-index", flag, "resources/\(name).job.yml"], in: bundle)
            let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
            let refused = try dabrepo(["refine", "set the timeout to 2 hours", "--yes"], in: bundle)
            XCTAssertEqual(refused.status, 2, flag + ": " + refused.stdout + refused.stderr)
            XCTAssertTrue(refused.stderr.contains("uncommitted changes"), refused.stderr)
            XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
            XCTAssertTrue(try read(job).hasSuffix("# hidden\n"))
        }
    }

    /// `undo` wrote over an edit hidden from git's status (skip-worktree, assume-unchanged) of a file the
    /// revision changed, and said "Undid": it is refused, as for any uncommitted edit, and the edit stays.
    func testUndoKeepsEditsHiddenFromStatus() throws {
        for flag in ["--skip-worktree", "--assume-unchanged"] {
            let name = "undohidden\(flag.count)"
            let bundle = try initBundle(name)
            let job = bundle.appendingPathComponent("resources/\(name).job.yml")
            let made = try dabrepo(["refine", "set the timeout to 2 hours", "--yes"], in: bundle)
            XCTAssertEqual(made.status, 0, made.stdout + made.stderr)
            try write("# MY UNCOMMITTED NOTE\n" + (try read(job)), to: job)
            try git(["update-index", flag, "resources/\(name).job.yml"], in: bundle)
            let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
            let refused = try dabrepo(["undo"], in: bundle)
            XCTAssertNotEqual(refused.status, 0, flag + ": " + refused.stdout + refused.stderr)
            XCTAssertTrue(refused.stderr.contains("uncommitted") && refused.stderr.contains("resources/\(name).job.yml"), refused.stderr)
            XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
            XCTAssertTrue(try read(job).hasPrefix("# MY UNCOMMITTED NOTE\n"))
            // The advice, followed, undoes and keeps the edit (the combined update-index cleared one flag only).
            let path = "resources/\(name).job.yml"
            XCTAssertTrue(refused.stderr.contains("git update-index --no-skip-worktree \(path) && git update-index --no-assume-unchanged \(path)"), refused.stderr)
            try git(["update-index", "--no-skip-worktree", path], in: bundle)
            try git(["update-index", "--no-assume-unchanged", path], in: bundle)
            XCTAssertEqual(try git(["stash", "--include-untracked"], in: bundle).status, 0)
            let undone = try dabrepo(["undo"], in: bundle)
            XCTAssertEqual(undone.status, 0, undone.stdout + undone.stderr)
            XCTAssertEqual(try git(["stash", "pop"], in: bundle).status, 0)
            XCTAssertTrue(try read(job).contains("# MY UNCOMMITTED NOTE\n"))
        }
    }

    /// A document of the wrong shape is said in JSON's words ("should be a Dictionary<String, Any>"
    /// before), and one that names no file says so (not "Nothing to change:  already have …").
    func testDocumentsOfTheWrongShapeAreSaidInJSONWords() throws {
        let bundle = try initBundle()
        let list = try CommandRunner.dabrepo(["apply", "-"], in: bundle, environment: environment, stdin: Data("[]".utf8))
        XCTAssertEqual(list.status, 2)
        XCTAssertTrue(list.stderr.contains("the document should be a JSON object ({…})"), list.stderr)
        let none = try CommandRunner.dabrepo(["apply", "-"], in: bundle, environment: environment, stdin: Data(#"{"subject": "x", "files": {}}"#.utf8))
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertTrue(none.stdout.contains("the document names no files"), none.stdout)
    }

    /// A revision on a detached HEAD was committed without a word; it is said, with how to keep it.
    func testARevisionOnADetachedHeadSaysSo() throws {
        let bundle = try initBundle()
        try git(["checkout", "-q", "--detach", "HEAD"], in: bundle)
        let result = try dabrepo(["refine", "set the timeout to 2 hours", "--yes"], in: bundle)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("HEAD is detached") && result.stderr.contains("git switch -c"), result.stderr)
        try git(["switch", "-q", "-c", "kept"], in: bundle)
        let again = try dabrepo(["refine", "set the timeout to 3 hours", "--yes"], in: bundle)
        XCTAssertFalse(again.stderr.contains("HEAD is detached"), again.stderr)
    }

    /// A folder of the bundle that is a symbolic link to somewhere else: a revision wrote the new file
    /// there, outside the repository, and committed the link replaced by a folder.
    func testARevisionDoesNotWriteThroughASymbolicLink() throws {
        let bundle = try initBundle()
        let elsewhere = workspace.url.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bundle.appendingPathComponent("resources/ext").path, withDestinationPath: elsewhere.path)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let document = try editDocument(timeout: 60, extra: ["files": ["resources/ext/evil.job.yml": "resources:\n  jobs:\n    evil:\n      name: evil\n"]])
        let refused = try dabrepo(["apply", document.path], in: bundle)
        XCTAssertEqual(refused.status, 2, refused.stdout + refused.stderr)
        XCTAssertTrue(refused.stderr.contains("resources/ext is a symbolic link"), refused.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path), [])
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
    }

    func testALiveLockMakesARevisionWaitAndADeadOneIsTakenOver() throws {
        let bundle = try initBundle()
        let lock = bundle.appendingPathComponent(".git/dabrepo.lock")
        // This process holds the lock, as a running dabrepo would.
        let fd = open(lock.path, O_CREAT | O_RDWR, 0o644)
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        let pid = "\(ProcessInfo.processInfo.processIdentifier)\n"
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
        var waiting = environment
        waiting["DABREPO_LOCK_TIMEOUT"] = "0.5"
        let blocked = try CommandRunner.dabrepo(["apply", try editDocument(timeout: 120).path], in: bundle, environment: waiting)
        XCTAssertEqual(blocked.status, 2)
        XCTAssertTrue(blocked.stderr.contains("waiting for another dabrepo process (pid \(ProcessInfo.processInfo.processIdentifier))"), blocked.stderr)
        XCTAssertTrue(blocked.stderr.contains("DABREPO_LOCK_TIMEOUT"), blocked.stderr)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "1")
        // The holder goes away (as a killed process does): its pid stays in the file, the lock does not.
        close(fd)
        let dead = open(lock.path, O_RDWR | O_TRUNC)
        _ = "999999\n".withCString { pwrite(dead, $0, strlen($0), 0) }
        close(dead)
        let recovered = try dabrepo(["apply", try editDocument(timeout: 120).path], in: bundle)
        XCTAssertEqual(recovered.status, 0, recovered.stderr)
        XCTAssertFalse(recovered.stderr.contains("waiting"), recovered.stderr)
        let again = open(lock.path, O_RDWR)
        XCTAssertEqual(flock(again, LOCK_EX | LOCK_NB), 0, "the lock is released after the revision")
        close(again)
    }

    func testLogShowAndUndo() throws {
        let bundle = try initBundle()
        XCTAssertEqual(try dabrepo(["apply", try editDocument(timeout: 900).path], in: bundle).status, 0)
        let log = try dabrepo(["log", "-n", "5"], in: bundle)
        XCTAssertEqual(log.status, 0)
        XCTAssertTrue(log.stdout.contains("    Give nightly_etl_job 900 seconds\n    > set the timeout to 900 seconds\n"), log.stdout)
        let json = try dabrepo(["log", "--output", "json"], in: bundle)
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(items[0]["requests"] as? [String], ["set the timeout to 900 seconds"])
        XCTAssertEqual(items[0]["agent"] as? String, "test-agent")
        XCTAssertEqual(items[1]["revision"] as? Bool, false)
        // git's spellings of the count.
        for spelling in [["-n1"], ["-1"], ["--max-count", "1"], ["--max-count=1"]] {
            let one = try dabrepo(["log", "-o", "json"] + spelling, in: bundle)
            XCTAssertEqual(one.status, 0, "\(spelling): " + one.stderr)
            XCTAssertEqual((try? JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [Any])?.count, 1, "\(spelling): " + one.stdout)
        }
        let show = try dabrepo(["show"], in: bundle)
        XCTAssertTrue(show.stdout.contains("    Dabrepo-Agent: test-agent"), show.stdout)
        XCTAssertTrue(show.stdout.contains("    + timeout_seconds: 900\n"), show.stdout)
        XCTAssertTrue(try dabrepo(["show", "--patch"], in: bundle).stdout.contains("+      timeout_seconds: 900"))

        let undo = try dabrepo(["undo"], in: bundle)
        XCTAssertEqual(undo.status, 0, undo.stderr)
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Undo \"Give nightly_etl_job 900 seconds\"")
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%B"], in: bundle).contains("This reverts commit"))
        // Its changes field by field, the revision's turned round (the file's name alone said little).
        let revisionChanges = try gitOutput(["log", "-1", "--skip", "1", "--format=%B"], in: bundle)
        let undoMessage = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        if let added = revisionChanges.split(separator: "\n").first(where: { $0.hasPrefix("+ ") && $0.contains("timeout_seconds") }) {
            XCTAssertTrue(undoMessage.contains("- " + added.dropFirst(2)), undoMessage)
        } else {
            XCTAssertTrue(undoMessage.contains("~ resources/nightly_etl.job.yml"), undoMessage)
        }
        XCTAssertFalse(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("timeout_seconds"))
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "3", "history is never rewritten")

        try git(["commit", "-q", "--allow-empty", "-m", "a commit of my own"], in: bundle)
        let refused = try dabrepo(["undo"], in: bundle)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("is not a dabrepo revision"), refused.stderr)
        XCTAssertFalse(refused.stderr.contains("git revert"), "the revision below is undone already: \(refused.stderr)")
        // A revision below a commit of the user's: how to revert it is said.
        let edit = try editDocument(timeout: 600)
        XCTAssertEqual(try dabrepo(["apply", edit.path], in: bundle).status, 0)
        let revision = try gitOutput(["rev-parse", "--short", "HEAD"], in: bundle)
        try git(["commit", "-q", "--allow-empty", "-m", "docs: readme"], in: bundle)
        let hinted = try dabrepo(["undo"], in: bundle)
        XCTAssertEqual(hinted.status, 2)
        XCTAssertTrue(hinted.stderr.contains("undo reverts only the latest change; to revert the dabrepo revision below it (\(revision)"), hinted.stderr)
        XCTAssertTrue(hinted.stderr.contains("run git revert \(revision)"), hinted.stderr)
    }

    /// The undo of a revision that added a file says it removes it ("- src/helper.py"; it said "~").
    func testTheUndoOfAnAddedFileSaysItGoes() throws {
        let bundle = try initBundle()
        let document = workspace.url.appendingPathComponent("helper.json")
        try JSONSerialization.data(withJSONObject: ["subject": "Add a helper", "files": ["src/helper.py": "print('help')\n"]]).write(to: document)
        let applied = try dabrepo(["apply", document.path], in: bundle)
        XCTAssertEqual(applied.status, 0, applied.stdout + applied.stderr)
        XCTAssertEqual(try dabrepo(["undo"], in: bundle).status, 0)
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        XCTAssertTrue(message.contains("- src/helper.py"), message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: bundle.appendingPathComponent("src/helper.py").path))
    }

    /// Undo with the user's staged and unstaged edits in other files: the undo lands, their edits stay
    /// as they were (staged ones staged, out of the undo commit). It once refused ("1 uncommitted change
    /// would be overwritten by merge").
    func testUndoKeepsStagedEditsOfOtherFiles() throws {
        let bundle = try initBundle()
        XCTAssertEqual(try dabrepo(["refine", "set the timeout to 2 hours"], in: bundle).status, 0)
        let notebook = bundle.appendingPathComponent("src/notebook.py")
        try write(try read(notebook) + "# staged edit\n", to: notebook)
        try git(["add", "src/notebook.py"], in: bundle)
        try write(try read(notebook) + "# unstaged edit\n", to: notebook)
        let undo = try dabrepo(["undo"], in: bundle)
        XCTAssertEqual(undo.status, 0, undo.stdout + undo.stderr)
        XCTAssertEqual(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle), "resources/nightly_etl.job.yml")
        XCTAssertFalse(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("7200"))
        XCTAssertEqual(try gitOutput(["diff", "--cached", "--name-only"], in: bundle), "src/notebook.py", "still staged")
        XCTAssertTrue(try read(notebook).hasSuffix("# staged edit\n# unstaged edit\n"))
        XCTAssertTrue(try gitOutput(["diff", "--cached"], in: bundle).contains("+# staged edit"))
        XCTAssertFalse(try gitOutput(["diff", "--cached"], in: bundle).contains("unstaged"))
    }

    /// A merge of the user's in progress: refine and undo refuse (a single-parent commit would drop it),
    /// and change nothing.
    func testAMergeInProgressIsRefused() throws {
        let bundle = try initBundle()
        XCTAssertEqual(try dabrepo(["refine", "set the timeout to 2 hours"], in: bundle).status, 0)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        try write(head + "\n", to: bundle.appendingPathComponent(".git/MERGE_HEAD"))
        for arguments in [["refine", "allow 3 concurrent runs"], ["undo"]] {
            let result = try dabrepo(arguments, in: bundle)
            XCTAssertNotEqual(result.status, 0, result.stdout)
            XCTAssertTrue(result.stderr.contains("a merge is in progress"), result.stderr)
            XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
            XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        }
    }

    /// The commit holds HEAD's version of the files a revision does not touch: a change that validates
    /// only with another file's uncommitted edits is refused (it committed an invalid bundle marked
    /// "Validation: OK"), and nothing changes.
    func testARevisionThatNeedsUncommittedEditsOfAnotherFileIsRefused() throws {
        let bundle = try initBundle()
        let root = bundle.appendingPathComponent("databricks.yml")
        let edited = try read(root).replacingOccurrences(of: "variables:\n  catalog:", with: "variables:\n  schema:\n    default: sales\n  catalog:")
        try write(edited, to: root)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let document = workspace.url.appendingPathComponent("edit.json")
        try write(#"{"subject": "Use the schema variable", "edits": [{"op": "set", "path": "resources.jobs.nightly_etl_job.tasks[task_key=notebook_task].notebook_task.base_parameters.schema", "value": "${var.schema}"}]}"#, to: document)
        let refused = try dabrepo(["edit", document.path], in: bundle)
        XCTAssertNotEqual(refused.status, 0, refused.stdout)
        XCTAssertTrue(refused.stderr.contains("relies on uncommitted edits of databricks.yml"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("${var.schema}"), refused.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertEqual(try read(root), edited, "the user's edits stay")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "M databricks.yml")

        // Committed first, the same change is a revision.
        try git(["commit", "-qam", "Add the schema variable"], in: bundle)
        let committed = try dabrepo(["edit", document.path], in: bundle)
        XCTAssertEqual(committed.status, 0, committed.stderr)
    }

    /// The commit message's validation line describes the bundle as committed: an uncommitted error in
    /// a file the revision does not touch is not committed, so it is not "an error the bundle had before".
    func testTheValidationLineDescribesTheCommitNotTheWorkingTree() throws {
        let bundle = try initBundle()
        let root = bundle.appendingPathComponent("databricks.yml")
        let edited = try read(root).replacingOccurrences(of: "    default: main\n", with: "    default: ${var.not_declared}\n")
        try write(edited, to: root)
        XCTAssertEqual(try dabrepo(["validate"], in: bundle).status, 1, "the working tree has an error")
        let document = workspace.url.appendingPathComponent("edit.json")
        try write(#"{"subject": "Two runs at once", "edits": [{"op": "set", "path": "resources.jobs.nightly_etl_job.max_concurrent_runs", "value": 2}]}"#, to: document)
        let committed = try dabrepo(["edit", document.path], in: bundle)
        XCTAssertEqual(committed.status, 0, committed.stderr)
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        XCTAssertTrue(message.contains("Validation: OK (targets dev, prod)"), message)
        XCTAssertEqual(try read(root), edited, "the user's edit stays uncommitted")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "M databricks.yml")
    }

    /// The other way round: the committed bundle has an error that an uncommitted edit of another file
    /// mends. The terminal said "Validation OK!" of the working tree while the commit kept the error.
    func testTheResultDescribesTheCommitNotTheWorkingTree() throws {
        let bundle = try initBundle()
        let root = bundle.appendingPathComponent("databricks.yml")
        let original = try read(root)
        try write(original.replacingOccurrences(of: "    default: main\n", with: "    default: ${var.not_declared}\n"), to: root)
        try git(["commit", "--no-verify", "-qam", "An error"], in: bundle)
        try write(original, to: root)
        let document = workspace.url.appendingPathComponent("edit.json")
        try write(#"{"subject": "Two runs at once", "edits": [{"op": "set", "path": "resources.jobs.nightly_etl_job.max_concurrent_runs", "value": 2}]}"#, to: document)
        let committed = try dabrepo(["edit", document.path], in: bundle)
        XCTAssertEqual(committed.status, 0, committed.stderr)
        XCTAssertFalse(committed.stdout.contains("Validation OK!"), committed.stdout)
        XCTAssertTrue(committed.stdout.contains("it had before, none new"), committed.stdout)
        XCTAssertEqual(try read(root), original, "the user's fix stays uncommitted")
    }

    /// `log` and `diff` look in DATABRICKS_BUNDLE_ROOT's bundle, as validate and refine do.
    func testTheHistoryOfTheBundleRootFromTheEnvironment() throws {
        let bundle = try initBundle()
        let log = try dabrepo(["log", "-o", "json"], in: workspace.url, environment: ["DATABRICKS_BUNDLE_ROOT": bundle.path])
        XCTAssertEqual(log.status, 0, log.stdout + log.stderr)
        XCTAssertTrue(log.stdout.hasPrefix("["), log.stdout)
    }

    /// A configuration file that does not parse is named with its line, not read as a bundle without
    /// it ("this bundle defines no job").
    func testRefineOnABundleWithABrokenFileSaysWhere() throws {
        let bundle = try initBundle()
        let root = bundle.appendingPathComponent("databricks.yml")
        let broken = try read(root).replacingOccurrences(of: "bundle:\n", with: "bundle:\n  tags: [a, b\n")
        try write(broken, to: root)
        let result = try dabrepo(["refine", "pause the schedule"], in: bundle)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("the bundle cannot be read") && result.stderr.contains("databricks.yml:"), result.stderr)
        XCTAssertFalse((result.stdout + result.stderr).contains("defines no job"), result.stdout)
        XCTAssertEqual(try read(root), broken)
    }

    /// Undoing again steps back one revision at a time, as in an editor (it used to undo the undo, and
    /// a third undo brought the last change back).
    func testUndoingAgainStepsFurtherBack() throws {
        let bundle = try initBundle()
        let start = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        var subjects: [String] = []
        for timeout in [900, 1800, 2700] {
            XCTAssertEqual(try dabrepo(["apply", try editDocument(timeout: timeout).path], in: bundle).status, 0)
            subjects.append(try gitOutput(["log", "-1", "--format=%s"], in: bundle))
        }
        for subject in subjects.reversed() {
            let undo = try dabrepo(["undo", "-o", "json"], in: bundle)
            XCTAssertEqual(undo.status, 0, undo.stderr)
            let result = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(undo.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(result["undone_subject"] as? String, subject, undo.stdout)
        }
        XCTAssertEqual(try gitOutput(["diff", "--stat", start, "HEAD"], in: bundle), "", "three undos of three revisions give the first tree back")
        let nothing = try dabrepo(["undo"], in: bundle)
        XCTAssertEqual(nothing.status, 2)
        XCTAssertTrue(nothing.stderr.contains("is undone"), nothing.stderr)
        XCTAssertEqual(try gitOutput(["diff", "--stat", start, "HEAD"], in: bundle), "")
    }
}
