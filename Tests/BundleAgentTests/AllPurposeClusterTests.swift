@testable import BundleAgent
import BundleModel
import XCTest

/// An all-purpose cluster of the bundle (knowledge_base/development_cluster defines it in the dev
/// target; others at the top level): named or called "the all-purpose cluster", its own fields change
/// where it is defined, and the job's cluster stays as it was.
final class AllPurposeClusterTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: development_cluster}
        resources:
          jobs:
            example_job:
              name: example_job
              job_clusters:
                - job_cluster_key: cluster
                  new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 2}
              tasks:
                - task_key: notebook
                  job_cluster_key: cluster
                  notebook_task: {notebook_path: ./notebook.py}
        targets:
          dev:
            mode: development
            default: true
            cluster_id: ${resources.clusters.development_cluster.id}
            resources:
              clusters:
                development_cluster:
                  cluster_name: Development cluster
                  spark_version: 15.4.x-scala2.12
                  node_type_id: i3.xlarge
                  num_workers: 0
                  autotermination_minutes: 30
                  spark_conf:
                    "spark.databricks.cluster.profile": "singleNode"
                    "spark.master": "local[*, 4]"
                  custom_tags:
                    "ResourceClass": "SingleNode"
          prod:
            mode: production
            workspace: {root_path: /Workspace/Users/deploy@example.com/.bundle/development_cluster}
        """,
        "notebook.py": "# Databricks notebook source\n",
    ]

    func cluster(_ bundle: LoadedBundle) -> YAMLNode? {
        bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["clusters"]?["development_cluster"]
    }

    func jobCluster(_ bundle: LoadedBundle) -> YAMLNode? {
        bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["example_job"]?["job_clusters"]?.sequence?.first?["new_cluster"]
    }

    func testTheClustersOwnFieldsChangeWhereItIsDefined() throws {
        var (_, bundle) = try InMemoryPlanning.apply("upgrade the all-purpose cluster to 16.4 LTS", to: Self.files)
        XCTAssertEqual(cluster(bundle)?["spark_version"]?.string, "16.4.x-scala2.12")
        XCTAssertEqual(jobCluster(bundle)?["spark_version"]?.string, "15.4.x-scala2.12", "the job's cluster stays")

        (_, bundle) = try InMemoryPlanning.apply("give the development cluster 4 workers", to: Self.files)
        XCTAssertEqual(cluster(bundle)?["num_workers"]?.string, "4")
        XCTAssertNil(cluster(bundle)?["spark_conf"], "no longer single-node")
        XCTAssertEqual(jobCluster(bundle)?["num_workers"]?.string, "2")

        (_, bundle) = try InMemoryPlanning.apply("use spot instances on the all-purpose cluster", to: Self.files)
        XCTAssertEqual(cluster(bundle)?["aws_attributes"]?["availability"]?.string, "SPOT_WITH_FALLBACK")

        (_, bundle) = try InMemoryPlanning.apply("shut down the development cluster after 15 min idle", to: Self.files)
        XCTAssertEqual(cluster(bundle)?["autotermination_minutes"]?.string, "15")

        (_, bundle) = try InMemoryPlanning.apply("set spark.sql.shuffle.partitions to 64 on the all-purpose cluster", to: Self.files)
        XCTAssertEqual(cluster(bundle)?["spark_conf"]?["spark.sql.shuffle.partitions"]?.string, "64")
        XCTAssertNil(jobCluster(bundle)?["spark_conf"])
    }
}
