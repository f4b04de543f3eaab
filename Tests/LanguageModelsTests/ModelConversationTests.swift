import Foundation
import LanguageModels
import XCTest

/// The tool-calling loop, the same over both wire formats: tools run through the caller's handler, the
/// results go back, the turn ends with the model's text, a round limit, or the handler's error.
final class ModelConversationTests: FakeLLMTestCase {
    /// Runs `body` once over Anthropic Messages and once over OpenAI chat completions, each with a fresh fake.
    func forEachWireFormat(_ responses: [[String: Any]], _ body: (any LanguageModel, String) async throws -> Void) async throws {
        for format in ["anthropic", "openai"] {
            try start(responses)
            try await body(format == "anthropic" ? try anthropic() : try openAI(), format == "anthropic" ? "/v1/messages" : "/v1/chat/completions")
        }
    }

    final class Calls: @unchecked Sendable {
        let lock = NSLock()
        var names: [String] = []
        func add(_ name: String) { lock.lock(); names.append(name); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return names }
    }

    func testToolsRunAndTheLoopContinuesUntilTheModelAnswers() async throws {
        let responses: [[String: Any]] = [
            ["text": "Let me read the bundle.", "tool_calls": [["name": "read_bundle", "arguments": ["target": "dev"]]],
             "usage": ["input_tokens": 100, "output_tokens": 10]],
            ["tool_calls": [["name": "describe_fields", "arguments": ["path": "resources.jobs"]], ["name": "read_bundle", "arguments": ["path": "resources"]]],
             "usage": ["input_tokens": 150, "output_tokens": 20]],
            ["text": "The dev cluster now has 1 worker.", "usage": ["input_tokens": 200, "output_tokens": 30]],
        ]
        try await forEachWireFormat(responses) { model, path in
            let calls = Calls()
            let events = EventLog<ConversationEvent>()
            let conversation = ModelConversation(model: model, system: "You edit bundles.", tools: [Self.readBundle, Self.describeFields])
            let outcome = try await conversation.run([.user("Make the dev cluster smaller")], onEvent: { events.append($0) }) { call in
                calls.add(call.name)
                return ChatToolOutput(content: "{\"result\": \"\(call.name) for \(call.arguments.count) bytes\"}")
            }
            XCTAssertEqual(outcome.text, "The dev cluster now has 1 worker.", path)
            XCTAssertEqual(calls.all, ["read_bundle", "describe_fields", "read_bundle"], path)
            XCTAssertEqual(outcome.toolCalls.map(\.name), ["read_bundle", "describe_fields", "read_bundle"])
            XCTAssertEqual(outcome.exchanges.map(\.result.callID), outcome.toolCalls.map(\.id))
            XCTAssertEqual(outcome.usage, TokenUsage(inputTokens: 450, outputTokens: 60), "usage is summed over the rounds")
            XCTAssertEqual(outcome.rounds, 3)
            XCTAssertFalse(outcome.reachedRoundLimit)
            XCTAssertEqual(outcome.messages.count, 6, "user, answer, results, answer, results, answer")
            // Each call is reported before its result; every round's usage is reported.
            let order = events.all.compactMap { event -> String? in
                switch event {
                case .toolCall(let call): return "call \(call.name)"
                case .toolResult(let call, _): return "result \(call.name)"
                case .roundFinished(let round, _): return "round \(round)"
                case .model: return nil
                }
            }
            XCTAssertEqual(order, ["round 1", "call read_bundle", "result read_bundle", "round 2", "call describe_fields", "result describe_fields",
                                   "call read_bundle", "result read_bundle", "round 3"])
            // The fake refuses a history whose tool calls lack their results: three requests were answered.
            let sent = try self.requests(to: path)
            XCTAssertEqual(sent.count, 3)
            let last = try XCTUnwrap(String(data: JSONSerialization.data(withJSONObject: sent[2]["body"] as Any), encoding: .utf8))
            XCTAssertTrue(last.contains("describe_fields for"), "the tool's result went back to the model: \(last)")
        }
    }

    func testTheRoundLimitEndsTheTurnWithTheLastCallsAnswered() async throws {
        let again: [String: Any] = ["tool_calls": [["name": "read_bundle", "arguments": ["target": "dev"]]]]
        try await forEachWireFormat([again, again, again]) { model, path in
            let calls = Calls()
            let outcome = try await ModelConversation(model: model, system: "s", tools: [Self.readBundle], maxRounds: 2)
                .run([.user("loop forever")]) { call in
                    calls.add(call.name)
                    return ChatToolOutput(content: "{}")
                }
            XCTAssertTrue(outcome.reachedRoundLimit, path)
            XCTAssertEqual(outcome.rounds, 2)
            XCTAssertEqual(calls.all.count, 1, "the calls of the last round are not run")
            XCTAssertEqual(outcome.exchanges.last?.result.isError, true)
            XCTAssertTrue(outcome.exchanges.last?.result.content.contains("limit of 2 model calls") == true)
            guard case .toolResults? = outcome.messages.last else { return XCTFail("the history ends with the results: \(outcome.messages)") }
            XCTAssertEqual(try self.requests(to: path).count, 2)
        }
    }

    func testUnknownToolsAndBadArgumentsAreAnsweredWithoutTheHandler() async throws {
        let responses: [[String: Any]] = [
            ["tool_calls": [["name": "delete_everything", "arguments": ["now": true]], ["name": "read_bundle", "arguments": "{\"target\": ", "chunks": ["{\"target\": "]]]],
            ["text": "Sorry."],
        ]
        try start(responses)
        let calls = Calls()
        let outcome = try await ModelConversation(model: try openAI(), system: "s", tools: [Self.readBundle]).run([.user("hi")]) { call in
            calls.add(call.name)
            return ChatToolOutput(content: "{}")
        }
        XCTAssertEqual(calls.all, [])
        XCTAssertEqual(outcome.exchanges.map(\.result.isError), [true, true])
        XCTAssertTrue(outcome.exchanges[0].result.content.contains("There is no tool delete_everything; the tools are: read_bundle"))
        XCTAssertTrue(outcome.exchanges[1].result.content.contains("not a JSON object"))
        XCTAssertEqual(outcome.text, "Sorry.")
    }

    func testAHandlerErrorEndsTheTurn() async throws {
        struct Stop: Error, Equatable {}
        try start([["tool_calls": [["name": "read_bundle", "arguments": ["target": "dev"]]]], ["text": "never asked"]])
        do {
            _ = try await ModelConversation(model: try anthropic(), system: "s", tools: [Self.readBundle]).run([.user("hi")]) { _ in throw Stop() }
            XCTFail("the turn went on")
        } catch {
            XCTAssertEqual(error as? Stop, Stop())
        }
        XCTAssertEqual(try requests(to: "/v1/messages").count, 1)
    }
}
