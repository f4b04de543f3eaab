import BundleModel
import CCurl
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one HTTP request with libcurl's easy interface, blocking the calling thread in poll(2) until
/// the answer, an error or the timeout. `perform` hands the body over as it arrives (a model's
/// server-sent events), can be cancelled from another thread, and ends a transfer that stalls; `send`
/// collects the whole answer (the workspace client).
///
/// Why not URLSession: FoundationNetworking's URLSession (also libcurl underneath) spins while an
/// answer is pending on Linux: about 2,800 wakeups a second, 85% of a core for a request the server
/// answers in 3 s (measured with a minimal program and strace -c). Statement polls wait up to 10 s, and
/// eight such processes at once starved each other until requests timed out.
public enum CurlTransport {
    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    /// How long a transfer may take.
    public struct Limits: Sendable {
        /// The whole transfer; nil for none (a stream may last as long as it keeps sending).
        public var total: TimeInterval?
        public var connect: TimeInterval
        /// No byte for this long (headers or body, from the start) ends the transfer.
        public var stall: TimeInterval?

        public init(total: TimeInterval?, connect: TimeInterval = 30, stall: TimeInterval? = nil) {
            self.total = total
            self.connect = connect
            self.stall = stall
        }
    }

    /// Ends a transfer from another thread (a cancelled task); libcurl notices within about a second.
    public final class Cancellation: @unchecked Sendable {
        private let lock = NSLock()
        private var cancelled = false

        public init() {}

        public func cancel() {
            lock.lock()
            cancelled = true
            lock.unlock()
        }

        public var isCancelled: Bool {
            lock.lock()
            defer { lock.unlock() }
            return cancelled
        }
    }

    /// The status and headers of an answer; header names are lowercased.
    public struct Head: Sendable {
        public var status: Int
        public var headers: [String: String]

        public init(status: Int, headers: [String: String]) {
            self.status = status
            self.headers = headers
        }

        public func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    /// Why a transfer ended without a complete answer.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case cancelled
        /// No byte arrived for this many seconds.
        case stalled(TimeInterval)
        /// The receiver asked to stop.
        case stoppedByReceiver
        /// The whole transfer took longer than this many seconds.
        case timedOut(TimeInterval)
        /// Could not connect, the connection broke, TLS failed (libcurl's code and message).
        case connection(code: Int, message: String)

        public var description: String {
            switch self {
            case .cancelled: return "the request was cancelled"
            case .stalled(let s): return "no data arrived for \(WorkspaceClient.seconds(s))"
            case .stoppedByReceiver: return "the answer was not read to its end"
            case .timedOut(let s): return "the request timed out after \(WorkspaceClient.seconds(s))"
            case .connection(_, let message): return message
            }
        }
    }

    final class Transfer {
        let handle: UnsafeMutableRawPointer
        let receive: (Head, UnsafeRawBufferPointer) -> Bool
        let cancellation: Cancellation?
        let stall: TimeInterval?
        var headers: [String: String] = [:]
        var head: Head?
        var lastActivity = DispatchTime.now()
        var interruption: Failure?

        init(handle: UnsafeMutableRawPointer, receive: @escaping (Head, UnsafeRawBufferPointer) -> Bool, cancellation: Cancellation?, stall: TimeInterval?) {
            self.handle = handle
            self.receive = receive
            self.cancellation = cancellation
            self.stall = stall
        }

        var currentHead: Head {
            if let head { return head }
            var status = 0
            _ = dabrepo_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
            let made = Head(status: status, headers: headers)
            head = made
            return made
        }

        func idle() -> TimeInterval {
            Double(DispatchTime.now().uptimeNanoseconds - lastActivity.uptimeNanoseconds) / 1_000_000_000
        }
    }

    /// Performs the request on the calling thread. `receive` gets the body as it arrives, chunk by
    /// chunk, with the answer's status and headers (return false to stop); the result is the head, or
    /// why the transfer ended early.
    /// Seconds as curl's milliseconds: at most a year; not a number (NaN, infinity) is no limit.
    static func milliseconds(_ seconds: TimeInterval) -> Int {
        seconds.isFinite ? Int(min(max(seconds, 0), EnvironmentSetting.longestSeconds) * 1000) : 0
    }

    public static func perform(_ request: URLRequest, limits: Limits, userAgent: String, cancellation: Cancellation? = nil,
                               receive: @escaping (Head, UnsafeRawBufferPointer) -> Bool) -> Result<Head, Failure> {
        _ = initialized
        guard let url = request.url, let handle = curl_easy_init() else {
            return .failure(.connection(code: Int(CURLE_URL_MALFORMAT.rawValue), message: "cannot start the request"))
        }
        defer { curl_easy_cleanup(handle) }
        let transfer = Transfer(handle: handle, receive: receive, cancellation: cancellation, stall: limits.stall)
        let context = Unmanaged.passRetained(transfer)
        defer { context.release() }

        _ = dabrepo_curl_set_string(handle, CURLOPT_URL, url.absoluteString)
        _ = dabrepo_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = dabrepo_curl_set_long(handle, CURLOPT_TIMEOUT_MS, limits.total.map(milliseconds) ?? 0)
        _ = dabrepo_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(min(limits.total ?? limits.connect, limits.connect)))
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
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            transfer.lastActivity = .now()
            if transfer.cancellation?.isCancelled == true {
                transfer.interruption = .cancelled
                return 0
            }
            let bytes = UnsafeRawBufferPointer(start: data.map { UnsafeRawPointer($0) }, count: size * count)
            guard transfer.receive(transfer.currentHead, bytes) else {
                transfer.interruption = .stoppedByReceiver
                return 0
            }
            return size * count
        }
        _ = dabrepo_curl_set_pointer(handle, CURLOPT_WRITEDATA, context.toOpaque())
        _ = dabrepo_curl_set_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            transfer.lastActivity = .now()
            guard let data else { return size * count }
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix("HTTP/") {
                transfer.headers = [:]  // a new response (after a 100 Continue or a redirect)
                transfer.head = nil
            } else if let colon = line.firstIndex(of: ":") {
                transfer.headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            return size * count
        }
        _ = dabrepo_curl_set_pointer(handle, CURLOPT_HEADERDATA, context.toOpaque())
        if cancellation != nil || limits.stall != nil {
            // Called about once a second even while nothing arrives: where cancellation and stalls are noticed.
            _ = dabrepo_curl_set_long(handle, CURLOPT_NOPROGRESS, 0)
            _ = dabrepo_curl_set_progress_callback(handle) { context, _, _, _, _ in
                let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
                if transfer.cancellation?.isCancelled == true {
                    transfer.interruption = .cancelled
                    return 1
                }
                if let stall = transfer.stall, transfer.idle() > stall {
                    transfer.interruption = .stalled(stall)
                    return 1
                }
                return 0
            }
            _ = dabrepo_curl_set_pointer(handle, CURLOPT_XFERINFODATA, context.toOpaque())
        }

        let code = curl_easy_perform(handle)
        if let interruption = transfer.interruption { return .failure(interruption) }
        guard code == CURLE_OK else {
            if code == CURLE_OPERATION_TIMEDOUT, let total = limits.total { return .failure(.timedOut(total)) }
            return .failure(.connection(code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code))))
        }
        return .success(transfer.currentHead)
    }

    /// The whole answer, or an NSURLError-domain error (timed out, cannot connect, ...).
    static func send(_ request: URLRequest, timeout: TimeInterval, userAgent: String) -> (Data, HTTPURLResponse?, Error?) {
        var body = Data()
        let result = perform(request, limits: Limits(total: timeout), userAgent: userAgent) { _, bytes in
            body.append(contentsOf: bytes)
            return true
        }
        switch result {
        case .success(let head):
            let response = request.url.flatMap { HTTPURLResponse(url: $0, statusCode: head.status, httpVersion: "HTTP/1.1", headerFields: head.headers) }
            return (body, response, nil)
        case .failure(let failure):
            let urlError: Int
            switch failure {
            case .timedOut, .stalled: urlError = NSURLErrorTimedOut
            case .cancelled, .stoppedByReceiver: urlError = NSURLErrorCancelled
            case .connection(let code, _):
                switch CURLcode(rawValue: UInt32(code)) {
                case CURLE_COULDNT_CONNECT: urlError = NSURLErrorCannotConnectToHost
                case CURLE_COULDNT_RESOLVE_HOST: urlError = NSURLErrorCannotFindHost
                case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE: urlError = NSURLErrorNetworkConnectionLost
                case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION: urlError = NSURLErrorSecureConnectionFailed
                default: urlError = NSURLErrorUnknown
                }
            }
            return (Data(), nil, NSError(domain: NSURLErrorDomain, code: urlError, userInfo: [NSLocalizedDescriptionKey: failure.description]))
        }
    }
}
