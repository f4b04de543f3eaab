import Foundation

/// A git index file (`.git/index`, or the one git names in GIT_INDEX_FILE) read directly: versions 2,
/// 3 and 4 (prefix-compressed paths), and a split index (`core.splitIndex`: a `link` extension naming
/// a shared index, whose entries it deletes, replaces and adds to). An index with another required
/// extension (a sparse index's `sdir`) or directory entries is not read here: the caller asks libgit2.
enum GitIndexFile {
    struct Unsupported: Error {
        var reason: String
    }

    /// One file's entries in order, and its split index link when it has one.
    struct Parsed {
        var entries: [(name: [UInt8], id: GitObjectID)] = []
        var link: Link?
    }

    /// A split index's `link` extension: the shared index's id and which of its entries this file
    /// deletes and replaces (positions in the shared index).
    struct Link {
        var sharedIndex: GitObjectID
        var deleted: [Int]
        var replaced: [Int]
    }

    /// Path → blob id of every entry, in the file's order (a later stage of a conflicted path wins, as
    /// with libgit2's entries). A missing file is an empty index. A split index's shared index is
    /// `sharedindex.<id>` in `sharedIndexDirectory` (the git directory).
    static func entries(atPath path: String, sharedIndexDirectory: String) throws(Unsupported) -> [String: GitObjectID] {
        guard let parsed = try parse(atPath: path) else { return [:] }
        var list = parsed.entries
        if let link = parsed.link, link.sharedIndex.bytes.contains(where: { $0 != 0 }) {
            let sharedPath = sharedIndexDirectory + "/sharedindex." + link.sharedIndex.description
            guard let shared = try parse(atPath: sharedPath), shared.link == nil else {
                throw Unsupported(reason: "the shared index \(sharedPath) is missing or itself split")
            }
            list = try merge(split: parsed.entries, shared: shared.entries, link: link)
        }
        var out: [String: GitObjectID] = [:]
        out.reserveCapacity(list.count)
        for entry in list { out[String(decoding: entry.name, as: UTF8.self)] = entry.id }
        return out
    }

    /// Git's merge of a split index into its shared index: replaced entries (nameless, in order of the
    /// replace bitmap) take the place of the shared entries, deleted ones go, and the split index's other
    /// entries are added.
    static func merge(split: [(name: [UInt8], id: GitObjectID)], shared: [(name: [UInt8], id: GitObjectID)],
                      link: Link) throws(Unsupported) -> [(name: [UInt8], id: GitObjectID)] {
        var merged = shared
        var used = 0
        for position in link.replaced {
            guard position < merged.count, used < split.count, split[used].name.isEmpty else {
                throw Unsupported(reason: "the split index's replacements do not match its shared index")
            }
            merged[position].id = split[used].id
            used += 1
        }
        var deleted = [Bool](repeating: false, count: merged.count)
        for position in link.deleted {
            guard position < merged.count else { throw Unsupported(reason: "the split index deletes past its shared index") }
            deleted[position] = true
        }
        var out = merged.indices.filter { !deleted[$0] }.map { merged[$0] }
        for entry in split[used...] {
            guard !entry.name.isEmpty else { throw Unsupported(reason: "the split index adds a nameless entry") }
            out.append(entry)
        }
        return out
    }

    static func parse(atPath path: String) throws(Unsupported) -> Parsed? {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { throw Unsupported(reason: "cannot read \(path)") }
            return nil
        }
        return try data.withUnsafeBytes { bytes in Result { () throws(Unsupported) in try parse(bytes, path: path) } }.get()
    }

    static func parse(_ bytes: UnsafeRawBufferPointer, path: String) throws(Unsupported) -> Parsed {
        func uint32(_ at: Int) -> UInt32 { bytes.bigEndianUInt32(at: at) }
        guard bytes.count >= 12 + 20, bytes[0] == 0x44, bytes[1] == 0x49, bytes[2] == 0x52, bytes[3] == 0x43 else {
            throw Unsupported(reason: "\(path) is not a git index")
        }
        let version = uint32(4)
        guard (2...4).contains(version) else { throw Unsupported(reason: "index version \(version)") }
        let count = Int(uint32(8))
        let end = bytes.count - 20
        var out = Parsed()
        out.entries.reserveCapacity(min(count, bytes.count / 62))
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
            out.entries.append((name, id))
            previous = name
            at = next
        }
        // Extensions: a four-byte signature and a length each.
        while at + 8 <= end {
            // Optional extensions start with an upper-case letter (TREE, REUC, UNTR, …); the others change
            // what the entries mean: a split index's `link` is read, a sparse index's `sdir` is not.
            let length = Int(uint32(at + 4))
            guard length <= end - at - 8 else { throw Unsupported(reason: "\(path) has an extension past its end") }
            if bytes[at] == UInt8(ascii: "l"), bytes[at + 1] == UInt8(ascii: "i"), bytes[at + 2] == UInt8(ascii: "n"), bytes[at + 3] == UInt8(ascii: "k") {
                out.link = try link(UnsafeRawBufferPointer(rebasing: bytes[(at + 8)..<(at + 8 + length)]), path: path)
            } else if !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[at]) {
                throw Unsupported(reason: "index extension \(String(decoding: bytes[at..<(at + 4)], as: UTF8.self))")
            }
            at += 8 + length
        }
        return out
    }

    /// The `link` extension: the shared index's id, then the delete and the replace bitmaps (EWAH).
    static func link(_ bytes: UnsafeRawBufferPointer, path: String) throws(Unsupported) -> Link {
        guard bytes.count >= 20 else { throw Unsupported(reason: "\(path) has a short link extension") }
        let shared = GitObjectID(bytes: Array(bytes[0..<20]))
        guard bytes.count > 20 else { return Link(sharedIndex: shared, deleted: [], replaced: []) }
        var at = 20
        let deleted = try bitmapPositions(bytes, at: &at, path: path)
        let replaced = try bitmapPositions(bytes, at: &at, path: path)
        return Link(sharedIndex: shared, deleted: deleted, replaced: replaced)
    }

    /// The set bits of an EWAH-compressed bitmap as git writes it (bit count, word count, 64-bit words,
    /// position of the last run-length word; big-endian), in increasing order.
    static func bitmapPositions(_ bytes: UnsafeRawBufferPointer, at: inout Int, path: String) throws(Unsupported) -> [Int] {
        func uint32(_ i: Int) -> Int { Int(bytes.bigEndianUInt32(at: i)) }
        guard at + 8 <= bytes.count else { throw Unsupported(reason: "\(path) has a short bitmap") }
        let bitCount = uint32(at), wordCount = uint32(at + 4)
        guard wordCount <= (bytes.count - at - 12) / 8 else { throw Unsupported(reason: "\(path) has a short bitmap") }
        var words: [UInt64] = []
        words.reserveCapacity(wordCount)
        for w in 0..<wordCount {
            let start = at + 8 + w * 8
            words.append(UInt64(uint32(start)) << 32 | UInt64(uint32(start + 4)))
        }
        at += 8 + wordCount * 8 + 4
        // Each run-length word: bit 0 the running bit, bits 1–32 how many words of it, bits 33–63 how many
        // literal words follow.
        var positions: [Int] = []
        var position = 0, pointer = 0
        while pointer < words.count {
            let word = words[pointer]
            let running = Int((word >> 1) & 0xFFFF_FFFF) * 64
            guard position + running <= bitCount + 64 else { throw Unsupported(reason: "\(path) has a bitmap longer than it says") }
            if word & 1 == 1 { positions.append(contentsOf: position..<(position + running)) }
            position += running
            pointer += 1
            let literals = Int(word >> 33)
            guard literals <= words.count - pointer else { throw Unsupported(reason: "\(path) has a corrupt bitmap") }
            for _ in 0..<literals {
                let literal = words[pointer]
                for bit in 0..<64 where literal & (1 << UInt64(bit)) != 0 { positions.append(position + bit) }
                position += 64
                pointer += 1
            }
        }
        return positions.filter { $0 < bitCount }
    }
}
