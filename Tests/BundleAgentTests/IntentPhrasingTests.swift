@testable import BundleAgent
import BundleModel
import BundleRepository
import BundleValidation
import XCTest

/// Planner behaviour on the default-python template (one job). The phrasing matrix, with the values
/// each request must produce, is PhrasingTableTests.
final class IntentPhrasingTests: XCTestCase {
    func testNodeTypesResizeWithinTheirFamily() {
        XCTAssertEqual(NodeTypeIntent.resize("i3.xlarge", larger: true), "i3.2xlarge")
        XCTAssertEqual(NodeTypeIntent.resize("m5d.2xlarge", larger: false), "m5d.xlarge")
        XCTAssertEqual(NodeTypeIntent.resize("Standard_DS3_v2", larger: true), "Standard_DS4_v2")
        XCTAssertEqual(NodeTypeIntent.resize("Standard_D4ds_v5", larger: true), "Standard_D8ds_v5")
        XCTAssertEqual(NodeTypeIntent.resize("Standard_E8s_v3", larger: false), "Standard_E4s_v3")
        XCTAssertEqual(NodeTypeIntent.resize("n2-standard-4", larger: true), "n2-standard-8")
        XCTAssertEqual(NodeTypeIntent.resize("n2-highmem-8", larger: false), "n2-highmem-4")
        XCTAssertNil(NodeTypeIntent.resize("i3.medium", larger: false))
        // Only sizes that exist: the v2 series ends at D5 (and D15), i3 at 16xlarge, c5 skips 8xlarge.
        XCTAssertNil(NodeTypeIntent.resize("Standard_D5_v2", larger: true))
        XCTAssertEqual(NodeTypeIntent.resize("Standard_D5_v2", larger: false), "Standard_D4_v2")
        XCTAssertEqual(NodeTypeIntent.resize("Standard_D3_v2", larger: true), "Standard_D4_v2")
        XCTAssertEqual(NodeTypeIntent.resize("Standard_DS13_v2", larger: true), "Standard_DS14_v2")
        XCTAssertNil(NodeTypeIntent.resize("Standard_DS5_v2", larger: true))
        XCTAssertNil(NodeTypeIntent.resize("i3.16xlarge", larger: true))
        XCTAssertEqual(NodeTypeIntent.resize("c5.4xlarge", larger: true), "c5.9xlarge")
        XCTAssertEqual(NodeTypeIntent.resize("Standard_F16s_v2", larger: true), "Standard_F32s_v2")
        XCTAssertEqual(NodeTypeIntent.resize("Standard_D32ds_v5", larger: true), "Standard_D48ds_v5")
        XCTAssertEqual(NodeTypeIntent.resize("n1-standard-4", larger: false), "n1-standard-2")
    }

    func testATargetThatMattersIsAskedFor() throws {
        var files = BundleTemplate.named("default-python")!.render(bundleName: "nightly_etl")
        files["databricks.yml"] = files["databricks.yml"]! + "    resources:\n      jobs:\n        nightly_etl_job:\n          job_clusters:\n            - job_cluster_key: job_cluster\n              new_cluster:\n                num_workers: 8\n"
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        guard case .clarify(let question, let choices) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("make the cluster smaller"))) else {
            return XCTFail("expected a question")
        }
        XCTAssertTrue(question.contains("prod"), question)
        XCTAssertEqual(choices, ["--target dev", "--target prod"])
        guard case .plan(let plan) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("make the cluster smaller"), targetOption: "prod")) else {
            return XCTFail("--target answers it")
        }
        XCTAssertEqual(plan.summary, "Set 4 workers (was 8) on job cluster job_cluster of job nightly_etl_job for target prod.")
    }

    func testUnrelatedRequestsAreNotUnderstood() throws {
        let files = BundleTemplate.named("default-python")!.render(bundleName: "nightly_etl")
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        for request in ["make coffee", "what is the weather", "hello"] {
            guard case .notUnderstood(_, let examples) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request))) else {
                return XCTFail("\"\(request)\" was understood")
            }
            XCTAssertFalse(examples.isEmpty)
        }
    }
}
