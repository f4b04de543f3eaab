import BundleRepository
import Foundation

/// Blocking work (file I/O, libgit2, the repository lock) off Swift's cooperative thread pool.
enum BlockingWork {
    /// Runs `body` on another thread, which carries the caller's `WaitingNotice` listener over.
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        let listener = WaitingNotice.listener
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                WaitingNotice.$listener.withValue(listener) { continuation.resume(returning: body()) }
            }
        }
    }
}
