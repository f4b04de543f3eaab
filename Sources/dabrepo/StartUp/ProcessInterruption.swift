import BundleRepository
import Foundation

/// Ctrl-C, SIGTERM or SIGHUP in a command that writes a revision without a conversation turn (`edit`, `apply`,
/// `generate`, `tests create`, `sync`): during the revision, the revision is stopped and put back (the user's hook
/// too) and the command exits 130; at any other moment the process ends at once, as by default. (They died from the
/// signal half-way, the revision's files and journal left in the work tree.)
enum ProcessInterruption {
    static let commands: Set<String> = ["edit", "apply", "generate", "tests", "sync"]

    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        sources = [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if RevisionCancellation.revisionsRunning, !RevisionCancellation.process.isCancelled {
                    RevisionCancellation.process.cancel()
                } else {
                    StandardStreams.error("\nInterrupted: nothing was changed.")
                    exit(TurnInterruption.exitStatus)
                }
            }
            source.resume()
            return source
        }
    }

    /// The exit status of a command that ended with its revision stopped: 130, as for Ctrl-C.
    static func status(_ status: Int32) -> Int32 {
        RevisionCancellation.process.isCancelled && status != 0 ? TurnInterruption.exitStatus : status
    }
}
