import BundleModel
import Foundation

/// `.git/dabrepo-revision.journal`: what a revision in progress is about to change, so that a crash
/// can be repaired. It records HEAD and the touched files' committed blobs before anything is written.
///
/// Recovery (run before every revision and by the repository commands): when HEAD still is the recorded
/// commit, the touched files are restored from it (roll back); when HEAD moved on, they are rewritten
/// from the new commit (roll forward). Either way the index entries of the touched files are made to
/// match HEAD, stale git lock files and the temporary files of the dead process are removed, and the
/// journal is deleted.
public final class RevisionJournal {
    let path: String
    private var finished = false

    init(path: String) {
        self.path = path
    }

    struct Record: Codable {
        var pid: Int32
        var head: String?
        var paths: [String]
        /// The digest of what the revision writes to each path ("" where it removes the file); nil in
        /// journals of older versions. Recovery puts back only a file that holds these bytes (or HEAD's):
        /// anything else was written by the user since, and is theirs.
        var written: [String: String]?
    }

    /// The digest a journal records of a file's intended content ("" for a removal).
    static func digest(_ content: Data?) -> String { content.map(ContentHashingFileSource.digest) ?? "" }

    static func location(_ repository: GitRepository) -> String { repository.gitDirectory + "/dabrepo-revision.journal" }

    static func begin(repository: GitRepository, paths: [String], written: [String: Data?]) throws(RepositoryError) -> RevisionJournal {
        let head: GitObjectID?
        do { head = try repository.headCommitID() } catch { throw .git(error) }
        let record = Record(pid: getpid(), head: head?.description, paths: paths, written: written.mapValues(digest))
        let data: Data
        do { data = try JSONEncoder().encode(record) } catch { throw .io("cannot write the revision journal: \(error)") }
        let path = location(repository)
        try AtomicFileWriter.write(data, to: URL(fileURLWithPath: path))
        FaultPoint.afterJournal.reach()
        return RevisionJournal(path: path)
    }

    func finish() {
        unlink(path)
        finished = true
    }

    /// For read-only commands: repairs an interrupted revision when there is one and no live dabrepo
    /// process holds the lock. A quick file check otherwise.
    /// - Returns: what the repair said (also said to the front end's listener, as ever): a result carries it.
    @discardableResult
    public static func recoverIfInterrupted(_ repository: GitRepository) -> [String] {
        guard FileManager.default.fileExists(atPath: location(repository)) || !staleTemporaries(repository).isEmpty else { return [] }
        let lock = RepositoryLock(gitDirectory: repository.gitDirectory)
        guard (try? lock.acquire(wait: 0)) != nil else { return [] }
        defer { lock.release() }
        return collectingNotices { try? recover(repository) }
    }

    /// What `body` says through `WaitingNotice`, said on to the front end's listener too.
    static func collectingNotices(_ body: () -> Void) -> [String] {
        let said = SaidNotices()
        let outer = WaitingNotice.listener
        let listener = WaitingNotice.Listener { message in
            said.append(message)
            if let outer { outer.hear(message) } else { WaitingNotice.fallback(message) }
        }
        WaitingNotice.$listener.withValue(listener) { body() }
        return said.messages
    }

    /// For commands that read the work tree without a repository at hand (`validate`): the same for the
    /// repository holding `directory`, after a look for its journal (it validated a killed revision's half-written
    /// files as the bundle).
    /// - Returns: what the repair said (also said to the front end's listener, as ever): a report carries it.
    @discardableResult
    public static func recoverIfInterrupted(near directory: URL) -> [String] {
        collectingNotices { findAndRecover(near: directory) }
    }

    private static func findAndRecover(near directory: URL) {
        var folder = directory.standardizedFileURL
        while true {
            let git = folder.appendingPathComponent(".git")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: git.path, isDirectory: &isDirectory) {
                // (A .git file — a worktree, a submodule — names the git directory elsewhere: opened to find it.)
                if !isDirectory.boolValue || FileManager.default.fileExists(atPath: git.appendingPathComponent("dabrepo-revision.journal").path),
                   let repository = try? GitRepository.open(containing: directory.path) {
                    recoverIfInterrupted(repository)
                }
                return
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return }
            folder = parent
        }
    }

    /// The patches the pre-commit framework wrote to its cache (PRE_COMMIT_HOME, else $XDG_CACHE_HOME/pre-commit or
    /// ~/.cache/pre-commit) since `date`, still there: uncommitted edits it stashed and, killed, did not restore.
    static func preCommitPatches(since date: Date) -> [String] {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["PRE_COMMIT_HOME"] ?? ((environment["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")) + "/pre-commit")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: home)) ?? []
        return names.filter { $0.hasPrefix("patch") }.map { home + "/" + $0 }.filter { file in
            ((try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date) ?? nil).map { $0 >= date.addingTimeInterval(-1) } ?? false
        }.sorted()
    }

    /// Temporary files of journals whose process was killed before it renamed them into place, and the hook index and
    /// message files of revisions whose process is gone (`dabrepo-hook-index-<pid>`, left in .git after a kill).
    static func staleTemporaries(_ repository: GitRepository) -> [String] {
        let prefix = ".dabrepo-revision.journal.dabrepo-"
        return ((try? FileManager.default.contentsOfDirectory(atPath: repository.gitDirectory)) ?? []).filter { name in
            if name.hasPrefix(prefix) { return true }
            for hookFile in ["dabrepo-hook-index-", "DABREPO_COMMIT_EDITMSG-"] where name.hasPrefix(hookFile) {
                guard let pid = Int32(name.dropFirst(hookFile.count)) else { return false }
                return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
            }
            return false
        }.map { repository.gitDirectory + "/" + $0 }
    }

    /// Repairs an interrupted revision, if there is one. The caller holds the repository lock.
    /// - Parameter afterCrash: the revision's process died (false: this process rolls back its own
    ///   failed revision, whose libgit2 calls removed their lock files themselves; a lock file there now
    ///   is a git command of the user's, such as the index.lock a revision waited for in vain, and stays).
    public static func recover(_ repository: GitRepository, afterCrash: Bool = true) throws(RepositoryError) {
        for stale in staleTemporaries(repository) { unlink(stale) }
        let path = location(repository)
        guard let data = FileManager.default.contents(atPath: path),
              let record = try? JSONDecoder().decode(Record.self, from: data) else {
            if FileManager.default.fileExists(atPath: path) { unlink(path) }
            return
        }
        // Lock files a killed libgit2 call may have left (this process holds dabrepo.lock). (An undo no
        // longer runs git's revert: REVERT_HEAD and MERGE_MSG are the user's, and stay.)
        // (Only a lock no older than the journal: one that was there before the revision began is a git command's of
        // the user's, which the revision waited for — removing it broke the user's commit.)
        let began = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil
        if afterCrash {
            func removeIfTheRevisions(_ lock: String) {
                guard let made = (try? FileManager.default.attributesOfItem(atPath: lock)[.modificationDate] as? Date) ?? nil else { return }
                if let began, made < began.addingTimeInterval(-1) { return }
                unlink(lock)
            }
            for stale in ["index.lock", "HEAD.lock"] { removeIfTheRevisions(repository.gitDirectory + "/" + stale) }
            if let branch = repository.currentBranch { removeIfTheRevisions(repository.gitDirectory + "/refs/heads/\(branch).lock") }
        }
        do {
            let head = try repository.headCommitID()
            let tree = try head.map { try repository.treeEntries(of: $0) } ?? [:]
            let work = URL(fileURLWithPath: repository.workTree)
            var repaired: [String] = [], restored: [String] = []
            for file in record.paths {
                let url = work.appendingPathComponent(file)
                unlink(AtomicFileWriter.temporaryFile(for: url, pid: record.pid).path)
                let current = FileManager.default.contents(atPath: url.path)
                let committed = try tree[file].map { try repository.blob($0) }
                if current == committed { repaired.append(file); continue }
                // Bytes the revision did not write (the user edited the file after the crash, or committed
                // and edited again): theirs, kept as they are.
                // (Said: the file may still hold part of the interrupted revision beside the user's edit — a later
                // `git commit -a` would commit half a revision nobody approved.)
                if let written = record.written, let expected = written[file], digest(current) != expected {
                    WaitingNotice.say("an interrupted revision had changed \(file), which was edited since: it is kept as it is, "
                        + "and may still hold part of that revision; check it with `git diff -- \(file)`")
                    continue
                }
                if let committed { try AtomicFileWriter.write(committed, to: url) } else { try AtomicFileWriter.remove(url) }
                repaired.append(file)
                restored.append(file)
            }
            // The pre-commit framework, killed with the revision, keeps the user's uncommitted edits it had put aside
            // in a patch of its cache (they vanished from the work tree): said, with how to get them back.
            if afterCrash, let began {
                for patch in preCommitPatches(since: began) {
                    WaitingNotice.say("the repository's pre-commit hook ran in the interrupted revision and put uncommitted edits aside in \(patch); "
                        + "if edits of yours are missing from the work tree, `git apply \(patch)` brings them back")
                }
            }
            // (Said: a file changing under the user's eyes with no word was taken for a lost edit.)
            if afterCrash, !restored.isEmpty {
                WaitingNotice.say("a revision was interrupted (its process ended mid-way): \(restored.joined(separator: ", ")) put back as last committed")
            }
            // An index nobody wrote to (a revision that waited in vain for the user's index.lock) is
            // left alone: writing it would need that lock.
            if !repaired.isEmpty, try !repository.indexMatches(tree, paths: repaired) { try repository.resetIndex(paths: repaired) }
        } catch let error as GitError {
            throw .git(error)
        } catch let error as RepositoryError {
            throw error
        } catch {
            throw .io("\(error)")
        }
        unlink(path)
    }
}

/// The notices said while a repair ran.
private final class SaidNotices: @unchecked Sendable {
    private let lock = NSLock()
    private var said: [String] = []
    func append(_ message: String) { lock.withLock { said.append(message) } }
    var messages: [String] { lock.withLock { said } }
}
