import Foundation

/// Anthropic's answer → stream events: `message_start` (input usage), `content_block_start` (a text or
/// `tool_use` block), `content_block_delta` (`text_delta`, `input_json_delta`), `message_delta` (stop
/// reason, output usage), `message_stop`, `ping`, and `error`, which ends the stream even after HTTP 200.
/// Unknown events and block types are skipped, as Anthropic's versioning policy asks.
final class AnthropicAnswerDecoder: ChatAnswerDecoder {
    let service: String
    private var toolIndex: [Int: Int] = [:]
    private var usage = TokenUsage()
    private var stopReason: StopReason?
    private var stopped = false

    init(service: String) { self.service = service }

    func decode(_ event: ServerSentEvent) throws(LanguageModelError) -> [ChatStreamEvent] {
        guard let object = ModelJSON.object(event.data) else {
            if event.event == "ping" { return [] }
            throw .invalidResponse(service: service, message: "an event that is not JSON (\(event.event))")
        }
        switch object["type"] as? String ?? event.event {
        case "message_start":
            readUsage((object["message"] as? [String: Any])?["usage"] as? [String: Any])
            return [.usage(usage)]
        case "content_block_start":
            guard let index = ModelJSON.int(object["index"]), let block = object["content_block"] as? [String: Any] else { return [] }
            return start(block, index: index)
        case "content_block_delta":
            guard let index = ModelJSON.int(object["index"]), let delta = object["delta"] as? [String: Any] else { return [] }
            switch delta["type"] as? String {
            case "text_delta":
                let text = delta["text"] as? String ?? ""
                return text.isEmpty ? [] : [.textDelta(text)]
            case "input_json_delta":
                guard let tool = toolIndex[index], let fragment = delta["partial_json"] as? String, !fragment.isEmpty else { return [] }
                return [.toolCallArgumentsDelta(index: tool, fragment: fragment)]
            default:
                return []
            }
        case "message_delta":
            if let reason = (object["delta"] as? [String: Any])?["stop_reason"] as? String { stopReason = StopReason(anthropic: reason) }
            readUsage(object["usage"] as? [String: Any])
            return [.usage(usage)]
        case "message_stop":
            stopped = true
            return [.stop(stopReason ?? .endTurn)]
        case "error":
            let error = object["error"] as? [String: Any]
            throw .streamError(service: service, type: error?["type"] as? String ?? "an error", message: error?["message"] as? String ?? "no message")
        default:
            return []
        }
    }

    func decode(json object: [String: Any]) throws(LanguageModelError) -> [ChatStreamEvent] {
        if object["type"] as? String == "error" {
            let error = object["error"] as? [String: Any]
            throw .streamError(service: service, type: error?["type"] as? String ?? "an error", message: error?["message"] as? String ?? "no message")
        }
        guard let content = object["content"] as? [[String: Any]] else {
            throw .invalidResponse(service: service, message: "a message without content")
        }
        var events: [ChatStreamEvent] = []
        for (index, block) in content.enumerated() { events += start(block, index: index) }
        readUsage(object["usage"] as? [String: Any])
        events.append(.usage(usage))
        stopped = true
        events.append(.stop((object["stop_reason"] as? String).map(StopReason.init(anthropic:)) ?? .endTurn))
        return events
    }

    func finish() throws(LanguageModelError) -> [ChatStreamEvent] {
        guard stopped else { throw .invalidResponse(service: service, message: "the stream ended before message_stop") }
        return []
    }

    /// A content block: its text, or a tool call with the input it already carries (whole in a JSON
    /// answer, `{}` at the start of a streamed one).
    private func start(_ block: [String: Any], index: Int) -> [ChatStreamEvent] {
        switch block["type"] as? String {
        case "text":
            let text = block["text"] as? String ?? ""
            return text.isEmpty ? [] : [.textDelta(text)]
        case "tool_use":
            let tool = toolIndex.count
            toolIndex[index] = tool
            var events: [ChatStreamEvent] = [.toolCallStart(index: tool, id: block["id"] as? String ?? "", name: block["name"] as? String ?? "")]
            if let input = block["input"] as? [String: Any], !input.isEmpty {
                events.append(.toolCallArgumentsDelta(index: tool, fragment: ModelJSON.text(input)))
            }
            return events
        default:
            return []
        }
    }

    private func readUsage(_ object: [String: Any]?) {
        guard let object else { return }
        if let n = ModelJSON.int(object["input_tokens"]) { usage.inputTokens = n }
        if let n = ModelJSON.int(object["output_tokens"]) { usage.outputTokens = n }
        if let n = ModelJSON.int(object["cache_read_input_tokens"]) { usage.cacheReadTokens = n }
        if let n = ModelJSON.int(object["cache_creation_input_tokens"]) { usage.cacheWriteTokens = n }
    }
}
