import Foundation
import TestSupport
import XCTest

/// The pre-commit framework (pinned by scripts/install-test-tools) runs .pre-commit-hooks.yaml with
/// the README's .pre-commit-config.yaml on a repository of two bundles, with dabrepo installed by
/// `scripts/install` and found on PATH. Everything is local: pre-commit clones a git repository
/// holding this checkout's hook definitions.
final class PreCommitFrameworkTests: RepositoryTestCase {
    var prefix: URL { workspace.url.appendingPathComponent("prefix") }

    var toolEnvironment: [String: String?] {
        var environment = self.environment
        let inherited = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .filter { $0 != TestPaths.dabrepoBinary.deletingLastPathComponent().path }
        environment["PATH"] = ([prefix.appendingPathComponent("bin").path] + inherited.map(String.init)).joined(separator: ":")
        environment["PRE_COMMIT_HOME"] = workspace.url.appendingPathComponent("pre-commit-cache").path
        return environment
    }

    func run(_ command: String, in directory: URL) throws -> CommandResult {
        try CommandRunner.run(URL(fileURLWithPath: "/bin/bash"), ["-c", command], in: directory, environment: toolEnvironment)
    }

    /// The README's example configuration (the yaml block of "With the pre-commit framework").
    static func readmeConfiguration() throws -> String {
        let readme = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try XCTUnwrap(readme.range(of: "### With the pre-commit framework"))
        let open = try XCTUnwrap(readme.range(of: "```yaml\n", range: section.upperBound..<readme.endIndex))
        let close = try XCTUnwrap(readme.range(of: "```\n", range: open.upperBound..<readme.endIndex))
        return String(readme[open.upperBound..<close.lowerBound])
    }

    func testTheChangedHookChecksOnlyTheBundlesACommitTouches() throws {
        guard try run("python3 -m pre_commit --version", in: workspace.url).status == 0 else {
            return XCTFail("the pre-commit framework is not installed; run scripts/install-test-tools")
        }
        let install = try CommandRunner.run(TestPaths.packageRoot.appendingPathComponent("scripts/install"),
                                            ["--binary", TestPaths.dabrepoBinary.path, "--prefix", prefix.path], in: workspace.url)
        XCTAssertEqual(install.status, 0, install.stdout + install.stderr)
        XCTAssertEqual(try run("command -v dabrepo", in: workspace.url).stdout, prefix.appendingPathComponent("bin/dabrepo").path + "\n")

        // The hook definitions of this checkout, in a git repository of their own for pre-commit to clone.
        let hooks = workspace.url.appendingPathComponent("hooks-repo")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"),
                                         to: hooks.appendingPathComponent(".pre-commit-hooks.yaml"))
        XCTAssertEqual(try run("git init -q && git add -A && git commit -qm hooks", in: hooks).status, 0)
        let rev = try gitOutput(["rev-parse", "HEAD"], in: hooks)

        // A repository of two bundles, with the README's configuration pointing at those hooks.
        let repository = workspace.url.appendingPathComponent("repo")
        let configuration = try Self.readmeConfiguration()
        XCTAssertTrue(configuration.contains("https://github.com/your-org/dabrepo") && configuration.contains("v0.1.0"), configuration)
        try workspace.write(["repo/.pre-commit-config.yaml": configuration.replacingOccurrences(of: "https://github.com/your-org/dabrepo", with: hooks.path)
                                                                         .replacingOccurrences(of: "v0.1.0", with: rev)])
        XCTAssertEqual(try run("git init -q && git add -A && git commit -qm 'Use pre-commit'", in: repository).status, 0)
        for name in ["sales", "billing"] {
            let result = try run("dabrepo init bundles/\(name) --no-diff-driver", in: repository)
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        XCTAssertEqual(try run("dabrepo hooks uninstall", in: repository).status, 0)
        // billing is broken on the branch already (committed past the checks).
        let billing = repository.appendingPathComponent("bundles/billing/resources/billing.job.yml")
        try write(try read(billing).replacingOccurrences(of: "timezone_id: Europe/Berlin", with: "timezone_id: Europe/Berlim"), to: billing)
        XCTAssertEqual(try run("git commit -qam 'Break billing' --no-verify", in: repository).status, 0)
        let installed = try run("python3 -m pre_commit install", in: repository)
        XCTAssertEqual(installed.status, 0, installed.stdout + installed.stderr)

        // A good change to sales commits: billing is not checked.
        let sales = repository.appendingPathComponent("bundles/sales/resources/sales.job.yml")
        let good = try read(sales).replacingOccurrences(of: "      name: sales_job\n", with: "      name: sales_job\n      timeout_seconds: 7200\n")
        try write(good, to: sales)
        let commit = try run("git add -A && git commit -m 'Give sales a timeout' 2>&1", in: repository)
        XCTAssertEqual(commit.status, 0, commit.stdout)
        XCTAssertNotNil(commit.stdout.range(of: #"dabrepo validate \(staged Databricks bundles that changed\)\.+Passed"#, options: .regularExpression), commit.stdout)

        // Over all files it checks every bundle, and finds billing.
        let all = try run("python3 -m pre_commit run --all-files 2>&1", in: repository)
        XCTAssertNotEqual(all.status, 0, all.stdout)
        XCTAssertTrue(all.stdout.contains("in bundles/billing/resources/billing.job.yml:10:22"), all.stdout)

        // A staged broken sales file blocks the commit, and only sales is reported.
        try write(good.replacingOccurrences(of: "timezone_id: Europe/Berlin", with: "timezone_id: Europe/Paaris"), to: sales)
        let blocked = try run("git add -A && git commit -m 'Move sales to Paaris' 2>&1", in: repository)
        XCTAssertNotEqual(blocked.status, 0, blocked.stdout)
        XCTAssertTrue(blocked.stdout.contains("in bundles/sales/resources/sales.job.yml:11:22"), blocked.stdout)
        XCTAssertFalse(blocked.stdout.contains("bundles/billing/"), blocked.stdout)
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: repository), "Give sales a timeout")

        // Broken only in the working copy (unstaged) while a good file of sales is staged: it commits.
        XCTAssertEqual(try run("git restore --staged bundles/sales/resources/sales.job.yml", in: repository).status, 0)
        let notebook = repository.appendingPathComponent("bundles/sales/src/notebook.py")
        try write(try read(notebook) + "\n# reviewed\n", to: notebook)
        let unstaged = try run("git add bundles/sales/src/notebook.py && git commit -m 'Note the review' 2>&1", in: repository)
        XCTAssertEqual(unstaged.status, 0, unstaged.stdout)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: repository), "M bundles/sales/resources/sales.job.yml")

        // The README's other hook, dabrepo-validate, checks every bundle: the same kind of good change
        // to sales is blocked by billing.
        let everyBundle = try read(repository.appendingPathComponent(".pre-commit-config.yaml"))
            .replacingOccurrences(of: "      - id: dabrepo-validate-changed\n", with: "")
            .replacingOccurrences(of: "# - id: dabrepo-validate\n", with: "- id: dabrepo-validate\n")
        XCTAssertTrue(everyBundle.contains("      - id: dabrepo-validate\n") && !everyBundle.contains("changed\n"), everyBundle)
        try write(everyBundle, to: repository.appendingPathComponent(".pre-commit-config.yaml"))
        XCTAssertEqual(try run("git checkout -q -- bundles/sales && git add .pre-commit-config.yaml && git commit -qm 'Check every bundle' --no-verify", in: repository).status, 0)
        try write(good.replacingOccurrences(of: "timeout_seconds: 7200", with: "timeout_seconds: 3600"), to: sales)
        let everyBlocked = try run("git add -A && git commit -m 'Give sales an hour' 2>&1", in: repository)
        XCTAssertNotEqual(everyBlocked.status, 0, everyBlocked.stdout)
        XCTAssertNotNil(everyBlocked.stdout.range(of: #"dabrepo validate \(staged Databricks bundles\)\.+Failed"#, options: .regularExpression), everyBlocked.stdout)
        XCTAssertTrue(everyBlocked.stdout.contains("in bundles/billing/resources/billing.job.yml:10:22"), everyBlocked.stdout)
    }
}
