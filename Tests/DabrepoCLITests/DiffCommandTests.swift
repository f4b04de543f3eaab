import Foundation
import TestSupport
import XCTest

final class DiffCommandTests: RepositoryTestCase {
    var job: URL!

    func setUpBundle() throws -> URL {
        let bundle = try initBundle()
        job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        return bundle
    }

    func replace(_ old: String, _ new: String) throws {
        let text = try read(job)
        XCTAssertTrue(text.contains(old), old)
        try write(text.replacingOccurrences(of: old, with: new), to: job)
    }

    /// A commit that changed only a GitHub workflow was "No changes.": shared hidden files are listed.
    /// At the top of a repository of two bundles, `diff` and `show` said "0 resources changed; also changed:
    /// N other files": each bundle's changed files are compared as its resources, paths from the top.
    func testAtTheTopOfSeveralBundlesEachBundlesResources() throws {
        let repository = workspace.url.appendingPathComponent("mono")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        XCTAssertEqual(try git(["init", "-q"], in: repository).status, 0)
        XCTAssertEqual(try dabrepo(["init", "bundles/etl"], in: repository).status, 0)
        XCTAssertEqual(try dabrepo(["init", "bundles/other", "--template", "empty"], in: repository).status, 0)
        let etl = repository.appendingPathComponent("bundles/etl")
        let changed = try dabrepo(["refine", "set the timeout of the job to 2 hours"], in: etl)
        XCTAssertEqual(changed.status, 0, changed.stdout + changed.stderr)
        for arguments in [["diff", "HEAD~1", "HEAD"], ["show", "HEAD"]] {
            let result = try dabrepo(arguments, in: repository)
            XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
            XCTAssertTrue(result.stdout.contains("~ jobs.etl_job (bundles/etl/resources/etl.job.yml)"), "\(arguments): \(result.stdout)")
            XCTAssertTrue(result.stdout.contains("timeout_seconds"), "\(arguments): \(result.stdout)")
            XCTAssertTrue(result.stdout.contains("1 resource changed"), "\(arguments): \(result.stdout)")
        }
    }

    /// A comment-only edit, and a job moved to another file, were "No changes.": said as no change to the configuration,
    /// with the files whose text changed.
    func testACommentOnlyEditAndAMovedResourceAreSaid() throws {
        let bundle = try setUpBundle()
        try write("# Owned by the data team\n" + (try read(job)), to: job)
        try git(["commit", "-qam", "A comment"], in: bundle)
        let comment = try dabrepo(["diff", "HEAD"], in: bundle)
        XCTAssertEqual(comment.status, 0, comment.stdout + comment.stderr)
        XCTAssertTrue(comment.stdout.contains("No change to the configuration") && comment.stdout.contains("resources/nightly_etl.job.yml"), comment.stdout)
        let moved = bundle.appendingPathComponent("resources/etl.yml")
        try FileManager.default.moveItem(at: job, to: moved)
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "Move the job"], in: bundle)
        let json = try JSONSerialization.jsonObject(with: Data(try dabrepo(["diff", "HEAD", "-o", "json"], in: bundle).stdout.utf8)) as? [String: Any]
        XCTAssertEqual(json?["reworded"] as? [String], ["resources/etl.yml", "resources/nightly_etl.job.yml"])
        XCTAssertTrue(((json?["summary"] as? [String: Any])?["text"] as? String ?? "").hasPrefix("No change to the configuration"))
    }

    /// A secret variable's default and a secret-named job parameter's default: hidden in text and JSON alike (the JSON
    /// showed db_password's value, and neither hid api_key's); a scope's name and a URL stay readable.
    func testSecretsInVariablesAndParametersAreHiddenAlike() throws {
        let bundle = workspace.url.appendingPathComponent("sec")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        try git(["init", "-q"], in: bundle)
        let yaml = """
        bundle: {name: sec}
        variables:
          token_url: {default: https://login.example.com/oauth/token}
          secret_scope: {default: etl-scope}
          db_password: {default: hunter2-old}
        resources:
          jobs:
            sync:
              name: sync
              parameters:
                - {name: api_key, default: abc123oldkey}
              tasks:
                - task_key: t
                  notebook_task: {notebook_path: ./nb.py}

        """
        try write(yaml, to: bundle.appendingPathComponent("databricks.yml"))
        try write("# Databricks notebook source\n", to: bundle.appendingPathComponent("nb.py"))
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "one"], in: bundle)
        try write(yaml.replacingOccurrences(of: "hunter2-old", with: "hunter2-new").replacingOccurrences(of: "abc123oldkey", with: "xyz789newkey")
                      .replacingOccurrences(of: "etl-scope", with: "etl-scope2").replacingOccurrences(of: "login.example.com", with: "login.evil.example"),
                  to: bundle.appendingPathComponent("databricks.yml"))
        try git(["commit", "-qam", "two"], in: bundle)
        for output in ["text", "json"] {
            let shown = try dabrepo(["diff", "HEAD", "-o", output], in: bundle).stdout
            for secret in ["hunter2", "abc123oldkey", "xyz789newkey"] { XCTAssertFalse(shown.contains(secret), "\(output): \(shown)") }
            for visible in ["etl-scope2", "login.evil.example"] { XCTAssertTrue(shown.contains(visible), "\(output): \(shown)") }
        }
    }

    func testAWorkflowChangeIsListed() throws {
        let bundle = try initBundle()
        try FileManager.default.createDirectory(at: bundle.appendingPathComponent(".github/workflows"), withIntermediateDirectories: true)
        try write("on: push\n", to: bundle.appendingPathComponent(".github/workflows/ci.yml"))
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "CI"], in: bundle)
        let shown = try dabrepo(["show", "HEAD"], in: bundle)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.contains("+ .github/workflows/ci.yml"), shown.stdout)
        XCTAssertFalse(shown.stdout.contains("No changes."), shown.stdout)
    }

    func testWorkingTreeStagedRevisionsAndExitCode() throws {
        let bundle = try setUpBundle()
        XCTAssertEqual(try dabrepo(["diff", "--exit-code"], in: bundle).status, 0)
        try replace("num_workers: 2", "num_workers: 1")
        let working = try dabrepo(["diff", "--exit-code"], in: bundle)
        XCTAssertEqual(working.status, 1)
        XCTAssertEqual(working.stdout, """
        ~ jobs.nightly_etl_job (resources/nightly_etl.job.yml)
            ~ job_clusters[job_cluster].new_cluster.num_workers: 2 → 1

        1 resource changed, 0 added, 0 removed

        """)
        XCTAssertEqual(try dabrepo(["diff", "--staged"], in: bundle).stdout, "No changes.\n")
        try git(["add", "-A"], in: bundle)
        XCTAssertTrue(try dabrepo(["diff", "--staged"], in: bundle).stdout.contains("num_workers: 2 → 1"))
        try git(["commit", "-qm", "smaller"], in: bundle)
        let revision = try dabrepo(["diff", "HEAD"], in: bundle)
        XCTAssertTrue(revision.stdout.contains("num_workers: 2 → 1"), revision.stdout)
        let range = try dabrepo(["diff", "HEAD", "HEAD~1"], in: bundle)
        XCTAssertTrue(range.stdout.contains("num_workers: 1 → 2"), range.stdout)
        let first = try dabrepo(["diff", "HEAD~1"], in: bundle)
        XCTAssertTrue(first.stdout.contains("+ jobs.nightly_etl_job (resources/nightly_etl.job.yml)"), first.stdout)
        XCTAssertTrue(first.stdout.contains("+ src/notebook.py"), first.stdout)
    }

    /// A file git ignores (notes, build output) was listed as added and failed `--exit-code`; git's
    /// range syntax (`HEAD~1..HEAD`, `main...HEAD` as CI writes it) was a libgit2 error.
    func testIgnoredFilesAndRanges() throws {
        let bundle = try setUpBundle()
        try write("notes.txt\n", to: bundle.appendingPathComponent(".gitignore"))
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "ignore notes"], in: bundle)
        try write("my notes\n", to: bundle.appendingPathComponent("notes.txt"))
        let ignored = try dabrepo(["diff", "--exit-code"], in: bundle)
        XCTAssertEqual(ignored.status, 0, ignored.stdout)
        XCTAssertFalse(ignored.stdout.contains("notes.txt"), ignored.stdout)
        try write("print(1)\n", to: bundle.appendingPathComponent("src/extra.py"))
        XCTAssertTrue(try dabrepo(["diff"], in: bundle).stdout.contains("+ src/extra.py"))
        try FileManager.default.removeItem(at: bundle.appendingPathComponent("src/extra.py"))

        try git(["checkout", "-qb", "feature"], in: bundle)
        try replace("num_workers: 2", "num_workers: 1")
        try git(["commit", "-qam", "smaller"], in: bundle)
        for range in ["HEAD~1..HEAD", "HEAD~1..", "main...feature", "main...", "master...feature"] {
            let result = try dabrepo(["diff", range], in: bundle)
            if range.hasPrefix("master"), result.status != 0 { continue }
            XCTAssertEqual(result.status, 0, range + ": " + result.stderr)
            XCTAssertTrue(result.stdout.contains("num_workers: 2 → 1"), range + ": " + result.stdout)
        }
    }

    /// A job file with a YAML syntax error is compared as text, with a note where the error is; its jobs
    /// are not reported as removed (they once were, in every format, with exit status 0).
    func testAFileWithASyntaxErrorIsComparedAsText() throws {
        let bundle = try setUpBundle()
        try write(try read(job) + "broken: [\n", to: job)
        let text = try dabrepo(["diff"], in: bundle)
        XCTAssertFalse(text.stdout.contains("- jobs.nightly_etl_job"), text.stdout)
        XCTAssertTrue(text.stdout.contains("~ resources/nightly_etl.job.yml (+1)"), text.stdout)
        XCTAssertTrue(text.stdout.contains("Note: resources/nightly_etl.job.yml:"), text.stdout)
        XCTAssertTrue(text.stdout.contains("YAML syntax error"), text.stdout)
        XCTAssertTrue(text.stdout.contains("0 resources changed, 0 added, 0 removed"), text.stdout)
        let json = try JSONSerialization.jsonObject(with: Data(try dabrepo(["diff", "--output", "json"], in: bundle).stdout.utf8)) as? [String: Any]
        XCTAssertEqual((json?["summary"] as? [String: Any])?["removed"] as? Int, 0)
        XCTAssertEqual((json?["unreadable"] as? [String])?.count, 1)
        // A broken file is not "reworded" (formatting or comments only), which a script would skip.
        XCTAssertEqual(json?["reworded"] as? [String], [])
        let markdown = try dabrepo(["diff", "--output", "markdown"], in: bundle).stdout
        XCTAssertTrue(markdown.contains("**Warning:**"), markdown)
    }

    func testTargetShowsWhatATargetActuallyGets() throws {
        let bundle = try setUpBundle()
        let root = bundle.appendingPathComponent("databricks.yml")
        try write(try read(root).replacingOccurrences(of: "      catalog: prod", with: "      catalog: production"), to: root)
        let dev = try dabrepo(["diff", "--target", "dev"], in: bundle)
        XCTAssertEqual(dev.stdout, "No changes.\n", "a change to prod's override shows nothing for dev")
        let prod = try dabrepo(["diff", "--target", "prod"], in: bundle)
        XCTAssertTrue(prod.stdout.contains("~ tasks[notebook_task].notebook_task.base_parameters.catalog: prod → production"), prod.stdout)
        let plain = try dabrepo(["diff"], in: bundle)
        XCTAssertTrue(plain.stdout.contains("~ target prod (databricks.yml)\n    ~ variables.catalog: prod → production"), plain.stdout)
        // The declaration's default changes, but prod keeps its own value: nothing changes for prod.
        try git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qam", "production"], in: bundle)
        let declared = try read(root)
        try write(declared.replacingOccurrences(of: "    default: main", with: "    default: main_v2"), to: root)
        XCTAssertNotEqual(try read(root), declared, "the fixture declares catalog with default main")
        XCTAssertFalse(try dabrepo(["diff", "--target", "prod"], in: bundle).stdout.contains("main_v2"))
        XCTAssertTrue(try dabrepo(["diff"], in: bundle).stdout.contains("main → main_v2"))
        let missing = try dabrepo(["diff", "--target", "stagin"], in: bundle)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no such target 'stagin'; available: dev, prod"), missing.stderr)
    }

    func testMarkdownJSONAndPatch() throws {
        let bundle = try setUpBundle()
        try replace("timezone_id: Europe/Berlin", "timezone_id: UTC")
        let notebook = bundle.appendingPathComponent("src/notebook.py")
        try write(try read(notebook) + "print('added')\n", to: notebook)
        let markdown = try dabrepo(["diff", "--output", "markdown"], in: bundle).stdout
        XCTAssertTrue(markdown.hasPrefix("**dabrepo diff** (HEAD → working tree): 1 resource changed"), markdown)
        XCTAssertTrue(markdown.contains("<details><summary><code>~ jobs.nightly_etl_job (resources/nightly_etl.job.yml)</code></summary>"), markdown)
        XCTAssertTrue(markdown.contains("```diff\n! schedule.timezone_id: Europe/Berlin → UTC\n```"), markdown)
        XCTAssertTrue(markdown.contains("| `src/notebook.py` | modified | +1 -0 |"), markdown)
        let document = try json(try dabrepo(["diff", "--output", "json"], in: bundle).stdout)
        let groups = try XCTUnwrap(document["groups"] as? [[String: Any]])
        XCTAssertEqual(groups.first?["type"] as? String, "jobs")
        XCTAssertEqual(groups.first?["status"] as? String, "changed")
        let change = try XCTUnwrap((groups.first?["changes"] as? [[String: Any]])?.first)
        XCTAssertEqual(change["path"] as? String, "resources.jobs.nightly_etl_job.schedule.timezone_id")
        XCTAssertEqual(change["op"] as? String, "change")
        XCTAssertEqual(change["old"] as? String, "Europe/Berlin")
        XCTAssertEqual((document["summary"] as? [String: Any])?["changed"] as? Int, 1)
        let patch = try dabrepo(["diff", "--patch"], in: bundle).stdout
        XCTAssertTrue(patch.contains("--- a/src/notebook.py\n+++ b/src/notebook.py\n"), patch)
        XCTAssertTrue(patch.contains("+print('added')"), patch)
    }

    func testShowUsesTheSemanticDiff() throws {
        let bundle = try setUpBundle()
        let document = try editDocument(timeout: 1800)
        XCTAssertEqual(try dabrepo(["apply", document.path], in: bundle).status, 0)
        let show = try dabrepo(["show"], in: bundle).stdout
        XCTAssertTrue(show.contains("    Dabrepo-Agent: test-agent"), show)
        XCTAssertTrue(show.contains("\n~ jobs.nightly_etl_job (resources/nightly_etl.job.yml)\n"), show)
        XCTAssertTrue(show.contains("\n    + timeout_seconds: 1800\n"), show)
        XCTAssertTrue(show.contains("\n    - schedule: {quartz_cron_expression: 0 0 2 * * ?, timezone_id: Europe/Berlin}\n"), show)
        XCTAssertFalse(show.contains("@@"), "no text patch without --patch")
    }

    func testGitExternalDiffDriver() throws {
        let bundle = try setUpBundle()
        try workspace.write(["nightly_etl/.gitattributes": "*.yml diff=dabrepo\n"])
        try git(["config", "diff.dabrepo.command", TestPaths.dabrepoBinary.path + " diff-driver"], in: bundle)
        try replace("num_workers: 2", "num_workers: 3")
        try replace("# The main job", "# The nightly job")
        let diff = try git(["diff"], in: bundle)
        XCTAssertTrue(diff.stdout.contains("diff --dabrepo a/resources/nightly_etl.job.yml b/resources/nightly_etl.job.yml\n~ jobs.nightly_etl_job (resources/nightly_etl.job.yml)\n    ~ job_clusters[job_cluster].new_cluster.num_workers: 2 → 3\n"), diff.stdout)
        XCTAssertFalse(diff.stdout.contains("The nightly job"), "a comment-only change is not a change")
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "three workers"], in: bundle)
        let log = try git(["log", "-p", "-1", "--ext-diff"], in: bundle)
        XCTAssertTrue(log.stdout.contains("num_workers: 2 → 3"), log.stdout)
        let comments = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["GIT_EXTERNAL_DIFF=" + TestPaths.dabrepoBinary.path + " diff-driver", "git", "diff", "HEAD~1", "--", ".gitattributes"], in: bundle, environment: environment)
        XCTAssertTrue(comments.stdout.contains("+*.yml diff=dabrepo"), comments.stdout)
        // A renamed file (git diff -M passes its new path): both names, and only the change within it.
        try git(["mv", "resources/nightly_etl.job.yml", "resources/nightly.job.yml"], in: bundle)
        job = bundle.appendingPathComponent("resources/nightly.job.yml")
        try replace("num_workers: 3", "num_workers: 4")
        let renamed = try git(["diff", "-M", "HEAD"], in: bundle)
        XCTAssertTrue(renamed.stdout.contains("diff --dabrepo a/resources/nightly_etl.job.yml b/resources/nightly.job.yml\nrename from resources/nightly_etl.job.yml\nrename to resources/nightly.job.yml\n"), renamed.stdout)
        XCTAssertTrue(renamed.stdout.contains("num_workers: 3 → 4"), renamed.stdout)
    }
}

final class DiffColourTests: RepositoryTestCase {
    func testColourOnlyWhenAskedAndNeverWithNoColor() throws {
        let bundle = try initBundle()
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        try write(try read(job).replacingOccurrences(of: "num_workers: 2", with: "num_workers: 3"), to: job)
        XCTAssertFalse(try dabrepo(["diff"], in: bundle).stdout.contains("\u{1B}["), "no colour off a terminal")
        XCTAssertTrue(try dabrepo(["diff", "--color", "always"], in: bundle).stdout.contains("\u{1B}[33m~ job_clusters"))
        XCTAssertFalse(try dabrepo(["diff", "--color", "never"], in: bundle).stdout.contains("\u{1B}["))
    }
}
