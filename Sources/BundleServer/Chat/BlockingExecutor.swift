import Dispatch

/// Runs tasks on Dispatch's global threads instead of Swift's cooperative pool, for work that blocks a
/// thread (libgit2, the repository lock's wait, a turn's planning and validation): the pool (one thread
/// per core) stays free for the requests that do not block, such as health checks.
final class BlockingExecutor: TaskExecutor {
    static let shared = BlockingExecutor()

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        DispatchQueue.global().async { job.runSynchronously(on: executor) }
    }

    /// `body` on a thread it may block.
    static func run<T>(_ body: () throws -> T) async throws -> T {
        try await withTaskExecutorPreference(shared) { try body() }
    }
}
