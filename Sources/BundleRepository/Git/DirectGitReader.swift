import Foundation

/// What reading a repository's snapshots needs: the staged files, HEAD's files and blobs. Served by
/// libgit2 (`GitRepository`) or, without loading libgit2, by `DirectGitReader`.
public protocol GitSnapshotReading: AnyObject {
    /// The work tree's absolute path, without a trailing slash.
    var workTree: String { get }
    /// The repository's git directory (for a linked worktree, its own), without a trailing slash.
    var gitDirectory: String { get }
    /// The staged files (path relative to the work tree → blob id) of the repository's index or, given,
    /// of another index file (git's GIT_INDEX_FILE).
    func indexEntries(indexFile: String?) throws(GitError) -> [String: GitObjectID]
    /// HEAD's commit, or nil on an unborn branch.
    func headCommitID() throws(GitError) -> GitObjectID?
    /// The files of a commit's tree (path → blob id), submodules left out.
    func treeEntries(of commitID: GitObjectID) throws(GitError) -> [String: GitObjectID]
    func blob(_ id: GitObjectID) throws(GitError) -> Data
}

extension GitRepository: GitSnapshotReading {}

/// Reads a repository's index, HEAD, trees and blobs from its files (GitIndexFile, GitObjectStore)
/// instead of through libgit2, whose loading and start-up (it parses the system's certificate bundle)
/// cost ~10 ms, more than the rest of a pre-commit check with a warm findings cache. What it does not
/// read itself — a sparse index, an object it cannot find (alternates, promisor remotes), a ref it
/// cannot resolve — it asks libgit2, opened then: its answers are libgit2's, only sooner. It also reads
/// a split index (`core.splitIndex`), which libgit2 1.5 cannot, as git reads it.
public final class DirectGitReader: GitSnapshotReading, @unchecked Sendable {
    public let workTree: String
    public let gitDirectory: String
    /// Where objects, refs and packed-refs live (a linked worktree shares its main repository's).
    let commonDirectory: String
    let objects: GitObjectStore
    /// Opened on the first question left to it; guarded by `lock` (blobs are read from several threads).
    private var libgit2: GitRepository?
    private let lock = NSLock()
    /// Whether some question was left to libgit2.
    var askedLibgit2: Bool { lock.withLock { libgit2 != nil } }

    init(workTree: String, gitDirectory: String, commonDirectory: String) {
        self.workTree = workTree
        self.gitDirectory = gitDirectory
        self.commonDirectory = commonDirectory
        objects = GitObjectStore(objectsDirectory: commonDirectory + "/objects")
    }

    /// The repository whose work tree holds `path`, found as git finds it: upwards from `path` to a
    /// `.git` directory or `.git` file (a linked worktree or a submodule), or in `gitDirectory` when
    /// given (git's GIT_DIR, which git sets for the hooks of a linked worktree) with `workTree` (GIT_WORK_TREE).
    /// Nil when there is none or its layout is one this reader leaves to libgit2 (a bare repository,
    /// `core.worktree`, repository extensions such as SHA-256 objects, included configuration).
    public static func open(containing path: String, gitDirectory: String? = nil, workTree: String? = nil) -> DirectGitReader? {
        let start = absolute(path, from: FileManager.default.currentDirectoryPath)
        var gitDir: String, work: String
        if let gitDirectory, !gitDirectory.isEmpty {
            gitDir = absolute(gitDirectory, from: FileManager.default.currentDirectoryPath)
            if let workTree, !workTree.isEmpty {
                work = absolute(workTree, from: FileManager.default.currentDirectoryPath)
            } else if FileManager.default.fileExists(atPath: gitDir + "/commondir"),
                      let dotGit = contents(gitDir + "/gitdir") {
                // A linked worktree's git directory names the `.git` file at the top of its work tree.
                work = (absolute(dotGit, from: gitDir) as NSString).deletingLastPathComponent
            } else {
                return nil
            }
        } else {
            var directory = start
            while true {
                let dotGit = directory == "/" ? "/.git" : directory + "/.git"
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: dotGit, isDirectory: &isDirectory) {
                    if isDirectory.boolValue {
                        gitDir = dotGit
                    } else if let text = contents(dotGit), text.hasPrefix("gitdir:") {
                        gitDir = absolute(String(text.dropFirst("gitdir:".count)).trimmingCharacters(in: .whitespaces), from: directory)
                    } else {
                        return nil
                    }
                    work = directory
                    break
                }
                guard directory != "/" else { return nil }
                directory = (directory as NSString).deletingLastPathComponent
            }
        }
        guard FileManager.default.fileExists(atPath: gitDir + "/HEAD") else { return nil }
        let common = contents(gitDir + "/commondir").map { absolute($0, from: gitDir) } ?? gitDir
        guard handlesConfiguration(contents(common + "/config") ?? "") else { return nil }
        return DirectGitReader(workTree: work, gitDirectory: gitDir, commonDirectory: common)
    }

    /// Whether a repository configuration leaves nothing this reader would get wrong: no extensions
    /// (object format, ref storage, worktree configuration, partial clones), no bare repository or
    /// separate work tree, no included files that could set those.
    static func handlesConfiguration(_ text: String) -> Bool {
        for line in text.split(whereSeparator: \.isNewline) {
            let setting = line.filter { $0 != " " && $0 != "\t" }.lowercased()
            if setting.hasPrefix("[extensions") || setting.hasPrefix("[include") || setting.hasPrefix("worktree=")
                || setting.hasPrefix("bare=true") || setting.hasPrefix("bare=yes") || setting.hasPrefix("bare=1") || setting == "bare" {
                return false
            }
        }
        return true
    }

    /// A small file's text without its trailing newline, or nil.
    static func contents(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    static func absolute(_ path: String, from directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        return (joined as NSString).standardizingPath
    }

    /// libgit2's view of the same repository, opened on the first question this reader leaves to it.
    private func fallback() throws(GitError) -> GitRepository {
        lock.lock()
        defer { lock.unlock() }
        if let libgit2 { return libgit2 }
        let opened = try GitRepository.open(containing: workTree)
        libgit2 = opened
        return opened
    }

    public func indexEntries(indexFile: String?) throws(GitError) -> [String: GitObjectID] {
        do {
            return try GitIndexFile.entries(atPath: indexFile.map { Self.absolute($0, from: FileManager.default.currentDirectoryPath) } ?? gitDirectory + "/index",
                                            sharedIndexDirectory: gitDirectory)
        } catch {
            return try fallback().indexEntries(indexFile: indexFile)
        }
    }

    public func headCommitID() throws(GitError) -> GitObjectID? {
        var reference = "HEAD"
        for _ in 0..<10 {
            // HEAD and other per-worktree refs live in the worktree's git directory, branches in the common one.
            let directory = reference == "HEAD" ? gitDirectory : commonDirectory
            if let text = Self.contents(directory + "/" + reference) {
                if text.hasPrefix("ref:") {
                    reference = text.dropFirst(4).trimmingCharacters(in: .whitespaces)
                    continue
                }
                if let id = GitObjectID(hex: text) { return id }
                break
            }
            if let id = packedReference(reference) { return id }
            // An unborn branch: HEAD names a branch that has no commit yet.
            return reference.hasPrefix("refs/heads/") ? nil : try fallback().headCommitID()
        }
        return try fallback().headCommitID()
    }

    /// A ref's id in `packed-refs`, or nil.
    private func packedReference(_ name: String) -> GitObjectID? {
        guard let text = Self.contents(commonDirectory + "/packed-refs") else { return nil }
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("^") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[1] == name { return GitObjectID(hex: parts[0]) }
        }
        return nil
    }

    public func treeEntries(of commitID: GitObjectID) throws(GitError) -> [String: GitObjectID] {
        do {
            let commit = try objects.object(commitID)
            guard commit.kind == .commit, commit.data.starts(with: Array("tree ".utf8)), commit.data.count >= 45,
                  let tree = GitObjectID(hex: String(decoding: commit.data[5..<45], as: UTF8.self)) else {
                throw GitObjectStoreMiss(reason: "\(commitID.short) is not a commit")
            }
            var out: [String: GitObjectID] = [:]
            try addTree(tree, prefix: "", to: &out)
            return out
        } catch {
            return try fallback().treeEntries(of: commitID)
        }
    }

    /// A tree's files under `prefix`: entries are "<octal mode> <name>\0<20-byte id>".
    private func addTree(_ id: GitObjectID, prefix: String, to out: inout [String: GitObjectID]) throws(GitObjectStoreMiss) {
        let tree = try objects.object(id)
        guard tree.kind == .tree else { throw GitObjectStoreMiss(reason: "\(id.short) is not a tree") }
        let data = tree.data
        var at = 0
        while at < data.count {
            guard let space = data[at...].firstIndex(of: UInt8(ascii: " ")), let nul = data[space...].firstIndex(of: 0),
                  nul + 21 <= data.count else { throw GitObjectStoreMiss(reason: "tree \(id.short) is corrupt") }
            let mode = String(decoding: data[at..<space], as: UTF8.self)
            let name = prefix + String(decoding: data[(space + 1)..<nul], as: UTF8.self)
            let entry = GitObjectID(bytes: Array(data[(nul + 1)..<(nul + 21)]))
            switch mode {
            case "40000", "040000": try addTree(entry, prefix: name + "/", to: &out)
            case "160000": break // a submodule's commit
            default: if out[name] == nil { out[name] = entry }
            }
            at = nul + 21
        }
    }

    public func blob(_ id: GitObjectID) throws(GitError) -> Data {
        do {
            let object = try objects.object(id)
            guard object.kind == .blob else { throw GitObjectStoreMiss(reason: "\(id.short) is not a blob") }
            return Data(object.data)
        } catch {
            return try fallback().blob(id)
        }
    }
}
