import BundleRepository
import Foundation

/// Blocking work (file I/O, libgit2, the repository lock) off Swift's cooperative thread pool.
enum BlockingWork {
    /// Runs `body` on another thread, which carries the caller's `WaitingNotice` listener over.
    /// (And the caller's cancellation, as a flag the thread sees: an MCP client's cancel of edit_bundle was not seen, and
    /// the revision committed after the user's hook.)
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        let listener = WaitingNotice.listener
        let flag = RevisionCancellation.Flag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    RevisionCancellation.$flag.withValue(flag) {
                        WaitingNotice.$listener.withValue(listener) { continuation.resume(returning: body()) }
                    }
                }
            }
        } onCancel: {
            flag.cancel()
        }
    }
}
