import Foundation
import BundleModel

/// A named place in a revision's write path where dabrepo can kill itself, so that tests can prove
/// the journal repairs every half-written revision.
///
/// For tests only. `DABREPO_FAULT_POINT=<name>` (one of the names below) makes the process send
/// itself SIGKILL when it reaches that point, as if the machine lost power there: no cleanup runs and
/// the journal stays behind for the next dabrepo command to repair. Unset, `reach()` does nothing.
/// This is the one place the variable is read; README.md ("Two commands for a fresh Debian machine")
/// documents it and RevisionTests.testKilledRevisionsLeaveTheOldOrTheNewRevision uses it.
public enum FaultPoint: String, CaseIterable, Sendable {
    /// The journal is recorded; no file is written yet.
    case afterJournal = "after-journal"
    /// The first touched file's new content is in its temporary file, not yet renamed over the file.
    case whileWritingFirstFile = "while-writing-first-file"
    /// The first touched file is written, the others are not: a half-written revision on disk.
    case afterFirstFile = "after-first-file"
    /// Every touched file is written; the index and HEAD are as before.
    case afterFilesWritten = "after-files-written"
    /// The index with the touched files staged is written; the commit does not exist yet (in every
    /// commit dabrepo makes: a revision's, the saved edits' of `--include-dirty`, an undo's).
    case afterIndexWrite = "after-index-write"
    /// The commit exists and the branch points at it; the journal is not removed yet.
    case afterCommit = "after-commit"

    static let armed: FaultPoint? = {
        guard let name = EnvironmentSetting.value("DABREPO_FAULT_POINT"), !name.isEmpty else { return nil }
        guard let point = FaultPoint(rawValue: name) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("dabrepo: DABREPO_FAULT_POINT=\(name) is not a fault point (\(names)); ignored.\n".utf8))
            return nil
        }
        return point
    }()

    /// Kills the process here when this is the armed fault point.
    func reach() {
        guard Self.armed == self else { return }
        kill(getpid(), SIGKILL)
    }
}
