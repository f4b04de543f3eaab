import BundleModel
import Foundation

/// A bundle as git stores it: the files of the index (what the pre-commit hook validates) or of a
/// commit's tree (what `diff` compares), read from their blobs on demand.
public final class GitSnapshotFileSource: BundleFileSource, @unchecked Sendable {
    let repository: any GitSnapshotReading
    /// Path relative to the bundle root (may start with `../`) → blob.
    let entries: [String: GitObjectID]
    let directories: [String: Set<String>]
    /// Directory → the names of the files and of the directories directly in it.
    let filesIn: [String: [String]]
    let directoriesIn: [String: [String]]
    public let rootDescription: String
    public let rootFolderNames: [String]

    /// `indexEntries` are the index's or a tree's files (paths relative to the work tree);
    /// `bundleDirectory` is the bundle root relative to the work tree ("" for the top).
    public init(repository: any GitSnapshotReading, indexEntries: [String: GitObjectID], bundleDirectory: String, label: String? = nil) {
        self.repository = repository
        var entries: [String: GitObjectID] = [:]
        entries.reserveCapacity(indexEntries.count)
        var directories: [String: Set<String>] = ["": []]
        var filesIn: [String: [String]] = [:], directoriesIn: [String: [String]] = [:]
        let depth = bundleDirectory.isEmpty ? 0 : bundleDirectory.split(separator: "/").count
        let up = Array(repeating: "..", count: depth).joined(separator: "/")
        for (path, id) in indexEntries {
            let relative: String
            if bundleDirectory.isEmpty {
                relative = path
            } else if path.hasPrefix(bundleDirectory + "/") {
                relative = String(path.dropFirst(bundleDirectory.count + 1))
            } else {
                relative = BundlePath.normalize(up + "/" + path)
            }
            entries[relative] = id
            // The path's name into its directory, that directory's name into its parent, and so on up
            // to the first directory that already held it (its ancestors then hold theirs).
            var end = relative.utf8.endIndex
            while true {
                let slash = relative.utf8[..<end].lastIndex(of: UInt8(ascii: "/"))
                let name = String(relative[(slash.map { relative.utf8.index(after: $0) } ?? relative.startIndex)..<end])
                let directory = slash.map { String(relative[..<$0]) } ?? ""
                let isFile = end == relative.utf8.endIndex
                if isFile { filesIn[directory, default: []].append(name) }
                guard directories[directory, default: []].insert(name).inserted else { break }
                if !isFile { directoriesIn[directory, default: []].append(name) }
                guard let slash else { break }
                end = slash
            }
        }
        self.entries = entries
        self.directories = directories
        self.filesIn = filesIn
        self.directoriesIn = directoriesIn
        self.rootFolderNames = (repository.workTree + "/" + bundleDirectory).split(separator: "/").map(String.init)
        self.rootDescription = label ?? "the staged files of \(bundleDirectory.isEmpty ? "the repository" : bundleDirectory)"
    }

    public func read(_ path: String) throws -> Data? {
        guard let id = entries[BundlePath.normalize(path)] else { return nil }
        return try repository.blob(id)
    }

    public func fileExists(_ path: String) -> Bool { entries[BundlePath.normalize(path)] != nil }

    public func directoryExists(_ path: String) -> Bool { directories[BundlePath.normalize(path)] != nil }

    public func contents(ofDirectory path: String) -> [String] { (directories[BundlePath.normalize(path)] ?? []).sorted() }

    public func directoryIdentity(_ path: String) -> String? { BundlePath.normalize(path) }

    public func entries(ofDirectory path: String) -> DirectoryEntries {
        let p = BundlePath.normalize(path)
        guard directories[p] != nil else { return DirectoryEntries() }
        // A name that is a file and also a directory of other entries is a file, as `fileExists` says.
        let prefix = p.isEmpty ? "" : p + "/"
        return DirectoryEntries(files: filesIn[p] ?? [], directories: (directoriesIn[p] ?? []).filter { entries[prefix + $0] == nil })
    }

    /// The index holds paths, not links to follow.
    public var mayLink: Bool { false }
    public var holdsUntrackedFiles: Bool { false }

    public func contentIdentity(_ path: String) -> String? { entries[BundlePath.normalize(path)]?.description }
}
