import BundleModel
import Foundation
import Workspace

/// A provider as this environment configures it: where its models are served, with which credential
/// (described, never shown), or why it is not configured. Builds the `LanguageModel` for a model name
/// and lists the models the provider offers.
public struct ProviderSetup: Sendable {
    public var provider: ModelProvider
    /// Why it cannot be used, or nil when it is configured.
    public var unavailable: String?
    /// The base URL (Anthropic, OpenAI) or the workspace host (Databricks).
    public var baseURL: String
    /// Where the credential comes from: "ANTHROPIC_API_KEY", "a personal access token from profile DEFAULT in ~/.databrickscfg".
    public var credentialSource: String
    let credential: ModelCredential?
    let workspace: WorkspaceConfig?

    public var isConfigured: Bool { unavailable == nil }

    // MARK: Reading the environment

    /// Anthropic: `ANTHROPIC_API_KEY`, and `ANTHROPIC_BASE_URL` (default https://api.anthropic.com).
    public static func anthropic(environment: [String: String]) -> ProviderSetup {
        let base = nonEmpty(environment["ANTHROPIC_BASE_URL"]) ?? AnthropicMessagesModel.defaultBaseURL
        guard let key = nonEmpty(environment["ANTHROPIC_API_KEY"]) else {
            return ProviderSetup(provider: .anthropic, unavailable: "ANTHROPIC_API_KEY is unset", baseURL: base, credentialSource: "ANTHROPIC_API_KEY",
                                 credential: nil, workspace: nil)
        }
        SecretRedaction.hold(key)
        let credential = ModelCredential(style: .apiKeyHeader, source: "the API key in ANTHROPIC_API_KEY",
                                         advice: "Check the key in ANTHROPIC_API_KEY, or set a valid one.", secret: { key })
        return ProviderSetup(provider: .anthropic, unavailable: nil, baseURL: base, credentialSource: "ANTHROPIC_API_KEY", credential: credential, workspace: nil)
    }

    /// OpenAI-compatible: `OPENAI_API_KEY` and/or `OPENAI_BASE_URL` (default https://api.openai.com/v1;
    /// a local server such as Ollama may need no key).
    public static func openAI(environment: [String: String]) -> ProviderSetup {
        let configuredBase = nonEmpty(environment["OPENAI_BASE_URL"])
        let base = configuredBase ?? OpenAIChatModel.defaultBaseURL
        let key = nonEmpty(environment["OPENAI_API_KEY"])
        guard key != nil || configuredBase != nil else {
            return ProviderSetup(provider: .openai, unavailable: "OPENAI_API_KEY and OPENAI_BASE_URL are unset", baseURL: base,
                                 credentialSource: "OPENAI_API_KEY", credential: nil, workspace: nil)
        }
        SecretRedaction.hold(key)
        let source = key == nil ? "no key (OPENAI_API_KEY is unset)" : "the API key in OPENAI_API_KEY"
        let credential = ModelCredential(style: .bearer, source: source,
                                         advice: key == nil ? "Set OPENAI_API_KEY to a key \(base) accepts." : "Check the key in OPENAI_API_KEY (sent to \(base)), or set a valid one.",
                                         secret: { key })
        return ProviderSetup(provider: .openai, unavailable: nil, baseURL: base, credentialSource: key == nil ? "none" : "OPENAI_API_KEY",
                             credential: credential, workspace: nil)
    }

    /// Databricks model serving with the workspace authentication `dabrepo auth describe` shows:
    /// `--profile`, the `DATABRICKS_*` variables, `~/.databrickscfg` (a personal access token or OAuth M2M).
    public static func databricks(profile: String?, environment: [String: String]) -> ProviderSetup {
        let config: WorkspaceConfig
        do {
            config = try WorkspaceConfig.resolve(profileFlag: profile, environment: environment)
        } catch {
            return ProviderSetup(provider: .databricks, unavailable: error.description, baseURL: "", credentialSource: "Databricks authentication",
                                 credential: nil, workspace: nil)
        }
        let source = describe(config)
        let client = WorkspaceClient(config: config)
        let advice = "`dabrepo auth describe` shows which Databricks credentials are used\(profile.map { " (profile \($0))" } ?? ""); check them, or choose another profile."
        let credential = ModelCredential(style: .bearer, source: source, advice: advice) { () throws(LanguageModelError) -> String? in
            do {
                return try client.bearerToken()
            } catch {
                throw .unauthenticated(service: "Databricks at \(config.host)", credential: source, advice: advice, message: "\(error)")
            }
        }
        return ProviderSetup(provider: .databricks, unavailable: nil, baseURL: config.host, credentialSource: source, credential: credential, workspace: config)
    }

    /// "a personal access token from the DATABRICKS_TOKEN environment variable", "OAuth M2M (client ana-sp) from profile prod in ~/.databrickscfg".
    static func describe(_ config: WorkspaceConfig) -> String {
        switch config.authType {
        case .pat:
            return "a personal access token from \(config.sources["token"].map { "\($0)" } ?? "the configuration")"
        case .oauthM2M:
            return "OAuth M2M (client \(config.clientID ?? "?")) from \(config.sources["client_secret"].map { "\($0)" } ?? "the configuration")"
        }
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    // MARK: Models

    /// How `model` is reached: Databricks endpoints whose name says Claude use the workspace's
    /// Anthropic-compatible path, all others its OpenAI-compatible chat completions.
    public func wireFormat(for model: String) -> WireFormat {
        switch provider {
        case .anthropic: return .anthropicMessages
        case .openai: return .openAIChatCompletions
        case .databricks: return model.lowercased().contains("claude") ? .anthropicMessages : .openAIChatCompletions
        }
    }

    /// The URL a chat request for `model` goes to.
    public func chatURL(for model: String) -> String {
        let endpoint = self.endpoint(for: model)
        return endpoint.url(wireFormat(for: model) == .anthropicMessages ? "/v1/messages" : "/chat/completions")
    }

    func endpoint(for model: String) -> ModelEndpoint {
        let credential = self.credential ?? ModelCredential(style: .bearer, source: credentialSource, advice: "", secret: { nil })
        switch (provider, wireFormat(for: model)) {
        case (.databricks, .anthropicMessages): return ModelEndpoint(provider: .databricks, baseURL: baseURL + "/serving-endpoints/anthropic", credential: credential)
        case (.databricks, .openAIChatCompletions): return ModelEndpoint(provider: .databricks, baseURL: baseURL + "/serving-endpoints", credential: credential)
        default: return ModelEndpoint(provider: provider, baseURL: baseURL, credential: credential)
        }
    }

    /// The model `model` of this provider.
    public func makeModel(_ model: String, settings: ModelHTTPSettings = ModelHTTPSettings(), streaming: Bool = true) throws(LanguageModelError) -> any LanguageModel {
        if let unavailable { throw .notConfigured("\(provider.displayName) is not configured: \(unavailable)") }
        let endpoint = self.endpoint(for: model)
        switch wireFormat(for: model) {
        case .anthropicMessages:
            return AnthropicMessagesModel(endpoint: endpoint, model: model, streaming: streaming, settings: settings)
        case .openAIChatCompletions:
            return OpenAIChatModel(endpoint: endpoint, model: model, streaming: streaming, settings: settings,
                                   maxTokensField: provider == .databricks ? "max_tokens" : nil)
        }
    }

    /// The models the provider offers: Anthropic's and OpenAI's `GET …/models`; for Databricks the
    /// workspace's serving endpoints for chat (task `llm/v1/chat`) that are ready.
    public func listModels(settings: ModelHTTPSettings = ModelHTTPSettings()) async throws -> [ModelListing] {
        if let unavailable { throw LanguageModelError.notConfigured("\(provider.displayName) is not configured: \(unavailable)") }
        switch provider {
        case .anthropic:
            return try await AnthropicMessagesModel(endpoint: endpoint(for: ""), model: "", settings: settings).listModels()
        case .openai:
            return try await OpenAIChatModel(endpoint: endpoint(for: ""), model: "", settings: settings).listModels()
        case .databricks:
            guard let workspace else { return [] }
            return try servingEndpoints(WorkspaceClient(config: workspace))
        }
    }

    /// `GET /api/2.0/serving-endpoints`: the ready chat endpoints, with what each serves.
    func servingEndpoints(_ client: WorkspaceClient) throws(LanguageModelError) -> [ModelListing] {
        let answer: [String: Any]
        let service = "Databricks at \(client.config.host)"
        do { answer = try client.get("/api/2.0/serving-endpoints") } catch {
            switch error {
            case .unauthenticated(let message):
                throw .unauthenticated(service: service, credential: credentialSource, advice: credential?.advice ?? "", message: message)
            case .permissionDenied(let message):
                throw .permissionDenied(service: service, credential: credentialSource, message: message)
            case .transport(let message), .gaveUp(_, let message):
                throw .connection(service: service, attempts: 1, message: message)
            default:
                throw .invalidResponse(service: service, message: error.description)
            }
        }
        let endpoints = answer["endpoints"] as? [[String: Any]] ?? []
        return endpoints.compactMap { endpoint -> ModelListing? in
            guard let name = endpoint["name"] as? String, endpoint["task"] as? String == "llm/v1/chat",
                  (endpoint["state"] as? [String: Any])?["ready"] as? String == "READY" else { return nil }
            let entities = ((endpoint["config"] as? [String: Any])?["served_entities"] as? [[String: Any]]) ?? []
            let served = entities.compactMap { entity -> String? in
                if let foundation = entity["foundation_model"] as? [String: Any] { return foundation["display_name"] as? String ?? foundation["name"] as? String }
                if let external = entity["external_model"] as? [String: Any] {
                    return [external["provider"] as? String, external["name"] as? String].compactMap { $0 }.joined(separator: " ")
                }
                return entity["entity_name"] as? String
            }
            return ModelListing(id: name, detail: served.isEmpty ? nil : served.joined(separator: ", "))
        }.sorted { $0.id < $1.id }
    }
}
