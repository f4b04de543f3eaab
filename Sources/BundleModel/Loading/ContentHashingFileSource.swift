import Foundation

/// A file source whose content identity is a hash of each file's bytes, for a `ParseCache` that lives
/// longer than one command (the MCP server's calls): a file rewritten in place with the same size
/// within the file system's timestamp granularity keeps its inode, size and modification time, but
/// not its hash. Reading a file to hash it costs far less than parsing it again.
public struct ContentHashingFileSource: BundleFileSource {
    public let base: any BundleFileSource

    public init(_ base: any BundleFileSource) {
        self.base = base
    }

    public var rootDescription: String { base.rootDescription }
    public var rootFolderNames: [String] { base.rootFolderNames }
    public func read(_ path: String) throws -> Data? { try base.read(path) }
    public func fileExists(_ path: String) -> Bool { base.fileExists(path) }
    public func directoryExists(_ path: String) -> Bool { base.directoryExists(path) }
    public func contents(ofDirectory path: String) -> [String] { base.contents(ofDirectory: path) }
    public func entries(ofDirectory path: String) -> DirectoryEntries { base.entries(ofDirectory: path) }
    public func directoryIdentity(_ path: String) -> String? { base.directoryIdentity(path) }
    public var mayLink: Bool { base.mayLink }
    public var holdsUntrackedFiles: Bool { base.holdsUntrackedFiles }
    public func contentIdentityIsStable(_ path: String) -> Bool { true }

    /// The length and two independent 64-bit hashes of the bytes (FNV-1a and a multiply-rotate mix):
    /// 128 bits, so two different files of one bundle never share an identity by chance.
    public func contentIdentity(_ path: String) -> String? {
        guard let data = try? base.read(path) else { return nil }
        return Self.digest(data)
    }

    public static func digest(_ data: Data) -> String {
        var fnv: UInt64 = 0xcbf2_9ce4_8422_2325
        var mix: UInt64 = 0x9e37_79b9_7f4a_7c15
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            for byte in bytes {
                fnv = (fnv ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                mix = ((mix ^ UInt64(byte)) &* 0xff51_afd7_ed55_8ccd)
                mix = (mix << 29) | (mix >> 35)
            }
        }
        return "\(data.count):" + String(fnv, radix: 16) + ":" + String(mix, radix: 16)
    }
}
