import Foundation

/// How requests prove they may use the server.
public enum AccessMode: Sendable, Equatable {
    /// On a machine of one's own: the per-launch token, as `?token=` (exchanged for a cookie), the
    /// cookie, or `Authorization: Bearer`; the Host must be the address served.
    case token(AccessToken)
    /// As a Databricks App: the platform's proxy signs users in and forwards who they are
    /// (`X-Forwarded-Email`, `X-Forwarded-Preferred-Username`); a request without that identity did
    /// not come through the proxy and is refused. `appHost` (`DABREPO_APP_HOST`), when set, is the only
    /// host accepted (as X-Forwarded-Host, or Host).
    case databricksApp(appHost: String?)
}
