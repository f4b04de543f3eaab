import CLibGit2
import Foundation

/// Waits out the locks of the user's own git commands: a `git commit` or `git add` running at the same
/// time holds `.git/index.lock` (or a ref's lock) for a moment, and libgit2 then fails at once with
/// GIT_ELOCKED. A revision tries again, saying once that it waits, for up to `RepositoryLock.defaultWait`
/// (`DABREPO_LOCK_TIMEOUT`, default 30 seconds), and then fails with what to do.
public enum GitLockWait {
    /// Said once when a revision starts waiting for git's lock (see `WaitingNotice`).
    static func waitingNotice(_ message: String) {
        WaitingNotice.say("waiting for \(message)…")
    }

    /// Runs `body`, again while it fails because git's index or a ref is locked, until `wait` seconds
    /// have passed. `body` must leave nothing half done when it fails with GIT_ELOCKED.
    static func retrying<T>(gitDirectory: String, wait: TimeInterval = RepositoryLock.defaultWait,
                            _ body: () throws(GitError) -> T) throws(GitError) -> T {
        let deadline = Date().addingTimeInterval(wait)
        var noticed = false
        while true {
            do {
                return try body()
            } catch where error.code == GIT_ELOCKED.rawValue {
                // Stopped while it waits (Ctrl-C, the page's Stop): no more waiting, and nothing committed.
                if RevisionCancellation.isCancelled { throw error }
                guard Date() < deadline else {
                    var error = error
                    error.message += " (still locked after \(Int(wait)) seconds: another git command is using the repository;"
                        + " let it finish, or remove \(gitDirectory)/index.lock if no git command is running, then try again;"
                        + " DABREPO_LOCK_TIMEOUT sets how long to wait)"
                    throw error
                }
                if !noticed {
                    noticed = true
                    waitingNotice("another git command to release its lock (\(error.message))")
                }
                usleep(50_000)
            }
        }
    }
}
