import DabrepoTools
import Foundation
import MCP
@preconcurrency import NIOCore
@preconcurrency import NIOHTTP1
@preconcurrency import NIOPosix

/// `dabrepo mcp --http`: the streamable HTTP transport at `/mcp`, one MCP session per client
/// (`MCP-Session-Id`), every request carrying `Authorization: Bearer <token>`. The request/response
/// plumbing follows the swift-sdk's own conformance server (Sources/MCPConformance/Server/HTTPApp.swift).
public actor MCPHTTPServer {
    public let host: String
    public let port: Int
    public let endpoint = "/mcp"
    private let token: String
    private let tools: MCPToolServer
    private var sessions: [String: (server: Server, transport: StatefulHTTPServerTransport)] = [:]
    private var channel: Channel?

    public init(host: String, port: Int, token: String, tools: MCPToolServer) {
        self.host = host
        self.port = port
        self.token = token
        self.tools = tools
    }

    /// A random bearer token: 32 bytes from the system's generator, hex.
    public static func generateToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Binds and calls `ready` with the bound port (useful with port 0), then serves until the process ends.
    public func run(ready: @Sendable (Int) -> Void) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(MCPHTTPHandler(app: self))
                }
            }
        let channel = try await bootstrap.bind(host: host, port: port).get()
        self.channel = channel
        ready(channel.localAddress?.port ?? port)
        try await channel.closeFuture.get()
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.path == endpoint else {
            return .error(statusCode: 404, .invalidRequest("Not Found: the MCP endpoint is \(endpoint)"))
        }
        guard Self.authorized(request.header(HTTPHeaderName.authorization), token: token) else {
            return .error(statusCode: 401, .invalidRequest("Unauthorized: send Authorization: Bearer <the token dabrepo mcp printed at start>"),
                          extraHeaders: [HTTPHeaderName.wwwAuthenticate: "Bearer realm=\"dabrepo\""])
        }
        if let id = request.header(HTTPHeaderName.sessionID) {
            guard let session = sessions[id] else {
                return .error(statusCode: 404, .invalidRequest("Not Found: no such session (it ended); initialize again"))
            }
            if request.method.uppercased() == "POST", let body = request.body, let refusal = ToolCallParamsCheck.errorResponse(to: body) {
                return .data(refusal, headers: ["Content-Type": "application/json", HTTPHeaderName.sessionID: id])
            }
            let response = await session.transport.handleRequest(request)
            if request.method.uppercased() == "DELETE", response.statusCode == 200 {
                sessions.removeValue(forKey: id)
                await session.server.stop()
            }
            return response
        }
        if request.method.uppercased() == "POST", let body = request.body, (try? JSONSerialization.jsonObject(with: body)) == nil {
            return .error(statusCode: 400, .parseError("Parse error: the body is not JSON; send a JSON-RPC initialize request first"))
        }
        // An id that is an object or a list: refused, as JSON-RPC 2.0 asks (it was accepted with a 202).
        if request.method.uppercased() == "POST", let body = request.body,
           let id = ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["id"], id is [String: Any] || id is [Any] {
            return .error(statusCode: 400, .invalidRequest("Invalid Request: the id must be a string or a number"), sessionID: request.header(HTTPHeaderName.sessionID))
        }
        guard request.method.uppercased() == "POST", let body = request.body, Self.isInitialize(body) else {
            return .error(statusCode: 400, .invalidRequest("Bad Request: send initialize first, then \(HTTPHeaderName.sessionID) with every request"))
        }
        let id = UUID().uuidString
        let transport = StatefulHTTPServerTransport(sessionIDGenerator: FixedSessionID(id: id),
                                                    validationPipeline: Self.validation(local: ["127.0.0.1", "localhost", "::1"].contains(host)))
        let server = await tools.makeServer()
        do {
            try await server.start(transport: transport)
        } catch {
            return .error(statusCode: 500, .internalError("cannot start a session: \(error)"))
        }
        sessions[id] = (server, transport)
        let response = await transport.handleRequest(request)
        if case .error = response {
            sessions.removeValue(forKey: id)
            await server.stop()
        }
        return response
    }

    /// Constant-time comparison of the bearer token.
    static func authorized(_ header: String?, token: String) -> Bool {
        guard let header, header.lowercased().hasPrefix("bearer ") else { return false }
        let given = Array(header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces).utf8)
        let expected = Array(token.utf8)
        guard given.count == expected.count else { return false }
        return zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func isInitialize(_ body: Data) -> Bool {
        (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["method"] as? String == "initialize"
    }

    /// The sdk's standard checks; the Origin check (against DNS rebinding) only when bound to loopback.
    static func validation(local: Bool) -> any HTTPRequestValidationPipeline {
        var validators: [any HTTPRequestValidator] = [AcceptHeaderValidator(mode: .sseRequired), ContentTypeValidator(),
                                                      ProtocolVersionValidator(), SessionValidator()]
        if local { validators.insert(OriginValidator.localhost(), at: 0) }
        return StandardValidationPipeline(validators: validators)
    }

    private struct FixedSessionID: SessionIDGenerator {
        let id: String
        func generateSessionID() -> String { id }
    }
}

/// Collects one HTTP request, hands it to the server, writes the answer (a body or an SSE stream).
private final class MCPHTTPHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let app: MCPHTTPServer
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var tooLarge = false
    /// The largest request body kept (an MCP message is JSON of a few kilobytes; a whole bundle's
    /// files sent to apply are a few megabytes).
    static let largestBody = 16_000_000

    init(app: MCPHTTPServer) { self.app = app }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = context.channel.allocator.buffer(capacity: 0)
        case .body(var buffer):
            // (A body past the limit is answered 413 at its end; the rest is not kept.)
            if let size = body?.readableBytes, size + buffer.readableBytes > Self.largestBody { tooLarge = true; return }
            body?.writeBuffer(&buffer)
        case .end:
            guard let head else { return }
            if tooLarge {
                tooLarge = false
                self.head = nil
                body = nil
                nonisolated(unsafe) let context = context
                Task { await self.write(.error(statusCode: 413, .invalidRequest("Payload Too Large: a request body is at most \(Self.largestBody / 1_000_000) MB")),
                                        version: head.version, context: context) }
                return
            }
            let bytes = body.flatMap { $0.getBytes(at: 0, length: $0.readableBytes) } ?? []
            self.head = nil
            body = nil
            var headers: [String: String] = [:]
            for (name, value) in head.headers { headers[name] = headers[name].map { $0 + ", " + value } ?? value }
            let request = HTTPRequest(method: head.method.rawValue, headers: headers, body: bytes.isEmpty ? nil : Data(bytes),
                                      path: String(head.uri.split(separator: "?").first ?? Substring(head.uri)))
            nonisolated(unsafe) let context = context
            Task {
                let response = await self.app.handle(request)
                await self.write(response, version: head.version, context: context)
            }
        }
    }

    private func write(_ response: HTTPResponse, version: HTTPVersion, context: ChannelHandlerContext) async {
        nonisolated(unsafe) let context = context
        let loop = context.eventLoop
        var head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: response.statusCode))
        for (name, value) in response.headers { head.headers.add(name: name, value: value) }
        if case .stream(let stream, _) = response {
            loop.execute {
                context.write(self.wrapOutboundOut(.head(head)), promise: nil)
                context.flush()
            }
            do {
                for try await chunk in stream {
                    loop.execute {
                        var buffer = context.channel.allocator.buffer(capacity: chunk.count)
                        buffer.writeBytes(chunk)
                        context.writeAndFlush(self.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
                    }
                }
            } catch {}
            loop.execute { context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil) }
            return
        }
        let data = response.bodyData
        if let data { head.headers.replaceOrAdd(name: "Content-Length", value: String(data.count)) } else { head.headers.replaceOrAdd(name: "Content-Length", value: "0") }
        loop.execute {
            context.write(self.wrapOutboundOut(.head(head)), promise: nil)
            if let data {
                var buffer = context.channel.allocator.buffer(capacity: data.count)
                buffer.writeBytes(data)
                context.write(self.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            }
            context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
