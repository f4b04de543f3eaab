/// One server-sent event: its `event:` name (`message` when absent) and its `data:` lines joined.
public struct ServerSentEvent: Sendable, Equatable {
    public var event: String
    public var data: String

    public init(event: String = "message", data: String) {
        self.event = event
        self.data = data
    }
}

/// Reads `text/event-stream` incrementally, as bytes arrive in chunks of any size (a line, an event or
/// a multi-byte character may be split between two chunks): lines end with LF, CRLF or CR; `:` starts
/// a comment; a blank line dispatches the event; `data:` lines are joined with LF; one space after the
/// colon is dropped. An event the stream ends in the middle of is dropped, as the specification says.
public struct ServerSentEventParser: Sendable {
    private var pending: [UInt8] = []
    private var sawCarriageReturn = false
    private var eventName = ""
    private var dataLines: [String] = []
    private var hasData = false

    public init() {}

    /// The events completed by `bytes`.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [ServerSentEvent] where Bytes.Element == UInt8 {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            if sawCarriageReturn {
                sawCarriageReturn = false
                if byte == 0x0A { continue }  // the LF of a CRLF
            }
            if byte == 0x0A || byte == 0x0D {
                sawCarriageReturn = byte == 0x0D
                if let event = endLine() { events.append(event) }
            } else {
                pending.append(byte)
            }
        }
        return events
    }

    private mutating func endLine() -> ServerSentEvent? {
        let line = String(decoding: pending, as: UTF8.self)
        pending.removeAll(keepingCapacity: true)
        if line.isEmpty {
            defer { eventName = ""; dataLines = []; hasData = false }
            guard hasData else { return nil }
            return ServerSentEvent(event: eventName.isEmpty ? "message" : eventName, data: dataLines.joined(separator: "\n"))
        }
        if line.hasPrefix(":") { return nil }
        let field: Substring
        var value: Substring
        if let colon = line.firstIndex(of: ":") {
            field = line[..<colon]
            value = line[line.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            field = Substring(line)
            value = ""
        }
        switch field {
        case "event": eventName = String(value)
        case "data":
            dataLines.append(String(value))
            hasData = true
        default: break  // id, retry and unknown fields do not matter here
        }
        return nil
    }
}
