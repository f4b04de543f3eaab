/// dabrepo's version, printed by `dabrepo --version` and written into SARIF reports.
public enum DabrepoVersion {
    public static let current = "0.1.0"

    /// What `dabrepo --version` prints: `dabrepo 0.1.0 (abc1234)`, with the commit the binary was
    /// built from (`abc1234-dirty` when tracked files had uncommitted changes; an empty commit, as
    /// in a build outside a git clone, reads "unknown commit").
    public static func line(commit: String) -> String {
        "dabrepo \(current) (\(commit.isEmpty ? "unknown commit" : commit))"
    }
}
