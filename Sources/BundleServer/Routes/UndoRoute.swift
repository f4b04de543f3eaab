import BundleEngine
import BundleRepository
import Foundation

/// `POST /api/undo`: reverts the latest revision with a new commit, as `dabrepo undo` does.
enum UndoRoute {
    /// - Parameter revision: the revision the client means (`{"revision": …}`): refused when another
    ///   is the latest one to undo by then (another tab or client went first).
    static func run(root: URL, author: String?, revision: String? = nil) throws(APIError) -> [String: Any] {
        let repository: GitRepository
        do { repository = try GitRepository.open(containing: root.path) } catch {
            throw APIError(.internalServerError, kind: "internal", "\(root.path) is no longer a git repository")
        }
        do {
            let identity = try CommitIdentity.resolve(authorOverride: author, repository: repository)
            let history = RevisionHistory(repository: repository, scope: RevisionHistory.scope(of: root, in: repository))
            var expected: GitObjectID?
            if let revision {
                do { expected = try repository.resolve(revision) } catch {
                    throw APIError(.notFound, kind: "not-found", "no revision \(revision) in this repository")
                }
            }
            let undone = try history.undoTarget()
            let commit = try history.undo(identity: identity, expected: expected)
            return ["undone": undone.id.description, "undone_subject": undone.subject, "commit": commit.description,
                    "message": "Undid \(undone.id.short) \"\(undone.subject)\" with commit \(commit.short)",
                    "zip_url": RevisionRoutes.zipURL(commit.description)]
        } catch let error as APIError {
            throw error
        } catch let error as RepositoryError {
            throw APIError(EngineError(error))
        } catch {
            throw APIError(.internalServerError, kind: "internal", "\(error)")
        }
    }
}
