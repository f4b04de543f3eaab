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
}
