import Foundation

/// OpenAI's answer → stream events: `chat.completion.chunk`s with `delta.content` and `delta.tool_calls`
/// fragments (by `index`; the first fragment of a call carries its id and name), `finish_reason`, a last
/// chunk with `usage` and no choices, then `data: [DONE]`; an `error` object in the stream ends it.
final class OpenAIAnswerDecoder: ChatAnswerDecoder {
    let service: String
    private var toolIndex: [Int: Int] = [:]
    private var stopReason: StopReason?
    private var done = false

    init(service: String) { self.service = service }

    func decode(_ event: ServerSentEvent) throws(LanguageModelError) -> [ChatStreamEvent] {
        let data = event.data.trimmingCharacters(in: .whitespaces)
        if data == "[DONE]" {
            guard !done else { return [] }
            done = true
            return [.stop(stopReason ?? .endTurn)]
        }
        guard let object = ModelJSON.object(data) else {
            throw .invalidResponse(service: service, message: "an event that is not JSON")
        }
        if let error = object["error"] {
            let (type, message) = ModelJSON.error((try? JSONSerialization.data(withJSONObject: ["error": error])) ?? Data())
            throw .streamError(service: service, type: type ?? "an error", message: message)
        }
        var events: [ChatStreamEvent] = []
        for choice in object["choices"] as? [[String: Any]] ?? [] where ModelJSON.int(choice["index"]) ?? 0 == 0 {
            let delta = choice["delta"] as? [String: Any] ?? [:]
            events += text(delta["content"])
            for call in delta["tool_calls"] as? [[String: Any]] ?? [] { events += tool(call) }
            if let reason = choice["finish_reason"] as? String { stopReason = StopReason(openAI: reason) }
        }
        if let usage = object["usage"] as? [String: Any] { events.append(.usage(Self.usage(usage))) }
        return events
    }

    func decode(json object: [String: Any]) throws(LanguageModelError) -> [ChatStreamEvent] {
        guard let choice = (object["choices"] as? [[String: Any]])?.first, let message = choice["message"] as? [String: Any] else {
            throw .invalidResponse(service: service, message: "a completion without choices")
        }
        var events = text(message["content"])
        for call in message["tool_calls"] as? [[String: Any]] ?? [] {
            let tool = toolIndex.count
            toolIndex[tool] = tool
            let function = call["function"] as? [String: Any] ?? [:]
            events.append(.toolCallStart(index: tool, id: call["id"] as? String ?? "", name: function["name"] as? String ?? ""))
            if let arguments = function["arguments"] as? String, !arguments.isEmpty { events.append(.toolCallArgumentsDelta(index: tool, fragment: arguments)) }
        }
        if let usage = object["usage"] as? [String: Any] { events.append(.usage(Self.usage(usage))) }
        done = true
        events.append(.stop((choice["finish_reason"] as? String).map(StopReason.init(openAI:)) ?? .endTurn))
        return events
    }

    func finish() throws(LanguageModelError) -> [ChatStreamEvent] {
        if done { return [] }
        // Some servers end without [DONE]: an answer with a finish reason is complete all the same.
        guard let stopReason else { throw .invalidResponse(service: service, message: "the stream ended before a finish_reason") }
        done = true
        return [.stop(stopReason)]
    }

    /// `content` as a string, or as a list of text parts (some servers).
    private func text(_ content: Any?) -> [ChatStreamEvent] {
        if let text = content as? String { return text.isEmpty ? [] : [.textDelta(text)] }
        let parts = (content as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }.joined()
        return parts.isEmpty ? [] : [.textDelta(parts)]
    }

    /// One `tool_calls` fragment: the start of a call the first time its index appears, then argument pieces.
    private func tool(_ call: [String: Any]) -> [ChatStreamEvent] {
        let index = ModelJSON.int(call["index"]) ?? toolIndex.count
        let function = call["function"] as? [String: Any] ?? [:]
        var events: [ChatStreamEvent] = []
        let tool: Int
        if let known = toolIndex[index] {
            tool = known
        } else {
            tool = toolIndex.count
            toolIndex[index] = tool
            events.append(.toolCallStart(index: tool, id: call["id"] as? String ?? "", name: function["name"] as? String ?? ""))
        }
        if let arguments = function["arguments"] as? String, !arguments.isEmpty { events.append(.toolCallArgumentsDelta(index: tool, fragment: arguments)) }
        return events
    }

    static func usage(_ object: [String: Any]) -> TokenUsage {
        let prompt = ModelJSON.int(object["prompt_tokens"]) ?? 0
        let cached = ModelJSON.int((object["prompt_tokens_details"] as? [String: Any])?["cached_tokens"]) ?? 0
        return TokenUsage(inputTokens: prompt - cached, outputTokens: ModelJSON.int(object["completion_tokens"]) ?? 0, cacheReadTokens: cached)
    }
}
