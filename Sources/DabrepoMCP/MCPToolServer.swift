import BundleModel
import DabrepoTools
import Foundation
import MCP

/// The dabrepo tools as an MCP server: tools/list from the registry, tools/call through `ToolRunner`.
/// Failures are tool results with `isError` and a message saying what to do; nothing a client sends
/// crashes the server.
public struct MCPToolServer: Sendable {
    public let runner: ToolRunner
    public let version: String

    public init(runner: ToolRunner, version: String) {
        self.runner = runner
        self.version = version
    }

    /// The tools as MCP describes them.
    public static var tools: [Tool] {
        ToolRegistry.all.map { definition in
            Tool(name: definition.name, title: definition.title, description: definition.description,
                 inputSchema: MCPValues.value(fromJSONObject: definition.inputSchema),
                 annotations: .init(title: definition.title,
                                    readOnlyHint: definition.access == .reads,
                                    // (A revision of the repository adds a commit that can be undone; what changes the
                                    // workspace — running a job or SQL, uploading over files — cannot: clients ask first.)
                                    destructiveHint: definition.access == .reads ? nil
                                        : definition.access == .writesWorkspace || definition.name == "undo_revision" || definition.name == "run_bundle_command",
                                    openWorldHint: definition.usesWorkspace))
        }
    }

    /// A server with dabrepo's handlers, not yet started.
    public func makeServer() async -> Server {
        let server = Server(name: "dabrepo", version: version, title: "dabrepo: Databricks Asset Bundles in git",
                            instructions: "Tools for the Databricks Asset Bundle repository at \(runner.directory.path) and its workspace. Changes to the bundle (refine_bundle, generate_*, create_tests, sync_workspace_to_local) are validated and committed as revisions; undo_revision reverts the latest one.",
                            capabilities: .init(tools: .init(listChanged: false)))
        let tools = Self.tools
        let runner = self.runner
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: tools) }
        await server.withMethodHandler(CallTool.self) { [weak server] params in
            await Self.call(params, runner: runner, server: server)
        }
        return server
    }

    /// One tools/call: runs the tool; with a progress token, the command's progress reports become
    /// notifications, in order, all sent before the result.
    static func call(_ params: CallTool.Parameters, runner: ToolRunner, server: Server?) async -> CallTool.Result {
        let started = Date()
        let arguments = (params.arguments ?? [:]).mapValues(MCPValues.plain)
        var continuation: AsyncStream<ToolProgress>.Continuation?
        var sender: Task<Void, Never>?
        if let token = params._meta?.progressToken, let server {
            let (stream, streamContinuation) = AsyncStream<ToolProgress>.makeStream()
            continuation = streamContinuation
            sender = Task {
                for await step in stream {
                    let notification = ProgressNotification.message(
                        ProgressNotification.Parameters(progressToken: token, progress: step.progress, total: step.total, message: step.message))
                    try? await server.notify(notification)
                }
            }
        }
        var report: (@Sendable (ToolProgress) -> Void)?
        if let continuation {
            report = { step in continuation.yield(step) }
        }
        let outcome = await runner.call(params.name, arguments: arguments, progress: report)
        continuation?.finish()
        await sender?.value
        let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
        // (A result in JSON logs its message, not its first line "{".)
        let object = outcome.text.hasPrefix("{") ? (try? JSONSerialization.jsonObject(with: Data(outcome.text.utf8))) as? [String: Any] : nil
        let said = (object?["message"] ?? object?["error"]).flatMap { $0 as? String } ?? outcome.text
        let firstLine = said.split(separator: "\n").first.map(String.init) ?? ""
        MCPLog.line("\(params.name): \(outcome.isError ? "error" : "ok") in \(milliseconds) ms" + (outcome.isError ? ": " + firstLine : ""))
        let structured = outcome.structuredJSON.flatMap { try? JSONDecoder().decode(Value.self, from: $0) }
        return CallTool.Result(content: [.text(text: outcome.text, annotations: nil, _meta: nil)],
                               structuredContent: structured, isError: outcome.isError)
    }

    /// Serves on standard input and output until standard input closes; every request received by
    /// then is answered before this returns.
    public func serveStandardIO() async throws {
        let transport = DrainingTransport(LineStdioTransport())
        let server = await makeServer()
        MCPLog.line("serving \(ToolRegistry.all.count) tools for \(runner.directory.path) on stdio")
        try await server.start(transport: transport)
        await server.waitUntilCompleted()
        await server.stop()
        MCPLog.line("standard input closed; every request was answered")
    }
}

/// Logs go to standard error only (secrets redacted): standard output carries the protocol.
public enum MCPLog {
    public static func line(_ text: String) {
        FileHandle.standardError.write(Data("dabrepo mcp: \(SecretRedaction.redact(text))\n".utf8))
    }
}

/// Conversions between MCP's `Value` and the plain Swift values of `ToolArguments`.
enum MCPValues {
    static func plain(_ value: Value) -> Any {
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

    /// A JSON-compatible object built in Swift (schemas: String, Int, Bool, arrays, dictionaries).
    static func value(fromJSONObject object: Any) -> Value {
        switch object {
        case let v as Bool: return .bool(v)
        case let v as Int: return .int(v)
        case let v as Double: return .double(v)
        case let v as String: return .string(v)
        case let v as [Any]: return .array(v.map(value(fromJSONObject:)))
        case let v as [String: Any]: return .object(v.mapValues(value(fromJSONObject:)))
        default: return .null
        }
    }
}
