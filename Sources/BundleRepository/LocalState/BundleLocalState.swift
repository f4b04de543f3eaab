import Foundation

/// Where dabrepo keeps what it remembers about a bundle between runs (the `refine` and `chat`
/// conversations): inside the git directory, as git keeps its own state, so that it never shows in
/// `git status`, whatever the repository's `.gitignore` says and wherever the bundle sits in it.
///
/// Sessions go to `<git-dir>/dabrepo/sessions/<bundle>/`, where `<bundle>` is the bundle's folder
/// relative to the top of the work tree with `/` written as `%2F` (`@root` for a bundle at the top), so
/// the bundles of one repository keep conversations of their own.
///
/// `<git-dir>` is the work tree's own git directory (`.git/worktrees/<name>/` in a linked worktree),
/// not the common one, on purpose: a conversation continues from the work tree's HEAD ("undo that"
/// reverts its last change only while that change is HEAD), so a worktree on another branch must not
/// continue it; and `git worktree remove` then removes the worktree's conversations with it. The
/// revision journal and lock are kept per work tree for the same reason.
///
/// Outside a git repository there is no `git status` to keep clean: `<bundle>/.dabrepo/sessions/`.
public struct BundleLocalState: Sendable {
    public let sessionsDirectory: URL
    /// Where earlier versions kept sessions, in the work tree: `<bundle>/.dabrepo/sessions/`.
    public let legacySessionsDirectory: URL

    public init(bundleRoot: URL) {
        let root = bundleRoot.standardizedFileURL
        legacySessionsDirectory = root.appendingPathComponent(".dabrepo/sessions", isDirectory: true)
        guard let repository = try? GitRepository.open(containing: root.path) else {
            sessionsDirectory = legacySessionsDirectory
            return
        }
        sessionsDirectory = URL(fileURLWithPath: repository.gitDirectory, isDirectory: true)
            .appendingPathComponent("dabrepo/sessions", isDirectory: true)
            .appendingPathComponent(Self.key(forBundleAt: RevisionCommitter.relativePrefix(of: root, in: repository)), isDirectory: true)
    }

    /// `bundles/sales/` → `bundles%2Fsales`; "" (the top of the work tree) → `@root`.
    static func key(forBundleAt prefix: String) -> String {
        let relative = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        guard !relative.isEmpty else { return "@root" }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.")
        return relative.addingPercentEncoding(withAllowedCharacters: allowed) ?? relative
    }
}
