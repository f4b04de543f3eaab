import Foundation

/// One server-sent event: `id:` (its place in the turn), `event:` (its name) and one line of JSON.
struct ServerSentEvent {
    var id: Int
    var name: String
    var data: [String: Any]

    var text: String {
        // JSON written without pretty-printing has no line breaks, so one `data:` line carries it.
        "id: \(id)\nevent: \(name)\ndata: \(JSONBody.text(data))\n\n"
    }

    /// A comment line that keeps proxies and the browser from closing an idle stream.
    static let heartbeat = ": ping\n\n"
}

extension ServerSentEvent: @unchecked Sendable {}
