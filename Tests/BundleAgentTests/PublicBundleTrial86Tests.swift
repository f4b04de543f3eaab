@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-07 (eleventh), and known items of the one before.
final class PublicBundleTrial86Tests: XCTestCase {
    /// A reports job that e-mails bob and alice on failure, and lets bob view it.
    static let reports: [String: String] = [
        "databricks.yml": """
        bundle:
          name: shop
        include:
          - resources/*.yml
        targets:
          dev:
            mode: development
            default: true
          prod:
            mode: production
            workspace:
              root_path: /Workspace/Shared/.bundle/shop

        """,
        "resources/reports.yml": """
        resources:
          jobs:
            reports:
              name: reports
              email_notifications:
                on_failure:
                  - bob@x.com
                  - alice@x.com
              permissions:
                - user_name: bob@x.com
                  level: CAN_VIEW
                - user_name: carol@x.com
                  level: CAN_MANAGE_RUN
              tasks:
                - task_key: build
                  notebook_task:
                    notebook_path: ../src/build.py

        """,
        "src/build.py": "# Databricks notebook source\n",
    ]

    func reports(_ bundle: LoadedBundle) -> YAMLNode? { bundle.configuration["resources"]?["jobs"]?["reports"] }

    func users(_ bundle: LoadedBundle) -> [String] {
        (reports(bundle)?["permissions"]?.sequence ?? []).compactMap { $0["user_name"]?.string }
    }

    func recipients(_ bundle: LoadedBundle) -> [String] {
        reports(bundle)?["email_notifications"]?["on_failure"]?.sequence?.compactMap(\.string) ?? []
    }

    /// "remove bob@x.com from the reports job" took bob off the e-mails only; he kept his access unsaid. Naming
    /// the e-mails keeps his access; someone only with access loses it (it said "nothing to change").
    func testRemovingSomeoneFromAJob() throws {
        for request in ["remove bob@x.com from the reports job", "take bob@x.com off the reports job"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.reports)
            XCTAssertEqual(recipients(bundle), ["alice@x.com"], request)
            XCTAssertEqual(users(bundle), ["carol@x.com"], "\(request): \(plan.summary)")
            XCTAssertTrue(plan.summary.contains("revoked"), plan.summary)
        }
        let (_, emails) = try InMemoryPlanning.apply("remove bob@x.com from the reports job's notifications", to: Self.reports)
        XCTAssertEqual(recipients(emails), ["alice@x.com"])
        XCTAssertEqual(users(emails), ["bob@x.com", "carol@x.com"])
        let (plan, access) = try InMemoryPlanning.apply("remove carol@x.com from the reports job", to: Self.reports)
        XCTAssertEqual(users(access), ["bob@x.com"], plan.summary)
        XCTAssertEqual(recipients(access), ["bob@x.com", "alice@x.com"])
    }

    /// guijasss/mlflow-databricks-demo-like: a serving endpoint named fraud-detection, whose served entity has a name of
    /// its own, and a variable endpoint_name that prd sets.
    static let endpoint: [String: String] = [
        "databricks.yml": """
        bundle:
          name: fraud
        variables:
          endpoint_name:
            default: fraud-detection-qas
        targets:
          qas:
            default: true
          prd:
            variables:
              endpoint_name: fraud-detection-prd
        resources:
          model_serving_endpoints:
            fraud_detection_endpoint:
              name: fraud-detection
              config:
                served_entities:
                  - name: fraud-detection-champion
                    entity_name: main.models.fraud_detection
                    entity_version: "1"
                    workload_size: Small
                    scale_to_zero_enabled: true
          schemas:
            models:
              name: models
              catalog_name: main

        """,
    ]

    /// "parameterize the endpoint name" made a variable "endpoint" from prd's value of endpoint_name and one "name" whose
    /// default was one of two names, chosen anew on each run (a dry run and the commit disagreed).
    func testParameterizingAResourcesNameIsOnePlan() throws {
        var plans: Set<String> = []
        for request in ["parameterize the endpoint name", "parameterize the name of the serving endpoint", "parameterize the endpoint name", "parameterize the endpoint name"] {
            let (outcome, _) = try InMemoryPlanning.outcome(request, on: Self.endpoint)
            plans.insert("\(outcome)")
            guard case .refused(let reason) = outcome else { return XCTFail("\(request): \(outcome)") }
            XCTAssertTrue(reason.contains("endpoint_name exists already") && reason.contains("fraud-detection-qas"), reason)
        }
        XCTAssertEqual(plans.count, 1, "\(plans)")
        var files = Self.endpoint
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "  endpoint_name:\n    default: fraud-detection-qas\n", with: "  catalog:\n    default: main\n")
            .replacingOccurrences(of: "      endpoint_name: fraud-detection-prd\n", with: "      catalog: prod\n")
        let (plan, bundle) = try InMemoryPlanning.apply("parameterize the endpoint name", to: files)
        XCTAssertEqual(bundle.configuration["variables"]?["endpoint_name"]?["default"]?.string, "fraud-detection", plan.summary)
        XCTAssertEqual(bundle.configuration["resources"]?["model_serving_endpoints"]?["fraud_detection_endpoint"]?["name"]?.string, "${var.endpoint_name}")
        XCTAssertEqual(bundle.configuration["resources"]?["schemas"]?["models"]?["name"]?.string, "models")
        XCTAssertEqual(bundle.configuration["targets"]?["prd"]?["variables"]?["catalog"]?.string, "prod")
    }

    /// Literal values written as often: the first written is the default, every time.
    func testParameterizingPicksTheSameValueEveryTime() throws {
        var files = Self.endpoint
        files["databricks.yml"]! += """
          volumes:
            audit:
              name: audit
              catalog_name: main
              schema_name: models
          pipelines:
            etl:
              name: etl
              catalog: other
              schema: models

        """
        var defaults: Set<String> = []
        for _ in 0..<6 {
            let (_, bundle) = try InMemoryPlanning.apply("parameterize the catalog", to: files)
            defaults.insert(bundle.configuration["variables"]?["catalog"]?["default"]?.string ?? "?")
        }
        XCTAssertEqual(defaults, ["main"])
    }

    /// A job only prod defines (AlkaSaliss/databricks-dimensional-modeling's prod_job).
    static let prodOnly: [String: String] = [
        "databricks.yml": """
        bundle:
          name: mini
        include:
          - resources/*.yml
        targets:
          dev:
            mode: development
            default: true
          prod:
            mode: production
            workspace:
              root_path: /Workspace/Shared/.bundle/${bundle.name}/${bundle.target}

        """,
        "resources/jobs.yml": """
        targets:
          prod:
            resources:
              jobs:
                nightly:
                  name: nightly
                  timeout_seconds: 7200
                  schedule:
                    quartz_cron_expression: "0 0 8 * * ?"
                    timezone_id: Europe/Paris
                  tasks:
                    - task_key: a
                      notebook_task:
                        notebook_path: ../src/a.py
                    - task_key: b
                      depends_on:
                        - task_key: a
                      notebook_task:
                        notebook_path: ../src/a.py

        """,
        "src/a.py": "# Databricks notebook source\n",
    ]

    /// "run the job every day at 6am" said prod "keeps its own schedule from its override" and then changed it, in UTC
    /// (was Europe/Paris); "set the timeout … to 3 hours" likewise; "add retries to the job" said it had no tasks.
    func testAJobOnlyATargetDefines() throws {
        func nightly(_ bundle: LoadedBundle) -> YAMLNode? { bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["nightly"] }
        let (schedule, scheduled) = try InMemoryPlanning.apply("run the job every day at 6am", to: Self.prodOnly)
        XCTAssertEqual(nightly(scheduled)?["schedule"]?["quartz_cron_expression"]?.string, "0 0 6 * * ?")
        XCTAssertEqual(nightly(scheduled)?["schedule"]?["timezone_id"]?.string, "Europe/Paris")
        XCTAssertFalse(schedule.summary.contains("keeps its own"), schedule.summary)
        let (timeout, timed) = try InMemoryPlanning.apply("set the timeout of the job to 3 hours", to: Self.prodOnly)
        XCTAssertEqual(nightly(timed)?["timeout_seconds"]?.string, "10800")
        XCTAssertFalse(timeout.summary.contains("keeps its own"), timeout.summary)
        let (_, retried) = try InMemoryPlanning.apply("add retries to the job", to: Self.prodOnly)
        XCTAssertEqual(nightly(retried)?["tasks"]?.sequence?.compactMap { $0["max_retries"]?.string }.count, 2)
        // For another target: refused (a copy without tasks went into dev).
        let (outcome, _) = try InMemoryPlanning.outcome("for dev run nightly at 2am", on: Self.prodOnly)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("defined only in target prod"), reason)
    }

    /// A schema named by a variable, a lookup variable a SQL task uses.
    static let variables: [String: String] = [
        "databricks.yml": """
        bundle:
          name: min2
        variables:
          raw_schema:
            default: raw
          warehouse_id:
            lookup:
              warehouse: Shared Warehouse
        resources:
          schemas:
            raw:
              catalog_name: main
              name: ${var.raw_schema}
              comment: Raw landed data.
          jobs:
            q:
              name: q
              tasks:
                - task_key: t
                  sql_task:
                    warehouse_id: ${var.warehouse_id}
                    query:
                      query_id: abc
        targets:
          dev:
            default: true
          prod:
            variables:
              raw_schema: raw_prod

        """,
    ]

    /// 'set the comment of the raw schema to "Landing zone"' set the default of raw_schema (which names the schema).
    func testTheCommentOfASchemaNamedByAVariable() throws {
        for request in ["set the comment of the raw schema to \"Landing zone\"", "change the comment of the raw schema to \"Landing zone\""] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.variables, intent: JobNameIntent.id)
            XCTAssertEqual(bundle.configuration["resources"]?["schemas"]?["raw"]?["comment"]?.string, "Landing zone", plan.summary)
            XCTAssertEqual(bundle.configuration["variables"]?["raw_schema"]?["default"]?.string, "raw", plan.summary)
        }
    }

    /// "rename the variable raw_schema to landing_schema" set its default to "landing_schema"; "rename the variable
    /// warehouse_id to wh_id" replaced its lookup by the default wh_id (the SQL task ran on warehouse "wh_id").
    func testRenamingAVariable() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("rename the variable raw_schema to landing_schema", to: Self.variables)
        XCTAssertNil(bundle.configuration["variables"]?["raw_schema"], plan.summary)
        XCTAssertEqual(bundle.configuration["variables"]?["landing_schema"]?["default"]?.string, "raw")
        XCTAssertEqual(bundle.configuration["resources"]?["schemas"]?["raw"]?["name"]?.string, "${var.landing_schema}")
        XCTAssertEqual(bundle.targetsMapping?["prod"]?["variables"]?["landing_schema"]?.string, "raw_prod")
        XCTAssertEqual(bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["schemas"]?["raw"]?["name"]?.string, "raw_prod")
        for request in ["rename the variable warehouse_id to wh_id", "rename var.warehouse_id to wh_id", "rename the warehouse_id variable to wh_id"] {
            let (renamed, lookup) = try InMemoryPlanning.apply(request, to: Self.variables)
            XCTAssertEqual(lookup.configuration["variables"]?["wh_id"]?["lookup"]?["warehouse"]?.string, "Shared Warehouse", renamed.summary)
            XCTAssertNil(lookup.configuration["variables"]?["wh_id"]?["default"])
            XCTAssertEqual(lookup.configuration["resources"]?["jobs"]?["q"]?["tasks"]?.sequence?.first?["sql_task"]?["warehouse_id"]?.string, "${var.wh_id}")
        }
        let (refused, _) = try InMemoryPlanning.outcome("rename the variable raw_schema to warehouse_id", on: Self.variables)
        guard case .refused(let reason) = refused else { return XCTFail("\(refused)") }
        XCTAssertTrue(reason.contains("already declares a variable warehouse_id"), reason)
    }

    /// marcjimz-like: two jobs, each with one notebook task, and e-mails on failure and success.
    static let twoJobs: [String: String] = [
        "databricks.yml": """
        bundle:
          name: min
        targets:
          dev:
            mode: development
            default: true
          prod:
            mode: production
            workspace:
              root_path: /Workspace/Shared/.bundle/min
        resources:
          jobs:
            training:
              name: training
              timeout_seconds: 10800
              # Email notifications
              email_notifications:
                on_failure:
                  - de@example.com
                on_success:
                  - de@example.com
              tasks:
                - task_key: train
                  notebook_task:
                    notebook_path: ./nb.py
            evaluation:
              name: evaluation
              timeout_seconds: 3600
              tasks:
                - task_key: evaluate
                  notebook_task:
                    notebook_path: ./nb.py

        """,
        "nb.py": "# Databricks notebook source\n",
    ]

    func twoJobs(_ bundle: LoadedBundle, _ key: String) -> YAMLNode? { bundle.configuration["resources"]?["jobs"]?[key] }

    /// Values for two jobs in one request: both jobs got one of them (0 0 3,5 * * ?, 30 minutes, 2 retries).
    func testAValueForEachOfTwoJobs() throws {
        let (_, scheduled) = try InMemoryPlanning.apply("run the training job daily at 3am and the evaluation job daily at 5am", to: Self.twoJobs)
        XCTAssertEqual(twoJobs(scheduled, "training")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 3 * * ?")
        XCTAssertEqual(twoJobs(scheduled, "evaluation")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 5 * * ?")
        let (_, timed) = try InMemoryPlanning.apply("set the timeout of the training job to 2 hours and of the evaluation job to 30 minutes", to: Self.twoJobs)
        XCTAssertEqual(twoJobs(timed, "training")?["timeout_seconds"]?.string, "7200")
        XCTAssertEqual(twoJobs(timed, "evaluation")?["timeout_seconds"]?.string, "1800")
        let (_, retried) = try InMemoryPlanning.apply("retry the train task 2 times and the evaluate task 4 times", to: Self.twoJobs)
        XCTAssertEqual(twoJobs(retried, "training")?["tasks"]?.sequence?.first?["max_retries"]?.string, "2")
        XCTAssertEqual(twoJobs(retried, "evaluation")?["tasks"]?.sequence?.first?["max_retries"]?.string, "4")
        // The parts named without their noun, or the subject first.
        let (_, scheduled2) = try InMemoryPlanning.apply("run training daily at 3am and the evaluation job daily at 5am", to: Self.twoJobs)
        XCTAssertEqual(twoJobs(scheduled2, "training")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 3 * * ?")
        XCTAssertEqual(twoJobs(scheduled2, "evaluation")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 5 * * ?")
        for request in ["set the timeout of training to 2 hours and of evaluation to 30 minutes", "training should time out after 2 hours and evaluation after 30 minutes"] {
            let (plan, timed2) = try InMemoryPlanning.apply(request, to: Self.twoJobs)
            XCTAssertEqual(twoJobs(timed2, "training")?["timeout_seconds"]?.string, "7200", "\(request): \(plan.summary)")
            XCTAssertEqual(twoJobs(timed2, "evaluation")?["timeout_seconds"]?.string, "1800", "\(request): \(plan.summary)")
        }
        for request in ["retry train 2 times and evaluate 4 times", "retry train twice and evaluate 4 times", "set max retries to 2 on train and to 4 on evaluate"] {
            let (plan, retried2) = try InMemoryPlanning.apply(request, to: Self.twoJobs)
            XCTAssertEqual(twoJobs(retried2, "training")?["tasks"]?.sequence?.first?["max_retries"]?.string, "2", "\(request): \(plan.summary)")
            XCTAssertEqual(twoJobs(retried2, "evaluation")?["tasks"]?.sequence?.first?["max_retries"]?.string, "4", "\(request): \(plan.summary)")
        }
        // Two tasks of one job.
        for request in ["retry prep 2 times and train 4 times", "set max retries to 2 on prep and to 4 on train"] {
            let (plan, tasks) = try InMemoryPlanning.apply(request, to: Self.environments)
            let retries = tasks.configuration["resources"]?["jobs"]?["fc"]?["tasks"]?.sequence?.map { $0["max_retries"]?.string ?? "-" }
            XCTAssertEqual(retries, ["2", "4"], "\(request): \(plan.summary)")
        }
        // One value for two jobs stays one clause.
        XCTAssertNil(CompoundRequest.clauses("set the timeout of the training job and the evaluation job to 2 hours"))
    }

    /// "stop the success emails for the training job, keep the failure ones" removed both, and their comment.
    func testStoppingOneKindOfEmailKeepingTheOther() throws {
        for request in ["stop the success emails for the training job, keep the failure ones",
                        "stop the success emails for the training job but keep the failure ones",
                        "no more success emails for training, only failure ones", "no more success mails for training, failures only",
                        "no success emails anymore for training, just the failure ones"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.twoJobs)
            XCTAssertNil(twoJobs(bundle, "training")?["email_notifications"]?["on_success"], "\(request): \(plan.summary)")
            XCTAssertEqual(twoJobs(bundle, "training")?["email_notifications"]?["on_failure"]?.sequence?.count, 1, "\(request): \(plan.summary)")
        }
    }

    /// A list variable of recipients, prod's own list.
    static let listVariable: [String: String] = [
        "databricks.yml": """
        bundle:
          name: min3
        variables:
          failure_emails:
            description: Who hears of failures
            default: []
        targets:
          dev:
            default: true
          prod:
            mode: production
            workspace:
              root_path: /Workspace/Shared/.bundle/min3
            variables:
              failure_emails:
                - team@example.com
        resources:
          jobs:
            ingest:
              name: ingest
              email_notifications:
                on_failure: ${var.failure_emails}
              tasks:
                - task_key: t
                  notebook_task:
                    notebook_path: ./nb.py

        """,
        "nb.py": "# Databricks notebook source\n",
    ]

    /// "set the failure_emails variable to oncall@example.com in prod" wrote a string where a list was (the CLI drops
    /// it: prod e-mailed nobody) and said "(was unset)"; "add oncall@… to the failure_emails variable in prod" asked for
    /// the default of a variable "oncall@example.com".
    func testAListVariableStaysAList() throws {
        func prodList(_ bundle: LoadedBundle) -> [String]? {
            bundle.targetsMapping?["prod"]?["variables"]?["failure_emails"]?.sequence?.compactMap(\.string)
        }
        let (set, replaced) = try InMemoryPlanning.apply("set the failure_emails variable to oncall@example.com in prod", to: Self.listVariable)
        XCTAssertEqual(prodList(replaced), ["oncall@example.com"], set.summary)
        XCTAssertTrue(set.summary.contains("was [team@example.com]"), set.summary)
        let (added, appended) = try InMemoryPlanning.apply("add oncall@example.com to the failure_emails variable in prod", to: Self.listVariable)
        XCTAssertEqual(prodList(appended), ["team@example.com", "oncall@example.com"], added.summary)
        let (_, both) = try InMemoryPlanning.apply("set the failure_emails variable to a@example.com, b@example.com", to: Self.listVariable)
        XCTAssertEqual(both.configuration["variables"]?["failure_emails"]?["default"]?.sequence?.compactMap(\.string), ["a@example.com", "b@example.com"])
        XCTAssertEqual(prodList(both), ["team@example.com"])
        // "remove a@… from the … variable": that item (the whole variable went); addresses apart are items too.
        let (_, two) = try InMemoryPlanning.outcome("in prod set the failure_emails variable to a@example.com b@example.com", on: Self.listVariable)
        let (removal, removed) = try InMemoryPlanning.apply("remove a@example.com from the failure_emails variable in prod", to: two)
        XCTAssertEqual(prodList(removed), ["b@example.com"], removal.summary)
        XCTAssertNotNil(removed.configuration["variables"]?["failure_emails"])
    }

    /// "in staging, run as the same service principal as prod" was read as the change before again ("Nothing to
    /// change: your change … was made for every target"), and alone it asked for an identity.
    func testRunningAsAnotherTargetsIdentity() throws {
        var files = Self.twoJobs
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "      root_path: /Workspace/Shared/.bundle/min\n", with: """
              root_path: /Workspace/Shared/.bundle/min
            run_as:
              service_principal_name: 6f1c3a52-1111-4000-8000-000000000001
          staging:
            workspace:
              root_path: /Workspace/Shared/.bundle/min/staging

        """)
        var c = FollowUpTests.Conversation()
        c.files = files
        _ = try c.ask("set the timeout of the evaluation job to 50 minutes")
        let plan = try c.ask("in staging, run as the same service principal as prod")
        XCTAssertEqual(plan?.target, "staging")
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: c.files)).load()
        XCTAssertEqual(bundle.targetsMapping?["staging"]?["run_as"]?["service_principal_name"]?.string, "6f1c3a52-1111-4000-8000-000000000001")
        for request in ["staging should run as prod's service principal"] {
            let (plan, copied) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(copied.targetsMapping?["staging"]?["run_as"]?["service_principal_name"]?.string, "6f1c3a52-1111-4000-8000-000000000001", "\(request): \(plan.summary)")
        }
    }

    /// Alexandermafi-like: a job cluster that autoscales 1–4, which dev narrows to at most 2.
    static let autoscaled: [String: String] = [
        "databricks.yml": """
        bundle:
          name: b
        targets:
          dev:
            default: true
            resources:
              jobs:
                etl:
                  job_clusters:
                    - job_cluster_key: c
                      new_cluster:
                        autoscale:
                          max_workers: 2
          prod: {}
        resources:
          jobs:
            etl:
              name: etl
              tasks:
                - task_key: t
                  job_cluster_key: c
                  notebook_task:
                    notebook_path: ./nb.py
              job_clusters:
                - job_cluster_key: c
                  new_cluster:
                    spark_version: 13.3.x-scala2.12
                    node_type_id: Standard_D3_v2
                    autoscale:
                      min_workers: 1
                      max_workers: 4

        """,
        "nb.py": "# Databricks notebook source\n",
    ]

    /// "use 1 worker without autoscaling" left dev's own autoscale (dev then had 1 worker and an autoscale without a
    /// minimum); on a cluster of a fixed size it was refused ("does not autoscale"), the wording dabrepo suggests.
    func testAFixedSizeWithoutAutoscaling() throws {
        func cluster(_ bundle: LoadedBundle, _ target: String) -> YAMLNode? {
            bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["etl"]?["job_clusters"]?.sequence?.first?["new_cluster"]
        }
        let (plan, fixed) = try InMemoryPlanning.apply("use 1 worker without autoscaling", to: Self.autoscaled)
        for target in ["dev", "prod"] {
            XCTAssertNil(cluster(fixed, target)?["autoscale"], "\(target): \(plan.summary)")
            XCTAssertEqual(cluster(fixed, target)?["num_workers"]?.string, "1", target)
        }
        XCTAssertTrue(plan.summary.contains("dev autoscaled it in its own settings too"), plan.summary)
        let (_, files) = try InMemoryPlanning.outcome("use 4 workers without autoscaling", on: Self.autoscaled)
        let (_, resized) = try InMemoryPlanning.apply("set the job cluster to 2 workers without autoscaling", to: files)
        XCTAssertEqual(cluster(resized, "prod")?["num_workers"]?.string, "2")
    }

    /// A serverless job with two environments and one concurrent run.
    static let environments: [String: String] = [
        "databricks.yml": """
        bundle:
          name: e
        targets:
          dev:
            default: true
        resources:
          jobs:
            fc:
              name: fc
              max_concurrent_runs: 1
              environments:
                - environment_key: default_env
                  spec:
                    client: "2"
                - environment_key: train_env
                  spec:
                    client: "2"
                    dependencies:
                      - lightgbm
              tasks:
                - task_key: prep
                  environment_key: default_env
                  spark_python_task:
                    python_file: ./prep.py
                - task_key: train
                  environment_key: train_env
                  depends_on:
                    - task_key: prep
                  spark_python_task:
                    python_file: ./prep.py

        """,
        "prep.py": "print(1)\n",
    ]

    /// "add mlflow==2.16.2 and scikit-learn>=1.4 to train_env" added mlflow only; "cap fc at one concurrent run with
    /// queueing on" said "already allows 1" and queued nothing.
    func testSeveralPackagesAndQueueingBesideConcurrentRuns() throws {
        func fc(_ bundle: LoadedBundle) -> YAMLNode? { bundle.configuration["resources"]?["jobs"]?["fc"] }
        let (plan, added) = try InMemoryPlanning.apply("add mlflow==2.16.2 and scikit-learn>=1.4 to train_env", to: Self.environments)
        let train = fc(added)?["environments"]?.sequence?.first { $0["environment_key"]?.string == "train_env" }
        XCTAssertEqual(train?["spec"]?["dependencies"]?.sequence?.compactMap(\.string), ["lightgbm", "mlflow==2.16.2", "scikit-learn>=1.4"], plan.summary)
        let (_, queued) = try InMemoryPlanning.apply("cap fc at one concurrent run with queueing on", to: Self.environments)
        XCTAssertEqual(fc(queued)?["queue"]?["enabled"]?.string, "true")
        let (_, both) = try InMemoryPlanning.apply("set max concurrent runs to 2 with queueing on", to: Self.environments)
        XCTAssertEqual(fc(both)?["max_concurrent_runs"]?.string, "2")
        XCTAssertEqual(fc(both)?["queue"]?["enabled"]?.string, "true")
    }

    /// "add prod target too, production mode" asked which target, offering prod, which was not there yet (its answer
    /// then failed: "this bundle has no target prod").
    func testAClauseAfterANewTargetIsAboutIt() throws {
        var files = Self.environments
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "  dev:\n    default: true\n", with: "  dev:\n    mode: development\n    default: true\n")
        let (plan, bundle) = try InMemoryPlanning.apply("add prod target too, production mode", to: files)
        XCTAssertEqual(bundle.targetsMapping?["prod"]?["mode"]?.string, "production", plan.summary)
        XCTAssertEqual(bundle.targetsMapping?["dev"]?["mode"]?.string, "development")
    }

    /// "pipeline cdc: use 3 workers without autoscaling" set autoscaling to 2–3 workers, the opposite.
    func testAPipelineWithoutAutoscaling() throws {
        func cluster(_ bundle: LoadedBundle) -> YAMLNode? {
            bundle.configuration["resources"]?["pipelines"]?["cdc"]?["clusters"]?.sequence?.first
        }
        for spec in ["", "      clusters:\n        - label: default\n          autoscale:\n            min_workers: 1\n            max_workers: 5\n"] {
            let files = [
                "databricks.yml": "bundle:\n  name: p\ntargets:\n  dev:\n    default: true\nresources:\n  pipelines:\n    cdc:\n      name: cdc\n      catalog: main\n      schema: cdc\n"
                    + spec + "      libraries:\n        - notebook:\n            path: ./nb.py\n",
                "nb.py": "# Databricks notebook source\n",
            ]
            for request in ["pipeline cdc: use 3 workers without autoscaling", "use 3 workers without autoscaling for the cdc pipeline"] {
                let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
                XCTAssertNil(cluster(bundle)?["autoscale"], "\(request): \(plan.summary)")
                XCTAssertEqual(cluster(bundle)?["num_workers"]?.string, "3", "\(request): \(plan.summary)")
            }
        }
    }

    /// "give a group view access to …", "give somebody run access …", "give another team view access …" granted the
    /// groups "group", "somebody" and "another".
    func testNobodyNamedIsAsked() throws {
        for request in ["give a group view access to the reports job", "give somebody run access on reports", "give another team view access to reports"] {
            let (outcome, _) = try InMemoryPlanning.outcome(request, on: Self.reports)
            guard case .clarify(let question, _) = outcome else { XCTFail("\(request): \(outcome)"); continue }
            XCTAssertTrue(question.hasPrefix("Who should get access?"), question)
        }
        let (plan, bundle) = try InMemoryPlanning.apply("let data-eng view the reports job", to: Self.reports)
        XCTAssertTrue(reports(bundle)?["permissions"]?.sequence?.contains { $0["group_name"]?.string == "data-eng" } == true, plan.summary)
    }
}
