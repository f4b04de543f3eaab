import BundleGeneration
import XCTest

final class WorkspaceSyncPlanTests: XCTestCase {
    let folder = "/Workspace/Shared/etl"

    func testMapsNotebooksByLanguageAndKeepsFilesAsTheyAre() throws {
        let plan = try WorkspaceSyncPlan(folder: folder, objects: [
            ["path": "\(folder)/lib", "object_type": "DIRECTORY"],
            ["path": "\(folder)/lib/helpers", "object_type": "NOTEBOOK", "language": "SCALA"],
            ["path": "\(folder)/ingest", "object_type": "NOTEBOOK", "language": "PYTHON"],
            ["path": "\(folder)/report.sql", "object_type": "NOTEBOOK", "language": "SQL"],
            ["path": "\(folder)/model", "object_type": "NOTEBOOK", "language": "R"],
            ["path": "\(folder)/requirements.txt", "object_type": "FILE"],
            ["path": "\(folder)/sales_dashboard", "object_type": "DASHBOARD"],
        ], localFolder: "src")
        XCTAssertEqual(plan.items.map(\.local), ["src/ingest.py", "src/lib/helpers.scala", "src/model.r", "src/report.sql", "src/requirements.txt"])
        XCTAssertEqual(plan.items.first { $0.local == "src/requirements.txt" }?.kind, .file)
        XCTAssertEqual(plan.skipped, ["\(folder)/sales_dashboard"])
        XCTAssertEqual(try WorkspaceSyncPlan(folder: folder, objects: [["path": "\(folder)/a", "object_type": "FILE"]], localFolder: ".").items.map(\.local), ["a"])
    }

    func testRefusesEveryPathThatCouldLeaveTheFolder() {
        for path in ["\(folder)/../secrets", "\(folder)/a/../../b", "\(folder)/./a", "\(folder)//a", "/Workspace/Shared/other/a",
                     "\(folder)-evil/a", "\(folder)/a\\..\\b", "\(folder)/"] {
            XCTAssertThrowsError(try WorkspaceSyncPlan(folder: folder, objects: [
                ["path": "\(folder)/ok", "object_type": "FILE"], ["path": path, "object_type": "FILE"],
            ], localFolder: "src"), path) { error in
                XCTAssertEqual((error as? WorkspaceSyncPlan.Refusal)?.paths, [path])
                XCTAssertTrue("\(error)".contains("nothing was written"))
            }
        }
    }
}
