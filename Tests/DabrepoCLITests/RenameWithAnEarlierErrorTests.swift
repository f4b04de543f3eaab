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
}
