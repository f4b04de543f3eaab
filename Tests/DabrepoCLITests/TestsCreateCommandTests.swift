import Foundation
import TestSupport
import XCTest

final class TestsCreateCommandTests: RepositoryTestCase {
    func pytest(_ bundle: URL) throws -> CommandResult {
        try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"],
                              in: bundle, environment: environment)
    }

    func testScaffoldsTestsThatRunAndCatchABrokenNotebook() throws {
        let bundle = try initBundle("demo")
        try FileManager.default.createDirectory(at: bundle.appendingPathComponent("src/helpers"), withIntermediateDirectories: true)
        try "import math\n\n\ndef area(r):\n    return math.pi * r * r\n".write(to: bundle.appendingPathComponent("src/helpers/geometry.py"), atomically: true, encoding: .utf8)
        try "import a_library_nobody_has\n".write(to: bundle.appendingPathComponent("src/needs_lib.py"), atomically: true, encoding: .utf8)
        _ = try git(["add", "-A"], in: bundle)
        _ = try git(["commit", "-qm", "helpers"], in: bundle)

        let created = try dabrepo(["tests", "create"], in: bundle)
        XCTAssertEqual(created.status, 0, created.stdout + created.stderr)
        XCTAssertTrue(created.stdout.hasPrefix("Created 3 test files for the bundle's Python notebooks and files and the demo_tests job for target dev."), created.stdout)
        XCTAssertEqual(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle).split(separator: "\n").sorted(),
                       ["resources/demo_tests.job.yml", "tests/conftest.py", "tests/run_tests.py", "tests/test_helpers_geometry.py",
                        "tests/test_needs_lib.py", "tests/test_notebook.py"])
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%B"], in: bundle).contains("Dabrepo-Agent: tests"))

        // The job exists for dev only, and the bundle stays valid (dabrepo and the oracle).
        let dev = try dabrepo(["diff", "HEAD~1", "HEAD", "--target", "dev", "--output", "json"], in: bundle)
        XCTAssertTrue(dev.stdout.contains("demo_tests"), dev.stdout)
        let prod = try dabrepo(["diff", "HEAD~1", "HEAD", "--target", "prod", "--output", "json"], in: bundle)
        XCTAssertFalse(prod.stdout.contains("demo_tests"), prod.stdout)
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0)
        if let oracle = TestPaths.shared?.appendingPathComponent("oracle/check-bundle") {
            let checked = try CommandRunner.run(oracle, ["--target", "dev", bundle.path])
            XCTAssertEqual(checked.status, 0, checked.stdout + checked.stderr)
        }

        // The tests run: the notebook's cells compile, its widget is declared, the module imports; the
        // module whose library is missing is skipped with the reason.
        let passing = try pytest(bundle)
        XCTAssertEqual(passing.status, 0, passing.stdout + passing.stderr)
        XCTAssertTrue(passing.stdout.contains("5 passed, 1 skipped"), passing.stdout)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "", "Python's caches are ignored")

        // They can fail: a syntax error in a notebook cell, a widget renamed.
        let notebook = bundle.appendingPathComponent("src/notebook.py")
        let original = try read(notebook)
        try (original + "\n# COMMAND ----------\n\nif True print('x')\n").write(to: notebook, atomically: true, encoding: .utf8)
        let broken = try pytest(bundle)
        XCTAssertEqual(broken.status, 1, broken.stdout)
        XCTAssertTrue(broken.stdout.contains("src/notebook.py, cell"), broken.stdout)
        try original.replacingOccurrences(of: "\"catalog\"", with: "\"catalog_name\"").write(to: notebook, atomically: true, encoding: .utf8)
        let renamed = try pytest(bundle)
        XCTAssertEqual(renamed.status, 1, renamed.stdout)
        XCTAssertTrue(renamed.stdout.contains("no longer declares the widget catalog"), renamed.stdout)
        try original.write(to: notebook, atomically: true, encoding: .utf8)

        // Again: nothing to do; with a new notebook, only its test is added and nothing is overwritten.
        let again = try dabrepo(["tests", "create", "--output", "json"], in: bundle)
        let nothing = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any], again.stdout + again.stderr)
        XCTAssertEqual(nothing["created"] as? [String], [])
        XCTAssertTrue(nothing["commit"] is NSNull)
        try "# Databricks notebook source\nprint('report')\n".write(to: bundle.appendingPathComponent("src/report.py"), atomically: true, encoding: .utf8)
        _ = try git(["add", "-A"], in: bundle)
        _ = try git(["commit", "-qm", "report"], in: bundle)
        let more = try dabrepo(["tests", "create", "-o", "json"], in: bundle)
        let added = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(more.stdout.utf8)) as? [String: Any], more.stdout + more.stderr)
        XCTAssertEqual(added["created"] as? [String], ["tests/test_report.py"])
        XCTAssertEqual((added["kept"] as? [String])?.count, 6)
    }

    func testIgnoresPythonCachesWhereGitDoesNotYet() throws {
        let bundle = try initBundle("demo")
        try "# Local state.\n.databricks/\n".write(to: bundle.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        _ = try git(["commit", "-qam", "a shorter .gitignore"], in: bundle)
        let created = try dabrepo(["tests", "create"], in: bundle)
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertEqual(try read(bundle.appendingPathComponent(".gitignore")),
                       "# Local state.\n.databricks/\n\n# Python caches (running the tests locally).\n__pycache__/\n*.pyc\n.pytest_cache/\n")
        XCTAssertTrue(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle).contains(".gitignore"))
        XCTAssertEqual(try pytest(bundle).status, 0)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testNeedsADevelopmentTarget() throws {
        let bundle = try initBundle("demo")
        let missing = try dabrepo(["tests", "create", "--target", "staging"], in: bundle)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no such target 'staging'"), missing.stderr)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }
}
