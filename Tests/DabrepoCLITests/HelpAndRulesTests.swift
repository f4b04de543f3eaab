import Foundation
import TestSupport
import XCTest

final class HelpAndRulesTests: CLITestCase {
    func testVersion() throws {
        let result = try dabrepo(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.range(of: #"^dabrepo \d+\.\d+\.\d+ \(.+\)\n$"#, options: .regularExpression) != nil, result.stdout)
    }

    /// Every command of the tree that `--experimental-dump-help` describes (hidden ones included), each
    /// with its own `--help`: exit 0, the command's abstract, its usage line; a command that runs (no
    /// subcommands) shows an example that calls it; a group lists its subcommands.
    func testEveryCommandHasHelpWithAnExample() throws {
        let dump = try dabrepo(["--experimental-dump-help"])
        XCTAssertEqual(dump.status, 0, dump.stderr)
        let root = try XCTUnwrap(try json(dump.stdout)["command"] as? [String: Any])
        var commands: [(path: [String], info: [String: Any])] = []
        func walk(_ info: [String: Any], _ path: [String]) {
            commands.append((path, info))
            for sub in info["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path + [sub["commandName"] as? String ?? "?"])
            }
        }
        walk(root, [])
        commands.removeAll { $0.path == ["help"] }  // swift-argument-parser's own `help`
        XCTAssertGreaterThanOrEqual(commands.count, 40, "the walk found the command tree")
        XCTAssertTrue(commands.contains { $0.path == ["jobs", "get"] } && commands.contains { $0.path == ["hook"] })
        // A command that passes all its arguments on (`bundle`, to the Databricks CLI) passes --help on
        // too; its own help is `dabrepo help <command>`.
        let passesOn = { (info: [String: Any]) in
            (info["arguments"] as? [[String: Any]] ?? []).contains { $0["parsingStrategy"] as? String == "allRemainingInput" }
        }
        XCTAssertEqual(commands.filter { passesOn($0.info) }.map(\.path), [["bundle"]], "the commands that pass --help on")

        let collapse = { (text: String) in text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        for (path, info) in commands {
            let name = (["dabrepo"] + path).joined(separator: " ")
            let result = try dabrepo(passesOn(info) ? ["help"] + path : path + ["--help"])
            XCTAssertEqual(result.status, 0, "\(name) --help: \(result.stderr)")
            let help = result.stdout
            let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let abstract = info["abstract"] as? String ?? ""
            XCTAssertFalse(abstract.isEmpty, "\(name) has no abstract")
            // Indented lines (examples, documents) are printed as written: on 80 columns (the width the
            // help has in a pipe too) a longer one wraps mid-command and cannot be copied.
            for line in (info["discussion"] as? String ?? "").split(separator: "\n") where line.hasPrefix("  ") {
                XCTAssertLessThanOrEqual(line.count, 79, "\(name) --help wraps this line at 80 columns: \(line)")
            }
            XCTAssertTrue(collapse(help).hasPrefix("OVERVIEW: " + collapse(abstract)), "\(name) --help does not start with its abstract:\n\(help)")
            XCTAssertTrue(lines.contains { $0 == "USAGE: \(name)" || $0.hasPrefix("USAGE: \(name) ") }, "\(name) --help has no usage line:\n\(help)")
            let subcommands = (info["subcommands"] as? [[String: Any]] ?? [])
                .filter { $0["shouldDisplay"] as? Bool != false && $0["commandName"] as? String != "help" }
            if subcommands.isEmpty {
                guard let start = lines.firstIndex(where: { $0 == "Example:" || $0 == "Examples:" }) else {
                    XCTFail("\(name) --help has no example:\n\(help)")
                    continue
                }
                let examples = lines[(start + 1)...].prefix { !$0.isEmpty }
                XCTAssertTrue(examples.contains { $0.contains(name) }, "no example of \(name) calls it:\n\(help)")
            } else {
                let listed = lines.drop { $0 != "SUBCOMMANDS:" }.map { $0.trimmingCharacters(in: .whitespaces) }
                for sub in subcommands {
                    let word = sub["commandName"] as? String ?? "?"
                    XCTAssertTrue(listed.contains { $0 == word || $0.hasPrefix(word + " ") }, "\(name) --help does not list \(word):\n\(help)")
                }
            }
        }
        let validate = try dabrepo(["validate", "--help"]).stdout
        for option in ["--target", "--all-targets", "--var", "--strict", "--output", "--color", "--disable-rule"] {
            XCTAssertTrue(validate.contains(option), "validate --help lacks \(option)")
        }
    }

    /// `dabrepo SUBCOMMAND …` is parsed with that subcommand's tree only (DirectParse, a start-up fast
    /// path); whatever that parse does not take as a plain command goes to the full parser, so requests
    /// the root handles still work after a subcommand and errors read as the full parser writes them.
    func testArgumentsAfterASubcommandGetTheFullParsersAnswers() throws {
        let completion = try dabrepo(["validate", "--generate-completion-script", "bash"])
        XCTAssertEqual(completion.status, 0, completion.stderr)
        XCTAssertTrue(completion.stdout.contains("complete -") && completion.stdout.contains("validate"), completion.stdout)

        let unknown = try dabrepo(["jobs", "run", "123", "--bogus"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("Unknown option '--bogus'"), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("Usage: dabrepo jobs run "), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("See 'dabrepo jobs run --help'"), unknown.stderr)

        // An unknown option where the required argument is missing is named (not the missing argument).
        let misspelt = try dabrepo(["refine", "--bogus"])
        XCTAssertEqual(misspelt.status, 2)
        XCTAssertTrue(misspelt.stderr.contains("Unknown option '--bogus'"), misspelt.stderr)
        XCTAssertTrue(try dabrepo(["jobs", "get", "--bogus"]).stderr.contains("Unknown option '--bogus'"))
        let missing = try dabrepo(["refine", "--dry-run"])
        XCTAssertTrue(missing.stderr.contains("Missing expected argument '<request>'"), missing.stderr)

        let help = try dabrepo(["jobs", "run", "-h"])
        XCTAssertEqual(help.status, 0, help.stderr)
        XCTAssertEqual(help.stdout, try dabrepo(["help", "jobs", "run"]).stdout)
        XCTAssertTrue(help.stdout.contains("USAGE: dabrepo jobs run "), help.stdout)
    }

    func testRulesListsEveryRule() throws {
        let result = try dabrepo(["rules"])
        XCTAssertEqual(result.status, 0)
        for id in ["yaml-syntax", "unknown-field", "job-cluster-key-defined", "task-dependency-cycle", "local-path-exists",
                   "schedule-cron", "schedule-timezone", "single-node-cluster", "target-mode", "run-as-identity",
                   "pipeline-serverless-clusters", "literal-secret", "one-resource-per-file", "resource-key-unique"] {
            XCTAssertTrue(result.stdout.contains(id), "rules does not list \(id)")
        }
        let json = try dabrepo(["rules", "--output", "json"])
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(items.count, 29)
    }

    func testRulesExplainsOne() throws {
        let result = try dabrepo(["rules", "task-dependency-cycle"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.hasPrefix("task-dependency-cycle: No dependency cycles\nSeverity: error\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Reported (↓ marks the spot) 1:"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Accepted 1:"), result.stdout)
        // snake_case, as every other JSON dabrepo prints (it was triggeringExamples).
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try dabrepo(["rules", "task-dependency-cycle", "-o", "json"]).stdout.utf8)) as? [String: Any])
        XCTAssertEqual((json["triggering_examples"] as? [Any])?.count, 1)
        XCTAssertNotNil(json["non_triggering_examples"])
        let unknown = try dabrepo(["rules", "task-dependncy-cycle"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("did you mean 'task-dependency-cycle'?"), unknown.stderr)
    }
}
