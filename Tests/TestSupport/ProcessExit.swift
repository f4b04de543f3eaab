import Foundation

/// Waits for a started `Process` to end. `Process.waitUntilExit()` in swift-corelibs-foundation turns
/// its run loop in 50 ms steps, so every program a test ran cost up to 50 ms more than it took (a test
/// that runs dabrepo and git thirty times lost more than a second); the termination handler says at once.
public final class ProcessExit: @unchecked Sendable {
    private let exit = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var ended = false

    /// Set on `process` before `run()` (it takes the termination handler).
    public init(of process: Process) {
        process.terminationHandler = { [exit] _ in exit.signal() }
    }

    /// Returns when the process has ended (at once on later calls).
    public func wait() {
        lock.withLock {
            if !ended { exit.wait(); ended = true }
        }
    }
}
