import Foundation

/// How a model service is authenticated: the header that carries the secret, the secret itself (read
/// for each attempt: Databricks OAuth tokens expire), and where it came from, for `agent status` and
/// for errors that say what to fix. The secret never appears in a description.
public struct ModelCredential: Sendable {
    public enum Style: Sendable, Equatable {
        /// `x-api-key: <secret>` (Anthropic).
        case apiKeyHeader
        /// `Authorization: Bearer <secret>` (OpenAI, Databricks).
        case bearer
    }

    public var style: Style
    /// Where the secret comes from: "ANTHROPIC_API_KEY", "DATABRICKS_TOKEN environment variable (pat)".
    public var source: String
    /// What to do when the service refuses it.
    public var advice: String
    /// The secret, or nil when none is sent (a local server without authentication).
    public var secret: @Sendable () throws(LanguageModelError) -> String?

    public init(style: Style, source: String, advice: String, secret: @escaping @Sendable () throws(LanguageModelError) -> String?) {
        self.style = style
        self.source = source
        self.advice = advice
        self.secret = secret
    }

    /// The header carrying `secret`.
    func header(_ secret: String) -> (String, String) {
        switch style {
        case .apiKeyHeader: return ("x-api-key", secret)
        case .bearer: return ("Authorization", "Bearer \(secret)")
        }
    }
}
