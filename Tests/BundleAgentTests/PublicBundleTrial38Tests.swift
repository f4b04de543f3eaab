@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trial of 2026-12-05 on public bundles (momentum-life-claims, data-intelligence,
/// half-hourly-energy, dynasty-genius, brendan_semantics, spotify-dbx-dev-demo) that were committed
/// wrong or refused: each asserts the values written.
final class PublicBundleTrial38Tests: XCTestCase {
    static let appBundle = [
        "databricks.yml": "bundle: {name: claims}\ninclude: [resources/*.yml]\ntargets:\n  demo: {default: true}\n",
        "resources/app.yml": """
        resources:
          apps:
            momentum_claims_portal:
              name: momentum-claims-portal
              description: "Momentum Life — Assessment Analytics Portal (claims processing copilot)."
              source_code_path: ../app
        """,
        "app/app.py": "print('hi')\n",
    ]

    /// "the app's description": the apostrophe was taken for a quote, and `s description to ` was written.
    func testAnApostropheIsNoQuote() throws {
        for request in ["change the app's description to \"Assessment Analytics Portal\"", "set the portal app's description to 'Assessment Analytics Portal'",
                        "change the app’s description to “Assessment Analytics Portal”"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.appBundle)
            XCTAssertEqual(bundle.configuration["resources"]?["apps"]?["momentum_claims_portal"]?["description"]?.string, "Assessment Analytics Portal", request)
        }
        XCTAssertEqual(RequestText("don't rename the job's 'nightly' run to \"x y\"").quotedValues, ["nightly", "x y"])
        XCTAssertEqual(RequestText("the app's and the job's names").quotedValues, [])
    }
    static let taskBundle: [String: String] = {
        let keys = ["ev_detector_train", "ev_detector_score", "pv_detector_train", "pv_detector_score", "weather_download",
                    "loadshapes_download", "refresh_state", "verify_refresh", "prophet_forecast_scaled", "ingest_weather_forecast"]
        let tasks = keys.map { "        - task_key: \($0)\n          notebook_task: {notebook_path: ../src/a.py}\n" }.joined()
        return ["databricks.yml": "bundle: {name: c360}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
                "resources/jobs.yml": "resources:\n  jobs:\n    customer_360_job:\n      name: customer 360\n      tasks:\n" + tasks,
                "src/a.py": "# Databricks notebook source\n"]
    }()

    func retried(_ request: String) throws -> [String] {
        let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.taskBundle)
        return (bundle.configuration["resources"]?["jobs"]?["customer_360_job"]?["tasks"]?.sequence ?? [])
            .filter { $0["max_retries"] != nil }.compactMap { $0["task_key"]?.string }
    }

    /// customer-360: "the pv detector tasks" took the ev_detector ones too; "the weather and loadshapes
    /// downloads" retried every task; half-hourly-energy: "the prophet forecast tasks" took every forecast
    /// task; dynasty-genius: "the refresh task" took verify_refresh too.
    func testTasksNamedByTheirWords() throws {
        XCTAssertEqual(try retried("add 2 retries to the pv detector tasks"), ["pv_detector_train", "pv_detector_score"])
        XCTAssertEqual(try retried("add 2 retries to the weather and loadshapes downloads"), ["weather_download", "loadshapes_download"])
        XCTAssertEqual(try retried("set max_retries to 2 on the prophet forecast tasks"), ["prophet_forecast_scaled"])
        XCTAssertEqual(try retried("retry the refresh task twice"), ["refresh_state"])
        XCTAssertEqual(try retried("retry the detector tasks twice"), ["ev_detector_train", "ev_detector_score", "pv_detector_train", "pv_detector_score"])
    }

    /// customer-360: a job named `${bundle.name}_job` was "the genie space job" (its name's one word, job).
    func testANameMadeOfReferencesNamesNothing() throws {
        let files = [
            "databricks.yml": "bundle: {name: customer-360}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/jobs.yml": """
            resources:
              jobs:
                customer_360_job:
                  name: ${bundle.name}_job
                  tasks:
                    - task_key: ingest
                      notebook_task: {notebook_path: ../src/a.py}
                app_genie_space:
                  name: ${bundle.name}_app_genie_space
                  tasks:
                    - task_key: create_space
                      notebook_task: {notebook_path: ../src/a.py}
            """,
            "src/a.py": "# Databricks notebook source\n",
        ]
        let (plan, _) = try InMemoryPlanning.apply("make the genie space job run weekly on Sundays at 6am", to: files)
        XCTAssertEqual(plan.job, "app_genie_space")
    }

    /// data-intelligence: "let data-engineers write to the raw landing volume" granted to `raw`.
    func testThePrincipalLetInIsNotAWordOfTheVolume() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: di}
            targets:
              dev: {default: true}
            resources:
              volumes:
                raw_lh_data:
                  catalog_name: main
                  schema_name: raw_data
                  name: raw_lh_data
                  comment: raw landing data
            """,
        ]
        for (request, principal) in [("let data-engineers write to the raw landing volume", "data-engineers"),
                                     ("give write access on the raw landing volume to analysts", "analysts")] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files)
            let grants = bundle.configuration["resources"]?["volumes"]?["raw_lh_data"]?["grants"]?.sequence ?? []
            XCTAssertEqual(grants.compactMap { $0["principal"]?.string }, [principal], request)
        }
    }

    /// data-intelligence, spotify: a file-arrival trigger was added beside the schedule (a job starts
    /// its runs one way); prod's own pause status stays prod's.
    func testATriggerReplacesTheSchedule() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: di}
            include: [resources/*.yml]
            targets:
              dev: {default: true, mode: development}
              prod:
                resources:
                  jobs:
                    operational:
                      schedule:
                        pause_status: UNPAUSED
            """,
            "resources/jobs.yml": """
            resources:
              jobs:
                operational:
                  name: operational
                  schedule:
                    quartz_cron_expression: 0 0 6 * * ?
                    timezone_id: UTC
                    pause_status: PAUSED
                  tasks:
                    - task_key: load
                      notebook_task: {notebook_path: ../src/a.py}
            """,
            "src/a.py": "# Databricks notebook source\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("trigger the job when files arrive in /Volumes/main/raw/landing", to: files)
        XCTAssertTrue(plan.summary.contains("it replaces the schedule"), plan.summary)
        // prod's block keeps its layout (it became `operational: {trigger: …}` on the way through an empty block).
        let (_, edited) = try InMemoryPlanning.outcome("trigger the job when files arrive in /Volumes/main/raw/landing", on: files)
        XCTAssertTrue(edited["databricks.yml"]!.contains("        operational:\n          trigger:\n            pause_status: UNPAUSED"), edited["databricks.yml"]!)
        for (target, pause) in [("dev", "PAUSED"), ("prod", "UNPAUSED")] {
            let job = bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["operational"]
            XCTAssertNil(job?["schedule"], target)
            XCTAssertEqual(job?["trigger"]?["pause_status"]?.string, pause, target)
            XCTAssertEqual(job?["trigger"]?["file_arrival"]?["url"]?.string, "/Volumes/main/raw/landing/", target)
        }
    }

    /// customer-360, lakeflow-starter: a pipeline that a job's task runs was made continuous, and the
    /// job's runs would fail; a pipeline no task runs still can be.
    func testAPipelineThatAJobRunsStaysTriggered() throws {
        var files = [
            "databricks.yml": "bundle: {name: c360}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/all.yml": """
            resources:
              pipelines:
                curated:
                  name: curated
                  libraries:
                    - notebook: {path: ../src/a.py}
              jobs:
                customer_360_job:
                  name: customer 360
                  tasks:
                    - task_key: pipe_curated
                      pipeline_task:
                        pipeline_id: ${resources.pipelines.curated.id}
            """,
            "src/a.py": "# Databricks notebook source\n",
        ]
        let (outcome, _) = try InMemoryPlanning.outcome("make the curated pipeline continuous", on: files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("is run by task pipe_curated of job customer_360_job"), reason)
        files["resources/all.yml"] = files["resources/all.yml"]!.replacingOccurrences(of: "pipeline_id: ${resources.pipelines.curated.id}", with: "pipeline_id: 1234")
        let (_, bundle) = try InMemoryPlanning.apply("make the curated pipeline continuous", to: files)
        XCTAssertEqual(bundle.configuration["resources"]?["pipelines"]?["curated"]?["continuous"]?.scalar?.value, .bool(true))
    }

    /// lakeflow-starter, order-pipeline: "actually 7am" after "every weekday at 6:30 Berlin time", and
    /// "actually 4am" after "to 3:30am Chicago time", said "nothing to change"; oss-lakehouse: "same for
    /// dev but max 4" after "up to 10 workers" in prod gave dev 10.
    func testFollowUpsWithTheirOwnTimeOrNumber() throws {
        var berlin = FollowUpTests.Conversation()
        _ = try berlin.ask("schedule the sales sync job every weekday at 6:30 Berlin time")
        _ = try berlin.ask("actually 7am")
        XCTAssertEqual(try berlin.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "dev"), "0 0 7 ? * MON-FRI")
        XCTAssertEqual(try berlin.value("jobs.sales_sync.schedule.timezone_id", target: "dev"), "Europe/Berlin")
        var chicago = FollowUpTests.Conversation()
        _ = try chicago.ask("move the sales sync job to 3:30am Chicago time")
        _ = try chicago.ask("actually 4am")
        XCTAssertEqual(try chicago.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "dev"), "0 0 4 * * ?")
        // "and env=dev only in dev" after "tag the job with owner=devisri": the pair, not owner=env=dev.
        XCTAssertEqual(FollowUp.request("tag the job with owner=devisri", withValue: "env=dev"), "tag the job with env=dev")
        var workers = FollowUpTests.Conversation()
        _ = try workers.ask("make the sales sync cluster bigger in prod, up to 10 workers")
        _ = try workers.ask("same for dev but max 6")
        XCTAssertEqual(try workers.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers", target: "dev"), "6")
        XCTAssertEqual(try workers.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers", target: "prod"), "10")
    }

    /// crunchyroll, dynasty-genius, brendan_semantics: a warehouse asked for the dashboard or for one task
    /// changed the variable that the app, the other tasks and the jobs' parameters use too.
    func testAWarehouseForOneResourceOrTaskLeavesTheSharedVariable() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: crfs}
            include: [resources/*.yml]
            variables:
              warehouse_id:
                default: 4d39ac2e32b72a3a
            targets:
              dev: {default: true}
            """,
            "resources/all.yml": """
            resources:
              jobs:
                refresh_state:
                  name: refresh state
                  tasks:
                    - task_key: refresh
                      sql_task:
                        warehouse_id: ${var.warehouse_id}
                        file: {path: ../src/a.sql}
                    - task_key: verify_refresh
                      depends_on: [{task_key: refresh}]
                      sql_task:
                        warehouse_id: ${var.warehouse_id}
                        file: {path: ../src/a.sql}
              dashboards:
                feature_ops:
                  display_name: Feature ops
                  file_path: ../src/ops.lvdash.json
                  warehouse_id: ${var.warehouse_id}
              apps:
                portal:
                  name: portal
                  source_code_path: ../app
                  resources:
                    - name: sql-warehouse
                      sql_warehouse:
                        id: ${var.warehouse_id}
                        permission: CAN_USE
            """,
            "src/a.sql": "SELECT 1\n", "src/ops.lvdash.json": "{}\n", "app/app.py": "print(1)\n",
        ]
        func resources(_ bundle: LoadedBundle) -> YAMLNode? { bundle.configuration["resources"] }
        var (plan, bundle) = try InMemoryPlanning.apply("make the dashboard use warehouse abcdef1234567890", to: files)
        XCTAssertEqual(resources(bundle)?["dashboards"]?["feature_ops"]?["warehouse_id"]?.string, "abcdef1234567890", plan.summary)
        XCTAssertEqual(bundle.configuration["variables"]?["warehouse_id"]?["default"]?.string, "4d39ac2e32b72a3a")
        (plan, bundle) = try InMemoryPlanning.apply("use warehouse 9a8b7c6d5e4f3a2b for the verify_refresh task only", to: files)
        let tasks = resources(bundle)?["jobs"]?["refresh_state"]?["tasks"]?.sequence ?? []
        XCTAssertEqual(tasks.map { $0["sql_task"]?["warehouse_id"]?.string }, ["${var.warehouse_id}", "9a8b7c6d5e4f3a2b"], plan.summary)
        XCTAssertEqual(bundle.configuration["variables"]?["warehouse_id"]?["default"]?.string, "4d39ac2e32b72a3a")
        (plan, bundle) = try InMemoryPlanning.apply("use warehouse 1111222233334444", to: files)
        XCTAssertEqual(bundle.configuration["variables"]?["warehouse_id"]?["default"]?.string, "1111222233334444")
        XCTAssertTrue(plan.summary.contains("app portal"), plan.summary)
    }

    /// momentum-claims, brendan_semantics: "after build_gold instead of build_silver" kept build_silver
    /// (and a dependency only reached through another task was "nothing to change").
    func testInsteadOfReplacesTheDependency() throws {
        let files = [
            "databricks.yml": "bundle: {name: claims}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/jobs.yml": """
            resources:
              jobs:
                claims_build:
                  name: claims build
                  tasks:
                    - task_key: build_silver
                      notebook_task: {notebook_path: ../src/a.py}
                    - task_key: build_gold
                      depends_on: [{task_key: build_silver}]
                      notebook_task: {notebook_path: ../src/a.py}
                    - task_key: build_vector_index
                      depends_on: [{ task_key: build_silver }]
                      notebook_task: {notebook_path: ../src/a.py}
            """,
            "src/a.py": "# Databricks notebook source\n",
        ]
        for request in ["run build_vector_index after build_gold instead of build_silver", "run build_vector_index after build_gold, not after build_silver",
                        "make build_vector_index depend on build_gold rather than build_silver"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            let task = bundle.configuration["resources"]?["jobs"]?["claims_build"]?["tasks"]?.sequence?.last
            XCTAssertEqual(task?["depends_on"]?.sequence?.compactMap { $0["task_key"]?.string }, ["build_gold"], request)
            XCTAssertTrue(plan.summary.contains("instead of build_silver"), plan.summary)
        }
    }

    /// market-macro (a rerun): a parameter named alone, then "same for the silver market task" and "and 10
    /// for the gold market one" (they asked "which parameter?", then went to the dashboard).
    func testAParameterFollowedToOtherTasks() throws {
        let tasks = ["t10_bronze_market_coinbase", "t20_silver_market", "t30_gold_market"].map {
            "        - task_key: \($0)\n          notebook_task:\n            notebook_path: ../src/a.py\n            base_parameters:\n              lookback_days: \"3\"\n"
        }.joined()
        let files = [
            "databricks.yml": "bundle: {name: mm}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/jobs.yml": "resources:\n  jobs:\n    market_macro_daily:\n      name: market macro daily\n      tasks:\n" + tasks,
            "resources/dashboards.yml": "resources:\n  dashboards:\n    market_macro_overview:\n      display_name: Market Macro Overview\n      file_path: ../d.lvdash.json\n      warehouse_id: abc\n",
            "src/a.py": "# Databricks notebook source\n", "d.lvdash.json": "{}\n",
        ]
        var conversation = FollowUpTests.Conversation()
        conversation.files = files
        for (request, task, value) in [("set lookback_days to 5 on the coinbase bronze task", "t10_bronze_market_coinbase", "5"),
                                       ("same for the silver market task", "t20_silver_market", "5"), ("and 10 for the gold market one", "t30_gold_market", "10")] {
            _ = try conversation.ask(request)
            XCTAssertEqual(try conversation.value("jobs.market_macro_daily.tasks[\(task)].notebook_task.base_parameters.lookback_days", target: "dev"), value, request)
        }
    }

    /// spotify-demo: "… with host https://… and catalog spotify_prod" added the target without the catalog,
    /// and said nothing of it.
    func testANewTargetTakesEveryValueItIsGiven() throws {
        let files = [
            "databricks.yml": "bundle: {name: spotify}\nvariables:\n  catalog_name: {default: spotify_dev}\ntargets:\n  dev: {default: true, mode: development}\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("add a prod target with host https://adb-9876543210.12.azuredatabricks.net and catalog spotify_prod", to: files)
        XCTAssertEqual(bundle.targetsMapping?["prod"]?["variables"]?["catalog_name"]?.string, "spotify_prod", plan.summary)
        XCTAssertEqual(bundle.targetsMapping?["prod"]?["workspace"]?["host"]?.string, "https://adb-9876543210.12.azuredatabricks.net")
    }

    /// telecom-mlops: an environment keyed `${bundle.target}` lost xgboost, lightgbm and mlflow to the one
    /// package added.
    func testADependencyIsAddedToAnEnvironmentKeyedByTheTarget() throws {
        let files = [
            "databricks.yml": "bundle: {name: telecom}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/job.yml": """
            resources:
              jobs:
                telecom_clients_job:
                  name: telecom
                  environments:
                    - environment_key: ${bundle.target}
                      spec:
                        client: "1"
                        dependencies:
                          - "xgboost"
                          - "mlflow"
                  tasks:
                    - task_key: train
                      environment_key: ${bundle.target}
                      spark_python_task: {python_file: ../src/train.py}
            """,
            "src/train.py": "print(1)\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("add scikit-learn==1.5.2 to the environment of the telecom job", to: files)
        let dependencies = bundle.configuration["resources"]?["jobs"]?["telecom_clients_job"]?["environments"]?.sequence?.first?["spec"]?["dependencies"]?.sequence
        XCTAssertEqual(dependencies?.compactMap(\.string), ["xgboost", "mlflow", "scikit-learn==1.5.2"])
    }

    /// uptime-lake: "spot instances with fallback to on-demand" set on-demand; telecom-mlops: "the ML task"
    /// got a job-wide timeout; pos-inventory: "the sql validation" (02_sql_validation) retried every task.
    func testShortAndNumberedTaskNamesAndSpotWithFallback() throws {
        let files = [
            "databricks.yml": "bundle: {name: t}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/job.yml": """
            resources:
              jobs:
                telecom:
                  name: telecom
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: Standard_D4ds_v5, num_workers: 2}
                  tasks:
                    - task_key: 01_ingest
                      job_cluster_key: main
                      notebook_task: {notebook_path: ../src/a.py}
                    - task_key: 02_sql_validation
                      depends_on: [{task_key: 01_ingest}]
                      job_cluster_key: main
                      notebook_task: {notebook_path: ../src/a.py}
                    - task_key: run_telecom_clients_ml
                      depends_on: [{task_key: 02_sql_validation}]
                      job_cluster_key: main
                      notebook_task: {notebook_path: ../src/a.py}
            """,
            "src/a.py": "# Databricks notebook source\n",
        ]
        func task(_ bundle: LoadedBundle, _ key: String) -> YAMLNode? {
            bundle.configuration["resources"]?["jobs"]?["telecom"]?["tasks"]?.sequence?.first { $0["task_key"]?.string == key }
        }
        var (_, bundle) = try InMemoryPlanning.apply("use spot instances with fallback to on-demand", to: files)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["telecom"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["azure_attributes"]?["availability"]?.string,
                       "SPOT_WITH_FALLBACK_AZURE")
        (_, bundle) = try InMemoryPlanning.apply("add a 2 hour timeout to the ML task", to: files)
        XCTAssertEqual(task(bundle, "run_telecom_clients_ml")?["timeout_seconds"]?.string, "7200")
        XCTAssertNil(bundle.configuration["resources"]?["jobs"]?["telecom"]?["timeout_seconds"])
        (_, bundle) = try InMemoryPlanning.apply("give the sql validation 2 retries", to: files)
        XCTAssertEqual(task(bundle, "02_sql_validation")?["max_retries"]?.string, "2")
        XCTAssertNil(task(bundle, "01_ingest")?["max_retries"])
        (_, bundle) = try InMemoryPlanning.apply("run run_telecom_clients_ml after 01_ingest instead of 02_sql_validation", to: files)
        XCTAssertEqual(task(bundle, "run_telecom_clients_ml")?["depends_on"]?.sequence?.compactMap { $0["task_key"]?.string }, ["01_ingest"])
    }

    /// pos-inventory: "run the inventory pipeline as service principal …" set the bundle's run_as (every
    /// job changed, the pipeline kept its own).
    func testAPipelineRunsAsItsOwnIdentity() throws {
        let files = [
            "databricks.yml": "bundle: {name: pos}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/all.yml": """
            resources:
              pipelines:
                inventory_pipeline:
                  name: inventory
                  run_as:
                    service_principal_name: e553c7e6-ec16-4dba-b19d-39f24d43486b
                  libraries:
                    - notebook: {path: ../src/a.py}
              jobs:
                inventory_job:
                  name: inventory job
                  tasks:
                    - task_key: refresh
                      pipeline_task: {pipeline_id: "${resources.pipelines.inventory_pipeline.id}"}
            """,
            "src/a.py": "# Databricks notebook source\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("run the inventory pipeline as service principal 11111111-2222-3333-4444-555555555555", to: files)
        XCTAssertEqual(bundle.configuration["resources"]?["pipelines"]?["inventory_pipeline"]?["run_as"]?["service_principal_name"]?.string,
                       "11111111-2222-3333-4444-555555555555")
        XCTAssertNil(bundle.configuration["run_as"])
    }
    /// pos-inventory: "remove plotly from the analytics job", where two jobs have the word, removed it from
    /// both; validator: "autoscale up to 8 workers" raised the minimum too.
    func testALibraryRemovedFromTheJobNamedAndAMaximumAlone() throws {
        let job = { (key: String) in
            """
                \(key):
                  name: \(key)
                  environments:
                    - environment_key: Default
                      spec:
                        client: "1"
                        dependencies: ["pandas", "plotly>=5.24,<7"]
                  tasks:
                    - task_key: run
                      environment_key: Default
                      spark_python_task: {python_file: ../src/a.py}
            """
        }
        let files = [
            "databricks.yml": "bundle: {name: pos}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/jobs.yml": "resources:\n  jobs:\n" + job("pos_analytics_end_to_end_job") + "\n" + job("pos_analytics_dashboard_job") + "\n",
            "src/a.py": "print(1)\n",
        ]
        let (asked, _) = try InMemoryPlanning.outcome("remove plotly from the analytics job", on: files)
        guard case .clarify(let question, _) = asked else { return XCTFail("\(asked)") }
        XCTAssertTrue(question.contains("pos_analytics_dashboard_job, pos_analytics_end_to_end_job"), question)
        let (_, bundle) = try InMemoryPlanning.apply("remove plotly from every job", to: files)
        for key in ["pos_analytics_end_to_end_job", "pos_analytics_dashboard_job"] {
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?[key]?["environments"]?.sequence?.first?["spec"]?["dependencies"]?.sequence?.compactMap(\.string), ["pandas"])
        }
        let cluster = [
            "databricks.yml": "bundle: {name: v}\ntargets:\n  dev: {default: true}\nresources:\n  jobs:\n    validator:\n      name: validator\n"
                + "      job_clusters:\n        - job_cluster_key: main\n          new_cluster:\n            spark_version: 15.4.x-scala2.12\n"
                + "            node_type_id: i3.xlarge\n            autoscale: {min_workers: 1, max_workers: 4}\n"
                + "      tasks:\n        - task_key: run\n          job_cluster_key: main\n          notebook_task: {notebook_path: /Workspace/a}\n",
        ]
        let (_, scaled) = try InMemoryPlanning.apply("make the validator cluster autoscale up to 8 workers", to: cluster)
        let autoscale = scaled.configuration["resources"]?["jobs"]?["validator"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["autoscale"]
        XCTAssertEqual(autoscale?["min_workers"]?.string, "1")
        XCTAssertEqual(autoscale?["max_workers"]?.string, "8")
    }
    /// pitlake: "for both jobs" in a bundle of two targets was read as "for dev and prod jobs".
    func testBothJobsAreNotBothTargets() throws {
        let job = { (key: String) in
            "    \(key):\n      name: \(key)\n      environments:\n        - environment_key: default\n          spec: {client: \"1\", environment_version: \"3\"}\n"
                + "      tasks:\n        - task_key: run\n          environment_key: default\n          spark_python_task: {python_file: ../src/a.py}\n"
        }
        let files = [
            "databricks.yml": "bundle: {name: pit}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n  prod: {}\n",
            "resources/jobs.yml": "resources:\n  jobs:\n" + job("ingest") + job("smoke"),
            "src/a.py": "print(1)\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("bump the environment version to 4 for both jobs", to: files)
        for key in ["ingest", "smoke"] {
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?[key]?["environments"]?.sequence?.first?["spec"]?["environment_version"]?.string, "4", key)
        }
        XCTAssertNil(bundle.targetsMapping?["dev"]?["resources"])
    }
    /// data-migration-validator: "run as etl-bot@… in prod" set the target's run_as, which the job's own
    /// overrides, and said nothing of it.
    func testATargetRunAsSaysWhichJobsKeepTheirOwn() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: dmv}
            targets:
              dev: {default: true, mode: development}
              prod: {mode: production, workspace: {root_path: /Workspace/Shared/.bundle/dmv}}
            resources:
              jobs:
                validator:
                  name: validator
                  run_as: {user_name: rahul@example.com}
                  tasks:
                    - task_key: run
                      notebook_task: {notebook_path: /Workspace/a}
            """,
        ]
        let (plan, _) = try InMemoryPlanning.apply("run as etl-bot@example.com in prod", to: files)
        XCTAssertTrue(plan.summary.contains("Job validator sets its own run_as, which wins"), plan.summary)
    }
    /// pos-inventory: "the dashboard job" (…_dashboard_job, beside a job with a dashboard task) was never
    /// that job: a question each time.
    func testTheDashboardJobIsTheJobWithThatWordInItsKey() throws {
        let files = [
            "databricks.yml": "bundle: {name: pos}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/jobs.yml": """
            resources:
              jobs:
                pos_analytics_end_to_end_job:
                  name: medallion
                  tasks:
                    - task_key: refresh
                      dashboard_task: {dashboard_id: abc, warehouse_id: w1}
                pos_analytics_dashboard_job:
                  name: analytics
                  tasks:
                    - task_key: run
                      notebook_task: {notebook_path: /Workspace/a}
            """,
        ]
        let (plan, _) = try InMemoryPlanning.apply("email pos-data@retail.example when the dashboard job fails", to: files)
        XCTAssertEqual(plan.job, "pos_analytics_dashboard_job")
    }
    /// data-migration-validator: "use a smaller node type" left the driver, written as the same type, large.
    func testADriverOfTheWorkersTypeFollowsThem() throws {
        let files = [
            "databricks.yml": "bundle: {name: v}\ntargets:\n  dev: {default: true}\nresources:\n  jobs:\n    validator:\n      name: validator\n"
                + "      job_clusters:\n        - job_cluster_key: main\n          new_cluster:\n            spark_version: 15.4.x-scala2.12\n"
                + "            node_type_id: Standard_E16ads_v5\n            driver_node_type_id: Standard_E16ads_v5\n            num_workers: 2\n"
                + "      tasks:\n        - task_key: run\n          job_cluster_key: main\n          notebook_task: {notebook_path: /Workspace/a}\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("use a smaller node type", to: files)
        let cluster = bundle.configuration["resources"]?["jobs"]?["validator"]?["job_clusters"]?.sequence?.first?["new_cluster"]
        XCTAssertEqual(cluster?["node_type_id"]?.string, "Standard_E8ads_v5")
        XCTAssertEqual(cluster?["driver_node_type_id"]?.string, "Standard_E8ads_v5")
    }
    /// code-search, pos-inventory: "raise max_repos to 1000" was not understood ("set" was); "set
    /// environment_label to PROD in prod" took PROD for the target and asked for the value.
    func testAVariableRaisedAndAValueThatReadsLikeATarget() throws {
        let files = [
            "databricks.yml": "bundle: {name: cs}\nvariables:\n  max_repos: {default: 500}\n  environment_label: {default: DEV}\ntargets:\n  dev: {default: true}\n  prod:\n    variables:\n      environment_label: PRD\n",
        ]
        var (_, bundle) = try InMemoryPlanning.apply("raise max_repos to 1000", to: files)
        XCTAssertEqual(bundle.configuration["variables"]?["max_repos"]?["default"]?.scalar?.value, .int(1000), "a number stays a number")
        (_, bundle) = try InMemoryPlanning.apply("set environment_label to PROD in prod", to: files)
        XCTAssertEqual(bundle.targetsMapping?["prod"]?["variables"]?["environment_label"]?.string, "PROD")
    }
    /// customer-360: "and set retention_hours to 48" after a schedule change asked when the job should run.
    func testAParameterNamedAfterAScheduleChangeIsThatParameter() throws {
        var conversation = FollowUpTests.Conversation()
        conversation.files = [
            "databricks.yml": "bundle: {name: c360}\ntargets:\n  dev: {default: true}\nresources:\n  jobs:\n    ttl_sweep:\n      name: ttl sweep\n"
                + "      tasks:\n        - task_key: sweep\n          notebook_task:\n            notebook_path: /Workspace/sweep\n"
                + "            base_parameters: {retention_hours: \"24\"}\n",
        ]
        _ = try conversation.ask("change the ttl sweep to run at 2am")
        _ = try conversation.ask("and set retention_hours to 48")
        XCTAssertEqual(try conversation.value("jobs.ttl_sweep.tasks[sweep].notebook_task.base_parameters.retention_hours", target: "dev"), "48")
    }
    /// lending-underwriting: "only if everything before it succeeded" was run_if ALL_SUCCESS, but the summary
    /// also listed every other job as "not changed" ("everything" read as every job).
    func testEverythingBeforeItIsTheTasksBefore() throws {
        let files = [
            "databricks.yml": "bundle: {name: lau}\ntargets:\n  dev: {default: true}\nresources:\n  jobs:\n    lau_daily:\n      name: daily\n"
                + "      tasks:\n        - task_key: decisions\n          notebook_task: {notebook_path: /Workspace/a}\n"
                + "        - task_key: monitor\n          run_if: ALL_DONE\n          depends_on: [{task_key: decisions}]\n          notebook_task: {notebook_path: /Workspace/b}\n"
                + "    lau_weekly:\n      name: weekly\n      tasks:\n        - task_key: cycle\n          notebook_task: {notebook_path: /Workspace/c}\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("make the monitor task run only if everything before it succeeded", to: files)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["lau_daily"]?["tasks"]?.sequence?.last?["run_if"]?.string, "ALL_SUCCESS")
        XCTAssertFalse(plan.summary.contains("Not changed"), plan.summary)
    }
    /// pos-inventory: "and the analytics job too" after an e-mail for the medallion job (both keys have
    /// "analytics") said "nothing to change": it was the same job again.
    func testAndTheOtherJobWithTheWordToo() throws {
        var conversation = FollowUpTests.Conversation()
        conversation.files = [
            "databricks.yml": "bundle: {name: pos}\ntargets:\n  dev: {default: true}\nresources:\n  jobs:\n"
                + "    pos_analytics_medallion_job:\n      name: medallion\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: /Workspace/a}\n"
                + "    pos_analytics_dashboard_job:\n      name: analytics\n      tasks:\n        - task_key: b\n          notebook_task: {notebook_path: /Workspace/b}\n",
        ]
        _ = try conversation.ask("email pos-data@retail.example when the medallion job fails")
        _ = try conversation.ask("and the analytics job too")
        XCTAssertEqual(try conversation.value("jobs.pos_analytics_dashboard_job.email_notifications.on_failure", target: "dev"), "[pos-data@retail.example]")
    }
    /// telecom-mlops: "and lightgbm to 4.5.0" after "pin xgboost to 2.1.3" asked which library.
    func testAndTheNextPackageToAVersion() throws {
        var conversation = FollowUpTests.Conversation()
        conversation.files = [
            "databricks.yml": "bundle: {name: t}\ntargets:\n  dev: {default: true}\nresources:\n  jobs:\n    telecom:\n      name: telecom\n"
                + "      environments:\n        - environment_key: default\n          spec:\n            client: \"1\"\n            dependencies: [xgboost, lightgbm]\n"
                + "      tasks:\n        - task_key: train\n          environment_key: default\n          spark_python_task: {python_file: /Workspace/train.py}\n",
        ]
        _ = try conversation.ask("pin xgboost to 2.1.3")
        _ = try conversation.ask("and lightgbm to 4.5.0")
        XCTAssertEqual(try conversation.value("jobs.telecom.environments[default].spec.dependencies", target: "dev"), "[xgboost==2.1.3,lightgbm==4.5.0]")
    }
}
