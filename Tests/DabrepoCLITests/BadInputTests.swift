import Foundation
import TestSupport
import XCTest

/// Hostile and broken input: never a crash or a hang, always a diagnostic naming the file.
final class BadInputTests: CLITestCase {
    func bundle(with extra: [String: String] = [:], include: String = "resources/*.yml") throws -> URL {
        var files = ["bundle/databricks.yml": "bundle:\n  name: demo\ninclude:\n  - \(include)\n"]
        for (k, v) in extra { files["bundle/" + k] = v }
        try workspace.write(files)
        return workspace.url.appendingPathComponent("bundle")
    }

    func assertDiagnostic(_ result: CommandResult, names file: String, rule: String, file sourceFile: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr, file: sourceFile, line: line)
        XCTAssertTrue(result.stdout.contains("in \(file):"), "no location naming \(file): \(result.stdout)", file: sourceFile, line: line)
        XCTAssertTrue(result.stdout.contains("rule \(rule)"), result.stdout, file: sourceFile, line: line)
    }

    func testEmptyRootFileNeedsABundleName() throws {
        try workspace.write(["bundle/databricks.yml": ""])
        let result = try dabrepo(["validate", "bundle"])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Error: bundle name not defined\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("rule bundle-name"), result.stdout)
    }

    func testEmptyIncludedFileIsFine() throws {
        let root = try bundle(with: ["resources/empty.yml": ""])
        XCTAssertEqual(try dabrepo(["validate"], in: root).status, 0)
    }

    func testBinaryFile() throws {
        let root = try bundle()
        try workspace.write("bundle/resources/blob.yml", Data((0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 37) }))
        assertDiagnostic(try dabrepo(["validate"], in: root), names: "resources/blob.yml", rule: "file-encoding")
    }

    func testTenThousandLevelsOfNesting() throws {
        let root = try bundle(with: ["resources/deep.yml": "resources:\n  jobs:\n    a:\n      tags: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"])
        assertDiagnostic(try dabrepo(["validate"], in: root), names: "resources/deep.yml", rule: "yaml-syntax")
    }

    func testDeepBlockNesting() throws {
        var text = "resources:\n"
        for i in 0..<3_000 { text += String(repeating: " ", count: i + 2) + "k\(i):\n" }
        let root = try bundle(with: ["resources/deep.yml": text])
        let result = try dabrepo(["validate"], in: root)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("resources/deep.yml"), result.stdout)
    }

    func testFiftyMegabyteFile() throws {
        let root = try bundle()
        var line = Data("# padding padding padding padding padding padding padding padding padding padding\n".utf8)
        var big = Data(capacity: 52 << 20)
        while big.count < 50 << 20 { big.append(line) }
        line = Data()
        try workspace.write("bundle/resources/huge.yml", big)
        let result = try dabrepo(["validate"], in: root)
        assertDiagnostic(result, names: "resources/huge.yml", rule: "file-encoding")
        XCTAssertTrue(result.stdout.contains("too large"), result.stdout)
    }

    func testBillionLaughs() throws {
        var text = "resources:\n  jobs:\n    a:\n      tags:\n        x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...12 { text += "        x\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ",") + "]\n" }
        let root = try bundle(with: ["resources/lol.yml": text])
        let result = try dabrepo(["validate"], in: root)
        assertDiagnostic(result, names: "resources/lol.yml", rule: "yaml-syntax")
        XCTAssertTrue(result.stdout.contains("through aliases"), result.stdout)
    }

    func testIncludeLoopThroughSymlinks() throws {
        let root = try bundle(with: ["resources/a.job.yml": "resources:\n  jobs:\n    a:\n      name: a\n"], include: "resources/**/*.yml")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("resources/again").path, withDestinationPath: "..")
        let result = try dabrepo(["validate"], in: root)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    }

    func testIncludeThroughDotDotThatIsMissing() throws {
        let root = try bundle(include: "../elsewhere/config.yml")
        let result = try dabrepo(["validate"], in: root)
        assertDiagnostic(result, names: "databricks.yml", rule: "include-path")
        XCTAssertTrue(result.stdout.contains("include \"../elsewhere/config.yml\" names a file that does not exist"), result.stdout)
    }

    func testSyntaxErrorShowsTheLineWithACaret() throws {
        let root = try bundle(with: ["resources/bad.yml": "resources:\n  jobs:\n    a:\n      name: x\n     tags: {}\n"])
        let result = try dabrepo(["validate"], in: root)
        assertDiagnostic(result, names: "resources/bad.yml", rule: "yaml-syntax")
        XCTAssertTrue(result.stdout.contains("    5 |      tags: {}\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("^"), result.stdout)
    }

    func testSyntaxErrorInRootFileWithTargetStillReportsIt() throws {
        try workspace.write(["bundle/databricks.yml": "bundle:\n  name: demo\ntargets:\n  dev: [\n"])
        let result = try dabrepo(["validate", "bundle", "--target", "dev"])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("rule yaml-syntax"), result.stdout)
    }
}

/// A file that cannot be read yields its own error and nothing else: no "missing required field
/// bundle" although `bundle:` is on line 1, no findings about what the unread file would define.
final class UnreadableFileTests: CLITestCase {
    func testOnlyTheFilesOwnErrorIsReported() throws {
        let cases: [(name: String, file: String, text: Data, rule: String)] = [
            ("unknown alias", "databricks.yml", Data("bundle:\n  name: demo\nresources:\n  jobs:\n    a:\n      name: *nope\n".utf8), "yaml-syntax"),
            ("nesting bomb", "databricks.yml", Data(("bundle:\n  name: demo\nresources:\n  jobs:\n    a:\n      tags: " + String(repeating: "[", count: 5_000) + "\n").utf8), "yaml-syntax"),
            ("non-UTF-8 byte", "databricks.yml", Data("bundle:\n  name: demo\n".utf8) + Data([0xFF, 0xFE, 0x0A]), "file-encoding"),
            ("broken included file", "resources/etl.job.yml", Data("resources:\n  jobs:\n    etl:\n      name: [etl\n".utf8), "yaml-syntax"),
        ]
        for (i, c) in cases.enumerated() {
            let folder = "case\(i)"
            try workspace.write(["\(folder)/databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\nresources:\n  jobs:\n    report:\n      name: report\n      tasks:\n        - task_key: t\n          job_cluster_key: ${resources.jobs.etl.id}\n"])
            try workspace.write("\(folder)/\(c.file)", c.text)
            let result = try dabrepo(["validate", "--all-targets", "--output", "json", folder])
            XCTAssertEqual(result.status, 1, "\(c.name): \(result.stdout)\(result.stderr)")
            let diagnostics = try json(result.stdout)["diagnostics"] as? [[String: Any]] ?? []
            XCTAssertEqual(diagnostics.map { $0["rule"] as? String ?? "" }, [c.rule], "\(c.name): \(result.stdout)")
            XCTAssertEqual(diagnostics.first?["file"] as? String, c.file, c.name)
        }
    }
}
