import CLibGit2
import Foundation

/// An author or committer.
public struct GitSignature: Sendable, Equatable {
    public var name: String
    public var email: String
    /// When; nil means the moment of the commit.
    public var time: GitTime?

    public init(name: String, email: String, time: GitTime? = nil) {
        self.name = name
        self.email = email
        self.time = time
    }

    /// Parses `Name <email>`.
    public init?(parsing text: String) {
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else { return nil }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        let email = String(text[text.index(after: open)..<close])
        guard !name.isEmpty, email.contains("@") else { return nil }
        self.init(name: name, email: email)
    }
}

/// A commit as the history shows it.
public struct GitCommitInfo: Sendable {
    public var id: GitObjectID
    public var parents: [GitObjectID]
    public var author: GitSignature
    public var date: Date
    public var message: String

    public var subject: String { String(message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "") }
}

/// How a file differs from HEAD, in the index and in the working tree.
public struct GitFileStatus: Sendable, OptionSet {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public var isClean: Bool { rawValue == 0 }
    /// Changed in the index or the working tree (untracked files included).
    public var isDirty: Bool { rawValue & ~GIT_STATUS_IGNORED.rawValue != 0 }
    public var isUntracked: Bool { rawValue & GIT_STATUS_WT_NEW.rawValue != 0 }
}

/// A git repository opened through libgit2; frees its handle when released.
public final class GitRepository {
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_repository_free(pointer)
    }

    /// The repository whose work tree holds `path` (searching upwards, as git does).
    public static func open(containing path: String) throws(GitError) -> GitRepository {
        GitLibrary.ensureInitialized()
        var repo: OpaquePointer?
        try GitError.check(git_repository_open_ext(&repo, path, 0, nil), "opening the git repository at \(path)")
        return GitRepository(repo!)
    }

    /// Whether `path` is inside a git work tree.
    public static func exists(containing path: String) -> Bool {
        GitLibrary.ensureInitialized()
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        return git_repository_discover(&buffer, path, 0, nil) == 0
    }

    /// Creates a repository (and its directory) with `initialBranch` as the unborn HEAD.
    public static func create(at path: String, initialBranch: String = "main") throws(GitError) -> GitRepository {
        GitLibrary.ensureInitialized()
        var options = git_repository_init_options()
        try GitError.check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)), "preparing git init")
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue
        var repo: OpaquePointer?
        let code = initialBranch.withCString { branch -> Int32 in
            options.initial_head = branch
            return git_repository_init_ext(&repo, path, &options)
        }
        try GitError.check(code, "creating a git repository at \(path)")
        return GitRepository(repo!)
    }

    /// The work tree's absolute path, without a trailing slash.
    public var workTree: String {
        guard let p = git_repository_workdir(pointer) else { return gitDirectory }
        var s = String(cString: p)
        if s.hasSuffix("/") { s.removeLast() }
        return s
    }

    /// The `.git` directory's absolute path, without a trailing slash.
    public var gitDirectory: String {
        var s = String(cString: git_repository_path(pointer))
        if s.hasSuffix("/") { s.removeLast() }
        return s
    }

    // MARK: Configuration

    /// A configuration value, repository settings first, then global and system ones.
    public func configValue(_ key: String) -> String? {
        // Configuration given through git's environment (GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM, GIT_CONFIG_COUNT/KEY_n/VALUE_n),
        // which libgit2 does not read: git's own answer (an organisation's core.hooksPath set so was skipped by revisions).
        // (Only those that move where git reads: GIT_CONFIG_NOSYSTEM, which test and CI setups set, cost a process per value.)
        if ProcessInfo.processInfo.environment.keys.contains(where: { ["GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_COUNT"].contains($0) }) {
            return EnvironmentConfig.value(key, workTree: workTree)
        }
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, pointer) == 0, let config else { return nil }
        defer { git_config_free(config) }
        return Self.string(key, in: config)
    }

    /// A configuration value outside any repository: the global and system settings.
    public static func defaultConfigValue(_ key: String) -> String? {
        GitLibrary.ensureInitialized()
        var config: OpaquePointer?
        guard git_config_open_default(&config) == 0, let config else { return nil }
        defer { git_config_free(config) }
        var snapshot: OpaquePointer?
        guard git_config_snapshot(&snapshot, config) == 0, let snapshot else { return nil }
        defer { git_config_free(snapshot) }
        return string(key, in: snapshot)
    }

    /// A string of a configuration snapshot (libgit2 reads strings from snapshots only).
    static func string(_ key: String, in snapshot: OpaquePointer) -> String? {
        var value: UnsafePointer<CChar>?
        guard git_config_get_string(&value, snapshot, key) == 0, let value else { return nil }
        return String(cString: value)
    }

    // MARK: HEAD and commits

    /// HEAD's commit, or nil on an unborn branch.
    public func headCommitID() throws(GitError) -> GitObjectID? {
        var oid = git_oid()
        let code = git_reference_name_to_id(&oid, pointer, "HEAD")
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EUNBORNBRANCH.rawValue { return nil }
        try GitError.check(code, "reading HEAD")
        return GitObjectID(oid)
    }

    /// The branch HEAD points to (`main`), or nil when detached.
    public var currentBranch: String? {
        var ref: OpaquePointer?
        guard git_reference_lookup(&ref, pointer, "HEAD") == 0, let ref else { return nil }
        defer { git_reference_free(ref) }
        guard let target = git_reference_symbolic_target(ref) else { return nil }
        let name = String(cString: target)
        return name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : name
    }

    public func commit(_ id: GitObjectID) throws(GitError) -> GitCommitInfo {
        var oid = id.raw
        var commit: OpaquePointer?
        try GitError.check(git_commit_lookup(&commit, pointer, &oid), "reading commit \(id.short)")
        defer { git_commit_free(commit) }
        return info(commit!)
    }

    func info(_ commit: OpaquePointer) -> GitCommitInfo {
        let id = GitObjectID(git_commit_id(commit).pointee)
        var parents: [GitObjectID] = []
        for i in 0..<git_commit_parentcount(commit) {
            if let p = git_commit_parent_id(commit, i) { parents.append(GitObjectID(p.pointee)) }
        }
        let author = git_commit_author(commit)!.pointee
        let message = git_commit_message(commit).map { String(cString: $0) } ?? ""
        return GitCommitInfo(id: id, parents: parents,
                             author: GitSignature(name: String(cString: author.name), email: String(cString: author.email)),
                             date: Date(timeIntervalSince1970: TimeInterval(author.when.time)), message: message)
    }

    /// Resolves a revision such as `HEAD`, `HEAD~2`, a branch or an abbreviated id.
    public func resolve(_ revision: String) throws(GitError) -> GitObjectID {
        var object: OpaquePointer?
        try GitError.check(git_revparse_single(&object, pointer, revision), "resolving revision \(revision)")
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try GitError.check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "\(revision) is not a commit")
        defer { git_object_free(commit) }
        return GitObjectID(git_object_id(commit).pointee)
    }

    /// The best common ancestor of two revisions (`git merge-base A B`), for `A...B`.
    public func mergeBase(_ a: String, _ b: String) throws(GitError) -> GitObjectID {
        var one = try resolve(a).raw, two = try resolve(b).raw
        var base = git_oid()
        try GitError.check(git_merge_base(&base, pointer, &one, &two), "finding a common ancestor of \(a) and \(b)")
        return GitObjectID(base)
    }

    /// The newest `limit` commits reachable from HEAD, newest first.
    public func history(limit: Int) throws(GitError) -> [GitCommitInfo] {
        guard try headCommitID() != nil else { return [] }
        var walk: OpaquePointer?
        try GitError.check(git_revwalk_new(&walk, pointer), "walking history")
        defer { git_revwalk_free(walk) }
        // No sorting: libgit2 then walks lazily in git's default order, so -n 50 reads 50 commits.
        git_revwalk_sorting(walk, GIT_SORT_NONE.rawValue)
        try GitError.check(git_revwalk_push_head(walk), "walking history from HEAD")
        var out: [GitCommitInfo] = []
        var oid = git_oid()
        while out.count < limit, git_revwalk_next(&oid, walk) == 0 {
            var commit: OpaquePointer?
            try GitError.check(git_commit_lookup(&commit, pointer, &oid), "reading a commit")
            out.append(info(commit!))
            git_commit_free(commit)
        }
        return out
    }

    // MARK: Files, index and status

    /// The status of a file relative to HEAD (index and working tree); path relative to the work tree.
    /// A file that another process replaces meanwhile (a concurrent revision writing the working tree)
    /// fails libgit2's read with "error reading file for hashing" (its size changed between the status
    /// call's stat and its read); such a failure is asked again, up to four times, before it counts.
    public func status(of path: String) throws(GitError) -> GitFileStatus {
        var flags: UInt32 = 0
        var code: Int32 = 0
        for attempt in 0..<5 {
            if attempt > 0 { usleep(10_000) }
            code = git_status_file(&flags, pointer, path)
            if code == GIT_ENOTFOUND.rawValue { return GitFileStatus(rawValue: 0) }
            if code >= 0 { break }
        }
        try GitError.check(code, "reading the status of \(path)")
        return GitFileStatus(rawValue: flags)
    }

    /// Whether git ignores a path (relative to the work tree), as `git check-ignore` would say.
    public func isIgnored(_ path: String) -> Bool {
        var ignored: Int32 = 0
        return git_ignore_path_is_ignored(&ignored, pointer, path) == 0 && ignored == 1
    }

    /// The staged files (path relative to the work tree → blob id): of the repository's index or, given
    /// `indexFile`, of that index file. Git hands its hooks the index being committed in GIT_INDEX_FILE:
    /// `git commit -a` stages into `index.lock` and `git commit <paths>` into a temporary index, so there
    /// the repository's own index is not what is about to be committed.
    public func indexEntries(indexFile: String? = nil) throws(GitError) -> [String: GitObjectID] {
        var index: OpaquePointer?
        if let indexFile {
            try GitError.check(git_index_open(&index, indexFile), "reading the index \(indexFile)")
        } else {
            try GitError.check(git_repository_index(&index, pointer), "reading the index")
        }
        defer { git_index_free(index) }
        var out: [String: GitObjectID] = [:]
        let count = git_index_entrycount(index)
        out.reserveCapacity(count)
        for i in 0..<count {
            guard let entry = git_index_get_byindex(index, i) else { continue }
            out[String(cString: entry.pointee.path)] = GitObjectID(entry.pointee.id)
        }
        return out
    }

    /// Whether the index tells git not to look at the file in the work tree (`git update-index
    /// --skip-worktree` or `--assume-unchanged`): its status then says clean whatever the file holds.
    public func isHiddenFromStatus(_ path: String) throws(GitError) -> Bool {
        var index: OpaquePointer?
        try GitError.check(git_repository_index(&index, pointer), "reading the index")
        defer { git_index_free(index) }
        guard let entry = git_index_get_bypath(index, path, 0) else { return false }
        let assumeUnchanged: UInt16 = 0x8000, skipWorktree: UInt16 = 1 << 14
        return entry.pointee.flags & assumeUnchanged != 0 || entry.pointee.flags_extended & skipWorktree != 0
    }

    /// Whether the file (relative to the work tree) holds edits git's status would not show: hidden with
    /// skip-worktree or assume-unchanged, and different from what `head` (a tree's entries) has. They are
    /// the user's edits all the same, and nothing may write over them.
    public func hasHiddenEdits(_ path: String, head: [String: GitObjectID]) throws(GitError) -> Bool {
        guard try isHiddenFromStatus(path) else { return false }
        let onDisk = FileManager.default.contents(atPath: URL(fileURLWithPath: workTree).appendingPathComponent(path).path)
        let committed = try head[path].map { id throws(GitError) in try blob(id) }
        return onDisk != committed
    }

    /// The paths (relative to the work tree) that git's index vouches for without reading them: staged
    /// as HEAD has them (`head`), and with the size, inode and modification time the index recorded,
    /// written before the index was (not "racily clean"). Asking each other path's status lists its
    /// directory in libgit2, which over a bundle's files was most of a revision's commit.
    public func unchangedByIndex(_ paths: [String], head: [String: GitObjectID]) throws(GitError) -> Set<String> {
        var index: OpaquePointer?
        try GitError.check(git_repository_index(&index, pointer), "reading the index")
        defer { git_index_free(index) }
        var indexStatus = stat()
        guard stat(gitDirectory + "/index", &indexStatus) == 0 else { return [] }
        var out: Set<String> = []
        for path in paths {
            guard let entry = git_index_get_bypath(index, path, 0), let committed = head[path], GitObjectID(entry.pointee.id) == committed else { continue }
            var file = stat()
            guard stat(workTree + "/" + path, &file) == 0 else { continue }
            let recorded = entry.pointee
            let sameStat = UInt32(truncatingIfNeeded: file.st_size) == recorded.file_size
                && UInt32(truncatingIfNeeded: file.st_ino) == recorded.ino
                && Int32(truncatingIfNeeded: file.st_mtim.tv_sec) == recorded.mtime.seconds
                && UInt32(truncatingIfNeeded: file.st_mtim.tv_nsec) == recorded.mtime.nanoseconds
            // Written in the same second as the index (or later): its content may differ at the same time stamp.
            let racy = file.st_mtim.tv_sec >= indexStatus.st_mtim.tv_sec
            if sameStat && !racy { out.insert(path) }
        }
        return out
    }

    /// A blob's bytes.
    public func blob(_ id: GitObjectID) throws(GitError) -> Data {
        var oid = id.raw
        var blob: OpaquePointer?
        try GitError.check(git_blob_lookup(&blob, pointer, &oid), "reading blob \(id.short)")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: raw, count: size)
    }

    /// The files of a commit's tree (path → blob id).
    public func treeEntries(of commitID: GitObjectID) throws(GitError) -> [String: GitObjectID] {
        Dictionary(try treeFiles(of: commitID).filter { $0.kind != .submodule }.map { ($0.path, $0.id) }) { first, _ in first }
    }

    /// Stages `paths` (added, changed or deleted; relative to the work tree) and commits the index on
    /// top of HEAD. Only these paths change in the index.
    /// Waits (bounded, saying so) while a git command of the user's holds the index's or a ref's lock.
    @discardableResult
    public func commit(paths: [String], message: String, identity: CommitIdentity) throws(GitError) -> GitObjectID {
        try GitLockWait.retrying(gitDirectory: gitDirectory) { () throws(GitError) in
            try commitOnce(paths: paths, message: message, identity: identity)
        }
    }

    /// One try of `commit(paths:…)`: when git's lock is busy it fails before changing anything but
    /// objects (the index is written first; the branch moves last).
    private func commitOnce(paths: [String], message: String, identity: CommitIdentity) throws(GitError) -> GitObjectID {
        var index: OpaquePointer?
        try GitError.check(git_repository_index(&index, pointer), "reading the index")
        defer { git_index_free(index) }
        // What a git command of the user's wrote to the index meanwhile (a try after waiting for its lock).
        try GitError.check(git_index_read(index, 0), "reading the index")
        for path in paths {
            if FileManager.default.fileExists(atPath: workTree + "/" + path) {
                try GitError.check(git_index_add_bypath(index, path), "staging \(path)")
            } else {
                let code = git_index_remove_bypath(index, path)
                if code != GIT_ENOTFOUND.rawValue { try GitError.check(code, "staging the removal of \(path)") }
            }
        }
        // The commit's tree is HEAD's with only these paths taken from the index: what the user staged
        // elsewhere stays staged and out of the revision (as with `git commit -- PATHS`).
        var partial: OpaquePointer?
        try GitError.check(git_index_new(&partial), "making an index")
        defer { git_index_free(partial) }
        if let head = try headCommitID() {
            var oid = head.raw
            var commit: OpaquePointer?
            try GitError.check(git_commit_lookup(&commit, pointer, &oid), "reading HEAD")
            defer { git_commit_free(commit) }
            var tree: OpaquePointer?
            try GitError.check(git_commit_tree(&tree, commit), "reading HEAD's tree")
            defer { git_tree_free(tree) }
            try GitError.check(git_index_read_tree(partial, tree), "reading HEAD's tree")
        }
        for path in paths {
            if let entry = git_index_get_bypath(index, path, 0) {
                try GitError.check(git_index_add(partial, entry), "staging \(path)")
            } else {
                _ = git_index_remove(partial, path, 0)
            }
        }
        return try commitIndex(index!, tree: partial, message: message, identity: identity)
    }

    /// Writes the index and commits on top of HEAD, moving the current branch: the tree of `tree`
    /// (an index of its own), or else the index's.
    func commitIndex(_ index: OpaquePointer, tree treeIndex: OpaquePointer? = nil, message: String, identity: CommitIdentity) throws(GitError) -> GitObjectID {
        try GitError.check(git_index_write(index), "writing the index")
        FaultPoint.afterIndexWrite.reach()
        var treeID = git_oid()
        if let treeIndex {
            try GitError.check(git_index_write_tree_to(&treeID, treeIndex, pointer), "writing the tree")
        } else {
            try GitError.check(git_index_write_tree(&treeID, index), "writing the tree")
        }
        var tree: OpaquePointer?
        try GitError.check(git_tree_lookup(&tree, pointer, &treeID), "reading the new tree")
        defer { git_tree_free(tree) }
        // Both signatures without a time of their own share one "now", as in git.
        var now: UnsafeMutablePointer<git_signature>?
        try GitError.check(git_signature_now(&now, identity.author.name, identity.author.email), "reading the clock")
        defer { git_signature_free(now) }
        let moment = GitTime(seconds: Int64(now!.pointee.when.time), offsetMinutes: Int32(now!.pointee.when.offset))
        func signature(_ person: GitSignature, _ what: String) throws(GitError) -> UnsafeMutablePointer<git_signature>? {
            let time = person.time ?? moment
            var signature: UnsafeMutablePointer<git_signature>?
            try GitError.check(git_signature_new(&signature, person.name, person.email, git_time_t(time.seconds), Int32(time.offsetMinutes)),
                               "creating the \(what) signature of \(person.name) <\(person.email)>")
            return signature
        }
        let author = try signature(identity.author, "author")
        defer { git_signature_free(author) }
        let committer = try signature(identity.committer, "committer")
        defer { git_signature_free(committer) }
        var parents: [OpaquePointer?] = []
        defer { for p in parents { git_commit_free(p) } }
        if let head = try headCommitID() {
            var oid = head.raw
            var parent: OpaquePointer?
            try GitError.check(git_commit_lookup(&parent, pointer, &oid), "reading HEAD")
            parents.append(parent)
        }
        var commitID = git_oid()
        let code = parents.withUnsafeMutableBufferPointer { buffer in
            git_commit_create(&commitID, pointer, "HEAD", author, committer, "UTF-8", message, tree, buffer.count, buffer.baseAddress)
        }
        try GitError.check(code, "creating the commit")
        return GitObjectID(commitID)
    }

    /// Reverts `commit` in the index and working tree and commits the result on top of HEAD.
    /// Waits (bounded, saying so) while a git command of the user's holds the index's or a ref's lock.
    public func revert(_ commitID: GitObjectID, message: String, identity: CommitIdentity) throws(GitError) -> GitObjectID {
        var oid = commitID.raw
        var commit: OpaquePointer?
        try GitError.check(git_commit_lookup(&commit, pointer, &oid), "reading commit \(commitID.short)")
        defer { git_commit_free(commit) }
        // git_revert locks the index before it writes anything: a try that meets a held lock changed nothing.
        try GitLockWait.retrying(gitDirectory: gitDirectory) { () throws(GitError) in
            try GitError.check(git_revert(pointer, commit, nil), "reverting \(commitID.short)")
        }
        defer { git_repository_state_cleanup(pointer) }
        var index: OpaquePointer?
        try GitError.check(git_repository_index(&index, pointer), "reading the index")
        defer { git_index_free(index) }
        if git_index_has_conflicts(index) != 0 {
            throw GitError(operation: "reverting \(commitID.short)", code: -1, message: "the revert conflicts with later changes")
        }
        // The work tree and index hold the revert; writing the index again and moving the branch can
        // meet a lock taken meanwhile, and are tried again until they succeed together.
        return try GitLockWait.retrying(gitDirectory: gitDirectory) { () throws(GitError) in
            try commitIndex(index!, message: message, identity: identity)
        }
    }

    /// A unified patch between two commits (the first's parent when `from` is nil).
    public func patch(from: GitObjectID?, to: GitObjectID) throws(GitError) -> String {
        func tree(_ id: GitObjectID?) throws(GitError) -> OpaquePointer? {
            guard let id else { return nil }
            var oid = id.raw
            var commit: OpaquePointer?
            try GitError.check(git_commit_lookup(&commit, pointer, &oid), "reading commit \(id.short)")
            defer { git_commit_free(commit) }
            var t: OpaquePointer?
            try GitError.check(git_commit_tree(&t, commit), "reading the tree of \(id.short)")
            return t
        }
        let old = try tree(from), new = try tree(to)
        defer { git_tree_free(old); git_tree_free(new) }
        var diff: OpaquePointer?
        try GitError.check(git_diff_tree_to_tree(&diff, pointer, old, new, nil), "comparing trees")
        defer { git_diff_free(diff) }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try GitError.check(git_diff_to_buf(&buffer, diff, GIT_DIFF_FORMAT_PATCH), "formatting the patch")
        guard let p = buffer.ptr else { return "" }
        return String(cString: p)
    }
}

extension GitRepository {
    /// Makes the index entries of `paths` match HEAD (as `git reset -- paths` does).
    public func resetIndex(paths: [String]) throws(GitError) {
        var index: OpaquePointer?
        try GitError.check(git_repository_index(&index, pointer), "reading the index")
        defer { git_index_free(index) }
        let head = try headCommitID()
        let tree = try head.map { id throws(GitError) in try treeEntries(of: id) } ?? [:]
        var fromHead: [String] = []
        for path in paths {
            if tree[path] != nil {
                // The work tree holds HEAD's content again (the journal restored it): stage it. Where the
                // object store takes no writes (read-only, a full disk), HEAD's entry is taken as it is.
                if git_index_add_bypath(index, path) < 0 { fromHead.append(path) }
            } else {
                let code = git_index_remove_bypath(index, path)
                if code != GIT_ENOTFOUND.rawValue { try GitError.check(code, "removing \(path) from the index") }
            }
        }
        try GitError.check(git_index_write(index), "writing the index")
        if let head, !fromHead.isEmpty { try resetIndexEntries(fromHead, to: head) }
    }

    /// Whether the index on disk holds exactly `tree`'s entries for `paths` (path → blob; absent: not
    /// in the index), with no conflict: then nothing needs staging again, and the index's lock is not needed.
    public func indexMatches(_ tree: [String: GitObjectID], paths: [String]) throws(GitError) -> Bool {
        var index: OpaquePointer?
        try GitError.check(git_repository_index(&index, pointer), "reading the index")
        defer { git_index_free(index) }
        // The index on disk: a failed try may have staged entries in the repository's shared in-memory one.
        try GitError.check(git_index_read(index, 1), "reading the index")
        guard git_index_has_conflicts(index) == 0 else { return false }
        for path in paths {
            let staged = git_index_get_bypath(index, path, 0).map { GitObjectID($0.pointee.id) }
            if staged != tree[path] { return false }
        }
        return true
    }

    /// Sets the index entries of `paths` to those of the commit's tree; reads objects, writes none.
    func resetIndexEntries(_ paths: [String], to commitID: GitObjectID) throws(GitError) {
        var oid = commitID.raw
        var commit: OpaquePointer?
        try GitError.check(git_object_lookup(&commit, pointer, &oid, GIT_OBJECT_COMMIT), "reading commit \(commitID)")
        defer { git_object_free(commit) }
        var strings = paths.map { strdup($0) }
        defer { strings.forEach { free($0) } }
        let code = strings.withUnsafeMutableBufferPointer { buffer in
            var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return git_reset_default(pointer, commit, &array)
        }
        try GitError.check(code, "restoring \(paths.joined(separator: ", ")) in the index")
    }
}

/// git's whole configuration as `git config --list` gives it, read once a few seconds per work tree (a revision reads a
/// dozen values; a process each made it twice as slow).
enum EnvironmentConfig {
    nonisolated(unsafe) private static var cache: [String: (read: Date, values: [String: String])] = [:]
    private static let lock = NSLock()

    static func value(_ key: String, workTree: String) -> String? {
        let values = lock.withLock { () -> [String: String]? in
            guard let kept = cache[workTree], Date().timeIntervalSince(kept.read) < 2 else { return nil }
            return kept.values
        } ?? read(workTree)
        var parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if let first = parts.first { parts[0] = first.lowercased() }
        if parts.count > 1 { parts[parts.count - 1] = parts[parts.count - 1].lowercased() }
        return values[parts.joined(separator: ".")]
    }

    private static func read(_ workTree: String) -> [String: String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", workTree, "config", "--list", "-z"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        var values: [String: String] = [:]
        if (try? process.run()) != nil {
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            for entry in String(decoding: data, as: UTF8.self).split(separator: "\0") {
                let pair = entry.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
                guard let name = pair.first else { continue }
                values[String(name)] = pair.count > 1 ? String(pair[1]) : "true"
            }
        }
        lock.withLock { cache[workTree] = (Date(), values) }
        return values
    }
}
