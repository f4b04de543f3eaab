import ArgumentParser
import Foundation

/// Ctrl-C (or SIGTERM, SIGHUP) during a conversation turn: instead of killing the process part-way, it cancels the
/// turn's task (which aborts a model call in flight) so that the turn ends with nothing written; the
/// front end then says so and exits 130. Between turns (chat waiting for the next request) Ctrl-C
/// ends the process at once, as by default.
///
/// One signal source for the whole process, made at the first turn: libdispatch installs its handler
/// for a signal once, so a source made again after SIGINT was reset to its default never fired (chat
/// then ignored Ctrl-C from its second request on).
final class TurnInterruption: @unchecked Sendable {
    /// The exit status of an interrupted command, as shells report a death by SIGINT.
    static let exitStatus: Int32 = 130

    private let lock = NSLock()
    private var fired = false
    private var active = false
    private var cancel: (@Sendable () -> Void)?
    private var confirming = false
    private let sources: [DispatchSourceSignal]

    private static let shared = TurnInterruption()

    /// The interruption of a turn that starts now.
    static func begin() -> TurnInterruption {
        let interruption = shared
        interruption.lock.withLock {
            interruption.fired = false
            interruption.cancel = nil
            interruption.active = true
        }
        return interruption
    }

    private init() {
        // SIGTERM (a CI runner's timeout, `kill`) and SIGHUP (the terminal closed) stop a turn as Ctrl-C
        // does: with nothing written, rather than part-way.
        sources = [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            return source
        }
        for source in sources {
            source.setEventHandler { [weak self] in self?.interrupt() }
            source.resume()
        }
    }

    /// What Ctrl-C cancels.
    func onInterrupt(_ cancel: @escaping @Sendable () -> Void) {
        lock.withLock { self.cancel = cancel }
    }

    /// Whether Ctrl-C was pressed.
    var wasInterrupted: Bool { lock.withLock { fired } }

    /// Asks the confirmation question: Ctrl-C while it waits for the answer ends the command at once,
    /// as nothing has been written yet (a blocked read of the terminal cannot be cancelled).
    func confirming<T>(_ ask: () -> T) -> T {
        lock.withLock { confirming = true }
        defer { lock.withLock { confirming = false } }
        return ask()
    }

    private func interrupt() {
        let (cancel, asking, active) = lock.withLock { () -> ((@Sendable () -> Void)?, Bool, Bool) in
            fired = true
            return (self.cancel, confirming, self.active)
        }
        // No turn running (chat waiting for the next request): the process ends, as by default.
        if !active { exit(Self.exitStatus) }
        if asking {
            StandardStreams.error("\nInterrupted: this request changed nothing.")
            exit(Self.exitStatus)
        }
        cancel?()
    }

    /// Runs blocking work that may wait for git's lock (an undo) so that Ctrl-C cancels it: what it wrote is put
    /// back, and the exit status is 130 (the process was killed, the revert left in the work tree).
    static func cancellable<T>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        let interruption = begin()
        defer { interruption.remove() }
        let box = CancellableResult<T>(), done = DispatchSemaphore(value: 0)
        let task = Task { box.result = Result { try body() }; done.signal() }
        interruption.onInterrupt { task.cancel() }
        done.wait()
        if case .failure = box.result, interruption.wasInterrupted { throw ExitCode(exitStatus) }
        return try box.result!.get()
    }

    /// The turn ended: Ctrl-C ends the process again.
    func remove() {
        lock.withLock {
            active = false
            cancel = nil
        }
    }
}

/// What `TurnInterruption.cancellable` ran gave.
private final class CancellableResult<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
