import BundleRepository
import Foundation

/// The bundle's files as of a revision, read from git's objects only: a path is looked up in the
/// revision's tree, never joined onto the disk, and a symbolic link is refused (its target could name
/// anything outside the bundle).
struct RevisionFiles {
    let repository: GitRepository
    let commit: GitCommitInfo
    /// The bundle's folder inside the work tree ("" at the top), with a trailing slash when not empty.
    let prefix: String

    init(root: URL, revision: String) throws(APIError) {
        try Self.checkRevisionName(revision)
        do { repository = try GitRepository.open(containing: root.path) } catch {
            throw APIError(.internalServerError, kind: "internal", "\(root.path) is no longer a git repository")
        }
        let snapshots = RepositorySnapshots(repository: repository, directory: root)
        do { commit = try repository.commit(try repository.resolve(revision)) } catch {
            throw APIError.notFound("no revision \(revision) in \(root.path)")
        }
        prefix = snapshots.bundleDirectory.isEmpty ? "" : snapshots.bundleDirectory + "/"
    }

    /// Names git resolves, without what could be read as an option or a range.
    static func checkRevisionName(_ revision: String) throws(APIError) {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/~^@{}-")
        guard !revision.isEmpty, !revision.hasPrefix("-"), !revision.contains(".."),
              revision.unicodeScalars.allSatisfy(allowed.contains) else {
            throw APIError.usage("\(revision.debugDescription) is not a revision name (a commit id, HEAD, HEAD~2 or a branch)")
        }
    }

    /// The bundle's files (relative to the bundle's folder), in path order.
    func files() throws(APIError) -> [GitTreeFile] {
        do {
            return try repository.treeFiles(of: commit.id).compactMap { file in
                guard file.path.hasPrefix(prefix) else { return nil }
                var inside = file
                inside.path = String(file.path.dropFirst(prefix.count))
                return inside
            }
        } catch {
            throw APIError(.internalServerError, kind: "internal", error.description)
        }
    }

    /// A path as a request names it: relative, no `.` or `..` components, no empty ones, no NUL or
    /// backslash. Anything else is refused before the tree is consulted.
    static func checkPath(_ path: String) throws(APIError) {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0"),
              !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw APIError(.badRequest, kind: "usage", "\(path.debugDescription) is not a path inside the bundle; name a file as GET /api/files/{rev} lists it")
        }
    }

    /// One file's bytes.
    func read(_ path: String) throws(APIError) -> (file: GitTreeFile, data: Data) {
        try Self.checkPath(path)
        guard let file = try files().first(where: { $0.path == path }) else {
            throw APIError.notFound("no file \(path) in revision \(commit.id.short)")
        }
        switch file.kind {
        case .symbolicLink:
            throw APIError(.forbidden, kind: "refused", "\(path) is a symbolic link; only the bundle's own files are served")
        case .submodule:
            throw APIError(.forbidden, kind: "refused", "\(path) is a git submodule, not a file of this repository")
        case .regular, .executable:
            do { return (file, try repository.blob(file.id)) } catch {
                throw APIError(.internalServerError, kind: "internal", error.description)
            }
        }
    }

    /// The bundle at this revision as a ZIP: the entries `git archive --format=zip` writes for the
    /// bundle's folder, links as links.
    func zip() throws(APIError) -> Data {
        var archive = ZipArchive(date: commit.date)
        do {
            // What `git archive` leaves out (`export-ignore` in the revision's .gitattributes files).
            let all = try repository.treeFiles(of: commit.id)
            let attributes = try all.filter { $0.path == ".gitattributes" || $0.path.hasSuffix("/.gitattributes") }
                .map { (path: $0.path, text: String(decoding: try repository.blob($0.id), as: UTF8.self)) }
            let exported = ExportIgnore(attributes: attributes)
            for file in try files() where file.kind != .submodule && !exported.ignores(prefix + file.path) {
                let mode: UInt32 = file.kind == .symbolicLink ? 0o120777 : file.kind == .executable ? 0o100755 : 0o100644
                archive.add(file.path, data: try repository.blob(file.id), mode: mode)
            }
            return try archive.data()
        } catch let error as APIError {
            throw error
        } catch let error as ZipArchive.Failure {
            throw APIError(.contentTooLarge, kind: "refused", error.description)
        } catch {
            throw APIError(.internalServerError, kind: "internal", "\(error)")
        }
    }
}
