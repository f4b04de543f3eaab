import BundleDiff
import BundleModel
import BundleValidation
import Foundation

/// A change to commit as one revision: new file contents (relative to the bundle root; nil removes
/// the file) and the conversation that explains it.
public struct Revision: Sendable {
    public var subject: String
    public var transcript: [RevisionMessage.Turn]
    /// Lines such as `~ resources.jobs.etl.timeout_seconds: 60 → 120`; when empty, the changed files.
    public var changes: [String]
    public var agent: String
    public var session: String
    public var files: [String: Data?]
    /// What the files were when the change was planned (nil content: absent). When given, a file that
    /// changed since (another revision landed while this one waited) refuses the revision, instead of
    /// silently undoing the other's change.
    public var base: [String: Data?]?
    /// The language model that planned it and the tokens it used (trailers), when one did.
    public var model: String?
    public var tokens: String?
    /// What the tokens cost (`$0.0093`), when the model's price is configured.
    public var cost: String?
    /// How many of the transcript's last requests the revision answers (nil: all).
    public var ownRequests: Int?

    public init(subject: String, transcript: [RevisionMessage.Turn], changes: [String] = [], agent: String,
                session: String = Revision.newSessionID(), files: [String: Data?]) {
        self.subject = subject
        self.transcript = transcript
        self.changes = changes
        self.agent = agent
        self.session = session
        self.files = files
    }

    public static func newSessionID() -> String {
        String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(6))
    }
}

/// The outcome of a committed revision.
public struct RevisionResult: Sendable {
    public var commit: GitObjectID
    public var message: String
    public var report: ValidationReport
    /// The commit of the user's own uncommitted edits made first (`--include-dirty`).
    public var savedEditsCommit: GitObjectID?
    /// The warnings the revision brought in (the bundle did not have them before): said with the commit,
    /// which otherwise said only "Found 2 warnings".
    public var newWarnings: [Diagnostic] = []
    /// The subject as committed (a commit-msg hook may have changed it: "PROJ-1 Retry …").
    public var subject: String { message.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "" }
}

/// What committing a revision did.
public enum RevisionOutcome: Sendable {
    case committed(RevisionResult)
    /// Every file already had the revision's content (in the working tree and in HEAD): nothing was
    /// written or committed.
    case unchanged

    /// The committed revision; nil when nothing changed.
    public var committed: RevisionResult? {
        if case .committed(let result) = self { return result }
        return nil
    }
}

/// Commits revisions: the library call that `generate`, `refine` and the MCP tools use.
///
/// 1. Takes `.git/dabrepo.lock` (one revision at a time; it waits its turn), and refuses when the files
///    it was planned on (`Revision.base`) changed meanwhile.
///    A revision that changes no file (each has the new content already, with no uncommitted edit)
///    ends here as `unchanged`: no empty commits.
/// 2. Refuses when a file it must touch has uncommitted changes, unless `includeDirty`, which first
///    commits the user's edits of those files as a commit of their own (a file whose uncommitted
///    content already is the revision's is simply part of the revision).
/// 3. Validates the new state of the bundle, all targets, in memory: with errors nothing is written.
/// 4. Records a journal, writes the files atomically, stages only the touched files and commits.
///    A crash at any point is repaired by `RevisionJournal.recover` on the next run: the repository
///    ends at the old or the new revision with the index matching HEAD.
public struct RevisionCommitter {
    public let bundleRoot: URL
    public let authorOverride: String?
    /// Parsed files shared with the caller's own loads of the bundle.
    public let cache: ParseCache

    public init(bundleRoot: URL, authorOverride: String? = nil, cache: ParseCache = ParseCache()) {
        self.bundleRoot = bundleRoot.standardizedFileURL
        self.authorOverride = authorOverride
        self.cache = cache
    }

    public func commit(_ revision: Revision, includeDirty: Bool = false) throws(RepositoryError) -> RevisionOutcome {
        // Only files inside the bundle, outside .git: nothing is written elsewhere, not even for a moment.
        for relative in revision.files.keys.sorted() {
            let normal = BundlePath.normalize(relative)
            // (An included file beside the bundle's folder: said as such, a refusal, not an internal error.)
            if normal.hasPrefix("../"), !relative.hasPrefix("/") { throw .outsideBundle(normal, root: bundleRoot.path) }
            if relative.hasPrefix("/") || normal.isEmpty || normal == ".." || normal.hasPrefix("../") || normal.split(separator: "/").first == ".git" {
                throw .io("\(relative) is outside the bundle: a revision writes only files inside \(bundleRoot.path), named relative to it (such as resources/etl.job.yml)")
            }
            // Nor through a symbolic link: `resources/ext -> /elsewhere` would write outside the repository,
            // and a link replaced by a file is a change git records as one.
            if let link = Self.symbolicLink(in: normal, under: bundleRoot) {
                throw .io("\(link) is a symbolic link: a revision does not write through links (\(relative) would land outside the files git tracks here); write the file where the link points, or replace the link with a folder")
            }
        }
        let repository: GitRepository
        do {
            repository = try GitRepository.open(containing: bundleRoot.path)
        } catch {
            throw .notARepository(bundleRoot.path)
        }
        let identity = try CommitIdentity.resolve(authorOverride: authorOverride, repository: repository)
        let lock = RepositoryLock(gitDirectory: repository.gitDirectory)
        try lock.acquire()
        defer { lock.release() }
        try RevisionJournal.recover(repository)
        try Self.refuseDuringGitOperation(repository)

        if let base = revision.base {
            let disk = DiskFileSource(root: bundleRoot)
            let moved = base.keys.sorted().filter { file in ((try? disk.read(file)) ?? nil) != base[file] ?? nil }
            guard moved.isEmpty else { throw .changedMeanwhile(moved) }
        }
        let prefix = Self.relativePrefix(of: bundleRoot, in: repository)
        // 1. Only the files that make a change.
        let pending = try pendingChange(revision.files, in: repository)
        guard !pending.files.isEmpty else { return .unchanged }
        var revision = revision
        revision.files = pending.files
        let files = pending.files
        let touched = files.keys.sorted().map { prefix + BundlePath.normalize($0) }

        // Never a secret into a commit, whatever the file (notes.md, .env, config.json: the rules read the
        // bundle's configuration and sources), nor a file git ignores (.databricks/, .dabrepo/, .env).
        try refuseIgnoredFiles(files, prefix: prefix, in: repository)

        // 2. Uncommitted edits of the touched files.
        let dirty = pending.dirty.sorted().map { prefix + BundlePath.normalize($0) }
        if !dirty.isEmpty, !includeDirty { throw .dirtyFiles(dirty) }

        // 3. Validate the result before touching anything (the user's edits are saved only for a
        //    revision that will be committed: a refused one left their commit behind).
        let (report, committedReport, newWarnings) = try validated(revision.files, in: repository)
        // (After the rules, which say more of the files they read: which setting, which line.)
        try refuseNewSecrets(files)
        var savedEditsCommit: GitObjectID?
        if !dirty.isEmpty {
            // Edits that already are the revision's content are committed by the revision itself.
            let edits = pending.dirty.filter { pending.changing.contains($0) }.sorted().map { prefix + BundlePath.normalize($0) }
            if !edits.isEmpty {
                if RevisionCancellation.isCancelled { throw .cancelled }
                // (The user's edits are committed too: a token in them went into the saved-edits commit unchecked.)
                try refuseSecretsInSavedEdits(edits, in: repository)
                let message = "Save uncommitted edits of \(edits.joined(separator: ", "))\n\nCommitted by dabrepo before the revision \"\(revision.subject)\".\n"
                do {
                    savedEditsCommit = try repository.commit(paths: edits, message: SecretRedaction.redact(message), identity: identity)
                } catch {
                    throw .git(error)
                }
            }
        }
        let current = DiskFileSource(root: bundleRoot)
        let overlay = OverlayFileSource(base: current, overrides: revision.files)
        let timing = PhaseTiming()

        // 4. Journal, files, index, commit.
        let message = RevisionMessage(
            subject: revision.subject, transcript: revision.transcript,
            changes: revision.changes.isEmpty ? semanticChanges(from: current, to: overlay, cache: cache) : revision.changes,
            validation: Self.validationLine(committedReport ?? report), session: revision.session, agent: revision.agent,
            model: revision.model, tokens: revision.tokens, cost: revision.cost, ownRequests: revision.ownRequests).text
        timing.mark("revision: message")
        // Cancelled while it was planned and validated (Ctrl-C on a large bundle): stop before writing.
        if RevisionCancellation.isCancelled { throw .cancelled }
        let intended = Dictionary(revision.files.map { (prefix + BundlePath.normalize($0.key), $0.value) }) { first, _ in first }
        let journal = try RevisionJournal.begin(repository: repository, paths: touched, written: intended)
        // (An interrupt of the process now waits for the revision to be put back: it ended the process half-way.)
        RevisionCancellation.begin()
        defer { RevisionCancellation.end() }
        var written: [String] = []
        do {
            for (relative, content) in revision.files.sorted(by: { $0.key < $1.key }) {
                let url = bundleRoot.appendingPathComponent(BundlePath.normalize(relative))
                if let content {
                    try AtomicFileWriter.write(content, to: url, faultPoint: written.isEmpty ? .whileWritingFirstFile : nil)
                } else {
                    try AtomicFileWriter.remove(url)
                }
                written.append(prefix + BundlePath.normalize(relative))
                if written.count == 1 { FaultPoint.afterFirstFile.reach() }
            }
            FaultPoint.afterFilesWritten.reach()
            let commit: GitObjectID
            var committedMessage = message
            do {
                // (Cancelled while the files were written, or while it waited for git's lock: put back, as for a failure.)
                if RevisionCancellation.isCancelled { throw RepositoryError.cancelled }
                // The user's own pre-commit hook, as `git commit` would run it (a secret scanner, a policy). What it
                // rewrites of the revision's files is the revision's to put back, not an edit of the user's (a fixer that
                // failed left its fix beside half the revision, called "edited since"); a rewrite by a hook that passed
                // would commit what was neither validated nor described.
                do {
                    try UserPreCommitHook.run(in: repository, paths: touched)
                    // (Ctrl-C or a stop while the hook ran: stopped, and nothing committed — it committed once the hook ended.)
                    if RevisionCancellation.isCancelled { throw RepositoryError.cancelled }
                } catch {
                    Self.rewrite(intended, in: repository)
                    throw error
                }
                // (Read back only where a hook of the user's ran: a revision without one reads nothing more.)
                if let hook = UserPreCommitHook.hook(of: repository), case let rewritten = Self.rewritten(intended, in: repository), !rewritten.isEmpty {
                    let kept = Self.rewrite(intended, in: repository)
                    throw RepositoryError.hookChangedFiles(hook: hook.lastPathComponent, files: rewritten, kept: kept)
                }
                // Its commit-msg hook too, whose message (a Change-Id added) is the commit's; never a secret into it.
                let said = try UserPreCommitHook.commitMessage(message, in: repository)
                if RevisionCancellation.isCancelled { throw RepositoryError.cancelled }
                committedMessage = said == message ? message : RevisionMessage.keepingTrailers(of: message, in: SecretRedaction.redact(said))
                // The files are read back once more where a hook ran for a while: an edit made meanwhile (the user's, while a
                // slow commit-msg hook ran) went into the commit, unvalidated and undescribed.
                if UserPreCommitHook.hook(of: repository) != nil || UserPreCommitHook.commitMessageHook(of: repository) != nil
                    || UserPreCommitHook.namedHook("prepare-commit-msg", of: repository) != nil,
                   case let rewritten = Self.rewritten(intended, in: repository), !rewritten.isEmpty {
                    let hook = UserPreCommitHook.commitMessageHook(of: repository) != nil ? "commit-msg" : "pre-commit"
                    let kept = Self.rewrite(intended, in: repository, hook: hook)
                    throw RepositoryError.hookChangedFiles(hook: hook, files: rewritten, kept: kept)
                }
                commit = try repository.commit(paths: touched, message: committedMessage, identity: identity)
            } catch let error as RepositoryError {
                throw error
            } catch {
                throw RevisionCancellation.isCancelled ? RepositoryError.cancelled : (error as? GitError).map { RepositoryError.git($0) } ?? .io("\(error)")
            }
            FaultPoint.afterCommit.reach()
            journal.finish()
            UserPreCommitHook.postCommit(in: repository)
            // A commit on no branch is lost at the next checkout unless a branch keeps it: said, as git says it.
            if repository.currentBranch == nil {
                WaitingNotice.say("HEAD is detached: revision \(commit.short) is on no branch; `git switch -c <branch>` keeps it")
            }
            timing.mark("revision: write and commit")
            // (What the commit holds is what is said: uncommitted edits of other files may mend, or
            // break, only the working tree.)
            return .committed(RevisionResult(commit: commit, message: committedMessage, report: committedReport ?? report, savedEditsCommit: savedEditsCommit,
                                             newWarnings: newWarnings))
        } catch {
            // Put back what was written; the journal does the same after a crash. (Bytes someone else wrote meanwhile are
            // kept in a copy first: recovery leaves a file it did not write as it is, half the revision in it.)
            if !written.isEmpty { Self.rewrite(intended, in: repository) }
            try? RevisionJournal.recover(repository, afterCrash: false)
            if let e = error as? RepositoryError { throw e }
            throw .io("\(error)")
        }
    }

    /// The files of `intended` (work-tree paths and what the revision wrote) whose bytes are not those now.
    static func rewritten(_ intended: [String: Data?], in repository: GitRepository) -> [String] {
        intended.keys.sorted().filter { FileManager.default.contents(atPath: repository.workTree + "/" + $0) != intended[$0] ?? nil }
    }

    /// Writes back what the revision wrote where something else rewrote it since, so that putting the
    /// revision back finds its own bytes and restores the files as they were before it. What they held
    /// instead — a hook's fix, or an edit the user made while the hook ran — is kept in a copy (it was lost):
    /// returns the folder of copies, nil when nothing was rewritten.
    @discardableResult
    static func rewrite(_ intended: [String: Data?], in repository: GitRepository, hook: String = "pre-commit") -> String? {
        let files = rewritten(intended, in: repository)
        guard !files.isEmpty else { return nil }
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let folder = repository.gitDirectory + "/dabrepo/kept/" + stamp
        var kept = false
        for file in files {
            let url = URL(fileURLWithPath: repository.workTree + "/" + file)
            if let current = FileManager.default.contents(atPath: url.path) {
                let copy = URL(fileURLWithPath: folder + "/" + file)
                try? FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
                if (try? current.write(to: copy)) != nil { kept = true }
            }
            if let content = intended[file] ?? nil { try? AtomicFileWriter.write(content, to: url) } else { try? AtomicFileWriter.remove(url) }
        }
        guard kept else { return nil }
        WaitingNotice.say("\(files.joined(separator: ", ")) changed while the repository's \(hook) hook ran (the hook's fix, or an edit of yours); "
            + "put back as before the request, and what \(files.count == 1 ? "it" : "they") held then is kept in \(folder) "
            + "(`git diff --no-index -- \(files[0]) \(folder)/\(files[0])` shows it)")
        return folder
    }

    /// The user's uncommitted edits that a revision commits first (`includeDirty`): never a secret new to them.
    func refuseSecretsInSavedEdits(_ paths: [String], in repository: GitRepository) throws(RepositoryError) {
        let head: [String: GitObjectID]
        do throws(GitError) {
            if let commit = try repository.headCommitID() { head = try repository.treeEntries(of: commit) } else { head = [:] }
        } catch { throw .git(error) }
        var found: [Diagnostic] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: repository.workTree + "/" + path), let text = String(data: data, encoding: .utf8) else { continue }
            guard let secret = Self.newSecret(in: text, before: { head[path].flatMap { try? repository.blob($0) }.flatMap { String(data: $0, encoding: .utf8) } ?? "" }) else { continue }
            found.append(Diagnostic(.error, rule: "literal-secret", summary: "your uncommitted edits of \(path) hold a literal secret (\(secret.kind)); they would be committed before the revision",
                                    detail: "Secrets are never committed: take it out of the file (a secret scope, an environment variable, a variable given at deploy time), and rotate it if it was ever committed.",
                                    location: SourceLocation(file: path, line: secret.line, column: secret.column)))
        }
        if !found.isEmpty { throw .validationFailed(found) }
    }

    func refuseIgnoredFiles(_ files: [String: Data?], prefix: String, in repository: GitRepository) throws(RepositoryError) {
        var head: [String: GitObjectID]?
        for (relative, content) in files.sorted(by: { $0.key < $1.key }) where content != nil {
            let path = BundlePath.normalize(relative)
            if repository.isIgnored(prefix + path) {
                do {
                    if head == nil {
                        if let commit = try repository.headCommitID() { head = try repository.treeEntries(of: commit) } else { head = [:] }
                    }
                } catch {
                    throw .git(error)
                }
                if head?[prefix + path] == nil {
                    throw .io("\(relative) is ignored by git (.gitignore): a revision commits only files git would track; write it elsewhere, or stop ignoring it first")
                }
            }
        }
    }

    func refuseNewSecrets(_ files: [String: Data?]) throws(RepositoryError) {
        var found: [Diagnostic] = []
        for (relative, content) in files.sorted(by: { $0.key < $1.key }) {
            guard let content else { continue }
            let path = BundlePath.normalize(relative)
            guard let text = String(data: content, encoding: .utf8) else { continue }
            guard let secret = Self.newSecret(in: text, before: { FileManager.default.contents(atPath: bundleRoot.appendingPathComponent(path).path).flatMap { String(data: $0, encoding: .utf8) } ?? "" })
            else { continue }
            found.append(Diagnostic(.error, rule: "literal-secret", summary: "\(relative) holds a literal secret (\(secret.kind))",
                                    detail: "Secrets are never committed: keep it out of the file (a secret scope, an environment variable, a variable given at deploy time), and rotate it if it was ever committed.",
                                    location: SourceLocation(file: relative, line: secret.line, column: secret.column)))
        }
        if !found.isEmpty { throw .validationFailed(found) }
    }

    /// The first literal secret of `text` that the file did not hold `before` (read only when `text` holds one), with its
    /// kind, line and column.
    static func newSecret(in text: String, before: () -> String) -> (kind: String, line: Int, column: Int)? {
        let new = SecretRedaction.literalSecrets(in: text)
        guard !new.isEmpty else { return nil }
        let had = Set(SecretRedaction.literalSecrets(in: before()).map(\.value))
        guard let secret = new.first(where: { !had.contains($0.value) }) else { return nil }
        let offset = text.range(of: secret.value).map { text[..<$0.lowerBound] } ?? ""
        let line = offset.filter { $0 == "\n" }.count + 1
        let column = offset.count - (offset.lastIndex(of: "\n").map { offset.distance(from: offset.startIndex, to: $0) + 1 } ?? 0) + 1
        return (secret.kind, line, column)
    }

    /// The first part of `relative` (under `root`) that is a symbolic link, if any.
    static func symbolicLink(in relative: String, under root: URL) -> String? {
        var path = root.path
        var walked: [Substring] = []
        for part in relative.split(separator: "/") {
            path += "/" + part
            walked.append(part)
            var info = stat()
            guard lstat(path, &info) == 0 else { return nil }
            if (info.st_mode & S_IFMT) == S_IFLNK { return walked.joined(separator: "/") }
        }
        return nil
    }

    /// A merge, cherry-pick or revert of the user's in progress: a revision's single-parent commit would
    /// drop what git keeps for it (MERGE_HEAD …), as `git commit` of some paths refuses then too.
    static func refuseDuringGitOperation(_ repository: GitRepository) throws(RepositoryError) {
        for (file, what) in [("MERGE_HEAD", "merge"), ("CHERRY_PICK_HEAD", "cherry-pick"), ("REVERT_HEAD", "revert")]
        where FileManager.default.fileExists(atPath: repository.gitDirectory + "/" + file) {
            throw .operationInProgress(what)
        }
    }

    /// Validates the bundle with `files` in place of the working tree's, for every target, as `commit`
    /// does before it writes anything (a dry run asks the same): `.validationFailed` when the files
    /// bring in an error the bundle did not have.
    public func check(_ files: [String: Data?]) throws(RepositoryError) -> ValidationReport {
        let repository: GitRepository
        do {
            repository = try GitRepository.open(containing: bundleRoot.path)
        } catch {
            throw .notARepository(bundleRoot.path)
        }
        return try validated(files, in: repository).workTree
    }

    /// The bundle validated with `files` in place, as the working tree will hold it, and, when
    /// configuration files the revision does not touch have uncommitted edits, as the commit will
    /// hold it (HEAD's files with the revision's): the commit message describes the latter.
    func validated(_ files: [String: Data?], in repository: GitRepository) throws(RepositoryError)
        -> (workTree: ValidationReport, committed: ValidationReport?, newWarnings: [Diagnostic]) {
        let current = DiskFileSource(root: bundleRoot)
        let overlay = OverlayFileSource(base: current, overrides: files)
        let report: ValidationReport
        do {
            var request = ValidationRequest(targets: .all, overrides: .processEnvironment, cache: cache)
            request.findingsCache = FindingsCache.in(URL(fileURLWithPath: repository.gitDirectory).appendingPathComponent("dabrepo/cache"),
                                                     source: overlay, request: request)
            report = try request.run(source: overlay)
        } catch {
            throw .io("the bundle cannot be validated: \(error.description)")
        }
        let committed = try checkCommittedState(files, workTreeReport: report, in: repository)
        // Errors refuse the revision unless the bundle had them already (a notebook not yet written, a
        // rule the bundle broke before): a revision may not make the bundle worse, and need not mend it.
        // (With warnings, what the bundle had before also says which warnings are the revision's.)
        guard report.errors > 0 || report.warnings > 0 || report.diagnostics.contains(where: Self.refuses) else { return (report, committed, []) }
        var before = ValidationRequest(targets: .all, overrides: .processEnvironment, cache: cache)
        before.findingsCache = FindingsCache.in(URL(fileURLWithPath: repository.gitDirectory).appendingPathComponent("dabrepo/cache"),
                                                source: current, request: before)
        let earlier = (try? before.run(source: current))?.diagnostics ?? []
        if report.errors > 0 || report.diagnostics.contains(where: Self.refuses) {
            // (The refusal names the new errors only: those it had before are not this change's — a renamed
            // resource's too, whose path now has the new key.)
            let renamed = Self.renamedResources(from: current, to: overlay)
            let said = report.diagnostics.map { Self.withOldKeys($0, renamed) }
            let freshSaid = Self.newErrors(in: said, before: earlier.filter(Self.refuses))
            let fresh = report.diagnostics.indices.filter { freshSaid.contains(said[$0]) }.map { report.diagnostics[$0] }
            if !fresh.isEmpty { throw .validationFailed(fresh) }
        }
        var left: [String: Int] = [:]
        for d in earlier where d.severity == .warning { left[Self.identity(d), default: 0] += 1 }
        let newWarnings = report.diagnostics.filter { d in
            guard d.severity == .warning else { return false }
            let id = Self.identity(d)
            if let n = left[id], n > 0 { left[id] = n - 1; return false }
            return true
        }
        return (report, committed, newWarnings)
    }

    /// The commit holds HEAD's files with the revision's, not the working tree's: when configuration
    /// files the revision does not touch have uncommitted edits, the bundle as committed is validated
    /// too, and a revision that only validates thanks to those edits is refused (it would commit an
    /// invalid bundle that says "Validation: OK").
    @discardableResult
    func checkCommittedState(_ files: [String: Data?], workTreeReport: ValidationReport, in repository: GitRepository) throws(RepositoryError)
        -> ValidationReport? {
        let prefix = Self.relativePrefix(of: bundleRoot, in: repository)
        // The configuration files the bundle reads (an untracked included file too), few and cheap to ask.
        let read: [String]
        do { read = try BundleLoader(source: DiskFileSource(root: bundleRoot), cache: cache).load().files.map(\.path) } catch { return nil }
        let tree: [String: GitObjectID]
        var edited: [String] = []
        do {
            guard let head = try repository.headCommitID() else { return nil }
            tree = try repository.treeEntries(of: head)
            // The files the index vouches for are not asked about one by one.
            let candidates = read.sorted().filter { files[$0] == nil && !$0.hasPrefix("../") }
            let unchanged = try repository.unchangedByIndex(candidates.map { prefix + BundlePath.normalize($0) }, head: tree)
            for relative in candidates where !unchanged.contains(prefix + BundlePath.normalize(relative)) {
                if try repository.status(of: prefix + BundlePath.normalize(relative)).isDirty { edited.append(relative) }
            }
        } catch {
            throw .git(error)
        }
        guard !edited.isEmpty else { return nil }
        let directory = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        let committedBase = GitSnapshotFileSource(repository: repository, indexEntries: tree, bundleDirectory: directory, label: "HEAD")
        let committed = OverlayFileSource(base: committedBase, overrides: files)
        let after: ValidationReport, before: ValidationReport
        do {
            after = try ValidationRequest(targets: .all, overrides: .processEnvironment, cache: cache).run(source: committed)
            guard after.errors > 0 else { return after }
            before = try ValidationRequest(targets: .all, overrides: .processEnvironment, cache: cache).run(source: committedBase)
        } catch {
            // A HEAD that cannot be read as a bundle had the problem before this revision.
            return nil
        }
        // New in the committed bundle, and not in the working tree's: the uncommitted edits are what
        // make the difference (a missing notebook fails both, and is reported as itself).
        let existing = Set(before.diagnostics.filter { $0.severity == .error }.map(Self.identity))
        let inWorkTree = Set(workTreeReport.diagnostics.filter { $0.severity == .error }.map(Self.identity))
        let new = after.diagnostics.filter { $0.severity == .error && !existing.contains(Self.identity($0)) && !inWorkTree.contains(Self.identity($0)) }
        if !new.isEmpty { throw .dependsOnUncommittedEdits(edited, new) }
        return after
    }

    /// The files of a revision that make a change: their content differs from the working tree's (a
    /// nil content: the file exists), or they have uncommitted edits (which the revision commits or
    /// refuses). Empty when the revision would change nothing. `refine` asks before its preview;
    /// `commit` asks again under the lock.
    public func pendingFiles(_ files: [String: Data?]) throws(RepositoryError) -> [String: Data?] {
        let repository: GitRepository
        do {
            repository = try GitRepository.open(containing: bundleRoot.path)
        } catch {
            throw .notARepository(bundleRoot.path)
        }
        return try pendingChange(files, in: repository).files
    }

    /// The files of a revision that make a change (as `pendingFiles`) and those among them with
    /// uncommitted edits, from the repository's root: a revision that touches them is refused (said
    /// before a preview, which would read as if it would be made). One look at the files, under the lock:
    /// a revision another writer is making has written its files and not yet committed them; they are not
    /// the user's edits (it was refused, not planned again on top of it).
    public func pendingAndUncommitted(_ files: [String: Data?]) throws(RepositoryError) -> (pending: [String: Data?], uncommitted: [String]) {
        let repository: GitRepository
        do {
            repository = try GitRepository.open(containing: bundleRoot.path)
        } catch {
            throw .notARepository(bundleRoot.path)
        }
        let lock = RepositoryLock(gitDirectory: repository.gitDirectory)
        try lock.acquire()
        defer { lock.release() }
        let prefix = Self.relativePrefix(of: bundleRoot, in: repository)
        let change = try pendingChange(files, in: repository)
        return (change.files, change.dirty.sorted().map { prefix + BundlePath.normalize($0) })
    }

    func pendingChange(_ files: [String: Data?], in repository: GitRepository) throws(RepositoryError)
        -> (files: [String: Data?], dirty: Set<String>, changing: Set<String>) {
        let prefix = Self.relativePrefix(of: bundleRoot, in: repository)
        var dirty = Set<String>(), changing = Set<String>()
        var head: [String: GitObjectID]?
        for (relative, content) in files {
            let path = BundlePath.normalize(relative)
            let onDisk = FileManager.default.contents(atPath: bundleRoot.appendingPathComponent(path).path)
            if onDisk != content { changing.insert(relative) }
            do {
                if try repository.status(of: prefix + path).isDirty {
                    dirty.insert(relative)
                } else if try repository.isHiddenFromStatus(prefix + path) {
                    // Edits hidden with skip-worktree or assume-unchanged are the user's edits all the same
                    // (they went into the revision, and the flag was cleared).
                    if head == nil {
                        if let commit = try repository.headCommitID() { head = try repository.treeEntries(of: commit) } else { head = [:] }
                    }
                    if try repository.hasHiddenEdits(prefix + path, head: head ?? [:]) { dirty.insert(relative) }
                }
            } catch {
                throw .git(error)
            }
        }
        return (files.filter { changing.contains($0.key) || dirty.contains($0.key) }, dirty, changing)
    }

    /// `bundle/` when the bundle is a subdirectory of the work tree, else "".
    static func relativePrefix(of root: URL, in repository: GitRepository) -> String {
        let work = URL(fileURLWithPath: repository.workTree).resolvingSymlinksInPath().path
        let bundle = root.resolvingSymlinksInPath().path
        guard bundle.hasPrefix(work), bundle != work else { return "" }
        return String(bundle.dropFirst(work.count + 1)) + "/"
    }

    static func validationLine(_ report: ValidationReport) -> String {
        let targets = "targets " + report.targets.joined(separator: ", ")
        if report.errors > 0 {
            return "\(report.errors) error\(report.errors == 1 ? "" : "s") the bundle had before this revision, none new (\(targets))"
        }
        return report.warnings == 0 ? "OK (\(targets))" : "OK with \(report.warnings) warning\(report.warnings == 1 ? "" : "s") (\(targets))"
    }

    /// A finding's identity across two versions of a bundle (lines move; rule, path and text do not).
    /// What a finding is, whatever lines the revision moved it to: its rule, path and words, with the
    /// file:line:column its words give ("defined in two files: a.yml:24:9 and …") left out.
    /// Positions in lists are left out too (`tasks[1]` is `tasks[]`): removing the first task moves the
    /// errors the others had to new positions, and they are not new.
    public static func identity(_ d: Diagnostic) -> String {
        let words = d.summary.replacingOccurrences(of: ":[0-9]+:[0-9]+", with: "", options: .regularExpression)
            .replacingOccurrences(of: "\\[[0-9]+\\]", with: "[]", options: .regularExpression)
        let path = (d.path ?? "").replacingOccurrences(of: "\\[[0-9]+\\]", with: "[]", options: .regularExpression)
        return "\(d.rule)\u{0}\(path)\u{0}\(words)\u{0}\(d.fingerprint ?? "")"
    }

    /// The resources the revision renames: "resources.type.newKey" → "resources.type.oldKey".
    public static func renamedResources(from current: any BundleFileSource, to new: any BundleFileSource) -> [String: String] {
        guard let before = try? BundleLoader(source: current).load(), let after = try? BundleLoader(source: new).load() else { return [:] }
        var out: [String: String] = [:]
        for (newKey, oldKey) in BundleComparison.renames(in: BundleComparison.groups(before.configuration, after.configuration)) {
            let type = newKey.split(separator: ".").first.map(String.init) ?? ""
            out["resources.\(newKey)"] = "resources.\(type).\(oldKey)"
        }
        return out
    }

    /// A finding of the renamed bundle said with the resources' old keys, as the bundle before had it.
    public static func withOldKeys(_ d: Diagnostic, _ renamed: [String: String]) -> Diagnostic {
        guard !renamed.isEmpty else { return d }
        var said = d
        for (new, old) in renamed {
            let pattern = NSRegularExpression.escapedPattern(for: new) + #"(?=$|[.\["\s])"#
            said.summary = said.summary.replacingOccurrences(of: pattern, with: NSRegularExpression.escapedTemplate(for: old), options: .regularExpression)
            said.path = said.path?.replacingOccurrences(of: pattern, with: NSRegularExpression.escapedTemplate(for: old), options: .regularExpression)
            // The key said in words too ("task transform of job nightly depends on lod").
            let (newKey, oldKey) = (new.split(separator: ".").last.map(String.init) ?? new, old.split(separator: ".").last.map(String.init) ?? old)
            said.summary = said.summary.replacingOccurrences(of: #"(?<![\w.-])"# + NSRegularExpression.escapedPattern(for: newKey) + #"(?![\w-])"#,
                                                             with: NSRegularExpression.escapedTemplate(for: oldKey), options: .regularExpression)
        }
        return said
    }

    /// Findings a revision may not bring in: errors, and the warnings the Databricks CLI only warns of
    /// while the deploy then fails (a task naming a job cluster its job does not define).
    public static func refuses(_ d: Diagnostic) -> Bool {
        d.severity == .error || d.rule == "job-cluster-key-defined"
    }

    /// The errors of `after` that `before` had not, counted (two errors of one identity before, three
    /// after: one is new).
    public static func newErrors(in after: [Diagnostic], before: [Diagnostic]) -> [Diagnostic] {
        var left: [String: Int] = [:]
        for d in before where refuses(d) { left[identity(d), default: 0] += 1 }
        return after.filter { d in
            guard refuses(d) else { return false }
            let id = identity(d)
            if let n = left[id], n > 0 { left[id] = n - 1; return false }
            return true
        }
    }

    /// What the revision changes, from the semantic diff of the bundle before and after.
    func semanticChanges(from current: any BundleFileSource, to new: any BundleFileSource, cache: ParseCache) -> [String] {
        let (before, after) = BundleSnapshot.pair(old: ("before", current), new: ("after", new), cache: cache)
        let lines = BundleComparison.revisionChanges(before, after)
        return lines.isEmpty ? ["(no change to the configuration)"] : lines
    }
}

extension ValidationReport {
    /// How a committed revision left the bundle: "Validation OK!", or the errors it had before.
    public var revisionSummary: String {
        errors > 0 ? "\(errors) error\(errors == 1 ? "" : "s") it had before, none new" : summaryLine
    }
}
