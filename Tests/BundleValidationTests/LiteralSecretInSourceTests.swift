import BundleModel
import BundleValidation
import XCTest

/// Tokens in notebooks and source files: errors, warnings in tests, nothing for secret references.
final class LiteralSecretInSourceTests: XCTestCase {
    func findings(_ files: [String: String]) throws -> [Diagnostic] {
        let all = files.merging(["databricks.yml": "bundle:\n  name: demo\n"]) { $1 }
        return try RuleExampleTests.validate(all, RuleExample("bundle:\n  name: demo\n", files: files)).filter { $0.rule == "literal-secret-source" }
    }

    func testTokensInSourceFiles() throws {
        let token = "dapi" + String(repeating: "0a1b2c3d", count: 4)
        let found = try findings(["src/etl.py": "# Databricks notebook source\nx = 1\nheaders = {'Authorization': 'Bearer \(token)'}\n",
                                  "tests/test_api.py": "FAKE = '\(token)'\n",
                                  "src/report.sql": "SELECT 1\n", "README.md": "token: \(token)\n", ".venv/lib/site.py": "t = '\(token)'\n"])
        XCTAssertEqual(found.map { "\($0.location?.file ?? "-"):\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.severity)" }.sorted(),
                       ["src/etl.py:3:37 error", "tests/test_api.py:1:9 warning"])
        XCTAssertFalse(found.contains { $0.summary.contains(token) || ($0.detail ?? "").contains(token) }, "the token is never printed")
        XCTAssertEqual(try findings(["src/etl.py": "token = dbutils.secrets.get('etl', 'token')\n"]), [])
        // A file git ignores is neither committed nor synced.
        XCTAssertEqual(try findings(["src/local_secrets.py": "T = '\(token)'\n", ".gitignore": "local_secrets.py\n"]), [])
        // Its place is printed, not redacted for the word "secrets" in the file name.
        XCTAssertEqual(SecretRedaction.redact("in src/my_secrets.py:1:6"), "in src/my_secrets.py:1:6")
    }
    /// AWS's documented example keys, quoted in comments and READMEs, were errors that failed the hook.
    func testAWSDocumentedExampleKeysAreNoFinding() throws {
        let example = "AKIA" + "IOSFODNN7EXAMPLE"
        let real = "AKIA" + "IOSFODNN7ABCDEFG"
        XCTAssertEqual(try findings(["src/job.py": "# aws_access_key_id = \(example)\nx = 1\n"]), [])
        XCTAssertEqual(try findings(["src/job.py": "aws_access_key_id = '\(real)'\n"]).map(\.severity), [.error])
    }

    /// Placeholders shaped like tokens (one character repeated, "test" between dashes) were errors that
    /// failed the hook: samples and test fixtures write them.
    func testTokenShapedPlaceholdersAreNoFinding() throws {
        let zeros = "dapi" + String(repeating: "0", count: 32)
        let testKey = "sk-ant-" + "test-key-00000000000000"
        XCTAssertEqual(try findings(["src/nb.py": "import os\nos.environ['ANTHROPIC_API_KEY'] = '\(testKey)'\nT = '\(zeros)'\n"]), [])
        let real = "sk-ant-" + "api03-" + String(repeating: "Zx9q", count: 8)
        XCTAssertEqual(try findings(["src/nb.py": "K = '\(real)'\n"]).map(\.severity), [.error])
    }
}
