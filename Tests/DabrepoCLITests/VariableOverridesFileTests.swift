import Foundation
import TestSupport
import XCTest

/// `.databricks/bundle/<target>/variable-overrides.json` assigns variables for one target, as in the
/// Databricks CLI (bundle/config/mutator/set_variables.go): a required variable set there has a value,
/// `BUNDLE_VAR_` still wins over it, and a change of the file is seen also when findings were cached.
final class VariableOverridesFileTests: RepositoryTestCase {
    func testAVariableSetInTheOverridesFileHasAValue() throws {
        let bundle = try copyFixture()
        try edit("bundle/databricks.yml", replacing: "    variables:\n      warehouse_id: 1234567890abcdef\n", with: "")
        try git(["init", "-q"], in: bundle)
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "init"], in: bundle)

        let missing = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(missing.status, 1, missing.stdout)
        XCTAssertTrue(missing.stdout.contains("no value assigned to required variable warehouse_id"), missing.stdout)

        // The file of another target does not count for dev.
        try workspace.write(["bundle/.databricks/bundle/prod/variable-overrides.json": "{\"warehouse_id\": \"abc\"}\n"])
        XCTAssertEqual(try dabrepo(["validate"], in: bundle).status, 1)
        try workspace.write(["bundle/.databricks/bundle/dev/variable-overrides.json": "{\"warehouse_id\": \"abc\"}\n"])
        let found = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(found.status, 0, found.stdout)
        XCTAssertTrue(found.stdout.hasSuffix("Validation OK!\n"), found.stdout)

        // A value that reaches a file whose findings are kept between runs: a change of the overrides
        // file is seen there too.
        try edit("bundle/databricks.yml", replacing: "variables:\n  catalog:\n", with: "variables:\n  runs:\n    default: 1\n  catalog:\n")
        try edit("bundle/resources/nightly_etl.job.yml", replacing: "      name: nightly_etl\n", with: "      name: nightly_etl\n      max_concurrent_runs: ${var.runs}\n")
        try workspace.write(["bundle/.databricks/bundle/dev/variable-overrides.json": "{\"warehouse_id\": \"abc\", \"runs\": 2}\n"])
        XCTAssertEqual(try dabrepo(["validate"], in: bundle).stdout.hasSuffix("Validation OK!\n"), true)
        XCTAssertEqual(try dabrepo(["validate"], in: bundle).stdout.hasSuffix("Validation OK!\n"), true, "the second run uses kept findings")
        try workspace.write(["bundle/.databricks/bundle/dev/variable-overrides.json": "{\"warehouse_id\": \"abc\", \"runs\": \"a few\"}\n"])
        let typed = try dabrepo(["validate"], in: bundle)
        XCTAssertTrue(typed.stdout.contains("\n  at resources.jobs.nightly_etl.max_concurrent_runs\n  in resources/nightly_etl.job.yml:")
                      && typed.stdout.contains("max_concurrent_runs must be an integer, not a string."), typed.stdout)

        // Not a JSON object: said, naming the file.
        try workspace.write(["bundle/.databricks/bundle/dev/variable-overrides.json": "[\"abc\"]\n"])
        let bad = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(bad.status, 1, bad.stdout)
        XCTAssertTrue(bad.stdout.contains("failed to parse variables file .databricks/bundle/dev/variable-overrides.json: invalid format"), bad.stdout)
        // Not JSON at all: said so (it was "invalid format", read as a YAML string).
        try workspace.write(["bundle/.databricks/bundle/dev/variable-overrides.json": "not a json\n"])
        let text = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(text.status, 1, text.stdout)
        XCTAssertTrue(text.stdout.contains("variable-overrides.json: error decoding JSON: the file is not JSON"), text.stdout)
    }

    /// The file is local state (under .databricks/, which git ignores): the pre-commit hook, which checks
    /// the staged files, reads it from the work tree as `databricks bundle validate` does.
    func testThePreCommitHookReadsTheUncommittedOverridesFile() throws {
        let bundle = try copyFixture()
        try git(["init", "-q"], in: bundle)
        try workspace.write(["bundle/.gitignore": ".databricks/\n"])
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "init"], in: bundle)
        XCTAssertEqual(try dabrepo(["hooks", "install"], in: bundle).status, 0)

        try edit("bundle/databricks.yml", replacing: "    variables:\n      warehouse_id: 1234567890abcdef\n", with: "")
        try git(["add", "databricks.yml"], in: bundle)
        let blocked = try git(["commit", "-m", "no warehouse in dev"], in: bundle)
        XCTAssertNotEqual(blocked.status, 0, "dev has no warehouse_id")
        XCTAssertTrue(blocked.stderr.contains("no value assigned to required variable warehouse_id"), blocked.stderr)

        try workspace.write(["bundle/.databricks/bundle/dev/variable-overrides.json": "{\"warehouse_id\": \"abc\"}\n"])
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "M  databricks.yml", "the file is not staged")
        let passed = try git(["commit", "-m", "dev's warehouse from the local overrides file"], in: bundle)
        XCTAssertEqual(passed.status, 0, passed.stderr)
    }
}
