import Foundation
import TestSupport
import XCTest

/// The `dabrepo serve` page in a real browser: Tests/Browser/page_test.py drives headless Chromium through
/// Selenium (scripts/install-test-tools installs Debian's chromium and chromium-driver and selenium 4.51.0)
/// against the built binary serving a fresh bundle: a request answered by the offline planner, one by the
/// fake model with streamed text and a tool call, both revision cards, the opened semantic diff, the ZIP
/// download equal to `git archive`, the timeline, the highlighted files, phone width, and no console error.
final class ServePageBrowserTests: CLITestCase {
    func testThePageChatsDownloadsAndReportsNoConsoleError() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"] {
            XCTAssertTrue(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: run scripts/install-test-tools first")
        }
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/Browser/page_test.py")
        let screenshots = workspace.url.appendingPathComponent("screenshots")
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"),
                                           ["python3", script.path, "--dabrepo", TestPaths.dabrepoBinary.path, "--screenshots", screenshots.path])
        XCTAssertFalse(result.stderr.contains("No module named 'selenium'"), "run scripts/install-test-tools first: \(result.stderr)")
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("serve page browser test: OK"), result.stdout + result.stderr)
        for name in ["serve.png", "serve-phone.png"] {
            let data = try Data(contentsOf: screenshots.appendingPathComponent(name))
            XCTAssertEqual(Array(data.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "\(name) is not a PNG")
        }
    }
}
