import BundleEngine

extension BundleCreation.Result {
    /// The creation as the command line reports it (also the `init_bundle_repo` tool's text): what was
    /// created, the hook, the diff driver, the commit, and what to run next.
    /// - Parameter shownDirectory: the folder as the user named it (nil: the current one).
    public func report(shownDirectory: String?) -> String {
        var out = "Created bundle \(bundleName) from template \(template) in \(directory)\n"
        for file in files { out += "  \(file)\n" }
        out += createdRepository ? "Initialized a git repository on branch main.\n" : "Added to the existing git repository.\n"
        out += "Pre-commit hook: \(hook)\n"
        out += "Diff driver: \(diffDriver ?? "not configured (--no-diff-driver)")\n"
        out += "Committed \(shortCommit) \"\(subject)\"\n\n"
        out += "Next: cd \(shownDirectory ?? ".") && dabrepo validate --all-targets\n"
        return out
    }
}
