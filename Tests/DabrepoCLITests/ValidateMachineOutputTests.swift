import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport
import XCTest

/// `--output json|sarif|junit|github` prints a whole document of its format for every bundle, also
/// for one that cannot be validated (exit status 2), with the error inside (issue 13, point 3). Each
/// output is parsed as a CI tool would: JSON and SARIF with a JSON parser, JUnit with an XML parser,
/// GitHub workflow commands line by line.
final class ValidateMachineOutputTests: CLITestCase {
    /// A bundle that cannot be validated or is broken, how dabrepo is run on it, and what must come out.
    struct Case {
        var name: String
        var fixture: String?
        var arguments: [String]
        var status: Int32
        var rule: String
        /// Where the error is, when it is in a file (relative to the bundle root).
        var file: String?
        var line: Int?
        var count = 1
    }

    static let cases = [
        // No databricks.yml at all: BundleLoadError.noRootFile.
        Case(name: "missing databricks.yml", fixture: nil, arguments: [], status: 2, rule: "validation-setup"),
        // A target that does not exist, pointed at the `targets:` key.
        Case(name: "unknown target", fixture: "nightly_etl", arguments: ["--target", "staging"], status: 2,
             rule: "validation-setup", file: "databricks.yml", line: 15),
        // A YAML syntax error in the root file is a finding of its own.
        Case(name: "YAML syntax error", fixture: "validate/yaml-syntax-error", arguments: [], status: 1,
             rule: "yaml-syntax", file: "databricks.yml", line: 9),
        // Several `default: true` targets: the CLI's select_default_target.go refuses them; each is reported.
        Case(name: "several default targets", fixture: "validate/several-default-targets", arguments: [], status: 1,
             rule: "target-default-unique", file: "databricks.yml", line: 18, count: 3),
    ]

    func run(_ c: Case, format: String) throws -> CommandResult {
        let directory: URL
        // One directory per format, emptied for each case, so that paths in the output are predictable.
        try? FileManager.default.removeItem(at: workspace.url.appendingPathComponent("bundle-\(format)"))
        if let fixture = c.fixture {
            directory = try copyFixture(fixture, to: "bundle-\(format)")
        } else {
            directory = workspace.url.appendingPathComponent("empty-\(format)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        // Validating the directory by name: nothing above the temporary directory is looked at.
        let result = try dabrepo(["validate", directory.path, "--output", format] + c.arguments)
        XCTAssertEqual(result.status, c.status, "\(c.name), \(format): \(result.stdout)\(result.stderr)")
        if c.status == 2 { XCTAssertTrue(result.stderr.hasPrefix("Error: "), "\(c.name), \(format): the error is on standard error too") }
        return result
    }

    /// With every target named (as `databricks bundle validate -t <each>`), the CLI does not choose a default:
    /// several `default: true` are information at each (exit 0, with --strict too, as the CLI's), not an error
    /// pinned on every target.
    func testSeveralDefaultTargetsWithAllTargetsAreWarnings() throws {
        let directory = try copyFixture("validate/several-default-targets", to: "bundle-all-targets")
        let result = try dabrepo(["validate", directory.path, "--all-targets", "--output", "json"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = (document?["diagnostics"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == "target-default-unique" }
        XCTAssertEqual(findings.count, 3)
        XCTAssertEqual(Set(findings.compactMap { $0["severity"] as? String }), ["info"])
        XCTAssertEqual(try dabrepo(["validate", directory.path, "--all-targets", "--strict"]).status, 0, "the CLI's --strict passes with -t")
        XCTAssertEqual(try dabrepo(["validate", directory.path, "-t", "prod", "--strict"]).status, 0, "the CLI's --strict passes with -t")
        XCTAssertEqual(try dabrepo(["validate", directory.path]).status, 1, "without a target it stays an error")
    }

    func testJSONIsAlwaysADocument() throws {
        for c in Self.cases {
            let result = try run(c, format: "json")
            let document = try json(result.stdout)
            let diagnostics = try XCTUnwrap(document["diagnostics"] as? [[String: Any]], c.name)
            let found = diagnostics.filter { $0["rule"] as? String == c.rule && $0["severity"] as? String == "error" }
            XCTAssertEqual(found.count, c.count, "\(c.name): \(diagnostics)")
            XCTAssertEqual(document["errors"] as? Int, diagnostics.filter { $0["severity"] as? String == "error" }.count, c.name)
            XCTAssertEqual(found.first?["file"] as? String, c.file, c.name)
            XCTAssertEqual(found.first?["line"] as? Int, c.line, c.name)
            if c.status == 2 { XCTAssertEqual(found.first?["summary"] as? String, String(result.stderr.dropFirst("Error: ".count).dropLast())) }
        }
    }

    func testSARIFIsAlwaysADocument() throws {
        for c in Self.cases {
            let document = try json(try run(c, format: "sarif").stdout)
            XCTAssertEqual(document["version"] as? String, "2.1.0", c.name)
            let run = try XCTUnwrap((document["runs"] as? [[String: Any]])?.first, c.name)
            let rules = try XCTUnwrap(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
            let results = try XCTUnwrap(run["results"] as? [[String: Any]], c.name).filter { $0["ruleId"] as? String == c.rule }
            XCTAssertEqual(results.count, c.count, c.name)
            for result in results {
                XCTAssertEqual(result["level"] as? String, "error", c.name)
                let index = try XCTUnwrap(result["ruleIndex"] as? Int, "\(c.name): every result's rule is among the driver's rules")
                XCTAssertEqual(rules[index]["id"] as? String, c.rule, c.name)
            }
            // Every result has a place (GitHub refuses the whole file otherwise): the root file's first line when
            // the finding has none.
            let physical = ((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any]
            XCTAssertEqual((physical?["artifactLocation"] as? [String: Any])?["uri"] as? String, c.file.map { "bundle-sarif/" + $0 } ?? "databricks.yml", c.name)
            XCTAssertEqual((physical?["region"] as? [String: Any])?["startLine"] as? Int, c.line ?? 1, c.name)
        }
    }

    func testJUnitIsAlwaysWellFormedXML() throws {
        for c in Self.cases {
            let result = try run(c, format: "junit")
            let reader = JUnitReader()
            let parser = XMLParser(data: Data(result.stdout.utf8))
            parser.delegate = reader
            XCTAssertTrue(parser.parse(), "\(c.name): not well-formed XML (\(parser.parserError.map(String.init(describing:)) ?? "")):\n\(result.stdout)")
            let failing = try XCTUnwrap(reader.failures[c.rule], "\(c.name): no failing test case dabrepo.\(c.rule): \(reader.failures)")
            XCTAssertEqual(failing.split(separator: "\n").count, c.count, "\(c.name): one line per finding: \(failing)")
            if let file = c.file, let line = c.line { XCTAssertTrue(failing.contains("bundle-junit/\(file):\(line):"), "\(c.name): \(failing)") }
            XCTAssertEqual(reader.suiteFailures, reader.failures.count, c.name)
            if c.status == 2 {
                XCTAssertEqual(reader.skipped, reader.testCases - 1, "\(c.name): the rules that did not run are skipped, not passed")
            }
        }
    }

    func testGitHubAnnotationsAreAlwaysWorkflowCommands() throws {
        for c in Self.cases {
            let lines = try run(c, format: "github").stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(lines.last, "", "\(c.name): ends with a newline")
            let body = lines.dropLast()
            XCTAssertTrue(body.last?.hasPrefix("Found ") ?? false, "\(c.name): the summary line comes last: \(lines)")
            let commands = body.dropLast()
            XCTAssertFalse(commands.isEmpty, c.name)
            for line in commands {
                XCTAssertNotNil(line.range(of: #"^::(error|warning|notice) ([a-z]+=[^,:]*,)*title=[^,:]*::."#, options: .regularExpression),
                                "\(c.name): not a workflow command: \(line)")
            }
            let own = commands.filter { $0.contains("title=dabrepo \(c.rule)::") }
            XCTAssertEqual(own.count, c.count, "\(c.name): \(commands)")
            XCTAssertTrue(own.allSatisfy { $0.hasPrefix("::error ") }, c.name)
            if let file = c.file, let line = c.line, let first = own.first {
                XCTAssertTrue(first.hasPrefix("::error file=bundle-github/\(file),line=\(line),"), "\(c.name): \(first)")
            }
        }
    }

    func testTextNamesTheRuleAtEachDefaultTarget() throws {
        let bundle = try copyFixture("validate/several-default-targets")
        let result = try dabrepo(["validate"], in: bundle)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertEqual(result.stderr, "")
        for (target, line) in [("dev", 18), ("staging", 20), ("prod", 23)] {
            XCTAssertTrue(result.stdout.contains("""
            Error: target \(target) is one of several targets marked `default: true` (dev, staging, prod)
              at targets.\(target).default
              in databricks.yml:\(line):5
            """), result.stdout)
        }
        // Naming a target is what the CLI accepts (it skips select_default_target.go): said, as no warning.
        let named = try dabrepo(["validate", "--target", "dev"], in: bundle)
        XCTAssertEqual(named.status, 0, named.stdout)
        XCTAssertTrue(named.stdout.contains("target dev is one of several targets marked `default: true`"), named.stdout)
        XCTAssertFalse(named.stdout.contains("warning"), named.stdout)
    }
}

/// Collects the failing test cases of a JUnit report, by rule id.
final class JUnitReader: NSObject, XMLParserDelegate {
    var failures: [String: String] = [:]
    var testCases = 0
    var skipped = 0
    var suiteFailures = 0
    private var currentRule: String?
    private var inFailure = false

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch element {
        case "testsuite": suiteFailures = Int(attributes["failures"] ?? "") ?? -1
        case "testcase":
            testCases += 1
            currentRule = attributes["classname"].map { String($0.dropFirst("dabrepo.".count)) }
        case "failure":
            inFailure = true
            if let rule = currentRule { failures[rule] = "" }
        case "skipped": skipped += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inFailure, let rule = currentRule { failures[rule, default: ""] += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "failure" { inFailure = false }
    }
}
