import DabrepoTools
import Foundation
import TestSupport
import XCTest

/// A library caller names the served folder as it likes: `/path/to/served`, `/path/to/served/` or a
/// path relative to the current directory. Every spelling serves the same folder, so a tool's `repo`
/// argument resolves inside it (not beside it) and a tool without one works in it.
final class ToolRunnerFolderSpellingTests: XCTestCase {
    let environment = ["GIT_AUTHOR_NAME": "Ana", "GIT_AUTHOR_EMAIL": "ana@example.com",
                       "GIT_COMMITTER_NAME": "Ana", "GIT_COMMITTER_EMAIL": "ana@example.com"]

    func runner(_ directory: URL, home: URL) -> ToolRunner {
        var environment = self.environment
        environment["HOME"] = home.path
        return ToolRunner(executable: URL(fileURLWithPath: "/nonexistent/dabrepo"), directory: directory, environment: environment, isolation: .inProcess)
    }

    /// `path` relative to the current directory (`../../tmp/…`).
    func relativeToCurrentDirectory(_ path: String) -> String {
        let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
        return String(repeating: "../", count: depth) + path.drop(while: { $0 == "/" })
    }

    func testEverySpellingOfTheServedFolderServesIt() async throws {
        let served = try TemporaryDirectory()
        let made = await runner(URL(fileURLWithPath: served.path, isDirectory: true), home: served.url)
            .call("init_bundle_repo", arguments: ["directory": "demo", "template": "empty", "author": "Ana <ana@example.com>"])
        XCTAssertFalse(made.isError, made.text)
        let bundle = served.url.appendingPathComponent("demo")

        let spellings: [(String, URL)] = [
            ("no trailing slash", URL(filePath: served.path, directoryHint: .notDirectory)),
            ("a trailing slash", URL(fileURLWithPath: served.path + "/", isDirectory: true)),
            ("relative", URL(filePath: relativeToCurrentDirectory(served.path), directoryHint: .notDirectory, relativeTo: nil)),
            ("relative, as a string", try XCTUnwrap(URL(string: relativeToCurrentDirectory(served.path)))),
        ]
        for (spelling, directory) in spellings {
            let tools = runner(directory, home: served.url)
            XCTAssertEqual(tools.directory.path, served.url.standardizedFileURL.path, spelling)
            let validated = await tools.call("validate_bundle", arguments: ["repo": "demo"])
            XCTAssertFalse(validated.isError, "\(spelling): \(validated.text)")
            let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(validated.text.utf8)) as? [String: Any], spelling)
            XCTAssertEqual(report["errors"] as? Int, 0, "\(spelling): \(validated.text)")

            let listed = await tools.call("list_revisions", arguments: ["repo": "demo"])
            XCTAssertFalse(listed.isError, "\(spelling): \(listed.text)")
            XCTAssertTrue(listed.text.contains("\"commit\""), "\(spelling): \(listed.text)")

            // A folder outside the served one is still refused, however the served folder is spelt.
            let outside = await tools.call("validate_bundle", arguments: ["repo": "../elsewhere"])
            XCTAssertTrue(outside.isError, spelling)
            XCTAssertTrue(outside.text.contains("outside the served folder"), "\(spelling): \(outside.text)")
            XCTAssertFalse(outside.text.contains("--"), "the runner serves MCP and serve alike: no front end's flag in its message: \(outside.text)")
        }

        // Serving the bundle itself, without a trailing slash: tools without `repo` work in it.
        let inBundle = runner(URL(filePath: bundle.path, directoryHint: .notDirectory), home: served.url)
        let validated = await inBundle.call("validate_bundle", arguments: [:])
        XCTAssertFalse(validated.isError, validated.text)
        let shown = await inBundle.call("show_revision", arguments: ["revision": "HEAD"])
        XCTAssertFalse(shown.isError, shown.text)
    }
}
