import BundleModel
import BundleRepository
import XCTest

/// Errors a revision finds that the bundle had before are not new, wherever its edit moved them:
/// removing the first task moves the others' errors from tasks[1] to tasks[0].
final class NewErrorsTests: XCTestCase {
    func error(_ path: String, _ summary: String = "library wheel not found") -> Diagnostic {
        Diagnostic(.error, rule: "local-path-exists", summary: summary, path: path, location: SourceLocation(file: "resources/job.yml", line: 9, column: 11))
    }

    func testMovedErrorsAreNotNewAndAnExtraOneIs() {
        let before = [error("resources.jobs.j.tasks[1].libraries[0].whl"), error("resources.jobs.j.tasks[2].libraries[0].whl")]
        XCTAssertEqual(RevisionCommitter.newErrors(in: [error("resources.jobs.j.tasks[0].libraries[0].whl")], before: before), [])
        XCTAssertEqual(RevisionCommitter.newErrors(in: [error("resources.jobs.j.tasks[0].libraries[0].whl"), error("resources.jobs.j.tasks[1].libraries[0].whl")],
                                                   before: before), [])
        let third = [error("resources.jobs.j.tasks[0].libraries[0].whl"), error("resources.jobs.j.tasks[1].libraries[0].whl"),
                     error("resources.jobs.j.tasks[2].libraries[0].whl")]
        XCTAssertEqual(RevisionCommitter.newErrors(in: third, before: before).count, 1, "a third error of the kind is new")
        XCTAssertEqual(RevisionCommitter.newErrors(in: [error("resources.jobs.j.tasks[0].notebook_task.notebook_path", "notebook not found")], before: before).count, 1)
    }
}
