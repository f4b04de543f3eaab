import BundleModel
import Foundation

/// Reading and undoing revisions.
public struct RevisionHistory {
    public struct Entry: Sendable {
        public var commit: GitCommitInfo
        /// Set when the commit is a dabrepo revision.
        public var revision: RevisionMessage?
    }

    public let repository: GitRepository
    /// The bundle's folder relative to the work tree ("bundles/etl/"), when it is not the whole
    /// repository: the log lists, and undo reverts, only the commits that changed files in it (a
    /// repository with several bundles keeps each one's history apart).
    public let scope: String

    public init(repository: GitRepository, scope: String = "") {
        self.repository = repository
        self.scope = scope
        RevisionJournal.recoverIfInterrupted(repository)
    }

    /// The folder of the bundle at or above `directory` ("" for the top of the work tree, or no bundle).
    public static func scope(of directory: URL, in repository: GitRepository) -> String {
        let work = URL(fileURLWithPath: repository.workTree).resolvingSymlinksInPath().path
        var folder = directory.standardizedFileURL.resolvingSymlinksInPath()
        while folder.path.hasPrefix(work), folder.path != work {
            if ["databricks.yml", "databricks.yaml"].contains(where: { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }) {
                return String(folder.path.dropFirst(work.count + 1)) + "/"
            }
            folder = folder.deletingLastPathComponent()
        }
        return ""
    }

    /// Whether `commit` changed a file of the bundle (always, for the whole repository).
    func touchesScope(_ commit: GitCommitInfo) throws(GitError) -> Bool {
        guard !scope.isEmpty else { return true }
        let after = try repository.treeEntries(of: commit.id).filter { $0.key.hasPrefix(scope) }
        let before = try commit.parents.first.map { parent throws(GitError) in try repository.treeEntries(of: parent).filter { $0.key.hasPrefix(scope) } } ?? [:]
        return after != before
    }

    public func entries(limit: Int) throws(RepositoryError) -> [Entry] {
        do {
            guard !scope.isEmpty else {
                return try repository.history(limit: limit).map { Entry(commit: $0, revision: RevisionMessage(parsing: $0.message)) }
            }
            var out: [Entry] = []
            for commit in try repository.history(limit: min(max(limit * 20, 200), 5_000)) where out.count < limit {
                if try touchesScope(commit) { out.append(Entry(commit: commit, revision: RevisionMessage(parsing: commit.message))) }
            }
            return out
        } catch {
            throw .git(error)
        }
    }

    public func entry(_ revision: String) throws(RepositoryError) -> Entry {
        do {
            let commit = try repository.commit(try repository.resolve(revision))
            return Entry(commit: commit, revision: RevisionMessage(parsing: commit.message))
        } catch {
            throw .git(error)
        }
    }

    public func patch(of entry: Entry) throws(RepositoryError) -> String {
        do { return try repository.patch(from: entry.commit.parents.first, to: entry.commit.id) } catch { throw .git(error) }
    }

    /// The revision the next undo reverts: the latest dabrepo revision that no undo has reverted yet.
    /// Undo commits, and the revisions they reverted, are stepped over (first parents back from
    /// HEAD), so that undoing again goes one revision further back, as in an editor.
    public func undoTarget() throws(RepositoryError) -> GitCommitInfo {
        var undone: Set<String> = []
        var next: GitObjectID?
        do { next = try repository.headCommitID() } catch { throw .git(error) }
        guard next != nil else { throw .nothingToUndo("the repository has no commits") }
        var steps = 0
        while let id = next {
            let commit: GitCommitInfo
            do { commit = try repository.commit(id) } catch { throw .git(error) }
            let revision = RevisionMessage(parsing: commit.message)
            // Another bundle's commit in the same repository is neither undone nor in the way.
            let elsewhere: Bool
            do { elsewhere = try !touchesScope(commit) } catch { throw .git(error) }
            let skipped = elsewhere || undone.contains(id.description)
            // An undo that a later undo reverted (older versions undid undos) counts for nothing.
            if skipped {
            } else if revision?.agent == "undo", let reverted = commit.message.firstMatch(of: /This reverts commit ([0-9a-f]{40})/) {
                undone.insert(String(reverted.1))
            } else {
                guard commit.parents.count <= 1 else { throw .nothingToUndo("\(id.short) is a merge; revert it with git: `git revert -m 1 \(id.short)` takes back what the merged branch brought") }
                guard revision != nil else {
                    // A commit of the user's on top: undo stops there, and says how to revert the revision below it.
                    var below = commit.parents.first
                    var hint = ""
                    var reverted = undone
                    for _ in 0..<200 {
                        guard let id = below, let older = try? repository.commit(id) else { break }
                        if let message = RevisionMessage(parsing: older.message), !reverted.contains(id.description) {
                            if message.agent == "undo", let of = older.message.firstMatch(of: /This reverts commit ([0-9a-f]{40})/) {
                                reverted.insert(String(of.1))
                            } else {
                                hint = "; to revert the dabrepo revision below it (\(id.short) \"\(older.subject)\"), run git revert \(id.short)"
                                break
                            }
                        }
                        below = older.parents.first
                    }
                    throw .nothingToUndo(steps == 0 ? "HEAD (\(id.short) \"\(commit.subject)\") is not a dabrepo revision, and undo reverts only the latest change\(hint)"
                        : "every dabrepo revision after \(id.short) \"\(commit.subject)\" is undone, and that commit is not a dabrepo revision")
                }
                guard !commit.parents.isEmpty else { throw .nothingToUndo("\(id.short) is the first commit of the repository") }
                return commit
            }
            steps += 1
            next = commit.parents.first
            if next == nil || steps > 1_000 { break }
        }
        throw .nothingToUndo("every dabrepo revision is undone already")
    }

    /// Reverts the latest dabrepo revision not undone yet (`undoTarget`), with a new commit that says
    /// what was undone. Like a revision, it waits its turn on the repository lock, and (bounded, saying
    /// so) for a git command of the user's that holds the index's lock.
    /// - Parameter expected: the revision the caller means to undo (what it showed the user); when
    ///   another is the one to undo by the time the lock is held, nothing is done.
    /// `request`: the words that asked for it ("undo that" in a conversation), as its transcript says them.
    /// A `Changes:` line of a revision, as its undo does it.
    static func reversed(_ line: String) -> String {
        if line.hasPrefix("+ ") { return "- " + line.dropFirst(2) }
        if line.hasPrefix("- ") { return "+ " + line.dropFirst(2) }
        // ("~ resources.jobs.old_job renamed to resources.jobs.new_job": undone, new_job is renamed to old_job.)
        if let rename = line.firstMatch(of: /^~ (\S+) renamed to (\S+)(.*)$/) {
            return "~ \(rename.output.2) renamed to \(rename.output.1)\(rename.output.3)"
        }
        if line.hasPrefix("~ "), let colon = line.range(of: ": "), let arrow = line.range(of: " → ", range: colon.upperBound..<line.endIndex) {
            return String(line[..<colon.upperBound]) + line[arrow.upperBound...] + " → " + line[colon.upperBound..<arrow.lowerBound]
        }
        return line
    }

    public func undo(identity: CommitIdentity, expected: GitObjectID? = nil, request: String = "undo") throws(RepositoryError) -> GitObjectID {
        let lock = RepositoryLock(gitDirectory: repository.gitDirectory)
        try lock.acquire()
        defer { lock.release() }
        try RevisionJournal.recover(repository)
        try RevisionCommitter.refuseDuringGitOperation(repository)
        let commit = try undoTarget()
        let head = commit.id
        if let expected, expected != head {
            throw .nothingToUndo("\(expected.short) is not the latest revision that can be undone: that is \(head.short) \"\(commit.subject)\"; nothing was undone")
        }
        guard let revision = RevisionMessage(parsing: commit.message), let parent = commit.parents.first else {
            throw .nothingToUndo("\(head.short) is not a dabrepo revision")
        }
        // The files the revision touched must not have uncommitted edits.
        let touched: [String]
        // What the undo writes to each file (its content at the parent; nil: removed), for the journal.
        var intended: [String: Data?] = [:]
        // What the undo does to each file: a file the revision added goes ("-"), one it removed comes back ("+").
        var changes: [String] = []
        do {
            let before = try repository.treeEntries(of: parent), after = try repository.treeEntries(of: head)
            touched = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
            for path in touched { intended[path] = try before[path].map { try repository.blob($0) } }
            changes = touched.map { before[$0] == nil ? "- \($0)" : after[$0] == nil ? "+ \($0)" : "~ \($0)" }
            // The revision's own changes, turned round, say what the undo does field by field (its files alone
            // said little): "+ x: 3" is "- x: 3", "~ x: a → b" is "~ x: b → a".
            if !revision.changes.isEmpty { changes = revision.changes.map(Self.reversed) }
            // An empty revision (older dabrepo versions made them) is not reverted by another empty commit.
            if touched.isEmpty { throw RepositoryError.nothingToUndo("\(head.short) \"\(commit.subject)\" changed no file") }
            // (Edits hidden from git's status with skip-worktree or assume-unchanged too: the undo wrote over them.)
            let current = try repository.headCommitID().map { try repository.treeEntries(of: $0) } ?? [:]
            let dirty = try touched.compactMap { path -> String? in
                if try repository.status(of: path).isDirty { return path }
                guard try repository.hasHiddenEdits(path, head: current) else { return nil }
                // (`git stash` leaves such a file alone: the flag goes first.)
                return "\(path) (hidden from git's status: `git update-index --no-skip-worktree \(path) && git update-index --no-assume-unchanged \(path)` shows it again)"
            }
            if !dirty.isEmpty { throw RepositoryError.undoBlockedByEdits(dirty) }
        } catch let e as RepositoryError {
            throw e
        } catch {
            throw .git(error as! GitError)
        }
        let message = RevisionMessage(
            subject: "Undo \"\(revision.subject)\"",
            transcript: [RevisionMessage.Turn(speaker: "user", text: SecretRedaction.redact(request))]
                + [RevisionMessage.Turn(speaker: "dabrepo", text: "Reverted \(head.short) \"\(revision.subject)\"" + (revision.requests.isEmpty ? "." : ", which answered: \(revision.requests.joined(separator: " / "))."))],
            changes: changes,
            validation: "unchanged from \(parent.short)",
            session: revision.session, agent: "undo").text
        // The journal repairs an undo killed half-way (files reverted and staged, no commit yet), as it
        // does a revision's.
        let journal = try RevisionJournal.begin(repository: repository, paths: touched, written: intended)
        do {
            // The touched files as the parent had them, committed alone (as a revision is): what the user
            // staged in other files stays staged and out of the undo (git_revert refused then).
            let work = URL(fileURLWithPath: repository.workTree)
            for path in touched {
                let url = work.appendingPathComponent(path)
                if let content = intended[path] ?? nil { try AtomicFileWriter.write(content, to: url) } else { try AtomicFileWriter.remove(url) }
            }
            let commit = try repository.commit(paths: touched, message: message + "\nThis reverts commit \(head).\n", identity: identity)
            journal.finish()
            return commit
        } catch {
            // Put back what the revert wrote; a lock file there now is a git command's of the user's
            // (such as the index.lock the undo waited for in vain), and stays.
            try? RevisionJournal.recover(repository, afterCrash: false)
            // (Stopped while it waited for git's lock — Ctrl-C, the page's Stop: nothing was undone.)
            if RevisionCancellation.isCancelled { throw .cancelled }
            if let error = error as? RepositoryError { throw error }
            if let error = error as? GitError { throw .git(error) }
            throw .io("\(error)")
        }
    }
}
