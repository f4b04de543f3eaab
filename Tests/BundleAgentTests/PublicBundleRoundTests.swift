@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from a trial on public bundles (absa, marvel-characters, informatica-mdm, healthcare-rcm) that
/// were committed wrong or refused: each asserts the values written.
final class PublicBundleRoundTests: XCTestCase {
    /// marvel-characters: "every Monday and Thursday at 7am" kept only Thursday.
    func testSeveralWeekdays() throws {
        var c = FollowUpTests.Conversation()
        let plan = try c.ask("run the sales sync every Monday and Thursday at 7am")
        XCTAssertEqual(try c.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "dev"), "0 0 7 ? * MON,THU")
        XCTAssertTrue(plan?.summary.contains("every Monday and Thursday at 07:00") == true, plan?.summary ?? "")
        _ = try c.ask("same for the marketing digest")
        XCTAssertEqual(try c.value("jobs.marketing_digest.schedule.quartz_cron_expression", target: "dev"), "0 0 7 ? * MON,THU")
        _ = try c.ask("run the sales sync every 2 hours on weekends")
        XCTAssertEqual(try c.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "dev"), "0 0 0/2 ? * SAT,SUN")
    }

    /// informatica-mdm: "and the freshness gate 3 times" after "retry the anomaly gate twice" wrote 2.
    func testACountInAFollowUpAfterACountInWords() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("retry the extract task twice")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[extract].max_retries", target: "dev"), "2")
        _ = try c.ask("and the load task 3 times")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[load].max_retries", target: "dev"), "3")
        XCTAssertEqual(FollowUp.request("retry the anomaly gate twice", withOwnValue: "3 times"), "retry the anomaly gate 3 times")
    }

    /// informatica-mdm: "add a tag team: mdm to both jobs" tagged the pipeline; healthcare-rcm: "all three
    /// jobs" was refused as a name.
    func testCountedJobs() throws {
        let files = [
            "databricks.yml": "bundle: {name: demo}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/jobs.yml": """
            resources:
              jobs:
                mdm_job:
                  name: mdm
                  tasks:
                    - task_key: a
                      notebook_task: {notebook_path: ../src/a.py}
                mdm_maintenance_job:
                  name: mdm maintenance
                  tasks:
                    - task_key: vacuum_tables
                      notebook_task: {notebook_path: ../src/a.py}
              pipelines:
                mdm_pipeline:
                  name: mdm
                  tags: {project: mdm}
                  libraries:
                    - notebook: {path: ../src/a.py}
            """,
            "src/a.py": "# Databricks notebook source\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("add a tag team: mdm to both jobs", to: files)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["mdm_job"]?["tags"]?["team"]?.string, "mdm")
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["mdm_maintenance_job"]?["tags"]?["team"]?.string, "mdm")
        XCTAssertNil(bundle.configuration["resources"]?["pipelines"]?["mdm_pipeline"]?["tags"]?["team"])
        let (_, granted) = try InMemoryPlanning.apply("give the group analysts view access to all two jobs", to: files)
        XCTAssertNotNil(granted.configuration["resources"]?["jobs"]?["mdm_maintenance_job"]?["permissions"])
        let (refused, _) = try InMemoryPlanning.outcome("add a tag team: mdm to all three jobs", on: files)
        guard case .refused(let reason) = refused else { return XCTFail("\(refused)") }
        XCTAssertTrue(reason.contains("has 2 jobs"), reason)
        // "the vacuum": a word of the one task that has it.
        let (_, scheduled) = try InMemoryPlanning.apply("run the vacuum on the first of the month at 2am", to: files)
        XCTAssertEqual(scheduled.configuration["resources"]?["jobs"]?["mdm_maintenance_job"]?["schedule"]?["quartz_cron_expression"]?.string, "0 0 2 1 * ?")
    }

    /// malaria_clinical_trials: "continuous learning" is a task, not a mode; "view the dashboard" names no job
    /// whose task is deploy_metric_view (customer-360-lakehouse-genie).
    func testWordsOfNamesAskForNothing() throws {
        var files = SalesBundle.files
        files["resources/billing.job.yml"] = files["resources/billing.job.yml"]!.replacingOccurrences(of: "task_key: export", with: "task_key: continuous_learning")
        let (plan, _) = try InMemoryPlanning.apply("set retries to 2 on continuous learning", to: files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(plan.job, "nightly_billing")
        files["resources/sales_sync.job.yml"] = files["resources/sales_sync.job.yml"]!.replacingOccurrences(of: "task_key: load", with: "task_key: deploy_metric_view")
        let (granted, _) = try InMemoryPlanning.apply("let the group c360-readers view the dashboard", to: files)
        XCTAssertEqual(granted.resource?.description, "dashboards.sales_overview")
    }

    /// data-master-healthlake: "the dq jobs" asked among four jobs; "run the dq jobs as …" set the bundle's
    /// run_as (each job's own run_as wins over it).
    func testTheJobsAWordOfTheirNamesSays() throws {
        let job = { (key: String) in "    \(key):\n      name: \(key)\n      run_as: {service_principal_name: 11111111-0000-4000-8000-000000000000}\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: ../src/a.py}\n" }
        let files = [
            "databricks.yml": "bundle: {name: demo}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/jobs.yml": "resources:\n  jobs:\n" + job("bronze_to_silver_dq") + job("silver_to_gold_dq") + job("medallion_refresh") + job("vitals_refresh"),
            "src/a.py": "# Databricks notebook source\n",
        ]
        let (_, emailed) = try InMemoryPlanning.apply("email oncall@example.com when the dq jobs fail", to: files)
        let jobs = emailed.configuration["resources"]?["jobs"]
        for key in ["bronze_to_silver_dq", "silver_to_gold_dq"] {
            XCTAssertEqual(jobs?[key]?["email_notifications"]?["on_failure"]?.sequence?.first?.string, "oncall@example.com", key)
        }
        XCTAssertNil(jobs?["medallion_refresh"]?["email_notifications"])
        let (_, runAs) = try InMemoryPlanning.apply("run the dq jobs as the service principal 22222222-3333-4444-5555-666666666666", to: files)
        XCTAssertNil(runAs.configuration["run_as"])
        for key in ["bronze_to_silver_dq", "silver_to_gold_dq"] {
            XCTAssertEqual(runAs.configuration["resources"]?["jobs"]?[key]?["run_as"]?["service_principal_name"]?.string, "22222222-3333-4444-5555-666666666666", key)
        }
        XCTAssertEqual(runAs.configuration["resources"]?["jobs"]?["vitals_refresh"]?["run_as"]?["service_principal_name"]?.string, "11111111-0000-4000-8000-000000000000")
    }

    /// nfl-telemetry: "the catalog variable" for catalog_name; data-platform-integration: "the env variable"
    /// is the declared variable env, not a cluster's environment variables; flexera_dab: "remove the tag
    /// schedule" is a tag, not the job's schedule.
    func testVariablesAndTagsByTheirNames() throws {
        var files = SalesBundle.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "variables:\n", with: "variables:\n  env:\n    default: dev\n")
        files["resources/sales_sync.job.yml"] = files["resources/sales_sync.job.yml"]!.replacingOccurrences(of: "        team: sales\n", with: "        team: sales\n        schedule: nightly\n")
        let (_, warehouse) = try InMemoryPlanning.apply("set the warehouse variable to 0123456789abcdef in prod", to: files, intent: VariableValueIntent.id)
        XCTAssertEqual(warehouse.targetsMapping?["prod"]?["variables"]?["warehouse_id"]?.string, "0123456789abcdef")
        let (_, env) = try InMemoryPlanning.apply("set the env variable to production in prod", to: files, intent: VariableValueIntent.id)
        XCTAssertEqual(env.targetsMapping?["prod"]?["variables"]?["env"]?.string, "production")
        // wc-data-platform: a shell's variable in capitals is the cluster's, whatever "the env var" could be.
        for request in ["set the env var PYSPARK_PYTHON=/databricks/python3/bin/python3 on the sync cluster",
                        "set the env var DEBUG to 1 on the sync cluster", "set the spark env var DEBUG to 1 on the sync cluster"] {
            let (_, shell) = try InMemoryPlanning.apply(request, to: files, intent: SparkEnvVarsIntent.id)
            XCTAssertEqual(shell.configuration["variables"]?["env"]?["default"]?.string, "dev", request)
            let vars = shell.configuration["resources"]?["jobs"]?["sales_sync"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["spark_env_vars"]
            XCTAssertNotNil(vars?["PYSPARK_PYTHON"] ?? vars?["DEBUG"], request)
        }
        let (_, untagged) = try InMemoryPlanning.apply("remove the tag schedule from the sales sync", to: files, intent: TagsIntent.id)
        let job = untagged.configuration["resources"]?["jobs"]?["sales_sync"]
        XCTAssertNil(job?["tags"]?["schedule"])
        XCTAssertEqual(job?["schedule"]?["quartz_cron_expression"]?.string, "0 0 2 * * ?")
    }

    /// gitstream: "give the … variable the default …" made a variable called "give"; dabproject: "the taxi
    /// job" is NewYorkTaxi_Job (the humps of a camel-case name are words).
    func testGivenDefaultsAndCamelCaseNames() throws {
        let (_, given) = try InMemoryPlanning.apply("give the warehouse_id variable the default 0123456789abcdef", to: SalesBundle.files, intent: VariableValueIntent.id)
        XCTAssertEqual(given.configuration["variables"]?["warehouse_id"]?["default"]?.string, "0123456789abcdef")
        XCTAssertNil(given.configuration["variables"]?["give"])
        var files = SalesBundle.files
        files["resources/billing.job.yml"] = files["resources/billing.job.yml"]!.replacingOccurrences(of: "    nightly_billing:", with: "    NewYorkTaxi_Job:")
        let (plan, _) = try InMemoryPlanning.apply("schedule the taxi job daily at 6am", to: files, intent: ScheduleIntent.id)
        XCTAssertEqual(plan.job, "NewYorkTaxi_Job")
    }

    /// databricks_leaning_DAB_enabled: "run the retail job as …" with two retail jobs set the target's
    /// run_as; gitstream: a schedule for a continuous job kept continuous beside it.
    func testRunAsForAnUnclearJobAndAScheduleForAContinuousJob() throws {
        var files = SalesBundle.files
        files["resources/billing.job.yml"] = files["resources/billing.job.yml"]!.replacingOccurrences(of: "    nightly_billing:", with: "    sales_billing:")
        let (asked, _) = try InMemoryPlanning.outcome("run the sales job as the service principal 6f1c3a52-0000-4000-8000-000000000001 in prod", on: files)
        guard case .clarify(let question, _) = asked else { return XCTFail("\(asked)") }
        XCTAssertTrue(question.hasPrefix("Which job?"), question)
        files = SalesBundle.files
        files["resources/marketing/marketing_digest.job.yml"] = files["resources/marketing/marketing_digest.job.yml"]!
            .replacingOccurrences(of: "      name: marketing-digest\n", with: "      name: marketing-digest\n      continuous:\n        pause_status: PAUSED\n")
        let (_, scheduled) = try InMemoryPlanning.apply("run the marketing digest every 15 minutes", to: files, intent: ScheduleIntent.id)
        let digest = scheduled.configuration["resources"]?["jobs"]?["marketing_digest"]
        XCTAssertNil(digest?["continuous"])
        XCTAssertEqual(digest?["schedule"]?["quartz_cron_expression"]?.string, "0 0/15 * * * ?")
        XCTAssertEqual(digest?["schedule"]?["pause_status"]?.string, "PAUSED")
    }

    /// de_stack: "actually 90 minutes" after a 3-hour timeout; compliance-pack: "actually undo that";
    /// oura-streaming: "webhook" inside a quoted comment asks for no webhook.
    func testInterjectionsAndQuotedValues() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("set a timeout of 3 hours on the sales sync")
        _ = try c.ask("actually 90 minutes")
        XCTAssertEqual(try c.value("jobs.sales_sync.timeout_seconds", target: "dev"), "5400")
        // The scope of the change before stays ("on every job"); a digit in a name is no duration.
        var every = FollowUpTests.Conversation()
        _ = try every.ask("set a 2 hour timeout on every job")
        _ = try every.ask("actually 90 minutes")
        for job in ["sales_sync", "marketing_digest", "nightly_billing"] {
            XCTAssertEqual(try every.value("jobs.\(job).timeout_seconds", target: "dev"), "5400", job)
        }
        XCTAssertEqual(FollowUp.request("set a timeout of 2 hours on the formula 1 job", withOwnValue: "3 hours"), "set a timeout of 3 hours on the formula 1 job")
        // "actually 7am" after a schedule stays the schedule's time (not "I did not understand \"7am\"").
        var schedule = FollowUpTests.Conversation()
        _ = try schedule.ask("run the sales sync every day at 6am")
        _ = try schedule.ask("actually 7am")
        XCTAssertEqual(try schedule.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "dev"), "0 0 7 * * ?")
        XCTAssertEqual(FollowUp.undoCount(RequestText("actually undo that")), 1)
        XCTAssertEqual(FollowUp.undoCount(RequestText("no, revert the last 2 changes")), 2)
        XCTAssertNil(FollowUp.undoCount(RequestText("actually make it 4")))
        let (plan, _) = try InMemoryPlanning.apply("change the comment of the gold schema to \"Gold tables fed by the webhook\"", to: SalesBundle.files)
        XCTAssertEqual(plan.resource?.description, "schemas.gold")
    }

    /// gitstream: "set kafka_topic to …" and "remove the checkpoint_base parameter" name a notebook
    /// parameter of a task (not understood, and "the job has no such parameter").
    func testNotebookParametersNamedAlone() throws {
        var files = SalesBundle.files
        files["resources/sales_sync.job.yml"] = files["resources/sales_sync.job.yml"]!.replacingOccurrences(of: "              schema: sales\n", with: "              schema: sales\n              batch_size: \"100\"\n")
        let (_, set) = try InMemoryPlanning.apply("set batch_size to 500", to: files, intent: TaskParameterIntent.id)
        let extract = set.configuration["resources"]?["jobs"]?["sales_sync"]?["tasks"]?.sequence?.first
        XCTAssertEqual(extract?["notebook_task"]?["base_parameters"]?["batch_size"]?.string, "500")
        let (_, removed) = try InMemoryPlanning.apply("remove the batch_size parameter from the sales sync", to: files)
        let after = removed.configuration["resources"]?["jobs"]?["sales_sync"]?["tasks"]?.sequence?.first
        XCTAssertNil(after?["notebook_task"]?["base_parameters"]?["batch_size"])
        XCTAssertEqual(after?["notebook_task"]?["base_parameters"]?["catalog"]?.string, "${var.catalog}")
    }

    /// data-master-healthlake: a pipeline only the prod target defines ("is not in target ", with no name).
    func testAPipelineOnlyOneTargetDefines() throws {
        let files = [
            "databricks.yml": "bundle: {name: demo}\ninclude: [resources/*.yml]\ntargets:\n  dev: {mode: development, default: true}\n  prod: {mode: production, workspace: {root_path: /Workspace/Shared/.bundle/demo}}\n",
            "resources/vitals.prod.yml": "targets:\n  prod:\n    resources:\n      pipelines:\n        vitals:\n          name: vitals\n          catalog: main\n          schema: vitals\n          serverless: true\n          continuous: false\n          libraries:\n            - notebook: {path: ../src/a.py}\n",
            "src/a.py": "# Databricks notebook source\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("switch the vitals pipeline to continuous", to: files)
        XCTAssertEqual(plan.target, "prod")
        XCTAssertEqual(bundle.targetsMapping?["prod"]?["resources"]?["pipelines"]?["vitals"]?["continuous"]?.scalar?.value, .bool(true))
    }

    /// marvel-characters: a new task running a new .py file in a job of Python-file tasks is one too (it was
    /// a notebook task with a notebook header, unlike every task beside it).
    func testANewPythonFileTaskLikeItsSiblings() throws {
        let (outcome, files) = try InMemoryPlanning.outcome("add a task summarize after digest that runs src/summarize.py", on: SalesBundle.files)
        guard case .plan(let plan) = outcome else { return XCTFail("\(outcome)") }
        let task = try SalesBundle.load(files).configuration["resources"]?["jobs"]?["marketing_digest"]?["tasks"]?.sequence?.last
        XCTAssertEqual(task?["spark_python_task"]?["python_file"]?.string, "../../src/summarize.py")
        XCTAssertEqual(task?["environment_key"]?.string, "default")
        XCTAssertNil(task?["notebook_task"])
        XCTAssertFalse(plan.contents?["src/summarize.py"]?.hasPrefix("# Databricks notebook source") ?? true, "\(plan.contents ?? [:])")
    }

    /// dabproject: "the dashboard task" is the one task of that type ("this bundle defines no dashboard",
    /// "which task?"); my_project: "set the max workers to 8" is the job whose cluster autoscales, not
    /// asked among it and a pipeline without clusters.
    func testTasksByTheirTypeAndTheComputeThatAutoscales() throws {
        var files = SalesBundle.files
        files["resources/billing.job.yml"] = files["resources/billing.job.yml"]! + """
                        - task_key: refresh_board
                          depends_on:
                            - task_key: export
                          dashboard_task:
                            dashboard_id: ${resources.dashboards.sales_overview.id}
                            warehouse_id: ${var.warehouse_id}

                """
        let (removed, _) = try InMemoryPlanning.outcome("remove the dashboard task", on: files)
        guard case .plan(let plan) = removed else { return XCTFail("\(removed)") }
        XCTAssertEqual(plan.job, "nightly_billing")
        XCTAssertTrue(plan.summary.contains("refresh_board"), plan.summary)
        var c = FollowUpTests.Conversation()
        _ = try c.ask("set the max workers to 12")
        XCTAssertEqual(try c.value("jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.autoscale.max_workers", target: "dev"), "12")
    }

    /// de_stack: dev and stage both `default: true`: "remove the stage target" asked to make dev the default
    /// first, and "make dev the only default target" said dev already is.
    func testTwoDefaultTargets() throws {
        var files = SalesBundle.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "  prod:\n    mode: production\n", with: "  stage:\n    mode: development\n    default: true\n  prod:\n    mode: production\n")
        let (only, _) = try InMemoryPlanning.apply("make dev the only default target", to: files)
        XCTAssertEqual(only.subject, "Make dev the only default target")
        let (_, removed) = try InMemoryPlanning.apply("remove the stage target", to: files)
        XCTAssertEqual(removed.targetNames, ["dev", "prod"])
    }

    /// fraud-detection-feature-store: a dbt task moved to serverless got an environment without dbt.
    func testADbtTaskOnServerlessGetsDbt() throws {
        let files = [
            "databricks.yml": "bundle: {name: demo}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/jobs.yml": """
            resources:
              jobs:
                features:
                  name: features
                  tasks:
                    - task_key: models
                      new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 1}
                      dbt_task:
                        project_directory: ../dbt
                        commands: [dbt deps, dbt run]
            """,
            "dbt/dbt_project.yml": "name: demo\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("switch the features job to serverless", to: files, intent: ServerlessIntent.id)
        let job = bundle.configuration["resources"]?["jobs"]?["features"]
        XCTAssertEqual(job?["tasks"]?.sequence?.first?["environment_key"]?.string, "default")
        XCTAssertEqual(job?["environments"]?.sequence?.first?["spec"]?["dependencies"]?.sequence?.first?.string, "dbt-databricks>=1.8.0,<2.0.0")
    }

    /// Cloud-Cost-Anomaly-Detection: "and give it a default of dev" after a value for prod changed dev's value
    /// to dev_v2; PB-assessment: "a default of challenger" wrote "of".
    func testAVariablesDefaultInAFollowUp() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("set the catalog variable to sales_v2 in prod")
        _ = try c.ask("and give it a default of dev")
        let root = try SalesBundle.load(c.files)
        XCTAssertEqual(root.configuration["variables"]?["catalog"]?["default"]?.string, "dev")
        XCTAssertNil(root.targetsMapping?["dev"]?["variables"]?["catalog"])
        let (_, given) = try InMemoryPlanning.apply("give the warehouse_id variable a default of 0123456789abcdef", to: SalesBundle.files)
        XCTAssertEqual(given.configuration["variables"]?["warehouse_id"]?["default"]?.string, "0123456789abcdef")
    }

    /// azure-telemetry-platform: "make it 3 in dev" after a change for every target changed the shared value.
    func testANewValueForOneTarget() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("give the sync cluster 6 workers")
        _ = try c.ask("make it 3 in dev")
        XCTAssertEqual(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers", target: "dev"), "3")
        XCTAssertEqual(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers", target: "prod"), "6")
        _ = try c.ask("set the timeout of the sales sync to 2 hours")
        _ = try c.ask("make it 3 hours in prod")
        XCTAssertEqual(try c.value("jobs.sales_sync.timeout_seconds", target: "prod"), "10800")
        XCTAssertEqual(try c.value("jobs.sales_sync.timeout_seconds", target: "dev"), "7200")
    }

    /// industrial-ai-platform: "and the scoring one to 2" after the training job's cluster changed that
    /// cluster again ("scoring" named no job "… Score HYBRID Escalations").
    func testAnotherJobNamedByAnotherFormOfItsWord() throws {
        let job = { (key: String, name: String) in """
                \(key):
                  name: "\(name)"
                  job_clusters:
                    - job_cluster_key: cf_cluster
                      new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 1}
                  tasks:
                    - task_key: run
                      job_cluster_key: cf_cluster
                      notebook_task: {notebook_path: ../src/a.py}

            """ }
        var files = [
            "databricks.yml": "bundle: {name: demo}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/cf.yml": "resources:\n  jobs:\n" + job("cf_train", "CF — Train Model") + job("cf_score_escalations", "CF — Score Escalations"),
            "src/a.py": "# Databricks notebook source\n",
        ]
        var session = RefineSession()
        for request in ["give the training cluster 4 workers", "and the scoring one to 2"] {
            let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
            let (outcome, intent) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request)), session: session)
            guard case .plan(let plan) = outcome else { return XCTFail("\(request): \(outcome)") }
            let before = files
            for (path, text) in try OfflinePlanner.apply(plan, read: { before[$0]! }) { files[path] = text }
            session.turns.append(.init(request: request, reply: plan.summary, intent: intent, job: plan.job, resource: plan.resource?.description,
                                       target: plan.target, commit: "c", planned: plan.request))
        }
        let jobs = try BundleLoader(source: InMemoryFileSource(texts: files)).load().configuration["resources"]?["jobs"]
        XCTAssertEqual(jobs?["cf_train"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.scalar?.text, "4")
        XCTAssertEqual(jobs?["cf_score_escalations"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.scalar?.text, "2")
    }

    /// PB-assessment: "in the full pipeline" is the job full_ml_pipeline ("Full ML Pipeline") where no pipeline
    /// resource has the word (the task went to the job evaluate_model).
    func testAJobCalledAPipeline() throws {
        var files = SalesBundle.files
        files["resources/billing.job.yml"] = files["resources/billing.job.yml"]!.replacingOccurrences(of: "    nightly_billing:\n      name: \"[${bundle.target}] Billing export\"", with: "    full_ml_pipeline:\n      name: \"[${bundle.target}] Full ML Pipeline\"")
        let (plan, _) = try InMemoryPlanning.apply("add a task monitor after export in the full pipeline that runs src/report.py", to: files, intent: AddTaskIntent.id)
        XCTAssertEqual(plan.job, "full_ml_pipeline")
    }

    /// dabproject: "run the dashboard task after the pipeline" added a new pipeline task after the dashboard
    /// (the reverse order); it orders the tasks the job has, named by their types.
    func testTasksOrderedByTheirTypes() throws {
        var files = SalesBundle.files
        files["resources/billing.job.yml"] = files["resources/billing.job.yml"]! + """
                        - task_key: refresh_board
                          dashboard_task:
                            dashboard_id: ${resources.dashboards.sales_overview.id}
                            warehouse_id: ${var.warehouse_id}

                """
        let (_, bundle) = try InMemoryPlanning.apply("run the dashboard task after the notebook task", to: files, intent: TaskDependencyIntent.id)
        let board = bundle.configuration["resources"]?["jobs"]?["nightly_billing"]?["tasks"]?.sequence?.last
        XCTAssertEqual(board?["depends_on"]?.sequence?.first?["task_key"]?.string, "export")
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["nightly_billing"]?["tasks"]?.sequence?.count, 2)
    }

    /// E2E-fraud-data-pipeline: "use 2 fixed workers instead of autoscaling" made 4 (the maximum it scaled to);
    /// earthquake_analytics: "set write_mode to overwrite for silver" is the silver task's notebook parameter.
    func testFixedWorkersAndAParameterOfOneTask() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("use 3 fixed workers instead of autoscaling on the ml cluster")
        XCTAssertEqual(try c.value("jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.num_workers", target: "dev"), "3")
        XCTAssertNil(try c.value("jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.autoscale", target: "dev"))
        var files = SalesBundle.files
        files["resources/sales_sync.job.yml"] = files["resources/sales_sync.job.yml"]!
            .replacingOccurrences(of: "              schema: sales\n", with: "              schema: sales\n              write_mode: merge\n")
            .replacingOccurrences(of: "                    notebook_path: ../src/load.py\n", with: "                    notebook_path: ../src/load.py\n                    base_parameters:\n                      write_mode: merge\n")
        let (_, set) = try InMemoryPlanning.apply("set write_mode to overwrite for load", to: files, intent: TaskParameterIntent.id)
        let tasks = set.configuration["resources"]?["jobs"]?["sales_sync"]?["tasks"]?.sequence
        XCTAssertEqual(tasks?.last?["notebook_task"]?["base_parameters"]?["write_mode"]?.string, "overwrite")
        XCTAssertEqual(tasks?.first?["notebook_task"]?["base_parameters"]?["write_mode"]?.string, "merge")
    }

    /// DAB-workflow-demo: task keys in camel case (TaskTwo) named as written, whose words alone are common
    /// ("task", "two"): "which job?" after camel-case names became words.
    func testCamelCaseTaskKeys() throws {
        var files = SalesBundle.files
        files["resources/sales_sync.job.yml"] = files["resources/sales_sync.job.yml"]!
            .replacingOccurrences(of: "task_key: extract", with: "task_key: TaskOne").replacingOccurrences(of: "task_key: load", with: "task_key: TaskTwo")
        let (plan, bundle) = try InMemoryPlanning.apply("add 3 retries to TaskTwo", to: files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(plan.job, "sales_sync")
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["sales_sync"]?["tasks"]?.sequence?.last?["max_retries"]?.scalar?.text, "3")
    }

    /// marvel-characters: "and alert me after 45 minutes" after a timeout e-mailed on failure.
    func testAlertAfterADuration() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("set a timeout of 1 hour on the sales sync")
        _ = try c.ask("and alert ops@example.com after 45 minutes")
        let job = try SalesBundle.load(c.files).configuration["resources"]?["jobs"]?["sales_sync"]
        XCTAssertEqual(job?["health"]?["rules"]?.sequence?.first?["value"]?.scalar?.text, "2700")
        XCTAssertEqual(job?["email_notifications"]?["on_duration_warning_threshold_exceeded"]?.sequence?.compactMap(\.string), ["ops@example.com"])
        XCTAssertEqual(job?["email_notifications"]?["on_failure"]?.sequence?.compactMap(\.string), ["data-team@example.com"])
    }

    /// marvel-characters: "after deploy_model" named no job (both words are common ones).
    func testATaskKeyOfCommonWordsWrittenAsItIs() throws {
        var files = SalesBundle.files
        files["resources/billing.job.yml"] = files["resources/billing.job.yml"]!.replacingOccurrences(of: "task_key: export", with: "task_key: deploy_model")
        let (plan, _) = try InMemoryPlanning.apply("add a task notify after deploy_model that runs src/notify.py", to: files, intent: AddTaskIntent.id)
        XCTAssertEqual(plan.job, "nightly_billing")
    }

    /// healthcare-rcm: "make the telemetry stream continuous" and "run the batch pipeline daily" (jobs, no
    /// pipeline) were refused as "this bundle defines no pipeline".
    func testJobsCalledStreamsAndPipelines() throws {
        let files = [
            "databricks.yml": "bundle: {name: demo}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/jobs.yml": """
            resources:
              jobs:
                rcm_batch_pipeline:
                  name: RCM Batch Pipeline
                  schedule:
                    quartz_cron_expression: 0 0 3 * * ?
                    timezone_id: UTC
                    pause_status: ${var.pause}
                  tasks:
                    - task_key: a
                      notebook_task: {notebook_path: ../src/a.py}
                rcm_telemetry_stream:
                  name: RCM telemetry stream
                  tasks:
                    - task_key: b
                      notebook_task: {notebook_path: ../src/a.py}
            variables:
              pause: {default: UNPAUSED}
            """,
            "src/a.py": "# Databricks notebook source\n",
        ]
        let (_, continuous) = try InMemoryPlanning.apply("make the telemetry stream continuous", to: files, intent: PipelineContinuousIntent.id)
        XCTAssertEqual(continuous.configuration["resources"]?["jobs"]?["rcm_telemetry_stream"]?["continuous"]?["pause_status"]?.string, "UNPAUSED")
        let (_, replaced) = try InMemoryPlanning.apply("make the batch pipeline job continuous", to: files)
        XCTAssertNil(replaced.configuration["resources"]?["jobs"]?["rcm_batch_pipeline"]?["schedule"])
        let (_, scheduled) = try InMemoryPlanning.apply("run the batch pipeline daily at 1am", to: files, intent: ScheduleIntent.id)
        XCTAssertEqual(scheduled.configuration["resources"]?["jobs"]?["rcm_batch_pipeline"]?["schedule"]?["quartz_cron_expression"]?.string, "0 0 1 * * ?")
    }
}
