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
    // The arguments as the registry reads JSON (JSONValue keeps booleans and numbers apart).
    guard let encoded = try? JSONEncoder().encode(request.params.arguments ?? [:]),
          let arguments = try? JSONValue.arguments(String(decoding: encoded, as: UTF8.self)),
          let checked = try? ToolArguments(arguments, for: tool) else { return 0 }
    _ = try? tool.invocation(checked)
    return 0
}
