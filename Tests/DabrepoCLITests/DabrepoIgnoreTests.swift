import Foundation
import TestSupport
import XCTest

/// `.dabrepoignore` keeps files from the model: an ignored YAML file's content is not in the bundle
/// text sent up front, nor in read_bundle's answers (a target's merged configuration is refused), an
/// ignored notebook is not read by analyze_notebook, and edits that would change an ignored file are
/// refused. Checked on every request body the fake model service received.
final class DabrepoIgnoreTests: ModelTestCase {
    static let yamlMarker = "partner-sftp-7731.internal.example.com"
    static let notebookMarker = "MARKER_NOTEBOOK_4410"

    /// The default bundle with a job file and a notebook the user keeps from the model.
    func bundleWithIgnoredFiles() throws -> URL {
        let bundle = try initBundle()
        try workspaceWrite(bundle, [
            ".dabrepoignore": "# kept from language models\nresources/partner_*.yml\nprivate/\n!src/private/shared.py\n",
            "resources/partner_feed.job.yml": """
            # The feed comes from \(Self.yamlMarker).
            resources:
              jobs:
                partner_feed_job:
                  name: partner_feed_job
                  description: Pulls files from \(Self.yamlMarker)
                  tasks:
                    - task_key: pull
                      notebook_task:
                        notebook_path: ../src/private/pull.py

            """,
            "src/private/pull.py": "# Databricks notebook source\nhost = '\(Self.notebookMarker)'\n",
            "src/private/shared.py": "# Databricks notebook source\nprint('shared')\n",
        ])
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-q", "-m", "Partner feed"], in: bundle)
        return bundle
    }

    func workspaceWrite(_ bundle: URL, _ files: [String: String]) throws {
        for (path, text) in files {
            let url = bundle.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try write(text, to: url)
        }
    }

    static func calls(_ calls: [(String, [String: Any])]) -> [String: Any] {
        ["tool_calls": calls.enumerated().map { ["id": "t\($0.offset)", "name": $0.element.0, "arguments": $0.element.1] },
         "stop_reason": "tool_use", "usage": ["input_tokens": 900, "output_tokens": 40]]
    }

    func testAnIgnoredFilesContentNeverReachesTheModel() throws {
        let bundle = try bundleWithIgnoredFiles()
        let fake = try FakeWorkspaceServer(state: ["jobs": [], "notebooks": [:], "user": "ana@example.com"], directory: workspace.url)
        let server = try anthropic([
            Self.calls([("read_bundle", [:]), ("read_bundle", ["path": "resources.jobs"]), ("read_bundle", ["target": "dev"]),
                        ("analyze_notebook", ["path": "src/private/pull.py"]), ("analyze_notebook", ["path": bundle.path + "/src/./private/pull.py"]),
                        ("analyze_notebook", ["path": "src/private/shared.py"]),
                        // (A dry run of an edit of the ignored file: its preview's "old → new" gave the value away.)
                        ("edit_bundle", ["subject": "Peek", "dry_run": true,
                                         "edits": [["op": "set", "path": "resources.jobs.partner_feed_job.description", "value": "x"]]])]),
            Self.edit("e1", subject: "Retry the partner feed", [["op": "set", "path": "resources.jobs.partner_feed_job.max_concurrent_runs", "value": 1]]),
            Self.edit("e2", subject: "Give nightly_etl_job a one-hour timeout",
                      [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 3600]]),
            Self.say("One hour."),
        ])
        var env = environment(server)
        env["DATABRICKS_HOST"] = fake.host
        env["DATABRICKS_TOKEN"] = "test-token-1"  // the fake workspace's token
        let result = try CommandRunner.dabrepo(["refine", "every job may run an hour at most"], in: bundle, environment: env)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)

        let requests = try server.requests()
        XCTAssertEqual(requests.count, 4)
        let sent = try sentText(server)
        XCTAssertFalse(sent.contains(Self.yamlMarker), "the ignored YAML file's content reached the model")
        XCTAssertFalse(sent.contains(Self.notebookMarker), "the ignored notebook reached the model")
        // What the model was told instead, and what it could read.
        let system = (requests[0]["body"] as? [String: Any])?["system"] as? String ?? ""
        XCTAssertTrue(system.contains("1 file is kept from you by the user's .dabrepoignore"), system)
        XCTAssertTrue(system.contains("nightly_etl_job") && !system.contains("partner_feed_job"), system)
        let offered = Set(((requests[0]["body"] as? [String: Any])?["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        XCTAssertTrue(offered.contains("validate_bundle"), "\(offered)")
        XCTAssertTrue(offered.isDisjoint(with: ["list_revisions", "show_revision", "diff_revisions"]),
                      "the history, which could quote an ignored file, is withheld: \(offered)")
        let results = toolResults(requests[1])
        XCTAssertEqual(results["t0"]?.isError, false)
        XCTAssertTrue(results["t2"]?.content.hasPrefix("A target's effective configuration is not available") == true, "read_bundle with a target is refused")
        for id in ["t3", "t4"] {
            XCTAssertTrue(results[id]?.content.contains("is kept from you by the user's .dabrepoignore") == true,
                          "analyze_notebook of an ignored notebook is refused: \(results[id]?.content ?? "")")
        }
        XCTAssertEqual(results["t5"]?.isError, false, "a re-included notebook (!src/private/shared.py) is read: \(results["t5"]?.content ?? "")")
        XCTAssertTrue(results["t6"]?.content.contains("which the user's .dabrepoignore keeps from you") == true, "a dry run on an ignored file is refused")
        XCTAssertTrue(toolResults(requests[2])["e1"]?.content.contains("which the user's .dabrepoignore keeps from you") == true, "an edit of an ignored file is refused")
        XCTAssertTrue(sent.contains("timeout_seconds"), "the bundle's other files went")

        // The commit changed only what the model could see.
        XCTAssertEqual(try gitOutput(["show", "--name-only", "--format=", "HEAD"], in: bundle), "resources/nightly_etl.job.yml")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testTheGitConfigurationSettingKeepsFilesOutToo() throws {
        let bundle = try bundleWithIgnoredFiles()
        try FileManager.default.removeItem(at: bundle.appendingPathComponent(".dabrepoignore"))
        try git(["commit", "-q", "-am", "No ignore file"], in: bundle)
        try git(["config", "--global", "dabrepo.modelIgnore", "resources/partner_*.yml, src/private/"], in: bundle)
        let server = try anthropic([Self.calls([("read_bundle", [:]), ("read_bundle", ["path": "resources.jobs.partner_feed_job"])]),
                                    Self.say("Nothing to change.")])
        let result = try CommandRunner.dabrepo(["refine", "does anything need changing?"], in: bundle, environment: environment(server))
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let sent = try sentText(server)
        XCTAssertFalse(sent.contains(Self.yamlMarker), "the ignored YAML file's content reached the model")
        let requests = try server.requests()
        XCTAssertTrue(((requests[0]["body"] as? [String: Any])?["system"] as? String ?? "").contains("1 file is kept from you"))
        XCTAssertEqual(toolResults(requests[1])["t0"]?.isError, false)
    }

    func testWithoutADabrepoignoreTheModelSeesEveryFile() throws {
        let bundle = try bundleWithIgnoredFiles()
        try FileManager.default.removeItem(at: bundle.appendingPathComponent(".dabrepoignore"))
        try git(["commit", "-q", "-am", "No ignore file"], in: bundle)
        let server = try anthropic([Self.calls([("read_bundle", ["target": "dev"])]), Self.say("Nothing to change.")])
        let result = try CommandRunner.dabrepo(["refine", "does anything need changing?"], in: bundle, environment: environment(server))
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let sent = try sentText(server)
        XCTAssertTrue(sent.contains(Self.yamlMarker), "the test's marker is sent when nothing is ignored, so its absence above means something")
        XCTAssertFalse(sent.contains("A target's effective configuration is not available"))
    }
}
