import BundleEditing
import BundleModel
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

    /// Merged in two places, the change is this place's alone: it gets its own copy of the merged value
    /// (a key of its own wins over the merged one), and the anchor stays as the other place reads it.
    func testAnAnchorMergedTwiceIsCopiedWhereTheChangeGoes() throws {
        let twice = Self.text + """

        score:
          job_clusters:
            - job_cluster_key: score_cluster
              <<: *new_cluster
    """
        var editor = YAMLEditor(text: twice)
        try editor.set([.key("resources"), .key("jobs"), .key("train"), .key("job_clusters"), .index(0), .key("new_cluster"), .key("num_workers")], to: .int(8))
        let composed = try XCTUnwrap(YAMLComposer(file: "x").compose(editor.text).root)
        let jobs = composed["resources"]?["jobs"]
        XCTAssertEqual(jobs?["train"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.string, "8")
        XCTAssertEqual(jobs?["train"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["spark_version"]?.string, "13.3.x-cpu-ml-scala2.12")
        XCTAssertEqual(jobs?["score"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.string, "3", "the other user keeps the anchor's")
        XCTAssertTrue(editor.text.hasPrefix(Self.text), "the anchor is as it was")
    }

    /// stackoverflow-style targets: staging's resources are the anchor prod merges. "… in prod" went into
    /// staging's block (the anchor merged once, but its own place is configuration): prod gets a copy.
    func testAnAnchorWhosePlaceIsConfigurationIsNotChangedForAnother() throws {
        let text = """
        targets:
          staging:
            resources: &compute
              jobs: {train: {tags: {tier: heavy}}}
          prod:
            resources:
              <<: *compute

        """
        var editor = YAMLEditor(text: text)
        try editor.set([.key("targets"), .key("prod"), .key("resources"), .key("jobs"), .key("train"), .key("timeout_seconds")], to: .int(60))
        XCTAssertEqual(editor.text, text + """
              jobs:
                train:
                  tags:
                    tier: heavy
                  timeout_seconds: 60

        """)
    }
}
