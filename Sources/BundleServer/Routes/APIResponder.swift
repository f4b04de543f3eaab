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

    func route(_ request: Request, author: String?) async throws -> Response {
        switch try APIRoute(method: request.method, path: request.uri.path, query: QueryParameters(request.uri.query)) {
        case .page(let name):
            return PageRoute.response(name)
        case .health:
            return JSONBody.response(try await BlockingExecutor.run { health.object() })
        case .openAPI:
            return JSONBody.response(data: JSONBody.unredacted(OpenAPIDocument.object))
        case .conversations:
            return JSONBody.response(try await BlockingExecutor.run { ["conversations": chat.archive.list()] })
        case .conversation(let id):
            return JSONBody.response(try await BlockingExecutor.run { try chat.archive.detail(id) })
        case .revisions(let limit):
            return JSONBody.response(try await BlockingExecutor.run { ["revisions": try RevisionRoutes(root: root).list(limit: limit)] })
        case .revision(let revision, let target):
            return JSONBody.response(try await BlockingExecutor.run { try RevisionRoutes(root: root).detail(revision, target: target) })
        case .bundleZip(let revision):
            let (data, name) = try await BlockingExecutor.run { () throws -> (Data, String) in
                let files = try RevisionFiles(root: root, revision: revision)
                return (try files.zip(), "\(root.lastPathComponent)-\(files.commit.id.short).zip")
            }
            return Response(status: .ok, headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(name)\"",
                                                   .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        case .fileList(let revision):
            return JSONBody.response(try await BlockingExecutor.run {
                let files = try RevisionFiles(root: root, revision: revision)
                return ["revision": files.commit.id.description, "files": try files.files().map { file -> [String: Any] in
                    ["path": file.path, "kind": "\(file.kind)".replacingOccurrences(of: "symbolicLink", with: "symlink"), "mode": String(file.mode, radix: 8)]
                }]
            })
        case .file(let revision, let path):
            let (file, data) = try await BlockingExecutor.run { try RevisionFiles(root: root, revision: revision).read(path) }
            return FileResponse.response(path: file.path, data: data)
        case .validate:
            var request = request
            let body = try await JSONBody.requestObject(&request)
            return JSONBody.response(try await BlockingExecutor.run { try ValidateRoute.run(root: root, body: body, environment: environment) })
        case .undo:
            var request = request
            let body = try await JSONBody.requestObject(&request)
            guard body["revision"] == nil || body["revision"] is String else { throw APIError.usage("revision must be a string (a commit id)") }
            let revision = body["revision"] as? String
            return JSONBody.response(try await BlockingExecutor.run { try UndoRoute.run(root: root, author: author, revision: revision) })
        case .chat:
            var request = request
            let body = try await JSONBody.requestObject(&request)
            return ChatStreamResponse.response(try chat.start(body, author: author), turns: chat.turns, heartbeat: heartbeatInterval)
        case .stop(let turn):
            guard chat.turns.stop(turn) else { throw APIError.notFound("no running turn \(turn); it may have ended already") }
            return JSONBody.response(["turn_id": turn, "stopping": true])
        }
    }

    var heartbeatInterval: Duration {
        .milliseconds(environment["DABREPO_SERVE_HEARTBEAT_MS"].flatMap(Int.init) ?? 10_000)
    }
}
