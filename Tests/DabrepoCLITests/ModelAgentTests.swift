import Foundation
import TestSupport
import XCTest

/// `refine` and `chat` with a language model, against the fake model service on 127.0.0.1 speaking the
/// Anthropic Messages and OpenAI chat completions wire formats: the model works through the tools, its
/// edits are validated before anything is written, one revision per request, keys nowhere.
final class ModelAgentTests: ModelTestCase {
    /// A key of no known shape (a proxy's) that the model writes into an edit and its answer: the edit
    /// is refused as a literal secret, and the answer shows it hidden; it reaches no file and no commit.
    func testAKeyOfNoKnownShapeIsHiddenAndNeverCommitted() throws {
        let bundle = try initBundle()
        let plain = "plainProxyKey-7f3a9c1e5b2d4e6f8a0b"
        let server = try FakeLLMServer(script: ["keys": ["anthropic": plain], "responses": [
            Self.edit("toolu_1", subject: "Tag the owner", [["op": "set", "path": "resources.jobs.nightly_etl_job.tags.owner", "value": plain]]),
            Self.edit("toolu_2", subject: "Tag the owner", [["op": "set", "path": "resources.jobs.nightly_etl_job.tags.owner", "value": plain]]),
            Self.edit("toolu_3", subject: "Tag the owner", [["op": "set", "path": "resources.jobs.nightly_etl_job.tags.owner", "value": plain]]),
            Self.say("Done. Your API key is \(plain)."),
        ]], directory: workspace.url)
        var env = environment(server)
        env["ANTHROPIC_API_KEY"] = plain
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let result = try CommandRunner.dabrepo(["refine", "tag the nightly job with its owner"], in: bundle, environment: env)
        XCTAssertFalse(result.stdout.contains(plain) || result.stderr.contains(plain), result.stdout + result.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head, result.stdout + result.stderr)
        XCTAssertFalse(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains(plain))
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        let results = try server.requests().dropFirst().map { toolResults($0) }
        XCTAssertTrue(results.contains { $0.values.contains { $0.isError && $0.content.contains("literal-secret") } }, "\(results)")
    }

    func testAModelEditIsValidatedAndCommittedAsOneRevision() throws {
        let bundle = try initBundle()
        let server = try anthropic([
            Self.edit("toolu_1", subject: "Give nightly_etl_job a two-hour timeout",
                      [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 7200]]),
            Self.say("The nightly job now times out after two hours."),
        ])
        let result = try CommandRunner.dabrepo(["refine", "the nightly job should never run longer than two hours, it blocks the warehouse"],
                                               in: bundle, environment: environment(server))
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("edit_bundle"), result.stdout)
        XCTAssertTrue(result.stdout.contains("tokens"), result.stdout)
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Give nightly_etl_job a two-hour timeout")
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        XCTAssertTrue(message.contains("Dabrepo-Agent: anthropic/claude-test"), message)
        XCTAssertTrue(message.hasSuffix("Dabrepo-Model: claude-test\nDabrepo-Tokens: 2600 input, 100 output"), message)
        XCTAssertTrue(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("timeout_seconds: 7200"))
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        // What the model was sent: the tools and the bundle, the key only in its header.
        let requests = try server.requests()
        XCTAssertEqual(requests.count, 2)
        let body = try XCTUnwrap(requests.first?["body"] as? [String: Any])
        let tools = (body["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        XCTAssertEqual(Set(tools), ["read_bundle", "describe_fields", "edit_bundle", "ask_user", "validate_bundle",
                                    "list_revisions", "show_revision", "diff_revisions"])
        XCTAssertTrue((body["system"] as? String ?? "").contains("nightly_etl_job"))
        try assertKeyNowhere([result], in: bundle)
    }

    /// A key the model writes in its answer, streamed in pieces that split it: redacted as a whole, in the
    /// terminal's stream and in the final reply, never half.
    func testASecretSplitAcrossStreamedPiecesIsRedactedWhole() throws {
        let bundle = try initBundle()
        let pat = FakeCredential.databricks()
        let text = "I see a token \(pat) in your notes,\nplease rotate it."
        let cut = text.index(text.startIndex, offsetBy: 20)
        let answer: [String: Any] = ["text": text, "chunks": [String(text[..<cut]), String(text[cut...].prefix(10)), String(text[cut...].dropFirst(10))],
                                     "stop_reason": "end_turn", "usage": ["input_tokens": 10, "output_tokens": 10]]
        let server = try anthropic([answer, answer])
        for output in [[String](), ["-o", "json"]] {
            let result = try CommandRunner.dabrepo(["refine", "what tokens do you see?"] + output, in: bundle, environment: environment(server))
            let all = result.stdout + result.stderr
            XCTAssertFalse(all.contains(String(pat.dropFirst(4).prefix(12))), all)
            XCTAssertFalse(all.contains(String(pat.suffix(12))), all)
            XCTAssertTrue(all.contains("please rotate it"), all)
        }
    }

    func testTheModelValidatesAndReadsTheHistoryThroughTheRegistrysTools() throws {
        let bundle = try initBundle()
        let server = try anthropic([
            ["tool_calls": [["id": "v1", "name": "validate_bundle", "arguments": [:]],
                            ["id": "l1", "name": "list_revisions", "arguments": [:]],
                            ["id": "s1", "name": "show_revision", "arguments": ["revision": "HEAD"]]],
             "stop_reason": "tool_use", "usage": ["input_tokens": 900, "output_tokens": 40]],
            Self.say("The bundle validates; nothing to change."),
        ])
        let result = try CommandRunner.dabrepo(["refine", "is the bundle healthy, and what changed last?"], in: bundle, environment: environment(server))
        let requests = try server.requests()
        XCTAssertEqual(requests.count, 2, result.stdout + result.stderr)
        let results = toolResults(requests[1])
        XCTAssertEqual(results["v1"]?.isError, false, results["v1"]?.content ?? "")
        XCTAssertTrue(results["v1"]?.content.contains("dev") == true, "validate_bundle answered for every target: \(results["v1"]?.content ?? "")")
        let subject = try gitOutput(["log", "-1", "--format=%s"], in: bundle)
        XCTAssertTrue(results["l1"]?.content.contains(subject) == true, "list_revisions names HEAD's subject: \(results["l1"]?.content ?? "")")
        XCTAssertTrue(results["s1"]?.content.contains(subject) == true, "show_revision shows HEAD: \(results["s1"]?.content ?? "")")
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), subject, "nothing was committed")
    }

    func testARefusedEditGoesBackToTheModelWhichRepairsIt() throws {
        let bundle = try initBundle()
        let server = try anthropic([
            Self.edit("toolu_1", subject: "Timeout", [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_second", "value": 600]]),
            Self.edit("toolu_2", subject: "Time out nightly_etl_job after 10 minutes",
                      [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 600]]),
            Self.say("Done: ten minutes."),
        ])
        let result = try CommandRunner.dabrepo(["refine", "ten minute timeout please", "-o", "json"], in: bundle, environment: environment(server))
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let object = try json(result.stdout)
        XCTAssertEqual(object["status"] as? String, "committed")
        XCTAssertEqual(object["agent"] as? String, "anthropic/claude-test")
        XCTAssertNotNil(object["usage"])
        // The refusal the model read named the field it meant.
        let second = try server.requests()[1]["body"] as? [String: Any]
        let sent = String(decoding: try JSONSerialization.data(withJSONObject: second ?? [:]), as: UTF8.self)
        XCTAssertTrue(sent.contains("timeout_seconds"), sent)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "2")
    }

    func testThreeRefusalsEndTheTurnWithNothingChanged() throws {
        let bundle = try initBundle()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let bad = [["op": "set", "path": "resources.jobs.nightly_etl_job.job_clusters[job_cluster_key=job_cluster].new_cluster.num_workers", "value": "many"]]
        let server = try anthropic([Self.edit("t1", subject: "x", bad), Self.edit("t2", subject: "x", bad), Self.edit("t3", subject: "x", bad),
                                    Self.say("I could not make a valid change.")])
        let result = try CommandRunner.dabrepo(["refine", "use many workers"], in: bundle, environment: environment(server))
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        // Why, in words people read: each refusal names the finding (it said only "was refused").
        XCTAssertTrue(result.stdout.contains("✗ edit_bundle was refused: ") && result.stdout.contains("num_workers"), result.stdout)
        // A model that keeps failing: the findings as lines, not a JSON document inside the message.
        let json = try anthropic([Self.edit("t1", subject: "x", bad), Self.edit("t2", subject: "x", bad), Self.edit("t3", subject: "x", bad),
                                  Self.edit("t4", subject: "x", bad), Self.say("I could not make a valid change.")])
        let document = try CommandRunner.dabrepo(["refine", "use many workers", "-o", "json", "--new-session"], in: bundle, environment: environment(json))
        XCTAssertFalse(document.stdout.contains("\\\"changes\\\""), document.stdout)
        // The limit holds: a good edit after three refusals is not applied (it was committed).
        let good = [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 600]]
        let late = try anthropic([Self.edit("t1", subject: "x", bad), Self.edit("t2", subject: "x", bad), Self.edit("t3", subject: "x", bad),
                                  Self.edit("t4", subject: "Time out after 10 minutes", good), Self.say("Done.")])
        let after = try CommandRunner.dabrepo(["refine", "use many workers", "--new-session"], in: bundle, environment: environment(late))
        XCTAssertEqual(after.status, 1, after.stdout + after.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head, after.stdout)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    /// Escape sequences in the model's words, subject and summary are shown as text, never sent to the
    /// terminal or written into the commit (they coloured, retitled and cleared the screen of the reader).
    func testTheModelsControlCharactersAreShownNotObeyed() throws {
        let bundle = try initBundle()
        let server = try anthropic([
            Self.edit("toolu_1", subject: "Notify \u{1B}[2J clear", summary: "sum \u{1B}[31mred\u{1B}[0m",
                      [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 7200]]),
            Self.say("Hello \u{1B}[31mRED\u{1B}[0m \u{1B}]0;pwned-title\u{07} done\rOVER"),
        ])
        let result = try CommandRunner.dabrepo(["refine", "two hour timeout on the nightly job"], in: bundle, environment: environment(server))
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertFalse(result.stdout.contains("\u{1B}") || result.stdout.contains("\u{07}") || result.stdout.contains("\r"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\\u001b[31mRED"), result.stdout)
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        XCTAssertFalse(message.contains("\u{1B}") || message.contains("\u{07}"), message)
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Notify \\u001b[2J clear")
    }

    /// Two accepted edit_bundle calls are one change with both (the second once replaced the first
    /// unsaid), and chat's /undo reverts the model's revision like the planner's.
    func testTwoEditsOfTheModelAreOneRevisionThatUndoReverts() throws {
        let bundle = try initBundle()
        let server = try anthropic([
            Self.edit("toolu_1", subject: "Run one at a time", [["op": "set", "path": "resources.jobs.nightly_etl_job.max_concurrent_runs", "value": 1]]),
            Self.edit("toolu_2", subject: "Time out after an hour", [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 3600]]),
            Self.say("Done."),
        ])
        let result = try CommandRunner.dabrepo(["chat"], in: bundle, environment: environment(server),
                                               stdin: Data("one run at a time, and an hour at most\n/undo\n".utf8))
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let log = try gitOutput(["log", "--format=%s"], in: bundle).split(separator: "\n").map(String.init)
        XCTAssertEqual(log.count, 3, "\(log)")
        XCTAssertEqual(log[1], "Run one at a time; Time out after an hour")
        let job = try gitOutput(["show", "HEAD~1:resources/nightly_etl.job.yml"], in: bundle)
        XCTAssertTrue(job.contains("max_concurrent_runs: 1") && job.contains("timeout_seconds: 3600"), job)
        XCTAssertTrue(log[0].hasPrefix("Undo "), "\(log)")
        XCTAssertFalse(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("timeout_seconds: 3600"))
    }

    /// An answer cut off at the model's length limit is said as such (it read as the model's refusal).
    func testAnAnswerCutOffByTheLengthLimitIsSaidSo() throws {
        let bundle = try initBundle()
        let server = try anthropic([["text": "I will set the field max_concurrent", "stop_reason": "max_tokens", "usage": ["input_tokens": 1400, "output_tokens": 8192]]])
        let result = try CommandRunner.dabrepo(["refine", "one run at a time please"], in: bundle, environment: environment(server))
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue((result.stdout + result.stderr).contains("cut off at its length limit (max_tokens)"), result.stdout + result.stderr)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "1")
    }

    /// A tool call cut off in its arguments by the length limit, then the model's "Nothing changed.": said as the
    /// limit, with what to do (it was only "Nothing changed."); a server that reports no usage shows no "0 tokens".
    func testAToolCallCutOffByTheLengthLimitIsSaidSo() throws {
        let bundle = try initBundle()
        let server = try anthropic([
            ["tool_calls": [["id": "toolu_1", "name": "edit_bundle", "arguments": "{\"subject\": \"Run one at a time\", \"edits\": [{\"op\": \"set\", \"pa"]],
             "stop_reason": "max_tokens", "usage": ["input_tokens": 1400, "output_tokens": 8192]],
            ["text": "Nothing changed.", "stop_reason": "end_turn", "usage": ["input_tokens": 0, "output_tokens": 0]],
        ])
        let result = try CommandRunner.dabrepo(["refine", "one run at a time please"], in: bundle, environment: environment(server))
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue((result.stdout + result.stderr).contains("cut off at its length limit (max_tokens)"), result.stdout + result.stderr)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "1")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testTheModelAsksAQuestion() throws {
        let bundle = try initBundle()
        let server = try anthropic([
            ["tool_calls": [["id": "q1", "name": "ask_user", "arguments": ["question": "Which warehouse should the report use?", "choices": ["analytics", "finance"]]]],
             "stop_reason": "tool_use"],
            // A model that goes on after its question: not asked again, its edit never made nor shown.
            Self.edit("toolu_2", subject: "Use the analytics warehouse", [["op": "set", "path": "resources.jobs.nightly_etl_job.max_concurrent_runs", "value": 2]]),
            Self.say("I asked which warehouse."),
        ])
        let result = try CommandRunner.dabrepo(["refine", "move the report to the right warehouse"], in: bundle, environment: environment(server))
        XCTAssertEqual(result.status, 3, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Which warehouse should the report use?"), result.stdout)
        XCTAssertTrue(result.stdout.contains("analytics"), result.stdout)
        XCTAssertFalse((result.stdout + result.stderr).contains("edit_bundle"), result.stdout + result.stderr)
        XCTAssertEqual(try server.requests().count, 1, "the turn ended with the question")
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "1")
    }

    func testAutoAsksTheModelOnlyWhatThePlannerCannotDo() throws {
        let bundle = try initBundle()
        let server = try anthropic([
            Self.edit("toolu_1", subject: "Send failures of nightly_etl_job to the on-call address",
                      [["op": "append", "path": "resources.jobs.nightly_etl_job.email_notifications.on_failure", "value": "oncall@example.com"]]),
            Self.say("On-call hears of failures now."),
        ])
        let env = environment(server, agent: "auto")
        let planned = try CommandRunner.dabrepo(["refine", "set the timeout to 2 hours"], in: bundle, environment: env)
        XCTAssertEqual(planned.status, 0, planned.stdout + planned.stderr)
        XCTAssertEqual(try server.requests().count, 0, "the offline planner answered without the model")
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%B"], in: bundle).contains("Dabrepo-Agent: offline-planner"))
        let modelled = try CommandRunner.dabrepo(["refine", "whoever is on call should hear when the nightly run breaks"], in: bundle, environment: env)
        XCTAssertEqual(modelled.status, 0, modelled.stdout + modelled.stderr)
        XCTAssertEqual(try server.requests().count, 2)
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%B"], in: bundle).contains("Dabrepo-Agent: anthropic/claude-test"))
        // A request the bundle already answers ("Nothing to change") is the planner's too: no model call
        // (it spent tokens, and failed when the model was down).
        let already = try CommandRunner.dabrepo(["refine", "set the timeout to 2 hours", "--new-session"], in: bundle, environment: env)
        XCTAssertEqual(already.status, 0, already.stdout + already.stderr)
        XCTAssertTrue(already.stdout.contains("Nothing to change"), already.stdout)
        XCTAssertEqual(try server.requests().count, 2)
        try assertKeyNowhere([planned, modelled, already], in: bundle)
    }

    /// The model's edit leaves the bundle as it is, and it says a few words after: nothing to change
    /// (exit 0), not a refusal made of its words.
    /// The model previews its edit with `dry_run` (the schema offers none) and asks "shall I?": nothing
    /// is committed (the preview was, with the question as its summary), and the tool said why.
    func testTheModelsOwnDryRunIsOnlyAPreview() throws {
        let bundle = try initBundle()
        var preview = Self.edit("toolu_1", subject: "Two-hour timeout", [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 7200]])
        var calls = preview["tool_calls"] as! [[String: Any]]
        var arguments = calls[0]["arguments"] as! [String: Any]
        arguments["dry_run"] = true
        calls[0]["arguments"] = arguments
        preview["tool_calls"] = calls
        let server = try anthropic([preview, Self.say("This would set a two-hour timeout; shall I?")])
        let result = try CommandRunner.dabrepo(["refine", "give the nightly job a two-hour timeout"], in: bundle, environment: environment(server))
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "1", result.stdout + result.stderr)
        XCTAssertFalse(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("timeout_seconds: 7200"))
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        let results = try server.requests().dropFirst().map { toolResults($0) }
        XCTAssertTrue(results.contains { $0.values.contains { $0.content.contains("Preview only (dry_run)") } }, "\(results)")
    }

    /// `dabrepo mcp --repo DIR` (and `tools call --repo DIR`) started elsewhere: the agent and model are
    /// DIR's git configuration (the current directory's were read, so the offline planner answered).
    func testTheServedRepositorysGitConfigurationChoosesTheModel() throws {
        let bundle = try initBundle()
        try git(["config", "dabrepo.agent", "anthropic"], in: bundle)
        try git(["config", "dabrepo.model", "claude-test"], in: bundle)
        let server = try anthropic([
            Self.edit("toolu_1", subject: "Give nightly_etl_job a two-hour timeout",
                      [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 7200]]),
            Self.say("Done."),
        ])
        var env = environment(server)
        env["DABREPO_AGENT"] = .some(nil)
        env["DABREPO_MODEL"] = .some(nil)
        let result = try CommandRunner.dabrepo(["tools", "call", "refine_bundle", #"{"request": "the nightly job should stop after two hours of running"}"#,
                                                "--repo", bundle.lastPathComponent], in: bundle.deletingLastPathComponent(), environment: env)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(try server.requests().count, 2, result.stdout + result.stderr)
        XCTAssertTrue(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("timeout_seconds: 7200"))
    }

    func testAnEditThatChangesNothingIsUnchanged() throws {
        let bundle = try initBundle()
        let name = try XCTUnwrap(try String(contentsOf: bundle.appendingPathComponent("resources/nightly_etl.job.yml"), encoding: .utf8)
            .components(separatedBy: "\n").first { $0.hasPrefix("      name: ") }?.dropFirst("      name: ".count))
        let server = try anthropic([
            Self.edit("toolu_1", subject: "Rename the job", [["op": "set", "path": "resources.jobs.nightly_etl_job.name", "value": String(name)]]),
            Self.say("ok again"),
        ])
        let result = try CommandRunner.dabrepo(["refine", "name the job \(name)", "-o", "json"], in: bundle, environment: environment(server))
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let document = try json(result.stdout)
        XCTAssertEqual(document["status"] as? String, "unchanged", result.stdout)
        XCTAssertFalse((document["message"] as? String ?? "").contains(".."), result.stdout)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "1")
    }

    func testAWrongKeyIsAClearErrorAndChangesNothing() throws {
        let bundle = try initBundle()
        let server = try anthropic([])
        var env = environment(server)
        let wrong = FakeCredential.anthropic()
        env["ANTHROPIC_API_KEY"] = wrong
        let result = try CommandRunner.dabrepo(["refine", "make the job idempotent"], in: bundle, environment: env)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("ANTHROPIC_API_KEY"), result.stderr)
        XCTAssertFalse(result.stderr.contains(wrong) || result.stdout.contains(wrong), result.stderr)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "1")
    }

    func testOpenAICompatibleServersWorkTheSameWay() throws {
        let bundle = try initBundle()
        let server = try FakeLLMServer(script: ["responses": [
            Self.edit("call_1", subject: "Tag nightly_etl_job with team=data", [["op": "set", "path": "resources.jobs.nightly_etl_job.tags.team", "value": "data"]]),
            Self.say("Tagged."),
        ]], directory: workspace.url)
        var env = environment
        env["OPENAI_API_KEY"] = FakeCredential.openAI()
        env["OPENAI_BASE_URL"] = server.openAIBaseURL
        let result = try CommandRunner.dabrepo(["refine", "the data team owns the nightly job", "--agent", "openai", "--model", "gpt-test"],
                                               in: bundle, environment: env)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%B"], in: bundle).contains("Dabrepo-Agent: openai/gpt-test"))
        XCTAssertEqual(try server.requests().first?["path"] as? String, "/v1/chat/completions")

        // A gateway serving a reasoning model refuses max_tokens (OpenAI's own error body): asked again with
        // max_completion_tokens, once (it stopped with the 400).
        let strict = try FakeLLMServer(script: ["responses": [
            ["status": 400, "error": ["type": "invalid_request_error", "code": "unsupported_parameter", "param": "max_tokens",
                                      "message": "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."]],
            Self.edit("call_1", subject: "Tag nightly_etl_job with team=ml", [["op": "set", "path": "resources.jobs.nightly_etl_job.tags.team", "value": "ml"]]),
            Self.say("Tagged."),
        ]], directory: workspace.url)
        env["OPENAI_BASE_URL"] = strict.openAIBaseURL
        let retried = try CommandRunner.dabrepo(["refine", "the ml team owns the nightly job", "--agent", "openai", "--model", "gpt-5"], in: bundle, environment: env)
        XCTAssertEqual(retried.status, 0, retried.stdout + retried.stderr)
        let bodies = try strict.requests().compactMap { $0["body"] as? [String: Any] }
        XCTAssertNotNil(bodies.first?["max_tokens"])
        XCTAssertNotNil(bodies.dropFirst().first?["max_completion_tokens"])
        XCTAssertNil(bodies.dropFirst().first?["max_tokens"])
    }

    func testWithoutAModelNotUnderstoodSaysHowToConfigureOne() throws {
        let bundle = try initBundle()
        let result = try dabrepo(["refine", "make the job idempotent"], in: bundle)
        XCTAssertEqual(result.status, 4, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("ANTHROPIC_API_KEY") && result.stdout.contains("dabrepo agent status"), result.stdout)
    }

    /// Databricks model serving with the user's Databricks login: a Claude endpoint through the
    /// workspace's Anthropic path, the token only in the header; and a follow-up in the same
    /// conversation sends the earlier turn along.
    func testDatabricksServingAndAFollowUp() throws {
        let bundle = try initBundle()
        let token = FakeCredential.databricks()
        let server = try FakeLLMServer(script: ["keys": ["databricks": token], "responses": [
            Self.edit("toolu_1", subject: "Give nightly_etl_job a one-hour timeout",
                      [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 3600]]),
            Self.say("One hour."),
            Self.edit("toolu_2", subject: "Give nightly_etl_job a two-hour timeout in prod",
                      [["op": "set", "path": "targets.prod.resources.jobs.nightly_etl_job.timeout_seconds", "value": 7200]]),
            Self.say("Prod gets two hours."),
        ]], directory: workspace.url)
        var env = environment
        env["DATABRICKS_HOST"] = server.host
        env["DATABRICKS_TOKEN"] = token
        let arguments = ["--agent", "databricks", "--model", "databricks-claude-test"]
        let first = try CommandRunner.dabrepo(["refine", "the nightly job may run an hour at most"] + arguments, in: bundle, environment: env)
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        let second = try CommandRunner.dabrepo(["refine", "but prod may take twice as long"] + arguments, in: bundle, environment: env)
        XCTAssertEqual(second.status, 0, second.stdout + second.stderr)
        let requests = try server.requests()
        XCTAssertEqual(requests.map { $0["path"] as? String }, Array(repeating: "/serving-endpoints/anthropic/v1/messages", count: 4))
        XCTAssertEqual((requests[0]["headers"] as? [String: String])?["authorization"], "Bearer \(token)")
        // The follow-up's first call carries the earlier request and reply.
        let history = String(decoding: try JSONSerialization.data(withJSONObject: requests[2]["body"] ?? [:]), as: UTF8.self)
        XCTAssertTrue(history.contains("the nightly job may run an hour at most"), history)
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%B"], in: bundle).contains("Dabrepo-Agent: databricks/databricks-claude-test"))
        XCTAssertTrue(try read(bundle.appendingPathComponent("databricks.yml")).contains("timeout_seconds: 7200"))
        for result in [first, second] { XCTAssertFalse((result.stdout + result.stderr).contains(token)) }
        XCTAssertFalse(try gitOutput(["log", "--format=%B"], in: bundle).contains(token))
    }
}
