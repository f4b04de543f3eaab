import BundleDiff
import BundleModel
import XCTest

/// Blocks of anchors at the top of resource files (`new_cluster: &new_cluster …`), as public bundles keep
/// their cluster settings: a change of one file's block is a change of the jobs that use it, and nothing
/// else. The two files' blocks of the same name were merged and shown as "~ new_cluster (the other file)",
/// which the change did not touch.
final class AnchorBlockDiffTests: XCTestCase {
    func testAChangedAnchorBlockShowsOnTheJobsThatUseIt() {
        func job(_ key: String, workers: Int) -> String {
            """
            new_cluster: &new_cluster
              spark_version: 15.4.x-cpu-ml-scala2.12
              node_type_id: i3.xlarge
              num_workers: \(workers)
            resources:
              jobs:
                \(key):
                  name: \(key)
                  tasks:
                    - task_key: t
                      new_cluster: *new_cluster
                      notebook_task:
                        notebook_path: ../nb.py

            """
        }
        let files = ["databricks.yml": "bundle:\n  name: b\ninclude:\n  - resources/*.yml\n",
                     "resources/model.yml": job("train", workers: 2), "resources/batch.yml": job("batch", workers: 2), "nb.py": "# Databricks notebook source\n"]
        var changed = files
        changed["resources/model.yml"] = job("train", workers: 8)
        let result = BundleComparison.compare(BundleSnapshot(label: "old", source: InMemoryFileSource(texts: files)),
                                              BundleSnapshot(label: "new", source: InMemoryFileSource(texts: changed)))
        let text = DiffTextFormatter().render(result)
        XCTAssertEqual(result.groups.count, 1, text)
        XCTAssertTrue(text.contains("jobs.train (resources/model.yml)"), text)
        XCTAssertFalse(text.contains("batch"), text)
    }
}
