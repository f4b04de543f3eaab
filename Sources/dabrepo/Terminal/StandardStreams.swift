import BundleModel
import Foundation

/// Writing to standard output and standard error. Everything dabrepo prints goes through here
/// (text, JSON, previews, errors, progress), and every secret in it is redacted on the way out
/// (`SecretRedaction`: the kinds the literal-secret rule reports).
enum StandardStreams {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(SecretRedaction.redact(text).utf8))
    }

    /// A line (a newline is added when missing).
    static func error(_ text: String) {
        errorFragment(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Text as it is, such as a progress bar redrawn in place.
    static func errorFragment(_ text: String) {
        FileHandle.standardError.write(Data(SecretRedaction.redact(text).utf8))
    }
}
