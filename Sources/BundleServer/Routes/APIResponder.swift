import BundleEngine
import BundleModel
import BundleRepository
import BundleValidation
import Foundation
import Hummingbird

/// Every request: the guard first (Host, token or proxy identity, Origin), then the route, then the
/// security headers on whatever is answered.
struct APIResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let root: URL
    let guardian: RequestGuard
    let chat: ChatService
    let health: HealthRoute
    let environment: [String: String]

    func respond(to request: Request, context: Context) async throws -> Response {
        var response: Response
        switch guardian.check(request) {
        case .respond(let answer):
            response = answer
        case .allow(let identity):
            do {
                response = try await route(request, author: identity?.author)
            } catch let error as APIError {
                response = error.response
            } catch {
                response = APIError(.internalServerError, kind: "internal", SecretRedaction.redact("\(error)")).response
            }
        }
        SecurityHeaders.apply(to: &response.headers)
        return response
    }

    /// The path's segments, each percent-decoded on its own (so an encoded `/` cannot add a segment,
    /// and an encoded `..` is seen as `..`).
    static func segments(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { String($0).removingPercentEncoding ?? String($0) }
    }

    func route(_ request: Request, author: String?) async throws -> Response {
        let segments = Self.segments(request.uri.path)
        let query = QueryParameters(request.uri.query)
        let method = request.method
        func only(_ allowed: HTTPRequest.Method) throws(APIError) {
            guard method == allowed || (allowed == .get && method == .head) else {
                throw APIError(.methodNotAllowed, kind: "usage", "\(request.uri.path) answers \(allowed.rawValue) only")
            }
        }
        switch segments.first {
        case "", "index.html", "app.js", "style.css":
            guard segments.count == 1 else { break }
            try only(.get)
            return PageRoute.response(segments[0])
        case "api":
            break
        default:
            throw APIError.notFound("no page \(request.uri.path); the page is at /")
        }
        let rest = Array(segments.dropFirst())
        switch (rest.first, rest.count) {
        case ("health", 1):
            try only(.get)
            return JSONBody.response(try await BlockingExecutor.run { health.object() })
        case ("openapi.json", 1):
            try only(.get)
            return JSONBody.response(OpenAPIDocument.object)
        case ("conversations", 1):
            try only(.get)
            return JSONBody.response(try await BlockingExecutor.run { ["conversations": chat.archive.list()] })
        case ("conversations", 2):
            try only(.get)
            let id = rest[1]
            return JSONBody.response(try await BlockingExecutor.run { try chat.archive.detail(id) })
        case ("revisions", 1):
            try only(.get)
            let limit = query["limit"].flatMap(Int.init) ?? 50
            guard (1...1000).contains(limit) else { throw APIError.usage("limit must be between 1 and 1000") }
            return JSONBody.response(try await BlockingExecutor.run { ["revisions": try RevisionRoutes(root: root).list(limit: limit)] })
        case ("revisions", 2):
            try only(.get)
            let revision = rest[1], target = query["target"].flatMap { $0.isEmpty ? nil : $0 }
            return JSONBody.response(try await BlockingExecutor.run { try RevisionRoutes(root: root).detail(revision, target: target) })
        case ("revisions", 3) where rest[2] == "bundle.zip":
            try only(.get)
            let revision = rest[1]
            let (data, name) = try await BlockingExecutor.run { () throws -> (Data, String) in
                let files = try RevisionFiles(root: root, revision: revision)
                return (try files.zip(), "\(root.lastPathComponent)-\(files.commit.id.short).zip")
            }
            return Response(status: .ok, headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(name)\"",
                                                   .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        case ("files", 2):
            try only(.get)
            let revision = rest[1]
            return JSONBody.response(try await BlockingExecutor.run {
                let files = try RevisionFiles(root: root, revision: revision)
                return ["revision": files.commit.id.description, "files": try files.files().map { file -> [String: Any] in
                    ["path": file.path, "kind": "\(file.kind)".replacingOccurrences(of: "symbolicLink", with: "symlink"), "mode": String(file.mode, radix: 8)]
                }]
            })
        case ("files", let count) where count >= 3:
            try only(.get)
            let revision = rest[1], path = rest.dropFirst(2).joined(separator: "/")
            try RevisionFiles.checkPath(path)
            let (file, data) = try await BlockingExecutor.run { try RevisionFiles(root: root, revision: revision).read(path) }
            return FileResponse.response(path: file.path, data: data)
        case ("validate", 1):
            try only(.post)
            return JSONBody.response(try await BlockingExecutor.run { ValidateRoute.run(root: root, environment: environment) })
        case ("undo", 1):
            try only(.post)
            return JSONBody.response(try await BlockingExecutor.run { try UndoRoute.run(root: root, author: author) })
        case ("chat", 1):
            try only(.post)
            var request = request
            let body = try await JSONBody.requestObject(&request)
            return ChatStreamResponse.response(try chat.start(body, author: author), turns: chat.turns, heartbeat: heartbeatInterval)
        case ("chat", 3) where rest[2] == "stop":
            try only(.post)
            guard chat.turns.stop(rest[1]) else { throw APIError.notFound("no running turn \(rest[1]); it may have ended already") }
            return JSONBody.response(["turn_id": rest[1], "stopping": true])
        default:
            break
        }
        throw APIError.notFound("no endpoint \(method.rawValue) \(request.uri.path); GET /api/openapi.json lists them")
    }

    var heartbeatInterval: Duration {
        .milliseconds(environment["DABREPO_SERVE_HEARTBEAT_MS"].flatMap(Int.init) ?? 10_000)
    }
}
