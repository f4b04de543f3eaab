import Foundation

/// The first line a started server prints (its port or address), read as it arrives.
public enum FirstLine {
    /// Text up to the first newline (without it); what came before the end when there is none.
    public static func read(_ handle: FileHandle) -> String {
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        return String(decoding: line, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }
}
