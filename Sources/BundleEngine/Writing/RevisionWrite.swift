import BundleModel
import BundleRepository
import Foundation

/// The write path for whole files (what `apply`, generate, sync and tests create produce): the files
/// laid over the bundle in memory, every target validated, then one revision committed, or a refusal
/// with the repository exactly as it was. Structured edits come here through `BundleEdit`.
public struct RevisionWrite: Sendable {
    public let root: URL
    /// "Name <email>" instead of git's identity.
    public var author: String?

    public init(root: URL, author: String? = nil) {
        self.root = root
        self.author = author
    }

    /// What committing did.
    public struct Committed: Sendable {
        public var commit: String
        public var shortCommit: String
        /// "OK (targets dev, prod)"-like summary of the validation.
        public var validation: String
        /// The commit of the user's uncommitted edits, made first when asked to.
        public var savedEditsCommit: String?
        public var savedEditsShortCommit: String?
        /// The subject as committed (a commit-msg hook may have changed it).
        public var subject: String = ""
    }

    /// What writing came to: a revision, nothing to do, or a refusal that left everything as it was.
    public enum Outcome: Sendable {
        case committed(Committed)
        /// Every file already had its content: nothing was committed.
        case unchanged
        /// The new state does not validate: the findings of every target, and the refusal's message.
        case invalid(findings: [Diagnostic], message: String)
        /// The user's uncommitted edits of these files are in the way (commit them first, or ask to
        /// have them committed as a revision of their own).
        case uncommittedEdits(files: [String], message: String)
    }

    /// Writes `revision` and says how it went; other refusals (a lock, git, identity) are thrown.
    /// - Parameter includeDirty: commit the user's uncommitted edits of the touched files first, as a commit of their own.
    public func write(_ revision: Revision, includeDirty: Bool = false, cache: ParseCache = ParseCache()) throws(EngineError) -> Outcome {
        let outcome: RevisionOutcome
        do {
            outcome = try RevisionCommitter(bundleRoot: root, authorOverride: author, cache: cache).commit(revision, includeDirty: includeDirty)
        } catch {
            switch error {
            case .validationFailed(let findings): return .invalid(findings: findings, message: error.description)
            case .dirtyFiles(let files): return .uncommittedEdits(files: files, message: error.description)
            default: throw EngineError(error)
            }
        }
        guard case .committed(let result) = outcome else { return .unchanged }
        return .committed(Committed(commit: result.commit.description, shortCommit: result.commit.short, validation: result.report.revisionSummary,
                                    savedEditsCommit: result.savedEditsCommit?.description, savedEditsShortCommit: result.savedEditsCommit?.short,
                                    subject: result.subject))
    }

    /// Commits `revision`; nil when every file already had its content (nothing committed). A refusal
    /// is thrown, as the repository's error in the engine's terms.
    public func commit(_ revision: Revision, includeDirty: Bool = false, cache: ParseCache = ParseCache()) throws(EngineError) -> Committed? {
        switch try write(revision, includeDirty: includeDirty, cache: cache) {
        case .committed(let committed): return committed
        case .unchanged: return nil
        case .invalid(let findings, _): throw EngineError(RepositoryError.validationFailed(findings))
        case .uncommittedEdits(let files, _): throw EngineError(RepositoryError.dirtyFiles(files))
        }
    }

    /// The files of `files` whose content differs from the bundle's (an empty answer: nothing to commit).
    public func pending(_ files: [String: Data?]) throws(EngineError) -> [String: Data?] {
        do { return try RevisionCommitter(bundleRoot: root, authorOverride: author).pendingFiles(files) } catch { throw EngineError(error) }
    }
}
