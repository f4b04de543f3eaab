/// Where a model is served and how to reach it: the provider, the base URL the wire format's paths are
/// appended to (`/v1/messages`, `/chat/completions`), the credential and fixed headers.
public struct ModelEndpoint: Sendable {
    public var provider: ModelProvider
    /// Without a trailing slash: `https://api.anthropic.com`, `https://api.openai.com/v1`,
    /// `https://<workspace>/serving-endpoints/anthropic`, `https://<workspace>/serving-endpoints`.
    public var baseURL: String
    public var credential: ModelCredential
    public var headers: [String: String]

    public init(provider: ModelProvider, baseURL: String, credential: ModelCredential, headers: [String: String] = [:]) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.provider = provider
        self.baseURL = base
        self.credential = credential
        self.headers = headers
    }

    /// `baseURL` + `path`.
    func url(_ path: String) -> String { baseURL + path }
}
