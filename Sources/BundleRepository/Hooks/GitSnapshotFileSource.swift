import BundleModel
import Foundation

/// A bundle as git stores it: the files of the index (what the pre-commit hook validates) or of a
/// commit's tree (what `diff` compares), read from their blobs on demand.
public final class GitSnapshotFileSource: BundleFileSource, @unchecked Sendable {
    let repository: GitRepository
    /// Path relative to the bundle root (may start with `../`) → blob.
    let entries: [String: GitObjectID]
    let directories: [String: Set<String>]
    public let rootDescription: String

    /// `indexEntries` are the index's or a tree's files (paths relative to the work tree);
    /// `bundleDirectory` is the bundle root relative to the work tree ("" for the top).
    public init(repository: GitRepository, indexEntries: [String: GitObjectID], bundleDirectory: String, label: String? = nil) {
        self.repository = repository
        var entries: [String: GitObjectID] = [:]
        var directories: [String: Set<String>] = ["": []]
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
            var components = relative.split(separator: "/").map(String.init)
            while !components.isEmpty {
                let name = components.removeLast()
                directories[components.joined(separator: "/"), default: []].insert(name)
            }
        }
        self.entries = entries
        self.directories = directories
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

    public func contentIdentity(_ path: String) -> String? { entries[BundlePath.normalize(path)]?.description }
}
