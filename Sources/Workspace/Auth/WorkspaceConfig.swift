import BundleModel
import Foundation

/// Where a setting came from, for `dabrepo auth describe`.
public enum SettingSource: Sendable, Equatable, CustomStringConvertible {
    case environment(String)
    case profile(name: String, file: String)
    case flag(String)

    public var description: String {
        switch self {
        case .environment(let v): return "\(v) environment variable"
        case .profile(let n, let f): return "profile \(n) in \(f)"
        case .flag(let f): return "\(f) flag"
        }
    }
}

/// Workspace connection settings resolved the way the Databricks CLI and SDKs resolve them:
/// `--profile`, else `DATABRICKS_CONFIG_PROFILE`, else `[__settings__] default_profile`, else
/// `DEFAULT`, from `DATABRICKS_CONFIG_FILE` or `~/.databrickscfg`; `DATABRICKS_*` environment variables
/// win over the profile for the settings they set. A named profile is not merged with DEFAULT.
public struct WorkspaceConfig: Sendable {
    public enum AuthType: String, Sendable {
        case pat
        case oauthM2M = "oauth-m2m"
    }

    public var host: String
    public var token: String?
    public var clientID: String?
    public var clientSecret: String?
    public var profile: String?
    public var authType: AuthType
    public var sources: [String: SettingSource]

    public enum ResolutionError: Error, CustomStringConvertible, Equatable {
        case noHost(checked: String)
        case noCredentials(host: String)
        case unknownProfile(String, file: String, available: [String])
        case conflict(String)
        case invalidHost(String)
        case plainHTTP(String)

        public var description: String {
            switch self {
            case .noHost(let checked):
                return "no Databricks workspace configured (\(checked)); set DATABRICKS_HOST and DATABRICKS_TOKEN, or run `databricks configure` to create ~/.databrickscfg, or choose one of its profiles"
            case .noCredentials(let host):
                return "no credentials for \(host): set DATABRICKS_TOKEN (a personal access token), or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (a service principal), or add them to the profile"
            case .unknownProfile(let name, let file, let available):
                return "no profile \(name) in \(file); profiles: \(available.isEmpty ? "none" : available.joined(separator: ", "))"
            case .conflict(let message):
                return message
            case .invalidHost(let host):
                return "the host \(host) is not a URL such as https://dbc-1234.cloud.databricks.com"
            case .plainHTTP(let host):
                return "the host \(host) is plain http: the token would cross the network unencrypted; use https://"
                    + (host.dropFirst("http://".count).isEmpty ? "" : String(host.dropFirst("http://".count)))
                    + " (plain http only reaches this machine: localhost, 127.0.0.1, ::1)"
            }
        }
    }

    public static func resolve(profileFlag: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                               home: String? = nil) throws(ResolutionError) -> WorkspaceConfig {
        // $HOME first, as the Databricks CLI and SDKs read it; then the account's home directory.
        let home = home ?? environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let filePath = environment["DATABRICKS_CONFIG_FILE"] ?? home + "/.databrickscfg"
        let file = ConfigFile.load(filePath)
        let profileName: String?
        let profileSource: SettingSource?
        if let profileFlag {
            (profileName, profileSource) = (profileFlag, .flag("--profile"))
        } else if let env = environment["DATABRICKS_CONFIG_PROFILE"] {
            (profileName, profileSource) = (env, .environment("DATABRICKS_CONFIG_PROFILE"))
        } else if let file, file.sections[file.defaultProfile] != nil, configuredByEnvironment(environment) == nil {
            (profileName, profileSource) = (file.defaultProfile, nil)
        } else {
            (profileName, profileSource) = (nil, nil)
        }
        var values: [String: String] = [:]
        var sources: [String: SettingSource] = [:]
        if let profileName {
            guard let section = file?.sections[profileName] else {
                if profileSource != nil {
                    throw .unknownProfile(profileName, file: filePath, available: file?.profiles ?? [])
                }
                return try finish(values, sources, profile: nil, environment: environment, checked: filePath)
            }
            for (k, v) in section { values[k] = v; sources[k] = .profile(name: profileName, file: filePath) }
        }
        let env: [(String, String)] = [("host", "DATABRICKS_HOST"), ("token", "DATABRICKS_TOKEN"),
                                       ("client_id", "DATABRICKS_CLIENT_ID"), ("client_secret", "DATABRICKS_CLIENT_SECRET")]
        for (key, variable) in env {
            guard let value = environment[variable], !value.isEmpty else { continue }
            // (A host written another way is the same host: a trailing slash, no scheme, capitals.)
            if let existing = values[key], key == "host" ? Self.sameHost(existing, value) == false : existing != value,
               case .profile(let name, _)? = sources[key], profileSource != nil {
                // An explicitly chosen profile and an environment variable that disagree.
                let shown = key == "host" ? "\(value) vs \(existing)" : "two different values"
                throw .conflict("\(variable) and profile \(name) set different \(key)s (\(shown)); unset \(variable) or choose another profile")
            }
            values[key] = value
            sources[key] = .environment(variable)
        }
        return try finish(values, sources, profile: profileName, environment: environment, checked: filePath)
    }

    /// Whether two spellings of a workspace's address name the same host: the scheme (https when none),
    /// the host in any case, trailing slashes.
    static func sameHost(_ a: String, _ b: String) -> Bool {
        func canonical(_ host: String) -> String {
            var text = host.trimmingCharacters(in: .whitespaces).lowercased()
            if !text.hasPrefix("http://") && !text.hasPrefix("https://") { text = "https://" + text }
            while text.hasSuffix("/") { text.removeLast() }
            // (https's own port said: the same address.)
            if text.hasPrefix("https://"), text.hasSuffix(":443") { text.removeLast(4) }
            return text
        }
        return canonical(a) == canonical(b)
    }

    /// The variable that configures the workspace from the environment (DATABRICKS_HOST, or one that
    /// authenticates), or nil. With one set and no profile chosen, the configuration file is not read,
    /// as the Databricks SDKs do: a token meant for one workspace is never sent to the default
    /// profile's host.
    static func configuredByEnvironment(_ environment: [String: String]) -> String? {
        ["DATABRICKS_HOST", "DATABRICKS_TOKEN", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET"].first { !(environment[$0] ?? "").isEmpty }
    }

    static func finish(_ values: [String: String], _ sources: [String: SettingSource], profile: String?,
                       environment: [String: String], checked: String) throws(ResolutionError) -> WorkspaceConfig {
        guard var host = values["host"], !host.isEmpty else {
            if profile == nil, let variable = configuredByEnvironment(environment) {
                throw .noHost(checked: "\(variable) is set, so \(checked) is not read unless a profile is chosen, as the Databricks SDKs do; "
                              + "set DATABRICKS_HOST too, or pass --profile / set DATABRICKS_CONFIG_PROFILE")
            }
            // A profile that exists but has no host: named, with what to add ("no usable profile" said neither).
            if let profile, values.keys.contains(where: { $0 != "host" }) {
                throw .noHost(checked: "DATABRICKS_HOST is unset and profile \(profile) of \(checked) has no host; add host = https://<workspace> to [\(profile)]")
            }
            throw .noHost(checked: "DATABRICKS_HOST is unset and \(checked) has no usable profile")
        }
        // ("HTTPS://…": the scheme in lower case, as URLs compare it.)
        for scheme in ["http://", "https://"] where host.lowercased().hasPrefix(scheme) {
            host = scheme + host.dropFirst(scheme.count)
        }
        if !host.hasPrefix("http://") && !host.hasPrefix("https://") { host = "https://" + host }
        while host.hasSuffix("/") { host.removeLast() }
        guard let name = URL(string: host)?.host else { throw .invalidHost(host) }
        // Credentials go out in clear text over http: only to this machine (a proxy, a test server).
        if host.lowercased().hasPrefix("http://"), !["localhost", "127.0.0.1", "::1", "[::1]"].contains(name.lowercased()), !name.hasPrefix("127.") {
            throw .plainHTTP(host)
        }
        let token = values["token"], clientID = values["client_id"], secret = values["client_secret"]
        let authType: AuthType
        switch (token != nil, clientID != nil && secret != nil) {
        case (true, true):
            throw .conflict("more than one way to authenticate is configured (a token, and a client id and secret); keep one of them")
        case (true, false): authType = .pat
        case (false, true): authType = .oauthM2M
        default: throw .noCredentials(host: host)
        }
        SecretRedaction.hold(token)
        SecretRedaction.hold(secret)
        return WorkspaceConfig(host: host, token: token, clientID: clientID, clientSecret: secret, profile: profile,
                               authType: authType, sources: sources)
    }

    /// `dabrepo auth describe --output json`: the same, as a JSON object; secrets are only ever "********".
    public var summary: [String: Any] {
        var settings: [String: Any] = [:]
        for key in ["host", "token", "client_id", "client_secret"] {
            guard let source = sources[key] else { continue }
            let shown = key == "host" ? host : key == "client_id" ? (clientID ?? "") : "********"
            settings[key] = ["value": shown, "source": "\(source)"]
        }
        var object: [String: Any] = ["host": host, "auth_type": authType.rawValue, "settings": settings]
        object["profile"] = profile ?? NSNull()
        return object
    }

    /// What `dabrepo auth describe` prints: settings and their sources, secrets masked.
    public var description: String {
        var lines = ["Host: \(host)", "Auth type: \(authType.rawValue)"]
        // The profile only when a setting comes from it (DATABRICKS_HOST and DATABRICKS_TOKEN need none).
        let fromProfile = sources.values.contains { if case .profile = $0 { return true } else { return false } }
        if let profile, fromProfile { lines.append("Profile: \(profile)") }
        for key in ["host", "token", "client_id", "client_secret"] {
            guard let source = sources[key] else { continue }
            let shown: String
            switch key {
            case "host": shown = host
            case "client_id": shown = clientID ?? ""
            default: shown = "********"
            }
            lines.append("  \(key) = \(shown)  (from \(source))")
        }
        return lines.joined(separator: "\n")
    }
}
