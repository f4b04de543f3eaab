import Foundation

/// Ctrl-C during a conversation turn: instead of killing the process part-way, SIGINT cancels the
/// turn's task (which aborts a model call in flight) so that the turn ends with nothing written; the
/// front end then says so and exits 130. Installed for one turn; the default handling comes back after.
final class TurnInterruption: @unchecked Sendable {
    /// The exit status of an interrupted command, as shells report a death by SIGINT.
    static let exitStatus: Int32 = 130

    private let lock = NSLock()
    private var fired = false
    private var cancel: (@Sendable () -> Void)?
    private var confirming = false
    private let source: DispatchSourceSignal

    init() {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in self?.interrupt() }
        source.resume()
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
        let (cancel, asking) = lock.withLock { () -> ((@Sendable () -> Void)?, Bool) in
            fired = true
            return (self.cancel, confirming)
        }
        if asking {
            StandardStreams.error("\nInterrupted: nothing was changed.")
            exit(Self.exitStatus)
        }
        cancel?()
    }

    /// Puts back the default handling of SIGINT.
    func remove() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
