import Foundation
import LanguageModels
import XCTest

/// OpenAI chat completions through the fake: streamed text, tool calls streamed as fragments by index,
/// usage from `stream_options.include_usage`, the JSON form, an error object in the stream, and the
/// messages as the API expects them.
final class OpenAIChatModelTests: FakeLLMTestCase {
    let request = ChatRequest(system: "You edit Databricks bundles.", messages: [.user("Make the dev cluster smaller")],
                              tools: [FakeLLMTestCase.readBundle], maxTokens: 2048)

    func testStreamedTextAndUsage() async throws {
        try start([["text": "Hello from the fake model", "usage": ["input_tokens": 20, "output_tokens": 6, "cache_read_input_tokens": 8]]])
        let (events, response) = try await respond(try openAI(), request)
        XCTAssertGreaterThan(text(events).count, 1, "\(events)")
        XCTAssertEqual(response.text, "Hello from the fake model")
        XCTAssertEqual(response.usage, TokenUsage(inputTokens: 20, outputTokens: 6, cacheReadTokens: 8), "cached prompt tokens are counted apart")
        XCTAssertEqual(response.usage.totalInputTokens, 28)
        XCTAssertEqual(response.stopReason, .endTurn)

        let sent = try XCTUnwrap(requests(to: "/v1/chat/completions").first)
        XCTAssertEqual((sent["headers"] as? [String: String])?["authorization"], "Bearer \(Self.openAIKey)")
        let body = try XCTUnwrap(sent["body"] as? [String: Any])
        XCTAssertEqual(body["stream"] as? Bool, true)
        XCTAssertEqual((body["stream_options"] as? [String: Any])?["include_usage"] as? Bool, true)
        XCTAssertEqual(body["max_tokens"] as? Int, 2048, "a server other than OpenAI's reads max_tokens")
        for sampling in ["temperature", "top_p"] { XCTAssertNil(body[sampling]) }
        let messages = try XCTUnwrap(body["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.first?["role"] as? String, "system")
        let tools = try XCTUnwrap(body["tools"] as? [[String: Any]])
        XCTAssertEqual(tools.first?["type"] as? String, "function")
        XCTAssertEqual((tools.first?["function"] as? [String: Any])?["name"] as? String, "read_bundle")
        XCTAssertNotNil((tools.first?["function"] as? [String: Any])?["parameters"] as? [String: Any])
    }

    func testStreamedToolCallFragmentsAreAssembledByIndex() async throws {
        try start([["tool_calls": [
            ["id": "call_a", "name": "read_bundle", "arguments": ["target": "dev"], "chunks": ["{\"tar", "get\": ", "\"dev\"}"]],
            ["id": "call_b", "name": "read_bundle", "arguments": ["target": "prod"]],
        ]]])
        let (events, response) = try await respond(try openAI(), request)
        XCTAssertTrue(events.contains(.toolCallArgumentsDelta(index: 0, fragment: "get\": ")), "\(events)")
        XCTAssertEqual(response.toolCalls.map(\.id), ["call_a", "call_b"])
        XCTAssertEqual(json(response.toolCalls[0].arguments), ["target": "dev"])
        XCTAssertEqual(json(response.toolCalls[1].arguments), ["target": "prod"])
        XCTAssertEqual(response.stopReason, .toolUse)
        XCTAssertEqual(response.text, "")
    }

    func testTheJSONAnswerGivesTheSameResponse() async throws {
        try start([["text": "Looking", "tool_calls": [["id": "call_a", "name": "read_bundle", "arguments": ["target": "dev"]]]]])
        let (_, response) = try await respond(try openAI(streaming: false), request)
        XCTAssertEqual(response.text, "Looking")
        XCTAssertEqual(response.toolCalls, [ChatToolCall(id: "call_a", name: "read_bundle", arguments: "{\"target\": \"dev\"}")])
        XCTAssertEqual(response.usage, TokenUsage(inputTokens: 10, outputTokens: 5))
    }

    func testAnErrorObjectInTheStreamEndsIt() async throws {
        try start([["text": "This answer breaks off", "stream_error": ["after": 2, "type": "server_error", "message": "The server had an error"]]])
        let (error, events) = await failure(try openAI(), request)
        guard case .streamError(_, let type, let message)? = error as? LanguageModelError else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(type, "server_error")
        XCTAssertEqual(message, "The server had an error")
        XCTAssertFalse(text(events).isEmpty)
    }

    func testAnAnswerCutOffInTheMiddleIsAnErrorAndNotRetried() async throws {
        try start([["text": "cut short", "truncate_after": 2]])
        let (error, events) = await failure(try openAI(), request)
        XCTAssertEqual(text(events), ["cut"], "what came before the break was passed on")
        // Said as an answer that broke off (the service was reached), not as "cannot reach".
        guard case .streamError(_, _, let message)? = error as? LanguageModelError else { return XCTFail("\(String(describing: error))") }
        XCTAssertTrue(message.contains("stopped before its end"), message)
        XCTAssertFalse(error.map { "\($0)" }?.contains("cannot reach") ?? true)
        XCTAssertEqual(try requests(to: "/v1/chat/completions").count, 1, "an answer that had begun is not sent again")
    }

    func testAHistoryWithToolResultsIsSentAsToolMessages() async throws {
        try start([["text": "Done."]])
        let history: [ChatMessage] = [
            .user("Make the dev cluster smaller"),
            .assistant(text: "", toolCalls: [ChatToolCall(id: "call_1", name: "read_bundle", arguments: "{\"target\":\"dev\"}")]),
            .toolResults([ChatToolResult(callID: "call_1", content: "no such target", isError: true)]),
            .user("Use prod then"),
        ]
        let (_, response) = try await respond(try openAI(), ChatRequest(system: "s", messages: history, tools: [Self.readBundle]))
        XCTAssertEqual(response.text, "Done.", "the fake refuses tool calls without their tool messages")
        let messages = try XCTUnwrap((requests(to: "/v1/chat/completions").first?["body"] as? [String: Any])?["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.map { $0["role"] as? String }, ["system", "user", "assistant", "tool", "user"])
        XCTAssertTrue(messages[2]["content"] is NSNull, "an answer of only tool calls has null content")
        XCTAssertEqual(((messages[2]["tool_calls"] as? [[String: Any]])?.first?["function"] as? [String: Any])?["arguments"] as? String, "{\"target\":\"dev\"}")
        XCTAssertEqual(messages[3]["tool_call_id"] as? String, "call_1")
        XCTAssertEqual(messages[3]["content"] as? String, "Error: no such target")
    }

    func testOpenAIItselfGetsMaxCompletionTokens() throws {
        let setup = ProviderSetup.openAI(environment: ["OPENAI_API_KEY": Self.openAIKey])
        XCTAssertEqual(setup.chatURL(for: "gpt-x"), "https://api.openai.com/v1/chat/completions")
        let model = try XCTUnwrap(try setup.makeModel("gpt-x") as? OpenAIChatModel)
        XCTAssertEqual(model.maxTokensField, "max_completion_tokens")
    }
}
