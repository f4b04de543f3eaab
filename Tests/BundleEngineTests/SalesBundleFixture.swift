import BundleModel
import Foundation

/// A small bundle in memory: a root file with two targets (prod overrides a job cluster), one job
/// file with comments, and a notebook.
enum SalesBundleFixture {
    static let root = """
    # The sales bundle
    bundle:
      name: sales

    include:
      - resources/*.yml

    targets:
      dev:
        default: true
        mode: development
      prod:
        mode: production
        resources:
          jobs:
            nightly_etl:
              job_clusters:
                - job_cluster_key: etl_cluster
                  new_cluster:
                    num_workers: 8

    """

    static let job = """
    resources:
      jobs:
        nightly_etl:
          name: Nightly ETL  # shown in the UI
          tags:
            team: data
            cost.center: "4711"

          email_notifications:
            on_failure:
              - data@example.com
          job_clusters:
            # the one cluster
            - job_cluster_key: etl_cluster
              new_cluster:
                spark_version: 15.4.x-scala2.12
                node_type_id: i3.xlarge
                num_workers: 4
          tasks:
            - task_key: ingest
              job_cluster_key: etl_cluster
              notebook_task:
                notebook_path: ../src/ingest.py

    """

    static var texts: [String: String] {
        ["databricks.yml": root, "resources/nightly_etl.job.yml": job, "src/ingest.py": "# Databricks notebook source\nprint('ingest')\n"]
    }

    static func source(_ replacing: [String: String] = [:]) -> InMemoryFileSource {
        InMemoryFileSource(texts: texts.merging(replacing) { _, new in new })
    }
}
