import Foundation

/// A `POST /api/chat` answer read as it streams: named events with their ids and JSON, heartbeats.
final class ServerSentEvents {
    struct Event {
        var id: Int
        var name: String
        var data: [String: Any]
    }

    let connection: RawHTTPClient.Connection
    let status: Int
    let headers: [(String, String)]
    private var pending = ""
    private(set) var events: [Event] = []
    private(set) var heartbeats = 0
    private(set) var ended = false

    init(_ connection: RawHTTPClient.Connection) throws {
        self.connection = connection
        (status, headers) = try connection.head()
    }

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }

    /// Reads until an event named `name` arrives (returned) or the stream ends (nil).
    @discardableResult
    func next(until name: String? = nil) -> Event? {
        while true {
            while let range = pending.range(of: "\n\n") {
                let block = String(pending[..<range.lowerBound])
                pending.removeSubrange(..<range.upperBound)
                if block.hasPrefix(":") { heartbeats += 1; continue }
                var id = 0, eventName = "message", data = ""
                for line in block.split(separator: "\n") {
                    if line.hasPrefix("id: ") { id = Int(line.dropFirst(4)) ?? 0 }
                    if line.hasPrefix("event: ") { eventName = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { data += line.dropFirst(6) }
                }
                let object = (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [String: Any] ?? [:]
                let event = Event(id: id, name: eventName, data: object)
                events.append(event)
                if name == nil || name == eventName { return event }
            }
            guard !ended, let chunk = connection.nextChunk() else { ended = true; return nil }
            pending += String(decoding: chunk, as: UTF8.self)
        }
    }

    /// Reads until a heartbeat comes (true) or the stream ends (false).
    func waitForHeartbeat() -> Bool {
        while heartbeats == 0 {
            if pending.contains(": ping\n\n") { _ = pending.range(of: ": ping\n\n").map { pending.removeSubrange($0) }; heartbeats += 1; break }
            guard !ended, let chunk = connection.nextChunk() else { ended = true; return false }
            pending += String(decoding: chunk, as: UTF8.self)
        }
        return true
    }

    /// Every event to the end of the stream.
    func all() -> [Event] {
        while next() != nil {}
        return events
    }

    var names: [String] { events.map(\.name) }
}
