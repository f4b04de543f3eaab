@testable import BundleServer
import XCTest

/// Which chat messages are generate requests, and what they ask the tools for.
final class GenerateRequestTests: XCTestCase {
    func testGenerateRequestsAreRecognised() {
        XCTAssertEqual(GenerateRequest("Generate a bundle from job 662067900958232")?.jobID, 662067900958232)
        XCTAssertEqual(GenerateRequest("please import job #42 into the bundle")?.tool, "generate_bundle_from_job")
        let folder = GenerateRequest("Create a bundle for /Workspace/Users/alex/ml/")
        XCTAssertEqual(folder?.tool, "generate_bundle")
        XCTAssertEqual(folder?.arguments, ["workspace_folder": "/Workspace/Users/alex/ml"])
        XCTAssertEqual(GenerateRequest("Sync /Workspace/Shared/etl into the bundle")?.tool, "sync_workspace_to_local")
        XCTAssertEqual(GenerateRequest("Generate a bundle from job 7")?.toolArguments(author: "A <a@x>") as NSDictionary?,
                       ["job_id": 7, "author": "A <a@x>"] as NSDictionary)
    }

    func testChangeRequestsAreNot() {
        XCTAssertNil(GenerateRequest("make the dev cluster smaller"))
        XCTAssertNil(GenerateRequest("the job 12 should retry"))
        XCTAssertNil(GenerateRequest("make the job run at 6"))
        XCTAssertNil(GenerateRequest("create a schedule"))
        XCTAssertNil(GenerateRequest("make job 12 run at 6"))
    }
}
