import Foundation

/// Where the server listens; the port is known once it is bound (`--port 0` picks one).
final class ListeningAddress: @unchecked Sendable {
    let host: String
    private let lock = NSLock()
    private var boundPort = 0

    init(host: String, port: Int) {
        self.host = host
        boundPort = port
    }

    var port: Int {
        get { lock.lock(); defer { lock.unlock() }; return boundPort }
        set { lock.lock(); boundPort = newValue; lock.unlock() }
    }

    /// `127.0.0.1:8080`, `[::1]:8080`.
    var authority: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }

    /// Whether a Host names this server: the address served or loopback's names. Listening on every
    /// interface (0.0.0.0, ::), any name may reach it, so any is accepted (the token still is required).
    func serves(_ hostHeader: String) -> Bool {
        if host == "0.0.0.0" || host == "::" { return true }
        let port = self.port
        return [authority.lowercased(), "127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"].contains(hostHeader.lowercased())
    }
}
