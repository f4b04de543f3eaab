import BundleModel
import Foundation

/// `.dabrepoignore` at the bundle root: files a language model never gets, in gitignore's pattern
/// language. A line is a pattern (`#` starts a comment; blank lines are skipped); `!` re-includes what
/// an earlier pattern ignored; a pattern with no `/` but a trailing one matches a file or folder name
/// at any depth (`secrets.yml`, `*.csv`), others are relative to the bundle root (`/targets/prod.yml`,
/// `src/private/`); a trailing `/` matches folders only; `*`, `?`, `[abc]` and `**` work as in git.
/// A folder that matches takes everything in it along. The last matching pattern decides.
public struct DabrepoIgnore: Sendable {
    public static let fileName = ".dabrepoignore"

    struct Rule: Sendable {
        var glob: IncludeGlob
        var negated: Bool
        var foldersOnly: Bool
    }

    let rules: [Rule]

    /// The patterns of a `.dabrepoignore` text.
    public init(text: String) {
        var rules: [Rule] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            var line = String(raw)
            while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line.removeLast() }
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            var negated = false
            if line.hasPrefix("!") { negated = true; line.removeFirst() }
            if line.hasPrefix("\\") { line.removeFirst() }
            var foldersOnly = false
            while line.hasSuffix("/") { foldersOnly = true; line.removeLast() }
            guard !line.isEmpty else { continue }
            let anchored = line.contains("/")
            if line.hasPrefix("/") { line.removeFirst() }
            rules.append(Rule(glob: IncludeGlob(anchored ? line : "**/" + line), negated: negated, foldersOnly: foldersOnly))
        }
        self.rules = rules
    }

    /// The patterns of `git config dabrepo.modelIgnore` (separated by commas or new lines), then the
    /// `.dabrepoignore` of the bundle at `root` (whose patterns come last, so they decide); neither, no patterns.
    public init(root: URL, configured: String? = nil) {
        let setting = (configured ?? "").split(whereSeparator: { $0 == "," || $0.isNewline })
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
        let text = (try? String(contentsOf: root.appendingPathComponent(Self.fileName), encoding: .utf8)) ?? ""
        self.init(text: setting + "\n" + text)
    }

    /// The git configuration key with patterns for every bundle (repository, then global configuration).
    public static let settingKey = "dabrepo.modelIgnore"

    public var isEmpty: Bool { rules.isEmpty }

    /// Whether a file (relative to the bundle root, `/`-separated) is kept from the model. Paths that
    /// leave the root (`../x`) are not the bundle's and are not matched.
    public func ignores(_ path: String) -> Bool {
        guard !rules.isEmpty, let parts = Self.components(path) else { return false }
        var ignored = false
        for rule in rules {
            // The file itself, or one of the folders it is in.
            let candidates = (1...parts.count).map { parts.prefix($0).joined(separator: "/") }
            let matched = candidates.enumerated().contains { index, candidate in
                (index < parts.count - 1 || !rule.foldersOnly) && rule.glob.matches(candidate)
            }
            if matched { ignored = !rule.negated }
        }
        return ignored
    }

    /// The path's components with `.` and `..` resolved; nil when it is empty or leaves the root.
    static func components(_ path: String) -> [String]? {
        var parts: [String] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.isEmpty ? nil : parts
    }
}
