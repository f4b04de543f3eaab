@testable import BundleAgent
import BundleModel
import XCTest

/// Init scripts come off as they went on: one named, or all of a cluster; a target cannot remove
/// what it inherits.
final class InitScriptRemovalTests: XCTestCase {
    func edited(_ request: String, _ files: [String: String]) throws -> [String: String] {
        let (outcome, edited) = try InMemoryPlanning.outcome(request, on: files)
        guard case .plan = outcome else {
            XCTFail("\(request): \(outcome)")
            throw InMemoryPlanning.NotPlanned()
        }
        return edited
    }

    func testAddedScriptsComeOffOneByOneOrAll() throws {
        let original = SalesBundle.files
        let one = try edited("add the init script /Volumes/main/default/scripts/setup.sh to the sync cluster", original)
        let two = try edited("add the init script /Workspace/Shared/init/install.sh to the sync cluster", one)
        XCTAssertEqual(try edited("remove the init script /Workspace/Shared/init/install.sh from the sync cluster", two), one)
        XCTAssertEqual(try edited("remove the init scripts of the sales sync", two), original)
        let bundle = try SalesBundle.load(two)
        let inTarget = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("remove the init scripts of the sales sync in prod")))
        guard case .refused(let reason) = inTarget else { return XCTFail("\(inTarget)") }
        XCTAssertTrue(reason.contains("cannot remove init scripts it inherits"), reason)
    }
}
