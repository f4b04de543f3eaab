import BundleModel
import Foundation
import Workspace
import XCTest

final class BundleUploadPlanTests: XCTestCase {
    /// Every file is read before anything is uploaded; one that cannot be read stops the upload with its
    /// name (before, it went up empty).
    func testAFileThatCannotBeReadStopsTheUpload() throws {
        let texts = ["databricks.yml": "bundle:\n  name: demo\n", "src/etl.py": "# Databricks notebook source\nprint(1)\n"]
        let source = InMemoryFileSource(texts: texts)
        let plan = BundleUploadPlan(files: texts.keys.sorted(), read: { try? source.read($0) ?? nil }, destination: "/Workspace/Users/me/.bundle/demo/dev/files")
        let contents = try plan.contents(from: source)
        XCTAssertEqual(contents.count, plan.items.count)
        XCTAssertEqual(contents.values.map { String(decoding: $0, as: UTF8.self) }.sorted(), texts.values.sorted())

        let gone = InMemoryFileSource(texts: ["databricks.yml": texts["databricks.yml"]!])
        XCTAssertThrowsError(try plan.contents(from: gone)) { error in
            XCTAssertEqual("\(error)", "cannot read src/etl.py: it is gone; nothing was uploaded")
        }
    }

    /// A notebook saved with Windows line ends (CRLF) goes up as a notebook, as the CLI's deploy sends it
    /// (its header line is read without the carriage return); it went up as a plain file named etl.py.
    /// A header with blanks around it is no header for the CLI (libs/notebook/detect.go), here too.
    func testANotebookWithWindowsLineEndsIsANotebook() {
        let texts = ["src/etl.py": "# Databricks notebook source\r\nprint(1)\r\n", "src/q.sql": "-- Databricks notebook source\r\nSELECT 1\r\n",
                     "src/plain.py": " # Databricks notebook source\nprint(1)\n"]
        let source = InMemoryFileSource(texts: texts)
        let plan = BundleUploadPlan(files: texts.keys.sorted(), read: { try? source.read($0) ?? nil }, destination: "/Workspace/files")
        XCTAssertEqual(plan.items.map { "\($0.remote) \($0.kind)" }, [
            "/Workspace/files/src/etl notebook(language: \"PYTHON\")", "/Workspace/files/src/plain.py file", "/Workspace/files/src/q notebook(language: \"SQL\")",
        ])
    }
}
