import Foundation

/// When and how long to wait before trying a model call again, as the official Anthropic and OpenAI
/// SDKs decide: connection errors, 408, 409, 429, 5xx and 529 are retried (an `x-should-retry` header
/// overrides), waiting `retry-after-ms` or `retry-after` when the service says, else 0.5 s doubling up
/// to 8 s with jitter. Never 400, 401, 403, 404, nor a 429 without `retry-after` that says a spend
/// limit or quota was reached.
struct RetryPolicy: Sendable {
    var settings: ModelHTTPSettings

    /// Whether an answer with this status, headers and error text is worth another attempt.
    func shouldRetry(status: Int, headers: [String: String], message: String) -> Bool {
        switch headers["x-should-retry"] {
        case "true": return true
        case "false": return false
        default: break
        }
        if status == 429 && headers["retry-after"] == nil && headers["retry-after-ms"] == nil && Self.saysQuota(message) { return false }
        return status == 408 || status == 409 || status == 429 || status >= 500
    }

    /// A 429 that will not pass by waiting: OpenAI's `insufficient_quota`, spend or billing limits.
    static func saysQuota(_ message: String) -> Bool {
        let lower = message.lowercased()
        return ["insufficient_quota", "quota", "spend limit", "spending limit", "billing", "credit balance"].contains { lower.contains($0) }
    }

    /// What the service asked to wait, in seconds: `retry-after-ms`, else `retry-after` as seconds or an HTTP date.
    static func requestedWait(_ headers: [String: String], now: Date = Date()) -> TimeInterval? {
        if let ms = headers["retry-after-ms"].flatMap(Double.init) { return ms / 1000 }
        guard let value = headers["retry-after"] else { return nil }
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)) { return seconds }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "GMT")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return format.date(from: value).map { $0.timeIntervalSince(now) }
    }

    /// The wait before retry number `retry` (1 for the first retry), or nil when the service asks for
    /// longer than `longestRetryWait`.
    func delay(retry: Int, headers: [String: String]) -> TimeInterval? {
        if let asked = Self.requestedWait(headers), asked > 0 {
            return asked <= settings.longestRetryWait ? asked : nil
        }
        let backoff = min(0.5 * pow(2.0, Double(retry - 1)), 8)
        return backoff * (1 - 0.25 * Double.random(in: 0..<1))
    }
}
