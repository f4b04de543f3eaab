import Foundation

/// Blocking work (file I/O, libgit2, the repository lock) off Swift's cooperative thread pool.
enum BlockingWork {
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }
}
