import Foundation

/// Numbers a turn's events in the order they happen and hands them to the response's stream.
final class EventSink: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 1
    private let continuation: AsyncStream<String>.Continuation

    init(_ continuation: AsyncStream<String>.Continuation) { self.continuation = continuation }

    func emit(_ name: String, _ data: [String: Any]) {
        lock.lock()
        let event = ServerSentEvent(id: next, name: name, data: data)
        next += 1
        continuation.yield(event.text)
        lock.unlock()
    }

    func heartbeat() { continuation.yield(ServerSentEvent.heartbeat) }

    func finish() { continuation.finish() }
}
