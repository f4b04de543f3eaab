@testable import BundleModel
import XCTest

/// A model's answer redacted as it streams: whatever the pieces, what is shown is what redacting the
/// whole answer shows, and it is shown word by word, not at the end.
final class StreamingSecretRedactionTests: XCTestCase {
    // Fake secrets of each shape, put together here so that no token-shaped text is committed.
    static let token = "dapi" + String(repeating: "0f", count: 16)
    static let anthropicKey = "sk-" + "ant-api03-" + String(repeating: "fake", count: 8) + "0123"
    static let awsKeyID = "AKIA" + String(repeating: "FAKE", count: 4)
    static let texts = [
        "I see a token \(token) in your notes, please rotate it.",
        "The key \(anthropicKey) and \(awsKeyID) are live.\nNothing else.",
        "Set password: hunter2 and \"DB_TOKEN\": \"x1y2z3\" there; token=abc123def.\nthen password = p4ss here",
        "A key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234\n-----END RSA PRIVATE KEY-----\nend.",
        "Plain words only, with no secret at all.",
    ]

    func shown(_ text: String, pieces size: Int) -> (all: String, beforeTheEnd: String) {
        var redaction = StreamingSecretRedaction()
        var out = "", chars = Array(text)
        var i = 0
        while i < chars.count {
            out += redaction.take(String(chars[i..<min(i + size, chars.count)]))
            i += size
        }
        let before = out
        out += redaction.finish()
        chars = []
        return (out, before)
    }

    /// A paragraph of 100,000 characters without a line break, in pieces of 10 (a model's usual
    /// stream): the secrets in it, near its start, middle and end, are redacted as in the whole text
    /// (the line was redacted again whole at each piece: time with its square).
    func testALongLineStreamedInSmallPiecesIsRedactedAsAWhole() {
        let filler = String(repeating: "All good. ", count: 3_000)
        let text = "Start \(Self.token) " + filler + "password: hunter2 " + filler + "then the key \(Self.anthropicKey) " + filler + "end token=abc123def."
        let (all, _) = shown(text, pieces: 10)
        XCTAssertEqual(all, SecretRedaction.redact(text))
        for secret in [Self.token, "hunter2", Self.anthropicKey, "abc123def"] { XCTAssertFalse(all.contains(secret), secret) }
    }

    func testEveryWayOfCuttingTheTextShowsWhatTheWholeTextShows() {
        for text in Self.texts {
            for size in [1, 2, 3, 5, 7, 13, 1000] {
                let (all, before) = shown(text, pieces: size)
                XCTAssertEqual(all, SecretRedaction.redact(text), "pieces of \(size): \(text)")
                if size < 20 { XCTAssertFalse(before.isEmpty, "streamed before the end: \(text)") }
            }
        }
    }

    func testNoPartOfASecretIsShown() {
        for size in [1, 3, 4, 9] {
            let (all, _) = shown(Self.texts[0], pieces: size)
            XCTAssertFalse(all.contains(String(Self.token.dropFirst(4))), all)
            let (keys, _) = shown(Self.texts[1], pieces: size)
            XCTAssertFalse(keys.contains("fakefake") || keys.contains(String(Self.awsKeyID.dropFirst(4))), keys)
            let (named, _) = shown(Self.texts[2], pieces: size)
            XCTAssertFalse(named.contains("hunter2") || named.contains("x1y2z3") || named.contains("abc123def") || named.contains("p4ss"), named)
        }
    }
}
