import Foundation
import TestSupport
import XCTest

/// Base for tests on real git repositories: a private HOME with a git identity, git through its CLI
/// to check results, dabrepo through the built binary.
class RepositoryTestCase: CLITestCase {
    var home: URL { workspace.url.appendingPathComponent("home") }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try workspace.write(["home/.gitconfig": "[user]\n\tname = Test User\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n"])
    }

    var environment: [String: String?] {
        ["HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent(".config").path, "GIT_CONFIG_NOSYSTEM": "1",
         // Deterministic by default: the identity comes from home/.gitconfig only. GitIdentityTests runs
         // the commands with these variables set, too.
         "GIT_AUTHOR_NAME": nil, "GIT_AUTHOR_EMAIL": nil, "GIT_COMMITTER_NAME": nil, "GIT_COMMITTER_EMAIL": nil,
         "GIT_AUTHOR_DATE": nil, "GIT_COMMITTER_DATE": nil, "EMAIL": nil,
         "PATH": TestPaths.dabrepoBinary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
    }

    func dabrepo(_ arguments: [String], in directory: URL? = nil) throws -> CommandResult {
        try CommandRunner.dabrepo(arguments, in: directory ?? workspace.url, environment: environment)
    }

    @discardableResult
    func git(_ arguments: [String], in directory: URL, file: StaticString = #filePath, line: UInt = #line) throws -> CommandResult {
        try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), arguments, in: directory, environment: environment)
    }

    func gitOutput(_ arguments: [String], in directory: URL) throws -> String {
        try git(arguments, in: directory).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `dabrepo init NAME` in the workspace; returns the bundle directory.
    func initBundle(_ name: String = "nightly_etl", template: String = "default-python", file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        let result = try dabrepo(["init", name, "--template", template])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr, file: file, line: line)
        return workspace.url.appendingPathComponent(name)
    }

    func read(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    func write(_ text: String, to url: URL) throws {
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// An `apply` document that changes the job file of a default-python bundle named nightly_etl.
    func editDocument(timeout: Int, extra: [String: Any] = [:]) throws -> URL {
        var document: [String: Any] = [
            "subject": "Give nightly_etl_job \(timeout) seconds",
            "request": "set the timeout to \(timeout) seconds",
            "summary": "Set timeout_seconds to \(timeout) on job nightly_etl_job.",
            "agent": "test-agent",
            "session": "3f2a91",
            "files": ["resources/nightly_etl.job.yml": """
            resources:
              jobs:
                nightly_etl_job:
                  name: nightly_etl_job
                  timeout_seconds: \(timeout)
                  tasks:
                    - task_key: notebook_task
                      notebook_task:
                        notebook_path: ../src/notebook.py

            """],
        ]
        for (k, v) in extra { document[k] = v }
        let url = workspace.url.appendingPathComponent("edit-\(timeout).json")
        try JSONSerialization.data(withJSONObject: document).write(to: url)
        return url
    }
}
