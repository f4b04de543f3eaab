import Foundation

/// `SecretRedaction` for text that arrives in pieces (a model's streamed answer): a secret split
/// across two pieces would get through if each piece were redacted alone. Whole lines are let through,
/// redacted; the line still being written is held back (a very long one up to its last blank, a private
/// key block until it ends), and `finish` lets the rest through.
public struct StreamingSecretRedaction: Sendable {
    private var pending = ""
    /// A line longer than this is let through up to its last blank.
    static let longLine = 400
    /// A private key block held back longer than this is let through (redacted as a whole or not at all).
    static let longBlock = 16_384

    public init() {}

    /// The redacted text that can be shown now, of everything received so far.
    public mutating func take(_ piece: String) -> String {
        pending += piece
        // A private key block is one secret: nothing of it until it ends.
        if let begin = pending.range(of: "-----BEGIN ", options: .backwards), pending.range(of: "-----END ", range: begin.upperBound..<pending.endIndex) == nil,
           pending.utf8.count < Self.longBlock {
            let before = pending[..<begin.lowerBound]
            guard let newline = before.lastIndex(of: "\n") else { return "" }
            return release(upTo: pending.index(after: newline))
        }
        if let newline = pending.lastIndex(of: "\n") {
            return release(upTo: pending.index(after: newline))
        }
        if pending.count > Self.longLine, let blank = pending.lastIndex(where: { $0 == " " || $0 == "\t" }) {
            return release(upTo: pending.index(after: blank))
        }
        return ""
    }

    /// What is still held back, redacted: the end of the text.
    public mutating func finish() -> String {
        defer { pending = "" }
        return SecretRedaction.redact(pending)
    }

    private mutating func release(upTo end: String.Index) -> String {
        let out = String(pending[..<end])
        pending = String(pending[end...])
        return SecretRedaction.redact(out)
    }
}
