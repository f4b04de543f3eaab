import Foundation

/// Where bundle files come from: the working tree on disk, or an in-memory snapshot (the git index
/// for the pre-commit hook, examples in tests). Paths are relative to the bundle root, `/`-separated.
public protocol BundleFileSource: Sendable {
    /// The file's bytes, or nil when it does not exist or is not a regular file.
    func read(_ path: String) throws -> Data?
    func fileExists(_ path: String) -> Bool
    func directoryExists(_ path: String) -> Bool
    /// Names (not paths) of the entries of a directory, or [] when it is not one.
    func contents(ofDirectory path: String) -> [String]
    /// The names of a directory's regular files and of its directories (symbolic links followed): what
    /// include expansion walks. Sources that can tell without asking about each name answer directly.
    func entries(ofDirectory path: String) -> DirectoryEntries
    /// An identity for a directory that is the same for every path that reaches it (to stop
    /// symlink loops); nil when unknown.
    func directoryIdentity(_ path: String) -> String?
    /// Whether two different normalized paths can reach the same file (symbolic links on disk); when
    /// not, include expansion need not ask for identities to read each file once.
    var mayLink: Bool { get }
    /// Whether files git does not track (ignored build output, a local .venv) may be in it: the working
    /// tree, not the staged snapshot the pre-commit hook reads.
    var holdsUntrackedFiles: Bool { get }
    /// A human-readable description of the root, for messages.
    var rootDescription: String { get }
    /// An id of the file's content when the source knows one cheaply (a git blob id); files with the
    /// same path and id need to be parsed only once (see `ParseCache`).
    func contentIdentity(_ path: String) -> String?
    /// Whether the file's content identity may be kept across processes (an on-disk cache): a git blob
    /// id or a hash of the bytes always; a file's status only when it was last written long enough ago
    /// that a later write cannot leave the same modification time (git's "racily clean" entries).
    func contentIdentityIsStable(_ path: String) -> Bool
    /// The file's first line (at most a few hundred bytes, without its line break), or nil when it is no
    /// regular file: what tells a notebook from a plain source file ("# Databricks notebook source").
    func firstLine(_ path: String) -> String?
    /// The bytes of a file that a finding depends on but that is not configuration (an alert's
    /// `.dbalert.json`): as `read`, and a source that records what validation asked records it.
    func readReferencedFile(_ path: String) -> Data?
    /// The names of the root's folder and of the folders above it, outermost first (`/work/b` gives
    /// [work, b]); empty when the source has no place on disk. A path that leaves the root and comes
    /// back (`../b/x.py` in a folder named b) is inside it, as the Databricks CLI resolves it.
    var rootFolderNames: [String] { get }
}

/// A directory's regular files and directories, by name.
public struct DirectoryEntries: Equatable, Sendable {
    public var files: [String]
    public var directories: [String]

    public init(files: [String] = [], directories: [String] = []) {
        self.files = files
        self.directories = directories
    }
}

extension BundleFileSource {
    public var mayLink: Bool { true }
    public var rootFolderNames: [String] { [] }
    public func readReferencedFile(_ path: String) -> Data? { (try? read(path)) ?? nil }
    public var holdsUntrackedFiles: Bool { true }

    /// Each name of `contents(ofDirectory:)` asked whether it is a file or a directory.
    public func entries(ofDirectory path: String) -> DirectoryEntries {
        var entries = DirectoryEntries()
        for name in contents(ofDirectory: path) {
            let child = path.isEmpty ? name : path + "/" + name
            if fileExists(child) { entries.files.append(name) } else if directoryExists(child) { entries.directories.append(name) }
        }
        return entries
    }
    public func contentIdentity(_ path: String) -> String? { nil }
    public func contentIdentityIsStable(_ path: String) -> Bool { true }

    /// Whether the file is a notebook as the Databricks CLI tells (libs/notebook/detect.go): an `.ipynb`, or
    /// a `.py`, `.r`, `.sql` or `.scala` file whose first line is its language's "Databricks notebook
    /// source" header. Nil when a source file is not there, or the path names no source file at all.
    public func isNotebook(_ path: String) -> Bool? {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".ipynb") { return true }
        let header: String
        if lowered.hasSuffix(".py") || lowered.hasSuffix(".r") { header = "# Databricks notebook source" }
        else if lowered.hasSuffix(".sql") { header = "-- Databricks notebook source" }
        else if lowered.hasSuffix(".scala") { header = "// Databricks notebook source" }
        else { return nil }
        // Exactly the header, as the Databricks CLI compares it (libs/notebook/detect.go): a byte order
        // mark, leading or trailing blanks make the file a plain source file there.
        guard let line = firstLine(path) else { return nil }
        return line == header
    }

    public func firstLine(_ path: String) -> String? {
        guard let data = (try? read(path)) ?? nil else { return nil }
        return Self.firstLine(of: data.prefix(512))
    }

    /// The first line of some bytes (its carriage return dropped; a UTF-8 byte order mark is kept, and
    /// shown as U+FEFF).
    public static func firstLine(of bytes: Data) -> String {
        let line = bytes.prefix { $0 != 0x0A }
        return String(decoding: line, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }
}

/// Parsed files shared between loads (the two sides of a diff, the calls of a long-running MCP
/// server): a file with the same path and content identity is composed once, and the loads then share
/// its nodes. Holds at most `capacity` files; when full it starts over (a server whose files keep
/// changing does not grow without bound).
public final class ParseCache: @unchecked Sendable {
    private var entries: [String: (BundleFile, [Diagnostic])] = [:]
    private let lock = NSLock()
    public let capacity: Int

    public init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }

    func value(_ key: String) -> (BundleFile, [Diagnostic])? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    func store(_ key: String, _ value: (BundleFile, [Diagnostic])) {
        lock.lock()
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = value
        lock.unlock()
    }
}

/// Bundle files on disk under a root directory.
public struct DiskFileSource: BundleFileSource {
    public let root: URL
    /// The root's path, ending in `/`: file paths are made by appending (URL's path building costs
    /// microseconds a call, and loading asks for every file's status several times).
    private let rootPrefix: String

    public init(root: URL) {
        self.root = root.standardizedFileURL
        let path = self.root.path
        self.rootPrefix = path.hasSuffix("/") ? path : path + "/"
    }

    public var rootDescription: String { root.path }
    public var rootFolderNames: [String] { root.path.split(separator: "/").map(String.init) }

    func url(_ path: String) -> URL {
        path.isEmpty || path == "." ? root : root.appendingPathComponent(path)
    }

    /// The file system path of a bundle path.
    func filePath(_ path: String) -> String {
        path.isEmpty || path == "." ? rootPrefix : rootPrefix + path
    }

    public func read(_ path: String) throws -> Data? {
        var isDirectory: ObjCBool = false
        let u = url(path)
        guard FileManager.default.fileExists(atPath: u.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return try Data(contentsOf: u)
    }

    /// Reads only the file's first bytes (a notebook header), not the whole file.
    public func firstLine(_ path: String) -> String? {
        guard fileExists(path), let handle = FileHandle(forReadingAtPath: filePath(path)) else { return nil }
        defer { try? handle.close() }
        let bytes = (try? handle.read(upToCount: 512)) ?? Data()
        return Self.firstLine(of: bytes ?? Data())
    }

    /// `stat(2)` of the path (following links); nil when it does not exist. Cheaper than FileManager.
    func status(_ path: String) -> stat? {
        var info = stat()
        guard stat(filePath(path), &info) == 0 else { return nil }
        return info
    }

    public func fileExists(_ path: String) -> Bool {
        guard let info = status(path) else { return false }
        return info.st_mode & S_IFMT == S_IFREG
    }

    public func directoryExists(_ path: String) -> Bool {
        guard let info = status(path) else { return false }
        return info.st_mode & S_IFMT == S_IFDIR
    }

    public func contents(ofDirectory path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: url(path).path)) ?? []
    }

    /// From the directory's own listing (its entry types), asking `stat` only about links and entries
    /// of unknown type: include expansion over 2,000 files made 2,000 status calls fewer.
    public func entries(ofDirectory path: String) -> DirectoryEntries {
        var entries = DirectoryEntries()
        let directoryPath = filePath(path)
        guard let directory = opendir(directoryPath) else { return entries }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): entries.files.append(name)
            case Int32(DT_DIR): entries.directories.append(name)
            default:
                let child = path.isEmpty || path == "." ? name : path + "/" + name
                if fileExists(child) { entries.files.append(name) } else if directoryExists(child) { entries.directories.append(name) }
            }
        }
        return entries
    }

    /// Inode, size and modification time: the same while the file is not rewritten.
    public func contentIdentity(_ path: String) -> String? {
        guard let info = status(path), info.st_mode & S_IFMT == S_IFREG else { return nil }
        return "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// A file written in the last two seconds could be written again within the file system's timestamp
    /// granularity, with the same size and modification time: its status does not identify its bytes.
    public func contentIdentityIsStable(_ path: String) -> Bool {
        guard let info = status(path) else { return false }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return info.st_mtim.tv_sec < now.tv_sec - 2
    }

    /// Device and inode: the same for every path (and symbolic link) that reaches the directory.
    public func directoryIdentity(_ path: String) -> String? {
        guard let info = status(path) else { return nil }
        return "\(info.st_dev):\(info.st_ino)"
    }
}

/// Bundle files held in memory, keyed by their path relative to the root.
public struct InMemoryFileSource: BundleFileSource {
    public var files: [String: Data]
    public var rootDescription: String

    public init(files: [String: Data], rootDescription: String = "(in memory)") {
        self.files = files
        self.rootDescription = rootDescription
    }

    public init(texts: [String: String], rootDescription: String = "(in memory)") {
        self.init(files: texts.mapValues { Data($0.utf8) }, rootDescription: rootDescription)
    }

    public func read(_ path: String) throws -> Data? { files[BundlePath.normalize(path)] }

    public func fileExists(_ path: String) -> Bool { files[BundlePath.normalize(path)] != nil }

    public func directoryExists(_ path: String) -> Bool {
        let p = BundlePath.normalize(path)
        if p.isEmpty { return true }
        return files.keys.contains { $0.hasPrefix(p + "/") }
    }

    public func contents(ofDirectory path: String) -> [String] {
        let p = BundlePath.normalize(path)
        let prefix = p.isEmpty ? "" : p + "/"
        var names = Set<String>()
        for key in files.keys where key.hasPrefix(prefix) {
            if let first = key.dropFirst(prefix.count).split(separator: "/").first { names.insert(String(first)) }
        }
        return names.sorted()
    }

    public func directoryIdentity(_ path: String) -> String? { BundlePath.normalize(path) }

    public var mayLink: Bool { false }
}

/// Relative bundle paths: `/`-separated, no `.` components.
public enum BundlePath {
    /// Joins and normalizes; `..` components are resolved lexically. Returns a path that starts with
    /// `..` when it leaves the root.
    public static func normalize(_ path: String) -> String {
        // Already normal (the common case): no `.` or `..` components, no empty ones, no leading `/`.
        isNormal(path) ? path : normalizedByComponents(path)
    }

    /// `normalize` component by component, for any path.
    static func normalizedByComponents(_ path: String) -> String {
        var parts: [Substring] = []
        for c in path.split(separator: "/", omittingEmptySubsequences: true) {
            if c == "." { continue }
            if c == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(c)
        }
        return parts.joined(separator: "/")
    }

    /// No `.` or `..` components, no empty ones, no leading or trailing `/`: one pass over the bytes
    /// (every file source call normalizes its path).
    static func isNormal(_ path: String) -> Bool {
        var componentLength = 0, dots = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                // An empty component (leading `/`, `//`) or one made only of one or two dots.
                if componentLength == 0 || componentLength == dots && dots <= 2 { return false }
                componentLength = 0
                dots = 0
            } else {
                componentLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return componentLength > 0 && !(componentLength == dots && dots <= 2)
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// The path of `path` (from the root) as written in a file of `directory`: `../src/etl/nb.py` from
    /// `resources`.
    public static func relative(_ path: String, from directory: String) -> String {
        let target = normalize(path).split(separator: "/").map(String.init)
        let base = normalize(directory).split(separator: "/").map(String.init).filter { !$0.isEmpty && $0 != "." }
        var common = 0
        while common < base.count, common < target.count - 1, base[common] == target[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        let result = (up + target[common...]).joined(separator: "/")
        return up.isEmpty && !result.hasPrefix(".") ? "./" + result : result
    }

    public static func join(_ directory: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return relative }
        return normalize(directory.isEmpty ? relative : directory + "/" + relative)
    }

    /// A normalized path that leaves the root and comes back into it (`../b/x.py` where the root's
    /// folder is b): the path inside the root (`x.py`); any other path as it is.
    public static func reentering(_ normalized: String, rootFolderNames: [String]) -> String {
        guard leavesRoot(normalized), !rootFolderNames.isEmpty else { return normalized }
        var parts = normalized.split(separator: "/").map(String.init)
        let up = parts.prefix { $0 == ".." }.count
        guard up <= rootFolderNames.count else { return normalized }
        parts.removeFirst(up)
        let back = Array(rootFolderNames.suffix(up))
        guard parts.count > up, Array(parts.prefix(up)) == back else { return normalized }
        return parts.dropFirst(up).joined(separator: "/")
    }

    public static func leavesRoot(_ normalized: String) -> Bool {
        normalized == ".." || normalized.hasPrefix("../")
    }
}
