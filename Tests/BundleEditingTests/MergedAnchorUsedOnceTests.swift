import BundleEditing
import XCTest

/// MLOps Stacks writes each job's cluster as an anchor merged once (`<<: *new_cluster`): a setting
/// inside it is changed in the anchor's definition, which is that place's value; an anchor merged in
/// two places is still refused (the change would reach both).
final class MergedAnchorUsedOnceTests: XCTestCase {
    static let text = """
    new_cluster: &new_cluster
      new_cluster:
        num_workers: 3
        spark_version: 13.3.x-cpu-ml-scala2.12

    resources:
      jobs:
        train:
          job_clusters:
            - job_cluster_key: train_cluster
              <<: *new_cluster
    """

    func testAnAnchorMergedOnceIsChangedWhereItIsDefined() throws {
        var editor = YAMLEditor(text: Self.text)
        try editor.set([.key("resources"), .key("jobs"), .key("train"), .key("job_clusters"), .index(0), .key("new_cluster"), .key("num_workers")], to: .int(8))
        XCTAssertEqual(editor.text, Self.text.replacingOccurrences(of: "num_workers: 3", with: "num_workers: 8"))
    }

    func testAnAnchorMergedTwiceIsRefused() {
        let twice = Self.text + """

        score:
          job_clusters:
            - job_cluster_key: score_cluster
              <<: *new_cluster
    """
        var editor = YAMLEditor(text: twice)
        XCTAssertThrowsError(try editor.set([.key("resources"), .key("jobs"), .key("train"), .key("job_clusters"), .index(0), .key("new_cluster"), .key("num_workers")], to: .int(8)))
        XCTAssertEqual(editor.text, twice)
    }
}
