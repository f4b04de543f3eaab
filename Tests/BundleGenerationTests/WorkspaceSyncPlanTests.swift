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

    /// `/Workspace/Shared/etl` asked, `/Shared/etl/…` listed (as the workspace API answers): one folder. The
    /// paths were cut by the length of the other, and sync refused every one ("would land outside src/").
    func testTheWorkspaceMountInFrontIsTheSameFolder() throws {
        let plan = try WorkspaceSyncPlan(folder: folder, objects: [
            ["path": "/Shared/etl/ingest", "object_type": "NOTEBOOK", "language": "PYTHON"],
            ["path": "/Shared/etl/lib/helpers", "object_type": "NOTEBOOK", "language": "SQL"],
        ], localFolder: "src")
        XCTAssertEqual(plan.items.map(\.local), ["src/ingest.py", "src/lib/helpers.sql"])
        let other = try WorkspaceSyncPlan(folder: "/Shared/etl", objects: [["path": "/Workspace/Shared/etl/a", "object_type": "FILE"]], localFolder: "src")
        XCTAssertEqual(other.items.map(\.local), ["src/a"])
        XCTAssertEqual(JobConversion.commonFolder(["/Workspace/Users/ana/etl/ingest", "/Users/ana/etl/ml/train"]), "/Users/ana/etl")
        XCTAssertEqual(WorkspaceObjectPath.relative("/Users/ana/etl/ml/train", below: "/Workspace/Users/ana/etl"), "ml/train")
        XCTAssertNil(WorkspaceObjectPath.relative("/Users/ana/etl-old/a", below: "/Workspace/Users/ana/etl"))
        XCTAssertEqual(WorkspaceObjectPath.canonical("/Workspace"), "/")
        XCTAssertEqual(WorkspaceObjectPath.canonical("/Workspaces/x"), "/Workspaces/x")
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
