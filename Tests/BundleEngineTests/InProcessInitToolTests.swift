import DabrepoTools
import Foundation
import TestSupport
import XCTest

/// init_bundle_repo runs in process: with an executable that does not exist, a child process could not
/// start, yet the bundle is created and committed and the text is dabrepo init's report.
final class InProcessInitToolTests: XCTestCase {
    func testInitBundleRepoNeedsNoChildProcess() async throws {
        let served = try TemporaryDirectory()
        // A folder URL (ending in /): the tools' relative paths resolve against it.
        let runner = ToolRunner(executable: URL(fileURLWithPath: "/nonexistent/dabrepo"), directory: URL(fileURLWithPath: served.url.path, isDirectory: true),
                                environment: ["GIT_AUTHOR_NAME": "Ana", "GIT_AUTHOR_EMAIL": "ana@example.com",
                                              "GIT_COMMITTER_NAME": "Ana", "GIT_COMMITTER_EMAIL": "ana@example.com", "HOME": served.url.path],
                                isolation: .inProcess)
        let outcome = await runner.call("init_bundle_repo", arguments: ["directory": "demo", "template": "empty", "author": "Ana <ana@example.com>"])
        XCTAssertFalse(outcome.isError, outcome.text)
        XCTAssertTrue(outcome.text.hasPrefix("Created bundle demo from template empty in "), outcome.text)
        XCTAssertTrue(outcome.text.contains("Next: cd demo && dabrepo validate --all-targets\n"), outcome.text)
        XCTAssertTrue(FileManager.default.fileExists(atPath: served.url.appendingPathComponent("demo/databricks.yml").path))

        // A refusal (the folder holds a bundle now) is an error result with the repository's message.
        let again = await runner.call("init_bundle_repo", arguments: ["directory": "demo"])
        XCTAssertTrue(again.isError)
        XCTAssertTrue(again.text.contains("already has databricks.yml"), again.text)
    }
}
