import Foundation

/// A model behind Anthropic's Messages API (`POST {base}/v1/messages`), served by Anthropic itself or
/// by a Databricks workspace (`/serving-endpoints/anthropic`): the request as JSON, the answer as
/// server-sent events (or one JSON message with `streaming` false). The API version is pinned; no
/// sampling parameters are sent.
public struct AnthropicMessagesModel: LanguageModel {
    /// The `anthropic-version` every request sends.
    public static let apiVersion = "2023-06-01"
    public static let defaultBaseURL = "https://api.anthropic.com"

    public let endpoint: ModelEndpoint
    public let model: String
    public var streaming: Bool
    public var settings: ModelHTTPSettings

    public init(endpoint: ModelEndpoint, model: String, streaming: Bool = true, settings: ModelHTTPSettings = ModelHTTPSettings()) {
        self.endpoint = endpoint
        self.model = model
        self.streaming = streaming
        self.settings = settings
    }

    public var provider: String { endpoint.provider.rawValue }

    var client: ModelHTTPClient { ModelHTTPClient(endpoint: endpoint, settings: settings, model: model) }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatStreamEvent, Error> {
        let service = client.service
        return client.chat(path: "/v1/messages", body: Self.body(request, model: model, streaming: streaming),
                           headers: ["anthropic-version": Self.apiVersion], streaming: streaming,
                           decoder: { AnthropicAnswerDecoder(service: service) })
    }

    /// `GET {base}/v1/models`, every page.
    public func listModels() async throws -> [ModelListing] {
        var out: [ModelListing] = []
        var after: String?
        repeat {
            let query = "?limit=100" + (after.map { "&after_id=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" } ?? "")
            let data = try await client.get(path: "/v1/models" + query, headers: ["anthropic-version": Self.apiVersion])
            guard let page = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let models = page["data"] as? [[String: Any]] else {
                throw LanguageModelError.invalidResponse(service: client.service, message: "the model list has no data")
            }
            out += models.compactMap { entry in
                (entry["id"] as? String).map { ModelListing(id: $0, detail: entry["display_name"] as? String) }
            }
            after = (page["has_more"] as? Bool) == true ? page["last_id"] as? String : nil
        } while after != nil
        return out
    }

    /// The Messages request body.
    static func body(_ request: ChatRequest, model: String, streaming: Bool) -> Data {
        var body: [String: Any] = ["model": model, "max_tokens": request.maxTokens, "messages": messages(request.messages)]
        if !request.system.isEmpty { body["system"] = request.system }
        if !request.tools.isEmpty {
            body["tools"] = request.tools.map { ["name": $0.name, "description": $0.description, "input_schema": $0.schemaObject] as [String: Any] }
        }
        if streaming { body["stream"] = true }
        return (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// Messages in Anthropic's shape: tool results are blocks of the next user message (merged with the
    /// user's text when both follow an answer); empty text blocks, which the API refuses, are left out.
    static func messages(_ messages: [ChatMessage]) -> [[String: Any]] {
        var out: [[String: Any]] = []
        func add(_ role: String, _ blocks: [[String: Any]]) {
            guard !blocks.isEmpty else { return }
            if let last = out.last, last["role"] as? String == role, let previous = last["content"] as? [[String: Any]] {
                out[out.count - 1]["content"] = previous + blocks
            } else {
                out.append(["role": role, "content": blocks])
            }
        }
        for message in messages {
            switch message {
            case .user(let text):
                add("user", text.isEmpty ? [] : [["type": "text", "text": text]])
            case .assistant(let text, let calls):
                var blocks: [[String: Any]] = text.isEmpty ? [] : [["type": "text", "text": text]]
                for call in calls {
                    let input = ModelJSON.object(call.arguments) ?? [:]
                    blocks.append(["type": "tool_use", "id": call.id, "name": call.name, "input": input])
                }
                add("assistant", blocks)
            case .toolResults(let results):
                add("user", results.map { result in
                    var block: [String: Any] = ["type": "tool_result", "tool_use_id": result.callID, "content": result.content]
                    if result.isError { block["is_error"] = true }
                    return block
                })
            }
        }
        return out
    }
}
