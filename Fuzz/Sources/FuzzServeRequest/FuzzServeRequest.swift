import BundleServer
import Foundation
import FuzzSupport

/// A request as `dabrepo serve` reads it, without a server (BundleServer's ServeRequestReading): the
/// input is `METHOD TARGET [app]`, header lines, an empty line and the body. The Host, token (query,
/// cookie, bearer) and Origin checks, the route from the path and query, and a chat body's JSON are
/// read. Nothing crashes; a request that gets through carries the token (or, as an app, the proxy's
/// identity) for a Host this server serves and, when it changes something, its own Origin; a file path
/// that gets through cannot leave the bundle; the token's redirect stays on this server and drops it.
public func fuzzServeRequest(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, count)
    let text = String(decoding: bytes, as: UTF8.self)
    // Head and body split at the first empty line.
    let parts = text.components(separatedBy: "\n\n")
    let head = parts[0].split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
    let body = Data(parts.dropFirst().joined(separator: "\n\n").utf8)
    let requestLine = head[0].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    guard requestLine.count >= 2 else { return 0 }
    let (method, target) = (requestLine[0], requestLine[1])
    let app = requestLine.count > 2 && requestLine[2] == "app"
    var headers: [(name: String, value: String)] = []
    for line in head.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
    }
    let port = 8765
    let mode: AccessMode = app ? .databricksApp(appHost: "dabrepo-123.aws.databricksapps.com") : .token(AccessToken(token))
    let reading = ServeRequestReading.read(method: method, target: target, headers: headers, body: body, mode: mode, port: port)
    // As the server reads a field: HTTPTypes makes a value legal (a control character becomes a space,
    // then the value is trimmed); HTTP/1's parser refuses control characters in values before that.
    func values(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name }.map { header in
            String(String.UnicodeScalarView(header.value.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
                .trimmingCharacters(in: .whitespaces)
        }
    }
    let host = values("host").first ?? ""
    guard (100..<600).contains(reading.status) else { FuzzInput.fail("status \(reading.status)", bytes) }
    if reading.status == 200 {
        if app {
            let identity = (values("x-forwarded-email") + values("x-forwarded-preferred-username") + values("x-forwarded-user"))
                .contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if !identity { FuzzInput.fail("\(method) \(target) got through as an app without the proxy's identity", bytes) }
        } else {
            let bearer = values("authorization").contains("Bearer " + token)
            let cookie = values("cookie").contains { $0.split(separator: ";").contains { $0.trimmingCharacters(in: .whitespaces) == "dabrepo_token_\(port)=\(token)" } }
            if !bearer && !cookie { FuzzInput.fail("\(method) \(target) got through without the token", bytes) }
            let served = ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"]
            if !served.contains(host.lowercased()) { FuzzInput.fail("\(method) \(target) got through for the Host \(host.debugDescription)", bytes) }
            if !["GET", "HEAD", "OPTIONS"].contains(method), let origin = values("origin").first, origin.lowercased() != "http://" + host.lowercased() {
                FuzzInput.fail("\(method) \(target) from \(origin) got through", bytes)
            }
        }
        if let path = reading.path {
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.isEmpty || path.hasPrefix("/") || path.contains("\\") || path.contains("\0")
                || components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
                FuzzInput.fail("the file path \(path.debugDescription) of \(target) got through", bytes)
            }
        }
        if let revision = reading.revision, revision.isEmpty || revision.hasPrefix("-") || revision.contains("..") {
            FuzzInput.fail("the revision \(revision.debugDescription) of \(target) got through", bytes)
        }
        if reading.route == "chat", reading.message?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true {
            FuzzInput.fail("a chat without a message got through: \(String(decoding: body, as: UTF8.self).debugDescription)", bytes)
        }
    }
    if let location = reading.location {
        if location.contains(token) { FuzzInput.fail("the redirect's Location \(location.debugDescription) holds the token", bytes) }
        if !location.hasPrefix("/") || location.hasPrefix("//") || location.hasPrefix("/\\") {
            FuzzInput.fail("the redirect's Location \(location.debugDescription) leaves this server", bytes)
        }
    }
    return 0
}

let token = "5f0c6a1b2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccddee"
