import Foundation
import TestSupport
import XCTest

/// `POST /api/chat` on the real server: the events of a turn in order (offline planner and the fake
/// Anthropic model), questions answered by a choice's value, stop mid-turn and Ctrl-C (nothing
/// written), concurrent chats and health checks, two clients serialised by the repository lock, and a
/// generate request against the fake workspace.
final class ServeChatTests: RepositoryTestCase {
    var bundle: URL!
    let key = FakeCredential.anthropic()

    override func setUpWithError() throws {
        try super.setUpWithError()
        bundle = try initBundle()
    }

    func modelEnvironment(_ model: FakeLLMServer) -> [String: String?] {
        var env = environment
        env["ANTHROPIC_API_KEY"] = key
        env["ANTHROPIC_BASE_URL"] = model.host
        env["DABREPO_AGENT"] = "anthropic"
        env["DABREPO_MODEL"] = "claude-test"
        return env
    }

    func chat(_ client: RawHTTPClient, _ message: String, conversation: String? = nil) throws -> ServerSentEvents {
        var body: [String: Any] = ["message": message]
        if let conversation { body["conversation_id"] = conversation }
        return try ServerSentEvents(client.open("POST", "/api/chat", body: JSONSerialization.data(withJSONObject: body)))
    }

    var head: String { (try? gitOutput(["rev-parse", "HEAD"], in: bundle)) ?? "" }

    /// A question still open keeps its choices in the conversation (the page lost its buttons on reload).
    func testAnOpenQuestionKeepsItsChoicesInTheConversation() throws {
        let server = try ServeProcess(bundle: bundle, environment: environment)
        let events = try chat(server.client, "rename the job").all()
        XCTAssertEqual(events.last?.data["status"] as? String, "question", "\(events.map(\.data))")
        let conversation = try XCTUnwrap(events.first?.data["conversation_id"] as? String)
        let turns = try server.client.get("/api/conversations/\(conversation)").json["turns"] as? [[String: Any]] ?? []
        let choices = try XCTUnwrap(turns.last?["choices"] as? [[String: Any]], "\(turns)")
        XCTAssertFalse(choices.isEmpty)
        XCTAssertNotNil(choices.first?["value"] as? String)
        XCTAssertNotNil(choices.first?["label"] as? String)
    }

    /// A revision killed half-way before the server started is put back when the next turn begins, and the page is
    /// told (the notice went only to the server's standard error).
    func testAKilledRevisionPutBackIsSaidToThePage() throws {
        XCTAssertTrue(try KilledProcess.dabrepo(["apply", try editDocument(timeout: 1234).path], in: bundle, environment: environment,
                                               faultPoint: "after-files-written", delay: nil))
        let server = try ServeProcess(bundle: bundle, environment: environment)
        let events = try chat(server.client, "set the timeout to 2 hours").all()
        let progress = events.filter { $0.name == "progress" }.compactMap { $0.data["message"] as? String }
        XCTAssertTrue(progress.contains { $0.contains("a revision was interrupted") }, "\(events.map(\.name)) \(progress)")
        XCTAssertEqual(events.last?.data["status"] as? String, "committed", "\(events.map(\.data))")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testAnOfflineTurnStreamsItsEventsInOrder() throws {
        let server = try ServeProcess(bundle: bundle, environment: environment)
        let stream = try chat(server.client, "make the dev cluster smaller")
        XCTAssertEqual(stream.status, 200)
        XCTAssertEqual(stream.header("Content-Type"), "text/event-stream; charset=utf-8")
        XCTAssertEqual(stream.header("Cache-Control"), "no-cache")
        XCTAssertEqual(stream.header("X-Accel-Buffering"), "no")
        let events = stream.all()
        XCTAssertEqual(events.map(\.name), ["turn", "preview", "revision", "done"])
        XCTAssertEqual(events.map(\.id), [1, 2, 3, 4])
        let conversation = try XCTUnwrap(events[0].data["conversation_id"] as? String)
        XCTAssertNotNil(events[0].data["turn_id"] as? String)
        XCTAssertEqual(events[1].data["files"] as? [String], ["resources/nightly_etl.job.yml"], "where the job is defined")
        XCTAssertEqual(events[2].data["revision"] as? String, head)
        XCTAssertEqual(events[2].data["zip_url"] as? String, "/api/revisions/\(head)/bundle.zip")
        XCTAssertEqual(events[2].data["subject"] as? String, try gitOutput(["log", "-1", "--format=%s"], in: bundle))
        XCTAssertNotNil((events[2].data["diff"] as? [String: Any])?["resources"] ?? (events[2].data["diff"] as? [String: Any]))
        XCTAssertEqual(events[3].data["status"] as? String, "committed")
        XCTAssertEqual(events[3].data["conversation_id"] as? String, conversation)
        // A follow-up in the same conversation refers to the first turn.
        let followUp = try chat(server.client, "same for prod", conversation: conversation).all()
        XCTAssertEqual(followUp.last?.data["status"] as? String, "committed", "\(followUp.map(\.data))")
        XCTAssertEqual(try gitOutput(["log", "--format=%s"], in: bundle).split(separator: "\n").count, 3)
        let turns = try server.client.get("/api/conversations/\(conversation)").json["turns"] as? [[String: Any]] ?? []
        XCTAssertEqual(turns.map { $0["request"] as? String }, ["make the dev cluster smaller", "same for prod"])
        // Not understood: said as text, nothing changed.
        let before = head
        let unknown = try chat(server.client, "make coffee").all()
        XCTAssertEqual(unknown.map(\.name), ["turn", "text", "done"])
        XCTAssertEqual(unknown.last?.data["status"] as? String, "not-understood")
        XCTAssertEqual(head, before)
        // A change that would break the bundle: its findings with file and line, nothing written.
        let broken = try chat(server.client, "add a task report after notebook_task that runs src/missing.ipynb").all()
        XCTAssertEqual(broken.map(\.name), ["turn", "preview", "findings", "error", "done"], "\(broken.map(\.data))")
        let finding = try XCTUnwrap((broken[2].data["findings"] as? [[String: Any]])?.first)
        XCTAssertEqual(finding["rule"] as? String, "local-path-exists")
        XCTAssertEqual(finding["file"] as? String, "resources/nightly_etl.job.yml")
        XCTAssertNotNil(finding["line"] as? Int)
        XCTAssertEqual(broken[3].data["kind"] as? String, "invalid")
        XCTAssertEqual(broken.last?.data["status"] as? String, "invalid")
        XCTAssertEqual(head, before)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    /// A token in a request reaches no event, answer or conversation the server sends: redacted as the
    /// CLI and MCP redact it (the preview's changes and diff, the text, the subject and summary).
    func testSecretsInARequestAreRedactedInEveryEvent() throws {
        let server = try ServeProcess(bundle: bundle, environment: environment)
        let token = FakeCredential.databricks()
        var conversation: String?
        for message in ["set the env var API_TOKEN to \(token)", "frobnicate \(token)", "rename the job to \(token)"] {
            let stream = try chat(server.client, message, conversation: conversation)
            let events = stream.all()
            conversation = conversation ?? events.first?.data["conversation_id"] as? String
            XCTAssertGreaterThan(events.count, 1, message)
            let text = String(decoding: try JSONSerialization.data(withJSONObject: events.map(\.data)), as: UTF8.self)
            XCTAssertFalse(text.contains(token), "\(message): \(text)")
        }
        let kept = try server.client.get("/api/conversations/\(try XCTUnwrap(conversation))")
        XCTAssertFalse(kept.text.contains(token), kept.text)
        XCTAssertFalse(try server.client.get("/api/conversations").text.contains(token))
    }

    func testAQuestionIsAnsweredBySendingAChoicesValue() throws {
        try workspace.write(["nightly_etl/resources/report.job.yml": "resources:\n  jobs:\n    report:\n      name: report\n      tasks:\n        - task_key: r\n          notebook_task:\n            notebook_path: ../src/notebook.py\n"])
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "report job"], in: bundle)
        let server = try ServeProcess(bundle: bundle, environment: environment)
        let asked = try chat(server.client, "set the timeout to 1 hour").all()
        XCTAssertEqual(asked.map(\.name), ["turn", "question", "done"])
        let question = asked[1].data
        XCTAssertTrue((question["question"] as? String ?? "").hasPrefix("Which job?"), "\(question)")
        let choices = question["choices"] as? [[String: Any]] ?? []
        let report = try XCTUnwrap(choices.first { $0["value"] as? String == "jobs.report" }, "\(choices)")
        XCTAssertEqual(report["kind"] as? String, "resource")
        // (Read by a person on the page: not the command line's `--resource jobs.report`.)
        XCTAssertEqual(report["label"] as? String, "job report")
        let conversation = try XCTUnwrap(asked[0].data["conversation_id"] as? String)
        let answered = try chat(server.client, "jobs.report", conversation: conversation).all()
        XCTAssertEqual(answered.last?.data["status"] as? String, "committed", "\(answered.map(\.data))")
        XCTAssertTrue(try gitOutput(["show", "HEAD:resources/report.job.yml"], in: bundle).contains("timeout_seconds: 3600"))
    }

    func testAModelTurnStreamsTextToolCallsAndTheRevision() throws {
        let model = try FakeLLMServer(script: ["keys": ["anthropic": key], "responses": [
            ["text": "Setting a two-hour timeout.", "tool_calls": [["id": "toolu_1", "name": "edit_bundle", "arguments": [
                "subject": "Give nightly_etl_job a two-hour timeout", "summary": "Two hours.",
                "edits": [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 7200]]]]],
             "stop_reason": "tool_use", "usage": ["input_tokens": 1200, "output_tokens": 80]],
            ["text": "The nightly job now times out after two hours.", "stop_reason": "end_turn", "usage": ["input_tokens": 1400, "output_tokens": 20]],
        ]], directory: workspace.url)
        let server = try ServeProcess(bundle: bundle, environment: modelEnvironment(model))
        let health = try server.client.get("/api/health").json
        XCTAssertEqual(health["agent"] as? String, "anthropic/claude-test")
        XCTAssertEqual(health["model"] as? String, "claude-test")
        let events = try chat(server.client, "the nightly job should never run longer than two hours").all()
        // Text chunks may come in several events: one name for a run of them.
        var names: [String] = []
        for name in events.map(\.name) where names.last != name { names.append(name) }
        XCTAssertEqual(names, ["turn", "text", "tool_call", "tool_result", "text", "preview", "revision", "done"], "\(events.map(\.data))")
        XCTAssertEqual(events.map(\.id), Array(1...events.count))
        let call = try XCTUnwrap(events.first { $0.name == "tool_call" })
        XCTAssertEqual(call.data["name"] as? String, "edit_bundle")
        XCTAssertEqual(call.data["id"] as? String, "toolu_1")
        XCTAssertEqual((call.data["arguments"] as? [String: Any])?["subject"] as? String, "Give nightly_etl_job a two-hour timeout")
        XCTAssertEqual(events.first { $0.name == "tool_result" }?.data["is_error"] as? Bool, false)
        let text = events.filter { $0.name == "text" }.compactMap { $0.data["text"] as? String }.joined()
        XCTAssertTrue(text.contains("times out after two hours"), text)
        let done = try XCTUnwrap(events.last?.data)
        XCTAssertEqual(done["status"] as? String, "committed")
        XCTAssertEqual(done["usage"] as? [String: Int], ["input_tokens": 2600, "output_tokens": 100])
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Give nightly_etl_job a two-hour timeout")
        for event in events { XCTAssertFalse(JSONBodyText(event.data).contains(key), "the key reached an event") }
    }

    /// A model that ends with words and no change: its words once (they came as streamed text, then
    /// again as the outcome's text, and the page showed them twice); the turn is "refused".
    func testAModelsClosingWordsAreShownOnce() throws {
        let words = "I would need to know which tables you mean before changing anything."
        let model = try FakeLLMServer(script: ["keys": ["anthropic": key], "responses": [["text": words, "stop_reason": "end_turn"]]], directory: workspace.url)
        let server = try ServeProcess(bundle: bundle, environment: modelEnvironment(model))
        let events = try chat(server.client, "please tidy up this bundle").all()
        let text = events.filter { $0.name == "text" }.compactMap { $0.data["text"] as? String }.joined()
        XCTAssertEqual(text.components(separatedBy: "which tables you mean").count, 2, text)
        XCTAssertEqual(events.last?.data["status"] as? String, "refused")
        // The CLI: the words, then "Nothing changed." (not the words again).
        let cliModel = try FakeLLMServer(script: ["keys": ["anthropic": key], "responses": [["text": words, "stop_reason": "end_turn"]]], directory: workspace.url)
        let result = try CommandRunner.dabrepo(["refine", "please tidy up this bundle"], in: bundle, environment: modelEnvironment(cliModel))
        XCTAssertEqual(result.stdout.components(separatedBy: "which tables you mean").count, 2, result.stdout)
        XCTAssertTrue(result.stdout.contains("Nothing changed."), result.stdout)
    }

    func JSONBodyText(_ object: [String: Any]) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object)) ?? Data(), as: UTF8.self)
    }

    func slowModel(_ count: Int) throws -> FakeLLMServer {
        let edit: [String: Any] = ["delay": 20, "tool_calls": [["id": "toolu_1", "name": "edit_bundle", "arguments": [
            "subject": "Slow", "summary": "Slow.", "edits": [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 60]]]]],
                                   "stop_reason": "tool_use"]
        return try FakeLLMServer(script: ["keys": ["anthropic": key], "responses": Array(repeating: edit, count: count)], directory: workspace.url)
    }

    func testAStoppedTurnChangesNothing() throws {
        let model = try slowModel(1)
        let server = try ServeProcess(bundle: bundle, environment: modelEnvironment(model))
        let before = head
        let stream = try chat(server.client, "the nightly job should time out after a minute")
        let turn = try XCTUnwrap(stream.next(until: "turn"))
        let turnID = try XCTUnwrap(turn.data["turn_id"] as? String)
        let conversation = try XCTUnwrap(turn.data["conversation_id"] as? String)
        let busy = try server.client.post("/api/chat", ["message": "make the dev cluster smaller", "conversation_id": conversation])
        XCTAssertEqual(busy.status, 409, "one turn at a time in a conversation")
        XCTAssertEqual(busy.errorKind, "conflict")
        let stop = try server.client.post("/api/chat/\(turnID)/stop")
        XCTAssertEqual(stop.status, 200, stop.text)
        let events = stream.all()
        XCTAssertEqual(events.last?.name, "done")
        XCTAssertEqual(events.last?.data["status"] as? String, "cancelled", "\(events.map(\.data))")
        XCTAssertFalse(events.contains { $0.name == "revision" })
        XCTAssertEqual(head, before)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        XCTAssertEqual(try server.client.post("/api/chat/\(turnID)/stop").status, 404, "it has ended")
        XCTAssertEqual(try server.client.post("/api/chat/nosuchturn/stop").status, 404)
        // The conversation goes on (its stopped first turn saved nothing), here with the offline planner.
        let body = try JSONSerialization.data(withJSONObject: ["message": "make the dev cluster smaller", "conversation_id": conversation, "agent": "offline"])
        let next = try ServerSentEvents(server.client.open("POST", "/api/chat", body: body)).all()
        XCTAssertEqual(next.last?.data["status"] as? String, "committed", "\(next.map(\.data))")
        XCTAssertEqual(next.last?.data["agent"] as? String, "offline-planner")
        XCTAssertEqual(next.first?.data["conversation_id"] as? String, conversation)
        XCTAssertEqual(try server.client.post("/api/chat", ["message": "x", "agent": "gpt-99"]).status, 400)
        XCTAssertEqual(try server.client.post("/api/chat", ["message": "x", "conversation_id": "../etc"]).status, 400)
        XCTAssertEqual(try server.client.post("/api/chat", ["message": "  "]).status, 400)
    }

    func testAClientThatGoesAwayStopsItsTurn() throws {
        let model = try slowModel(1)
        var env = modelEnvironment(model)
        env["DABREPO_SERVE_HEARTBEAT_MS"] = "100"
        let server = try ServeProcess(bundle: bundle, environment: env)
        let before = head
        var stream: ServerSentEvents? = try chat(server.client, "the nightly job should time out after a minute")
        let turnID = try XCTUnwrap(stream?.next(until: "turn")?.data["turn_id"] as? String)
        XCTAssertTrue(stream?.waitForHeartbeat() ?? false, "heartbeats while the model thinks")
        stream = nil  // the tab is closed
        // The next heartbeat finds the client gone and stops the turn; then there is nothing to stop.
        var stopped = false
        for _ in 0..<100 where !stopped {
            Thread.sleep(forTimeInterval: 0.2)
            stopped = try server.client.post("/api/chat/\(turnID)/stop").status == 404
        }
        XCTAssertTrue(stopped, "the turn ended when its client went away")
        XCTAssertEqual(head, before)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        var cancelled = false
        for _ in 0..<50 where !cancelled {
            cancelled = try model.requests().first?["disconnected"] as? Bool == true
            if !cancelled { Thread.sleep(forTimeInterval: 0.2) }
        }
        XCTAssertTrue(cancelled, "the model call was cancelled")
    }

    func testCtrlCStopsRunningTurnsAndExitsCleanly() throws {
        let model = try slowModel(1)
        let server = try ServeProcess(bundle: bundle, environment: modelEnvironment(model))
        let before = head
        let stream = try chat(server.client, "the nightly job should time out after a minute")
        XCTAssertNotNil(stream.next(until: "turn"))
        XCTAssertEqual(server.interrupt(), 0, server.standardError)
        let events = stream.all()
        XCTAssertEqual(events.last?.data["status"] as? String, "cancelled", "\(events.map(\.data))")
        XCTAssertEqual(head, before)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testTwentyHealthChecksWhileThreeChatsRun() throws {
        let model = try slowModel(3)
        let server = try ServeProcess(bundle: bundle, environment: modelEnvironment(model))
        let before = head
        // Three conversations, each waiting for the (slow) model.
        let streams = try (0..<3).map { _ in try chat(server.client, "the nightly job should time out after a minute") }
        let turnIDs = try streams.map { try XCTUnwrap($0.next(until: "turn")?.data["turn_id"] as? String) }
        let lock = NSLock()
        nonisolated(unsafe) var results: [String] = []
        let client = server.client
        DispatchQueue.concurrentPerform(iterations: 20) { _ in
            let response = try? client.get("/api/health")
            let entry = "\(response?.status ?? 0) \(response?.json["status"] as? String ?? "")"
            lock.lock(); results.append(entry); lock.unlock()
        }
        XCTAssertEqual(results, Array(repeating: "200 ok", count: 20))
        // Every chat was still running after the health checks were answered: stopping it finds it.
        for id in turnIDs { XCTAssertEqual(try server.client.post("/api/chat/\(id)/stop").status, 200) }
        for stream in streams { XCTAssertEqual(stream.all().last?.data["status"] as? String, "cancelled") }
        XCTAssertEqual(head, before)
    }

    func testTwoClientsOnOneRepositoryTakeTurnsOnTheLock() throws {
        let server = try ServeProcess(bundle: bundle, environment: environment)
        let other = try ServeProcess(bundle: bundle, environment: environment)
        let before = head
        let first = try chat(server.client, "make the dev cluster smaller")
        let second = try chat(other.client, "set the timeout to 1 hour")
        let done = [first.all().last?.data, second.all().last?.data]
        XCTAssertEqual(done.map { $0?["status"] as? String }, ["committed", "committed"], "\(done)")
        let subjects = try gitOutput(["log", "--format=%s", "\(before)..HEAD"], in: bundle).split(separator: "\n")
        XCTAssertEqual(subjects.count, 2)
        XCTAssertEqual(try gitOutput(["rev-list", "--merges", "HEAD"], in: bundle), "", "one line of history")
        let job = try gitOutput(["show", "HEAD:resources/nightly_etl.job.yml"], in: bundle)
        XCTAssertTrue(job.contains("timeout_seconds: 3600"), job)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        // Each sees the other's revisions in the timeline.
        XCTAssertEqual(try server.client.get("/api/revisions").json["revisions"].map { ($0 as? [Any])?.count }, 3)
        XCTAssertEqual(try other.client.get("/api/revisions").json["revisions"].map { ($0 as? [Any])?.count }, 3)
    }

    func testAGenerateRequestMakesARevisionWithAZipLink() throws {
        let job = try JSONSerialization.jsonObject(with: Data(contentsOf: TestPaths.fixture("DabrepoCLITests", "jobs/nightly_sales.json")))
        var notebooks: [String: Any] = [:]
        for name in ["ingest", "aggregate"] {
            notebooks["/Workspace/Users/ana@example.com/sales/\(name)"] = ["content": "# Databricks notebook source\nprint('\(name)')\n", "language": "PYTHON"]
        }
        let fake = try FakeWorkspaceServer(state: ["jobs": [job], "notebooks": notebooks], directory: workspace.url)
        var env = environment
        env["DATABRICKS_HOST"] = fake.host
        env["DATABRICKS_TOKEN"] = "test-token-1"
        env["DABREPO_RETRY_BUDGET"] = "20"
        let server = try ServeProcess(bundle: bundle, environment: env)
        let events = try chat(server.client, "Generate a bundle from job 871263").all()
        let names = events.map(\.name)
        XCTAssertEqual(names.first, "turn")
        XCTAssertEqual(Array(names.suffix(3)), ["tool_result", "revision", "done"], "\(events.map(\.data))")
        XCTAssertTrue(names.contains("progress"))
        let call = try XCTUnwrap(events.first { $0.name == "tool_call" })
        XCTAssertEqual(call.data["name"] as? String, "generate_bundle_from_job")
        XCTAssertEqual((call.data["arguments"] as? [String: Any])?["job_id"] as? Int, 871263)
        XCTAssertEqual(events.last?.data["status"] as? String, "committed")
        let revision = try XCTUnwrap(events.first { $0.name == "revision" }?.data)
        XCTAssertEqual(revision["revision"] as? String, head)
        let zip = try server.client.get(try XCTUnwrap(revision["zip_url"] as? String))
        XCTAssertEqual(zip.status, 200)
        XCTAssertEqual(zip.body.prefix(4), Data([0x50, 0x4B, 0x03, 0x04]))
        XCTAssertTrue(try gitOutput(["ls-tree", "-r", "--name-only", "HEAD"], in: bundle).contains("resources/"))
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        // The token of the workspace appears nowhere in what the page saw.
        for event in events { XCTAssertFalse(JSONBodyText(event.data).contains("test-token-1")) }
    }

    func testAsADatabricksAppTheProxysUserIsTheAuthor() throws {
        var env = environment
        env["DATABRICKS_APP_PORT"] = "0"
        let server = try ServeProcess(bundle: bundle, environment: env)
        XCTAssertTrue(server.firstLine.hasPrefix("http://0.0.0.0:"), server.firstLine)
        XCTAssertNil(server.token)
        let client = server.client
        XCTAssertEqual(try client.get("/api/health").status, 401, "not through the proxy")
        let user = ["X-Forwarded-Email": "alex@example.com", "X-Forwarded-Preferred-Username": "Alex Doe"]
        XCTAssertEqual(try client.get("/api/health", headers: user).status, 200)
        XCTAssertEqual(try client.post("/api/validate", headers: user.merging(["Origin": "https://evil.example"]) { $1 }).status, 403)
        let proxied = user.merging(["X-Forwarded-Host": "dabrepo-1.example.databricksapps.com"]) { $1 }
        XCTAssertEqual(try client.post("/api/validate", headers: proxied.merging(["Origin": "https://dabrepo-1.example.databricksapps.com"]) { $1 }).status, 200)
        XCTAssertEqual(try client.post("/api/validate", headers: proxied.merging(["Origin": "https://127.0.0.1:\(server.port)"]) { $1 }).status, 403)
        let body = try JSONSerialization.data(withJSONObject: ["message": "make the dev cluster smaller"])
        let stream = try ServerSentEvents(client.open("POST", "/api/chat", headers: user.merging(["Origin": "https://127.0.0.1:\(server.port)"]) { $1 }, body: body))
        XCTAssertEqual(stream.all().last?.data["status"] as? String, "committed")
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%an <%ae>"], in: bundle), "Alex Doe <alex@example.com>")
    }
}
