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
        // A query (`https://proxy/openai?api-version=2024-06-01`) follows the path a request appends.
        var base = baseURL, query = ""
        if let mark = base.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            query = base[mark...].hasPrefix("#") ? "" : String(base[mark...].prefix { $0 != "#" })
            base = String(base[..<mark])
        }
        while base.hasSuffix("/") { base.removeLast() }
        self.provider = provider
        self.baseURL = base
        self.query = query
        self.credential = credential
        self.headers = headers
    }

    /// The base URL's query, with its `?` ("" when none).
    public var query: String

    /// `baseURL` + `path`, then the base URL's query.
    public func url(_ path: String) -> String {
        guard !query.isEmpty else { return baseURL + path }
        return baseURL + path + (path.contains("?") ? "&" + query.dropFirst() : query)
    }
}
