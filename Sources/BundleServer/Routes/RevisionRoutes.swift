import BundleDiff
import BundleEngine
import BundleModel
import BundleRepository
import Foundation

/// The timeline: `GET /api/revisions`, `GET /api/revisions/{rev}` (the message, transcript and the
/// semantic diff as `dabrepo diff REV --output json` prints it), and the whole bundle as a ZIP.
struct RevisionRoutes {
    let root: URL

    func repository() throws(APIError) -> GitRepository {
        do { return try GitRepository.open(containing: root.path) } catch {
            throw APIError(.internalServerError, kind: "internal", "\(root.path) is no longer a git repository")
        }
    }

    /// Formatting only, which ISO8601DateFormatter does safely from any thread.
    nonisolated(unsafe) static let dateFormatter = ISO8601DateFormatter()

    /// `limit` newest first, as `dabrepo log --output json`, each with its zip address.
    func list(limit: Int) throws(APIError) -> [[String: Any]] {
        let repository = try repository()
        let history = RevisionHistory(repository: repository, scope: RevisionHistory.scope(of: root, in: repository))
        let entries: [RevisionHistory.Entry]
        do { entries = try history.entries(limit: limit) } catch {
            // An empty repository has no history.
            if case .git(let git) = error, git.isNotFound { return [] }
            throw APIError(EngineError(error))
        }
        return entries.map(Self.summary)
    }

    static func summary(_ e: RevisionHistory.Entry) -> [String: Any] {
        [
            "commit": e.commit.id.description,
            "short": e.commit.id.short,
            "date": dateFormatter.string(from: e.commit.date),
            "author": "\(e.commit.author.name) <\(e.commit.author.email)>",
            "subject": e.commit.subject,
            "revision": e.revision != nil,
            "requests": e.revision?.requests ?? [],
            "agent": e.revision?.agent as Any? ?? NSNull(),
            "session": e.revision?.session as Any? ?? NSNull(),
            "zip_url": zipURL(e.commit.id.description),
        ]
    }

    static func zipURL(_ commit: String) -> String { "/api/revisions/\(commit)/bundle.zip" }

    /// One revision with its message, transcript and semantic diff (`target`: what that target gets).
    func detail(_ revision: String, target: String?) throws(APIError) -> [String: Any] {
        try RevisionFiles.checkRevisionName(revision)
        let repository = try repository()
        let entry: RevisionHistory.Entry
        do { entry = try RevisionHistory(repository: repository).entry(revision) } catch {
            throw APIError.notFound("no revision \(revision) in \(root.path)")
        }
        var object = Self.summary(entry)
        object["message"] = entry.commit.message
        object["transcript"] = (entry.revision?.transcript ?? []).map { ["speaker": $0.speaker, "text": $0.text] }
        object["changes"] = entry.revision?.changes ?? []
        object["model"] = entry.revision?.model as Any? ?? NSNull()
        object["tokens"] = entry.revision?.tokens as Any? ?? NSNull()
        object["parents"] = entry.commit.parents.map(\.description)
        object["diff"] = try diff(revision, target: target, repository: repository)
        object["target"] = target as Any? ?? NSNull()
        return object
    }

    /// What `dabrepo diff REV [--target T] --output json` prints, as an object.
    func diff(_ revision: String, target: String?, repository: GitRepository) throws(APIError) -> Any {
        let snapshots = RepositorySnapshots(repository: repository, directory: root)
        let old: BundleSnapshot, new: BundleSnapshot
        do { (old, new) = try snapshots.change(introducedBy: revision) } catch { throw APIError(EngineError(error)) }
        if let target, !([old, new].contains { $0.bundle?.targetNames.contains(target) ?? false }) {
            let names = Array(Set((old.bundle?.targetNames ?? []) + (new.bundle?.targetNames ?? []))).sorted()
            throw APIError.usage("no such target '\(target)'; available: \(names.joined(separator: ", "))")
        }
        return JSONBody.object(parsing: DiffJSONFormatter().render(BundleComparison.compare(old, new, target: target)))
    }
}
