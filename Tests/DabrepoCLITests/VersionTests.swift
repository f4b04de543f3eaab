import Foundation
import TestSupport
import XCTest

/// `dabrepo --version` names the commit the binary was built from (scripts/record-build-commit,
/// run by BuildCommitPlugin before every build).
final class VersionTests: CLITestCase {
    func run(_ executable: String, _ arguments: [String], in directory: URL) throws -> CommandResult {
        try CommandRunner.run(URL(fileURLWithPath: executable), arguments, in: directory)
    }

    func testVersionNamesTheCommitTheBinaryWasBuiltFrom() throws {
        let result = try dabrepo(["--version"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertNotNil(result.stdout.range(of: #"^dabrepo \d+\.\d+\.\d+ \(([0-9a-f]{7,}(-dirty)?|unknown commit)\)\n$"#, options: .regularExpression),
                        result.stdout)
        let head = try run("/usr/bin/git", ["rev-parse", "--short=7", "HEAD"], in: TestPaths.packageRoot)
        if head.status == 0 {
            let commit = head.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            XCTAssertTrue(result.stdout.contains("(\(commit)"),
                          "\(result.stdout) is not built from HEAD \(commit); after a commit, `swift build` records the new one")
        }
    }

    func testTheRecordedCommitFollowsTheCloneAndIsUnknownWithoutOne() throws {
        let script = TestPaths.packageRoot.appendingPathComponent("scripts/record-build-commit").path
        let package = workspace.url.appendingPathComponent("package"), output = workspace.url.appendingPathComponent("out")
        try workspace.write(["package/Package.swift": "// a package\n"])
        let generated = output.appendingPathComponent("BuildCommit.swift")
        func record() throws -> String {
            let result = try run("/bin/sh", [script, package.path, output.path], in: workspace.url)
            XCTAssertEqual(result.status, 0, result.stderr)
            return try String(contentsOf: generated, encoding: .utf8)
        }
        // Not a git clone: no commit.
        XCTAssertTrue(try record().contains("static let id = \"\"\n"))

        let git = ["-c", "user.name=T", "-c", "user.email=t@example.com"]
        for arguments in [["init", "-q"], ["add", "-A"], git + ["commit", "-qm", "first"]] {
            XCTAssertEqual(try run("/usr/bin/git", arguments, in: package).status, 0)
        }
        let commit = try run("/usr/bin/git", ["rev-parse", "--short=7", "HEAD"], in: package).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(try record().contains("static let id = \"\(commit)\"\n"))
        // Unchanged: the file is not rewritten (nothing recompiles).
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: generated.path)
        _ = try record()
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: generated.path)[.modificationDate] as? Date, Date(timeIntervalSince1970: 1_000_000))
        // A tracked file with uncommitted changes.
        try workspace.write(["package/Package.swift": "// changed\n"])
        XCTAssertTrue(try record().contains("static let id = \"\(commit)-dirty\"\n"))
    }
}
