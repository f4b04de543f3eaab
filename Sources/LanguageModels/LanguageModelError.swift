/// A model call that failed, with a sentence that says what to do. No case carries a secret: texts from
/// a service are redacted before they are kept here.
public enum LanguageModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No model or credential is configured for what was asked; the text says what to set.
    case notConfigured(String)
    /// HTTP 401: the credential was refused.
    case unauthenticated(service: String, credential: String, advice: String, message: String)
    /// HTTP 403: the credential may not use this model.
    case permissionDenied(service: String, credential: String, message: String)
    /// HTTP 404: no such model (or serving endpoint).
    case modelNotFound(service: String, model: String, message: String)
    /// Another 4xx: the request was refused as malformed or too large.
    case badRequest(service: String, status: Int, message: String)
    /// HTTP 429 saying a spend limit or quota was reached (waiting does not help).
    case quotaExceeded(service: String, message: String)
    /// 408, 409, 429, 5xx or 529 on every attempt.
    case unavailable(service: String, status: Int, attempts: Int, message: String)
    /// The service could not be reached on any attempt.
    case connection(service: String, attempts: Int, message: String)
    /// No byte arrived for `seconds`.
    case stalled(service: String, seconds: Double)
    /// The service reported an error in the middle of its answer (`event: error` after HTTP 200).
    case streamError(service: String, type: String, message: String)
    /// The answer ended early or could not be read.
    case invalidResponse(service: String, message: String)

    /// The environment variable that sets how long a stream may stall.
    public static let stallTimeoutVariable = "DABREPO_MODEL_STALL_TIMEOUT"

    public var description: String {
        // A service's message that ends its own sentence gets no second period from the text around it.
        func clause(_ message: String) -> String {
            var text = message.trimmingCharacters(in: .whitespacesAndNewlines)
            while text.hasSuffix(".") { text.removeLast() }
            return text
        }
        switch self {
        case .notConfigured(let text):
            return text
        case .unauthenticated(let service, let credential, let advice, let message):
            return "\(service) did not accept the credential (\(credential)): \(clause(message)). \(advice)"
        case .permissionDenied(let service, let credential, let message):
            return "\(service) refused the request with the credential (\(credential)): \(clause(message)). Check that it may use this model."
        case .modelNotFound(let service, let model, let message):
            return "\(service) has no model \(model) (\(message)); `dabrepo agent models` lists the ones it offers; name one in DABREPO_MODEL, with `git config dabrepo.model NAME`, or where you start the agent."
        case .badRequest(let service, let status, let message):
            return "\(service) refused the request (HTTP \(status)): \(message)"
        case .quotaExceeded(let service, let message):
            return "\(service) says a spend limit or quota was reached: \(clause(message)). Raise the limit or use another key; retrying does not help."
        case .unavailable(let service, let status, let attempts, let message):
            return "\(service) is unavailable (HTTP \(status) on \(attempts) attempt\(attempts == 1 ? "" : "s")): \(clause(message)). Try again later; nothing was changed."
        case .connection(let service, let attempts, let message):
            return "cannot reach \(service) (\(attempts) attempt\(attempts == 1 ? "" : "s")): \(clause(message)). Check the network and the base URL."
        case .stalled(let service, let seconds):
            let shown = seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
            return "\(service) sent nothing for \(shown) and the answer was abandoned; try again, or allow longer pauses with \(Self.stallTimeoutVariable)=SECONDS."
        case .streamError(let service, let type, let message):
            return "\(service) reported \(type) in the middle of its answer: \(clause(message)). Nothing was changed; try again."
        case .invalidResponse(let service, let message):
            return "\(service) sent an answer dabrepo cannot read: \(message)"
        }
    }
}
