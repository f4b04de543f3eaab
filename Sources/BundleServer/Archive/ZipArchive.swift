import Foundation

/// A ZIP archive written in memory, entries stored (not compressed), names in UTF-8, Unix modes kept
/// (so that a symbolic link stays one when unpacked, as in `git archive --format=zip`).
struct ZipArchive {
    struct Entry {
        var path: String
        var data: Data
        /// The Unix mode with its file type (0o100644, 0o100755, 0o120777, 0o040755).
        var mode: UInt32
    }

    enum Failure: Error, CustomStringConvertible {
        case tooLarge
        var description: String { "the bundle is too large for a ZIP without ZIP64 (4 GiB, 65535 files); use git archive" }
    }

    var entries: [Entry] = []
    /// The time every entry carries (the commit's).
    var date: Date

    init(date: Date) { self.date = date }

    mutating func add(_ path: String, data: Data, mode: UInt32) {
        entries.append(Entry(path: path, data: data, mode: mode))
    }

    func data() throws(Failure) -> Data {
        guard entries.count < 0xFFFF else { throw .tooLarge }
        let (time, day) = Self.dosDateTime(date)
        var out = Data()
        var central = Data()
        for entry in entries {
            let name = Data(entry.path.utf8)
            let crc = CRC32.checksum(entry.data)
            guard out.count < 0xFFFF_FFFF - entry.data.count - 30 - name.count, entry.data.count < 0xFFFF_FFFF else { throw .tooLarge }
            let offset = UInt32(out.count)
            // Local file header.
            out.append(le32: 0x0403_4B50)
            out.append(le16: 10)
            out.append(le16: 0x0800)
            out.append(le16: 0)
            out.append(le16: time)
            out.append(le16: day)
            out.append(le32: crc)
            out.append(le32: UInt32(entry.data.count))
            out.append(le32: UInt32(entry.data.count))
            out.append(le16: UInt16(name.count))
            out.append(le16: 0)
            out.append(name)
            out.append(entry.data)
            // Central directory record.
            central.append(le32: 0x0201_4B50)
            central.append(le16: 3 << 8 | 10)
            central.append(le16: 10)
            central.append(le16: 0x0800)
            central.append(le16: 0)
            central.append(le16: time)
            central.append(le16: day)
            central.append(le32: crc)
            central.append(le32: UInt32(entry.data.count))
            central.append(le32: UInt32(entry.data.count))
            central.append(le16: UInt16(name.count))
            central.append(le16: 0)
            central.append(le16: 0)
            central.append(le16: 0)
            central.append(le16: 0)
            central.append(le32: entry.mode << 16 | (entry.mode & 0o040000 != 0 ? 0x10 : 0))
            central.append(le32: offset)
            central.append(name)
        }
        guard out.count + central.count < 0xFFFF_FFFF else { throw .tooLarge }
        let centralOffset = UInt32(out.count)
        out.append(central)
        out.append(le32: 0x0605_4B50)
        out.append(le16: 0)
        out.append(le16: 0)
        out.append(le16: UInt16(entries.count))
        out.append(le16: UInt16(entries.count))
        out.append(le32: UInt32(central.count))
        out.append(le32: centralOffset)
        out.append(le16: 0)
        return out
    }

    /// MS-DOS time and date (UTC; two-second steps; 1980 at the earliest).
    static func dosDateTime(_ date: Date) -> (UInt16, UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = max(1980, c.year ?? 1980)
        let time = UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2)
        let day = UInt16((year - 1980) << 9 | (c.month ?? 1) << 5 | (c.day ?? 1))
        return (time, day)
    }
}

private extension Data {
    mutating func append(le16 value: UInt16) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
    mutating func append(le32 value: UInt32) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
}
