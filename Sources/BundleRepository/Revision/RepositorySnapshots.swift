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
        var snapshot = BundleSnapshot(label: "working tree", source: DiskFileSource(root: workTreeRoot))
        snapshot.ignores = ignoredInWorkTree
        return snapshot
    }

    public func index() throws(RepositoryError) -> BundleSnapshot {
        let side = try indexSide()
        return BundleSnapshot(label: side.label, source: side.source, cache: cache)
    }

    /// The bundle as of a commit; `label` names it in output.
    public func commit(_ id: GitObjectID, label: String) throws(RepositoryError) -> BundleSnapshot {
        let side = try commitSide(id, label: label)
        return BundleSnapshot(label: side.label, source: side.source, cache: cache)
    }

    /// HEAD, or an empty snapshot before the first commit.
    public func head() throws(RepositoryError) -> BundleSnapshot {
        let side = try headSide()
        return BundleSnapshot(label: side.label, source: side.source, cache: cache)
    }

    public func resolve(_ revision: String) throws(RepositoryError) -> GitObjectID {
        do { return try repository.resolve(revision) } catch { throw .git(error) }
    }

    /// A revision's parent (empty for the first commit) and the revision, read for comparing them
    /// (files both hold unchanged are parsed only when they can make a difference: `BundleSnapshot.pair`).
    public func change(introducedBy revision: String) throws(RepositoryError) -> (BundleSnapshot, BundleSnapshot) {
        let id = try resolve(revision)
        let info: GitCommitInfo
        do { info = try repository.commit(id) } catch { throw .git(error) }
        let old = try info.parents.first.map { p throws(RepositoryError) in try commitSide(p, label: "\(revision)^") }
            ?? (label: "\(revision)^", source: nil)
        return BundleSnapshot.pair(old: old, new: try commitSide(id, label: revision), cache: cache)
    }

    /// HEAD and the index (what the next commit holds), read for comparing them.
    public func staged() throws(RepositoryError) -> (BundleSnapshot, BundleSnapshot) {
        BundleSnapshot.pair(old: try headSide(), new: try indexSide(), cache: cache)
    }

    /// HEAD and the working tree, read for comparing them.
    public func workingTreeChanges() throws(RepositoryError) -> (BundleSnapshot, BundleSnapshot) {
        var (old, new) = BundleSnapshot.pair(old: try headSide(), new: (label: "working tree", source: DiskFileSource(root: workTreeRoot)), cache: cache)
        new.ignores = ignoredInWorkTree
        return (old, new)
    }

    /// Whether git ignores a file of the bundle's working tree (a path relative to the bundle's root).
    var ignoredInWorkTree: @Sendable (String) -> Bool {
        let repository = UncheckedRepository(repository), prefix = bundleDirectory.isEmpty ? "" : bundleDirectory + "/"
        return { path in repository.value.isIgnored(prefix + path) }
    }

    /// The repository, asked from the comparison that runs in the same thread (`isIgnored` reads only).
    struct UncheckedRepository: @unchecked Sendable {
        let value: GitRepository
        init(_ value: GitRepository) { self.value = value }
    }

    /// The best common ancestor of two revisions, as a revision to read.
    public func commonAncestor(_ a: String, _ b: String) throws(RepositoryError) -> String {
        do { return try repository.mergeBase(a, b).description } catch { throw .git(error) }
    }

    /// Two revisions, read for comparing them.
    public func between(_ from: String, _ to: String) throws(RepositoryError) -> (BundleSnapshot, BundleSnapshot) {
        BundleSnapshot.pair(old: try commitSide(try resolve(from), label: from), new: try commitSide(try resolve(to), label: to), cache: cache)
    }

    typealias Side = (label: String, source: (any BundleFileSource)?)

    func indexSide() throws(RepositoryError) -> Side {
        do {
            let entries = try repository.indexEntries()
            return ("index", GitSnapshotFileSource(repository: repository, indexEntries: entries, bundleDirectory: bundleDirectory, label: "index"))
        } catch {
            throw .git(error)
        }
    }

    func commitSide(_ id: GitObjectID, label: String) throws(RepositoryError) -> Side {
        do {
            let entries = try repository.treeEntries(of: id)
            return (label, GitSnapshotFileSource(repository: repository, indexEntries: entries, bundleDirectory: bundleDirectory, label: label))
        } catch {
            throw .git(error)
        }
    }

    func headSide() throws(RepositoryError) -> Side {
        let id: GitObjectID?
        do { id = try repository.headCommitID() } catch { throw .git(error) }
        guard let id else { return ("HEAD", nil) }
        return try commitSide(id, label: "HEAD")
    }
}
