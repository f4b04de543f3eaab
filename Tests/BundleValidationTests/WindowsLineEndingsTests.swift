import BundleModel
import BundleValidation
import XCTest

/// Files saved with Windows line ends (CRLF), as editors on Windows and `core.autocrlf` checkouts write
/// them: what validate finds is said at the same line and column as in the same file with LF ends. (A
/// Swift string holds "\r\n" as one character; lines split on "\n" made such a file one line.)
final class WindowsLineEndingsTests: XCTestCase {
    func findings(_ files: [String: String]) throws -> [String] {
        try RuleExampleTests.validate(files, RuleExample(files["databricks.yml"]!, files: files))
            .map { "\($0.rule) \($0.location?.file ?? "-"):\($0.location?.line ?? 0):\($0.location?.column ?? 0)" }.sorted()
    }

    func crlf(_ files: [String: String]) -> [String: String] {
        files.mapValues { $0.replacingOccurrences(of: "\n", with: "\r\n") }
    }

    /// A syntax error in a CRLF file was said at databricks.yml:1:96, with the whole file as the excerpt.
    func testASyntaxErrorIsSaidAtItsLine() throws {
        let files = ["databricks.yml": "bundle:\n  name: x\nresources:\n  jobs:\n    j:\n      name: j\n      tasks: [\n        - task_key: a\n"]
        XCTAssertEqual(try findings(files), ["yaml-syntax databricks.yml:8:9"])
        XCTAssertEqual(try findings(crlf(files)), ["yaml-syntax databricks.yml:8:9"])
        let report = try RuleExampleTests.validate(crlf(files), RuleExample(crlf(files)["databricks.yml"]!, files: crlf(files)))
        let excerpt = try XCTUnwrap(report.first?.excerpt)
        XCTAssertEqual(excerpt, "7 |       tasks: [\n8 |         - task_key: a\n  |         ^")
    }

    /// Secrets in a comment of the YAML and in a notebook: at their own line, not line 1.
    func testSecretsAreSaidAtTheirLine() throws {
        let token = "dapi" + String(repeating: "0a1b2c3d", count: 4)
        let files = ["databricks.yml": "bundle:\n  name: demo\n\n# old token: \(token)\n",
                     "src/etl.py": "# Databricks notebook source\nx = 1\nheaders = {'Authorization': 'Bearer \(token)'}\n"]
        let lf = try findings(files)
        XCTAssertEqual(lf, ["literal-secret databricks.yml:4:14", "literal-secret-source src/etl.py:3:37"])
        XCTAssertEqual(try findings(crlf(files)), lf)
    }
}
