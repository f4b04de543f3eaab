@testable import BundleAgent
import BundleModel
import XCTest

/// nhp_data: jobs Generate_NHP_Data and Generate_NHP_Data_OP, each in its own file. The whole key
/// Generate_NHP_Data_OP names that job only (the shorter key inside it does not also count), and a job
/// defined alone in nhp_data-outpatients.yml is "the outpatients job".
final class LongerNameAndFileNameTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: nhp}
        include: [workflows/*.yml]
        """,
        "workflows/nhp_data.yml": """
        resources:
          jobs:
            Generate_NHP_Data:
              name: Generate NHP Data
              tasks: [{task_key: run, notebook_task: {notebook_path: /Workspace/all}}]
        """,
        "workflows/nhp_data-outpatients.yml": """
        resources:
          jobs:
            Generate_NHP_Data_OP:
              name: Generate NHP Data (OP)
              tasks: [{task_key: run_op, notebook_task: {notebook_path: /Workspace/op}}]
        """,
        "workflows/nhp_data-inpatients.yml": """
        resources:
          jobs:
            Generate_NHP_Data_IP:
              name: Generate NHP Data (IP)
              tasks: [{task_key: run_ip, notebook_task: {notebook_path: /Workspace/ip}}]
        """,
    ]

    func testTheLongerWholeKeyWins() throws {
        let (plan, _) = try InMemoryPlanning.apply("add retries to the Generate_NHP_Data_OP job", to: Self.files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(plan.job, "Generate_NHP_Data_OP")
        let (short, _) = try InMemoryPlanning.apply("add retries to the Generate_NHP_Data job", to: Self.files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(short.job, "Generate_NHP_Data")
    }

    func testTheFileNameNamesTheOnlyResourceInIt() throws {
        let (plan, _) = try InMemoryPlanning.apply("set a timeout of 2 hours on the outpatients job", to: Self.files)
        XCTAssertEqual(plan.resource, ResourceReference(type: "jobs", key: "Generate_NHP_Data_OP"))
        let (inpatient, _) = try InMemoryPlanning.apply("add retries to the inpatient job", to: Self.files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(inpatient.job, "Generate_NHP_Data_IP")
    }
}
