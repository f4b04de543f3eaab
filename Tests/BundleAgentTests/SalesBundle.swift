import BundleModel

/// A bundle as teams write them: three jobs in two folder layouts (one on a job cluster, one on
/// serverless with an environment, one with an ML cluster that autoscales on Azure and a name with
/// `${bundle.target}`), an all-purpose cluster, a dashboard on a warehouse from a variable, variables and
/// dev/prod targets.
enum SalesBundle {
    static let files: [String: String] = [
        "databricks.yml": """
        bundle:
          name: sales

        include:
          - resources/*.yml
          - resources/*/*.yml

        variables:
          catalog:
            description: The catalog to write to
            default: main
          warehouse_id:
            description: The SQL warehouse of the dashboard
            default: abcdef1234567890

        targets:
          dev:
            mode: development
            default: true
          prod:
            mode: production
            workspace:
              root_path: /Workspace/Shared/.bundle/${bundle.name}/${bundle.target}

        """,
        "resources/sales_sync.job.yml": """
        resources:
          jobs:
            sales_sync:
              name: Sales Sync
              schedule:
                quartz_cron_expression: 0 0 2 * * ?
                timezone_id: Europe/Berlin
              email_notifications:
                on_failure:
                  - data-team@example.com
              tags:
                team: sales
                cost: "42"
              job_clusters:
                - job_cluster_key: sync_cluster
                  new_cluster:
                    spark_version: 15.4.x-scala2.12
                    node_type_id: i3.xlarge
                    num_workers: 4
              tasks:
                - task_key: extract
                  job_cluster_key: sync_cluster
                  notebook_task:
                    notebook_path: ../src/extract.py
                    base_parameters:
                      catalog: ${var.catalog}
                      schema: sales
                - task_key: load
                  depends_on:
                    - task_key: extract
                  job_cluster_key: sync_cluster
                  notebook_task:
                    notebook_path: ../src/load.py

        """,
        "resources/marketing/marketing_digest.job.yml": """
        resources:
          jobs:
            marketing_digest:
              name: marketing-digest
              email_notifications:
                on_success:
                  - ana@example.com
                on_failure:
                  - ops@example.com
              environments:
                - environment_key: default
                  spec:
                    environment_version: "2"
                    dependencies:
                      - pandas
              tasks:
                - task_key: digest
                  environment_key: default
                  spark_python_task:
                    python_file: ../../src/digest.py

        """,
        "resources/billing.job.yml": """
        resources:
          jobs:
            nightly_billing:
              name: "[${bundle.target}] Billing export"
              parameters:
                - name: run_date
                  default: "{{job.start_time.iso_date}}"
              job_clusters:
                - job_cluster_key: ml_cluster
                  new_cluster:
                    spark_version: 15.4.x-cpu-ml-scala2.12
                    node_type_id: Standard_DS3_v2
                    autoscale:
                      min_workers: 2
                      max_workers: 8
              tasks:
                - task_key: export
                  job_cluster_key: ml_cluster
                  notebook_task:
                    notebook_path: ../src/export.py

        """,
        "resources/sales.catalog.yml": """
        resources:
          schemas:
            gold:
              catalog_name: main
              name: gold
          volumes:
            exports:
              catalog_name: main
              schema_name: ${resources.schemas.gold.name}
              name: exports

        """,
        "resources/sales.dashboard.yml": """
        resources:
          dashboards:
            sales_overview:
              display_name: Sales overview
              file_path: ../src/sales_overview.lvdash.json
              warehouse_id: ${var.warehouse_id}

        """,
        "src/sales_overview.lvdash.json": "{}\n",
        "resources/shared.cluster.yml": """
        resources:
          clusters:
            shared_cluster:
              cluster_name: shared
              spark_version: 15.4.x-scala2.12
              node_type_id: i3.xlarge
              num_workers: 2

        """,
        "requirements.txt": "pandas==2.2.2\n",
        "src/extract.py": "# Databricks notebook source\n",
        "src/load.py": "# Databricks notebook source\n",
        "src/digest.py": "print('digest')\n",
        "src/export.py": "# Databricks notebook source\n",
        "src/report.py": "# Databricks notebook source\n",
        "src/cleanup.py": "# Databricks notebook source\n",
        "src/notify.py": "# Databricks notebook source\n",
        "src/audit.py": "# Databricks notebook source\n",
        "src/publish.py": "print('publish')\n",
    ]

    static func load(_ files: [String: String] = files) throws -> LoadedBundle {
        try BundleLoader(source: InMemoryFileSource(texts: files)).load()
    }
}
