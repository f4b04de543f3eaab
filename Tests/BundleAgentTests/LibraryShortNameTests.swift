@testable import BundleAgent
import BundleModel
import XCTest

/// medalforge: a task installs databricks-labs-dqx==0.8.0; engineers call it "dqx". A short name means
/// the one installed package whose name ends with it, for a new version and for a removal; a name
/// nothing installs (and no longer package ends with) is still refused.
final class LibraryShortNameTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: medalforge}
        resources:
          jobs:
            one_data_process:
              name: one-data-process
              tasks:
                - task_key: silver_transform
                  notebook_task: {notebook_path: /Workspace/silver}
                  existing_cluster_id: 0101-120000-abcdefgh
                  libraries:
                    - pypi: { package: "databricks-labs-dqx==0.8.0" }
                    - pypi: { package: "pandas==2.2.2" }
        """,
    ]

    static func packages(_ bundle: LoadedBundle) -> [String] {
        bundle.configuration["resources"]?["jobs"]?["one_data_process"]?["tasks"]?.sequence?.first?["libraries"]?.sequence?
            .compactMap { $0["pypi"]?["package"]?.string } ?? []
    }

    func testAShortNameMeansThePackageEndingWithIt() throws {
        let (_, upgraded) = try InMemoryPlanning.apply("upgrade dqx to 0.9.0", to: Self.files, intent: LibraryVersionIntent.id)
        XCTAssertEqual(Self.packages(upgraded), ["databricks-labs-dqx==0.9.0", "pandas==2.2.2"])
        let (_, removed) = try InMemoryPlanning.apply("remove dqx", to: Self.files, intent: LibraryRemovalIntent.id)
        XCTAssertEqual(Self.packages(removed), ["pandas==2.2.2"])
        // A calendar version, and the name as written (pdfminer.six, not pip's pdfminer-six).
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "pandas==2.2.2", with: "pdfminer.six==20240706")
        let (_, calendar) = try InMemoryPlanning.apply("upgrade pdfminer.six to 20250327", to: files, intent: LibraryVersionIntent.id)
        XCTAssertEqual(Self.packages(calendar), ["databricks-labs-dqx==0.8.0", "pdfminer.six==20250327"])
        let (outcome, _) = try InMemoryPlanning.outcome("upgrade labs to 1.0.0", on: Self.files)
        guard case .refused = outcome else { return XCTFail("\(outcome)") }
    }
}
