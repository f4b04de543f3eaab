@testable import BundleAgent
import BundleModel
import XCTest

/// "the IP job" for the job named "Generate NHP Data (IP)" (nhp_data): a two-letter word written in
/// capitals names a resource whose key or name has it; in lower case it is too common to.
final class AcronymNameTests: XCTestCase {
    func testTwoCapitalLettersNameAJob() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: nhp}
            resources:
              jobs:
                Generate_NHP_Data_IP:
                  name: Generate NHP Data (IP)
                  tasks: [{task_key: run, notebook_task: {notebook_path: /Workspace/ip}}]
                Generate_NHP_Data_OP:
                  name: Generate NHP Data (OP)
                  tasks: [{task_key: run, notebook_task: {notebook_path: /Workspace/op}}]
            """,
        ]
        let (plan, _) = try InMemoryPlanning.apply("set a timeout of 2 hours on the IP job", to: files)
        XCTAssertEqual(plan.resource, ResourceReference(type: "jobs", key: "Generate_NHP_Data_IP"))
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        XCTAssertTrue(ResourceCatalog(bundle: bundle).mentions(in: "run it if you can").isEmpty)
    }
}
