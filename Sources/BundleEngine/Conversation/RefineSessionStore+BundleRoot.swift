import BundleAgent
import BundleRepository
import Foundation

extension RefineSession.Store {
    /// The conversations of the bundle at `root`, where `BundleLocalState` keeps them (inside the git
    /// directory), taking over those an earlier version kept in `<bundle>/.dabrepo/sessions/`.
    public init(bundleRoot root: URL) {
        let state = BundleLocalState(bundleRoot: root)
        self.init(directory: state.sessionsDirectory, legacyDirectory: state.legacySessionsDirectory)
    }
}
