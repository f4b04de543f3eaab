import BundleModel
import Foundation

/// Writing to standard output and standard error. Everything dabrepo prints goes through here
/// (text, JSON, previews, errors, progress), and every secret in it is redacted on the way out
/// (`SecretRedaction`: the kinds the literal-secret rule reports).
enum StandardStreams {
    static func out(_ text: String) {
        guard !text.isEmpty else { return }
        record.wroteOutput(endingLine: text.hasSuffix("\n"))
        FileHandle.standardOutput.write(Data(SecretRedaction.redact(text).utf8))
    }

    /// Ends the line a streamed text left open (a model's words), so that what follows starts on its own.
    static func endLine() {
        if record.lineOpen { out("\n") }
    }

    /// A line (a newline is added when missing).
    static func error(_ text: String) {
        errorFragment(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Text as it is, such as a progress bar redrawn in place.
    static func errorFragment(_ text: String) {
        if text.hasPrefix("Error: ") {
            // Without the usage ArgumentParser adds to its own errors.
            let message = text.dropFirst("Error: ".count).components(separatedBy: "\nUsage: ")[0]
            record.failed(message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        FileHandle.standardError.write(Data(SecretRedaction.redact(text).utf8))
    }

    /// What was printed so far: whether standard output got anything, and the last error.
    static let record = StreamRecord()

    final class StreamRecord: @unchecked Sendable {
        private let lock = NSLock()
        private var output = false
        private var open = false
        private var error: String?

        func wroteOutput(endingLine: Bool = true) {
            lock.lock()
            output = true
            open = !endingLine
            lock.unlock()
        }

        /// Whether the last output left its line open.
        var lineOpen: Bool {
            lock.lock()
            defer { lock.unlock() }
            return open
        }

        func failed(_ message: String) {
            lock.lock()
            error = message
            lock.unlock()
        }

        /// Whether standard output got anything, and the last error printed.
        var state: (wroteOutput: Bool, lastError: String?) {
            lock.lock()
            defer { lock.unlock() }
            return (output, error)
        }
    }
}
