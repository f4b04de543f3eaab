import Foundation
import HTTPTypes
import Hummingbird

/// Decides, before any route, whether a request may be served: the Host is the server's own (DNS
/// rebinding), the caller holds the token or comes through the Databricks App proxy, and a request that
/// changes state comes from the page's own origin (cross-site request forgery).
struct RequestGuard: Sendable {
    enum Decision {
        case allow(ForwardedIdentity?)
        /// Answer with this instead (a refusal, or the redirect that sets the cookie).
        case respond(Response)
    }

    let mode: AccessMode
    let address: ListeningAddress

    func check(_ request: Request) -> Decision {
        var host = request.head.authority ?? ""
        // Behind the Databricks Apps proxy, the host the browser asked for is X-Forwarded-Host.
        if case .databricksApp = mode, let forwarded = request.headers[Self.forwardedHost], !forwarded.isEmpty { host = forwarded }
        guard hostIsServed(host) else {
            return .respond(APIError(.misdirectedRequest, kind: "refused", "the Host \(host.isEmpty ? "(none)" : host) is not this server's; open the URL dabrepo serve printed").response)
        }
        switch mode {
        case .databricksApp:
            guard let identity = ForwardedIdentity(request.headers) else {
                return .respond(APIError(.unauthorized, kind: "unauthenticated", "this app is reached through the Databricks Apps proxy, which says who is signed in; the request carried no X-Forwarded-Email").response)
            }
            if let refusal = originRefusal(request, host: host, bearer: false) { return .respond(refusal) }
            return .allow(identity)
        case .token(let token):
            let query = QueryParameters(request.uri.query)
            if let offered = query["token"] {
                guard token.matches(offered) else { return .respond(unauthorized()) }
                // The token leaves the address bar (and history) for an HttpOnly cookie.
                // Back to the same path on this server: a target that is not a plain path (`//host`, `/\host`,
                // which browsers read as another server, or no leading `/`) goes to the page instead.
                var location = request.uri.path
                if !location.hasPrefix("/") || location.hasPrefix("//") || location.hasPrefix("/\\") { location = "/" }
                // Every parameter that holds the token goes (`token=` and any other pasted with it).
                var rest = query.removing("token")
                rest.pairs.removeAll { $0.0.contains(token.value) || $0.1.contains(token.value) }
                let restEncoded = rest.encoded
                if !restEncoded.isEmpty { location += "?" + restEncoded }
                var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
                headers.append(HTTPField(name: .setCookie, value: "\(cookieName)=\(token.value); Path=/; HttpOnly; SameSite=Strict"))
                return .respond(Response(status: .seeOther, headers: headers))
            }
            let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            let authenticated = token.matches(bearer) || token.matches(cookie(request))
            guard authenticated else { return .respond(unauthorized()) }
            if let refusal = originRefusal(request, host: host, bearer: token.matches(bearer)) { return .respond(refusal) }
            return .allow(nil)
        }
    }

    static let forwardedHost = HTTPField.Name("X-Forwarded-Host")!

    /// The cookie is named after the port: two servers on one host keep theirs apart.
    var cookieName: String { "dabrepo_token_\(address.port)" }

    func cookie(_ request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces)
                if pair.hasPrefix(cookieName + "=") { return String(pair.dropFirst(cookieName.count + 1)) }
            }
        }
        return nil
    }

    func unauthorized() -> Response {
        APIError(.unauthorized, kind: "unauthenticated", "open the URL dabrepo serve printed (it carries the token), or send Authorization: Bearer TOKEN").response
    }

    func hostIsServed(_ host: String) -> Bool {
        switch mode {
        case .databricksApp(let appHost):
            guard let appHost else { return true }
            return Self.hostName(host) == appHost.lowercased()
        case .token:
            return address.serves(host)
        }
    }

    /// A state-changing request must come from this server's own page: its Origin is this host, and a
    /// browser's request (one the cookie or the proxy authenticated) must carry one.
    func originRefusal(_ request: Request, host: String, bearer: Bool) -> Response? {
        guard ![.get, .head, .options].contains(request.method) else { return nil }
        if request.headers[HTTPField.Name("Sec-Fetch-Site")!] == "cross-site" {
            return APIError(.forbidden, kind: "refused", "a request from another site may not change anything here").response
        }
        guard let origin = request.headers[.origin] else {
            return bearer ? nil : APIError(.forbidden, kind: "refused", "a request that changes something needs an Origin header (browsers send it)").response
        }
        let expected: Bool
        switch mode {
        case .token: expected = origin.lowercased() == "http://" + host.lowercased()
        case .databricksApp: expected = Self.hostName(origin.components(separatedBy: "://").last ?? "") == Self.hostName(host)
        }
        return expected ? nil : APIError(.forbidden, kind: "refused", "a request from \(origin) may not change anything here").response
    }

    /// "example.com:443" → "example.com"; "[::1]:8080" → "[::1]".
    static func hostName(_ authority: String) -> String {
        let lower = authority.lowercased()
        if lower.hasPrefix("[") { return String(lower.prefix { $0 != "]" }) + "]" }
        return String(lower.split(separator: ":", maxSplits: 1).first ?? "")
    }
}
