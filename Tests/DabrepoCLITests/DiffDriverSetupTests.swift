import Foundation
import TestSupport
import XCTest

/// `dabrepo init` sets up git's semantic diff (`.gitattributes` and `diff.dabrepo.command`) unless
/// --no-diff-driver; `dabrepo hooks status` says whether git uses it; `hooks install` completes a clone.
final class DiffDriverSetupTests: RepositoryTestCase {
    func changeTimeout(_ bundle: URL) throws {
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        try write(try read(job).replacingOccurrences(of: "      name: nightly_etl_job\n", with: "      name: nightly_etl_job\n      timeout_seconds: 7200\n"), to: job)
    }

    func testInitConfiguresTheDriverAndGitDiffShowsTheSemanticDiff() throws {
        let bundle = try initBundle()
        XCTAssertTrue(try gitOutput(["ls-files"], in: bundle).split(separator: "\n").contains(".gitattributes"), "committed with the bundle")
        XCTAssertEqual(try gitOutput(["config", "--local", "diff.dabrepo.command"], in: bundle), "dabrepo diff-driver")
        XCTAssertEqual(try gitOutput(["check-attr", "diff", "databricks.yml", "resources/nightly_etl.job.yml"], in: bundle),
                       "databricks.yml: diff: dabrepo\nresources/nightly_etl.job.yml: diff: dabrepo")
        try changeTimeout(bundle)
        let diff = try git(["diff"], in: bundle)
        XCTAssertEqual(diff.status, 0, diff.stderr)
        XCTAssertTrue(diff.stdout.contains("diff --dabrepo a/resources/nightly_etl.job.yml b/resources/nightly_etl.job.yml"), diff.stdout)
        XCTAssertTrue(diff.stdout.contains("+ timeout_seconds: 7200"), diff.stdout)
        XCTAssertFalse(diff.stdout.contains("@@"), "no line diff:\n\(diff.stdout)")
        let status = try dabrepo(["hooks", "status"], in: bundle)
        XCTAssertTrue(status.stdout.contains("Diff driver: configured (git diff shows bundle YAML as semantic changes; diff.dabrepo.command = dabrepo diff-driver)"), status.stdout)
    }

    /// YAML that is no bundle configuration (an app's app.yaml, whose `resources:` is a list) is shown
    /// line by line: its changes read as "no change to the configuration" before.
    func testOtherYAMLIsShownLineByLine() throws {
        let bundle = try initBundle()
        // (The README's setup by hand marks every YAML file.)
        try write(try read(bundle.appendingPathComponent(".gitattributes")) + "*.yaml diff=dabrepo\n", to: bundle.appendingPathComponent(".gitattributes"))
        try write("command: [streamlit, run, app.py]\n", to: bundle.appendingPathComponent("app.yaml"))
        XCTAssertEqual(try git(["add", "-A"], in: bundle).status, 0)
        XCTAssertEqual(try git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "app"], in: bundle).status, 0)
        try write("command: [streamlit, run, app.py]\nresources:\n  - name: warehouse\n    sql_warehouse: {id: abc, permission: CAN_MANAGE}\n",
                  to: bundle.appendingPathComponent("app.yaml"))
        let diff = try git(["diff", "--", "app.yaml"], in: bundle).stdout
        XCTAssertTrue(diff.contains("+    sql_warehouse: {id: abc, permission: CAN_MANAGE}"), diff)
        XCTAssertFalse(diff.contains("no change to the configuration"), diff)
        XCTAssertTrue(diff.contains("diff --dabrepo a/app.yaml"), "through the driver: \(diff)")
    }

    func testNoDiffDriverLeavesGitDiffAsItIs() throws {
        let result = try dabrepo(["init", "nightly_etl", "--no-diff-driver"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Diff driver: not configured (--no-diff-driver)"), result.stdout)
        let bundle = workspace.url.appendingPathComponent("nightly_etl")
        XCTAssertFalse(FileManager.default.fileExists(atPath: bundle.appendingPathComponent(".gitattributes").path))
        XCTAssertNotEqual(try git(["config", "--local", "diff.dabrepo.command"], in: bundle).status, 0)
        try changeTimeout(bundle)
        let diff = try git(["diff"], in: bundle).stdout
        XCTAssertTrue(diff.contains("@@") && diff.contains("+      timeout_seconds: 7200"), diff)
        XCTAssertFalse(diff.contains("diff --dabrepo"), diff)
        let status = try dabrepo(["hooks", "status"], in: bundle)
        XCTAssertTrue(status.stdout.contains("Diff driver: not configured: no .gitattributes marks each bundle"), status.stdout)
        // Its advice, followed in this existing repository (init would refuse it), sets the driver up.
        XCTAssertTrue(status.stdout.contains("`databricks.yml diff=dabrepo` and `resources/**/*.yml diff=dabrepo` to .gitattributes"), status.stdout)
        try "databricks.yml diff=dabrepo\nresources/**/*.yml diff=dabrepo\n".write(to: bundle.appendingPathComponent(".gitattributes"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try git(["add", ".gitattributes"], in: bundle).status, 0)
        XCTAssertEqual(try git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "attributes", "--", ".gitattributes"], in: bundle).status, 0)
        XCTAssertEqual(try dabrepo(["hooks", "install"], in: bundle).status, 0)
        XCTAssertTrue(try dabrepo(["hooks", "status"], in: bundle).stdout.contains("Diff driver: configured"))
    }

    /// A monorepo whose second bundle was made with the driver and its first without: status said "not
    /// configured" right after init set it up for the second; now it says for which bundles it is.
    func testABundleOfAMonorepoWithTheDriverAndOneWithout() throws {
        let repository = workspace.url.appendingPathComponent("mono")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        XCTAssertEqual(try git(["init", "-q"], in: repository).status, 0)
        XCTAssertEqual(try dabrepo(["init", "b1", "--template", "empty", "--no-diff-driver"], in: repository).status, 0)
        let second = try dabrepo(["init", "b2", "--template", "empty"], in: repository)
        XCTAssertEqual(second.status, 0, second.stdout + second.stderr)
        let status = try dabrepo(["hooks", "status"], in: repository.appendingPathComponent("b2"))
        XCTAssertTrue(status.stdout.contains("Diff driver: configured for b2") && status.stdout.contains("not for b1"), status.stdout)
        // A fresh clone: `hooks install` sets the command (it said "no .gitattributes marks each bundle"
        // and set nothing).
        let clone = workspace.url.appendingPathComponent("mono-clone")
        XCTAssertEqual(try git(["clone", "-q", repository.path, clone.path], in: workspace.url).status, 0)
        let install = try dabrepo(["hooks", "install"], in: clone)
        XCTAssertEqual(install.status, 0, install.stderr)
        XCTAssertTrue(install.stdout.contains("Diff driver: configured for b2") && install.stdout.contains("not for b1"), install.stdout)
        XCTAssertFalse(try git(["config", "--get", "diff.dabrepo.command"], in: clone).stdout.isEmpty)
        let json = try dabrepo(["hooks", "install", "-o", "json"], in: clone)
        XCTAssertTrue(json.stdout.contains("\"diff_driver_configured\" : true") || json.stdout.contains("\"diff_driver_configured\":true"), json.stdout)
    }

    func testAFreshCloneGetsTheCommandFromHooksInstall() throws {
        let bundle = try initBundle()
        let clone = workspace.url.appendingPathComponent("clone")
        XCTAssertEqual(try git(["clone", "-q", bundle.path, clone.path], in: workspace.url).status, 0)
        XCTAssertTrue(try dabrepo(["hooks", "status"], in: clone).stdout.contains("Diff driver: not configured in this clone"))
        XCTAssertFalse(try git(["diff", "HEAD~0"], in: clone).stdout.contains("diff --dabrepo"))
        let install = try dabrepo(["hooks", "install"], in: clone)
        XCTAssertEqual(install.status, 0, install.stderr)
        XCTAssertTrue(install.stdout.contains("Diff driver: configured"), install.stdout)
        try changeTimeout(clone)
        XCTAssertTrue(try git(["diff"], in: clone).stdout.contains("+ timeout_seconds: 7200"))
    }

    /// On a terminal init asks (through `script`, which gives it a pseudo-terminal); Enter means yes.
    func testOnATerminalInitAsks() throws {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path) else { throw XCTSkip("SKIPPED: /usr/bin/script is not installed") }
        for (answer, name, configured) in [("n\n", "declined", false), ("\n", "accepted", true)] {
            let command = "'\(TestPaths.dabrepoBinary.path)' init \(name)"
            let result = try CommandRunner.run(script, ["-qc", command, "/dev/null"], in: workspace.url, environment: environment, stdin: Data(answer.utf8))
            XCTAssertTrue(result.stdout.contains("Show bundle changes semantically in `git diff`"), result.stdout)
            let bundle = workspace.url.appendingPathComponent(name)
            XCTAssertEqual(FileManager.default.fileExists(atPath: bundle.appendingPathComponent(".gitattributes").path), configured, result.stdout)
            XCTAssertEqual(try dabrepo(["hooks", "status"], in: bundle).stdout.contains("Diff driver: configured"), configured)
        }
    }
}
