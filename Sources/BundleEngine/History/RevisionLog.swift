import BundleDiff
import BundleModel
import BundleRepository
import Foundation

/// The repository's history for every front end: the latest commits, one revision with its
/// conversation and semantic diff, and undoing the latest revision with a new commit.
public struct RevisionLog {
    public let repository: GitRepository
    /// Where paths of the bundle are resolved from (the front end's current folder, inside the repository).
    public let directory: URL

    /// The repository at or above `directory`.
    public init(directory: URL) throws(EngineError) {
        do { repository = try GitRepository.open(containing: directory.path) } catch {
            throw EngineError(.notFound, RepositoryError.notARepository(directory.path).description)
        }
        self.directory = directory
    }

    /// One commit of the log.
    public struct Entry: Sendable, Encodable {
        public var commit: String
        public var shortCommit: String
        public var date: String
        public var author: String
        public var authorName: String
        public var subject: String
        /// Whether it is a dabrepo revision.
        public var revision: Bool
        /// What was asked for, in the revision's conversation.
        public var requests: [String]
        @EncodedAsNull public var agent: String?
        @EncodedAsNull public var session: String?

        enum CodingKeys: String, CodingKey { case commit, date, author, subject, revision, requests, agent, session }

        init(_ entry: RevisionHistory.Entry) {
            commit = entry.commit.id.description
            shortCommit = entry.commit.id.short
            date = ISO8601DateFormatter().string(from: entry.commit.date)
            author = "\(entry.commit.author.name) <\(entry.commit.author.email)>"
            authorName = entry.commit.author.name
            subject = entry.commit.subject
            revision = entry.revision != nil
            requests = entry.revision?.requests ?? []
            agent = entry.revision?.agent
            session = entry.revision?.session
        }
    }

    /// The latest `limit` commits, newest first.
    public func entries(limit: Int) throws(EngineError) -> [Entry] {
        guard limit >= 1 else { throw EngineError(.usage, "the number of commits to show must be at least 1 (it was \(limit))") }
        do { return try RevisionHistory(repository: repository, scope: RevisionHistory.scope(of: directory, in: repository)).entries(limit: max(0, limit)).map(Entry.init) } catch { throw EngineError(error) }
    }

    /// One revision: its message and the change it made.
    public struct Shown: Sendable, Encodable {
        public var entry: Entry
        /// The whole commit message (the conversation).
        public var message: String
        /// Its parent against it, by resource and field.
        public var comparison: BundleDiffResult
        /// git's unified patch, when asked for.
        public var patch: String?

        enum CodingKeys: String, CodingKey { case commit, author, date, subject, message, revision, requests, diff, patch }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(entry.commit, forKey: .commit)
            try container.encode(entry.author, forKey: .author)
            try container.encode(entry.date, forKey: .date)
            try container.encode(entry.subject, forKey: .subject)
            try container.encode(message, forKey: .message)
            try container.encode(entry.revision, forKey: .revision)
            try container.encode(entry.requests, forKey: .requests)
            let diff = try? JSONDecoder().decode(StructuredValue.self, from: Data(DiffJSONFormatter().render(comparison).utf8))
            try container.encode(diff ?? .null, forKey: .diff)
            try container.encodeIfPresent(patch, forKey: .patch)
        }
    }

    public func show(_ revision: String, patch: Bool = false) throws(EngineError) -> Shown {
        let history = RevisionHistory(repository: repository, scope: RevisionHistory.scope(of: directory, in: repository))
        do {
            let entry = try history.entry(revision)
            let snapshots = RepositorySnapshots(repository: repository, directory: directory)
            let (old, new) = try snapshots.change(introducedBy: entry.commit.id.description)
            let whole = BundleComparison.compare(old, new, reworded: true)
            let comparison = perBundle(whole, snapshots: snapshots, old: old, new: new) { bundle in
                let (before, after) = try bundle.change(introducedBy: entry.commit.id.description)
                return BundleComparison.compare(before, after, reworded: true)
            }
            return Shown(entry: Entry(entry), message: entry.commit.message, comparison: comparison,
                         patch: patch ? try history.patch(of: entry) : nil)
        } catch {
            throw EngineError(error)
        }
    }

    /// The latest revision undone, and the commit that undid it.
    public struct Undone: Sendable, Encodable {
        public var undone: String
        public var undoneSubject: String
        public var commit: String
        public var shortUndone: String
        public var shortCommit: String
        /// "undone", as `refine` and `apply` say what they did.
        public var status = "undone"

        enum CodingKeys: String, CodingKey { case status, undone, commit, undoneSubject = "undone_subject" }

        /// For people: what was undone by which commit.
        public var message: String { "Undid \(shortUndone) \"\(undoneSubject)\" with commit \(shortCommit)" }
    }

    /// Reverts the latest dabrepo revision with a new commit (history is never rewritten).
    /// - Parameter revision: the revision meant (`dabrepo undo REV`); when another is the one an undo reverts
    ///   next, nothing is done and the refusal says how to revert that one alone (`git revert`).
    public func undo(author: String? = nil, revision: String? = nil) throws(EngineError) -> Undone {
        let history = RevisionHistory(repository: repository, scope: RevisionHistory.scope(of: directory, in: repository))
        var expected: GitObjectID?
        if let revision {
            guard let id = try? repository.resolve(revision) else {
                throw EngineError(.notFound, "no revision \(revision) in this repository (`dabrepo log` lists them)")
            }
            let next: GitCommitInfo
            do { next = try history.undoTarget() } catch { throw EngineError(error) }
            if id != next.id {
                throw EngineError(.refused, "\(revision) is not the revision an undo reverts next (that is \(next.id.short) \"\(next.subject)\"); "
                    + "undo that one first, or revert \(revision) alone with `git revert \(revision)`")
            }
            expected = id
        }
        do {
            let identity = try CommitIdentity.resolve(authorOverride: author, repository: repository)
            let undone = try history.undoTarget()
            let commit = try history.undo(identity: identity, expected: expected)
            return Undone(undone: undone.id.description, undoneSubject: undone.subject, commit: commit.description,
                          shortUndone: undone.id.short, shortCommit: commit.short)
        } catch {
            throw EngineError(error)
        }
    }

    /// What a semantic diff compares.
    public enum Comparison: Sendable {
        /// HEAD against the working tree.
        case workingTree
        /// HEAD against the index.
        case staged
        /// The change a revision made (its parent against it).
        case change(String)
        /// One revision against another.
        case between(String, String)

        /// What `diff`'s revisions ask for, as git reads them: none (HEAD against the working tree, or
        /// the index with `staged`), one revision (the change it made), two, or a range `A..B` (A against
        /// B) or `A...B` (what B changed since it left A: `origin/main...HEAD` in CI).
        /// The same, refusing what asks two things: the index and revisions (the index against HEAD was
        /// dropped for the revisions' change, unsaid), or more than two revisions.
        public static func asked(revisions: [String], staged: Bool) throws(EngineError) -> Comparison {
            if staged && !revisions.isEmpty { throw EngineError(.usage, "staged compares HEAD with the index; it takes no revisions") }
            if revisions.count > 2 { throw EngineError(.usage, "a diff takes at most two revisions") }
            return Comparison(revisions: revisions, staged: staged)
        }

        public init(revisions: [String], staged: Bool) {
            if revisions.count == 1, let range = revisions[0].range(of: "...") ?? revisions[0].range(of: "..") {
                let from = String(revisions[0][..<range.lowerBound]), to = String(revisions[0][range.upperBound...])
                let a = from.isEmpty ? "HEAD" : from, b = to.isEmpty ? "HEAD" : to
                self = revisions[0][range] == "..." ? .sinceCommonAncestor(a, b) : .between(a, b)
            } else if revisions.count == 2 {
                self = .between(revisions[0], revisions[1])
            } else if let revision = revisions.first {
                self = .change(revision)
            } else {
                self = staged ? .staged : .workingTree
            }
        }

        /// What the second revision changed since the two parted (`A...B`).
        case sinceCommonAncestor(String, String)
    }

    /// What changed, by resource and field; with `target`, in that target's effective configuration;
    /// with `patches`, the unified diff of changed files that are not configuration too.
    public func compare(_ comparison: Comparison, target: String? = nil, patches: Bool = false) throws(EngineError) -> BundleDiffResult {
        // A revision killed half-way is put back first (and said): its half-written files are no change of the user's.
        RevisionJournal.recoverIfInterrupted(repository)
        let snapshots = RepositorySnapshots(repository: repository, directory: directory)
        let old: BundleSnapshot, new: BundleSnapshot
        do {
            switch comparison {
            case .staged: (old, new) = try snapshots.staged()
            case .workingTree: (old, new) = try snapshots.workingTreeChanges()
            case .change(let revision): (old, new) = try snapshots.change(introducedBy: revision)
            case .between(let from, let to): (old, new) = try snapshots.between(from, to)
            case .sinceCommonAncestor(let from, let to): (old, new) = try snapshots.between(try snapshots.commonAncestor(from, to), to)
            }
        } catch {
            throw EngineError(error)
        }
        if let target, !([old, new].contains { $0.bundle?.targetNames.contains(target) ?? false }) {
            let names = Array(Set((old.bundle?.targetNames ?? []) + (new.bundle?.targetNames ?? []))).sorted()
            throw EngineError(.usage, TargetSelection.Failure.noSuchTarget(name: target, available: names, suggestion: Suggestion.closest(to: target, among: names)).description)
        }
        let whole = BundleComparison.compare(old, new, target: target, patches: patches, reworded: true)
        guard target == nil else { return whole }
        return perBundle(whole, snapshots: snapshots, old: old, new: new) { bundle in
            let sides: (BundleSnapshot, BundleSnapshot)
            switch comparison {
            case .staged: sides = try bundle.staged()
            case .workingTree: sides = try bundle.workingTreeChanges()
            case .change(let revision): sides = try bundle.change(introducedBy: revision)
            case .between(let from, let to): sides = try bundle.between(from, to)
            case .sinceCommonAncestor(let from, let to): sides = try bundle.between(try bundle.commonAncestor(from, to), to)
            }
            return BundleComparison.compare(sides.0, sides.1, target: nil, patches: patches, reworded: true)
        }
    }

    /// At the top of a repository of several bundles (no bundle there, bundles below), the changed
    /// files of each bundle compared as its resources, their paths from the top; other files as they
    /// are. (Every change was "other files" and "0 resources changed".) `whole` when there is a bundle.
    func perBundle(_ whole: BundleDiffResult, snapshots: RepositorySnapshots, old: BundleSnapshot, new: BundleSnapshot,
                   compare: (RepositorySnapshots) throws -> BundleDiffResult) -> BundleDiffResult {
        guard snapshots.bundleDirectory.isEmpty, old.bundle == nil, new.bundle == nil, !whole.files.isEmpty else { return whole }
        let top = URL(fileURLWithPath: repository.workTree)
        var folders: [String] = []
        for file in whole.files {
            var parts = file.path.split(separator: "/").map(String.init).dropLast()
            while !parts.isEmpty {
                let folder = parts.joined(separator: "/")
                if BundleLoader.rootFileNames.contains(where: { FileManager.default.fileExists(atPath: top.appendingPathComponent(folder).appendingPathComponent($0).path) }) {
                    if !folders.contains(folder) { folders.append(folder) }
                    break
                }
                parts = parts.dropLast()
            }
        }
        guard !folders.isEmpty else { return whole }
        var result = whole
        result.groups = []
        result.files = whole.files.filter { file in !folders.contains { file.path.hasPrefix($0 + "/") } }
        for folder in folders.sorted() {
            guard let bundle = try? compare(RepositorySnapshots(repository: repository, directory: top.appendingPathComponent(folder))) else {
                result.files += whole.files.filter { $0.path.hasPrefix(folder + "/") }
                continue
            }
            result.groups += bundle.groups.map { group in
                var group = group
                group.file = group.file.map { folder + "/" + $0 }
                return group
            }
            result.files += bundle.files.map { file in
                var file = file
                file.path = folder + "/" + file.path
                return file
            }
            result.unreadable += bundle.unreadable.map { folder + "/" + $0 }
        }
        return result
    }
}
