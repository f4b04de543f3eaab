import Foundation
import TestSupport
import XCTest

/// Renaming a resource's key when the bundle already had an error in that resource: the error's path has the
/// new key, and the revision was refused as bringing in "1 new error".
final class RenameWithAnEarlierErrorTests: RepositoryTestCase {
    func testARenameKeepsAnErrorTheResourceHadBefore() throws {
        let bundle = try initBundle()
        try write("""
        resources:
          pipelines:
            p:
              name: p
              catalog: main
              schema: s
              libraries:
                - notebook:
                    path: ../src/p.sql

        """, to: bundle.appendingPathComponent("resources/p.pipeline.yml"))
        try write("select 1\n", to: bundle.appendingPathComponent("src/p.sql"))
        XCTAssertEqual(try git(["add", "-A"], in: bundle).status, 0)
        XCTAssertEqual(try git(["-c", "core.hooksPath=/dev/null", "commit", "-qm", "a pipeline whose notebook is no notebook"], in: bundle).status, 0)
        let validated = try dabrepo(["validate", "--all-targets"], in: bundle)
        XCTAssertEqual(validated.status, 1, "the bundle has the error before: " + validated.stdout)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)

        let renamed = try dabrepo(["refine", "rename the resource key p to q"], in: bundle)
        XCTAssertEqual(renamed.status, 0, renamed.stdout + renamed.stderr)
        XCTAssertTrue(renamed.stdout.contains("none new"), renamed.stdout)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD~1"], in: bundle), head)
        XCTAssertTrue(try read(bundle.appendingPathComponent("resources/p.pipeline.yml")).contains("    q:"))
    }

    /// An error whose words name the resource's key ("… of job etl …"): the same error after the rename.
    func testARenameKeepsAnErrorThatNamesTheKeyInWords() throws {
        let bundle = try initBundle()
        let file = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        let text = try read(file)
        // A task that waits for a task the job lacks.
        var lines = text.components(separatedBy: "\n")
        guard let i = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("- task_key:") }) else { return XCTFail(text) }
        let indent = String(lines[i].prefix { $0 == " " })
        lines.insert(indent + "  depends_on:\n" + indent + "    - task_key: no_such_task", at: i + 1)
        try write(lines.joined(separator: "\n"), to: file)
        XCTAssertEqual(try git(["-c", "core.hooksPath=/dev/null", "commit", "-qam", "a task waits for a task that is not there"], in: bundle).status, 0)
        XCTAssertEqual(try dabrepo(["validate", "--all-targets"], in: bundle).status, 1)
        let renamed = try dabrepo(["refine", "change the key of the nightly_etl job to nightly"], in: bundle)
        XCTAssertEqual(renamed.status, 0, renamed.stdout + renamed.stderr)
        XCTAssertTrue(renamed.stdout.contains("none new"), renamed.stdout)
    }
}
