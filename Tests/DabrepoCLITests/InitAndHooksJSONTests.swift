import Foundation
import TestSupport
import XCTest

/// `init` and `hooks` print JSON with `--output json`, as the other commands do: what was created,
/// and the hook and diff driver after the action, also when they fail.
final class InitAndHooksJSONTests: RepositoryTestCase {
    func testInitPrintsWhatItCreatedAsJSON() throws {
        let made = try dabrepo(["init", "etl", "--template", "notebook-job", "--output", "json"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let result = try json(made.stdout)
        XCTAssertEqual(result["bundle_name"] as? String, "etl")
        XCTAssertEqual(result["template"] as? String, "notebook-job")
        let bundle = workspace.url.appendingPathComponent("etl")
        XCTAssertEqual(result["commit"] as? String, try gitOutput(["rev-parse", "HEAD"], in: bundle))
        XCTAssertEqual((result["files"] as? [String])?.contains("databricks.yml"), true, made.stdout)
        XCTAssertNotNil(result["diff_driver"] as? String, "the diff driver is set up without asking")

        let templates = try dabrepo(["init", "--list-templates", "-o", "json"])
        let names = (try JSONSerialization.jsonObject(with: Data(templates.stdout.utf8)) as? [[String: String]])?.compactMap { $0["name"] }
        XCTAssertEqual(names?.contains("pipeline"), true, templates.stdout)

        // Failing: the folder holds a bundle already; the error is JSON too.
        let again = try dabrepo(["init", "etl", "--output", "json"])
        XCTAssertEqual(again.status, 2, again.stderr)
        XCTAssertEqual(try json(again.stdout)["kind"] as? String, "usage", again.stdout)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "1", "nothing was written")
    }

    func testHooksStatusInstallAndUninstallAsJSON() throws {
        let bundle = try initBundle()
        let status = try json(try dabrepo(["hooks", "status", "--output", "json"], in: bundle).stdout)
        XCTAssertEqual(status["action"] as? String, "status")
        XCTAssertEqual(status["hook_runs"] as? Bool, true)
        XCTAssertEqual(status["diff_driver_configured"] as? Bool, true)
        XCTAssertEqual(status["changed"] as? Bool, false)

        let removed = try dabrepo(["hooks", "uninstall", "-o", "json"], in: bundle)
        XCTAssertEqual(removed.status, 0, removed.stderr)
        let removal = try json(removed.stdout)
        XCTAssertEqual(removal["hook_runs"] as? Bool, false)
        XCTAssertEqual(removal["changed"] as? Bool, true)
        XCTAssertFalse(FileManager.default.fileExists(atPath: bundle.appendingPathComponent(".git/hooks/pre-commit").path))

        let installed = try json(try dabrepo(["hooks", "install", "-o", "json"], in: bundle).stdout)
        XCTAssertEqual(installed["hook_runs"] as? Bool, true)
        XCTAssertEqual(installed["changed"] as? Bool, true)
        XCTAssertEqual(try json(try dabrepo(["hooks", "install", "-o", "json"], in: bundle).stdout)["changed"] as? Bool, false, "installing twice changes nothing")
        // Text stays as it was.
        XCTAssertTrue(try dabrepo(["hooks", "status"], in: bundle).stdout.hasPrefix("Pre-commit hook: installed"))

        // Outside a repository: JSON, exit status 2.
        let outside = try dabrepo(["hooks", "status", "-o", "json"], in: home)
        XCTAssertEqual(outside.status, 2, outside.stderr)
        XCTAssertEqual(try json(outside.stdout)["kind"] as? String, "not-found", outside.stdout)
    }
}
