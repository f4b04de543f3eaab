import Foundation
import Workspace

/// The workspace the server's credentials name and whether it answered, checked once in the background
/// at start (health checks never wait for the network).
final class WorkspaceStatus: @unchecked Sendable {
    private let lock = NSLock()
    private var host: String?
    private var connected = false

    /// Resolves the credentials and asks the workspace who they belong to.
    func check(environment: [String: String]) {
        guard let config = try? WorkspaceConfig.resolve(environment: environment) else { return }
        lock.lock()
        host = config.host
        lock.unlock()
        DispatchQueue.global().async {
            let client = WorkspaceClient(config: config)
            client.retryBudget = 5
            client.requestTimeout = 10
            let answered = (try? client.currentUser()) != nil
            self.lock.lock()
            self.connected = answered
            self.lock.unlock()
        }
    }

    var object: [String: Any] {
        lock.lock()
        defer { lock.unlock() }
        return ["host": host as Any? ?? NSNull(), "connected": connected]
    }
}
