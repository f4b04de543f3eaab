/// The small bundles the rewrites' examples run on (`FollowUpRewriteExample.files`, besides a
/// `databricks.yml` with targets dev and prod and variables catalog and schema).
enum FollowUpRewriteFixtures {
    /// Two jobs as in AIC-datascience/absa_ubunye_pipelines: flood (two tasks) and telematics.
    static let floodJobs: [String: String] = [
        "resources/flood.job.yml": """
        resources:
          jobs:
            flood:
              name: flood-risk
              tasks:
                - task_key: geocode_addresses
                  spark_python_task:
                    python_file: ../src/geocode.py
                - task_key: flood_risk
                  depends_on:
                    - task_key: geocode_addresses
                  spark_python_task:
                    python_file: ../src/flood_risk.py
            telematics:
              name: telematics
              tasks:
                - task_key: score_trips
                  spark_python_task:
                    python_file: ../src/score_trips.py

        """,
        "src/geocode.py": "print('geocode')\n",
        "src/flood_risk.py": "print('flood')\n",
        "src/score_trips.py": "print('trips')\n",
        "src/score.py": "print('score')\n",
    ]

    /// A schema and a volume with grants to the group analysts.
    static let grants: [String: String] = [
        "resources/flood.schema.yml": """
        resources:
          schemas:
            flood:
              catalog_name: ${var.catalog}
              name: flood
              grants:
                - principal: analysts
                  privileges:
                    - USE_SCHEMA
                    - SELECT
                    - MODIFY
          volumes:
            landing:
              catalog_name: ${var.catalog}
              schema_name: flood
              name: landing
              grants:
                - principal: analysts
                  privileges:
                    - READ_VOLUME
                    - WRITE_VOLUME

        """,
    ]

    /// An app whose config.env reads a variable, and a variable static_catalog.
    static let appEnvironment: [String: String] = [
        "resources/app.yml": """
        variables:
          static_catalog:
            default: metlink
        resources:
          apps:
            departures:
              name: departures
              source_code_path: ../src/app
              config:
                command: ["streamlit", "run", "app.py"]
                env:
                  - name: METLINK_CATALOG
                    value: ${var.catalog}

        """,
        "src/app/app.py": "print('app')\n",
        "resources/flood.job.yml": """
        resources:
          jobs:
            flood:
              name: flood-risk
              tasks:
                - task_key: score
                  notebook_task:
                    notebook_path: ../src/score.py

        """,
        "src/score.py": "# Databricks notebook source\n",
    ]

    /// A serverless SQL warehouse and a job.
    static let warehouse: [String: String] = [
        "resources/warehouse.yml": """
        resources:
          sql_warehouses:
            analytics:
              name: analytics
              cluster_size: Small
              enable_serverless_compute: true
              auto_stop_mins: 10
          jobs:
            refresh:
              name: refresh
              tasks:
                - task_key: refresh
                  spark_python_task:
                    python_file: ../src/refresh.py

        """,
        "src/refresh.py": "print('refresh')\n",
    ]

    /// A job whose tasks run on one job cluster of 2 workers.
    static let clusterJob: [String: String] = [
        "resources/etl.job.yml": """
        resources:
          jobs:
            etl:
              name: etl
              job_clusters:
                - job_cluster_key: etl
                  new_cluster:
                    spark_version: 15.4.x-scala2.12
                    node_type_id: i3.xlarge
                    num_workers: 2
              tasks:
                - task_key: load
                  job_cluster_key: etl
                  spark_python_task:
                    python_file: ../src/load.py

        """,
        "src/load.py": "print('load')\n",
    ]

    /// A classic pipeline on the current channel.
    static let pipeline: [String: String] = [
        "resources/orders.pipeline.yml": """
        resources:
          pipelines:
            orders:
              name: orders
              catalog: main
              schema: sales
              channel: CURRENT
              libraries:
                - notebook:
                    path: ../src/orders.py

        """,
        "src/orders.py": "# Databricks notebook source\n",
    ]

    static let databricksYML = """
        bundle:
          name: example

        include:
          - resources/*.yml

        variables:
          catalog:
            default: main
          schema:
            default: default

        targets:
          dev:
            mode: development
            default: true
          prod:
            mode: production

        """
}
