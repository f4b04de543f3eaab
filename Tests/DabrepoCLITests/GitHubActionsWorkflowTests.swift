import Foundation
import TestSupport
import XCTest

/// examples/github-actions/dabrepo.yml: the README shows it as it is, and its `run:` steps, run
/// locally as the runner would (Fixtures/github-actions/run_workflow_steps.py, with the built dabrepo
/// on PATH in place of the install step), validate, report SARIF and summarize a pull request.
final class GitHubActionsWorkflowTests: RepositoryTestCase {
    static let workflow = TestPaths.packageRoot.appendingPathComponent("examples/github-actions/dabrepo.yml")

    func testTheReadmeShowsTheWorkflowAsItIs() throws {
        let readme = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let file = try String(contentsOf: Self.workflow, encoding: .utf8)
        XCTAssertTrue(readme.contains("```yaml\n" + file + "```\n"), "the README's copy of examples/github-actions/dabrepo.yml differs from the file")
    }

    /// A repository of two bundles; the pull request changes one and breaks the other.
    func makePullRequest() throws -> (repository: URL, base: String, head: String) {
        let repository = workspace.url.appendingPathComponent("repo")
        try workspace.write(["repo/README.md": "Bundles\n"])
        try git(["init", "-q"], in: repository)
        try git(["add", "-A"], in: repository)
        try git(["commit", "-qm", "Start"], in: repository)
        for name in ["sales", "billing"] {
            let result = try dabrepo(["init", "bundles/\(name)", "--no-diff-driver"], in: repository)
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        let base = try gitOutput(["rev-parse", "HEAD"], in: repository)
        try git(["checkout", "-qb", "feature"], in: repository)
        let sales = repository.appendingPathComponent("bundles/sales/resources/sales.job.yml")
        try write(try read(sales).replacingOccurrences(of: "      name: sales_job\n", with: "      name: sales_job\n      timeout_seconds: 7200\n"), to: sales)
        let billing = repository.appendingPathComponent("bundles/billing/resources/billing.job.yml")
        try write(try read(billing).replacingOccurrences(of: "timezone_id: Europe/Berlin", with: "timezone_id: Europe/Berlim"), to: billing)
        XCTAssertEqual(try git(["commit", "-qam", "Give sales a timeout; move billing to Berlim", "--no-verify"], in: repository).status, 0)
        return (repository, base, try gitOutput(["rev-parse", "HEAD"], in: repository))
    }

    func testTheStepsAnnotateUploadSARIFAndSummarizeTheDiff() throws {
        let (repository, base, head) = try makePullRequest()
        let runner = workspace.url.appendingPathComponent("runner")
        try workspace.write(["runner/summary.md": "", "runner/path": "", "runner/env": "", "runner/output": ""])
        let expressions = try JSONSerialization.data(withJSONObject: [
            "github.event.pull_request.base.sha": base, "github.event.pull_request.head.sha": head,
        ])
        var environment = self.environment
        environment["GITHUB_STEP_SUMMARY"] = runner.appendingPathComponent("summary.md").path
        environment["GITHUB_PATH"] = runner.appendingPathComponent("path").path
        environment["GITHUB_ENV"] = runner.appendingPathComponent("env").path
        environment["GITHUB_OUTPUT"] = runner.appendingPathComponent("output").path
        environment["RUNNER_TEMP"] = runner.path
        environment["GITHUB_ACTIONS"] = "true"
        let script = TestPaths.fixture("DabrepoCLITests", "github-actions/run_workflow_steps.py")
        let run = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"),
                                        ["python3", script.path, Self.workflow.path, "bundles", repository.path,
                                         String(decoding: expressions, as: UTF8.self), "install-dabrepo"],
                                        in: repository, environment: environment)
        XCTAssertEqual(run.status, 0, run.stderr)
        let steps = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]], run.stdout)
        func step(_ name: String) throws -> [String: Any] { try XCTUnwrap(steps.first { $0["name"] as? String == name }, "no step \(name)") }
        XCTAssertEqual(try step("Install dabrepo")["skipped"] as? Bool, true)

        // Annotations for the broken bundle only; the step fails.
        let validate = try step("Validate every bundle")
        let output = validate["stdout"] as? String ?? ""
        XCTAssertEqual(validate["status"] as? Int, 1, output + (validate["stderr"] as? String ?? ""))
        XCTAssertTrue(output.contains("::error file=bundles/billing/resources/billing.job.yml,line=10,col=22"), output)
        XCTAssertFalse(output.contains("file=bundles/sales/"), output)
        XCTAssertTrue(output.contains("Validated 2 bundle(s)."), output)

        // One SARIF 2.1.0 run with the finding at its place in the repository.
        let sarif = try json(try String(contentsOf: repository.appendingPathComponent("dabrepo.sarif"), encoding: .utf8))
        XCTAssertEqual(sarif["version"] as? String, "2.1.0")
        XCTAssertTrue((sarif["$schema"] as? String ?? "").contains("sarif-2.1.0"))
        let runs = try XCTUnwrap(sarif["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 1)
        let rules = try XCTUnwrap(((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try XCTUnwrap(runs[0]["results"] as? [[String: Any]])
        let timezone = try XCTUnwrap(results.first { $0["ruleId"] as? String == "schedule-timezone" }, "\(results)")
        let location = try XCTUnwrap((timezone["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        XCTAssertEqual((location["artifactLocation"] as? [String: Any])?["uri"] as? String, "bundles/billing/resources/billing.job.yml")
        XCTAssertEqual((location["region"] as? [String: Any])?["startLine"] as? Int, 10)
        for result in results {
            let index = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(rules[index]["id"] as? String, result["ruleId"] as? String, "ruleIndex points at the result's rule")
        }

        // The summary holds dabrepo diff --output markdown of each bundle the pull request touches.
        XCTAssertEqual(try step("Summarize the bundle changes")["status"] as? Int, 0)
        let summary = try String(contentsOf: runner.appendingPathComponent("summary.md"), encoding: .utf8)
        for name in ["sales", "billing"] {
            let diff = try dabrepo(["diff", "--output", "markdown", base, head], in: repository.appendingPathComponent("bundles/\(name)"))
            XCTAssertEqual(diff.status, 0, diff.stderr)
            XCTAssertTrue(summary.contains("### `bundles/\(name)`\n\n" + diff.stdout), "summary:\n\(summary)\nexpected:\n\(diff.stdout)")
        }
        XCTAssertTrue(summary.contains("timeout_seconds") && summary.contains("Europe/Berlim"), summary)
    }
}
