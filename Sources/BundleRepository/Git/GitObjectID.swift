import CLibGit2

/// A git object id (SHA-1).
public struct GitObjectID: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    init(_ oid: git_oid) {
        var copy = oid
        bytes = withUnsafeBytes(of: &copy.id) { Array($0) }
    }

    /// The 20 bytes of a SHA-1 id.
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Forty hexadecimal digits (either case); nil for anything else.
    init?(hex: some StringProtocol) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(20)
        var high: UInt8?
        for c in hex.utf8 {
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let h = high {
                bytes.append(h << 4 | digit)
                high = nil
            } else {
                high = digit
            }
        }
        guard bytes.count == 20, high == nil else { return nil }
        self.bytes = bytes
    }

    var raw: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { buffer in
            for (i, b) in bytes.enumerated() { buffer[i] = b }
        }
        return oid
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    public var description: String {
        var out = [UInt8](repeating: 0, count: bytes.count * 2)
        for (i, b) in bytes.enumerated() {
            out[2 * i] = Self.hexDigits[Int(b >> 4)]
            out[2 * i + 1] = Self.hexDigits[Int(b & 0x0F)]
        }
        return String(decoding: out, as: UTF8.self)
    }
    public var short: String { String(description.prefix(7)) }
}

import Foundation
