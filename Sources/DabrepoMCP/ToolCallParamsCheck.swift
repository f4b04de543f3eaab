import Foundation

/// The MCP SDK decodes a request's params before a handler sees them, and answers params it cannot
/// decode with -32603 (internal error), as if the server had failed. Such a request is the client's
/// mistake: JSON-RPC's -32602 (invalid params), with a sentence saying what the params must be
/// (`tools/call` without a name or with arguments that are no object; any method's params as a list).
enum ToolCallParamsCheck {
    /// The JSON-RPC error response for a `tools/call` request whose params are malformed; nil for any
    /// other message (they go to the server as they are).
    /// JSON-RPC's own errors for a message that is no request at all, answered here with the id JSON-RPC
    /// asks for (null when it cannot be read; the SDK answered with an id of its own making): -32700 for
    /// text that is not JSON, -32600 for an object without `"jsonrpc": "2.0"`.
    static func protocolError(to data: Data) -> Data? {
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        func response(_ id: Any, _ code: Int, _ message: String) -> Data? {
            try? JSONSerialization.data(withJSONObject: ["jsonrpc": "2.0", "id": id, "error": ["code": code, "message": message]], options: [.sortedKeys])
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            return response(NSNull(), -32700, "Parse error: the message is not JSON")
        }
        if let message = object as? [String: Any], message["jsonrpc"] as? String != "2.0", message["method"] != nil || message["id"] != nil {
            return response(message["id"] ?? NSNull(), -32600, "Invalid Request: \"jsonrpc\": \"2.0\" is required")
        }
        // An id is a string or a number (JSON-RPC 2.0; MCP forbids null): an object or a list was taken
        // without a word, and no answer could name it.
        // (A request whose id is null was answered with the id "" and the server then never ended when its
        // input closed.)
        if let message = object as? [String: Any], let id = message["id"], id is [String: Any] || id is [Any] || (id is NSNull && message["method"] != nil) {
            return response(NSNull(), -32600, "Invalid Request: the id must be a string or a number")
        }
        return nil
    }

    static func errorResponse(to data: Data) -> Data? {
        guard let message = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let method = message["method"] as? String, let id = message["id"], !(id is NSNull) else { return nil }
        let problem: String?
        if method == "tools/call" {
            problem = Self.problem(message["params"])
        } else if let params = message["params"], !(params is NSNull), !(params is [String: Any]) {
            // JSON-RPC allows by-position params, but no MCP method takes them.
            problem = "the params of \(method) must be an object of named values"
        } else {
            problem = nil
        }
        guard let problem else { return nil }
        let response: [String: Any] = ["jsonrpc": "2.0", "id": id,
                                       "error": ["code": -32602, "message": "Invalid params: \(problem)"]]
        return try? JSONSerialization.data(withJSONObject: response, options: [.sortedKeys])
    }

    static func problem(_ params: Any?) -> String? {
        guard let params = params as? [String: Any] else {
            return "tools/call needs params, an object with name (the tool's name) and arguments (an object)"
        }
        guard let name = params["name"] as? String, !name.isEmpty else {
            return "tools/call needs params.name, the name of a tool (tools/list names them all)"
        }
        if let arguments = params["arguments"], !(arguments is NSNull), !(arguments is [String: Any]) {
            return "the arguments of \(name) must be an object of named values (its inputSchema in tools/list says which)"
        }
        return nil
    }
}
