import BundleModel
import Foundation

/// Why a repository operation was refused; each case says what to do.
public enum RepositoryError: Error, CustomStringConvertible {
    case git(GitError)
    case notARepository(String)
    case directoryNotEmpty(String)
    /// Files of the new bundle that the folder holds already (init never overwrites).
    case filesInTheWay(String, files: [String])
    /// A file the change would write outside the bundle's folder (an include of `../shared/*.yml`).
    case outsideBundle(String, root: String)
    case invalidDirectoryName(String, character: String)
    case unknownTemplate(String, available: [String], suggestion: String?)
    case invalidBundleName(String, suggestion: String)
    /// A bundle or folder name longer than file names can hold (`what`: "bundle name" or "folder name").
    case nameTooLong(what: String, name: String, limit: Int)
    case unknownIdentity(role: CommitIdentity.Role, missing: [String])
    case invalidDate(variable: String, value: String)
    case invalidAuthor(String)
    case validationFailed([Diagnostic])
    case dirtyFiles([String])
    /// The change validates only with uncommitted edits of other files, which its commit would not hold.
    case dependsOnUncommittedEdits([String], [Diagnostic])
    case undoBlockedByEdits([String])
    case locked(pid: Int32)
    /// Files the revision was planned on changed before it could take the lock.
    case changedMeanwhile([String])
    case nothingToUndo(String)
    /// The revision was cancelled (Ctrl-C, a client gone) before anything was written.
    case cancelled
    /// The repository's own pre-commit hook failed on the revision (what it said).
    case hookRefused(hook: String, output: String)
    /// The repository's pre-commit hook rewrote files of the revision (a formatter): what it would commit is
    /// not what was validated and described.
    case hookChangedFiles(hook: String, files: [String], kept: String?)
    /// git is in the middle of a merge, cherry-pick or revert of the user's: a commit now would lose it.
    case operationInProgress(String)
    case io(String)

    /// The work tree above `path` whose `.git` another user owns, and that user's id; nil when there is none
    /// (or it is the current user's).
    static func foreignOwner(of path: String) -> (String, UInt32)? {
        var directory = URL(fileURLWithPath: path).standardizedFileURL
        let me = UInt32(geteuid())
        for _ in 0..<64 {
            let git = directory.appendingPathComponent(".git").path
            if let attributes = try? FileManager.default.attributesOfItem(atPath: git),
               let owner = (attributes[.ownerAccountID] as? NSNumber)?.uint32Value {
                let directoryOwner = ((try? FileManager.default.attributesOfItem(atPath: directory.path))?[.ownerAccountID] as? NSNumber)?.uint32Value ?? owner
                return owner != me || directoryOwner != me ? (directory.path, owner != me ? owner : directoryOwner) : nil
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
        return nil
    }

    public var description: String {
        switch self {
        case .git(let e):
            return e.description
        case .notARepository(let path):
            // git refuses a repository another user owns ("dubious ownership", common in CI containers): said so,
            // with git's remedy (the advice to `git init` made a repository inside the other).
            if let (workTree, owner) = Self.foreignOwner(of: path) {
                return "git refuses the repository at \(workTree): it belongs to another user (uid \(owner)), which git treats as unsafe (\"dubious ownership\"). "
                    + "If you trust it, run `git config --global --add safe.directory \(workTree)` and try again"
            }
            return "\(path) is not in a git repository. For a bundle you have already, put it in git first: "
                + "`git init && git add -A && git commit -m \"Import bundle\"` (then `dabrepo hooks install`); for a new bundle, `dabrepo init NAME`"
        case .directoryNotEmpty(let path):
            return "\(path) exists and is not empty; dabrepo init never overwrites files: choose a new or empty directory"
        case .outsideBundle(let file, let root):
            return "\(file) is outside the bundle's folder \(root): dabrepo writes only inside it, so this change was not made. "
                + "The file is the bundle's through an include; change it there yourself (git commit it as usual), or ask for a change that fits inside the folder"
        case .filesInTheWay(let path, let files):
            let bundle = files.contains { $0.hasPrefix("databricks.y") }
            return "\(path) already has \(files.joined(separator: ", ")); dabrepo init never overwrites files: "
                + (bundle ? "for the bundle that is there, commit it and run `dabrepo hooks install`; for a new one, choose a new or empty directory"
                          : "move \(files.count == 1 ? "it" : "them") away or choose a new or empty directory")
        case .invalidDirectoryName(let path, let character):
            return "the folder name \(path.debugDescription) contains a control character (\(character)); choose a name of letters, digits, - and _"
        case .unknownTemplate(let name, let available, let suggestion):
            return "no template '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "") + "; available: \(available.joined(separator: ", "))"
        case .invalidBundleName(let name, let suggestion):
            return "'\(name)' cannot be a bundle name (letters, digits, _ and - only, starting with a letter); try --name \(suggestion)"
        case .nameTooLong(let what, let name, let limit):
            return "the \(what) \(name.prefix(40).debugDescription)… is \(name.utf8.count) bytes long; it becomes folder and file names "
                + "(resources/NAME.job.yml), so it may have \(limit) bytes at most: choose a shorter name"
        case .unknownIdentity(let role, let missing):
            let prefix = role.environmentPrefix
            return "git does not know who you are (no \(role.rawValue) \(missing.joined(separator: " and "))): set your name and e-mail with\n"
                + "  git config --global user.name \"Your Name\"\n  git config --global user.email you@example.com\n"
                + "or, as in CI jobs, the environment variables \(prefix)NAME and \(prefix)EMAIL"
                + (role == .author ? " (GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL for the committer)" : " (GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL for the author)")
                + ",\nor pass --author \"Your Name <you@example.com>\""
        case .invalidDate(let variable, let value):
            return "\(variable) is \"\(value)\", which is not a date git reads; use one of \"2005-04-07T22:13:13\", "
                + "\"Thu, 07 Apr 2005 22:13:13 +0200\" or \"1112911993 +0200\", or unset \(variable)"
        case .invalidAuthor(let text):
            return "--author expects \"Name <email>\", got \"\(text)\""
        case .validationFailed(let diagnostics):
            let errors = diagnostics.filter { $0.severity == .error }
            return "the change was not committed: it would give the bundle \(errors.count) new error\(errors.count == 1 ? "" : "s"); nothing was changed"
        case .dependsOnUncommittedEdits(let paths, let diagnostics):
            let errors = diagnostics.filter { $0.severity == .error }.count
            return "the change was not committed: it relies on uncommitted edits of \(paths.joined(separator: ", ")), which its commit would not hold "
                + "(the committed bundle would have \(errors) error\(errors == 1 ? "" : "s")); commit them first (git add \(paths.joined(separator: " ")) && git commit), then ask again"
        case .dirtyFiles(let paths):
            return "uncommitted changes in \(paths.joined(separator: ", ")); commit them (git commit) or put them aside (git stash) first"
        case .undoBlockedByEdits(let paths):
            return "uncommitted changes in \(paths.joined(separator: ", ")), which the revision to undo changed; put them aside with "
                + "`git stash --include-untracked`, undo again, then bring them back with `git stash pop`"
        case .locked(let pid):
            let who = pid > 0 ? "another dabrepo process (pid \(pid))" : "another dabrepo process"
            return "\(who) is still changing this repository after \(Int(RepositoryLock.defaultWait)) seconds; wait for it to finish, "
                + "or set DABREPO_LOCK_TIMEOUT to wait longer"
        case .changedMeanwhile(let paths):
            return "\(paths.joined(separator: ", ")) changed while this revision waited for another; nothing was changed: ask again on top of it"
        case .nothingToUndo(let reason):
            return "nothing to undo: \(reason)"
        case .cancelled:
            return "the request was cancelled; nothing was changed"
        case .hookRefused(let hook, let output):
            let said = output.trimmingCharacters(in: .whitespacesAndNewlines)
            // (What the hook itself wrote is the hook's: "nothing was changed" was untrue beside a file it edited.)
            return "the repository's \(["commit-msg", "prepare-commit-msg"].contains(hook) ? hook : "pre-commit") hook (\(hook)) refused the revision; nothing was committed and the revision's files are as they were"
                + (said.isEmpty ? "" : ". It said:\n" + String(said.suffix(2_000)))
        case .hookChangedFiles(let hook, let files, let kept):
            // (The hook may not be who changed them: an edit made while a slow hook ran was blamed on it, and lost.)
            return "\(files.joined(separator: ", ")) changed while the repository's \(hook == "commit-msg" ? "commit-msg" : "pre-commit") hook (\(hook)) ran, before the revision was committed; "
                + "a revision commits only what was validated and described, so nothing was committed and \(files.count == 1 ? "the file is" : "the files are") as before the request"
                + (kept.map { ". What \(files.count == 1 ? "it" : "they") held is kept in \($0): take the hook's fixes or your edits from there (`git diff --no-index`), then ask again" }
                   ?? ". Apply the hook's fixes to the files yourself (run the hook or `pre-commit run --files …`, then commit), and ask again")
        case .operationInProgress(let what):
            return "a \(what) is in progress in this repository; finish it (git commit) or abort it (git \(what == "merge" ? "merge" : what) --abort) first; nothing was changed"
        case .io(let message):
            return message
        }
    }
}
