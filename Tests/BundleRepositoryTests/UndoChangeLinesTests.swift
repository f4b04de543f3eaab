@testable import BundleRepository
import XCTest

/// The `Changes:` lines of an undo are the revision's, turned round: a key renamed from old_job to new_job is,
/// undone, new_job renamed to old_job (the undo's message said the rename again, as made).
final class UndoChangeLinesTests: XCTestCase {
    func testEachKindOfLineIsTurnedRound() {
        XCTAssertEqual(RevisionHistory.reversed("~ resources.jobs.old_job renamed to resources.jobs.new_job"),
                       "~ resources.jobs.new_job renamed to resources.jobs.old_job")
        XCTAssertEqual(RevisionHistory.reversed("~ resources.jobs.etl.max_concurrent_runs: 1 → 2"), "~ resources.jobs.etl.max_concurrent_runs: 2 → 1")
        XCTAssertEqual(RevisionHistory.reversed("+ resources.jobs.etl.tags.team: data"), "- resources.jobs.etl.tags.team: data")
        XCTAssertEqual(RevisionHistory.reversed("- resources/etl.job.yml"), "+ resources/etl.job.yml")
    }
}
