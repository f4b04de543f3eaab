import Foundation

/// The turns running now, by id: for `POST /api/chat/{id}/stop`, for refusing a second turn in a
/// conversation that has one running, and for stopping them all when the server shuts down.
final class RunningTurns: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [String: Task<Void, Never>] = [:]
    private var conversations: [String: String] = [:]
    private var stopped: Set<String> = []
    private var shuttingDown = false

    /// Reserves the conversation for a new turn; false when one of its turns is running (or the server
    /// is shutting down).
    func reserve(turn: String, conversation: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !shuttingDown, !conversations.values.contains(conversation) else { return false }
        conversations[turn] = conversation
        return true
    }

    func attach(turn: String, task: Task<Void, Never>) {
        lock.lock()
        tasks[turn] = task
        let cancel = stopped.contains(turn) || shuttingDown
        lock.unlock()
        if cancel { task.cancel() }
    }

    /// Cancels a running turn; false when there is none by that id.
    func stop(_ turn: String) -> Bool {
        lock.lock()
        guard conversations[turn] != nil else { lock.unlock(); return false }
        stopped.insert(turn)
        let task = tasks[turn]
        lock.unlock()
        task?.cancel()
        return true
    }

    func wasStopped(_ turn: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped.contains(turn) || shuttingDown
    }

    func finish(_ turn: String) {
        lock.lock()
        tasks[turn] = nil
        conversations[turn] = nil
        stopped.remove(turn)
        lock.unlock()
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return conversations.count
    }

    private func closeAndList() -> [Task<Void, Never>] {
        lock.lock()
        defer { lock.unlock() }
        shuttingDown = true
        return Array(tasks.values)
    }

    /// Stops every running turn and refuses new ones; returns once they all have ended.
    func stopAll() async {
        let running = closeAndList()
        for task in running { task.cancel() }
        for task in running { await task.value }
    }
}
