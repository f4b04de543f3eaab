import Foundation
import TestSupport
import XCTest

/// Bad input wherever a user can type it, against the real binary: command arguments (empty, huge,
/// control characters, a target that does not exist, paths outside the repository), `DABREPO_*`
/// variables with garbage values, a malformed ~/.databrickscfg. Each case gets its documented exit
/// status and a message saying what is wrong (the words listed), never a crash or a stack trace.
/// README.md ("Bad input") lists the same table.
final class BadInputTableTests: RepositoryTestCase {
    struct Case {
        var name: String
        var arguments: [String]
        var environment: [String: String?] = [:]
        /// ~/.databrickscfg's content for this case.
        var databricksConfig: String?
        var status: Int32
        /// Words the message (standard error, then standard output) must contain.
        var says: [String]
    }

    static let closedPort = "http://127.0.0.1:9"

    func cases(outside: String) -> [Case] {
        let huge = String(repeating: "x", count: 100_000)
        let workspaceEnv: [String: String?] = ["DATABRICKS_HOST": Self.closedPort, "DATABRICKS_TOKEN": "test-token-1"]
        return [
            // Arguments.
            Case(name: "init with an empty name (the current folder)", arguments: ["init", ""], status: 2, says: ["already has databricks.yml"]),
            Case(name: "init with a 100 000-character name", arguments: ["init", huge], status: 2, says: ["100000 bytes long", "choose a shorter name"]),
            Case(name: "init --name with a 100 000-character name", arguments: ["init", "ok_folder", "--name", huge], status: 2,
                 says: ["bundle name", "choose a shorter name"]),
            Case(name: "init with a control character", arguments: ["init", "a\u{1b}[31mb"], status: 2, says: ["U+001B"]),
            Case(name: "refine with an empty request", arguments: ["refine", ""], status: 2, says: ["request"]),
            Case(name: "refine with a 100 000-character request", arguments: ["refine", huge], status: 2, says: ["100 KB long", "fewer words"]),
            Case(name: "refine with control characters", arguments: ["refine", "set the \u{7}\u{1b}[2J frobnicator"], status: 4, says: ["did not understand"]),
            Case(name: "validate --target of a target that does not exist", arguments: ["validate", "--target", "nope"], status: 2, says: ["nope", "dev"]),
            Case(name: "validate --target empty", arguments: ["validate", "--target", ""], status: 2, says: ["target"]),
            Case(name: "validate a folder that does not exist", arguments: ["validate", "/nonexistent/bundle"], status: 2, says: ["/nonexistent/bundle"]),
            Case(name: "validate --var without =", arguments: ["validate", "--var", "novalue"], status: 2, says: ["novalue"]),
            Case(name: "tests create --target of a target that does not exist", arguments: ["tests", "create", "--target", "nope"], status: 2, says: ["nope"]),
            Case(name: "apply a file that does not exist", arguments: ["apply", "/nonexistent/edit.json"], status: 2, says: ["/nonexistent/edit.json"]),
            Case(name: "apply a file that is not JSON", arguments: ["apply", "/etc/hostname"], status: 2, says: ["not an edit document", "not valid JSON (line 1"]),
            Case(name: "apply an empty file", arguments: ["apply", "/dev/null"], status: 2, says: ["/dev/null is empty"]),
            Case(name: "apply a folder", arguments: ["apply", "/tmp"], status: 2, says: ["/tmp is a directory"]),
            Case(name: "apply a change to a file outside the repository", arguments: ["apply", outside], status: 2, says: ["outside"]),
            Case(name: "generate job --from-json of a missing file", arguments: ["generate", "job", "--from-json", "/nonexistent/job.json"], status: 2,
                 says: ["no file /nonexistent/job.json"]),
            Case(name: "generate job --from-json of a file that is not JSON", arguments: ["generate", "job", "--from-json", "/etc/hostname"], status: 2, says: ["JSON"]),
            Case(name: "show a revision that does not exist", arguments: ["show", "no-such-revision"], status: 2, says: ["no-such-revision"]),
            Case(name: "log -n with a negative count", arguments: ["log", "-n", "-1"], status: 2, says: ["-n"]),
            // (Once "No commits yet." in a repository with commits.)
            Case(name: "log -n 0", arguments: ["log", "-n", "0"], status: 2, says: ["at least 1"]),
            Case(name: "log -n with a huge count", arguments: ["log", "-n", "99999999999999999999"], status: 2, says: ["99999999999999999999"]),
            Case(name: "diff of revisions that do not exist", arguments: ["diff", "nope1", "nope2"], status: 2, says: ["nope1"]),
            Case(name: "undo with nothing to undo", arguments: ["undo"], status: 2, says: ["nothing to undo"]),
            Case(name: "undo of a revision that does not exist", arguments: ["undo", "no-such-revision"], status: 2, says: ["no revision no-such-revision", "dabrepo log"]),
            Case(name: "undo of a revision that is no dabrepo revision", arguments: ["undo", "HEAD"], status: 2, says: ["is not a dabrepo revision"]),
            Case(name: "refine --author without an e-mail", arguments: ["refine", "set the timeout to 2 hours", "--author", "Bad Author"], status: 2,
                 says: ["--author expects \"Name <email>\""]),
            Case(name: "sync into a folder outside the repository", arguments: ["sync", "/Workspace/x", "../../outside"], environment: workspaceEnv, status: 2, says: ["outside"]),
            Case(name: "tools call of a tool that does not exist", arguments: ["tools", "call", "no_such_tool"], status: 1, says: ["no_such_tool"]),
            Case(name: "tools call with arguments that are not JSON", arguments: ["tools", "call", "validate_bundle", "{not json"], status: 2, says: ["JSON"]),
            Case(name: "a command that does not exist", arguments: ["frobnicate"], status: 2, says: ["frobnicate"]),
            // (It asked for a workspace login: the path was taken for a workspace notebook.)
            Case(name: "notebooks analyze of a local file that does not exist", arguments: ["notebooks", "analyze", "src/nope.py"], status: 1,
                 says: ["src/nope.py is no file here"]),
            // Environment.
            Case(name: "DABREPO_LOCK_TIMEOUT=abc", arguments: ["refine", "set the timeout to 2 hours"], environment: ["DABREPO_LOCK_TIMEOUT": "abc"], status: 0, says: ["DABREPO_LOCK_TIMEOUT", "using 30"]),
            Case(name: "DABREPO_LOCK_TIMEOUT=-5", arguments: ["refine", "set the timeout to 3 hours"], environment: ["DABREPO_LOCK_TIMEOUT": "-5"], status: 0, says: ["DABREPO_LOCK_TIMEOUT"]),
            Case(name: "DABREPO_REQUEST_TIMEOUT=nan", arguments: ["jobs", "list"], environment: workspaceEnv.merging(["DABREPO_REQUEST_TIMEOUT": "nan", "DABREPO_RETRY_BUDGET": "0"]) { $1 },
                 status: 1, says: ["DABREPO_REQUEST_TIMEOUT", "connect"]),
            Case(name: "DABREPO_REQUEST_TIMEOUT=1e300", arguments: ["jobs", "list"], environment: workspaceEnv.merging(["DABREPO_REQUEST_TIMEOUT": "1e300", "DABREPO_RETRY_BUDGET": "0"]) { $1 },
                 status: 1, says: ["DABREPO_REQUEST_TIMEOUT", "connect"]),
            Case(name: "DABREPO_RETRY_BUDGET=-inf", arguments: ["jobs", "list"], environment: workspaceEnv.merging(["DABREPO_RETRY_BUDGET": "-inf"]) { $1 },
                 status: 1, says: ["DABREPO_RETRY_BUDGET", "connect"]),
            Case(name: "DABREPO_MODEL_TIMEOUT=inf, DABREPO_MODEL_MAX_RETRIES=lots (refine --agent anthropic, nothing listening)", arguments: ["refine", "make it cheaper somehow", "--agent", "anthropic"],
                 environment: ["DABREPO_MODEL_TIMEOUT": "inf", "DABREPO_MODEL_MAX_RETRIES": "lots", "DABREPO_MODEL": "claude-test", "ANTHROPIC_API_KEY": FakeCredential.anthropic(),
                               "ANTHROPIC_BASE_URL": Self.closedPort], status: 2, says: ["DABREPO_MODEL_TIMEOUT", "DABREPO_MODEL_MAX_RETRIES", "cannot reach"]),
            Case(name: "DABREPO_TOOL_CONCURRENCY=0", arguments: ["tools", "call", "validate_bundle"], environment: ["DABREPO_TOOL_CONCURRENCY": "0"], status: 0, says: ["DABREPO_TOOL_CONCURRENCY"]),
            Case(name: "DABREPO_AGENT=garbage", arguments: ["refine", "set the timeout to 4 hours"], environment: ["DABREPO_AGENT": "garbage"], status: 2, says: ["garbage"]),
            Case(name: "DABREPO_FAULT_POINT=garbage", arguments: ["refine", "set the timeout to 5 hours"], environment: ["DABREPO_FAULT_POINT": "garbage"], status: 0, says: ["not a fault point"]),
            Case(name: "DABREPO_DATABRICKS_CLI=/nonexistent", arguments: ["bundle", "validate"], environment: ["DABREPO_DATABRICKS_CLI": "/nonexistent"], status: 127, says: ["DABREPO_DATABRICKS_CLI", "/nonexistent"]),
            // ~/.databrickscfg.
            Case(name: "~/.databrickscfg with an unclosed section", arguments: ["workspace", "health"], databricksConfig: "[DEFAULT\nhost = https://x\n", status: 2, says: [".databrickscfg"]),
            Case(name: "~/.databrickscfg of binary garbage", arguments: ["workspace", "health"], databricksConfig: "\u{0}\u{1}\u{FFFD}\u{7f}=\n[\n", status: 2, says: [".databrickscfg"]),
            Case(name: "~/.databrickscfg with a profile without a host", arguments: ["workspace", "health"], databricksConfig: "[DEFAULT]\ntoken = x\n", status: 2, says: ["profile DEFAULT", "has no host", "add host ="]),
            Case(name: "--profile that ~/.databrickscfg does not have", arguments: ["workspace", "health", "--profile", "nope"], databricksConfig: "[DEFAULT]\nhost = https://x\ntoken = y\n", status: 2, says: ["nope"]),
        ]
    }

    func testEveryBadInputGetsItsMessageAndExitStatus() throws {
        let bundle = try initBundle()
        let outside = try editDocument(timeout: 600, extra: ["files": ["../outside.yml": "x: 1\n"]])
        var rows: [String] = []
        for item in cases(outside: outside.path) {
            let config = home.appendingPathComponent(".databrickscfg")
            try? FileManager.default.removeItem(at: config)
            if let text = item.databricksConfig { try write(text, to: config) }
            var env = environment
            for (k, v) in item.environment { env[k] = v }
            let result = try CommandRunner.dabrepo(item.arguments, in: bundle, environment: env)
            let message = result.stderr + result.stdout
            XCTAssertEqual(result.status, item.status, "\(item.name): \(result.stdout.prefix(500))\(result.stderr.prefix(1000))")
            for word in item.says {
                XCTAssertTrue(message.contains(word), "\(item.name): the message does not say \(word): \(message.prefix(1000))")
            }
            for crash in ["Fatal error", "Stack dump", "Segmentation fault", "Illegal instruction", "backtrace", "SIGSEGV", "SIGILL"] {
                XCTAssertFalse(result.stderr.contains(crash), "\(item.name): \(result.stderr.prefix(2000))")
            }
            XCTAssertLessThan(result.stderr.utf8.count, 20_000, "\(item.name): a message of \(result.stderr.utf8.count) bytes")
            if item.status != 0 { XCTAssertFalse(message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(item.name): no message") }
            let first = message.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? ""
            rows.append("| \(item.name) | \(result.status) | \(first.prefix(140).replacingOccurrences(of: "|", with: "\\|")) |")
        }
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "", "bad input left the repository changed")
        print("bad input: \(rows.count) cases\n" + rows.joined(separator: "\n"))
    }
}
