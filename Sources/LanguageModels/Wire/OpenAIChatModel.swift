import Foundation

/// A model behind OpenAI's chat completions (`POST {base}/chat/completions`), served by OpenAI, an
/// OpenAI-compatible server (vLLM, Ollama, LiteLLM) or a Databricks workspace (`/serving-endpoints`,
/// `model` = the endpoint's name): the request as JSON, the answer as server-sent events with usage
/// (`stream_options.include_usage`) or one JSON completion. No sampling parameters are sent.
public struct OpenAIChatModel: LanguageModel {
    public static let defaultBaseURL = "https://api.openai.com/v1"

    public let endpoint: ModelEndpoint
    public let model: String
    public var streaming: Bool
    public var settings: ModelHTTPSettings
    /// `max_completion_tokens` (OpenAI's current name, required by its reasoning models) or
    /// `max_tokens` (what other servers read).
    public var maxTokensField: String

    public init(endpoint: ModelEndpoint, model: String, streaming: Bool = true, settings: ModelHTTPSettings = ModelHTTPSettings(),
                maxTokensField: String? = nil) {
        self.endpoint = endpoint
        self.model = model
        self.streaming = streaming
        self.settings = settings
        self.maxTokensField = maxTokensField ?? (endpoint.baseURL == Self.defaultBaseURL ? "max_completion_tokens" : "max_tokens")
    }

    public var provider: String { endpoint.provider.rawValue }

    var client: ModelHTTPClient { ModelHTTPClient(endpoint: endpoint, settings: settings, model: model) }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatStreamEvent, Error> {
        let service = client.service
        return client.chat(path: "/chat/completions", body: body(request), headers: [:], streaming: streaming,
                           decoder: { OpenAIAnswerDecoder(service: service) })
    }

    /// `GET {base}/models`.
    public func listModels() async throws -> [ModelListing] {
        let data = try await client.get(path: "/models")
        guard let page = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let models = page["data"] as? [[String: Any]] else {
            throw LanguageModelError.invalidResponse(service: client.service, message: "the model list has no data")
        }
        return models.compactMap { entry in (entry["id"] as? String).map { ModelListing(id: $0, detail: entry["owned_by"] as? String) } }
    }

    /// The chat completions request body.
    func body(_ request: ChatRequest) -> Data {
        var body: [String: Any] = ["model": model, "messages": Self.messages(request), maxTokensField: request.maxTokens]
        if !request.tools.isEmpty {
            body["tools"] = request.tools.map { tool -> [String: Any] in
                ["type": "function", "function": ["name": tool.name, "description": tool.description, "parameters": tool.schemaObject] as [String: Any]]
            }
        }
        if streaming {
            body["stream"] = true
            body["stream_options"] = ["include_usage": true]
        }
        return (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// Messages in OpenAI's shape: the system prompt first, one `tool` message per tool result (an
    /// error result says so in its text: the format has no flag for it).
    static func messages(_ request: ChatRequest) -> [[String: Any]] {
        var out: [[String: Any]] = request.system.isEmpty ? [] : [["role": "system", "content": request.system]]
        for message in request.messages {
            switch message {
            case .user(let text):
                out.append(["role": "user", "content": text])
            case .assistant(let text, let calls):
                var entry: [String: Any] = ["role": "assistant", "content": text.isEmpty && !calls.isEmpty ? NSNull() : text]
                if !calls.isEmpty {
                    entry["tool_calls"] = calls.map { call -> [String: Any] in
                        ["id": call.id, "type": "function", "function": ["name": call.name, "arguments": call.arguments]]
                    }
                }
                out.append(entry)
            case .toolResults(let results):
                for result in results {
                    out.append(["role": "tool", "tool_call_id": result.callID, "content": result.isError ? "Error: \(result.content)" : result.content])
                }
            }
        }
        return out
    }
}
