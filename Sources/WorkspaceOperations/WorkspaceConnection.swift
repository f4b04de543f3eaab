import BundleEngine
import BundleModel
import Foundation
import Workspace

/// The workspace client every front end uses: the configuration as the Databricks CLI resolves it
/// (profile, `DATABRICKS_*` variables), with dabrepo's retry budget and request time-out settings.
public enum WorkspaceConnection {
    /// Makes the client when an operation first needs one (an operation on local files alone needs no credentials).
    public typealias Connect = @Sendable () throws(EngineError) -> WorkspaceClient

    /// - Parameters:
    ///   - profile: the ~/.databrickscfg profile (nil: as the Databricks CLI chooses it).
    ///   - environment: where `DATABRICKS_*`, `DABREPO_RETRY_BUDGET` and `DABREPO_REQUEST_TIMEOUT` are read.
    ///   - debug: print each request (secrets redacted) to standard error.
    public static func client(profile: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                              debug: Bool = false) throws(EngineError) -> WorkspaceClient {
        let config: WorkspaceConfig
        do { config = try WorkspaceConfig.resolve(profileFlag: profile, environment: environment) } catch { throw EngineError(error) }
        let client = WorkspaceClient(config: config)
        client.debug = debug
        client.retryBudget = EnvironmentSetting.seconds("DABREPO_RETRY_BUDGET", default: client.retryBudget, in: environment)
        client.requestTimeout = EnvironmentSetting.seconds("DABREPO_REQUEST_TIMEOUT", default: client.requestTimeout, minimumIncluded: false,
                                                           in: environment)
        return client
    }

    /// Connects when first asked to, as `client` does.
    public static func connect(profile: String?, environment: [String: String] = ProcessInfo.processInfo.environment, debug: Bool = false) -> Connect {
        { () throws(EngineError) in try client(profile: profile, environment: environment, debug: debug) }
    }
}
