import Foundation
import HTTPTypes

/// What a request asks for, read from its method, path and query before anything runs: the path's
/// segments each percent-decoded on its own, the revision names and file paths checked (a path that
/// could leave the bundle is refused here), the numbers in range. A pure function of the request, so
/// the fuzz target FuzzServeRequest reaches it without a server.
enum APIRoute: Equatable {
    case page(String)
    case health, openAPI, conversations, validate, undo, chat
    case conversation(String)
    case revisions(limit: Int)
    case revision(String, target: String?)
    case bundleZip(revision: String)
    case fileList(revision: String)
    case file(revision: String, path: String)
    case stop(turn: String)

    /// The path's segments, each percent-decoded on its own (so an encoded `/` cannot add a segment,
    /// and an encoded `..` is seen as `..`).
    static func segments(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { String($0).removingPercentEncoding ?? String($0) }
    }

    init(method: HTTPRequest.Method, path: String, query: QueryParameters) throws(APIError) {
        let segments = Self.segments(path)
        func only(_ allowed: HTTPRequest.Method) throws(APIError) {
            guard method == allowed || (allowed == .get && method == .head) else {
                throw APIError(.methodNotAllowed, kind: "usage", "\(path) answers \(allowed.rawValue) only")
            }
        }
        switch segments.first {
        case "", "index.html", "app.js", "style.css":
            guard segments.count == 1 else { break }
            try only(.get)
            self = .page(segments[0])
            return
        case "api":
            break
        default:
            throw APIError.notFound("no page \(path); the page is at /")
        }
        let rest = Array(segments.dropFirst())
        switch (rest.first, rest.count) {
        case ("health", 1):
            try only(.get)
            self = .health
        case ("openapi.json", 1):
            try only(.get)
            self = .openAPI
        case ("conversations", 1):
            try only(.get)
            self = .conversations
        case ("conversations", 2):
            try only(.get)
            self = .conversation(rest[1])
        case ("revisions", 1):
            try only(.get)
            guard let limit = query["limit"].map({ Int($0) }) ?? 50, (1...1000).contains(limit) else {
                throw APIError.usage("limit must be a number between 1 and 1000")
            }
            self = .revisions(limit: limit)
        case ("revisions", 2):
            try only(.get)
            self = .revision(rest[1], target: query["target"].flatMap { $0.isEmpty ? nil : $0 })
        case ("revisions", 3) where rest[2] == "bundle.zip":
            try only(.get)
            try RevisionFiles.checkRevisionName(rest[1])
            self = .bundleZip(revision: rest[1])
        case ("files", 2):
            try only(.get)
            try RevisionFiles.checkRevisionName(rest[1])
            self = .fileList(revision: rest[1])
        case ("files", let count) where count >= 3:
            try only(.get)
            let path = rest.dropFirst(2).joined(separator: "/")
            try RevisionFiles.checkRevisionName(rest[1])
            try RevisionFiles.checkPath(path)
            self = .file(revision: rest[1], path: path)
        case ("validate", 1):
            try only(.post)
            self = .validate
        case ("undo", 1):
            try only(.post)
            self = .undo
        case ("chat", 1):
            try only(.post)
            self = .chat
        case ("chat", 3) where rest[2] == "stop":
            try only(.post)
            self = .stop(turn: rest[1])
        default:
            throw APIError.notFound("no endpoint \(method.rawValue) \(path); GET /api/openapi.json lists them")
        }
    }
}
