import CLibGit2

/// A file of a commit's tree with its git mode, so that a reader can tell a symbolic link (whose blob
/// holds the link's target) and an executable from a regular file.
public struct GitTreeFile: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case regular, executable, symbolicLink, submodule
    }

    public var path: String
    public var id: GitObjectID
    public var kind: Kind
    /// The mode as git writes it (0o100644, 0o100755, 0o120000, 0o160000).
    public var mode: UInt32
}

extension GitRepository {
    /// The files of a commit's tree in path order: blobs with their modes, and submodules.
    public func treeFiles(of commitID: GitObjectID) throws(GitError) -> [GitTreeFile] {
        var oid = commitID.raw
        var commit: OpaquePointer?
        try GitError.check(git_commit_lookup(&commit, pointer, &oid), "reading commit \(commitID.short)")
        defer { git_commit_free(commit) }
        var tree: OpaquePointer?
        try GitError.check(git_commit_tree(&tree, commit), "reading the tree of \(commitID.short)")
        defer { git_tree_free(tree) }
        final class Collector { var files: [GitTreeFile] = [] }
        let collector = Collector()
        let payload = Unmanaged.passUnretained(collector).toOpaque()
        let code = git_tree_walk(tree, GIT_TREEWALK_PRE, { root, entry, payload in
            guard let entry, let payload else { return 0 }
            let type = git_tree_entry_type(entry)
            guard type == GIT_OBJECT_BLOB || type == GIT_OBJECT_COMMIT else { return 0 }
            let collector = Unmanaged<Collector>.fromOpaque(payload).takeUnretainedValue()
            let mode = UInt32(git_tree_entry_filemode(entry).rawValue)
            let kind: GitTreeFile.Kind
            switch mode {
            case 0o120000: kind = .symbolicLink
            case 0o100755: kind = .executable
            case 0o160000: kind = .submodule
            default: kind = .regular
            }
            let path = String(cString: root!) + String(cString: git_tree_entry_name(entry))
            collector.files.append(GitTreeFile(path: path, id: GitObjectID(git_tree_entry_id(entry).pointee), kind: kind, mode: mode))
            return 0
        }, payload)
        try GitError.check(code, "listing the tree of \(commitID.short)")
        return collector.files.sorted { $0.path < $1.path }
    }
}
