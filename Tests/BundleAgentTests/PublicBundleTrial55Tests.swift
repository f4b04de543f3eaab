@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the known gaps and the trials of the session of 2026-12-06 (third). Each asserts what
/// is written.
final class PublicBundleTrial55Tests: XCTestCase {
    static let ingest = [
        "databricks.yml": "bundle: {name: sales}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true, mode: development}\n  prod: {mode: production}\n",
        "resources/daily.job.yml": """
        resources:
          jobs:
            daily:
              name: daily
              tasks:
                - task_key: ingest_erp
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: ingest_commerce
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: ingest_reference
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: silver_transform
                  max_retries: 0  # No retries
                  notebook_task: {notebook_path: ../src/a.py}

        """,
        "src/a.py": "# Databricks notebook source\n",
    ]

    func retries(_ bundle: LoadedBundle) -> [String?] {
        (bundle.configuration["resources"]?["jobs"]?["daily"]?["tasks"]?.sequence ?? []).map { $0["max_retries"]?.string }
    }

    /// "the erp and commerce ingest tasks" retried ingest_commerce alone: the word before "and" names
    /// its own task too.
    func testTwoTasksNamedBeforeASharedWord() throws {
        for request in ["give the erp and commerce ingest tasks 3 retries", "retry the commerce and erp ingest tasks 3 times"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.ingest)
            XCTAssertEqual(retries(bundle), ["3", "3", nil, "0"], "\(request): \(plan.summary)")
        }
        let (plan, bundle) = try InMemoryPlanning.apply("retry the erp, reference and commerce ingest tasks 3 times", to: Self.ingest)
        XCTAssertEqual(retries(bundle), ["3", "3", "3", "0"], plan.summary)
        // The job's name holding the shared word ("Sales - Daily Ingest") dropped the first of three.
        var named = Self.ingest
        named["resources/daily.job.yml"] = named["resources/daily.job.yml"]!.replacingOccurrences(of: "name: daily", with: "name: Sales - Daily Ingest")
        for request in ["retry the erp, reference and commerce ingest tasks 3 times", "give the erp, reference and commerce ingest tasks 3 retries"] {
            let (list, three) = try InMemoryPlanning.apply(request, to: named)
            XCTAssertEqual(retries(three), ["3", "3", "3", "0"], "\(request): \(list.summary)")
        }
        // The shared word said with each name: those two, not every ingest task.
        let (again, each) = try InMemoryPlanning.apply("set max retries to 5 for the erp ingest and commerce ingest tasks", to: Self.ingest)
        XCTAssertEqual(retries(each), ["5", "5", nil, "0"], again.summary)
        // One name before the shared word stays one task.
        let (one, single) = try InMemoryPlanning.apply("retry the commerce ingest task 3 times", to: Self.ingest)
        XCTAssertEqual(retries(single), [nil, "3", nil, "0"], one.summary)
    }

    /// "Run the job at 7am. Prod should email ops@x.com on failure." kept only the e-mail (in every
    /// target); "Set the dev schema to scratch. Tag the job with team=data." only the tag (in dev).
    /// Sentences that ask changes of their own are clauses; one that asks nothing alone stays with the
    /// next.
    func testSentencesAreClauses() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["databricks.yml"] = "bundle: {name: sales}\ninclude: [resources/*.yml]\nvariables: {schema: {default: main}}\ntargets:\n  dev: {default: true, mode: development}\n  prod: {mode: production}\n"
        let (plan, bundle) = try InMemoryPlanning.apply("Run the job at 7am. Prod should email ops@x.com on failure.", to: files)
        let job = { (target: String) in bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["nightly"] }
        XCTAssertEqual(job("dev")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 7 * * ?", plan.summary)
        XCTAssertEqual(job("prod")?["email_notifications"]?["on_failure"]?.sequence?.first?.string, "ops@x.com", plan.summary)
        XCTAssertNil(job("dev")?["email_notifications"], plan.summary)

        let (second, tagged) = try InMemoryPlanning.apply("Set the dev schema to scratch. Tag the job with team=data.", to: files)
        XCTAssertEqual(tagged.configuration["targets"]?["dev"]?["variables"]?["schema"]?.string, "scratch", second.summary)
        XCTAssertEqual(tagged.configuration["resources"]?["jobs"]?["nightly"]?["tags"]?["team"]?.string, "data", second.summary)

        XCTAssertEqual(CompoundRequest.sentences("The job needs retries. 3 should do."), ["The job needs retries. 3 should do."])
        XCTAssertEqual(CompoundRequest.sentences("Add a schedule to the job. Every day at 6am."), ["Add a schedule to the job. Every day at 6am."])
        XCTAssertEqual(CompoundRequest.sentences("Give it 4 workers. Thanks!"), ["Give it 4 workers. Thanks!"])
        XCTAssertEqual(CompoundRequest.sentences("Set the description to \"Daily. Weekly.\" please"), ["Set the description to \"Daily. Weekly.\" please"])
        XCTAssertEqual(CompoundRequest.sentences("Retry ingest 2 times. Retry load 3 times."), ["Retry ingest 2 times.", "Retry load 3 times."])
    }

    /// 'rename "CVM - Transposição System Lakeflow" to "CVM Lakeflow"' said the job already had its old
    /// name: the quoted text after "to" is the new name, the one before names the job.
    func testRenameFromOneQuotedNameToAnother() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["resources/other.job.yml"] = """
        resources:
          jobs:
            transposicao_system:
              name: CVM - Transposição System Lakeflow
              tasks:
                - task_key: run
                  notebook_task: {notebook_path: ../src/a.py}

        """
        for (request, expected) in [("rename \"CVM - Transposição System Lakeflow\" to \"CVM Lakeflow\"", "CVM Lakeflow"),
                                    ("rename \"CVM - Transposição System Lakeflow\" to \"Move data to the lake\"", "Move data to the lake")] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["transposicao_system"]?["name"]?.string, expected, plan.summary)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["nightly"]?["name"]?.string, "nightly", plan.summary)
        }
    }

    /// "run every 61 minutes" committed a schedule at midnight; "every 45 minutes" a cron `0/45` (runs
    /// at :00 and :45); "every 2 days" said nothing changed; "every 36 hours" was midnight too. What a cron
    /// schedule repeats evenly stays cron; whole hours, days or weeks it cannot become a periodic trigger
    /// (the schedule and its pause move to it); other minutes are asked.
    func testRhythmsACronScheduleCannotRepeatEvenly() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["databricks.yml"] = "bundle: {name: sales}\ninclude: [resources/*.yml]\ntargets:\n  dev:\n    default: true\n    resources: {jobs: {nightly: {schedule: {pause_status: PAUSED}}}}\n  prod: {}\n"
        let job = { (bundle: LoadedBundle, target: String?) in
            (target.map { bundle.effectiveConfiguration(target: $0).configuration } ?? bundle.configuration)["resources"]?["jobs"]?["nightly"]
        }
        for (request, interval, unit) in [("run every 5 hours", "5", "HOURS"), ("run the job every 36 hours", "36", "HOURS"), ("run every 2 days", "2", "DAYS"),
                                          ("run every 3 weeks", "3", "WEEKS")] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertNil(job(bundle, nil)?["schedule"], "\(request): \(plan.summary)")
            XCTAssertEqual(job(bundle, nil)?["trigger"]?["periodic"]?["interval"]?.string, interval, plan.summary)
            XCTAssertEqual(job(bundle, nil)?["trigger"]?["periodic"]?["unit"]?.string, unit, plan.summary)
            XCTAssertNil(job(bundle, "dev")?["schedule"], "\(request): the override goes too")
            XCTAssertEqual(job(bundle, "dev")?["trigger"]?["pause_status"]?.string, "PAUSED", "\(request): dev stays paused")
            XCTAssertNil(job(bundle, "prod")?["trigger"]?["pause_status"], plan.summary)
        }
        for request in ["run every 61 minutes", "run every 45 minutes", "run every 90 minutes", "run every 2.5 hours", "run every 2 days at 4am"] {
            let outcome = OfflinePlanner().plan(PlanningContext(bundle: try BundleLoader(source: InMemoryFileSource(texts: files)).load(), request: RequestText(request)))
            guard case .clarify(let question, let choices) = outcome else { XCTFail("\(request): \(outcome)"); continue }
            XCTAssertTrue(question.contains("evenly"), question)
            XCTAssertFalse(choices.isEmpty, question)
        }
        // Paused in the definition, running in prod: prod's trigger runs (it was paused with the rest).
        var pausedBase = files
        pausedBase["databricks.yml"] = "bundle: {name: sales}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n  prod:\n    resources: {jobs: {nightly: {schedule: {quartz_cron_expression: \"0 0 5 * * ?\", pause_status: UNPAUSED}}}}\n"
        pausedBase["resources/nightly.job.yml"] = pausedBase["resources/nightly.job.yml"]!.replacingOccurrences(of: "timezone_id: Europe/Berlin", with: "timezone_id: Europe/Berlin\n        pause_status: PAUSED")
        let (carried, both) = try InMemoryPlanning.apply("run every 5 hours", to: pausedBase)
        XCTAssertEqual(job(both, "prod")?["trigger"]?["pause_status"]?.string, "UNPAUSED", carried.summary)
        XCTAssertEqual(job(both, "dev")?["trigger"]?["pause_status"]?.string, "PAUSED", carried.summary)
        XCTAssertNil(job(both, "prod")?["schedule"], carried.summary)
        // Evenly repeated rhythms stay cron.
        for (request, cron) in [("run every 30 minutes", "0 0/30 * * * ?"), ("run every 120 minutes", "0 0 0/2 * * ?"), ("run every 6 hours", "0 0 0/6 * * ?")] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(job(bundle, nil)?["schedule"]?["quartz_cron_expression"]?.string, cron, "\(request): \(plan.summary)")
        }
    }

    /// "set the spark_version of the model training job cluster to 15.4.x-cpu-ml-scala2.12 in prod" wrote
    /// the latest LTS (17.3, Scala 2.13): a runtime key written out is taken as it is.
    func testARuntimeKeyWrittenOutIsTakenAsItIs() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["resources/training.job.yml"] = """
        resources:
          jobs:
            model_training:
              name: model training
              job_clusters:
                - job_cluster_key: train
                  new_cluster: {spark_version: 13.3.x-cpu-ml-scala2.12, node_type_id: i3.xlarge, num_workers: 2}
              tasks:
                - task_key: fit
                  job_cluster_key: train
                  notebook_task: {notebook_path: ../src/a.py}

        """
        for request in ["set the spark_version of the model training job cluster to 15.4.x-cpu-ml-scala2.12 in prod",
                        "use 15.4.x-cpu-ml-scala2.12 for the model training job in prod"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            let cluster = { (target: String) in
                bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["model_training"]?["job_clusters"]?.sequence?.first?["new_cluster"]
            }
            XCTAssertEqual(cluster("prod")?["spark_version"]?.string, "15.4.x-cpu-ml-scala2.12", "\(request): \(plan.summary)")
            XCTAssertEqual(cluster("dev")?["spark_version"]?.string, "13.3.x-cpu-ml-scala2.12", plan.summary)
        }
    }

    /// "add a task evaluate_models after ingest_erp and ingest_commerce that runs …" waited for
    /// ingest_erp alone: it waits for both.
    func testANewTaskAfterTwoTasks() throws {
        var files = Self.ingest
        files["src/eval.py"] = "# Databricks notebook source\nprint(1)\n"
        for request in ["add a task evaluate_models after ingest_erp and ingest_commerce that runs src/eval.py",
                        "add a task evaluate_models that runs src/eval.py after ingest_erp, ingest_reference and ingest_commerce"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            let task = (bundle.configuration["resources"]?["jobs"]?["daily"]?["tasks"]?.sequence ?? []).first { $0["task_key"]?.string == "evaluate_models" }
            let waits = (task?["depends_on"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
            XCTAssertEqual(Set(waits), request.contains("ingest_reference") ? ["ingest_erp", "ingest_reference", "ingest_commerce"] : ["ingest_erp", "ingest_commerce"], "\(request): \(plan.summary)")
            XCTAssertTrue(plan.summary.contains(" and ingest_commerce"), plan.summary)
        }
    }

    /// "pause the continuous bronze job in staging" said the job already ran continuously: "continuous"
    /// names the job; its continuous runs are paused there.
    func testPauseTheContinuousJob() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["databricks.yml"] = "bundle: {name: sales}\ninclude: [resources/*.yml]\ntargets:\n  staging: {default: true}\n  production: {}\n"
        files["resources/bronze.job.yml"] = """
        resources:
          jobs:
            bronze_ingestion_job:
              name: bronze ingestion
              continuous: {pause_status: UNPAUSED}
              tasks:
                - task_key: stream
                  notebook_task: {notebook_path: ../src/a.py}

        """
        for request in ["pause the continuous bronze job in staging", "stop the continuous bronze job in staging"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            let job = { (target: String) in bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["bronze_ingestion_job"] }
            XCTAssertEqual(job("staging")?["continuous"]?["pause_status"]?.string, "PAUSED", "\(request): \(plan.summary)")
            XCTAssertEqual(job("production")?["continuous"]?["pause_status"]?.string, "UNPAUSED", plan.summary)
        }
    }

    /// "let the supplier portal use the sql warehouse 9999aaaa0000bbbb" changed the dashboard's warehouse
    /// variable: an app named by its words is the app, without the word "app".
    func testAnAppNamedWithoutTheWordApp() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: dpp}
            include: [resources/*.yml]
            variables:
              dashboard_warehouse_id: {default: REPLACE_WITH_YOUR_WAREHOUSE_ID}
            targets:
              dev: {default: true}

            """,
            "resources/apps.yml": """
            resources:
              apps:
                dpp_supplier_portal:
                  name: dpp-supplier-portal
                  source_code_path: ../src/app
              dashboards:
                dpp_compliance:
                  display_name: Compliance
                  file_path: ../src/compliance.lvdash.json
                  warehouse_id: ${var.dashboard_warehouse_id}

            """,
            "src/app/app.py": "print(1)\n",
            "src/compliance.lvdash.json": "{}\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("let the supplier portal use the sql warehouse 9999aaaa0000bbbb", to: files)
        let app = bundle.configuration["resources"]?["apps"]?["dpp_supplier_portal"]
        XCTAssertEqual(app?["resources"]?.sequence?.first?["sql_warehouse"]?["id"]?.string, "9999aaaa0000bbbb", plan.summary)
        XCTAssertEqual(bundle.configuration["variables"]?["dashboard_warehouse_id"]?["default"]?.string, "REPLACE_WITH_YOUR_WAREHOUSE_ID", plan.summary)
    }

    /// "add a staging target modelled on prod" copied prod's mode, host and variables but not its
    /// resource overrides (a job cluster on every task, the schedule): staging ran unlike prod.
    func testANewTargetModelledOnAnotherTakesItsOverrides() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["databricks.yml"] = """
        bundle: {name: sales}
        include: [resources/*.yml]
        targets:
          dev: {default: true, mode: development}
          prod:
            mode: production
            workspace: {host: https://prod.cloud.databricks.com}
            resources:
              jobs:
                nightly:
                  timeout_seconds: 3600
                  email_notifications: {on_failure: [prod-oncall@example.com]}

        """
        for request in ["add a staging target modelled on prod", "add a staging target like prod"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            let job = bundle.effectiveConfiguration(target: "staging").configuration["resources"]?["jobs"]?["nightly"]
            XCTAssertEqual(job?["timeout_seconds"]?.string, "3600", "\(request): \(plan.summary)")
            XCTAssertEqual(job?["email_notifications"]?["on_failure"]?.sequence?.first?.string, "prod-oncall@example.com", plan.summary)
            XCTAssertTrue(plan.summary.contains("its overrides of 1 resource"), plan.summary)
            XCTAssertEqual(bundle.configuration["targets"]?["staging"]?["mode"]?.string, "production", plan.summary)
        }
        // Not modelled on a target: no overrides are copied.
        let (plain, fresh) = try InMemoryPlanning.apply("add a staging target", to: files)
        XCTAssertNil(fresh.effectiveConfiguration(target: "staging").configuration["resources"]?["jobs"]?["nightly"]?["timeout_seconds"], plain.summary)
    }

    /// "set the timezone of every job to UTC", "use UTC for all the schedules" were not understood
    /// ("every" read as a rhythm), though the planner itself suggests saying "every".
    func testTheTimeZoneOfEveryJob() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["resources/weekly.job.yml"] = """
        resources:
          jobs:
            weekly:
              name: weekly
              schedule: {quartz_cron_expression: "0 0 6 ? * MON", timezone_id: America/Sao_Paulo}
              tasks:
                - task_key: run
                  notebook_task: {notebook_path: ../src/a.py}

        """
        for request in ["set the timezone of every job to UTC", "use UTC for all the schedules", "change the timezone to UTC for every job"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            for job in ["nightly", "weekly"] {
                XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?[job]?["schedule"]?["timezone_id"]?.string, "UTC", "\(request): \(plan.summary)")
            }
        }
    }

    /// A single-node job cluster defined in prod's section alone could not get workers there ("single-node
    /// in its shared definition, which a target override cannot undo"), nor anywhere else (serverless).
    func testASingleNodeClusterOfATargetAloneGetsWorkers() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["databricks.yml"] = """
        bundle: {name: sales}
        include: [resources/*.yml]
        targets:
          dev: {default: true, mode: development}
          prod:
            mode: production
            resources:
              jobs:
                nightly:
                  job_clusters:
                    - job_cluster_key: single_node
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: Standard_DS3_v2
                        num_workers: 0
                        spark_conf:
                          spark.databricks.cluster.profile: singleNode
                          spark.master: "local[*, 4]"
                        custom_tags: {ResourceClass: SingleNode}
                  tasks:
                    - task_key: ingest
                      job_cluster_key: single_node

        """
        let (plan, bundle) = try InMemoryPlanning.apply("give the single_node cluster 2 workers in prod", to: files)
        let cluster = bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["nightly"]?["job_clusters"]?.sequence?.first?["new_cluster"]
        XCTAssertEqual(cluster?["num_workers"]?.string, "2", plan.summary)
        XCTAssertNil(cluster?["spark_conf"]?["spark.master"], plan.summary)
        XCTAssertNil(cluster?["custom_tags"]?["ResourceClass"], plan.summary)
    }

    /// "set node_type_id var to i3.2xlarge in prd and schema var to lakehouse_demo_prd" set node_type_id to
    /// lakehouse_demo_prd and dropped the schema: two settings of one kind, each its own clause.
    func testTwoVariablesInOneRequest() throws {
        XCTAssertEqual(CompoundRequest.clauses("set node_type_id var to i3.2xlarge in prd and schema var to lakehouse_demo_prd"),
                       ["set node_type_id var to i3.2xlarge in prd", "set schema var to lakehouse_demo_prd"])
        var files = PublicBundleTrial50Tests.nightly
        // (Every target sets its own schema: the second asked which target; "in prd", prod's other name, is both's.)
        files["databricks.yml"] = "bundle: {name: sales}\ninclude: [resources/*.yml]\nvariables:\n  node_type_id: {default: i3.xlarge}\n  schema: {}\ntargets:\n  dev:\n    default: true\n    variables: {schema: demo_dev}\n  prod:\n    variables: {schema: demo_prod}\n"
        let (plan, bundle) = try InMemoryPlanning.apply("set node_type_id var to i3.2xlarge in prd and schema var to lakehouse_demo_prd", to: files)
        let prod = bundle.configuration["targets"]?["prod"]?["variables"]
        XCTAssertEqual(prod?["node_type_id"]?.string, "i3.2xlarge", plan.summary)
        XCTAssertEqual(prod?["schema"]?.string, "lakehouse_demo_prd", plan.summary)
        XCTAssertEqual(bundle.configuration["targets"]?["dev"]?["variables"]?["schema"]?.string, "demo_dev", plan.summary)
    }

    /// "set environments param default to [\"prod\"] in prd" wrote the default `["prod"] in prd`: a
    /// target's other name ends the value as its name does.
    func testAParameterValueBeforeATargetsOtherName() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["resources/nightly.job.yml"] = files["resources/nightly.job.yml"]!.replacingOccurrences(of: "      tasks:", with: "      parameters:\n        - name: environments\n          default: '[\"dev\"]'\n      tasks:")
        let (plan, bundle) = try InMemoryPlanning.apply("set environments param default to prod_only in prd", to: files)
        let parameters = bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["nightly"]?["parameters"]?.sequence
        XCTAssertEqual(parameters?.first?["default"]?.string, "prod_only", plan.summary)
        XCTAssertEqual(plan.target, "prod", plan.summary)
    }

    /// "run mon-fri 5:30 est" ran every day in UTC; "2am uk time" was UTC: "mon-fri" is the weekdays, a
    /// zone's abbreviation written small after a time is that zone, "uk time" is London's.
    func testShorthandDaysAndZones() throws {
        for (request, cron, zone) in [("run the job mon-fri 5:30 est", "0 30 5 ? * MON-FRI", "America/New_York"),
                                      ("schedule the job nightly 2am uk time", "0 0 2 * * ?", "Europe/London"),
                                      ("run it Mon to Fri at 6am pst", "0 0 6 ? * MON-FRI", "America/Los_Angeles")] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: PublicBundleTrial50Tests.nightly)
            let schedule = bundle.configuration["resources"]?["jobs"]?["nightly"]?["schedule"]
            XCTAssertEqual(schedule?["quartz_cron_expression"]?.string, cron, "\(request): \(plan.summary)")
            XCTAssertEqual(schedule?["timezone_id"]?.string, zone, "\(request): \(plan.summary)")
        }
    }

    /// Pronouns and joins of the trials: "let grp data-eng manage the job, and analysts view it" granted
    /// only data-eng (to a group "grp" before); "retry ingest_erp twice and bump its timeout" set a job
    /// timeout; "give it 2 retries" after renaming a task retried every task.
    func testGrantsAndPronounsOfATask() throws {
        let (grant, granted) = try InMemoryPlanning.apply("let grp data-eng manage the daily job, and analysts view it", to: Self.ingest)
        let permissions = granted.configuration["resources"]?["jobs"]?["daily"]?["permissions"]?.sequence ?? []
        XCTAssertEqual(permissions.map { "\($0["group_name"]?.string ?? ""):\($0["level"]?.string ?? "")" }, ["data-eng:CAN_MANAGE", "analysts:CAN_VIEW"], grant.summary)

        let (its, timed) = try InMemoryPlanning.apply("retry ingest_erp twice and bump its timeout to 10 min", to: Self.ingest)
        let job = timed.configuration["resources"]?["jobs"]?["daily"]
        XCTAssertNil(job?["timeout_seconds"], its.summary)
        XCTAssertEqual(job?["tasks"]?.sequence?.first?["timeout_seconds"]?.string, "600", its.summary)

        var conversation = PublicBundleTrial39Tests.Conversation(Self.ingest)
        _ = try conversation.ask("rename the ingest_erp task to erp_ingest")
        let retried = try conversation.ask("give it 2 retries")
        XCTAssertEqual(retries(try conversation.load()), ["2", nil, nil, "0"], "\(retried)")
    }

    /// "run the job at 7am" changed the definition's schedule and said nothing of prod's own (05:00).
    func testATargetsOwnScheduleIsSaid() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["databricks.yml"] = "bundle: {name: sales}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n  prod:\n    resources: {jobs: {nightly: {schedule: {quartz_cron_expression: \"0 0 5 * * ?\", timezone_id: UTC}}}}\n"
        let (plan, bundle) = try InMemoryPlanning.apply("run the job at 7am", to: files)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["nightly"]?["schedule"]?["quartz_cron_expression"]?.string, "0 0 7 * * ?", plan.summary)
        XCTAssertTrue(plan.summary.contains("prod (0 0 5 * * ?) keeps its own schedule"), plan.summary)
    }

    /// "same for prd" was not understood where "same for prod" was.
    func testSameForATargetsOtherName() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(PublicBundleTrial50Tests.nightly)
        _ = try conversation.ask("set the timeout to 2 hours in dev")
        let same = try conversation.ask("same for prd")
        let bundle = try conversation.load()
        XCTAssertEqual(bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["nightly"]?["timeout_seconds"]?.string, "7200", "\(same)")
    }

    /// "2" after "make it 3 workers" was asked which setting set the retries of the change before to 2.
    func testABareNumberAfterAQuestionIsNoValueOfTheChangeBefore() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.ingest)
        _ = try conversation.ask("give the erp ingest task 4 retries")
        // (The job runs on serverless compute: said, rather than asked which setting is meant.)
        let asked = try conversation.ask("make it 3 workers")
        guard case .refused(let why) = asked, why.contains("serverless") else { return XCTFail("\(asked)") }
        let answered = try conversation.ask("2")
        guard case .refused = answered else { return XCTFail("\(answered)") }
        XCTAssertEqual(retries(try conversation.load()).first, "4")
    }

    /// "in the populate_all_data job, run the portfolio task after the smart_claims task" said two jobs
    /// do not wait for each other (smart_claims is also a word of the job smart_claims_job).
    func testTaskKeysThatAreWordsOfOtherJobs() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["resources/all.job.yml"] = """
        resources:
          jobs:
            smart_claims_job:
              name: smart claims
              tasks:
                - task_key: run
                  notebook_task: {notebook_path: ../src/a.py}
            credit_job:
              name: credit
              tasks:
                - task_key: run
                  notebook_task: {notebook_path: ../src/a.py}
            populate_all_data:
              name: populate all data
              tasks:
                - task_key: credit
                  run_job_task: {job_id: "${resources.jobs.credit_job.id}"}
                - task_key: smart_claims
                  run_job_task: {job_id: "${resources.jobs.smart_claims_job.id}"}
                - task_key: portfolio
                  notebook_task: {notebook_path: ../src/a.py}

        """
        for request in ["in the populate_all_data job, run the portfolio task after the smart_claims task", "run portfolio after smart_claims and credit"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            let tasks = bundle.configuration["resources"]?["jobs"]?["populate_all_data"]?["tasks"]?.sequence ?? []
            let waits = (tasks.first { $0["task_key"]?.string == "portfolio" }?["depends_on"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
            XCTAssertTrue(waits.contains("smart_claims"), "\(request): \(plan.summary)")
        }
    }

    /// "let groups data-engineers and data-analysts view the job" granted a group called "groups";
    /// "grant CAN_MANAGE_RUN to retail-eng and retail-ops groups" the first alone.
    func testAListOfGroups() throws {
        for (request, level) in [("let groups data-engineers and data-analysts view the daily job", "CAN_VIEW"),
                                 ("grant CAN_MANAGE_RUN to data-engineers and data-analysts groups on the daily job", "CAN_MANAGE_RUN"),
                                 ("let the groups data-engineers, data-analysts and ops view the daily job", "CAN_VIEW")] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.ingest)
            let permissions = bundle.configuration["resources"]?["jobs"]?["daily"]?["permissions"]?.sequence ?? []
            let expected = request.contains("ops") ? ["data-engineers", "data-analysts", "ops"] : ["data-engineers", "data-analysts"]
            XCTAssertEqual(permissions.compactMap { $0["group_name"]?.string }, expected, "\(request): \(plan.summary)")
            XCTAssertTrue(permissions.allSatisfy { $0["level"]?.string == level }, plan.summary)
        }
    }

    /// "autoscale the job cluster 2-12" committed 1–4 (the range was read only before "workers"); "NY
    /// time" was UTC.
    func testAnAutoscaleRangeWithoutItsUnitAndNewYorkTime() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["resources/nightly.job.yml"] = files["resources/nightly.job.yml"]!
            .replacingOccurrences(of: "      tasks:", with: "      job_clusters:\n        - job_cluster_key: main\n          new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 1}\n      tasks:")
            .replacingOccurrences(of: "        - task_key: ingest\n", with: "        - task_key: ingest\n          job_cluster_key: main\n")
        let (plan, bundle) = try InMemoryPlanning.apply("autoscale the job cluster 2-12", to: files)
        let autoscale = bundle.configuration["resources"]?["jobs"]?["nightly"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["autoscale"]
        XCTAssertEqual(autoscale?["min_workers"]?.string, "2", plan.summary)
        XCTAssertEqual(autoscale?["max_workers"]?.string, "12", plan.summary)
        let (zone, zoned) = try InMemoryPlanning.apply("run the job every day at 1am NY time", to: PublicBundleTrial50Tests.nightly)
        XCTAssertEqual(zoned.configuration["resources"]?["jobs"]?["nightly"]?["schedule"]?["timezone_id"]?.string, "America/New_York", zone.summary)
    }

    /// "give land_s3 3 retries and a 20m timeout" set the job's timeout (20 minutes for six tasks);
    /// "land_s3: 3 retries and 20m timeout" dropped the retries.
    func testATasksRetriesAndTimeoutTogether() throws {
        for request in ["give ingest_erp 3 retries and a 20m timeout", "ingest_erp: 3 retries and 20m timeout"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.ingest)
            let job = bundle.configuration["resources"]?["jobs"]?["daily"]
            XCTAssertNil(job?["timeout_seconds"], "\(request): \(plan.summary)")
            XCTAssertEqual(job?["tasks"]?.sequence?.first?["timeout_seconds"]?.string, "1200", "\(request): \(plan.summary)")
            XCTAssertEqual(retries(bundle), ["3", nil, nil, "0"], "\(request): \(plan.summary)")
        }
    }

    /// "give ingest_bronze 2 retries" after a change to the maintenance job retried the maintenance job's
    /// only task: a task key written as it is names the job that has it.
    func testATaskKeyNamesItsJobOverTheConversations() throws {
        var files = Self.ingest
        files["resources/maintenance.job.yml"] = """
        resources:
          jobs:
            maintenance:
              name: maintenance
              tasks:
                - task_key: run_maintenance
                  notebook_task: {notebook_path: ../src/a.py}

        """
        var conversation = PublicBundleTrial39Tests.Conversation(files)
        _ = try conversation.ask("set the timeout of the maintenance job to 1 hour")
        let retried = try conversation.ask("give ingest_commerce 2 retries")
        let bundle = try conversation.load()
        XCTAssertNil(bundle.configuration["resources"]?["jobs"]?["maintenance"]?["tasks"]?.sequence?.first?["max_retries"], "\(retried)")
        XCTAssertEqual(retries(bundle), [nil, "2", nil, "0"], "\(retried)")
    }

    /// 'rename "medallion-pipeline" to "medallion-nightly" (keep the target prefix)' dropped
    /// `[${bundle.target}] ` (the targets, in one workspace, shared one name); "rename X to Y, keep the
    /// -target suffix" made ", keep the -target suffix" part of the name.
    func testARenameKeepsTheNamesTargetPart() throws {
        for (name, request, expected) in [
            ("[${bundle.target}] medallion-pipeline", "rename \"medallion-pipeline\" to \"medallion-nightly\" (keep the target prefix)", "[${bundle.target}] medallion-nightly"),
            ("retail-data-platform-${bundle.target}", "rename retail-data-platform to retail-medallion, keep the -target suffix", "retail-medallion-${bundle.target}"),
        ] {
            var files = PublicBundleTrial50Tests.nightly
            files["resources/nightly.job.yml"] = files["resources/nightly.job.yml"]!.replacingOccurrences(of: "      name: nightly\n", with: "      name: \"\(name)\"\n")
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["nightly"]?["name"]?.string, expected, "\(request): \(plan.summary)")
        }
    }

    /// "change prod so it runs every 6 hrs" changed every target's schedule.
    func testChangeATargetSoItRuns() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("change prod so it runs every 6 hrs", to: PublicBundleTrial50Tests.nightly)
        XCTAssertEqual(plan.target, "prod", plan.summary)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["nightly"]?["schedule"]?["quartz_cron_expression"]?.string, "0 30 2 * * ?", plan.summary)
        XCTAssertEqual(bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["nightly"]?["schedule"]?["quartz_cron_expression"]?.string, "0 0 0/6 * * ?", plan.summary)
    }

    /// The second trials: a target said first before two settings ("in prd set catalog var to cp and
    /// secret_scope var to sp" put sp into catalog); "with a 10 min timeout" and "5 retries, 45 min
    /// timeout" dropped the retries; "rename the job to X, keep the target suffix" dropped it.
    func testTargetFirstWithAndKeepTheSuffix() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["databricks.yml"] = "bundle: {name: sales}\ninclude: [resources/*.yml]\nvariables:\n  catalog: {default: main}\n  scope: {default: s}\ntargets:\n  dev: {default: true}\n  prod: {}\n"
        for request in ["in prd set catalog var to cp and scope var to sp", "prd: set catalog var to cp and scope var to sp"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            let prod = bundle.configuration["targets"]?["prod"]?["variables"]
            XCTAssertEqual(prod?["catalog"]?.string, "cp", "\(request): \(plan.summary)")
            XCTAssertEqual(prod?["scope"]?.string, "sp", "\(request): \(plan.summary)")
        }
        for request in ["give ingest_erp 3 retries with a 10 min timeout", "ingest_erp: 3 retries, 10 min timeout", "prd: give ingest_erp 3 retries and a 10 min timeout"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.ingest)
            let target = request.hasPrefix("prd") ? "prod" : "dev"
            let task = bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["daily"]?["tasks"]?.sequence?.first
            XCTAssertEqual(task?["max_retries"]?.string, "3", "\(request): \(plan.summary)")
            XCTAssertEqual(task?["timeout_seconds"]?.string, "600", "\(request): \(plan.summary)")
        }
        var named = PublicBundleTrial50Tests.nightly
        named["resources/nightly.job.yml"] = named["resources/nightly.job.yml"]!.replacingOccurrences(of: "      name: nightly\n", with: "      name: \"retail-data-platform-${bundle.target}\"\n")
        for request in ["rename the job to retail-core, keep the target suffix", "rename the job to retail-core (keep the target suffix)",
                        "rename the job to retail-core but keep the ${bundle.target} suffix"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: named)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["nightly"]?["name"]?.string, "retail-core-${bundle.target}", "\(request): \(plan.summary)")
        }
    }

    /// "give ingest_erp 2 retries" when it has them answered with the path "tasks[0].max_retries": said in
    /// the summary's words.
    func testNothingToChangeOfATaskIsSaidByItsKey() throws {
        var files = Self.ingest
        files["resources/daily.job.yml"] = files["resources/daily.job.yml"]!.replacingOccurrences(of: "        - task_key: ingest_erp\n", with: "        - task_key: ingest_erp\n          max_retries: 2\n")
        let outcome = OfflinePlanner().plan(PlanningContext(bundle: try BundleLoader(source: InMemoryFileSource(texts: files)).load(), request: RequestText("give ingest_erp 2 retries")))
        guard case .plan(let plan) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(plan.alreadyDone, "Nothing to change: task ingest_erp of job daily already has max_retries = 2.")
    }

    /// A target's `"*"` override of every job was a job: permissions were written into it, questions
    /// offered it.
    func testAWildcardOverrideIsNoJob() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["databricks.yml"] = "bundle: {name: sales}\ninclude: [resources/*.yml]\ntargets:\n  dev:\n    default: true\n    resources:\n      jobs:\n        \"*\":\n          tags: {env: dev}\n  prod: {}\n"
        let (plan, bundle) = try InMemoryPlanning.apply("let the group analysts view every job", to: files)
        XCTAssertNil(bundle.configuration["targets"]?["dev"]?["resources"]?["jobs"]?["*"]?["permissions"], plan.summary)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["nightly"]?["permissions"]?.sequence?.first?["group_name"]?.string, "analysts", plan.summary)
    }

    /// "retry ingest_erp twice and bump its timeout" asked how long a run of the job may take, and its
    /// example set the job's timeout: asked of the task.
    func testATasksTimeoutWithoutALengthIsAskedOfTheTask() throws {
        let outcome = OfflinePlanner().plan(PlanningContext(bundle: try BundleLoader(source: InMemoryFileSource(texts: Self.ingest)).load(),
                                                            request: RequestText("retry ingest_erp twice and bump its timeout")))
        guard case .clarify(let question, let choices) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(question.contains("task ingest_erp"), question)
        XCTAssertEqual(choices, ["set the timeout of the ingest_erp task to 30 minutes"])
    }

    /// "add a staging target modelled on prod, secret scope retail-platform-stg" wrote prod's scope renamed
    /// (the variable's name said in words was not read).
    func testANewTargetTakesAValueOfAVariableSaidInWords() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["databricks.yml"] = "bundle: {name: sales}\ninclude: [resources/*.yml]\nvariables:\n  secret_scope: {}\ntargets:\n  dev:\n    default: true\n    variables: {secret_scope: retail-platform-dev}\n  prod:\n    mode: production\n    variables: {secret_scope: retail-platform-prod}\n"
        let (plan, bundle) = try InMemoryPlanning.apply("add a staging target modelled on prod with secret scope retail-platform-stg", to: files)
        XCTAssertEqual(bundle.configuration["targets"]?["staging"]?["variables"]?["secret_scope"]?.string, "retail-platform-stg", plan.summary)
    }

    /// "make it 3" after "run it every 4 hours … in prod only" asked when (and, answered, ran at 06:03 on
    /// weekdays): every 3 hours, in prod.
    func testMakeItANumberAfterAnInterval() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(PublicBundleTrial50Tests.nightly)
        _ = try conversation.ask("run the job every 4 hours london time in prod only")
        let again = try conversation.ask("make it 3")
        let prod = try conversation.load().effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["nightly"]?["schedule"]
        XCTAssertEqual(prod?["quartz_cron_expression"]?.string, "0 0 0/3 * * ?", "\(again)")
        XCTAssertEqual(prod?["timezone_id"]?.string, "Europe/London", "\(again)")
    }

    /// "actually make it 3" failed where "make it 3" worked; "shd" and "pls" were words of no request.
    func testActuallyAndShorthandWords() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.ingest)
        _ = try conversation.ask("give the erp ingest task 4 retries")
        let again = try conversation.ask("actually make it 3")
        XCTAssertEqual(retries(try conversation.load()).first, "3", "\(again)")
        let (plan, bundle) = try InMemoryPlanning.apply("the job shd run at 1am NY time pls", to: PublicBundleTrial50Tests.nightly)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["nightly"]?["schedule"]?["quartz_cron_expression"]?.string, "0 0 1 * * ?", plan.summary)
    }

    /// "the nb job" among five jobs asked about all five: the two whose keys have the word "nb".
    func testATwoLetterWordOfKeysNarrowsTheQuestion() throws {
        var files = PublicBundleTrial50Tests.nightly
        files["resources/more.job.yml"] = """
        resources:
          jobs:
            pipeline_nb:
              tasks: [{task_key: a, notebook_task: {notebook_path: ../src/a.py}}]
            ingest_nb:
              tasks: [{task_key: a, notebook_task: {notebook_path: ../src/a.py}}]
            pipeline_py:
              tasks: [{task_key: a, notebook_task: {notebook_path: ../src/a.py}}]

        """
        let outcome = OfflinePlanner().plan(PlanningContext(bundle: try BundleLoader(source: InMemoryFileSource(texts: files)).load(),
                                                            request: RequestText("set the timeout of the nb job to 1 hour")))
        guard case .clarify(_, let choices) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(Set(choices), ["--resource jobs.ingest_nb", "--resource jobs.pipeline_nb"])
    }
}
