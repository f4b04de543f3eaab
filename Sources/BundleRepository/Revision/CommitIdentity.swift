import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who a commit is by, found the way git finds it (git-commit(1) "COMMIT INFORMATION", git-var(1)):
///
/// - author name: `--author`, else `GIT_AUTHOR_NAME`, else `author.name`, else `user.name`, else the
///   account's full name (the passwd entry's GECOS field);
/// - author e-mail: `--author`, else `GIT_AUTHOR_EMAIL`, else `author.email`, else `user.email`, else `EMAIL`
///   (`user.useConfigOnly` turns off the account name and `EMAIL`);
/// - committer: likewise from `GIT_COMMITTER_NAME`, `GIT_COMMITTER_EMAIL`, `committer.name`,
///   `committer.email`, `user.*` and `EMAIL`;
/// - times: `GIT_AUTHOR_DATE` and `GIT_COMMITTER_DATE` when set, else the moment of the commit.
///
/// Two deliberate differences from git: an e-mail address is never guessed from the host name (git's
/// guess is usually undeliverable, and git itself refuses it on most machines), and when the committer
/// cannot be found but `--author` was given, the author commits too (as dabrepo always did), so that
/// `--author` alone is enough on a machine without any git identity.
public struct CommitIdentity: Sendable, Equatable {
    public var author: GitSignature
    public var committer: GitSignature

    public init(author: GitSignature, committer: GitSignature) {
        self.author = author
        self.committer = committer
    }

    /// The author and committer of a commit made now in `repository`.
    public static func resolve(authorOverride: String?, repository: GitRepository,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(RepositoryError) -> CommitIdentity {
        let sources = Sources(config: { repository.configValue($0) }, environment: environment)
        var author: GitSignature
        if let authorOverride {
            guard let parsed = GitSignature(parsing: authorOverride) else { throw .invalidAuthor(authorOverride) }
            author = parsed
        } else {
            author = try sources.signature(.author)
        }
        var committer: GitSignature
        if authorOverride != nil, !sources.knows(.committer) {
            committer = author
        } else {
            committer = try sources.signature(.committer)
        }
        author.time = try sources.time(.author)
        committer.time = try sources.time(.committer)
        return CommitIdentity(author: author, committer: committer)
    }

    public enum Role: String, Sendable {
        case author, committer

        var environmentPrefix: String { "GIT_\(rawValue.uppercased())_" }
    }

    /// Where names, e-mails and times come from.
    struct Sources {
        var config: (String) -> String?
        var environment: [String: String]

        func environment(_ name: String) -> String? {
            environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }

        func setting(_ key: String) -> String? {
            config(key).flatMap { $0.isEmpty ? nil : $0 }
        }

        func name(_ role: Role) -> String? {
            environment(role.environmentPrefix + "NAME") ?? setting("\(role.rawValue).name") ?? setting("user.name") ?? accountName()
        }

        func email(_ role: Role) -> String? {
            environment(role.environmentPrefix + "EMAIL") ?? setting("\(role.rawValue).email") ?? setting("user.email")
                ?? (useConfigOnly ? nil : environment("EMAIL"))
        }

        /// `user.useConfigOnly`: no name from the account and no e-mail from `EMAIL`.
        var useConfigOnly: Bool {
            ["true", "yes", "on", "1"].contains(config("user.useConfigOnly")?.lowercased() ?? "")
        }

        func knows(_ role: Role) -> Bool {
            name(role) != nil && email(role) != nil
        }

        func signature(_ role: Role) throws(RepositoryError) -> GitSignature {
            let name = name(role), email = email(role)
            guard let name, let email else {
                throw .unknownIdentity(role: role, missing: [name == nil ? "name" : nil, email == nil ? "e-mail" : nil].compactMap { $0 })
            }
            return GitSignature(name: name.trimmingCharacters(in: .whitespaces), email: email.trimmingCharacters(in: .whitespaces))
        }

        func time(_ role: Role) throws(RepositoryError) -> GitTime? {
            let variable = role.environmentPrefix + "DATE"
            guard let text = environment(variable) else { return nil }
            guard let time = GitTime(parsing: text) else { throw .invalidDate(variable: variable, value: text) }
            return time
        }

        /// The full name of the account, as git takes it when no name is configured: the GECOS field
        /// up to the first comma, with `&` standing for the capitalised login name.
        func accountName() -> String? {
            guard !useConfigOnly, let entry = getpwuid(getuid()), let gecos = entry.pointee.pw_gecos else { return nil }
            let login = entry.pointee.pw_name.map { String(cString: $0) } ?? ""
            let full = String(cString: gecos).split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let name = full.replacingOccurrences(of: "&", with: login.prefix(1).uppercased() + login.dropFirst())
                .trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? nil : name
        }
    }
}
