import Foundation

/// A JSON document as the workspace's API answers it (jobs, clusters, folders), or a small answer of
/// dabrepo's own: what the command line prints with `--output json` and a tool returns.
public struct WorkspaceDocument: @unchecked Sendable {
    /// A JSON object or array of plain values (String, NSNumber, Bool, NSNull, arrays, dictionaries).
    public let value: Any

    public init(_ value: Any) {
        self.value = value
    }

    /// Indented, keys sorted, with a final line break.
    public var text: String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Compact, as one object (an array is wrapped as {"items": [...]}).
    public var object: Data {
        let wrapped: Any = value is [String: Any] ? value : ["items": value]
        return (try? JSONSerialization.data(withJSONObject: wrapped, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}
