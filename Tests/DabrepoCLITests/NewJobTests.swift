import Foundation
import TestSupport
import XCTest

/// `refine "add a new job that runs …"` as a user asks it, on the nightly_etl fixture in a real git
/// repository: the job gets its own file, the follow-up schedules it, and every target validates.
final class NewJobTests: RepositoryTestCase {
    func testANewJobAndItsSchedule() throws {
        let bundle = try copyFixture("nightly_etl")
        try git(["init", "-q", "-b", "main"], in: bundle)
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "Nightly ETL"], in: bundle)
        let added = try dabrepo(["refine", "add a new job that runs src/transform.py", "--new-session"], in: bundle)
        XCTAssertEqual(added.status, 0, added.stdout + added.stderr)
        XCTAssertTrue(added.stdout.contains("+ jobs.transform (resources/transform.job.yml)"), added.stdout)
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), "Add the job transform")
        let scheduled = try dabrepo(["refine", "run it daily at 3am"], in: bundle)
        XCTAssertEqual(scheduled.status, 0, scheduled.stdout + scheduled.stderr)
        let job = try read(bundle.appendingPathComponent("resources/transform.job.yml"))
        XCTAssertTrue(job.contains("python_file: ../src/transform.py"), job)
        XCTAssertTrue(job.contains("quartz_cron_expression: 0 0 3 * * ?"), job)
        XCTAssertTrue(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("0 0 2 * * ?"), "the other job keeps its schedule")
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 0)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        // Asked with its schedule, a new job has it at once.
        let daily = try dabrepo(["refine", "create a job called cleanup that runs src/transform.py every weekday at 6:30", "--new-session"], in: bundle)
        XCTAssertEqual(daily.status, 0, daily.stdout + daily.stderr)
        XCTAssertTrue(try read(bundle.appendingPathComponent("resources/cleanup.job.yml")).contains("quartz_cron_expression: 0 30 6 ? * MON-FRI"))
        let again = try dabrepo(["refine", "add a new job that runs src/transform.py", "--new-session"], in: bundle)
        XCTAssertEqual(again.status, 1, again.stdout)
        XCTAssertTrue((again.stdout + again.stderr).contains("already has a job transform"), again.stdout + again.stderr)
    }
}
