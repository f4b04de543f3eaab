import Foundation

/// Whether the work a revision is part of was cancelled: its task (Ctrl-C in `refine`, the page's Stop), the
/// caller's flag carried to the thread doing blocking work (an MCP client's notifications/cancelled of edit_bundle,
/// which ran on a thread of its own and so never saw its task cancelled), or the process's interrupt (Ctrl-C or
/// SIGTERM in a command that runs no task of its own). A revision checks it before each step that cannot be taken
/// back, and a user's hook is stopped when it is set.
public enum RevisionCancellation {
    /// A flag set from elsewhere (a cancellation handler, a signal handler).
    public final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var set = false
        public init() {}
        public func cancel() { lock.withLock { set = true } }
        public var isCancelled: Bool { lock.withLock { set } }
    }

    /// The flag of the work this thread does for a task (see `BlockingWork`).
    @TaskLocal public static var flag: Flag?

    /// Set by the process's SIGINT/SIGTERM handler.
    public static let process = Flag()

    /// Revisions under way in this process (between their journal and their commit): an interrupt waits for them to be
    /// put back rather than ending the process half-way.
    nonisolated(unsafe) private static var running = 0
    private static let lock = NSLock()

    public static var revisionsRunning: Bool { lock.withLock { running > 0 } }

    static func begin() { lock.withLock { running += 1 } }
    static func end() { lock.withLock { running -= 1 } }

    public static var isCancelled: Bool { Task.isCancelled || (flag?.isCancelled ?? false) || process.isCancelled }
}
