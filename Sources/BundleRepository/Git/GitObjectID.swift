import CLibGit2

/// A git object id (SHA-1).
public struct GitObjectID: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    init(_ oid: git_oid) {
        var copy = oid
        bytes = withUnsafeBytes(of: &copy.id) { Array($0) }
    }

    init?(hex: String) {
        var oid = git_oid()
        guard git_oid_fromstr(&oid, hex) == 0 else { return nil }
        self.init(oid)
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
