import Foundation
import TestSupport
import XCTest

/// Secrets never leave the request: a token pasted into a request, or written into a value that the
/// literal-secret rule then refuses, appears in no output (text, JSON, chat, MCP results and logs,
/// errors) and in no file of the repository (work tree, session files, .git and its objects), while
/// the refusal still names the rule and the file:line:column. One secret of every kind the rule knows.
final class SecretsNowhereTests: RepositoryTestCase {
    /// Built at run time so that no token-shaped string is written in the source.
    static func repeated(_ alphabet: String, _ count: Int) -> String {
        let characters = Array(alphabet)
        return String((0..<count).map { characters[($0 * 7 + 3) % characters.count] })
    }

    let tokens: [(kind: String, value: String)] = [
        ("Databricks personal access token", "dapi" + repeated("0123456789abcdef", 32)),
        ("Databricks OAuth secret", "dose" + repeated("fedcba9876543210", 36)),
        ("AWS access key id", "AKIA" + repeated("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)),
        ("GitHub token", "ghp_" + repeated("abcdefghijklmnopqrstuvwxyzABCDEF0123456789", 36)),
        ("GitHub token", "github_pat_" + repeated("ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz0123456789", 70)),
        ("AWS temporary access key id", "ASIA" + repeated("ZYXWVUTSRQPONMLKJIHGFEDCBA765432", 16)),
        ("Slack token", "xoxb-" + repeated("0123456789", 12) + "-" + repeated("abcdefghijklmnopqrstuvwxyzABCDEF0123", 24)),
        ("JSON Web Token", "eyJ" + repeated("abcdefghijklmnopqrstuvwxyz0123456789", 30) + "." + repeated("ABCDEFGHIJKLMNOP0123456789", 40)
            + "." + repeated("abcdefghijklmnopqrstuvwxyz_-0123456789", 43)),
    ]
    /// A token pasted into a request but not written into the bundle.
    let pasted = "dapi" + repeated("a1b2c3d4e5f60789", 32)
    let privateKeyBody = ["MIIEowIBAAKCAQEAq7Bv9XkT2mLw", "Zx8Rt5Yq3Lp0Wn6Hs2Kd9Jf4Gb1"]
    let sparkConfValue = "bXlTdG9yYWdlQWNjb3VudEtleTk5"
    var secrets: [String] { tokens.map(\.value) + [pasted, sparkConfValue] + privateKeyBody }

    func assertNoSecret(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for secret in secrets where text.contains(secret) {
            XCTFail("\(what) contains the secret \(secret.prefix(6))…: \(text.prefix(3000))", file: file, line: line)
        }
    }

    /// The refusal names the rule and where the secret is.
    func assertNamesRuleAndLocation(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(text.contains("literal-secret"), "\(what): \(text)", file: file, line: line)
        XCTAssertNotNil(text.range(of: #"resources/nightly_etl\.job\.yml:\d+:\d+"#, options: .regularExpression),
                        "\(what) does not name the file:line:column: \(text)", file: file, line: line)
    }

    func testNoSecretInAnyOutputOrFile() throws {
        let bundle = try initBundle()
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")

        // 1. A token pasted into a request that is done: the revision and the session keep the request, redacted.
        let tagged = try dabrepo(["refine", "tag the job with team=data, my token is \(pasted)", "--yes"], in: bundle)
        XCTAssertEqual(tagged.status, 0, tagged.stdout + tagged.stderr)
        assertNoSecret(tagged.stdout + tagged.stderr, "refine output")
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%B"], in: bundle).contains("my token is dapi[REDACTED]"))
        let log = try dabrepo(["log", "-o", "json"], in: bundle)
        let show = try dabrepo(["show", "HEAD", "--patch"], in: bundle)
        assertNoSecret(log.stdout + log.stderr + show.stdout + show.stderr, "log and show")

        // 2. Each kind written into a value: previewed and refused, in text and JSON; in chat too.
        for (kind, token) in tokens {
            // (A token written as a key is refused too: `tags: {dapi…: x}`.)
            let asKey = kind == tokens[0].kind ? ["tag the job with \(token)=x"] : []
            for request in ["add a job parameter token with default \(token)", "tag the job with owner=\(token)"] + asKey {
                let text = try dabrepo(["refine", request, "--yes"], in: bundle)
                XCTAssertEqual(text.status, 1, "\(kind): \(text.stdout)\(text.stderr)")
                assertNoSecret(text.stdout + text.stderr, "refine text output (\(kind))")
                XCTAssertTrue(text.stdout.contains("(\(kind))"), "the refusal names the kind: \(text.stdout)")
                assertNamesRuleAndLocation(text.stdout, "refine text refusal")

                let json = try dabrepo(["refine", request, "-o", "json"], in: bundle)
                XCTAssertEqual(json.status, 1, json.stdout + json.stderr)
                assertNoSecret(json.stdout + json.stderr, "refine JSON output (\(kind))")
                let object = try self.json(json.stdout)
                XCTAssertEqual(object["status"] as? String, "invalid")
                XCTAssertEqual(object["rules"] as? [String], ["literal-secret"])
                assertNamesRuleAndLocation(object["message"] as? String ?? "", "refine JSON refusal")

                // A dry run answers as the real run: refused, without the secret.
                let dryRun = try dabrepo(["refine", request, "--dry-run", "-o", "json"], in: bundle)
                XCTAssertEqual(dryRun.status, 1, dryRun.stderr)
                XCTAssertEqual(try self.json(dryRun.stdout)["rules"] as? [String], ["literal-secret"])
                assertNoSecret(dryRun.stdout + dryRun.stderr, "refine --dry-run JSON (\(kind))")
            }
        }
        // (Scripted chat stops at its first refused request: one conversation per kind.)
        for token in tokens {
            let chat = try CommandRunner.dabrepo(["chat"], in: bundle, environment: environment,
                                                 stdin: Data("add a job parameter token with default \(token.value)\n".utf8))
            assertNoSecret(chat.stdout + chat.stderr, "chat")
            XCTAssertEqual(chat.stdout.components(separatedBy: "rule literal-secret").count - 1, 1, chat.stdout)
        }

        // 3. apply: a private key and a secret-named spark_conf entry, refused with their locations.
        //    The storage key is first committed as a secret scope reference, then written literally.
        let cluster = "            num_workers: 2\n"
        let committedJob = try read(job)
        XCTAssertTrue(committedJob.contains(cluster))
        let referenceJob = committedJob.replacingOccurrences(of: cluster, with: cluster + """
                    spark_conf:
                      spark.hadoop.fs.azure.account.key.lake.dfs.core.windows.net: "{{secrets/etl/lake-key}}"

        """)
        let reference = try CommandRunner.dabrepo(["apply", "-"], in: bundle, environment: environment, stdin: try JSONSerialization.data(withJSONObject: [
            "subject": "Read the storage key from a secret scope", "files": ["resources/nightly_etl.job.yml": referenceJob]]))
        XCTAssertEqual(reference.status, 0, reference.stdout + reference.stderr)
        let secretJob = committedJob.replacingOccurrences(of: cluster, with: cluster + """
                    spark_conf:
                      spark.hadoop.fs.azure.account.key.lake.dfs.core.windows.net: \(sparkConfValue)
                    spark_env_vars:
                      SIGNING_KEY: |
                        -----BEGIN RSA PRIVATE KEY-----
                        \(privateKeyBody[0])
                        \(privateKeyBody[1])
                        -----END RSA PRIVATE KEY-----
                      AWS_KEY_ID: \(tokens[2].value)

        """)
        let document = try JSONSerialization.data(withJSONObject: [
            "subject": "Configure the cluster", "request": "use the key \(tokens[0].value)", "files": ["resources/nightly_etl.job.yml": secretJob]])
        let applied = try CommandRunner.dabrepo(["apply", "-"], in: bundle, environment: environment, stdin: document)
        XCTAssertEqual(applied.status, 1, applied.stdout + applied.stderr)
        assertNoSecret(applied.stdout + applied.stderr, "apply output")
        assertNamesRuleAndLocation(applied.stderr, "apply refusal")
        XCTAssertEqual(applied.stderr.components(separatedBy: "rule literal-secret").count - 1, 3, applied.stderr)

        // 4. The same content in the working tree (a hand edit): validate, diff and the hook's
        //    validation show where, never what; then the edit is dropped again.
        try write(secretJob, to: job)
        for arguments in [["validate", "--all-targets"], ["validate", "-o", "json"], ["diff"], ["diff", "-o", "json"], ["diff", "--target", "dev", "-o", "json"]] {
            let result = try dabrepo(arguments, in: bundle)
            assertNoSecret(result.stdout + result.stderr, arguments.joined(separator: " "))
        }
        let validated = try dabrepo(["validate", "--all-targets"], in: bundle)
        assertNamesRuleAndLocation(validated.stdout + validated.stderr, "validate")
        let diff = try dabrepo(["diff", "-o", "json"], in: bundle)
        XCTAssertTrue(diff.stdout.contains("\"path\" : \"resources.jobs.nightly_etl_job.job_clusters[job_cluster_key=job_cluster].new_cluster.spark_conf.spark.hadoop.fs.azure.account.key.lake.dfs.core.windows.net\""), diff.stdout)
        XCTAssertTrue(diff.stdout.contains("\"new\" : \"[REDACTED]\""), "the changed value is hidden: \(diff.stdout)")
        XCTAssertTrue(try dabrepo(["diff"], in: bundle).stdout.contains("windows.net: {{secrets/etl/lake-key}} → [REDACTED]"), "the reference stays readable")
        try git(["checkout", "--", "resources/nightly_etl.job.yml"], in: bundle)

        // 5. Errors that quote what was typed.
        for arguments in [["log", "--since-\(tokens[3].value)"], ["validate", "--target", tokens[4].value], ["show", tokens[1].value]] {
            let result = try dabrepo(arguments, in: bundle)
            XCTAssertNotEqual(result.status, 0)
            assertNoSecret(result.stdout + result.stderr, "error of \(arguments[0])")
        }

        // 6. Through MCP: refine_bundle results, the structured content and the server's log.
        let calls = try MCPToolCalls.run(
            tokens.map { ("refine_bundle", ["request": "add a job parameter token with default \($0.value)"] as [String: Any]) }
                + [("refine_bundle", ["request": "tag the job with owner=\(tokens[0].value)", "dry_run": true]),
                   ("refine_bundle", ["request": "set the timeout to 2 hours, my token is \(pasted)"]),
                   ("validate_bundle", ["target": tokens[3].value]),
                   ("validate_bundle", ["repo": "../\(tokens[4].value)"])],
            repo: bundle, scratch: workspace.url, environment: environment)
        for (n, result) in calls.results.enumerated() {
            assertNoSecret(result.text + result.structuredText, "MCP result #\(n + 1)")
        }
        for result in calls.results.prefix(tokens.count) {
            XCTAssertTrue(result.isError, result.text)
            assertNamesRuleAndLocation(result.text, "MCP refusal")
        }
        XCTAssertEqual(calls.results[tokens.count + 1].structured?["status"] as? String, "committed", calls.results[tokens.count + 1].text)
        XCTAssertTrue(calls.results.last?.text.contains("github_pat_[REDACTED] is outside the served folder") == true,
                      "the runner's own message is redacted: \(calls.results.last?.text ?? "")")
        assertNoSecret(calls.serverLog, "the MCP server's log")

        // 7. Nothing anywhere in the repository: every file, .git included, and every git object.
        XCTAssertEqual(try read(job).contains("timeout_seconds: 7200"), true)
        var searched = 0
        let files = FileManager.default.enumerator(at: bundle, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in files where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let data = try Data(contentsOf: url)
            searched += 1
            for secret in secrets where data.range(of: Data(secret.utf8)) != nil {
                XCTFail("\(url.path) holds the secret \(secret.prefix(6))…")
            }
        }
        XCTAssertGreaterThan(searched, 20)
        let sessions = try FileManager.default.subpathsOfDirectory(atPath: bundle.path).filter { $0.contains("sessions/") && $0.hasSuffix(".json") }
        XCTAssertFalse(sessions.isEmpty, "the session files were searched")
        XCTAssertTrue(try sessions.contains { try read(bundle.appendingPathComponent($0)).contains("my token is dapi[REDACTED]") })
        let objects = try git(["cat-file", "--batch-all-objects", "--batch"], in: bundle)
        XCTAssertEqual(objects.status, 0)
        XCTAssertTrue(objects.stdout.contains("Dabrepo-Agent"))
        assertNoSecret(objects.stdout, "the git objects")
    }

    /// A bundle that has a literal secret already (committed past the hook): a revision that writes a
    /// new one where it was is refused, not passed as "an error it had before".
    func testANewSecretWhereAnOldOneWasIsNew() throws {
        let bundle = try initBundle()
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        let old = "dapi" + Self.repeated("0123456789abcdef", 32), new = "dapi" + Self.repeated("fedcba9876543210", 32)
        try write(try read(job).replacingOccurrences(of: "              catalog: ${var.catalog}\n", with: "              catalog: ${var.catalog}\n              api_token: \(old)\n"), to: job)
        try git(["commit", "-qam", "a token, past the hook", "--no-verify"], in: bundle)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)

        let replaced = try dabrepo(["refine", "pass api_token=\(new) to the notebook_task"], in: bundle)
        XCTAssertEqual(replaced.status, 1, replaced.stdout + replaced.stderr)
        XCTAssertTrue((replaced.stdout + replaced.stderr).contains("literal-secret"), replaced.stdout + replaced.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head, "nothing was committed")
        XCTAssertTrue(try read(job).contains(old))
        XCTAssertFalse(try read(job).contains(new))
        XCTAssertFalse((replaced.stdout + replaced.stderr).contains(new))
        // A change elsewhere still commits, with the old secret counted as an error it had before.
        let other = try dabrepo(["refine", "set the timeout to 2 hours"], in: bundle)
        XCTAssertEqual(other.status, 0, other.stdout + other.stderr)
    }

    /// A password said in a request that came to nothing (not understood, refused) went into the
    /// transcript of the next revision's message: only revisions and questions are the conversation.
    func testARequestThatCameToNothingIsNotInTheNextRevision() throws {
        let bundle = try initBundle()
        let password = "Tr0ub4dor-Horse-Battery-9"
        let failed = try dabrepo(["refine", "set the password for the warehouse to \(password)"], in: bundle)
        XCTAssertNotEqual(failed.status, 0, failed.stdout + failed.stderr)
        let clientSecret = "abC8Q~Xy1zT0kEn.Secret_Value-0123456789abcd"
        let notUnderstood = try dabrepo(["refine", "use the azure client secret \(clientSecret) for the service principal"], in: bundle)
        XCTAssertNotEqual(notUnderstood.status, 0, notUnderstood.stdout + notUnderstood.stderr)
        let asked = try dabrepo(["refine", "set the timeout to 2 hours"], in: bundle)
        XCTAssertEqual(asked.status, 0, asked.stdout + asked.stderr)
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        // (The first was a question, which stays in the conversation, its value hidden; the second came to nothing.)
        XCTAssertFalse(message.contains(password), message)
        XCTAssertFalse(message.contains(clientSecret), message)
        XCTAssertFalse(message.contains("azure client secret"), message)
        XCTAssertTrue(message.contains("user: set the timeout to 2 hours"), message)
    }

    /// `apply` committed a token in any file the rules do not read (notes.md, .env, config.json), and
    /// files in folders git ignores (.databricks/, .dabrepo/).
    func testNoSecretInAnyFileAndNoIgnoredFile() throws {
        let bundle = try initBundle()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        for file in ["notes.md", ".env", "config.json", "conf/settings.yaml", "fixtures/x.txt"] {
            let document = try JSONSerialization.data(withJSONObject: ["subject": "x", "files": [file: "token: \(tokens[0].value)\n"]])
            let refused = try CommandRunner.dabrepo(["apply", "-"], in: bundle, environment: environment, stdin: document)
            XCTAssertEqual(refused.status, 1, file + ": " + refused.stdout + refused.stderr)
            XCTAssertTrue(refused.stderr.contains("\(file) holds a literal secret (Databricks personal access token)"), refused.stderr)
            assertNoSecret(refused.stdout + refused.stderr, "apply of \(file)")
        }
        for file in [".databricks/state.txt", ".dabrepo/x.txt"] {
            let document = try JSONSerialization.data(withJSONObject: ["subject": "x", "files": [file: "hello\n"]])
            let refused = try CommandRunner.dabrepo(["apply", "-"], in: bundle, environment: environment, stdin: document)
            XCTAssertEqual(refused.status, 2, file + ": " + refused.stdout + refused.stderr)
            XCTAssertTrue(refused.stderr.contains("\(file) is ignored by git"), refused.stderr)
        }
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        // A file without a secret is committed as before.
        let notes = try CommandRunner.dabrepo(["apply", "-"], in: bundle, environment: environment,
                                              stdin: try JSONSerialization.data(withJSONObject: ["subject": "Notes", "files": ["notes.md": "# Notes\n"]]))
        XCTAssertEqual(notes.status, 0, notes.stdout + notes.stderr)
    }
}
