import Foundation
import TestSupport
import XCTest

/// libcurl is not a dependency of the dabrepo executable: CurlOnDemand defines the libcurl functions
/// and opens libcurl with dlopen on the first call, so commands that never talk HTTP (validate, the
/// hooks, diff) start without loading it and its ~30 libraries; commands that do still reach the server.
final class CurlOnDemandTests: CLITestCase {
    func testTheExecutableDoesNotNeedLibcurl() throws {
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["readelf", "-d", TestPaths.dabrepoBinary.path],
                                           in: workspace.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        let needed = result.stdout.split(separator: "\n").filter { $0.contains("(NEEDED)") }
        XCTAssertFalse(needed.isEmpty, result.stdout)
        XCTAssertFalse(needed.contains { $0.contains("libcurl") }, needed.joined(separator: "\n"))
    }
}
