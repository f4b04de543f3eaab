import BundleModel
import Foundation

/// One fuzz input read as a bundle: the text up to the first `#@file PATH` line is `databricks.yml`,
/// each `#@file PATH` line starts the file PATH. The seeds (scripts/fuzz) are corpus bundles written
/// this way, so mutations keep a bundle's shape while bytes change anywhere.
public enum FuzzInput {
    public static let fileMarker = Array("\n#@file ".utf8)

    public static func bundleFiles(_ bytes: [UInt8]) -> [String: Data] {
        var files: [String: Data] = [:]
        var name = "databricks.yml"
        var start = 0
        var index = 0
        while index + fileMarker.count <= bytes.count {
            if bytes[index..<index + fileMarker.count].elementsEqual(fileMarker) {
                files[name] = Data(bytes[start..<index])
                let nameStart = index + fileMarker.count
                var nameEnd = nameStart
                while nameEnd < bytes.count, bytes[nameEnd] != UInt8(ascii: "\n") { nameEnd += 1 }
                name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
                start = min(nameEnd + 1, bytes.count)
                index = start
            } else {
                index += 1
            }
        }
        files[name] = Data(bytes[start...])
        return files
    }

    /// A bundle source of the input's files.
    public static func source(_ bytes: [UInt8]) -> InMemoryFileSource {
        InMemoryFileSource(files: bundleFiles(bytes))
    }

    /// The input's bytes, copied.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
        guard let data, count > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: count))
    }

    /// Stops the fuzzer with a report: a property the target checks does not hold.
    public static func fail(_ message: String, _ bytes: [UInt8]) -> Never {
        FileHandle.standardError.write(Data("property violated: \(message)\ninput: \(String(decoding: bytes, as: UTF8.self).debugDescription)\n".utf8))
        abort()
    }
}
