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
    public var maxTokensField: String {
        get { learned.field ?? configuredField }
        set { configuredField = newValue }
    }
    private var configuredField: String
    /// The field a server asked for once (a 400 naming the other one): every later call of the model uses it.
    private let learned = LearnedField()

    final class LearnedField: @unchecked Sendable {
        private let lock = NSLock()
        private var value: String?
        var field: String? {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue } }
        }
    }

    public init(endpoint: ModelEndpoint, model: String, streaming: Bool = true, settings: ModelHTTPSettings = ModelHTTPSettings(),
                maxTokensField: String? = nil) {
        self.endpoint = endpoint
        self.model = model
        self.streaming = streaming
        self.settings = settings
        self.configuredField = maxTokensField ?? (endpoint.baseURL == Self.defaultBaseURL ? "max_completion_tokens" : "max_tokens")
    }

    public var provider: String { endpoint.provider.rawValue }

    var client: ModelHTTPClient { ModelHTTPClient(endpoint: endpoint, settings: settings, model: model) }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatStreamEvent, Error> {
        let service = client.service
        let first = client.chat(path: "/chat/completions", body: body(request), headers: [:], streaming: streaming,
                                decoder: { OpenAIAnswerDecoder(service: service) })
        // A server that takes the other name of the length limit (Azure OpenAI and gateways serving reasoning
        // models refuse `max_tokens`; older servers `max_completion_tokens`): asked once more with that name.
        var other = self
        let otherField = maxTokensField == "max_tokens" ? "max_completion_tokens" : "max_tokens"
        other.configuredField = otherField
        let retry = other, learned = self.learned
        return AsyncThrowingStream { continuation in
            let task = Task {
                var delivered = false
                do {
                    for try await event in first {
                        delivered = true
                        continuation.yield(event)
                    }
                    continuation.finish()
                } catch LanguageModelError.badRequest(_, _, let message) where !delivered && Self.asksForTheOtherField(message, sent: retry.configuredField == "max_tokens" ? "max_completion_tokens" : "max_tokens") {
                    learned.field = otherField
                    do {
                        for try await event in retry.client.chat(path: "/chat/completions", body: retry.body(request), headers: [:], streaming: retry.streaming,
                                                                 decoder: { OpenAIAnswerDecoder(service: service) }) {
                            continuation.yield(event)
                        }
                        continuation.finish()
                    } catch {
                        continuation.finish(throwing: error)
                    }
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Whether a 400's message says the length limit's field is the other one ("Unsupported parameter:
    /// 'max_tokens' … Use 'max_completion_tokens' instead").
    static func asksForTheOtherField(_ message: String, sent: String) -> Bool {
        let other = sent == "max_tokens" ? "max_completion_tokens" : "max_tokens"
        return message.contains(sent) && (message.contains(other) || message.lowercased().contains("unsupported") || message.lowercased().contains("unrecognized"))
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
