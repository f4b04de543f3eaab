import Foundation
import TestSupport
import XCTest

/// `read_bundle` of a path the bundle does not have says what there is: the jobs of every file, not
/// those of the one file that came closest (a job defined in another file was left out).
final class ReadBundleNotFoundTests: RepositoryTestCase {
    func testTheKeysOfEveryFileAreListed() throws {
        let bundle = try initBundle()
        try write("resources:\n  jobs:\n    second_job:\n      name: second\n", to: bundle.appendingPathComponent("resources/second.job.yml"))
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "second job"], in: bundle)
        let result = try dabrepo(["tools", "call", "read_bundle", #"{"path":"resources.jobs.nope"}"#], in: bundle)
        XCTAssertNotEqual(result.status, 0, result.stdout)
        XCTAssertTrue(result.stderr.contains("resources.jobs has") && result.stderr.contains("nightly_etl_job") && result.stderr.contains("second_job"), result.stderr)
    }
}
