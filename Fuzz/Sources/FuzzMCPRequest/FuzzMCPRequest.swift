import DabrepoTools
import Foundation
import MCP

/// An MCP request body as `dabrepo mcp` receives it: the JSON-RPC envelope decoded with the MCP SDK's
/// types, a tools/call's name looked up and its arguments checked against the tool's schema and turned
/// into the dabrepo command it would run (nothing runs). Bad bodies are refused; nothing crashes.
public func fuzzMCPRequest(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data else { return 0 }
    let body = Data(bytes: data, count: count)
    _ = try? JSONValue.arguments(String(decoding: body, as: UTF8.self))
    guard let request = try? JSONDecoder().decode(Request<CallTool>.self, from: body) else { return 0 }
    guard let tool = ToolRegistry.tool(named: request.params.name) else {
        _ = ToolRegistry.unknown(request.params.name).message
        return 0
    }
    let arguments = (request.params.arguments ?? [:]).mapValues(plain)
    guard let checked = try? ToolArguments(arguments, for: tool) else { return 0 }
    _ = try? tool.invocation(checked)
    return 0
}

/// MCP's values as the plain Swift values the registry checks (as DabrepoMCP's MCPValues does).
func plain(_ value: Value) -> Any {
    switch value {
    case .null: return NSNull()
    case .bool(let v): return v
    case .int(let v): return v
    case .double(let v): return v
    case .string(let v): return v
    case .data(let mimeType, let data): return "data:\(mimeType ?? "application/octet-stream");base64,\(data.base64EncodedString())"
    case .array(let v): return v.map(plain)
    case .object(let v): return v.mapValues(plain)
    }
}
