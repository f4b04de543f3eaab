import BundleModel
import Foundation

/// Writing to standard output and standard error. Everything dabrepo prints goes through here
/// (text, JSON, previews, errors, progress), and every secret in it is redacted on the way out
/// (`SecretRedaction`: the kinds the literal-secret rule reports).
enum StandardStreams {
    static func out(_ text: String) {
        record.wroteOutput()
        FileHandle.standardOutput.write(Data(SecretRedaction.redact(text).utf8))
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
        private var error: String?

        func wroteOutput() {
            lock.lock()
            output = true
            lock.unlock()
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
