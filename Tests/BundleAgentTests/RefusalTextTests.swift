@testable import BundleAgent
import BundleModel
import XCTest

/// Refusals on shapes of real public bundles say where the change has to be made instead.
final class RefusalTextTests: XCTestCase {
    func refusal(_ request: String, _ files: [String: String]) throws -> String {
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        guard case .refused(let reason) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request))) else {
            XCTFail("\(request): not refused")
            return ""
        }
        return reason
    }

    /// `on_failure: ${var.notification_emails}` (databricks_ingestion_monitoring): the list is the variable's.
    func testRecipientsFromAVariable() throws {
        let reason = try refusal("email oncall@example.com when the job fails", [
            "databricks.yml": """
            bundle: {name: monitoring}
            variables:
              notification_emails:
                type: complex
                default: [ops@example.com]
            resources:
              jobs:
                runner:
                  name: runner
                  email_notifications:
                    on_failure: ${var.notification_emails}
                  tasks:
                    - task_key: run
                      notebook_task: {notebook_path: ./run.py}
            """,
            "run.py": "print(1)\n",
        ])
        XCTAssertTrue(reason.contains("${var.notification_emails}"), reason)
        XCTAssertTrue(reason.contains("add oncall@example.com where that value is defined"), reason)
    }

    /// Resources made by Python code (pydabs): not in YAML, and said so.
    func testResourcesMadeByPython() throws {
        let reason = try refusal("set a timeout of 2 hours on every job", [
            "databricks.yml": """
            bundle: {name: pydabs}
            python:
              venv_path: .venv
              resources:
                - "resources:load_resources"
            """,
        ])
        XCTAssertEqual(reason, "this bundle defines no job in YAML; its Python code makes resources (python.resources: resources:load_resources), which are changed in that code, not here")
    }
}
