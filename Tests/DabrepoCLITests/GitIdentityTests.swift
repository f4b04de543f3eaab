import Foundation
import TestSupport
import XCTest

/// Author and committer as git resolves them: the GIT_AUTHOR_* / GIT_COMMITTER_* variables before the
/// configuration, EMAIL last, `--author` before everything for the author. The default test environment
/// unsets the variables (RepositoryTestCase); here every command runs with them, in a HOME without any
/// git configuration unless a test writes one.
final class GitIdentityTests: RepositoryTestCase {
    static let author = "Ada Author <ada@ci.example>"
    static let committer = "Cid Committer <cid@ci.example>"
    static let variables: [String: String?] = [
        "GIT_AUTHOR_NAME": "Ada Author", "GIT_AUTHOR_EMAIL": "ada@ci.example",
        "GIT_COMMITTER_NAME": "Cid Committer", "GIT_COMMITTER_EMAIL": "cid@ci.example",
    ]

    override func setUpWithError() throws {
        try super.setUpWithError()
        // No git configuration at all: no user.name, user.email anywhere (GIT_CONFIG_NOSYSTEM keeps git's
        // own system file out; it holds no identity on the test machines either).
        try FileManager.default.removeItem(at: home.appendingPathComponent(".gitconfig"))
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    func environment(_ identity: [String: String?]) -> [String: String?] {
        environment.merging(identity) { _, new in new }
    }

    func run(_ arguments: [String], in directory: URL, identity: [String: String?] = variables, stdin: Data? = nil,
             file: StaticString = #filePath, line: UInt = #line) throws -> CommandResult {
        let result = try CommandRunner.dabrepo(arguments, in: directory, environment: environment(identity), stdin: stdin)
        XCTAssertEqual(result.status, 0, "dabrepo \(arguments.joined(separator: " ")): " + result.stdout + result.stderr, file: file, line: line)
        return result
    }

    /// `Name <email>|Name <email>` (author|committer) of each commit, newest first.
    func identities(in directory: URL) throws -> [String] {
        try gitOutput(["log", "--format=%an <%ae>|%cn <%ce>"], in: directory).split(separator: "\n").map(String.init)
    }

    /// What `git var` says under the same environment: `Name <email> seconds offset`.
    func gitIdent(_ which: String, in directory: URL, identity: [String: String?]) throws -> String {
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["var", which], in: directory, environment: environment(identity))
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The author and committer lines of a commit: `Name <email> seconds offset`.
    func commitIdents(_ revision: String = "HEAD", in directory: URL) throws -> (author: String, committer: String) {
        let header = try gitOutput(["cat-file", "commit", revision], in: directory).split(separator: "\n")
        let author = try XCTUnwrap(header.first { $0.hasPrefix("author ") }).dropFirst("author ".count)
        let committer = try XCTUnwrap(header.first { $0.hasPrefix("committer ") }).dropFirst("committer ".count)
        return (String(author), String(committer))
    }

    func withoutTime(_ ident: String) -> String {
        String(ident[...ident.lastIndex(of: ">")!])
    }

    func testOnlyTheVariablesAndNoConfigurationCommitEveryKindOfRevision() throws {
        XCTAssertNotEqual(try git(["config", "--global", "--get", "user.name"], in: workspace.url).status, 0, "no user.name anywhere")
        // init, apply, refine, undo (command and "undo that"), chat, tests create
        try run(["init", "nightly_etl"], in: workspace.url)
        let bundle = workspace.url.appendingPathComponent("nightly_etl")
        try run(["apply", try editDocument(timeout: 300).path], in: bundle)
        try run(["refine", "set the timeout to 2 hours"], in: bundle)
        try run(["undo"], in: bundle)
        try run(["refine", "retry tasks 3 times"], in: bundle)
        try run(["refine", "undo that"], in: bundle)
        try run(["chat"], in: bundle, stdin: Data("set the timeout to 3 hours\n".utf8))
        try run(["tests", "create"], in: bundle)
        let commits = try identities(in: bundle)
        XCTAssertEqual(commits.count, 8, commits.joined(separator: "\n"))
        XCTAssertEqual(Set(commits), ["\(Self.author)|\(Self.committer)"], commits.joined(separator: "\n"))

        // generate, in a bundle inside an existing repository
        try run(["init", "sales", "--template", "empty"], in: workspace.url)
        let sales = workspace.url.appendingPathComponent("sales")
        try run(["generate", "job", "--from-json", TestPaths.fixture("DabrepoCLITests", "jobs/nightly_sales.json").path], in: sales)
        XCTAssertEqual(try identities(in: sales), Array(repeating: "\(Self.author)|\(Self.committer)", count: 2))
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testSyncFromTheWorkspaceUsesTheVariables() throws {
        let folder = "/Workspace/Users/ana@example.com/etl"
        let fake = try FakeWorkspaceServer(state: ["jobs": [], "notebooks": [
            "\(folder)/ingest": ["content": "# Databricks notebook source\nprint(1)\n", "language": "PYTHON"],
        ]], directory: workspace.url)
        try run(["init", "etl", "--template", "empty"], in: workspace.url)
        let bundle = workspace.url.appendingPathComponent("etl")
        try run(["sync", folder], in: bundle,
                identity: Self.variables.merging(["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "test-token-1"]) { $1 })
        XCTAssertEqual(try identities(in: bundle), Array(repeating: "\(Self.author)|\(Self.committer)", count: 2))
    }

    func testTheMCPToolsPassTheVariablesToTheCommandsTheyRun() throws {
        try run(["init", "nightly_etl"], in: workspace.url)
        let bundle = workspace.url.appendingPathComponent("nightly_etl")
        let refined = try run(["tools", "call", "refine_bundle", #"{"request": "set the timeout to 2 hours"}"#], in: bundle)
        XCTAssertTrue(refined.stdout.contains("committed"), refined.stdout)
        try run(["tools", "call", "undo_revision"], in: bundle)
        // The MCP server itself on standard input (JSON-RPC lines; it answers everything before it exits).
        let requests = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"refine_bundle","arguments":{"request":"retry tasks 3 times"}}}"#,
        ]
        let served = try run(["mcp"], in: bundle, stdin: Data((requests.joined(separator: "\n") + "\n").utf8))
        XCTAssertTrue(served.stdout.contains(#"\"status\" : \"committed\""#), served.stdout)
        XCTAssertEqual(try identities(in: bundle), Array(repeating: "\(Self.author)|\(Self.committer)", count: 4))
    }

    func testTheVariablesWinOverTheConfigurationAndAuthorWinsOverThem() throws {
        try workspace.write(["home/.gitconfig": "[user]\n\tname = Config User\n\temail = config@example.com\n"])
        try run(["init", "nightly_etl"], in: workspace.url)
        let bundle = workspace.url.appendingPathComponent("nightly_etl")
        // Only the author's variables: the committer comes from the configuration, as in git.
        try run(["refine", "set the timeout to 2 hours"], in: bundle,
                identity: ["GIT_AUTHOR_NAME": "Ada Author", "GIT_AUTHOR_EMAIL": "ada@ci.example"])
        // --author beats GIT_AUTHOR_*, and the committer still comes from GIT_COMMITTER_*.
        try run(["refine", "retry tasks 3 times", "--author", "Opt Author <opt@example.com>"], in: bundle)
        // Without any variable: the configuration, both ways.
        try run(["undo"], in: bundle, identity: [:])
        XCTAssertEqual(try identities(in: bundle), [
            "Config User <config@example.com>|Config User <config@example.com>",
            "Opt Author <opt@example.com>|\(Self.committer)",
            "\(Self.author)|Config User <config@example.com>",
            "\(Self.author)|\(Self.committer)",
        ])
        // author.* and committer.* (git 2.22) come before user.*, after the variables.
        try workspace.write(["home/.gitconfig": "[user]\n\tname = Config User\n\temail = config@example.com\n"
            + "[author]\n\tname = Config Author\n[committer]\n\temail = committer@example.com\n"])
        try run(["refine", "set the timeout to 3 hours"], in: bundle, identity: [:])
        XCTAssertEqual(try identities(in: bundle).first, "Config Author <config@example.com>|Config User <committer@example.com>")
        XCTAssertEqual(withoutTime(try commitIdents(in: bundle).author), withoutTime(try gitIdent("GIT_AUTHOR_IDENT", in: bundle, identity: [:])))
        XCTAssertEqual(withoutTime(try commitIdents(in: bundle).committer), withoutTime(try gitIdent("GIT_COMMITTER_IDENT", in: bundle, identity: [:])))
    }

    /// For each combination, the commit's author and committer are exactly what `git var` says git
    /// would use, dates included when GIT_AUTHOR_DATE / GIT_COMMITTER_DATE are set.
    func testTheSameIdentitiesAsGitItself() throws {
        try run(["init", "nightly_etl"], in: workspace.url)
        let bundle = workspace.url.appendingPathComponent("nightly_etl")
        let cases: [[String: String?]] = [
            Self.variables,
            // EMAIL gives the e-mails; the names come from the variables.
            ["GIT_AUTHOR_NAME": "Ada Author", "GIT_COMMITTER_NAME": "Cid Committer", "EMAIL": "everyone@ci.example"],
            // No name anywhere: git takes the account's full name (GECOS).
            ["EMAIL": "everyone@ci.example"],
            // The three date formats git documents.
            Self.variables.merging(["GIT_AUTHOR_DATE": "2005-04-07T22:13:13+02:00", "GIT_COMMITTER_DATE": "Thu, 07 Apr 2005 23:13:13 +0200"]) { $1 },
            Self.variables.merging(["GIT_AUTHOR_DATE": "@1112904793 -0530", "GIT_COMMITTER_DATE": "2005-04-07 20:13:13Z"]) { $1 },
        ]
        for (index, identity) in cases.enumerated() {
            try run(["refine", "set the timeout to \(index + 2) hours"], in: bundle, identity: identity)
            let made = try commitIdents(in: bundle)
            let expectedAuthor = try gitIdent("GIT_AUTHOR_IDENT", in: bundle, identity: identity)
            let expectedCommitter = try gitIdent("GIT_COMMITTER_IDENT", in: bundle, identity: identity)
            if identity["GIT_AUTHOR_DATE"] != nil {
                XCTAssertEqual(made.author, expectedAuthor, "case \(index)")
                XCTAssertEqual(made.committer, expectedCommitter, "case \(index)")
            } else {
                XCTAssertEqual(withoutTime(made.author), withoutTime(expectedAuthor), "case \(index)")
                XCTAssertEqual(withoutTime(made.committer), withoutTime(expectedCommitter), "case \(index)")
            }
        }
        XCTAssertEqual(try gitOutput(["log", "-2", "--format=%ad|%cd", "--date=iso-strict"], in: bundle).split(separator: "\n"), [
            "2005-04-07T14:43:13-05:30|2005-04-07T20:13:13+00:00",
            "2005-04-07T22:13:13+02:00|2005-04-07T23:13:13+02:00",
        ])
    }

    func testWithoutAnyIdentityTheErrorSaysWhatToSet() throws {
        let result = try CommandRunner.dabrepo(["init", "nightly_etl"], in: workspace.url, environment: environment)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        for advice in ["git does not know who you are", "git config --global user.email", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL",
                       "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "--author"] {
            XCTAssertTrue(result.stderr.contains(advice), "\(advice) missing from: \(result.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.url.appendingPathComponent("nightly_etl").path), "init leaves nothing behind")

        // Only the author known: the error names the committer.
        let committerMissing = try CommandRunner.dabrepo(["init", "nightly_etl"], in: workspace.url,
                                                         environment: environment(["GIT_AUTHOR_NAME": "Ada Author", "GIT_AUTHOR_EMAIL": "ada@ci.example"]))
        XCTAssertEqual(committerMissing.status, 2)
        XCTAssertTrue(committerMissing.stderr.contains("no committer e-mail"), committerMissing.stderr)

        // --author alone is still enough, as before: the author commits too.
        try run(["init", "nightly_etl", "--author", "Opt Author <opt@example.com>"], in: workspace.url, identity: [:])
        XCTAssertEqual(try identities(in: workspace.url.appendingPathComponent("nightly_etl")), ["Opt Author <opt@example.com>|Opt Author <opt@example.com>"])
    }

    func testAnUnreadableDateIsRefusedAndNamed() throws {
        try run(["init", "nightly_etl"], in: workspace.url)
        let bundle = workspace.url.appendingPathComponent("nightly_etl")
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let result = try CommandRunner.dabrepo(["refine", "set the timeout to 2 hours"], in: bundle,
                                               environment: environment(Self.variables.merging(["GIT_COMMITTER_DATE": "next tuesday-ish"]) { $1 }))
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("GIT_COMMITTER_DATE is \"next tuesday-ish\", which is not a date git reads"), result.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }
}
