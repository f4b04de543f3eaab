import Foundation

/// A git index file (`.git/index`, or the one git names in GIT_INDEX_FILE) read directly: versions 2,
/// 3 and 4 (prefix-compressed paths). An index with a required extension (a split index's `link`, a
/// sparse index's `sdir`) or directory entries is not read here: the caller asks libgit2 instead.
enum GitIndexFile {
    struct Unsupported: Error {
        var reason: String
    }

    /// Path → blob id of every entry, in the file's order (a later stage of a conflicted path wins, as
    /// with libgit2's entries). A missing file is an empty index.
    static func entries(atPath path: String) throws(Unsupported) -> [String: GitObjectID] {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { throw Unsupported(reason: "cannot read \(path)") }
            return [:]
        }
        return try data.withUnsafeBytes { bytes in Result { () throws(Unsupported) in try entries(bytes, path: path) } }.get()
    }

    static func entries(_ bytes: UnsafeRawBufferPointer, path: String) throws(Unsupported) -> [String: GitObjectID] {
        func uint32(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
        }
        guard bytes.count >= 12 + 20, bytes[0] == 0x44, bytes[1] == 0x49, bytes[2] == 0x52, bytes[3] == 0x43 else {
            throw Unsupported(reason: "\(path) is not a git index")
        }
        let version = uint32(4)
        guard (2...4).contains(version) else { throw Unsupported(reason: "index version \(version)") }
        let count = Int(uint32(8))
        let end = bytes.count - 20
        var out: [String: GitObjectID] = [:]
        out.reserveCapacity(min(count, bytes.count / 62))
        var at = 12
        var previous: [UInt8] = []
        for _ in 0..<count {
            // ctime, mtime, dev, ino (24 bytes), mode, uid, gid, size, id (20), flags (2).
            guard at + 62 <= end else { throw Unsupported(reason: "\(path) ends inside an entry") }
            let mode = uint32(at + 24)
            guard mode & 0o170000 != 0o040000 else { throw Unsupported(reason: "sparse index") }
            let id = GitObjectID(bytes: Array(bytes[(at + 40)..<(at + 60)]))
            let flags = UInt16(bytes[at + 60]) << 8 | UInt16(bytes[at + 61])
            var next = at + 62
            if flags & 0x4000 != 0 {
                guard version >= 3 else { throw Unsupported(reason: "extended flags in a version 2 index") }
                next += 2
                guard next <= end else { throw Unsupported(reason: "\(path) ends inside an entry") }
            }
            var name: [UInt8]
            if version == 4 {
                // How many bytes of the previous path to drop (a varint), then the rest, NUL-ended.
                var strip = 0
                var c: UInt8
                repeat {
                    guard next < end else { throw Unsupported(reason: "\(path) ends inside an entry") }
                    c = bytes[next]
                    next += 1
                    strip = (strip << 7) | Int(c & 0x7F)
                    if c & 0x80 != 0 { strip += 1 }
                } while c & 0x80 != 0 && strip < 1 << 20
                guard strip <= previous.count else { throw Unsupported(reason: "\(path) has a corrupt path") }
                guard let nul = bytes[next..<end].firstIndex(of: 0) else { throw Unsupported(reason: "\(path) ends inside a path") }
                name = Array(previous[..<(previous.count - strip)])
                name.append(contentsOf: bytes[next..<nul])
                next = nul + 1
            } else {
                guard let nul = bytes[next..<end].firstIndex(of: 0) else { throw Unsupported(reason: "\(path) ends inside a path") }
                name = Array(bytes[next..<nul])
                // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
                next = at + ((nul - at) / 8 + 1) * 8
            }
            out[String(decoding: name, as: UTF8.self)] = id
            previous = name
            at = next
        }
        // Extensions: a four-byte signature and a length each.
        while at + 8 <= end {
            // Optional extensions start with an upper-case letter (TREE, REUC, UNTR, …); the others (a split
            // index's `link`, a sparse index's `sdir`) change what the entries mean.
            guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[at]) else {
                throw Unsupported(reason: "index extension \(String(decoding: bytes[at..<(at + 4)], as: UTF8.self))")
            }
            at += 8 + Int(uint32(at + 4))
        }
        return out
    }
}
