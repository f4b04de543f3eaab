import BundleModel
import Foundation

/// Limits of model calls, from the environment: how often to retry, how long a stream may pause, how
/// long an answer that is not streamed may take.
public struct ModelHTTPSettings: Sendable, Equatable {
    /// Retries after the first attempt (the official SDKs' default: 2).
    public var maxRetries: Int
    /// No byte for this long ends a stream (`DABREPO_MODEL_STALL_TIMEOUT`).
    public var stallTimeout: TimeInterval
    /// The whole of an answer that is not streamed (`DABREPO_MODEL_TIMEOUT`).
    public var requestTimeout: TimeInterval
    public var connectTimeout: TimeInterval
    /// The longest `retry-after` that is waited for; a service asking for more gets no retry.
    public var longestRetryWait: TimeInterval

    public init(maxRetries: Int = 2, stallTimeout: TimeInterval = 90, requestTimeout: TimeInterval = 600,
                connectTimeout: TimeInterval = 30, longestRetryWait: TimeInterval = 60) {
        self.maxRetries = maxRetries
        self.stallTimeout = stallTimeout
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.longestRetryWait = longestRetryWait
    }

    /// The defaults, changed by `DABREPO_MODEL_MAX_RETRIES`, `DABREPO_MODEL_STALL_TIMEOUT` and
    /// `DABREPO_MODEL_TIMEOUT` (seconds) where they hold a number.
    public static func from(environment: [String: String]) -> ModelHTTPSettings {
        var settings = ModelHTTPSettings()
        settings.maxRetries = EnvironmentSetting.count("DABREPO_MODEL_MAX_RETRIES", default: settings.maxRetries, range: 0...100, in: environment)
        settings.stallTimeout = EnvironmentSetting.seconds(LanguageModelError.stallTimeoutVariable, default: settings.stallTimeout,
                                                           minimumIncluded: false, in: environment)
        settings.requestTimeout = EnvironmentSetting.seconds("DABREPO_MODEL_TIMEOUT", default: settings.requestTimeout,
                                                             minimumIncluded: false, in: environment)
        return settings
    }
}
