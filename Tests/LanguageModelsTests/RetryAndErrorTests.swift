import Foundation
import LanguageModels
import TestSupport
import XCTest

/// Retries as the official SDKs do them, errors that say what to do, keys that never show, stalls and
/// cancellation, all below the wire formats.
final class RetryAndErrorTests: FakeLLMTestCase {
    func retries(_ events: [ChatStreamEvent]) -> [(Int, Double)] {
        events.compactMap { if case .retrying(let attempt, let delay, _) = $0 { return (attempt, delay) } else { return nil } }
    }

    func test529ThenSuccessIsRetriedAfterTheWaitTheServiceAsks() async throws {
        try start([["status": 529, "error": ["type": "overloaded_error", "message": "Overloaded"], "headers": ["retry-after-ms": "50"]],
                   ["text": "after the retry"]])
        let (events, response) = try await respond(try anthropic(), ChatRequest(system: "", messages: [.user("hi")]))
        XCTAssertEqual(response.text, "after the retry")
        let waits = retries(events)
        XCTAssertEqual(waits.map(\.0), [2])
        XCTAssertEqual(waits.first?.1 ?? 0, 0.05, accuracy: 0.0001, "retry-after-ms is honoured")
        XCTAssertEqual(try requests(to: "/v1/messages").count, 2)
    }

    func testRetryAfterInSecondsAndRetriedStatuses() async throws {
        try start([["status": 429, "error": ["type": "rate_limit_error", "message": "slow down"], "headers": ["retry-after": "1"]],
                   ["status": 408, "error": ["type": "timeout", "message": "request timeout"], "headers": ["retry-after-ms": "10"]],
                   ["text": "third time"]])
        let (events, response) = try await respond(try openAI(), ChatRequest(system: "", messages: [.user("hi")]))
        XCTAssertEqual(response.text, "third time")
        XCTAssertEqual(retries(events).map(\.0), [2, 3])
        XCTAssertEqual(retries(events).first?.1, 1.0, "retry-after: 1 is one second")
    }

    func testGivesUpAfterTheRetriesWithTheLastStatus() async throws {
        let unavailable: [String: Any] = ["status": 503, "error": ["type": "api_error", "message": "upstream unavailable"], "headers": ["retry-after-ms": "10"]]
        try start([unavailable, unavailable, unavailable, ["text": "never reached"]])
        let (error, _) = await failure(try anthropic())
        guard case .unavailable(_, let status, let attempts, let message)? = error as? LanguageModelError else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(status, 503)
        XCTAssertEqual(attempts, 3, "one attempt and two retries, as the SDKs")
        XCTAssertEqual(message, "upstream unavailable")
        XCTAssertEqual(try requests(to: "/v1/messages").count, 3)
    }

    /// A proxy's HTML error page was pasted whole into the message: its title is what it says.
    func testAnHTMLErrorPageIsReportedByItsTitle() async throws {
        let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
        try start([["status": 502, "html": page, "headers": ["retry-after-ms": "10"]], ["status": 502, "html": page, "headers": ["retry-after-ms": "10"]],
                   ["status": 502, "html": page, "headers": ["retry-after-ms": "10"]], ["text": "never reached"]])
        let (error, _) = await failure(try anthropic())
        guard case .unavailable(_, 502, 3, let message)? = error as? LanguageModelError else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(message, "an HTML error page: 502 Bad Gateway")
        XCTAssertFalse("\(error!)".contains("<"), "\(error!)")
    }

    func testAServerThatSaysNotToRetryIsBelieved() async throws {
        try start([["status": 500, "error": ["type": "api_error", "message": "no"], "headers": ["x-should-retry": "false"]], ["text": "never"]])
        let (error, _) = await failure(try anthropic())
        guard case .unavailable(_, 500, 1, _)? = error as? LanguageModelError else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(try requests(to: "/v1/messages").count, 1)
    }

    func testA429ThatSaysTheQuotaIsSpentIsNotRetried() async throws {
        try start([["status": 429, "error": ["type": "insufficient_quota", "code": "insufficient_quota",
                                              "message": "You exceeded your current quota, please check your plan and billing details."]],
                   ["text": "never"]])
        let (error, _) = await failure(try openAI())
        guard case .quotaExceeded(_, let message)? = error as? LanguageModelError else { return XCTFail("\(String(describing: error))") }
        XCTAssertTrue(message.contains("exceeded your current quota"), message)
        XCTAssertTrue("\(error!)".contains("retrying does not help"))
        XCTAssertEqual(try requests(to: "/v1/chat/completions").count, 1)
    }

    func testAnUnknownModelSaysHowToFindOne() async throws {
        try start([["status": 404, "error": ["type": "not_found_error", "message": "model: claude-nope"]], ["text": "never"]])
        let (error, _) = await failure(try anthropic("claude-nope"))
        guard case .modelNotFound(_, "claude-nope", "model: claude-nope")? = error as? LanguageModelError else { return XCTFail("\(String(describing: error))") }
        XCTAssertTrue("\(error!)".contains("`dabrepo agent models` lists the ones it offers"), "\(error!)")
        XCTAssertEqual(try requests(to: "/v1/messages").count, 1)
    }

    func test400IsNotRetried() async throws {
        try start([["status": 400, "error": ["type": "invalid_request_error", "message": "prompt is too long"]], ["text": "never"]])
        let (error, _) = await failure(try anthropic())
        guard case .badRequest(_, 400, "prompt is too long")? = error as? LanguageModelError else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(try requests(to: "/v1/messages").count, 1)
    }

    func test401NamesTheKeyVariableIsNotRetriedAndNeverShowsTheKey() async throws {
        try start([["text": "never"], ["text": "never"]])
        let wrongAnthropic = "sk-ant-" + "api03-" + String(repeating: "Wr0ng", count: 6)
        let (error, _) = await failure(try anthropic(environment: ["ANTHROPIC_API_KEY": wrongAnthropic, "ANTHROPIC_BASE_URL": fake.host]))
        guard case .unauthenticated? = error as? LanguageModelError else { return XCTFail("\(String(describing: error))") }
        let said = "\(error!)"
        XCTAssertTrue(said.contains("ANTHROPIC_API_KEY"), said)
        XCTAssertTrue(said.contains("invalid x-api-key"), said)
        XCTAssertFalse(said.contains(wrongAnthropic), said)
        XCTAssertEqual(try requests(to: "/v1/messages").count, 1)
        XCTAssertEqual((try requests(to: "/v1/messages").first?["headers"] as? [String: String])?["x-api-key"], wrongAnthropic, "the key was sent")

        // OpenAI's 401 quotes part of the key back: the rest of the message stays, the key does not.
        let wrongOpenAI = "sk-" + "proj-" + String(repeating: "Wr0ng", count: 6)
        let (openAIError, _) = await failure(try openAI(environment: ["OPENAI_API_KEY": wrongOpenAI, "OPENAI_BASE_URL": fake.openAIBaseURL]))
        let openAISaid = "\(openAIError!)"
        XCTAssertTrue(openAISaid.contains("OPENAI_API_KEY") && openAISaid.contains("Incorrect API key provided"), openAISaid)
        XCTAssertFalse(openAISaid.contains(wrongOpenAI), openAISaid)
        XCTAssertEqual(try requests(to: "/v1/chat/completions").count, 1)
    }

    func testAKeyAServiceEchoesIsRedactedWhateverItsShape() async throws {
        let plainKey = "local-proxy-secret-4711"
        try start([["status": 400, "error": ["type": "invalid_request_error", "message": "bad header x-api-key: \(Self.anthropicKey)"]],
                   ["status": 400, "error": ["type": "invalid_request_error", "message": "key \(plainKey) is not allowed here"]]],
                  extra: ["keys": [:]])
        let (shaped, _) = await failure(try anthropic())
        XCTAssertFalse("\(shaped!)".contains(Self.anthropicKey), "\(shaped!)")
        XCTAssertTrue("\(shaped!)".contains("sk-ant-[REDACTED]"), "\(shaped!)")
        let (plain, _) = await failure(try openAI(environment: ["OPENAI_API_KEY": plainKey, "OPENAI_BASE_URL": fake.openAIBaseURL]))
        XCTAssertFalse("\(plain!)".contains(plainKey), "\(plain!)")
    }

    func testAServiceThatCannotBeReachedIsRetriedThenReported() async throws {
        // A port that was just closed: the fake started and stopped.
        let closed: Int = try { try LocalServerProcess(script: "Tests/FakeLLM/fake_llm.py", arguments: ["--script", writeEmptyScript()]).port }()
        let model = try anthropic(settings: ModelHTTPSettings(maxRetries: 1, stallTimeout: 5, connectTimeout: 2),
                                  environment: ["ANTHROPIC_API_KEY": Self.anthropicKey, "ANTHROPIC_BASE_URL": "http://127.0.0.1:\(closed)"])
        let (error, events) = await failure(model)
        guard case .connection(_, let attempts, _)? = error as? LanguageModelError else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(attempts, 2)
        XCTAssertEqual(retries(events).map(\.0), [2])
        XCTAssertTrue("\(error!)".contains("base URL"), "\(error!)")
    }

    func writeEmptyScript() throws -> String {
        let url = directory.url.appendingPathComponent("empty.json")
        try Data("{}".utf8).write(to: url)
        return url.path
    }

    func testAStallEndsTheStreamWithAClearError() async throws {
        try start([["text": "This answer stalls in the middle", "stall": ["after": 4, "seconds": 60]]])
        let model = try anthropic(settings: ModelHTTPSettings(maxRetries: 2, stallTimeout: 1))
        let (error, events) = await failure(model)
        guard case .stalled(_, let seconds)? = error as? LanguageModelError else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(seconds, 1)
        XCTAssertTrue("\(error!)".contains("DABREPO_MODEL_STALL_TIMEOUT"), "\(error!)")
        XCTAssertFalse(text(events).isEmpty, "the text before the stall was passed on")
        XCTAssertTrue(retries(events).isEmpty, "an answer that had begun is not sent again")
        try waitForDisconnect(path: "/v1/messages")
    }

    func testAStallBeforeTheAnswerBeganIsRetried() async throws {
        try start([["text": "stalls at once", "stall": ["after": 0, "seconds": 60]], ["text": "second try"]])
        let model = try anthropic(settings: ModelHTTPSettings(maxRetries: 1, stallTimeout: 1))
        let (events, response) = try await respond(model, ChatRequest(system: "", messages: [.user("hi")]))
        XCTAssertEqual(response.text, "second try")
        XCTAssertEqual(retries(events).map(\.0), [2])
    }

    func testCancellingTheTaskAbortsTheTransfer() async throws {
        // The fake stalls for a minute after the first text; without cancellation the call would succeed.
        try start([["text": "This answer waits a minute before it ends", "stall": ["after": 4, "seconds": 60]]])
        let model = try anthropic()
        let firstText = AsyncStream<Void>.makeStream()
        let task = Task {
            try await model.respond(ChatRequest(system: "", messages: [.user("hi")])) { event in
                if case .textDelta = event { firstText.continuation.yield() }
            }
        }
        for await _ in firstText.stream { break }
        task.cancel()
        do {
            let response = try await task.value
            XCTFail("the call was not cancelled: \(response)")
        } catch {
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
        try waitForDisconnect(path: "/v1/messages")
    }
}
