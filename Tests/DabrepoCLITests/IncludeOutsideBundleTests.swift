import Foundation
import TestSupport
import XCTest

/// A bundle whose targets live beside its folder (`include: [../shared/*.yml]`, tkostyrka/dabs-template):
/// a change that would write there is a refusal that says why and what to do, not an internal error
/// after the plan was shown; nothing is written.
final class IncludeOutsideBundleTests: RepositoryTestCase {
    func testAChangeOfAFileBesideTheBundleIsRefusedAndSaysWhy() throws {
        try workspace.write([
            "repo/bundle/databricks.yml": "bundle:\n  name: beside\ninclude:\n  - ../shared/*.yml\nresources:\n  jobs:\n    etl:\n      name: etl\n      tasks:\n        - task_key: main\n          notebook_task:\n            notebook_path: ./src/etl.py\n",
            "repo/bundle/src/etl.py": "# Databricks notebook source\n",
            "repo/shared/targets.yml": "targets:\n  dev:\n    default: true\n  prod:\n    mode: production\n    workspace:\n      root_path: /Workspace/Shared/.bundle/beside\n    resources:\n      jobs:\n        etl:\n          max_concurrent_runs: 2\n",
        ])
        let repo = workspace.url.appendingPathComponent("repo")
        try git(["init", "-q", "-b", "main"], in: repo)
        try git(["add", "-A"], in: repo)
        try git(["commit", "-qm", "init"], in: repo)
        let bundle = repo.appendingPathComponent("bundle")
        let head = try gitOutput(["rev-parse", "HEAD"], in: repo)
        let result = try dabrepo(["refine", "set the max concurrent runs of etl to 4 in prod", "--yes", "-o", "json"], in: bundle)
        XCTAssertNotEqual(result.status, 0, result.stdout)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
        XCTAssertEqual(document["kind"] as? String, "usage", result.stdout)
        XCTAssertTrue((document["message"] as? String ?? "").contains("../shared/targets.yml is outside the bundle's folder"), result.stdout)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: repo), head)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: repo), "")
    }
}
