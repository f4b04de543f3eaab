import Foundation
import WorkspaceOperations

/// Progress of many transfers on standard error (only when there are several): a bar redrawn in place
/// on a terminal ("Uploading files [#####-----] 12/24 src/etl.py"), one line per transfer otherwise
/// (CI logs), structured for the tool runner.
enum TransferProgress {
    /// Whether a command with this output format shows transfer progress: always for people, and
    /// for the tool runner whatever the format (its JSON goes to standard output, progress to standard error).
    static func wanted(_ output: TextOrJSON) -> Bool { output == .text || ProgressReporting.structured }

    /// Shows an operation's progress as `reporter` does (nil when this output format shows none): run
    /// states as lines ("  RUNNING"), or structured for the tool runner.
    static func handler(_ output: TextOrJSON) -> ProgressHandler? {
        guard wanted(output) else { return nil }
        let bars = TransferBars()
        return { step in
            switch step {
            case .transfer(let activity, let done, let total, let item): bars.reporter(activity, total: total)?(done, item)
            case .runStarted: break
            case .runState(_, _, let state):
                if !ProgressReporting.emitStructured(done: nil, total: nil, message: step.message) { StandardStreams.error("  \(state)") }
            }
        }
    }

    /// One reporter per activity, made when its first step comes.
    private final class TransferBars: @unchecked Sendable {
        private let lock = NSLock()
        private var reporters: [String: (@Sendable (Int, String) -> Void)?] = [:]

        func reporter(_ activity: String, total: Int) -> (@Sendable (Int, String) -> Void)? {
            lock.lock()
            defer { lock.unlock() }
            if let known = reporters[activity] { return known }
            let made = TransferProgress.reporter(activity, total: total)
            reporters[activity] = made
            return made
        }
    }

    /// `activity`: what is done to each item, such as "Downloading notebooks".
    static func reporter(_ activity: String = "Downloading notebooks", total: Int) -> (@Sendable (Int, String) -> Void)? {
        guard total > 1 else { return nil }
        if ProgressReporting.structured {
            return { done, path in ProgressReporting.emitStructured(done: done, total: total, message: "\(activity) \(done)/\(total): \(path)") }
        }
        if isatty(STDERR_FILENO) == 1 {
            return { done, path in
                let width = 24, filled = width * done / total
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                let name = path.count > 40 ? "…" + path.suffix(39) : path
                let line = "\r\u{1B}[2K\(activity) [\(bar)] \(done)/\(total) \(name)" + (done == total ? "\n" : "")
                StandardStreams.errorFragment(line)
            }
        }
        return { done, path in StandardStreams.error("\(activity) \(done)/\(total): \(path)") }
    }
}
