import Foundation

/// HTTP/1.1 over a plain socket to 127.0.0.1, for the `dabrepo serve` tests: the request goes out
/// byte for byte as written (paths with `..` are not normalised, any Host can be sent), and a
/// streamed answer can be read event by event.
struct RawHTTPClient {
    struct Response {
        var status: Int
        var headers: [(String, String)]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        func headers(_ name: String) -> [String] { headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var errorKind: String? { (json["error"] as? [String: Any])?["kind"] as? String }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    let port: Int
    /// Sent as `Authorization: Bearer` unless a request says otherwise.
    var token: String?

    /// An open connection with the request sent.
    final class Connection {
        let fd: Int32
        var buffer = Data()
        var closed = false

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard result == 0 else { close(fd); throw Failure(description: "cannot connect to 127.0.0.1:\(port)") }
            var timeout = timeval(tv_sec: 120, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        deinit { close(fd) }

        func send(_ data: Data) {
            data.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                    if n <= 0 { return }
                    offset += n
                }
            }
        }

        /// More bytes into the buffer; false at the end of the stream.
        func fill() -> Bool {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = recv(fd, &chunk, chunk.count, 0)
            guard n > 0 else { closed = true; return false }
            buffer.append(contentsOf: chunk[0..<n])
            return true
        }

        func readLine() -> String? {
            while true {
                if let range = buffer.range(of: Data("\r\n".utf8)) {
                    let line = String(decoding: buffer[buffer.startIndex..<range.lowerBound], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex..<range.upperBound)
                    return line
                }
                if !fill() { return nil }
            }
        }

        func read(count: Int) -> Data {
            while buffer.count < count, fill() {}
            let taken = buffer.prefix(count)
            buffer.removeFirst(min(count, buffer.count))
            return Data(taken)
        }

        /// Status line and headers.
        func head() throws -> (Int, [(String, String)]) {
            guard let statusLine = readLine() else { throw Failure(description: "no answer") }
            let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
            var headers: [(String, String)] = []
            while let line = readLine(), !line.isEmpty {
                let parts = line.split(separator: ":", maxSplits: 1)
                headers.append((String(parts[0]), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""))
            }
            return (status, headers)
        }

        /// The next piece of a chunked body; nil after the last.
        func nextChunk() -> Data? {
            guard let sizeLine = readLine(), let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16) else { return nil }
            if size == 0 { _ = readLine(); return nil }
            let data = read(count: size)
            _ = readLine()
            return data
        }
    }

    func open(_ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil, bearer: Bool = true) throws -> Connection {
        let connection = try Connection(port: port)
        var all = ["Host": "127.0.0.1:\(port)", "Connection": "close"]
        if bearer, let token { all["Authorization"] = "Bearer \(token)" }
        if let body { all["Content-Length"] = String(body.count); all["Content-Type"] = "application/json" }
        for (k, v) in headers { all[k] = v }
        var text = "\(method) \(path) HTTP/1.1\r\n"
        for (k, v) in all.sorted(by: { $0.key < $1.key }) where !v.isEmpty { text += "\(k): \(v)\r\n" }
        text += "\r\n"
        connection.send(Data(text.utf8) + (body ?? Data()))
        return connection
    }

    /// One request, its whole answer.
    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil, bearer: Bool = true) throws -> Response {
        let connection = try open(method, path, headers: headers, body: body, bearer: bearer)
        let (status, responseHeaders) = try connection.head()
        var body = Data()
        let lower = Dictionary(responseHeaders.map { ($0.0.lowercased(), $0.1) }, uniquingKeysWith: { a, _ in a })
        if lower["transfer-encoding"]?.lowercased() == "chunked" {
            while let chunk = connection.nextChunk() { body.append(chunk) }
        } else if let length = lower["content-length"].flatMap(Int.init) {
            body = connection.read(count: length)
        } else {
            while connection.fill() {}
            body = connection.buffer
        }
        return Response(status: status, headers: responseHeaders, body: body)
    }

    func get(_ path: String, headers: [String: String] = [:]) throws -> Response { try request("GET", path, headers: headers) }

    func post(_ path: String, _ object: [String: Any] = [:], headers: [String: String] = [:]) throws -> Response {
        try request("POST", path, headers: headers, body: try JSONSerialization.data(withJSONObject: object))
    }
}
