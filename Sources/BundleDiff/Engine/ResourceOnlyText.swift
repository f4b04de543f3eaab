import Foundation

/// What the text of a configuration file shows without parsing it, for comparisons that leave files
/// alone when they are the same on both sides (`BundleSnapshot.pair`). The reading is deliberately
/// narrow: a file counts as *resource-only* only when its text leaves no doubt, and anything unusual
/// (flow collections, anchors or tags at the top levels, quoted or explicit keys, tabs, documents
/// markers, a top level that is not at column 0) answers nil, so the caller parses the file instead.
public struct ResourceOnlyText: Sendable, Equatable {
    /// The resource types the file defines (`jobs`, `pipelines`), in the order written.
    public var types: [String]
    /// Whether the text holds a backslash (a double-quoted escape could spell any key).
    public var hasEscapes: Bool

    /// Reads `data`: a file whose first content line is `resources:` at column 0, with no other line at
    /// column 0, whose next level holds only plain `type:` keys, each followed by a block mapping (or
    /// nothing). Nil otherwise.
    public static func scan(_ data: Data) -> ResourceOnlyText? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> ResourceOnlyText? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var types: [String] = []
            var sawResources = false
            var typeIndent: Int?
            // After a `type:` line, the first deeper line must be a plain `key:` (a block mapping).
            var expectingMappingKey = false
            var hasEscapes = false
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                var end = lineEnd
                if end > lineStart, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                var indent = lineStart
                while indent < end, bytes[indent] == 0x20 { indent += 1 }
                if indent < end, bytes[indent] == 0x09 { return nil }
                if !hasEscapes, (lineStart..<end).contains(where: { bytes[$0] == UInt8(ascii: "\\") }) { hasEscapes = true }
                // Blank lines and comment lines.
                if indent == end || bytes[indent] == UInt8(ascii: "#") { continue }
                let column = indent - lineStart
                if column == 0 {
                    guard !sawResources, let colon = plainKeyEnd(bytes, from: indent, to: end),
                          bytes[indent..<colon].elementsEqual("resources".utf8) else { return nil }
                    sawResources = true
                    continue
                }
                guard sawResources else { return nil }
                if typeIndent == nil { typeIndent = column }
                guard let level = typeIndent, column >= level else { return nil }
                if column == level {
                    guard !expectingMappingKey, let colon = plainKeyEnd(bytes, from: indent, to: end) else { return nil }
                    types.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[indent..<colon]), as: UTF8.self))
                    expectingMappingKey = true
                    continue
                }
                if expectingMappingKey {
                    guard plainKey(bytes, from: indent, to: end) != nil else { return nil }
                    expectingMappingKey = false
                }
            }
            guard sawResources else { return nil }
            return ResourceOnlyText(types: types, hasEscapes: hasEscapes)
        }
    }

    /// The end of a plain key on a line that holds nothing else: `name:` then only spaces or a comment.
    static func plainKeyEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard let colon = plainKey(bytes, from: start, to: end) else { return nil }
        var index = colon + 1
        while index < end, bytes[index] == 0x20 { index += 1 }
        guard index == end || bytes[index] == UInt8(ascii: "#") else { return nil }
        return colon
    }

    /// The colon after a plain key of letters, digits, `_` and `-` (not starting with `-`), followed by
    /// the end of the line or a space.
    static func plainKey(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var index = start
        while index < end, isKeyByte(bytes[index]) { index += 1 }
        guard index > start, bytes[start] != UInt8(ascii: "-"), index < end, bytes[index] == UInt8(ascii: ":"),
              index + 1 == end || bytes[index + 1] == 0x20 else { return nil }
        return index
    }

    static func isKeyByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// Whether `word` occurs in `data` as a whole word (not inside a longer run of letters, digits,
    /// `_` and `-`): a file that does not hold a key's text cannot define that key (given no escapes).
    public static func contains(word: String, in data: Data) -> Bool {
        let needle = Array(word.utf8)
        guard !needle.isEmpty else { return false }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress, bytes.count >= needle.count else { return false }
            let first = needle[0], last = bytes.count - needle.count
            var at = 0
            while at <= last {
                // memchr finds the next candidate start quickly; then the rest is compared.
                guard let hit = memchr(base + at, Int32(first), last - at + 1) else { return false }
                at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + at, needle, needle.count) == 0 {
                    let before = at == 0 ? nil : bytes[at - 1]
                    let after = at + needle.count < bytes.count ? bytes[at + needle.count] : nil
                    if !(before.map(isKeyByte) ?? false), !(after.map(isKeyByte) ?? false) { return true }
                }
                at += 1
            }
            return false
        }
    }
}
