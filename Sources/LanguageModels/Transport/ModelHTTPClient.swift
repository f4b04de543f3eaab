import BundleModel
import Foundation
import Workspace
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Model calls over HTTP, below every wire format: libcurl (Workspace's `CurlTransport`) on a thread of
/// its own per attempt, so a long stream never holds a task thread; retries as `RetryPolicy` says; a
/// stream that stalls ends; a cancelled task aborts the transfer. Everything a service says is redacted
/// (`SecretRedaction`, and the credential's own value) before it reaches an error.
struct ModelHTTPClient: Sendable {
    var endpoint: ModelEndpoint
    var settings: ModelHTTPSettings
    /// The model or serving endpoint, for "no such model" errors.
    var model: String

    /// How errors name the service: "Anthropic", "Databricks model serving at https://…".
    var service: String {
        switch endpoint.provider {
        case .anthropic: return endpoint.baseURL == AnthropicMessagesModel.defaultBaseURL ? "Anthropic" : "Anthropic (\(endpoint.baseURL))"
        case .databricks: return "Databricks model serving at \(endpoint.baseURL)"
        case .openai: return endpoint.baseURL == OpenAIChatModel.defaultBaseURL ? "OpenAI" : "the OpenAI-compatible server at \(endpoint.baseURL)"
        }
    }

    var policy: RetryPolicy { RetryPolicy(settings: settings) }

    /// A chat call: the answer's events as they arrive (streamed or, with `streaming` false, all at once
    /// from the JSON answer), then the end of the stream, or the error that ended it.
    func chat(path: String, body: Data, headers: [String: String], streaming: Bool,
              decoder makeDecoder: @escaping @Sendable () -> any ChatAnswerDecoder) -> AsyncThrowingStream<ChatStreamEvent, Error> {
        AsyncThrowingStream { continuation in
            let service = self.service
            let task = Task {
                do {
                    try await self.withRetries(report: { continuation.yield($0) }) { () -> (any ModelAnswerReader, Call) in
                        let reader = ChatAnswerReader(decoder: makeDecoder(), continuation: continuation, service: service)
                        return (reader, Call(method: "POST", path: path, body: body, headers: headers, streaming: streaming))
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// A GET whose answer is JSON (a listing of models), with the same retries.
    func get(path: String, headers: [String: String] = [:]) async throws -> Data {
        let service = self.service
        final class Box: @unchecked Sendable { var reader: CollectingAnswerReader? }
        let box = Box()
        try await withRetries(report: { _ in }) { () -> (any ModelAnswerReader, Call) in
            let reader = CollectingAnswerReader(service: service)
            box.reader = reader
            return (reader, Call(method: "GET", path: path, body: nil, headers: headers, streaming: false))
        }
        return box.reader?.body ?? Data()
    }

    struct Call: Sendable {
        var method: String
        var path: String
        var body: Data?
        var headers: [String: String]
        var streaming: Bool
    }

    /// How one attempt ended.
    enum Outcome: Sendable {
        case finished
        case failed(Error)
        /// Worth another attempt: `error` says what happened, given the number of attempts made.
        case retryable(reason: String, headers: [String: String], error: @Sendable (Int) -> LanguageModelError)
    }

    func withRetries(report: @escaping @Sendable (ChatStreamEvent) -> Void,
                     attempt prepare: @escaping @Sendable () -> (any ModelAnswerReader, Call)) async throws {
        var attempts = 0
        while true {
            try Task.checkCancellation()
            attempts += 1
            switch await attempt(prepare) {
            case .finished:
                return
            case .failed(let error):
                throw error
            case .retryable(let reason, let headers, let error):
                guard attempts <= settings.maxRetries, let delay = policy.delay(retry: attempts, headers: headers) else { throw error(attempts) }
                report(.retrying(attempt: attempts + 1, delay: delay, reason: reason))
                try await Task.sleep(nanoseconds: UInt64(max(0, delay) * 1_000_000_000))
            }
        }
    }

    /// One attempt on a thread of its own; cancelling the task aborts the transfer.
    func attempt(_ prepare: @escaping @Sendable () -> (any ModelAnswerReader, Call)) async -> Outcome {
        let cancellation = CurlTransport.Cancellation()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (resume: CheckedContinuation<Outcome, Never>) in
                let thread = Thread {
                    let (reader, call) = prepare()
                    resume.resume(returning: self.perform(call, reader: reader, cancellation: cancellation))
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    func perform(_ call: Call, reader: any ModelAnswerReader, cancellation: CurlTransport.Cancellation) -> Outcome {
        if cancellation.isCancelled { return .failed(CancellationError()) }
        let secret: String?
        do { secret = try endpoint.credential.secret() } catch { return .failed(error) }
        guard let url = URL(string: endpoint.url(call.path)) else {
            return .failed(LanguageModelError.notConfigured("the base URL \(endpoint.baseURL) is not a URL such as https://api.anthropic.com"))
        }
        var request = URLRequest(url: url)
        request.httpMethod = call.method
        request.httpBody = call.body
        if call.body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        request.setValue(call.streaming ? "text/event-stream" : "application/json", forHTTPHeaderField: "Accept")
        for (name, value) in endpoint.headers.merging(call.headers, uniquingKeysWith: { $1 }) { request.setValue(value, forHTTPHeaderField: name) }
        if let secret, !secret.isEmpty {
            let (name, value) = endpoint.credential.header(secret)
            request.setValue(value, forHTTPHeaderField: name)
        }

        var parser = ServerSentEventParser()
        var eventStream: Bool?
        var answer = Data()
        var failure: LanguageModelError?
        let limits = call.streaming
            ? CurlTransport.Limits(total: nil, connect: settings.connectTimeout, stall: settings.stallTimeout)
            : CurlTransport.Limits(total: settings.requestTimeout, connect: settings.connectTimeout)
        let result = CurlTransport.perform(request, limits: limits, userAgent: "dabrepo/\(DabrepoVersion.current)", cancellation: cancellation) { head, bytes in
            guard (200..<300).contains(head.status) else {
                if answer.count < 65_536 { answer.append(contentsOf: bytes) }
                return true
            }
            if eventStream == nil { eventStream = head.header("content-type")?.lowercased().contains("text/event-stream") ?? false }
            guard eventStream == true else {
                answer.append(contentsOf: bytes)
                return true
            }
            do throws(LanguageModelError) {
                for event in parser.feed(bytes) { try reader.read(event: event) }
            } catch {
                failure = error
                return false
            }
            return true
        }

        switch result {
        case .failure(.cancelled):
            return .failed(CancellationError())
        case .failure(.stoppedByReceiver):
            return .failed(failure.map { scrub($0, secret) } ?? LanguageModelError.invalidResponse(service: service, message: "the answer was not read to its end"))
        case .failure(.stalled(let seconds)):
            let error = LanguageModelError.stalled(service: service, seconds: seconds)
            return reader.delivered ? .failed(error) : .retryable(reason: "no answer for \(WorkspaceClient.seconds(seconds))", headers: [:], error: { _ in error })
        case .failure(let transfer):
            let message = scrub(transfer.description, secret)
            if reader.delivered {
                return .failed(LanguageModelError.streamError(service: service, type: "a broken connection", message: "the answer stopped before its end (\(message))"))
            }
            let service = self.service
            return .retryable(reason: message, headers: [:], error: { LanguageModelError.connection(service: service, attempts: $0, message: message) })
        case .success(let head):
            if (200..<300).contains(head.status) {
                do throws(LanguageModelError) {
                    if eventStream == true {
                        for event in parser.feed([0x0A, 0x0A]) { try reader.read(event: event) }
                    } else {
                        try reader.read(json: answer)
                    }
                    try reader.finish()
                    return .finished
                } catch {
                    return .failed(scrub(error, secret))
                }
            }
            return classify(status: head.status, headers: head.headers, body: answer, secret: secret)
        }
    }

    /// An error answer: what it means and whether another attempt may help.
    func classify(status: Int, headers: [String: String], body: Data, secret: String?) -> Outcome {
        let (_, raw) = ModelJSON.error(body)
        let message = scrub(raw, secret)
        let service = self.service
        let credential = endpoint.credential
        switch status {
        case 401:
            return .failed(LanguageModelError.unauthenticated(service: service, credential: credential.source, advice: credential.advice, message: message))
        case 403:
            return .failed(LanguageModelError.permissionDenied(service: service, credential: credential.source, message: message))
        case 404 where !model.isEmpty:
            return .failed(LanguageModelError.modelNotFound(service: service, model: model, message: message))
        default:
            break
        }
        if policy.shouldRetry(status: status, headers: headers, message: message) {
            // A wait longer than dabrepo waits for (retry-after: 3600): said, so that the user knows when.
            let asked = RetryPolicy.requestedWait(headers).flatMap { $0 > policy.settings.longestRetryWait ? $0 : nil }
            let said = asked.map { message + "; it asks to wait \(Self.spoken(seconds: $0)) before the next try" } ?? message
            return .retryable(reason: "HTTP \(status): \(message)", headers: headers,
                              error: { LanguageModelError.unavailable(service: service, status: status, attempts: $0, message: said) })
        }
        if status == 429 { return .failed(LanguageModelError.quotaExceeded(service: service, message: message)) }
        if status >= 500 { return .failed(LanguageModelError.unavailable(service: service, status: status, attempts: 1, message: message)) }
        return .failed(LanguageModelError.badRequest(service: service, status: status, message: message))
    }

    /// Text from a service with every secret hidden, the credential's own value included (whatever its shape).
    func scrub(_ text: String, _ secret: String?) -> String {
        let out = SecretRedaction.redact(text)
        guard let secret, secret.count >= 4 else { return out }
        return out.replacingOccurrences(of: secret, with: SecretRedaction.marker)
    }

    func scrub(_ error: LanguageModelError, _ secret: String?) -> LanguageModelError {
        switch error {
        case .streamError(let service, let type, let message): return .streamError(service: service, type: type, message: scrub(message, secret))
        case .invalidResponse(let service, let message): return .invalidResponse(service: service, message: scrub(message, secret))
        default: return error
        }
    }
}

extension ModelHTTPClient {
    /// "1 hour", "20 minutes", "45 s": a wait as people say it.
    static func spoken(seconds: TimeInterval) -> String {
        if seconds >= 3600 { let h = seconds / 3600; return h == h.rounded() ? "\(Int(h)) hour\(h == 1 ? "" : "s")" : String(format: "%.1f hours", h) }
        if seconds >= 120 { return "\(Int((seconds / 60).rounded())) minutes" }
        return "\(Int(seconds.rounded())) s"
    }
}
