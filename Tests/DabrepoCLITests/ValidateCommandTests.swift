import Foundation
import TestSupport
import XCTest

final class ValidateCommandTests: CLITestCase {
    func testValidBundlePassesForEveryTarget() throws {
        let bundle = try copyFixture()
        let result = try dabrepo(["validate", "--all-targets"], in: bundle)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "Name: nightly_etl\nTargets: dev, prod\n\nValidation OK!\n")
    }

    /// The Databricks CLI refuses a bundle whose root path has glob characters ("[abc]") and an include
    /// pattern Go cannot read ("resources/[a.yml"); both were "Validation OK!".
    func testGlobCharactersInTheRootAndABadIncludePattern() throws {
        let bundle = try copyFixture()
        let bracketed = workspace.url.appendingPathComponent("[abc]")
        try FileManager.default.moveItem(at: bundle, to: bracketed)
        let root = try dabrepo(["validate"], in: bracketed)
        XCTAssertEqual(root.status, 2, root.stdout + root.stderr)
        XCTAssertTrue(root.stderr.contains("Bundle root path contains glob pattern characters") && root.stderr.contains("\"[\""), root.stderr)
        try FileManager.default.moveItem(at: bracketed, to: bundle)

        let file = bundle.appendingPathComponent("databricks.yml")
        try (String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "include:\n", with: "include:\n  - resources/[a.yml\n")).write(to: file, atomically: true, encoding: .utf8)
        let pattern = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(pattern.status, 1, pattern.stdout + pattern.stderr)
        XCTAssertTrue(pattern.stdout.contains("include \"resources/[a.yml\": syntax error in pattern"), pattern.stdout)
    }

    /// "${var.foo_${var.tail}}": the CLI resolves the inner reference, then the outer (dabrepo warned it was
    /// no reference, which --strict failed on); a resource's enum field left empty is warned about, as the
    /// CLI does (volume_type: "").
    func testANestedReferenceAndAnEmptyEnumValue() throws {
        let bundle = workspace.url.appendingPathComponent("nested")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        try """
        bundle:
          name: nested
        variables:
          tail:
            default: x
          foo_x:
            default: hello from foo x
          foo_y:
            default: hi from foo y
          greeting:
            default: ${var.foo_${var.tail}}
        resources:
          jobs:
            j:
              name: ${var.greeting}
              tasks:
                - task_key: a
                  notebook_task: {notebook_path: ./a.py}
        targets:
          target_x: {default: true}
          target_y:
            variables:
              tail: y

        """.write(to: bundle.appendingPathComponent("databricks.yml"), atomically: true, encoding: .utf8)
        try "# Databricks notebook source\n".write(to: bundle.appendingPathComponent("a.py"), atomically: true, encoding: .utf8)
        let nested = try dabrepo(["validate", "--all-targets", "--strict"], in: bundle)
        XCTAssertEqual(nested.status, 0, nested.stdout + nested.stderr)
        XCTAssertFalse(nested.stdout.contains("is not a reference"), nested.stdout)
        // An inner reference to nothing is said as such.
        let file = bundle.appendingPathComponent("databricks.yml")
        try (String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "${var.foo_${var.tail}}", with: "${var.foo_${var.nope}}")).write(to: file, atomically: true, encoding: .utf8)
        let missing = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(missing.status, 1, missing.stdout + missing.stderr)
        XCTAssertTrue(missing.stdout.contains("nope"), missing.stdout)
    }

    /// JUnit paths were relative to the folder the step ran in (`../resources/…`), the other CI formats'
    /// to the repository's root: now all of them are, whatever folder validate runs in.
    func testJUnitPathsAreFromTheRepositoryRoot() throws {
        let bundle = try copyFixture(to: "repo/bundles/etl")
        let repository = workspace.url.appendingPathComponent("repo")
        _ = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["init", "-q"], in: repository)
        try edit("repo/bundles/etl/resources/nightly_etl.job.yml", replacing: "          job_cluster_key: etl_cluster\n          notebook_task:",
                 with: "          depends_on:\n            - task_key: report\n          job_cluster_key: etl_cluster\n          notebook_task:")
        for folder in [bundle, bundle.appendingPathComponent("resources")] {
            let junit = try dabrepo(["validate", "-o", "junit"], in: folder)
            XCTAssertEqual(junit.status, 1, junit.stdout + junit.stderr)
            XCTAssertTrue(junit.stdout.contains("bundles/etl/resources/nightly_etl.job.yml:"), junit.stdout)
            XCTAssertFalse(junit.stdout.contains("../"), junit.stdout)
        }
    }

    func testFindsTheBundleFromASubdirectory() throws {
        let bundle = try copyFixture()
        let result = try dabrepo(["validate"], in: bundle.appendingPathComponent("src"))
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Target: dev"))
    }

    /// DATABRICKS_BUNDLE_ROOT names the bundle, as for the Databricks CLI; one that names none says so.
    func testTheBundleRootFromTheEnvironment() throws {
        let bundle = try copyFixture()
        let elsewhere = workspace.url
        let named = try dabrepo(["validate"], in: elsewhere, environment: ["DATABRICKS_BUNDLE_ROOT": bundle.path])
        XCTAssertEqual(named.status, 0, named.stdout + named.stderr)
        XCTAssertTrue(named.stdout.contains("Name: nightly_etl"), named.stdout)
        let wrong = try dabrepo(["validate"], in: bundle, environment: ["DATABRICKS_BUNDLE_ROOT": elsewhere.appendingPathComponent("nowhere").path])
        XCTAssertEqual(wrong.status, 2, wrong.stdout + wrong.stderr)
        XCTAssertTrue(wrong.stderr.contains("Invalid bundle root DATABRICKS_BUNDLE_ROOT="), wrong.stderr)
        // A folder given on the command line wins.
        let given = try dabrepo(["validate", bundle.path], in: elsewhere, environment: ["DATABRICKS_BUNDLE_ROOT": elsewhere.path])
        XCTAssertEqual(given.status, 0, given.stdout + given.stderr)
    }

    func testDiagnosticInTheDatabricksCLIShape() throws {
        try copyFixture()
        try edit("bundle/resources/nightly_etl.job.yml", replacing: "          job_cluster_key: etl_cluster\n          notebook_task:",
                 with: "          job_cluster_key: etl_clutser\n          notebook_task:")
        // (A warning, as `databricks bundle validate` gives it: exit 0, and 1 with --strict.)
        XCTAssertEqual(try dabrepo(["validate", "bundle", "--strict"]).status, 1)
        let result = try dabrepo(["validate", "bundle"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout, """
        Warning: job_cluster_key etl_clutser is not defined in job nightly_etl
          at resources.jobs.nightly_etl.tasks[0].job_cluster_key
          in bundle/resources/nightly_etl.job.yml:19:28
          rule job-cluster-key-defined

        Did you mean etl_cluster? Job nightly_etl defines: etl_cluster.

        Name: nightly_etl
        Target: dev

        Found 1 warning

        """)
    }

    func testJSONOutputForScripts() throws {
        let bundle = try copyFixture()
        try edit("bundle/resources/nightly_etl.job.yml", replacing: "      tasks:\n        - task_key: ingest\n", with: "      tasks:\n        - task_key: ingest_data\n")
        try edit("bundle/resources/nightly_etl.job.yml", replacing: "      name: nightly_etl\n", with: "      name: nightly_etl\n      max_concurent_runs: 1\n")
        let result = try dabrepo(["validate", "--output", "json", "--target", "prod"], in: bundle)
        XCTAssertEqual(result.status, 1)
        let document = try json(result.stdout)
        XCTAssertEqual(document["bundle"] as? String, "nightly_etl")
        XCTAssertEqual(document["target"] as? String, "prod")
        XCTAssertEqual(document["errors"] as? Int, 1)
        XCTAssertEqual(document["warnings"] as? Int, 1)
        let diagnostics = try XCTUnwrap(document["diagnostics"] as? [[String: Any]])
        let error = try XCTUnwrap(diagnostics.first { $0["severity"] as? String == "error" })
        XCTAssertEqual(error["rule"] as? String, "task-dependency-exists")
        XCTAssertEqual(error["path"] as? String, "resources.jobs.nightly_etl.tasks[1].depends_on[0].task_key")
        XCTAssertEqual(error["file"] as? String, "resources/nightly_etl.job.yml")
        XCTAssertEqual(error["line"] as? Int, 27)
        XCTAssertEqual(error["column"] as? Int, 25)
        XCTAssertEqual(error["detail"] as? String, "Did you mean ingest_data?")
        XCTAssertEqual(error["targets"] as? [String], ["prod"])
        let warning = try XCTUnwrap(diagnostics.first { $0["severity"] as? String == "warning" })
        XCTAssertEqual(warning["rule"] as? String, "unknown-field")
    }

    func testStrictFailsOnWarnings() throws {
        let bundle = try copyFixture()
        try edit("bundle/resources/nightly_etl.job.yml", replacing: "      name: nightly_etl\n", with: "      name: nightly_etl\n      colour: blue\n")
        XCTAssertEqual(try dabrepo(["validate"], in: bundle).status, 0)
        let strict = try dabrepo(["validate", "--strict"], in: bundle)
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stdout.contains("Warning: unknown field: colour"), strict.stdout)
        XCTAssertTrue(strict.stdout.hasSuffix("Found 1 warning\n"), strict.stdout)
        XCTAssertEqual(strict.stderr, "Failed: --strict fails on warnings.\n", "the exit status is explained")
    }

    func testGitHubAnnotations() throws {
        try copyFixture()
        try edit("bundle/resources/nightly_etl.job.yml", replacing: "timezone_id: Europe/Berlin", with: "timezone_id: Europe/Berlim")
        let result = try dabrepo(["validate", "bundle", "--all-targets", "--output", "github"])
        XCTAssertEqual(result.status, 1)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, result.stdout)
        XCTAssertTrue(lines[0].hasPrefix("::error file=bundle/resources/nightly_etl.job.yml,line=7,col=22,title=dabrepo schedule-timezone::\"Europe/Berlim\" is not a known time zone"), String(lines[0]))
        // One annotation for the two targets the job file serves, naming both.
        XCTAssertTrue(lines[0].contains(" (in targets dev, prod)%0ADid you mean Europe/Berlin?"), String(lines[0]))
        XCTAssertEqual(lines[1], "Found 1 error")
    }

    /// A workflow step run in the bundle's folder (or below it) still annotates the files where the
    /// repository has them; people reading text get paths from where they stand.
    func testCIPathsAreFromTheRepositoryRootWhereverTheStepRuns() throws {
        let bundle = try copyFixture(to: "repo/bundles/etl")
        XCTAssertEqual(try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["init", "-q"], in: workspace.url.appendingPathComponent("repo")).status, 0)
        try edit("repo/bundles/etl/resources/nightly_etl.job.yml", replacing: "timezone_id: Europe/Berlin", with: "timezone_id: Europe/Berlim")
        let src = bundle.appendingPathComponent("src")
        for directory in [bundle, src] {
            let github = try dabrepo(["validate", "--output", "github"], in: directory)
            XCTAssertTrue(github.stdout.hasPrefix("::error file=bundles/etl/resources/nightly_etl.job.yml,line=7,"), github.stdout)
            let sarif = try dabrepo(["validate", "--output", "sarif"], in: directory).stdout
            let location = ((try json(sarif)["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first?["locations"] as? [[String: Any]]
            XCTAssertEqual(((location?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String,
                           "bundles/etl/resources/nightly_etl.job.yml")
        }
        XCTAssertTrue(try dabrepo(["validate"], in: src).stdout.contains("in ../resources/nightly_etl.job.yml:7:22"))
        // A checkout under GITHUB_WORKSPACE: relative to it.
        let checkedOut = try dabrepo(["validate", "--output", "github"], in: src, environment: ["GITHUB_WORKSPACE": bundle.deletingLastPathComponent().path])
        XCTAssertTrue(checkedOut.stdout.hasPrefix("::error file=etl/resources/nightly_etl.job.yml,"), checkedOut.stdout)
    }

    func testSARIFForCodeScanning() throws {
        let bundle = try copyFixture()
        try edit("bundle/resources/nightly_etl.job.yml", replacing: "0 0 2 * * ?", with: "0 2 * * *")
        let result = try dabrepo(["validate", "-o", "sarif"], in: bundle)
        XCTAssertEqual(result.status, 1)
        let document = try json(result.stdout)
        XCTAssertEqual(document["version"] as? String, "2.1.0")
        let run = try XCTUnwrap((document["runs"] as? [[String: Any]])?.first)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "dabrepo")
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 1)
        XCTAssertEqual(results[0]["ruleId"] as? String, "schedule-cron")
        XCTAssertEqual(results[0]["level"] as? String, "error")
        let index = try XCTUnwrap(results[0]["ruleIndex"] as? Int)
        XCTAssertEqual(rules[index]["id"] as? String, "schedule-cron")
        let physical = try XCTUnwrap(((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        XCTAssertEqual((physical["artifactLocation"] as? [String: Any])?["uri"] as? String, "resources/nightly_etl.job.yml")
        XCTAssertEqual((physical["region"] as? [String: Any])?["startLine"] as? Int, 6)
    }

    func testJUnitXML() throws {
        let bundle = try copyFixture()
        try edit("bundle/resources/nightly_etl.job.yml", replacing: "          job_cluster_key: etl_cluster\n          notebook_task:",
                 with: "          depends_on:\n            - task_key: report\n          job_cluster_key: etl_cluster\n          notebook_task:")
        let result = try dabrepo(["validate", "-o", "junit"], in: bundle)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "), result.stdout)
        XCTAssertTrue(result.stdout.contains("failures=\"1\""), result.stdout)
        XCTAssertTrue(result.stdout.contains("<testcase classname=\"dabrepo.task-dependency-cycle\""), result.stdout)
        XCTAssertTrue(result.stdout.contains("<failure message=\"tasks of job nightly_etl form a dependency cycle: ingest → report → transform → ingest"), result.stdout)
        // Well-formed XML: every opened element is closed.
        XCTAssertEqual(result.stdout.components(separatedBy: "<testcase ").count, result.stdout.components(separatedBy: "</testcase>").count)
        // A rule disabled for the run is skipped, not passed.
        let disabled = try dabrepo(["validate", "-o", "junit", "--disable-rule", "task-dependency-cycle"], in: bundle)
        XCTAssertEqual(disabled.status, 0, disabled.stdout)
        let testCase = try XCTUnwrap(disabled.stdout.components(separatedBy: "<testcase ").first { $0.hasPrefix("classname=\"dabrepo.task-dependency-cycle\"") })
        XCTAssertTrue(testCase.contains("<skipped message=\"rule disabled for this run\"/>"), testCase)
        XCTAssertTrue(disabled.stdout.contains("failures=\"0\" errors=\"0\" skipped=\"1\""), disabled.stdout)
    }

    func testVariablesFromCommandLineAndEnvironment() throws {
        let bundle = try copyFixture()
        try edit("bundle/databricks.yml", replacing: "    variables:\n      warehouse_id: 1234567890abcdef\n", with: "")
        let missing = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stdout.contains("Error: no value assigned to required variable warehouse_id"), missing.stdout)
        XCTAssertTrue(missing.stdout.contains("BUNDLE_VAR_warehouse_id"), missing.stdout)
        XCTAssertEqual(try dabrepo(["validate", "--var", "warehouse_id=abc"], in: bundle).status, 0)
        // An empty value is the empty string, as the CLI stores it, not null ("expected a string value,
        // found null", "required field … is not set").
        for empty in [try dabrepo(["validate", "--var", "warehouse_id="], in: bundle),
                      try dabrepo(["validate"], in: bundle, environment: ["BUNDLE_VAR_warehouse_id": ""])] {
            XCTAssertFalse(empty.stdout.contains("found null") || empty.stdout.contains("is not set") || empty.stdout.contains("no value assigned"), empty.stdout)
        }
        XCTAssertEqual(try dabrepo(["validate"], in: bundle, environment: ["BUNDLE_VAR_warehouse_id": "abc"]).status, 0)
        let bad = try dabrepo(["validate", "--var", "warehouse_id"], in: bundle)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--var expects name=value"), bad.stderr)
    }

    func testUsageErrorsAndUnreadableBundlesExitWithTwo() throws {
        let bundle = try copyFixture()
        let target = try dabrepo(["validate", "--target", "staging"], in: bundle)
        XCTAssertEqual(target.status, 2)
        XCTAssertEqual(target.stderr, "Error: no such target 'staging'; available: dev, prod\n")
        let none = try dabrepo(["validate"], in: workspace.url)
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.stderr.contains("no bundle configuration found"), none.stderr)
        XCTAssertTrue(none.stderr.contains("the bundle is below it: bundle. Run dabrepo in it (cd bundle), or name it: dabrepo validate bundle, dabrepo serve --repo bundle."), none.stderr)
        let empty = workspace.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        XCTAssertTrue(try dabrepo(["validate"], in: empty).stderr.contains("dabrepo init"))
        let option = try dabrepo(["validate", "--outptu", "json"], in: bundle)
        XCTAssertEqual(option.status, 2)
        XCTAssertTrue(option.stderr.contains("Unknown option '--outptu'"), option.stderr)
        let both = try dabrepo(["validate", "--all-targets", "--target", "dev"], in: bundle)
        XCTAssertEqual(both.status, 2)
        let format = try dabrepo(["validate", "--output", "xml"], in: bundle)
        XCTAssertEqual(format.status, 2)
        let rule = try dabrepo(["validate", "--disable-rule", "unknwon-field"], in: bundle)
        XCTAssertEqual(rule.status, 2)
        XCTAssertTrue(rule.stderr.contains("did you mean 'unknown-field'"), rule.stderr)
    }

    func testDisableRule() throws {
        let bundle = try copyFixture()
        try edit("bundle/resources/nightly_etl.job.yml", replacing: "../src/transform.py", with: "../src/transfrom.py")
        let failing = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(failing.status, 1)
        XCTAssertTrue(failing.stdout.contains("Python file ../src/transfrom.py does not exist"), failing.stdout)
        XCTAssertTrue(failing.stdout.contains("Did you mean transform.py?"), failing.stdout)
        XCTAssertEqual(try dabrepo(["validate", "--disable-rule", "local-path-exists"], in: bundle).status, 0)
    }

    func testSecretsAreNeverEchoed() throws {
        let bundle = try copyFixture()
        let token = "dapi" + String(repeating: "5e6f7a8b", count: 4)
        try edit("bundle/resources/nightly_etl.job.yml", replacing: "            num_workers: 4\n",
                 with: "            num_workers: 4\n            spark_env_vars:\n              DATABRICKS_TOKEN: \(token)\n              \(token): x\n")
        for format in ["text", "json", "github", "sarif", "junit"] {
            let result = try dabrepo(["validate", "--output", format], in: bundle)
            XCTAssertEqual(result.status, 1, format)
            XCTAssertFalse(result.stdout.contains(token) || result.stderr.contains(token), "\(format) output shows the token")
            XCTAssertTrue(result.stdout.contains("literal secret (Databricks personal access token)"), "\(format): \(result.stdout)")
        }
    }

    /// An option `validate` does not know, with a machine-readable format: a document of that format
    /// saying so (a CI step that merges SARIF files never gets an empty one), exit status 2.
    func testAnUnknownOptionStillPrintsADocumentOfTheFormat() throws {
        let bundle = try copyFixture()
        for format in ["json", "sarif", "junit", "github"] {
            let result = try dabrepo(["validate", "--bogus", "--output", format], in: bundle)
            XCTAssertEqual(result.status, 2, format)
            XCTAssertTrue(result.stdout.contains("Unknown option '--bogus'") || result.stdout.contains("Unknown option &apos;--bogus&apos;"), "\(format): \(result.stdout)")
            if format == "json" || format == "sarif" { XCTAssertNoThrow(try json(result.stdout), format) }
            if format == "junit" { XCTAssertTrue(result.stdout.hasPrefix("<?xml"), result.stdout) }
        }
        XCTAssertEqual(try dabrepo(["validate", "--bogus"], in: bundle).stdout, "")
    }

    func testColourOnlyWhenAskedOrOnATerminal() throws {
        let bundle = try copyFixture()
        try edit("bundle/resources/nightly_etl.job.yml", replacing: "timezone_id: Europe/Berlin", with: "timezone_id: Mars/Olympus")
        let plain = try dabrepo(["validate"], in: bundle)
        XCTAssertFalse(plain.stdout.contains("\u{1B}["), "no colour when not on a terminal")
        let always = try dabrepo(["validate", "--color", "always"], in: bundle)
        XCTAssertTrue(always.stdout.contains("\u{1B}[1;31mError:\u{1B}[0m"), always.stdout)
    }
}
