import BundleModel
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A Databricks REST client (HTTP through libcurl): bearer tokens (a personal access token, or an OAuth
/// machine-to-machine token fetched from `/oidc/v1/token` and cached until it expires), retries of 429
/// and 503 honouring `Retry-After` and of connection errors with backoff, all within a time budget.
/// Secrets never appear in errors or in `debug` output.
public final class WorkspaceClient: @unchecked Sendable {
    public let config: WorkspaceConfig
    public var debug = false
    public var requestTimeout: TimeInterval = 30
    /// Total time a call may spend retrying.
    public var retryBudget: TimeInterval = 60
    private var oauthToken: (value: String, expires: Date)?
    private let lock = NSLock()

    public init(config: WorkspaceConfig) {
        self.config = config
    }

    // MARK: Calls

    public func get(_ path: String, query: [String: String] = [:]) throws(WorkspaceError) -> [String: Any] {
        try json(try call("GET", path, query: query, body: nil))
    }

    public func post(_ path: String, body: [String: Any]) throws(WorkspaceError) -> [String: Any] {
        let data: Data
        do { data = try JSONSerialization.data(withJSONObject: body) } catch { throw .invalidResponse("cannot encode the request") }
        return try json(try call("POST", path, query: [:], body: data))
    }

    func json(_ data: Data) throws(WorkspaceError) -> [String: Any] {
        if data.isEmpty { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw .invalidResponse("not a JSON object (\(data.count) bytes)")
        }
        return object
    }

    /// One API call with authentication and retries.
    public func call(_ method: String, _ path: String, query: [String: String], body: Data?) throws(WorkspaceError) -> Data {
        let start = Date()
        var attempt = 0
        var backoff: TimeInterval = 0.25
        while true {
            attempt += 1
            var request = try makeRequest(method, path, query: query, body: body)
            request.setValue("Bearer \(try bearerToken())", forHTTPHeaderField: "Authorization")
            if debug { log("> \(method) \(request.url?.absoluteString ?? path)\(body.map { " " + SecretRedaction.redact(String(decoding: $0, as: UTF8.self)) } ?? "")") }
            let (data, response, error) = send(request)
            let elapsed = Date().timeIntervalSince(start)
            if let error {
                let message = SecretRedaction.redact(error.localizedDescription)
                if debug { log("< error: \(message)") }
                // A host that does not resolve will not resolve in a minute either; a refused connection
                // is tried three times (a proxy or a workspace restarting), not for the whole budget.
                let code = (error as NSError).code
                let hostSource = config.sources["host"].map { " (from the \($0))" } ?? ""
                if code == NSURLErrorCannotFindHost {
                    throw .transport("the host \(config.host)\(hostSource) does not resolve: \(message); check its spelling, your VPN or proxy")
                }
                // A TLS handshake that failed fails again (a server that speaks plain http, a certificate
                // not trusted): said after a second try, with what to check, not retried for a minute.
                if code == NSURLErrorSecureConnectionFailed && attempt >= 2 {
                    throw .transport("the secure connection to \(config.host)\(hostSource) failed: \(message); if the server speaks plain http (a proxy on this machine), "
                                     + "write the host with http://, otherwise check the host's certificate, your proxy or VPN")
                }
                if code == NSURLErrorCannotConnectToHost && attempt >= 3 {
                    throw .transport("\(config.host)\(hostSource) refused the connection \(attempt) times: \(message); check the host and port, your VPN or proxy")
                }
                guard elapsed + backoff < retryBudget else { throw .gaveUp(after: attempt, last: "\(message) (\(config.host)\(hostSource))") }
                Thread.sleep(forTimeInterval: backoff)
                backoff = min(backoff * 2, 8)
                continue
            }
            guard let http = response else { throw .invalidResponse("no HTTP response") }
            if debug { log("< \(http.statusCode) (\(data.count) bytes)") }
            if http.statusCode == 429 || http.statusCode == 503 {
                let retryAfter = (http.value(forHTTPHeaderField: "Retry-After")).flatMap(TimeInterval.init) ?? backoff
                guard elapsed + retryAfter < retryBudget else {
                    // (Said with the wait the workspace asked for, which is past what is left to wait: "try again in …".)
                    let asked = http.value(forHTTPHeaderField: "Retry-After").flatMap(TimeInterval.init).map { seconds in
                        "; the workspace asked to wait \(Int(seconds)) s (Retry-After), more than the \(Int(max(0, retryBudget - elapsed))) s left to retry: try again later"
                    } ?? ""
                    throw .gaveUp(after: attempt, last: "HTTP \(http.statusCode) \(Self.message(data))\(asked)")
                }
                Thread.sleep(forTimeInterval: retryAfter)
                backoff = min(backoff * 2, 8)
                continue
            }
            guard (200..<300).contains(http.statusCode) else {
                let body = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
                let message = SecretRedaction.redact(body?["message"] as? String ?? Self.message(data))
                // (Which profile's credentials were refused, and how to see them: `auth describe` alone described DEFAULT.)
                let said = http.statusCode == 401 ? message + (config.profile.map { "; profile \($0): `dabrepo auth describe --profile \($0)` shows its credentials" } ?? "") : message
                throw WorkspaceError.from(status: http.statusCode, errorCode: body?["error_code"] as? String, message: said)
            }
            return data
        }
    }

    /// What an error answer says: the API's `error_code: message` (as the Databricks CLI prints it),
    /// else the start of the body.
    static func message(_ data: Data) -> String {
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let message = object["message"] as? String {
            return (object["error_code"] as? String).map { "\($0): \(message)" } ?? message
        }
        // (Hidden before it is cut: a secret cut in two is no longer recognised.)
        return String(SecretRedaction.redact(ErrorPageText.plain(String(decoding: data.prefix(4096), as: UTF8.self))).prefix(200))
    }

    func makeRequest(_ method: String, _ path: String, query: [String: String], body: Data?) throws(WorkspaceError) -> URLRequest {
        guard var components = URLComponents(string: config.host + path) else { throw .invalidResponse("bad path \(path)") }
        if !query.isEmpty { components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) } }
        // "+" is a space to a server that decodes a form's query (the notebook `a b` came for `a+b`): %2B, as the SDKs send it.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        guard let url = components.url else { throw .invalidResponse("bad path \(path)") }
        var request = URLRequest(url: url, timeoutInterval: requestTimeout)
        request.httpMethod = method
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        return request
    }

    /// Synchronous send (the CLI is synchronous), through libcurl's easy interface: see `CurlTransport`
    /// for why not URLSession. The timeout covers the whole request.
    func send(_ request: URLRequest) -> (Data, HTTPURLResponse?, Error?) {
        CurlTransport.send(request, timeout: requestTimeout, userAgent: "dabrepo/\(DabrepoVersion.current)")
    }

    public static func seconds(_ interval: TimeInterval) -> String {
        interval == interval.rounded() ? "\(Int(interval)) s" : String(format: "%.1f s", interval)
    }

    func log(_ line: String) {
        FileHandle.standardError.write(Data(("[debug] " + SecretRedaction.redact(line) + "\n").utf8))
    }

    // MARK: Authentication

    /// The bearer token of every call: the personal access token, or a current OAuth token (fetched
    /// when missing or about to expire). Also what model serving endpoints accept.
    public func bearerToken() throws(WorkspaceError) -> String {
        switch config.authType {
        case .pat:
            return config.token ?? ""
        case .oauthM2M:
            lock.lock()
            defer { lock.unlock() }
            if let token = oauthToken, token.expires > Date().addingTimeInterval(30) { return token.value }
            let fetched = try fetchOAuthToken()
            oauthToken = fetched
            return fetched.value
        }
    }

    /// `POST /oidc/v1/token` with the client id and secret (HTTP basic), `grant_type=client_credentials`, `scope=all-apis`.
    func fetchOAuthToken() throws(WorkspaceError) -> (value: String, expires: Date) {
        guard let url = URL(string: config.host + "/oidc/v1/token") else { throw .invalidResponse("bad host") }
        var request = URLRequest(url: url, timeoutInterval: requestTimeout)
        request.httpMethod = "POST"
        let credentials = Data("\(config.clientID ?? ""):\(config.clientSecret ?? "")".utf8).base64EncodedString()
        request.setValue("Basic \(credentials)", forHTTPHeaderField: "Authorization")
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data("grant_type=client_credentials&scope=all-apis".utf8)
        if debug { log("> POST \(url.absoluteString) (client credentials)") }
        let (data, response, error) = send(request)
        if let error { throw .transport(SecretRedaction.redact(error.localizedDescription)) }
        guard let http = response, (200..<300).contains(http.statusCode) else {
            throw .unauthenticated("the token endpoint answered \(response?.statusCode ?? 0)")
        }
        guard let body = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let token = body["access_token"] as? String else {
            throw .invalidResponse("the token endpoint sent no access_token")
        }
        let lifetime = (body["expires_in"] as? NSNumber)?.doubleValue ?? 3600
        return (token, Date().addingTimeInterval(lifetime))
    }
}
