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
    }

    /// Commits `revision`; nil when every file already had its content (nothing committed).
    /// - Parameter includeDirty: commit the user's uncommitted edits of the touched files first, as a commit of their own.
    public func commit(_ revision: Revision, includeDirty: Bool = false, cache: ParseCache = ParseCache()) throws(EngineError) -> Committed? {
        let outcome: RevisionOutcome
        do {
            outcome = try RevisionCommitter(bundleRoot: root, authorOverride: author, cache: cache).commit(revision, includeDirty: includeDirty)
        } catch {
            throw EngineError(error)
        }
        guard case .committed(let result) = outcome else { return nil }
        return Committed(commit: result.commit.description, shortCommit: result.commit.short, validation: result.report.summaryLine,
                         savedEditsCommit: result.savedEditsCommit?.description)
    }

    /// The files of `files` whose content differs from the bundle's (an empty answer: nothing to commit).
    public func pending(_ files: [String: Data?]) throws(EngineError) -> [String: Data?] {
        do { return try RevisionCommitter(bundleRoot: root, authorOverride: author).pendingFiles(files) } catch { throw EngineError(error) }
    }
}
