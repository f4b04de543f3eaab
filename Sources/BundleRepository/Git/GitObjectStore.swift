import Foundation
import ZlibOnDemand

/// A git object as stored: its type and its bytes.
struct GitObject {
    enum Kind: UInt8 {
        case commit = 1, tree = 2, blob = 3, tag = 4
    }

    var kind: Kind
    var data: [UInt8]
}

/// Why the object store could not answer; the direct reader then asks libgit2.
struct GitObjectStoreMiss: Error {
    var reason: String
}

/// A repository's object database read directly: loose objects (`objects/ab/cdef…`, zlib) and packs
/// (`objects/pack/*.idx` version 2 with their `.pack`, deltas resolved). Objects it does not hold
/// (alternates, promisor remotes) or cannot read are misses, never wrong answers. Safe to read from
/// several threads (a bundle's files are read in parallel).
final class GitObjectStore: @unchecked Sendable {
    let objectsDirectory: String
    private let lock = NSLock()
    /// Opened on the first object that is not loose; guarded by `lock`.
    private var packs: [GitPackFile]?

    init(objectsDirectory: String) {
        self.objectsDirectory = objectsDirectory
    }

    /// `depth` counts the deltas whose base is named by id on the way here (a corrupt pack could make
    /// them a cycle).
    func object(_ id: GitObjectID, depth: Int = 0) throws(GitObjectStoreMiss) -> GitObject {
        guard depth < 64 else { throw GitObjectStoreMiss(reason: "deltas named by id nest too deep") }
        if let loose = try looseObject(id) { return loose }
        for pack in try openPacks() {
            if let offset = pack.offset(of: id) {
                return try pack.object(at: offset, store: self, depth: depth)
            }
        }
        throw GitObjectStoreMiss(reason: "object \(id.short) is in neither a loose file nor a pack")
    }

    /// The loose object's file, or nil when there is none.
    private func looseObject(_ id: GitObjectID) throws(GitObjectStoreMiss) -> GitObject? {
        let hex = id.description
        let path = objectsDirectory + "/" + hex.prefix(2) + "/" + hex.dropFirst(2)
        guard let compressed = FileManager.default.contents(atPath: path) else { return nil }
        let raw = try Self.inflate(Array(compressed), expected: 0)
        // "<type> <size>\0<bytes>"
        guard let space = raw.firstIndex(of: UInt8(ascii: " ")), let nul = raw[space...].firstIndex(of: 0),
              let size = Int(String(decoding: raw[(space + 1)..<nul], as: UTF8.self)), size == raw.count - nul - 1
        else { throw GitObjectStoreMiss(reason: "loose object \(id.short) has no valid header") }
        let kind: GitObject.Kind
        switch String(decoding: raw[..<space], as: UTF8.self) {
        case "commit": kind = .commit
        case "tree": kind = .tree
        case "blob": kind = .blob
        case "tag": kind = .tag
        default: throw GitObjectStoreMiss(reason: "loose object \(id.short) has an unknown type")
        }
        return GitObject(kind: kind, data: Array(raw[(nul + 1)...]))
    }

    private func openPacks() throws(GitObjectStoreMiss) -> [GitPackFile] {
        lock.lock()
        defer { lock.unlock() }
        if let packs { return packs }
        let directory = objectsDirectory + "/pack"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var opened: [GitPackFile] = []
        for name in names.sorted() where name.hasSuffix(".idx") {
            opened.append(try GitPackFile(indexPath: directory + "/" + name, packPath: directory + "/" + name.dropLast(4) + ".pack"))
        }
        packs = opened
        return opened
    }

    /// zlib-inflates `input`; `expected` > 0 demands exactly that many bytes.
    static func inflate(_ input: UnsafeRawBufferPointer, expected: Int) throws(GitObjectStoreMiss) -> [UInt8] {
        var output: UnsafeMutableRawPointer?
        var length = 0
        let status = dabrepo_zlib_inflate(input.baseAddress, input.count, expected, &output, &length)
        guard status == 0, let output else {
            let why = status == -1 ? dabrepo_zlib_load_error().map { String(cString: $0) } ?? "libz could not be loaded" : "corrupt zlib data"
            throw GitObjectStoreMiss(reason: why)
        }
        defer { free(output) }
        return Array(UnsafeRawBufferPointer(start: output, count: length))
    }

    static func inflate(_ input: [UInt8], expected: Int) throws(GitObjectStoreMiss) -> [UInt8] {
        try input.withUnsafeBytes { buffer in Result { () throws(GitObjectStoreMiss) in try inflate(buffer, expected: expected) } }.get()
    }
}

/// One pack: its index (version 2: fan-out, sorted ids, CRCs, offsets, large offsets) and its data,
/// both mapped into memory and only read.
final class GitPackFile: @unchecked Sendable {
    private let index: MappedFile
    private let pack: MappedFile
    private let count: Int

    init(indexPath: String, packPath: String) throws(GitObjectStoreMiss) {
        guard let index = MappedFile(path: indexPath), let pack = MappedFile(path: packPath) else {
            throw GitObjectStoreMiss(reason: "cannot map \(indexPath) and its pack")
        }
        self.index = index
        self.pack = pack
        let bytes = index.bytes
        // Version 2: "\377tOc", version 2, 256 fan-out counts.
        guard bytes.count >= 8 + 256 * 4 + 40, bytes[0] == 0xFF, bytes[1] == 0x74, bytes[2] == 0x4F, bytes[3] == 0x63,
              bytes.bigEndianUInt32(at: 4) == 2 else {
            throw GitObjectStoreMiss(reason: "\(indexPath) is not a version 2 pack index")
        }
        count = Int(bytes.bigEndianUInt32(at: 8 + 255 * 4))
        guard bytes.count >= 8 + 256 * 4 + count * 28 + 40,
              pack.bytes.count >= 32, pack.bytes[0] == 0x50, pack.bytes[1] == 0x41, pack.bytes[2] == 0x43, pack.bytes[3] == 0x4B,
              [2, 3].contains(pack.bytes.bigEndianUInt32(at: 4)) else {
            throw GitObjectStoreMiss(reason: "\(packPath) is not a pack of version 2 or 3")
        }
    }

    /// The object's offset in the pack, or nil when the pack does not hold it.
    func offset(of id: GitObjectID) -> Int? {
        let bytes = index.bytes
        let first = Int(id.bytes[0])
        // The fan-out bounds the ids that start with this byte (clamped: a corrupt index must not send
        // the search outside the table).
        var high = min(Int(bytes.bigEndianUInt32(at: 8 + first * 4)), count)
        var low = min(first == 0 ? 0 : Int(bytes.bigEndianUInt32(at: 8 + (first - 1) * 4)), high)
        let ids = 8 + 256 * 4
        while low < high {
            let middle = (low + high) / 2
            var order = 0
            for k in 0..<20 {
                let a = bytes[ids + middle * 20 + k], b = id.bytes[k]
                if a != b { order = a < b ? -1 : 1; break }
            }
            if order == 0 {
                let offsets = ids + count * 24
                let small = bytes.bigEndianUInt32(at: offsets + middle * 4)
                guard small & 0x8000_0000 != 0 else { return Int(small) }
                let large = offsets + count * 4 + Int(small & 0x7FFF_FFFF) * 8
                guard large + 8 <= bytes.count else { return nil }
                return Int(bytes.bigEndianUInt32(at: large)) << 32 | Int(bytes.bigEndianUInt32(at: large + 4))
            }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The object at `offset`, its delta chain resolved (bases in this pack, or anywhere in `store`
    /// for a base named by id).
    func object(at offset: Int, store: GitObjectStore, depth: Int) throws(GitObjectStoreMiss) -> GitObject {
        var deltas: [[UInt8]] = []
        var at = offset
        while true {
            guard deltas.count < 10_000 else { throw GitObjectStoreMiss(reason: "delta chain too long") }
            let entry = try self.entry(at: at)
            switch entry.type {
            case 1...4:
                var object = GitObject(kind: GitObject.Kind(rawValue: entry.type)!, data: try inflate(entry))
                for delta in deltas.reversed() { object.data = try Self.apply(delta, to: object.data) }
                return object
            case 6:
                deltas.append(try inflate(entry))
                at = entry.base
            case 7:
                deltas.append(try inflate(entry))
                var base = try store.object(entry.baseID!, depth: depth + 1)
                for delta in deltas.reversed() { base.data = try Self.apply(delta, to: base.data) }
                return base
            default:
                throw GitObjectStoreMiss(reason: "unknown pack entry type \(entry.type)")
            }
        }
    }

    private struct Entry {
        var type: UInt8
        var size: Int
        /// Where the compressed data starts.
        var data: Int
        /// An offset delta's base.
        var base: Int = 0
        var baseID: GitObjectID?
    }

    private func entry(at offset: Int) throws(GitObjectStoreMiss) -> Entry {
        let bytes = pack.bytes
        let end = bytes.count - 20
        var at = offset
        func next() throws(GitObjectStoreMiss) -> UInt8 {
            guard at < end else { throw GitObjectStoreMiss(reason: "pack entry runs past the end of the pack") }
            defer { at += 1 }
            return bytes[at]
        }
        var c = try next()
        let type = (c >> 4) & 7
        var size = Int(c & 0x0F)
        var shift = 4
        while c & 0x80 != 0 {
            c = try next()
            guard shift < 60 else { throw GitObjectStoreMiss(reason: "pack entry size overflows") }
            size |= Int(c & 0x7F) << shift
            shift += 7
        }
        var entry = Entry(type: type, size: size, data: 0)
        if type == 6 {
            c = try next()
            var distance = Int(c & 0x7F)
            while c & 0x80 != 0 {
                c = try next()
                guard distance < Int.max >> 8 else { throw GitObjectStoreMiss(reason: "pack delta offset overflows") }
                distance = ((distance + 1) << 7) | Int(c & 0x7F)
            }
            guard distance > 0, distance <= offset else { throw GitObjectStoreMiss(reason: "pack delta base outside the pack") }
            entry.base = offset - distance
        } else if type == 7 {
            var id = [UInt8]()
            for _ in 0..<20 { id.append(try next()) }
            entry.baseID = GitObjectID(bytes: id)
        }
        entry.data = at
        return entry
    }

    private func inflate(_ entry: Entry) throws(GitObjectStoreMiss) -> [UInt8] {
        guard entry.size > 0 else { return [] }
        let bytes = pack.bytes
        return try GitObjectStore.inflate(UnsafeRawBufferPointer(rebasing: bytes[entry.data..<(bytes.count - 20)]), expected: entry.size)
    }

    /// Applies a git delta (base size, result size, then copy and insert instructions) to `base`.
    static func apply(_ delta: [UInt8], to base: [UInt8]) throws(GitObjectStoreMiss) -> [UInt8] {
        var at = 0
        func size() throws(GitObjectStoreMiss) -> Int {
            var value = 0, shift = 0
            while true {
                guard at < delta.count, shift < 60 else { throw GitObjectStoreMiss(reason: "corrupt delta header") }
                let c = delta[at]
                at += 1
                value |= Int(c & 0x7F) << shift
                shift += 7
                if c & 0x80 == 0 { return value }
            }
        }
        guard try size() == base.count else { throw GitObjectStoreMiss(reason: "delta base size differs") }
        let resultSize = try size()
        var result = [UInt8]()
        result.reserveCapacity(resultSize)
        while at < delta.count {
            let op = delta[at]
            at += 1
            if op & 0x80 != 0 {
                var offset = 0, length = 0
                for bit in 0..<4 where op & (1 << bit) != 0 {
                    guard at < delta.count else { throw GitObjectStoreMiss(reason: "corrupt delta copy") }
                    offset |= Int(delta[at]) << (8 * bit)
                    at += 1
                }
                for bit in 0..<3 where op & (0x10 << bit) != 0 {
                    guard at < delta.count else { throw GitObjectStoreMiss(reason: "corrupt delta copy") }
                    length |= Int(delta[at]) << (8 * bit)
                    at += 1
                }
                if length == 0 { length = 0x10000 }
                guard offset + length <= base.count else { throw GitObjectStoreMiss(reason: "delta copies past its base") }
                result.append(contentsOf: base[offset..<(offset + length)])
            } else if op != 0 {
                let length = Int(op)
                guard at + length <= delta.count else { throw GitObjectStoreMiss(reason: "delta inserts past its end") }
                result.append(contentsOf: delta[at..<(at + length)])
                at += length
            } else {
                throw GitObjectStoreMiss(reason: "delta has a reserved instruction")
            }
        }
        guard result.count == resultSize else { throw GitObjectStoreMiss(reason: "delta result size differs") }
        return result
    }
}

/// A file mapped read-only into memory for as long as this lives.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
        let length = Int(status.st_size)
        guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: address, count: length)
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    }
}

extension UnsafeRawBufferPointer {
    /// The big-endian 32-bit number at `at` (git's index and pack files write numbers so).
    func bigEndianUInt32(at: Int) -> UInt32 {
        UInt32(self[at]) << 24 | UInt32(self[at + 1]) << 16 | UInt32(self[at + 2]) << 8 | UInt32(self[at + 3])
    }
}
