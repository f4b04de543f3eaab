import BundleModel
@testable import BundleValidation
import XCTest

/// The last line of `validate`'s text, as `databricks bundle validate` ends it (bundle/render/render_text_output.go
/// buildTrailer): recommendations counted ("Validation OK!" was said beside one), three parts with commas.
final class SummaryLineTests: XCTestCase {
    func report(_ severities: [Diagnostic.Severity], rule: String = "one-resource-per-file") -> ValidationReport {
        ValidationReport(bundle: nil, targets: [], diagnostics: severities.map { Diagnostic($0, rule: rule, summary: "s") })
    }

    func testTheTrailerCountsRecommendations() {
        XCTAssertEqual(report([]).summaryLine, "Validation OK!")
        XCTAssertEqual(report([.info]).summaryLine, "Found 1 recommendation")
        XCTAssertEqual(report([.warning, .info]).summaryLine, "Found 1 warning and 1 recommendation")
        XCTAssertEqual(report([.error, .warning, .warning, .info, .info]).summaryLine, "Found 1 error, 2 warnings, and 2 recommendations")
        // dabrepo's own note (a ${NAME} left as written) is none of the CLI's.
        XCTAssertEqual(report([.info], rule: ModelRuleID.variableReference).summaryLine, "Validation OK!")
    }

    /// SARIF's artifact locations are URI references: a space and a "#" in a file name are escaped.
    func testSARIFPathsArePercentEncoded() {
        XCTAssertEqual(SARIFReportFormatter.uri("resources/my job#1.yaml"), "resources/my%20job%231.yaml")
        XCTAssertEqual(SARIFReportFormatter.uri("bundle/resources/etl.job.yml"), "bundle/resources/etl.job.yml")
    }
}
