import Foundation
import TestSupport
import XCTest

/// A databricks.yml saved with a UTF-8 byte order mark (as some Windows editors do) whose first line is
/// a key: the YAML composer read the mark as a character, so that key sat at column 1 and the next
/// top-level key, at column 0, ended the document: "did not find expected <document start>" for a valid
/// bundle. Found by FuzzYAMLEdit (a key added at the top level of such a file did not parse).
final class ByteOrderMarkBundleTests: CLITestCase {
    func testABundleFileWithAByteOrderMarkValidates() throws {
        let bundle = try copyFixture()
        let file = bundle.appendingPathComponent("databricks.yml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let withoutComment = text.split(separator: "\n", omittingEmptySubsequences: false).drop { $0.hasPrefix("#") }.joined(separator: "\n")
        XCTAssertTrue(withoutComment.hasPrefix("bundle:\n"), withoutComment)
        try Data([0xEF, 0xBB, 0xBF] + Array(withoutComment.utf8)).write(to: file)
        let result = try dabrepo(["validate", "--all-targets"], in: bundle)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "Name: nightly_etl\nTargets: dev, prod\n\nValidation OK!\n")
    }
}
