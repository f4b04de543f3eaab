import BundleEngine
import BundleRepository
import Foundation

/// `POST /api/undo`: reverts the latest revision with a new commit, as `dabrepo undo` does.
enum UndoRoute {
    static func run(root: URL, author: String?) throws(APIError) -> [String: Any] {
        let repository: GitRepository
        do { repository = try GitRepository.open(containing: root.path) } catch {
            throw APIError(.internalServerError, kind: "internal", "\(root.path) is no longer a git repository")
        }
        do {
            let identity = try CommitIdentity.resolve(authorOverride: author, repository: repository)
            let history = RevisionHistory(repository: repository, scope: RevisionHistory.scope(of: root, in: repository))
            let undone = try history.undoTarget()
            let commit = try history.undo(identity: identity)
            return ["undone": undone.id.description, "undone_subject": undone.subject, "commit": commit.description,
                    "message": "Undid \(undone.id.short) \"\(undone.subject)\" with commit \(commit.short)",
                    "zip_url": RevisionRoutes.zipURL(commit.description)]
        } catch {
            throw APIError(EngineError(error))
        }
    }
}
