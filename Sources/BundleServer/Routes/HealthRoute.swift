import BundleRepository
import Foundation

/// `GET /api/health`: what the status bar shows.
struct HealthRoute: Sendable {
    let root: URL
    let version: String
    let agent: String
    let model: String?
    let workspace: WorkspaceStatus

    func object() -> [String: Any] {
        let repository = try? GitRepository.open(containing: root.path)
        let head = (try? repository?.headCommitID()).flatMap { $0 }
        return [
            "status": "ok",
            "version": version,
            "repo": root.path,
            "branch": repository?.currentBranch as Any? ?? NSNull(),
            "head": head?.description as Any? ?? NSNull(),
            "agent": agent,
            "model": model as Any? ?? NSNull(),
            "workspace": workspace.object,
        ]
    }
}
