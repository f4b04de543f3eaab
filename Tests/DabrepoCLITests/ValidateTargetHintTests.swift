import Foundation
import TestSupport
import XCTest

/// The library says a target must be named without naming a flag; `validate` adds its own flags.
final class ValidateTargetHintTests: XCTestCase {
    func testSeveralTargetsWithoutADefaultNameTheCommandsFlags() throws {
        let directory = try TemporaryDirectory()
        try "bundle:\n  name: x\ntargets:\n  dev: {}\n  prod: {}\n".write(to: directory.url.appendingPathComponent("databricks.yml"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.dabrepo(["validate"], in: directory.url)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("Error: this bundle has several targets (dev, prod) and none is marked `default: true`; "
            + "pass --target NAME, or --all-targets to validate every one"), result.stderr)
        XCTAssertEqual(try CommandRunner.dabrepo(["validate", "--target", "dev"], in: directory.url).status, 0)
    }
}
