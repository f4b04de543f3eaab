import Foundation

/// The workspace a model may read (and generate jobs from) when Databricks authentication is
/// configured: the profile the tools pass on, and the dabrepo executable that runs tools that are not
/// in process.
public struct ModelWorkspaceAccess: Sendable {
    /// The `~/.databrickscfg` profile (nil: as the Databricks CLI chooses it).
    public var profile: String?
    public var executable: URL

    public init(profile: String?, executable: URL) {
        self.profile = profile
        self.executable = executable
    }
}
