import Foundation

/// The per-launch secret of a local server (as Jupyter's): 32 random bytes as hex, printed once in the
/// URL, exchanged for a cookie, compared in constant time.
public struct AccessToken: Sendable, Equatable {
    public let value: String

    public init(_ value: String) { self.value = value }

    /// A new token from the system's random generator.
    public static func generate() -> AccessToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return AccessToken(bytes.map { String(format: "%02x", $0) }.joined())
    }

    /// Whether `candidate` is this token, in time that does not depend on where they differ.
    public func matches(_ candidate: String?) -> Bool {
        guard let candidate else { return false }
        let a = Array(value.utf8), b = Array(candidate.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
