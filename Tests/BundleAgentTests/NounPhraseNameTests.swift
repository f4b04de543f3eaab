@testable import BundleAgent
import BundleModel
import XCTest

/// The words right before "job", "pipeline" or "one" name the one resource of that kind that holds
/// them in order, common words included: "the citibike python job" (citibike_etl_pipeline_py, not the
/// pipeline citibike_dlt_pipeline), "the data pipeline job", "the ml one", "the daily job".
final class NounPhraseNameTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: names}
        resources:
          pipelines:
            citibike_dlt_pipeline:
              name: citibike_dlt_pipeline
              serverless: true
              catalog: main
              schema: bikes
              libraries: [{file: {path: /Workspace/p.py}}]
          jobs:
            citibike_etl_pipeline_py: {name: citibike_etl_pipeline_py, tasks: [{task_key: a, notebook_task: {notebook_path: /Workspace/a}}]}
            citibike_tle_pipeline_nb: {name: citibike_tle_pipeline_nb, tasks: [{task_key: a, notebook_task: {notebook_path: /Workspace/a}}]}
            formula_1_etl_pipeline_py: {name: formula_1_etl_pipeline_py, tasks: [{task_key: a, notebook_task: {notebook_path: /Workspace/a}}]}
            dab_demo_data_pipeline_job: {name: data, tasks: [{task_key: a, notebook_task: {notebook_path: /Workspace/a}}]}
            dab_demo_ml_pipeline_job: {name: ml, tasks: [{task_key: a, notebook_task: {notebook_path: /Workspace/a}}]}
            northpeak_daily: {name: "[${bundle.target}] NorthPeak daily batch", tasks: [{task_key: a, notebook_task: {notebook_path: /Workspace/a}}]}
            northpeak_full_rebuild: {name: "[${bundle.target}] NorthPeak full rebuild", tasks: [{task_key: a, notebook_task: {notebook_path: /Workspace/a}}]}
        """,
    ]

    func testWordsBeforeTheNounNameOneResourceOfThatKind() throws {
        let cases = [
            ("let the data-engineers group manage the citibike python job", "citibike_etl_pipeline_py"),
            ("let group data-engineers run the formula 1 python job", "formula_1_etl_pipeline_py"),
            ("let group data-engineers view the citibike notebook job", "citibike_tle_pipeline_nb"),
            ("let group data-engineers view the data pipeline job", "dab_demo_data_pipeline_job"),
            ("let group data-engineers view the ml job", "dab_demo_ml_pipeline_job"),
            ("let group data-engineers view the daily job", "northpeak_daily"),
        ]
        for (request, job) in cases {
            let (plan, _) = try InMemoryPlanning.apply(request, to: Self.files, intent: PermissionIntent.id)
            XCTAssertEqual(plan.resource, ResourceReference(type: "jobs", key: job), request)
        }
    }

    func testTheOneInAFollowUp() throws {
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: Self.files)).load()
        let mentions = ResourceCatalog(bundle: bundle).mentions(in: "and the ml one at 9:30")
        XCTAssertEqual(Array(mentions.keys), [ResourceReference(type: "jobs", key: "dab_demo_ml_pipeline_job")])
        XCTAssertTrue(ResourceCatalog(bundle: bundle).mentions(in: "run it daily at 5am").isEmpty)
    }
}

/// ecommerce-analytics, telecom: a task key of one job (bronze_ingestion, sva_subscriptions, invoicing)
/// does not name that job where the words are another job's own key or name ("the bronze ingestion" is
/// bronze_ingestion_job); a word before "job" names no schema; an open question offers the jobs that
/// hold the request's words.
final class TaskKeyVersusJobNameTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: shop}
        resources:
          schemas:
            ingestion: {catalog_name: main, name: ingestion}
          jobs:
            bronze_ingestion_job:
              name: "[${bundle.target}] Bronze - CSV Ingestion"
              schedule: {quartz_cron_expression: "0 0 1 * * ?", timezone_id: UTC}
              tasks: [{task_key: load, notebook_task: {notebook_path: /Workspace/a}}]
            full_pipeline_job:
              name: full pipeline
              schedule: {quartz_cron_expression: "0 0 0 * * ?", timezone_id: UTC}
              tasks:
                - {task_key: bronze_ingestion, notebook_task: {notebook_path: /Workspace/a}}
                - {task_key: sva_subscriptions, notebook_task: {notebook_path: /Workspace/a}}
                - {task_key: invoicing, notebook_task: {notebook_path: /Workspace/a}}
            Ingestao_1_processa_silver_sva_subscriptions: {name: sva, tasks: [{task_key: a, notebook_task: {notebook_path: /Workspace/a}}]}
            Ingestao_2_processa_silver_invoicing: {name: inv, tasks: [{task_key: a, notebook_task: {notebook_path: /Workspace/a}}]}
            Gera_Fato_Invoicing: {name: fato, tasks: [{task_key: a, notebook_task: {notebook_path: /Workspace/a}}]}
        """,
    ]

    func testAJobsOwnWordsBeatAnotherJobsTask() throws {
        let (plan, _) = try InMemoryPlanning.apply("run the bronze ingestion at 00:30 UTC", to: Self.files)
        XCTAssertEqual(plan.job, "bronze_ingestion_job")
        let (tagged, _) = try InMemoryPlanning.apply("tag the sva subscriptions ingestion job with owner=malcoln", to: Self.files)
        XCTAssertEqual(tagged.job, "Ingestao_1_processa_silver_sva_subscriptions")
        // Still the task, with its noun.
        let (retried, _) = try InMemoryPlanning.apply("retry the invoicing task 3 times", to: Self.files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(retried.job, "full_pipeline_job")
    }

    func testAnAmbiguousWordIsAskedAmongTheJobsHoldingIt() throws {
        let (outcome, _) = try InMemoryPlanning.outcome("set a 2 hour timeout on the invoicing job", on: Self.files)
        guard case .clarify(_, let choices) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(Set(choices), ["--resource jobs.Ingestao_2_processa_silver_invoicing", "--resource jobs.Gera_Fato_Invoicing"])
    }
}

/// dabs-cicd-with-azuredevops: "the orders pipeline" is the pipeline orders_dlt_pipeline ("Orders DLT
/// Pipeline"), not the job "ETL Orders Pipeline"; "the DLT pipeline catalog … in dev" overrides that
/// pipeline's catalog in dev, not the variable every job uses.
final class PipelineNounTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: orders}
        variables:
          catalog: {default: hp_dev}
        resources:
          pipelines:
            orders_dlt_pipeline:
              name: "[${bundle.target}] Orders DLT Pipeline"
              catalog: ${var.catalog}
              schema: orders
              photon: true
              clusters: [{label: default, num_workers: 1}]
              libraries: [{notebook: {path: /Workspace/p}}]
          jobs:
            etl_orders_job:
              name: "[${bundle.target}] ETL Orders Pipeline"
              job_clusters: [{job_cluster_key: c, new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 1}}]
              tasks: [{task_key: ingest, job_cluster_key: c, notebook_task: {notebook_path: /Workspace/a, base_parameters: {catalog: "${var.catalog}"}}}]
        targets:
          dev: {default: true}
          prod: {}
        """,
    ]

    func testThePipelineNotTheJobNamedPipeline() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("switch the orders pipeline to serverless", to: Self.files)
        XCTAssertEqual(plan.resource, ResourceReference(type: "pipelines", key: "orders_dlt_pipeline"))
        XCTAssertNotNil(bundle.configuration["resources"]?["jobs"]?["etl_orders_job"]?["job_clusters"])
    }

    /// databricks_pipeline_demo: "the ml pipeline" is the job medallion_ml_pipeline where no pipeline has "ml".
    func testAJobCalledPipelineWhereNoPipelineHasTheWord() throws {
        let files = ["databricks.yml": """
            bundle: {name: demo}
            resources:
              pipelines:
                medallion_pipeline: {name: medallion, serverless: true, catalog: main, schema: s, libraries: [{notebook: {path: /Workspace/p}}]}
              jobs:
                medallion_ml_pipeline: {name: medallion_ml_pipeline, tasks: [{task_key: a, notebook_task: {notebook_path: /Workspace/a}}]}
            """]
        let (plan, _) = try InMemoryPlanning.apply("email jim@example.com on failure of the ml pipeline", to: files)
        XCTAssertEqual(plan.resource, ResourceReference(type: "jobs", key: "medallion_ml_pipeline"))
    }

    func testThePipelinesCatalogInOneTarget() throws {
        let (_, bundle) = try InMemoryPlanning.apply("set the DLT pipeline catalog to hp_sandbox in dev", to: Self.files)
        let dev = bundle.effectiveConfiguration(target: "dev").configuration
        XCTAssertEqual(dev["resources"]?["pipelines"]?["orders_dlt_pipeline"]?["catalog"]?.string, "hp_sandbox")
        XCTAssertEqual(dev["resources"]?["jobs"]?["etl_orders_job"]?["tasks"]?.sequence?.first?["notebook_task"]?["base_parameters"]?["catalog"]?.string, "hp_dev")
    }
}

/// dab-demo: "16.4 ML" is a runtime, not the ml job; "both clusters" are the clusters of every job.
final class RuntimeFlavourAndBothClustersTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: demo}
        resources:
          jobs:
            dab_demo_data_pipeline_job:
              name: dab_demo_data_pipeline_job
              job_clusters: [{job_cluster_key: data_cluster, new_cluster: {spark_version: 16.1.x-cpu-ml-scala2.12, node_type_id: i3.xlarge, num_workers: 1}}]
              tasks: [{task_key: a, job_cluster_key: data_cluster, notebook_task: {notebook_path: /Workspace/a}}]
            dab_demo_ml_pipeline_job:
              name: dab_demo_ml_pipeline_job
              job_clusters: [{job_cluster_key: ml_cluster, new_cluster: {spark_version: 16.1.x-cpu-ml-scala2.12, node_type_id: i3.xlarge, num_workers: 1}}]
              tasks: [{task_key: a, job_cluster_key: ml_cluster, notebook_task: {notebook_path: /Workspace/a}}]
        """,
    ]

    static func versions(_ bundle: LoadedBundle) -> [String?] {
        ["dab_demo_data_pipeline_job", "dab_demo_ml_pipeline_job"].map {
            bundle.configuration["resources"]?["jobs"]?[$0]?["job_clusters"]?.sequence?.first?["new_cluster"]?["spark_version"]?.string
        }
    }

    func testBothClustersAndTheDataJob() throws {
        let (_, both) = try InMemoryPlanning.apply("set the runtime to 16.4 ML on both clusters", to: Self.files)
        XCTAssertEqual(Self.versions(both), ["16.4.x-cpu-ml-scala2.12", "16.4.x-cpu-ml-scala2.12"])
        let (_, data) = try InMemoryPlanning.apply("set the runtime to 16.4 ML on the data pipeline job", to: Self.files)
        XCTAssertEqual(Self.versions(data), ["16.4.x-cpu-ml-scala2.12", "16.1.x-cpu-ml-scala2.12"])
    }
}
