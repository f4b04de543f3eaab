import BundleModel
import BundleValidation
import XCTest

/// A path copied from a resource's file into a target's override in databricks.yml (`../src/x.py`, as
/// resources/ wrote it): the Databricks CLI says it is "defined relative to the …/resources directory";
/// dabrepo said it was outside the sync root and to widen sync.paths, which mends nothing.
final class PathRelativeToAnotherFileTests: XCTestCase {
    func testAPathWrittenForAnotherFilesFolderSaysWhereItIs() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: demo}
            include: [resources/*.yml]
            targets:
              dev:
                default: true
                resources:
                  jobs:
                    etl:
                      tasks:
                        - task_key: run
                          notebook_task: {notebook_path: ../src/notebook.py}
            """,
            "resources/etl.job.yml": """
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: run
                      notebook_task: {notebook_path: ../src/notebook.py}
            """,
            "src/notebook.py": "# Databricks notebook source\nprint(1)\n",
        ]
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        let found = Validator().validate(bundle, targets: ["dev"]).filter { $0.rule == "local-path-exists" }
        XCTAssertEqual(found.count, 1, "\(found.map(\.summary))")
        XCTAssertEqual(found.first?.summary, "path ../src/notebook.py is defined relative to the resources/ directory")
        XCTAssertEqual(found.first?.location?.file, "databricks.yml")
        XCTAssertTrue(found.first?.detail?.contains("the file is src/notebook.py") == true, found.first?.detail ?? "")
        XCTAssertFalse(found.first?.detail?.contains("sync.paths") == true)
    }
}
