import BundleDiff
import BundleEngine

/// The repository's history as text, as `log` and `show` print it.
public enum HistoryReport {
    /// One paragraph per revision: commit, date, author, subject and what was asked for.
    /// `colored`: the commit in yellow, as git writes it.
    public static func text(_ entries: [RevisionLog.Entry], colored: Bool = false) -> String {
        guard !entries.isEmpty else { return "No commits yet.\n" }
        return entries.map { e in
            let commit = colored ? "\u{1B}[33m\(e.shortCommit)\u{1B}[0m" : e.shortCommit
            return "\(commit)  \(e.date)  \(e.authorName)\n    \(e.subject)\n" + e.requests.map { "    > \($0)\n" }.joined()
        }.joined()
    }

    /// A revision as `git show` lays it out: its header, its message indented, the semantic diff and,
    /// when asked for, git's patch.
    public static func text(_ shown: RevisionLog.Shown, colored: Bool) -> String {
        var out = "commit \(shown.entry.commit)\nAuthor: \(shown.entry.author)\nDate:   \(shown.entry.date)\n\n"
        out += shown.message.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        if !out.hasSuffix("\n") { out += "\n" }
        out += DiffTextFormatter(colored: colored).render(shown.comparison)
        if let patch = shown.patch { out += "\n" + patch }
        return out
    }
}
