import Foundation

/// `SecretRedaction` for text that arrives in pieces (a model's streamed answer): a secret split
/// across two pieces would get through if each piece were redacted alone. Text is let through word by
/// word: the word still being written is held back (a token never holds a blank), and each word is
/// redacted together with the rest of its line already shown, so `password: hunter2` is found though
/// `password:` went out before `hunter2` came. A private key block is held back until it ends;
/// `finish` lets the rest through.
public struct StreamingSecretRedaction: Sendable {
    private var pending = ""
    /// The current line as received, and as shown, up to what was let through.
    private var line = "", shown = ""
    /// A word longer than this is let through as it is so far (redacted).
    static let longWord = 400
    /// A private key block held back longer than this is let through (redacted as a whole or not at all).
    static let longBlock = 16_384

    public init() {}

    /// The redacted text that can be shown now, of everything received so far.
    public mutating func take(_ piece: String) -> String {
        pending += piece
        // A private key block is one secret: nothing of it until it ends.
        if let begin = pending.range(of: "-----BEGIN ", options: .backwards),
           pending.range(of: "-----END [^\\n]*-----", options: .regularExpression, range: begin.upperBound..<pending.endIndex) == nil,
           pending.utf8.count < Self.longBlock {
            let before = pending[..<begin.lowerBound]
            guard let blank = before.lastIndex(where: Self.isBlank) else { return "" }
            return release(upTo: pending.index(after: blank))
        }
        // (A block that has just ended goes out whole, its END line too.)
        let blockEnd = pending.range(of: "-----END [^\\n]*-----", options: [.regularExpression, .backwards])?.upperBound
        if let blank = pending.lastIndex(where: Self.isBlank) {
            let cut = pending.index(after: blank)
            return release(upTo: blockEnd.map { max($0, cut) } ?? cut)
        }
        if let blockEnd { return release(upTo: blockEnd) }
        return pending.count > Self.longWord ? release(upTo: pending.endIndex) : ""
    }

    /// What is still held back, redacted: the end of the text.
    public mutating func finish() -> String {
        release(upTo: pending.endIndex)
    }

    static func isBlank(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }

    private mutating func release(upTo end: String.Index) -> String {
        let segment = String(pending[..<end])
        pending = String(pending[end...])
        guard !segment.isEmpty else { return "" }
        // Redacted with the part of its line already shown, of which the output is the rest.
        let whole = SecretRedaction.redact(line + segment)
        let out = whole.hasPrefix(shown) ? String(whole.dropFirst(shown.count)) : SecretRedaction.redact(segment)
        if let newline = segment.lastIndex(of: "\n") {
            line = String(segment[segment.index(after: newline)...])
            shown = out.lastIndex(of: "\n").map { String(out[out.index(after: $0)...]) } ?? SecretRedaction.redact(line)
        } else {
            line += segment
            shown += out
            // A long line without an end (a model streaming one paragraph in small pieces): only its last
            // words are the context a secret needs (a key's name before its value); the whole line,
            // redacted again at each piece, made a reply take time with the square of its length.
            if line.utf8.count > 4 * Self.longWord {
                let tail = line.utf8.index(line.utf8.endIndex, offsetBy: -Self.longWord)
                if let blank = line[..<tail].lastIndex(where: Self.isBlank) {
                    line = String(line[line.index(after: blank)...])
                    shown = SecretRedaction.redact(line)
                }
            }
        }
        return out
    }
}
