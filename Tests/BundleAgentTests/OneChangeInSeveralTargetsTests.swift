@testable import BundleAgent
import BundleModel
import XCTest

/// "… in dev and prod", "… in both" (7ired/demand_forecasting_pipeline): the change in each target, in one
/// revision, where the intents change one target and asked which.
final class OneChangeInSeveralTargetsTests: XCTestCase {
    func testAVariableInTwoTargetsNamedTogether() throws {
        var c = FollowUpTests.Conversation()
        let plan = try c.ask("set the catalog variable to sales_all in dev and prod")
        XCTAssertEqual(plan?.subject, "Set the variable catalog to sales_all in dev and prod")
        let root = YAMLNode(.mapping(try SalesBundle.load(c.files).configuration), at: SourceLocation(file: "", line: 1, column: 1))
        XCTAssertEqual(PhrasingTableTests.value(at: "targets.dev.variables.catalog", in: root), "sales_all")
        XCTAssertEqual(PhrasingTableTests.value(at: "targets.prod.variables.catalog", in: root), "sales_all")
    }

    func testInBothAfterAChangeOfOneTarget() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("set the warehouse_id variable to 0123456789abcdef in prod")
        _ = try c.ask("and the catalog variable to gold in both")
        let root = YAMLNode(.mapping(try SalesBundle.load(c.files).configuration), at: SourceLocation(file: "", line: 1, column: 1))
        XCTAssertEqual(PhrasingTableTests.value(at: "targets.dev.variables.catalog", in: root), "gold")
        XCTAssertEqual(PhrasingTableTests.value(at: "targets.prod.variables.catalog", in: root), "gold")
    }

    func testClausesAndSubjects() throws {
        let bundle = try SalesBundle.load()
        XCTAssertEqual(SeveralTargets.clauses(PlanningContext(bundle: bundle, request: RequestText("pause the schedule for both dev and prod"))),
                       ["pause the schedule for dev", "pause the schedule for prod"])
        XCTAssertNil(SeveralTargets.clauses(PlanningContext(bundle: bundle, request: RequestText("pause the schedule in dev"))))
        XCTAssertEqual(SeveralTargets.subject("Pause the schedule in dev; Pause the schedule in prod"), "Pause the schedule in dev and prod")
        XCTAssertEqual(SeveralTargets.subject("Pause the schedule in dev; Add retries"), "Pause the schedule in dev; Add retries")
    }
}
