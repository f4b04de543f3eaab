import Foundation
import TestSupport
import XCTest

final class HookTests: RepositoryTestCase {
    func breakTimezone(_ bundle: URL) throws {
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        try write(try read(job).replacingOccurrences(of: "timezone_id: Europe/Berlin", with: "timezone_id: Europe/Berlim"), to: job)
    }

    func testStagedBrokenFileBlocksTheCommit() throws {
        let bundle = try initBundle()
        try breakTimezone(bundle)
        try git(["add", "-A"], in: bundle)
        let commit = try git(["commit", "-m", "broken"], in: bundle)
        XCTAssertNotEqual(commit.status, 0)
        XCTAssertTrue(commit.stderr.contains("in resources/nightly_etl.job.yml:10:22"), commit.stderr)
        XCTAssertTrue(commit.stderr.contains("commit blocked"), commit.stderr)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "1")
        // Fixing the working copy without staging it does not help: the staged snapshot is checked.
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        try write(try read(job).replacingOccurrences(of: "Europe/Berlim", with: "UTC"), to: job)
        XCTAssertNotEqual(try git(["commit", "-m", "still broken"], in: bundle).status, 0)
        try git(["add", "-A"], in: bundle)
        XCTAssertEqual(try git(["commit", "-qm", "fixed"], in: bundle).status, 0)
    }

    /// In a repository of two bundles, one broken in HEAD (committed past the check), the installed hook
    /// blocked every commit, also one to the other bundle or to no bundle, saying the errors were "in
    /// the staged files". It checks the bundles a commit touches, and says which errors HEAD had.
    func testTheInstalledHookChecksTheBundlesACommitTouches() throws {
        let repository = workspace.url.appendingPathComponent("mono")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        XCTAssertEqual(try git(["init", "-q"], in: repository).status, 0)
        for name in ["sales", "billing"] {
            let made = try dabrepo(["init", "bundles/\(name)"], in: repository)
            XCTAssertEqual(made.status, 0, made.stdout + made.stderr)
        }
        XCTAssertTrue(try read(repository.appendingPathComponent(".git/hooks/pre-commit")).contains("hook pre-commit --changed"))
        let billing = repository.appendingPathComponent("bundles/billing/resources/billing.job.yml")
        try write(try read(billing).replacingOccurrences(of: "timezone_id: Europe/Berlin", with: "timezone_id: Europe/Berlim"), to: billing)
        XCTAssertEqual(try git(["commit", "-qam", "Break billing", "--no-verify"], in: repository).status, 0)

        // A change to sales, and a file of no bundle, commit.
        let sales = repository.appendingPathComponent("bundles/sales/resources/sales.job.yml")
        try write(try read(sales).replacingOccurrences(of: "timezone_id: Europe/Berlin", with: "timezone_id: UTC"), to: sales)
        try write("print(1)\n", to: repository.appendingPathComponent("app.py"))
        try git(["add", "-A"], in: repository)
        let other = try git(["commit", "-m", "Sales in UTC"], in: repository)
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertFalse(other.stderr.contains("bundles/billing"), other.stderr)

        // A change to billing that leaves the error: blocked, and the error is said to be HEAD's.
        let notebook = repository.appendingPathComponent("bundles/billing/src/notebook.py")
        try write(try read(notebook) + "\n# reviewed\n", to: notebook)
        try write(try read(billing).replacingOccurrences(of: "      name: billing_job\n", with: "      name: billing_job\n      timeout_seconds: 600\n"), to: billing)
        try git(["add", "-A"], in: repository)
        let blocked = try git(["commit", "-m", "Billing timeout"], in: repository)
        XCTAssertNotEqual(blocked.status, 0, blocked.stderr)
        XCTAssertTrue(blocked.stderr.contains("bundles/billing/resources/billing.job.yml:"), blocked.stderr)
        XCTAssertTrue(blocked.stderr.contains("already in HEAD, not made by this commit"), blocked.stderr)
        // The fix commits.
        try write(try read(billing).replacingOccurrences(of: "Europe/Berlim", with: "UTC"), to: billing)
        try git(["add", "-A"], in: repository)
        XCTAssertEqual(try git(["commit", "-qm", "Fix billing"], in: repository).status, 0)
    }

    /// A path that leaves the bundle's folder and comes back into it (`../../databricks/src/…` in a
    /// bundle whose folder is databricks) is inside the sync root, as the Databricks CLI joins it: on
    /// disk and in the staged snapshot the hook reads. One that goes elsewhere is still refused.
    func testAPathBackIntoTheBundlesFolderIsInside() throws {
        let bundle = try initBundle("databricks")
        let job = bundle.appendingPathComponent("resources/databricks.job.yml")
        let text = try read(job)
        XCTAssertTrue(text.contains("notebook_path: ../src/notebook.py"), text)
        try write(text.replacingOccurrences(of: "notebook_path: ../src/notebook.py", with: "notebook_path: ../../databricks/src/notebook.py"), to: job)
        let valid = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(valid.status, 0, valid.stdout)
        try git(["add", "-A"], in: bundle)
        XCTAssertEqual(try git(["commit", "-qm", "back in"], in: bundle).status, 0)
        try write(text.replacingOccurrences(of: "notebook_path: ../src/notebook.py", with: "notebook_path: ../../elsewhere/src/notebook.py"), to: job)
        let outside = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(outside.status, 1, outside.stdout)
        XCTAssertTrue(outside.stdout.contains("path ../elsewhere/src/notebook.py is not contained in sync root path"), outside.stdout)
    }

    /// A staged configuration change is validated as staged: another YAML file that is broken only on
    /// disk does not block it; staged, the broken file blocks the same commit.
    func testUnstagedBrokenFileDoesNotBlockAGoodCommit() throws {
        let bundle = try initBundle()
        let root = bundle.appendingPathComponent("databricks.yml")
        try write(try read(root).replacingOccurrences(of: "default: main", with: "default: analytics"), to: root)
        try git(["add", "databricks.yml"], in: bundle)
        try breakTimezone(bundle)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "M  databricks.yml\n M resources/nightly_etl.job.yml")
        XCTAssertNotEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0, "the work tree is broken")
        let commit = try git(["commit", "-m", "good"], in: bundle)
        XCTAssertEqual(commit.status, 0, commit.stderr)
        XCTAssertEqual(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle), "databricks.yml")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "M resources/nightly_etl.job.yml")

        // The reverse: the broken file staged (with another good configuration change) blocks.
        try write(try read(root).replacingOccurrences(of: "default: analytics", with: "default: sales"), to: root)
        try git(["add", "databricks.yml", "resources/nightly_etl.job.yml"], in: bundle)
        let blocked = try git(["commit", "-m", "broken"], in: bundle)
        XCTAssertNotEqual(blocked.status, 0)
        XCTAssertTrue(blocked.stderr.contains("in resources/nightly_etl.job.yml:10:22"), blocked.stderr)
        XCTAssertTrue(blocked.stderr.contains("commit blocked"), blocked.stderr)
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "good")
    }

    /// A notebook the staged YAML names, on disk but not staged: the hook blocks (the commit would not hold
    /// it) and says so, with the `git add` that fixes it (it said the file "does not exist").
    func testAnUnstagedNotebookTheCommitNamesIsSaidToBeUnstaged() throws {
        let bundle = try initBundle()
        try write("# Databricks notebook source\nprint(2)\n", to: bundle.appendingPathComponent("src/other.py"))
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        try write(try read(job).replacingOccurrences(of: "../src/notebook.py", with: "../src/other.py"), to: job)
        try git(["add", "resources/nightly_etl.job.yml"], in: bundle)
        let commit = try git(["commit", "-m", "other notebook"], in: bundle)
        XCTAssertNotEqual(commit.status, 0)
        XCTAssertTrue(commit.stderr.contains("It is in the working tree but not staged, so this commit would not hold it: `git add src/other.py`."), commit.stderr)
        try git(["add", "src/other.py"], in: bundle)
        XCTAssertEqual(try git(["commit", "-qm", "other notebook"], in: bundle).status, 0)
    }

    /// `git commit -a` and `git commit <paths>` commit an index other than the repository's (git names
    /// it in GIT_INDEX_FILE): the hook checks what is committed, not the index left behind.
    func testCommitAllAndCommitOfPathsAreCheckedAsCommitted() throws {
        let bundle = try initBundle()
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        try breakTimezone(bundle)
        // -a stages the broken file into the index it commits: blocked, nothing committed or staged.
        let all = try git(["commit", "-am", "broken"], in: bundle)
        XCTAssertNotEqual(all.status, 0, all.stdout)
        XCTAssertTrue(all.stderr.contains("in resources/nightly_etl.job.yml:10:22"), all.stderr)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "1")
        // A path on the command line is committed from a temporary index: blocked too.
        let paths = try git(["commit", "-m", "broken", "resources/nightly_etl.job.yml"], in: bundle)
        XCTAssertNotEqual(paths.status, 0, paths.stdout)
        XCTAssertTrue(paths.stderr.contains("in resources/nightly_etl.job.yml:10:22"), paths.stderr)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "1")

        // The reverse: the broken file staged, then fixed on disk and committed with -a: the commit holds
        // the fixed file and passes, though the repository's index held the broken one.
        try git(["add", "-A"], in: bundle)
        try write(try read(job).replacingOccurrences(of: "Europe/Berlim", with: "UTC"), to: job)
        let fixed = try git(["commit", "-am", "fixed"], in: bundle)
        XCTAssertEqual(fixed.status, 0, fixed.stderr)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "2")
        XCTAssertTrue(try gitOutput(["show", "HEAD:resources/nightly_etl.job.yml"], in: bundle).contains("timezone_id: UTC"))

        // A linked worktree (git sets GIT_DIR and its own index for the hook).
        let other = bundle.deletingLastPathComponent().appendingPathComponent("linked")
        try git(["worktree", "add", "-q", "-b", "feature", other.path], in: bundle)
        let linkedJob = other.appendingPathComponent("resources/nightly_etl.job.yml")
        try write(try read(linkedJob).replacingOccurrences(of: "timezone_id: UTC", with: "timezone_id: Europe/Berlim"), to: linkedJob)
        let linked = try git(["commit", "-am", "broken in the worktree"], in: other)
        XCTAssertNotEqual(linked.status, 0, linked.stdout)
        XCTAssertTrue(linked.stderr.contains("in resources/nightly_etl.job.yml:10:22"), linked.stderr)
    }

    /// `git commit -am` with the timezone misspelt is blocked with the finding; fixed, it passes.
    func assertCommitAllIsBlockedThenPasses(_ bundle: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        try breakTimezone(bundle)
        let blocked = try git(["commit", "-am", "broken"], in: bundle)
        XCTAssertNotEqual(blocked.status, 0, blocked.stdout, file: file, line: line)
        XCTAssertTrue(blocked.stderr.contains("in resources/nightly_etl.job.yml:10:22"), blocked.stderr, file: file, line: line)
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        try write(try read(job).replacingOccurrences(of: "Europe/Berlim", with: "Europe/Paris"), to: job)
        let passed = try git(["commit", "-am", "Paris"], in: bundle)
        XCTAssertEqual(passed.status, 0, passed.stderr, file: file, line: line)
    }

    /// After `git gc` the index's blobs and HEAD's tree are in a pack: the hook reads them there.
    func testAPackedRepositoryIsCheckedAsStaged() throws {
        let bundle = try initBundle()
        XCTAssertEqual(try git(["gc", "-q"], in: bundle).status, 0)
        XCTAssertTrue(try gitOutput(["count-objects", "-v"], in: bundle).contains("count: 0"))
        try assertCommitAllIsBlockedThenPasses(bundle)
    }

    /// With a split index (`core.splitIndex`, which libgit2 cannot read) the hook checks the staged
    /// files instead of blocking every commit with an error about the index.
    func testASplitIndexIsCheckedAsStaged() throws {
        let bundle = try initBundle()
        XCTAssertEqual(try git(["config", "core.splitIndex", "true"], in: bundle).status, 0)
        XCTAssertEqual(try git(["update-index", "--split-index"], in: bundle).status, 0)
        try assertCommitAllIsBlockedThenPasses(bundle)
    }

    func testHooksRespectHooksPathKeepAnExistingHookAndAreIdempotent() throws {
        let bundle = try initBundle()
        try dabrepo(["hooks", "uninstall"], in: bundle)
        try git(["config", "core.hooksPath", ".githooks"], in: bundle)
        try workspace.write(["nightly_etl/.githooks/pre-commit": "#!/bin/sh\ntouch \"$(git rev-parse --show-toplevel)/.earlier-hook-ran\"\n"])
        chmod(bundle.appendingPathComponent(".githooks/pre-commit").path, 0o755)
        XCTAssertTrue(try dabrepo(["hooks", "status"], in: bundle).stdout.contains("another pre-commit hook"))
        for _ in 0..<2 {
            let install = try dabrepo(["hooks", "install"], in: bundle)
            XCTAssertEqual(install.status, 0, install.stderr)
        }
        XCTAssertTrue(try dabrepo(["hooks", "status"], in: bundle).stdout.contains("installed (runs the earlier pre-commit hook first)"))
        let hooks = try FileManager.default.contentsOfDirectory(atPath: bundle.appendingPathComponent(".githooks").path).sorted()
        XCTAssertEqual(hooks, ["pre-commit", "pre-commit.before-dabrepo"])
        try breakTimezone(bundle)
        try git(["add", "resources"], in: bundle)
        XCTAssertNotEqual(try git(["commit", "-m", "broken"], in: bundle).status, 0, "dabrepo's check still runs")
        XCTAssertTrue(FileManager.default.fileExists(atPath: bundle.appendingPathComponent(".earlier-hook-ran").path), "the earlier hook ran")
        let uninstalled = try dabrepo(["hooks", "uninstall"], in: bundle)
        XCTAssertEqual(uninstalled.status, 0)
        // Said as what happened (it read like a failure: "not installed: another pre-commit hook is there").
        XCTAssertEqual(uninstalled.stdout, "Pre-commit hook: removed dabrepo's hook; the earlier pre-commit hook is back in its place\n")
        XCTAssertTrue(try read(bundle.appendingPathComponent(".githooks/pre-commit")).contains(".earlier-hook-ran"), "the original hook is back")
        XCTAssertEqual(try dabrepo(["hooks", "uninstall"], in: bundle).stdout,
                       "Pre-commit hook: nothing to remove: the pre-commit hook there is not dabrepo's, and stays\n")
    }

    /// Where the pre-commit framework runs the hooks, init and `hooks install` add no hook beside it (the
    /// two wrapped each other, and the next `pre-commit install` left every commit failing); a dabrepo
    /// hook the framework moved to pre-commit.legacy is seen, does not run the framework again, and is
    /// removed by uninstall.
    func testRepositoriesThatUseThePreCommitFrameworkKeepIt() throws {
        let repository = workspace.url.appendingPathComponent("mono")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        try git(["init", "-q"], in: repository)
        // The framework's script, as `pre-commit install` writes it (migration mode runs pre-commit.legacy first).
        let framework = "#!/bin/sh\n# File generated by pre-commit: https://pre-commit.com\nlegacy=\"$(dirname \"$0\")/pre-commit.legacy\"\n"
            + "if [ -x \"$legacy\" ]; then \"$legacy\" || exit $?; fi\necho framework-ran >> \"$(git rev-parse --show-toplevel)/.framework-log\"\n"
        try workspace.write(["mono/.pre-commit-config.yaml": "repos: []\n", "mono/.git/hooks/pre-commit": framework])
        chmod(repository.appendingPathComponent(".git/hooks/pre-commit").path, 0o755)

        let initialized = try dabrepo(["init", "bundles/nightly_etl"], in: repository)
        XCTAssertEqual(initialized.status, 0, initialized.stderr)
        XCTAssertTrue(initialized.stdout.contains("the pre-commit framework runs this repository's hooks"), initialized.stdout)
        XCTAssertEqual(try read(repository.appendingPathComponent(".git/hooks/pre-commit")), framework, "the framework's hook stays")
        let install = try dabrepo(["hooks", "install"], in: repository)
        XCTAssertEqual(install.status, 1, install.stdout)
        XCTAssertTrue(install.stdout.contains("entry: dabrepo hook pre-commit --changed") && install.stdout.contains("- repo: local"), install.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent(".git/hooks").path).filter { $0.hasPrefix("pre-commit") && !$0.hasSuffix(".sample") }, ["pre-commit"])
        // With dabrepo's hook in .pre-commit-config.yaml, it is installed (status said "not installed",
        // install printed an entry to add and failed).
        try workspace.write(["mono/.pre-commit-config.yaml": "repos:\n  - repo: https://github.com/your-org/dabrepo\n    rev: v0.1.0\n    hooks:\n      - id: dabrepo-validate-changed\n"])
        let configured = try dabrepo(["hooks", "status", "-o", "json"], in: repository)
        XCTAssertEqual(try json(configured.stdout)["hook_runs"] as? Bool, true, configured.stdout)
        XCTAssertTrue((try json(configured.stdout)["hook"] as? String ?? "").contains("installed through .pre-commit-config.yaml"), configured.stdout)
        let again = try dabrepo(["hooks", "install"], in: repository)
        XCTAssertEqual(again.status, 0, again.stdout + again.stderr)
        XCTAssertFalse(again.stdout.contains("- repo: local"), again.stdout)
        try workspace.write(["mono/.pre-commit-config.yaml": "repos: []\n"])

        // What an older dabrepo and a second `pre-commit install` left: dabrepo's hook as pre-commit.legacy,
        // the framework's script saved before it as pre-commit.before-dabrepo.
        let hooks = repository.appendingPathComponent(".git/hooks")
        try FileManager.default.moveItem(at: hooks.appendingPathComponent("pre-commit"), to: hooks.appendingPathComponent("pre-commit.before-dabrepo"))
        try FileManager.default.removeItem(at: repository.appendingPathComponent(".pre-commit-config.yaml"))
        XCTAssertEqual(try dabrepo(["hooks", "install"], in: repository).status, 0)
        try FileManager.default.moveItem(at: hooks.appendingPathComponent("pre-commit"), to: hooks.appendingPathComponent("pre-commit.legacy"))
        try workspace.write(["mono/.pre-commit-config.yaml": "repos: []\n", "mono/.git/hooks/pre-commit": framework])
        chmod(hooks.appendingPathComponent("pre-commit").path, 0o755)
        XCTAssertTrue(try dabrepo(["hooks", "status"], in: repository).stdout.contains("installed under the pre-commit framework"))
        let bundle = repository.appendingPathComponent("bundles/nightly_etl")
        try breakTimezone(bundle)
        try git(["add", "-A"], in: repository)
        XCTAssertEqual(try git(["commit", "-qm", "broken"], in: repository).status, 1, "dabrepo's hook still runs, once")
        try git(["checkout", "-q", "HEAD", "--", "bundles"], in: repository)
        try write("# notes\n", to: repository.appendingPathComponent("NOTES.md"))
        try git(["add", "-A"], in: repository)
        let good = try git(["commit", "-qm", "notes"], in: repository)
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertEqual(try read(repository.appendingPathComponent(".framework-log")), "framework-ran\n", "the framework's script ran once")

        let uninstalled = try dabrepo(["hooks", "uninstall"], in: repository)
        XCTAssertTrue(uninstalled.stdout.contains("removed dabrepo's hook, which the pre-commit framework ran as pre-commit.legacy"), uninstalled.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: hooks.path).filter { $0.hasPrefix("pre-commit") && !$0.hasSuffix(".sample") }, ["pre-commit"])
        XCTAssertEqual(try read(hooks.appendingPathComponent("pre-commit")), framework)
        XCTAssertTrue(try dabrepo(["hooks", "status"], in: repository).stdout.contains("not installed: the pre-commit framework"))
    }

    /// husky v9 (core.hooksPath .husky/_, whose pre-commit runs husky's helper `h`, which runs .husky/<its own
    /// name>): install renamed husky's pre-commit to pre-commit.before-dabrepo, so the helper found no
    /// .husky/pre-commit.before-dabrepo and the user's hook silently stopped running. Now nothing is changed and
    /// the line for .husky/pre-commit is printed; with it there, status says the hook runs.
    func testRepositoriesThatUseHuskyKeepIt() throws {
        let repository = workspace.url.appendingPathComponent("web")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        try git(["init", "-q"], in: repository)
        try git(["config", "core.hooksPath", ".husky/_"], in: repository)
        let helper = "#!/usr/bin/env sh\n# husky helper\nn=$(basename \"$0\")\ns=$(dirname \"$(dirname \"$0\")\")/$n\n[ ! -f \"$s\" ] && exit 0\n"
            + "sh -e \"$s\" \"$@\"\nc=$?\n[ $c != 0 ] && echo \"husky - $n script failed (code $c)\"\nexit $c\n"
        try workspace.write(["web/.husky/_/h": helper, "web/.husky/_/pre-commit": "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"\n",
                             "web/.husky/pre-commit": "echo user-hook-ran >> .husky-log\nexit 1\n"])
        chmod(repository.appendingPathComponent(".husky/_/h").path, 0o755)
        chmod(repository.appendingPathComponent(".husky/_/pre-commit").path, 0o755)
        let install = try dabrepo(["hooks", "install"], in: repository)
        XCTAssertEqual(install.status, 1, install.stdout + install.stderr)
        XCTAssertTrue(install.stdout.contains("husky runs this repository's hooks") && install.stdout.contains("  dabrepo hook pre-commit --changed"), install.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent(".husky/_").path).sorted(), ["h", "pre-commit"])
        try write("# notes\n", to: repository.appendingPathComponent("NOTES.md"))
        try git(["add", "NOTES.md"], in: repository)
        XCTAssertEqual(try git(["commit", "-qm", "notes"], in: repository).status, 1, "the user's husky hook still runs and blocks")
        XCTAssertEqual(try read(repository.appendingPathComponent(".husky-log")), "user-hook-ran\n")
        let json = try self.json(try dabrepo(["hooks", "install", "-o", "json"], in: repository).stdout)
        XCTAssertEqual(json["husky_line"] as? String, "dabrepo hook pre-commit --changed")
        XCTAssertEqual(json["hook_runs"] as? Bool, false)
        try workspace.write(["web/.husky/pre-commit": "dabrepo hook pre-commit --changed\n"])
        let status = try dabrepo(["hooks", "status", "-o", "json"], in: repository)
        XCTAssertEqual(try self.json(status.stdout)["hook_runs"] as? Bool, true, status.stdout)
        XCTAssertTrue((try self.json(status.stdout)["hook"] as? String ?? "").contains("installed through husky"), status.stdout)
    }

    func testPreCommitFrameworkManifest() throws {
        let manifest = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("- id: dabrepo-validate"))
        XCTAssertTrue(manifest.contains("entry: dabrepo hook pre-commit"))
    }
}

final class HookFastPathTests: RepositoryTestCase {
    /// A notebook's content alone is checked: a token written in it (it passed unchecked: only
    /// configuration files counted) and a merge conflict left in an .ipynb block the commit; a harmless
    /// edit passes, and a deletion that leaves a path dangling blocks it.
    func testAStagedNotebookIsCheckedAndAStagedDeletionToo() throws {
        let bundle = try initBundle()
        let notebook = bundle.appendingPathComponent("src/notebook.py")
        let original = try read(notebook)
        try write(original + "# edited\n", to: notebook)
        try git(["add", "src/notebook.py"], in: bundle)
        XCTAssertEqual(try git(["commit", "-qm", "notebook only"], in: bundle).status, 0)
        try write(original + "TOKEN = \"dapi" + String(repeating: "0123456789abcdef", count: 2) + "\"\n", to: notebook)
        try git(["add", "src/notebook.py"], in: bundle)
        let secret = try git(["commit", "-m", "a token"], in: bundle)
        XCTAssertNotEqual(secret.status, 0, secret.stdout + secret.stderr)
        XCTAssertFalse(secret.stderr.contains("0123456789abcdef0123"), "the token is never printed")
        try git(["checkout", "-q", "HEAD", "--", "src/notebook.py"], in: bundle)
        // Removing the notebook makes notebook_path dangle: a deletion is always validated.
        try git(["rm", "-q", "src/notebook.py"], in: bundle)
        let blocked = try git(["commit", "-m", "remove the notebook"], in: bundle)
        XCTAssertNotEqual(blocked.status, 0)
        XCTAssertTrue(blocked.stderr.contains("notebook ../src/notebook.py does not exist"), blocked.stderr)
    }
}
