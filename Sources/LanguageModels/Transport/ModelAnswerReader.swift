import Foundation
import Workspace

/// What a model call does with a successful answer, as it arrives: a chat answer is decoded into stream
/// events and passed on; a listing is kept whole. Used on the one thread of its attempt.
protocol ModelAnswerReader: AnyObject {
    /// One server-sent event of a streamed answer.
    func read(event: ServerSentEvent) throws(LanguageModelError)
    /// A whole JSON answer (not streamed).
    func read(json: Data) throws(LanguageModelError)
    /// The stream ended: what it still owes, or an error when it ended early.
    func finish() throws(LanguageModelError)
    /// Whether anything was passed on (then the call cannot be tried again).
    var delivered: Bool { get }
}

/// Turns one wire format's answer into stream events; one per attempt (it keeps the answer's state).
protocol ChatAnswerDecoder: AnyObject {
    func decode(_ event: ServerSentEvent) throws(LanguageModelError) -> [ChatStreamEvent]
    func decode(json: [String: Any]) throws(LanguageModelError) -> [ChatStreamEvent]
    /// At the end of the stream: the events still owed, or `incomplete` when it ended early.
    func finish() throws(LanguageModelError) -> [ChatStreamEvent]
}

/// A chat answer: decoded and yielded to the caller's stream.
final class ChatAnswerReader: ModelAnswerReader {
    let decoder: any ChatAnswerDecoder
    let continuation: AsyncThrowingStream<ChatStreamEvent, Error>.Continuation
    let service: String
    private(set) var delivered = false

    init(decoder: any ChatAnswerDecoder, continuation: AsyncThrowingStream<ChatStreamEvent, Error>.Continuation, service: String) {
        self.decoder = decoder
        self.continuation = continuation
        self.service = service
    }

    func pass(_ events: [ChatStreamEvent]) {
        for event in events {
            continuation.yield(event)
            delivered = true
        }
    }

    func read(event: ServerSentEvent) throws(LanguageModelError) { pass(try decoder.decode(event)) }

    func read(json: Data) throws(LanguageModelError) {
        guard let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw .invalidResponse(service: service, message: "not a JSON object (\(json.count) bytes)")
        }
        pass(try decoder.decode(json: object))
    }

    func finish() throws(LanguageModelError) { pass(try decoder.finish()) }
}

/// A listing (`GET /v1/models`): the body, kept whole.
final class CollectingAnswerReader: ModelAnswerReader {
    private(set) var body = Data()
    let service: String
    var delivered: Bool { false }

    init(service: String) { self.service = service }

    func read(event: ServerSentEvent) throws(LanguageModelError) {
        throw .invalidResponse(service: service, message: "a stream where a JSON answer was expected")
    }

    func read(json: Data) throws(LanguageModelError) { body = json }

    func finish() throws(LanguageModelError) {}
}

/// Reading JSON answers: objects, numbers and the error bodies of the three services.
enum ModelJSON {
    static func object(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    static func int(_ value: Any?) -> Int? { (value as? NSNumber)?.intValue }

    static func text(_ object: Any) -> String {
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The type and message of an error body: Anthropic's and OpenAI's `{"error": {"type", "message"}}`,
    /// Databricks' `{"error_code", "message"}`, or the start of the text.
    static func error(_ data: Data) -> (type: String?, message: String) {
        if let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
            if let error = object["error"] as? [String: Any] {
                let type = error["type"] as? String ?? error["code"] as? String
                let code = error["code"] as? String
                var message = error["message"] as? String ?? type ?? "no message"
                if let code, code != type, !message.contains(code) { message += " (\(code))" }
                return (type, message)
            }
            if let error = object["error"] as? String { return (nil, error) }
            if let message = object["message"] as? String { return (object["error_code"] as? String, message) }
        }
        // (An HTML page from a proxy: its title, not the page.)
        let page = ErrorPageText.plain(String(decoding: data.prefix(4096), as: UTF8.self))
        let text = String(page.prefix(300)).trimmingCharacters(in: .whitespacesAndNewlines)
        return (nil, text.isEmpty ? "no message" : text)
    }
}
