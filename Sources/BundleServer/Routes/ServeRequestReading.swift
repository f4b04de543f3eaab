import Foundation
import HTTPTypes
import Hummingbird

/// What `dabrepo serve` reads from one request before anything runs, without a server: the guard's
/// decision (Host, token as query, cookie or bearer, Origin), the route from the path and query (a
/// revision name and a file path checked, traversal refused), and for `POST /api/chat` its JSON body.
/// For the fuzz target FuzzServeRequest (and tests): every part a request controls, reached in one call.
public struct ServeRequestReading: Sendable, Equatable {
    /// The HTTP status answered before a route runs (a refusal, a bad request, the cookie's redirect),
    /// or 200 when the route would run.
    public var status: Int
    /// The route that would run (when `status` is 200).
    public var route: String?
    /// The revision and file path a file route would read from git's tree.
    public var revision: String?
    public var path: String?
    /// A redirect's Location and Set-Cookie.
    public var location: String?
    public var setCookie: String?
    /// What a chat body asks for: the message, and the generate tool it runs instead of the agent.
    public var message: String?
    public var generateTool: String?

    init(status: Int) { self.status = status }

    /// - Parameters:
    ///   - target: the request target as sent (`/api/files/HEAD/a.yml?x=1`).
    ///   - headers: the header fields in order (`Host` among them).
    ///   - host, port: where the server listens.
    public static func read(method: String, target: String, headers: [(name: String, value: String)], body: Data,
                            mode: AccessMode, host: String = "127.0.0.1", port: Int) -> ServeRequestReading {
        guard let method = HTTPRequest.Method(method) else { return ServeRequestReading(status: 400) }
        var fields = HTTPFields()
        var authority: String?
        for (name, value) in headers {
            if name.lowercased() == "host" { authority = authority ?? value; continue }
            guard let fieldName = HTTPField.Name(name) else { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        let request = Request(head: HTTPRequest(method: method, scheme: nil, authority: authority, path: target, headerFields: fields),
                              body: RequestBody(buffer: ByteBuffer()))
        let guardian = RequestGuard(mode: mode, address: ListeningAddress(host: host, port: port))
        switch guardian.check(request) {
        case .respond(let response):
            var reading = ServeRequestReading(status: Int(response.status.code))
            reading.location = response.headers[.location]
            reading.setCookie = response.headers[.setCookie]
            return reading
        case .allow:
            break
        }
        do throws(APIError) {
            let route = try APIRoute(method: request.method, path: request.uri.path, query: QueryParameters(request.uri.query))
            var reading = ServeRequestReading(status: 200)
            reading.route = "\(route)"
            switch route {
            case .file(let revision, let path): (reading.revision, reading.path) = (revision, path)
            case .fileList(let revision), .bundleZip(let revision): reading.revision = revision
            case .chat:
                let chat = try ChatRequest(JSONBody.object(body))
                reading.message = chat.message
                reading.generateTool = GenerateRequest(chat.message)?.tool
            default: break
            }
            return reading
        } catch {
            return ServeRequestReading(status: Int(error.status.code))
        }
    }
}
