import CCurl
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one HTTP request with libcurl's easy interface, blocking the calling thread in poll(2) until
/// the answer, an error or the timeout.
///
/// Why not URLSession: FoundationNetworking's URLSession (also libcurl underneath) spins while an
/// answer is pending on Linux: about 2,800 wakeups a second, 85% of a core for a request the server
/// answers in 3 s (measured with a minimal program and strace -c). Statement polls wait up to 10 s, and
/// eight such processes at once starved each other until requests timed out.
enum CurlTransport {
    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    final class Buffers {
        var body = Data()
        var headers: [String: String] = [:]
    }

    /// The answer, or an NSURLError-domain error (timed out, cannot connect, ...).
    static func send(_ request: URLRequest, timeout: TimeInterval, userAgent: String) -> (Data, HTTPURLResponse?, Error?) {
        _ = initialized
        guard let url = request.url, let handle = curl_easy_init() else {
            return (Data(), nil, NSError(domain: NSURLErrorDomain, code: NSURLErrorBadURL, userInfo: [NSLocalizedDescriptionKey: "cannot start the request"]))
        }
        defer { curl_easy_cleanup(handle) }
        let buffers = Buffers()
        let context = Unmanaged.passRetained(buffers)
        defer { context.release() }

        _ = dabrepo_curl_set_string(handle, CURLOPT_URL, url.absoluteString)
        _ = dabrepo_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = dabrepo_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Int(timeout * 1000))
        _ = dabrepo_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(min(timeout, 30) * 1000))
        _ = dabrepo_curl_set_string(handle, CURLOPT_USERAGENT, userAgent)
        _ = dabrepo_curl_set_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        let method = request.httpMethod ?? "GET"
        if let body = request.httpBody {
            _ = dabrepo_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
            body.withUnsafeBytes { bytes in
                // COPYPOSTFIELDS copies the bytes: the buffer may go once the option is set.
                _ = dabrepo_curl_set_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
        }
        if method != "GET" || request.httpBody != nil { _ = dabrepo_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, method) }

        var headers: UnsafeMutablePointer<curl_slist>?
        // No "Expect: 100-continue" (curl waits up to a second for it on bodies over 1 KiB).
        for (name, value) in (request.allHTTPHeaderFields ?? [:]) .sorted(by: { $0.key < $1.key }) + [("Expect", "")] {
            headers = curl_slist_append(headers, "\(name): \(value)")
        }
        defer { curl_slist_free_all(headers) }
        _ = dabrepo_curl_set_list(handle, CURLOPT_HTTPHEADER, headers)

        _ = dabrepo_curl_set_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let buffers = Unmanaged<Buffers>.fromOpaque(context!).takeUnretainedValue()
            if let data { buffers.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count) }
            return size * count
        }
        _ = dabrepo_curl_set_pointer(handle, CURLOPT_WRITEDATA, context.toOpaque())
        _ = dabrepo_curl_set_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let buffers = Unmanaged<Buffers>.fromOpaque(context!).takeUnretainedValue()
            guard let data else { return size * count }
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix("HTTP/") {
                buffers.headers = [:]  // a new response (after a 100 Continue or a redirect)
            } else if let colon = line.firstIndex(of: ":") {
                buffers.headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            return size * count
        }
        _ = dabrepo_curl_set_pointer(handle, CURLOPT_HEADERDATA, context.toOpaque())

        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(code))
            let urlError: Int
            switch code {
            case CURLE_OPERATION_TIMEDOUT: urlError = NSURLErrorTimedOut
            case CURLE_COULDNT_CONNECT: urlError = NSURLErrorCannotConnectToHost
            case CURLE_COULDNT_RESOLVE_HOST: urlError = NSURLErrorCannotFindHost
            case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE: urlError = NSURLErrorNetworkConnectionLost
            case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION: urlError = NSURLErrorSecureConnectionFailed
            default: urlError = NSURLErrorUnknown
            }
            let message = code == CURLE_OPERATION_TIMEDOUT ? "the request timed out after \(WorkspaceClient.seconds(timeout))" : reason
            return (Data(), nil, NSError(domain: NSURLErrorDomain, code: urlError, userInfo: [NSLocalizedDescriptionKey: message]))
        }
        var status = 0
        _ = dabrepo_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        let response = HTTPURLResponse(url: url, statusCode: status, httpVersion: "HTTP/1.1", headerFields: buffers.headers)
        return (buffers.body, response, nil)
    }
}
