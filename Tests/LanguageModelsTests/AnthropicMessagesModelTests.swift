import Foundation
import LanguageModels
import XCTest

/// Anthropic Messages through the fake: streamed text and tool calls, usage, the JSON form, an error
/// event after HTTP 200, and the request as the API expects it.
final class AnthropicMessagesModelTests: FakeLLMTestCase {
    let request = ChatRequest(system: "You edit Databricks bundles.", messages: [.user("Make the dev cluster smaller")],
                              tools: [FakeLLMTestCase.readBundle, FakeLLMTestCase.describeFields], maxTokens: 1024)

    func testStreamedTextArrivesInPiecesWithUsage() async throws {
        try start([["text": "Hello from the fake model", "usage": ["input_tokens": 12, "output_tokens": 7, "cache_read_input_tokens": 3]]])
        let (events, response) = try await respond(try anthropic(), request)
        XCTAssertGreaterThan(text(events).count, 1, "the text streams in pieces: \(events)")
        XCTAssertEqual(text(events).joined(), "Hello from the fake model")
        XCTAssertEqual(response.text, "Hello from the fake model")
        XCTAssertEqual(response.usage, TokenUsage(inputTokens: 12, outputTokens: 7, cacheReadTokens: 3))
        XCTAssertEqual(response.stopReason, .endTurn)
        XCTAssertEqual(events.last, .stop(.endTurn))

        // What was sent: the pinned version, the key, the tools, no sampling parameters.
        let sent = try XCTUnwrap(requests(to: "/v1/messages").first)
        let headers = try XCTUnwrap(sent["headers"] as? [String: String])
        XCTAssertEqual(headers["anthropic-version"], AnthropicMessagesModel.apiVersion)
        XCTAssertEqual(AnthropicMessagesModel.apiVersion, "2023-06-01")
        XCTAssertEqual(headers["x-api-key"], Self.anthropicKey)
        XCTAssertNil(headers["authorization"])
        XCTAssertEqual(headers["accept"], "text/event-stream")
        let body = try XCTUnwrap(sent["body"] as? [String: Any])
        XCTAssertEqual(body["model"] as? String, "claude-test")
        XCTAssertEqual(body["max_tokens"] as? Int, 1024)
        XCTAssertEqual(body["stream"] as? Bool, true)
        XCTAssertEqual(body["system"] as? String, "You edit Databricks bundles.")
        for sampling in ["temperature", "top_p", "top_k"] { XCTAssertNil(body[sampling], "\(sampling) is sent") }
        let tools = try XCTUnwrap(body["tools"] as? [[String: Any]])
        XCTAssertEqual(tools.map { $0["name"] as? String }, ["read_bundle", "describe_fields"])
        XCTAssertEqual((tools[1]["input_schema"] as? [String: Any])?["required"] as? [String], ["path"])
    }

    func testStreamedToolCallsAreAssembled() async throws {
        try start([["text": "Let me look.", "tool_calls": [
            ["id": "toolu_a", "name": "read_bundle", "arguments": ["target": "dev", "path": "resources.jobs"], "chunks": ["{\"target\": \"d", "ev\", \"pa", "th\": \"resources.jobs\"}"]],
            ["id": "toolu_b", "name": "describe_fields", "arguments": ["path": "resources.jobs.*.job_clusters"]],
        ]]])
        let (events, response) = try await respond(try anthropic(), request)
        XCTAssertTrue(events.contains(.toolCallStart(index: 0, id: "toolu_a", name: "read_bundle")), "\(events)")
        XCTAssertTrue(events.contains(.toolCallArgumentsDelta(index: 0, fragment: "ev\", \"pa")), "the arguments stream in pieces: \(events)")
        XCTAssertTrue(events.contains(.toolCallStart(index: 1, id: "toolu_b", name: "describe_fields")))
        XCTAssertEqual(response.text, "Let me look.")
        XCTAssertEqual(response.toolCalls.map(\.id), ["toolu_a", "toolu_b"])
        XCTAssertEqual(response.toolCalls.map(\.name), ["read_bundle", "describe_fields"])
        XCTAssertEqual(json(response.toolCalls[0].arguments), ["target": "dev", "path": "resources.jobs"])
        XCTAssertEqual(json(response.toolCalls[1].arguments), ["path": "resources.jobs.*.job_clusters"])
        XCTAssertEqual(response.stopReason, .toolUse)
    }

    func testTheJSONAnswerGivesTheSameResponse() async throws {
        try start([["text": "Let me look.", "tool_calls": [["id": "toolu_a", "name": "read_bundle", "arguments": ["target": "dev"]]],
                    "usage": ["input_tokens": 40, "output_tokens": 9]]])
        let (_, response) = try await respond(try anthropic(streaming: false), request)
        XCTAssertEqual(response.text, "Let me look.")
        XCTAssertEqual(response.toolCalls.count, 1)
        XCTAssertEqual(json(response.toolCalls[0].arguments), ["target": "dev"])
        XCTAssertEqual(response.usage, TokenUsage(inputTokens: 40, outputTokens: 9))
        XCTAssertEqual(response.stopReason, .toolUse)
        let body = try XCTUnwrap(requests(to: "/v1/messages").first?["body"] as? [String: Any])
        XCTAssertNil(body["stream"])
    }

    func testAnErrorEventAfterHTTP200EndsTheStream() async throws {
        try start([["text": "This answer breaks off", "stream_error": ["after": 4, "type": "overloaded_error", "message": "Overloaded"]]])
        let (error, events) = await failure(try anthropic(), request)
        guard case .streamError(_, let type, let message)? = error as? LanguageModelError else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(type, "overloaded_error")
        XCTAssertEqual(message, "Overloaded")
        XCTAssertFalse(text(events).isEmpty, "the text before the error was passed on: \(events)")
        XCTAssertFalse(events.contains { if case .stop = $0 { return true } else { return false } })
        let said = "\(error!)"
        XCTAssertTrue(said.contains("overloaded_error") && said.contains("try again"), said)
        XCTAssertEqual(try requests(to: "/v1/messages").count, 1, "an error in the middle of an answer is not retried")
    }

    func testAHistoryWithToolResultsIsSentAsAnthropicBlocks() async throws {
        try start([["text": "Done."]])
        let history: [ChatMessage] = [
            .user("Make the dev cluster smaller"),
            .assistant(text: "", toolCalls: [ChatToolCall(id: "toolu_1", name: "read_bundle", arguments: "{\"target\":\"dev\"}"),
                                             ChatToolCall(id: "toolu_2", name: "describe_fields", arguments: "{\"path\":\"x\"}")]),
            .toolResults([ChatToolResult(callID: "toolu_1", content: "{\"files\":[]}"),
                          ChatToolResult(callID: "toolu_2", content: "unknown path x", isError: true)]),
            .user("And make it one worker"),
        ]
        let (_, response) = try await respond(try anthropic(), ChatRequest(system: "s", messages: history, tools: [Self.readBundle, Self.describeFields]))
        XCTAssertEqual(response.text, "Done.", "the fake refuses a history the API would refuse")
        let messages = try XCTUnwrap((requests(to: "/v1/messages").first?["body"] as? [String: Any])?["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.map { $0["role"] as? String }, ["user", "assistant", "user"], "tool results and the user's text form one user turn")
        let assistant = try XCTUnwrap(messages[1]["content"] as? [[String: Any]])
        XCTAssertEqual(assistant.map { $0["type"] as? String }, ["tool_use", "tool_use"], "no empty text block")
        XCTAssertEqual(assistant[0]["input"] as? NSDictionary, ["target": "dev"])
        let results = try XCTUnwrap(messages[2]["content"] as? [[String: Any]])
        XCTAssertEqual(results.map { $0["type"] as? String }, ["tool_result", "tool_result", "text"])
        XCTAssertEqual(results[1]["tool_use_id"] as? String, "toolu_2")
        XCTAssertEqual(results[1]["is_error"] as? Bool, true)
        XCTAssertNil(results[0]["is_error"])
    }
}
