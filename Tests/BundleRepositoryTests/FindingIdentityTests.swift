import BundleModel
import BundleRepository
import XCTest

/// A finding the bundle had before a revision is the same finding after it, when the revision only moved
/// the lines its words name (Ecardunk/data-master-healthlake: "… defined in two files: alerts.prod.yml:24:9
/// and …" became ":25:9" and the revision was refused as bringing in an error).
final class FindingIdentityTests: XCTestCase {
    func testLinesInTheWordsDoNotMakeANewFinding() {
        func finding(_ line: Int) -> Diagnostic {
            Diagnostic(.error, rule: ModelRuleID.resourceDefinedTwice,
                       summary: "resources.jobs.etl is defined in two files: resources/a.yml:\(line):9 and resources/b.yml:32:9",
                       path: "resources.jobs.etl", location: SourceLocation(file: "resources/b.yml", line: 32, column: 9))
        }
        XCTAssertEqual(RevisionCommitter.identity(finding(24)), RevisionCommitter.identity(finding(25)))
        var other = finding(24)
        other.summary = "resources.jobs.etl is defined in two files: resources/c.yml:24:9 and resources/b.yml:32:9"
        XCTAssertNotEqual(RevisionCommitter.identity(finding(24)), RevisionCommitter.identity(other))
    }
}
