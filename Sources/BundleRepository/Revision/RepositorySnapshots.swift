import BundleDiff
import BundleModel
import Foundation

/// The bundle of a repository as of a commit, the index or the working tree, for `diff` and `show`.
public struct RepositorySnapshots {
    public let repository: GitRepository
    /// The bundle root relative to the work tree ("" at the top).
    public let bundleDirectory: String
    /// Files shared by the snapshots taken here are parsed once.
    let cache = ParseCache()

    /// The bundle at or above `directory` (or, when there is none on disk, `directory` itself).
    public init(repository: GitRepository, directory: URL) {
        self.repository = repository
        let root = (try? BundleLoader.locateRoot(from: directory, walkUp: true)) ?? directory
        var prefix = RevisionCommitter.relativePrefix(of: root, in: repository)
        if prefix.hasSuffix("/") { prefix.removeLast() }
        bundleDirectory = prefix
    }

    public var workTreeRoot: URL {
        URL(fileURLWithPath: repository.workTree).appendingPathComponent(bundleDirectory)
    }

    public func workingTree() -> BundleSnapshot {
        BundleSnapshot(label: "working tree", source: DiskFileSource(root: workTreeRoot))
    }

    public func index() throws(RepositoryError) -> BundleSnapshot {
        do {
            let entries = try repository.indexEntries()
            return BundleSnapshot(label: "index", source: GitSnapshotFileSource(repository: repository, indexEntries: entries,
                                                                                 bundleDirectory: bundleDirectory, label: "index"), cache: cache)
        } catch {
            throw .git(error)
        }
    }

    /// The bundle as of a commit; `label` names it in output.
    public func commit(_ id: GitObjectID, label: String) throws(RepositoryError) -> BundleSnapshot {
        do {
            let entries = try repository.treeEntries(of: id)
            return BundleSnapshot(label: label, source: GitSnapshotFileSource(repository: repository, indexEntries: entries,
                                                                               bundleDirectory: bundleDirectory, label: label), cache: cache)
        } catch {
            throw .git(error)
        }
    }

    /// HEAD, or an empty snapshot before the first commit.
    public func head() throws(RepositoryError) -> BundleSnapshot {
        let id: GitObjectID?
        do { id = try repository.headCommitID() } catch { throw .git(error) }
        guard let id else { return BundleSnapshot(label: "HEAD", source: nil) }
        return try commit(id, label: "HEAD")
    }

    public func resolve(_ revision: String) throws(RepositoryError) -> GitObjectID {
        do { return try repository.resolve(revision) } catch { throw .git(error) }
    }

    /// A revision's parent (empty for the first commit) and the revision.
    public func change(introducedBy revision: String) throws(RepositoryError) -> (BundleSnapshot, BundleSnapshot) {
        let id = try resolve(revision)
        let info: GitCommitInfo
        do { info = try repository.commit(id) } catch { throw .git(error) }
        let old = try info.parents.first.map { p throws(RepositoryError) in try commit(p, label: "\(revision)^") }
            ?? BundleSnapshot(label: "\(revision)^", source: nil)
        return (old, try commit(id, label: revision))
    }
}
