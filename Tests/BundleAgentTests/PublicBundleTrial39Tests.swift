@testable import BundleAgent
import BundleModel
import XCTest

/// Requests and conversations from the trial of 2026-12-05 (afternoon) on public bundles
/// (databricks-asset-bundles-demo, FRED, uw-copilot-template, pltr-dbx, NY-Texi, Databricks_MLOPS,
/// water-forecasting) that were committed wrong: each asserts the values written.
final class PublicBundleTrial39Tests: XCTestCase {
    /// A conversation on bundle files held in memory, turn by turn as `refine` keeps it.
    struct Conversation {
        var files: [String: String]
        var session = RefineSession()

        init(_ files: [String: String]) { self.files = files }

        func load() throws -> LoadedBundle { try BundleLoader(source: InMemoryFileSource(texts: files)).load() }

        /// Plans and applies one request; the outcome (a plan is applied and remembered).
        @discardableResult
        mutating func ask(_ request: String) throws -> PlanOutcome {
            let (outcome, intent) = OfflinePlanner().plan(PlanningContext(bundle: try load(), request: RequestText(request)), session: session)
            guard case .plan(let plan) = outcome else {
                session.turns.append(.init(request: request, reply: "\(outcome)"))
                // A question's choices, as the engine remembers them (answers pick among them).
                if case .clarify(_, let choices) = outcome { session.turns[session.turns.count - 1].choices = choices }
                return outcome
            }
            for (path, text) in try plan.contents ?? OfflinePlanner.apply(plan, read: { [files] in files[$0]! }) { files[path] = text }
            for path in plan.removedFiles { files[path] = nil }
            session.turns.append(.init(request: request, reply: plan.summary, intent: intent, job: plan.job,
                                       resource: plan.resource?.description, target: plan.target, commit: "c\(session.turns.count)000000", planned: plan.request))
            return outcome
        }

        /// "undo": the files of the last change back, as the engine's undo records it.
        mutating func undo(_ before: [String: String]) {
            guard let last = session.lastChange, let commit = last.commit else { return }
            files = before
            session.turns.append(.init(request: "undo", reply: "Undid \(commit.prefix(7)) (\(last.request))."))
        }

        func job(_ key: String, target: String? = nil) throws -> YAMLNode? {
            let bundle = try load()
            let configuration = target == nil ? bundle.configuration : try bundle.effectiveConfiguration(target: target!).configuration
            return configuration["resources"]?["jobs"]?[key]
        }
    }

    static let citibike = [
        "databricks.yml": "bundle: {name: citibike}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
        "resources/nb.job.yml": """
        resources:
          jobs:
            citibike_etl_pipeline_nb:
              name: citibike_etl_pipeline_nb
              tasks:
                - task_key: 001_bronze_citibike
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: 003_gold_citibike_daily_ride_summary
                  depends_on: [{task_key: 001_bronze_citibike}]
                  notebook_task: {notebook_path: ../src/a.py}
            other:
              name: other
              tasks:
                - task_key: model_training
                  notebook_task: {notebook_path: ../src/a.py}
        """,
        "src/a.py": "# Databricks notebook source\n",
    ]

    /// "rename X to Y in the Z job" named the job "Y in the Z job"; a key starting with a digit was refused.
    func testATaskRenamedInAJobIsTheTask() throws {
        for (request, job, old, new) in [("rename 003_gold_citibike_daily_ride_summary to 003_gold_ride_summary in the notebook job", "citibike_etl_pipeline_nb",
                                          "003_gold_citibike_daily_ride_summary", "003_gold_ride_summary"),
                                         ("rename the task 003_gold_citibike_daily_ride_summary to 003_gold_ride_summary", "citibike_etl_pipeline_nb",
                                          "003_gold_citibike_daily_ride_summary", "003_gold_ride_summary"),
                                         ("rename model_training to train in the other job", "other", "model_training", "train")] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.citibike)
            let job = bundle.configuration["resources"]?["jobs"]?[job]
            let keys = (job?["tasks"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
            XCTAssertTrue(keys.contains(new) && !keys.contains(old), "\(request): \(keys)")
            XCTAssertFalse(job?["name"]?.string?.contains(" in the ") ?? false, request)
        }
        let (_, renamed) = try InMemoryPlanning.apply("rename the other job to 'Other ETL'", to: Self.citibike)
        XCTAssertEqual(renamed.configuration["resources"]?["jobs"]?["other"]?["name"]?.string, "Other ETL")
    }

    static let fullFormVariables = [
        "databricks.yml": """
        bundle: {name: citibike}
        variables:
          catalog: {default: citibike_dev}
          dev_flag: {default: true}
        targets:
          dev: {default: true}
          staging:
            variables:
              catalog:
                default: citibike_staging
              dev_flag: {default: false}
        resources:
          jobs:
            etl:
              name: etl
              parameters:
                - {name: catalog, default: "${var.catalog}"}
                - {name: dev_flag, default: "${var.dev_flag}"}
              tasks:
                - task_key: main
                  notebook_task: {notebook_path: ./a.py}
        """,
        "a.py": "# Databricks notebook source\n",
    ]

    /// A target's value written in full (`catalog: {default: x}`) was "unset": rewritten to the short form, "(was unset)".
    func testATargetValueWrittenInFullIsItsValue() throws {
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: Self.fullFormVariables)).load()
        let (outcome, _) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("set dev_flag to false in staging")), session: nil)
        guard case .refused(let message) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(message.contains("already"), message)
        let (plan, edited) = try InMemoryPlanning.apply("set the catalog to citibike_qa in staging", to: Self.fullFormVariables)
        XCTAssertTrue(plan.summary.contains("was citibike_staging"), plan.summary)
        XCTAssertEqual(edited.targetsMapping?["staging"]?["variables"]?["catalog"]?["default"]?.string, "citibike_qa")
    }

    static let fred = [
        "databricks.yml": """
        bundle: {name: fred}
        variables:
          email_rec: {default: "owner@example.com"}
        targets:
          dev: {default: true}
        resources:
          jobs:
            fred_daily:
              name: fred daily
              email_notifications: {on_failure: ["${var.email_rec}"]}
              tasks:
                - task_key: api
                  notebook_task: {notebook_path: ./a.py}
          pipelines:
            fred_dlt:
              name: fred dlt
              catalog: main
              schema: fred
              serverless: true
              libraries: [{notebook: {path: ./a.py}}]
              notifications:
                - email_recipients: ["${var.email_rec}"]
                  alerts: [on-update-fatal-failure]
        """,
        "a.py": "# Databricks notebook source\n",
    ]

    /// "email ops@… on pipeline update failure" changed the shared address (the job's failures e-mailed the new one only).
    func testAnUpdateFailureIsAnEventNotAVerb() throws {
        let (_, bundle) = try InMemoryPlanning.apply("email ops@example.com on pipeline update failure", to: Self.fred)
        XCTAssertEqual(bundle.configuration["variables"]?["email_rec"]?["default"]?.string, "owner@example.com")
        let notifications = bundle.configuration["resources"]?["pipelines"]?["fred_dlt"]?["notifications"]?.sequence ?? []
        XCTAssertTrue(notifications.contains { ($0["email_recipients"]?.sequence ?? []).contains { $0.string == "ops@example.com" } }, "\(notifications)")
    }

    static let uw = [
        "databricks.yml": """
        bundle: {name: uw}
        targets:
          dev: {default: true}
        resources:
          jobs:
            infra-stop:
              name: infra stop
              schedule: {quartz_cron_expression: "0 0 20 ? * MON-FRI *", timezone_id: America/New_York}
              tasks: [{task_key: stop, notebook_task: {notebook_path: ./a.py}}]
            infra-start:
              name: infra start
              schedule: {quartz_cron_expression: "0 40 7 ? * MON-FRI *", timezone_id: America/New_York}
              tasks: [{task_key: start, notebook_task: {notebook_path: ./a.py}}]
        """,
        "a.py": "# Databricks notebook source\n",
    ]

    /// "same for infra-start but 6am" after a schedule at 22:00 scheduled 22:00.
    func testSameForAnotherJobAtItsOwnTime() throws {
        for followUp in ["same for infra-start but 6am", "and infra-start at 6am"] {
            var c = Conversation(Self.uw)
            try c.ask("run the infra stop job at 22:00 london time")
            try c.ask(followUp)
            XCTAssertEqual(try c.job("infra-start")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 6 ? * MON-FRI *", followUp)
            XCTAssertEqual(try c.job("infra-start")?["schedule"]?["timezone_id"]?.string, "Europe/London", followUp)
            XCTAssertEqual(try c.job("infra-stop")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 22 ? * MON-FRI *", followUp)
        }
    }

    static let twoJobs = [
        "databricks.yml": """
        bundle: {name: taxi}
        targets:
          dev: {default: true}
        resources:
          jobs:
            sdp_refresh:
              name: sdp refresh
              tasks:
                - {task_key: run, notebook_task: {notebook_path: ./a.py}}
            gm_maintenance_job:
              name: maintenance
              schedule: {quartz_cron_expression: "0 0 3 ? * SUN", timezone_id: UTC, pause_status: PAUSED}
              tasks:
                - {task_key: vacuum, notebook_task: {notebook_path: ./a.py}}
            gm_medallion_pipeline_2023:
              name: medallion
              schedule: {quartz_cron_expression: "0 0 2 * * ?", timezone_id: UTC, pause_status: PAUSED}
              tasks:
                - {task_key: bronze, notebook_task: {notebook_path: ./a.py}}
                - {task_key: check, depends_on: [{task_key: bronze}], condition_task: {op: EQUAL_TO, left: "1", right: "1"}}
        """,
        "a.py": "# Databricks notebook source\n",
    ]

    /// After an e-mail change, "make it run hourly" or "add retries to it" e-mailed the person on failure again.
    func testAFollowUpWithAChangeOfItsOwnIsThatChange() throws {
        var c = Conversation(Self.twoJobs)
        try c.ask("email ann@example.com on success of sdp_refresh")
        try c.ask("make it run hourly")
        XCTAssertEqual(try c.job("sdp_refresh")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 * * * ?")
        XCTAssertNil(try c.job("sdp_refresh")?["email_notifications"]?["on_failure"])
        try c.ask("add retries to it")
        XCTAssertEqual(try c.job("sdp_refresh")?["tasks"]?.sequence?.first?["max_retries"]?.string, "2")
        XCTAssertNil(try c.job("sdp_refresh")?["email_notifications"]?["on_failure"])
        // The e-mail follow-ups still are.
        var e = Conversation(Self.twoJobs)
        try e.ask("email ann@example.com on success of sdp_refresh")
        try e.ask("also on failure")
        XCTAssertEqual(try e.job("sdp_refresh")?["email_notifications"]?["on_failure"]?.sequence?.compactMap(\.string), ["ann@example.com"])
    }

    /// "and the other job too" after an unpause paused the same job again.
    func testTheOtherJobIsTheOneOtherJob() throws {
        for followUp in ["and the other job too", "same for the other one"] {
            var c = Conversation(Self.twoJobs)
            try c.ask("unpause the maintenance job schedule")
            try c.ask(followUp)
            XCTAssertEqual(try c.job("gm_maintenance_job")?["schedule"]?["pause_status"]?.string, "UNPAUSED", followUp)
            // (Of the two other jobs, only the medallion one has a schedule to unpause.)
            XCTAssertEqual(try c.job("gm_medallion_pipeline_2023")?["schedule"]?["pause_status"]?.string, "UNPAUSED", followUp)
        }
    }

    /// "add retries" lowered 4 retries to 2, and put retries on condition tasks (the Jobs API refuses them).
    func testAddingRetriesNeverLowersThemNorRetriesConditions() throws {
        var c = Conversation(Self.twoJobs)
        try c.ask("retry the bronze task 4 times")
        try c.ask("add retries to the medallion job")
        let tasks = try c.job("gm_medallion_pipeline_2023")?["tasks"]?.sequence ?? []
        XCTAssertEqual(tasks.first { $0["task_key"]?.string == "bronze" }?["max_retries"]?.string, "4")
        XCTAssertNil(tasks.first { $0["task_key"]?.string == "check" }?["max_retries"])
        let again = try c.ask("add retries to the medallion job")
        guard case .refused(let message) = again else { return XCTFail("\(again)") }
        XCTAssertTrue(message.contains("already"), message)
    }

    /// "remove it" after "add a task report after check_drift …" removed check_drift too.
    func testRemovingItAfterAddingATaskRemovesTheTaskAdded() throws {
        var c = Conversation(Self.twoJobs.merging(["report.py": "# Databricks notebook source\n"]) { $1 })
        try c.ask("add a task report after bronze that runs report.py in the medallion job")
        try c.ask("remove it")
        let keys = (try c.job("gm_medallion_pipeline_2023")?["tasks"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
        XCTAssertEqual(keys, ["bronze", "check"])
    }

    /// After "only in prod" and "undo", the next change was for prod alone.
    func testAnUndoneChangeIsNoLongerTheOneFollowUpsContinue() throws {
        var c = Conversation(Self.twoJobs.merging(["databricks.yml": Self.twoJobs["databricks.yml"]!.replacingOccurrences(of: "  dev: {default: true}\n", with: "  dev: {default: true}\n  prod: {mode: production}\n")]) { $1 })
        try c.ask("set a 2 hour timeout on the maintenance job in prod")
        let before = c.files
        try c.ask("set a 3 hour timeout on the maintenance job in prod")
        c.undo(before)
        try c.ask("add a job parameter region with default gcc to the maintenance job")
        XCTAssertEqual(try c.job("gm_maintenance_job")?["parameters"]?.sequence?.first?["name"]?.string, "region",
                       "the parameter is the job's own, not prod's")
    }

    static let water = [
        "databricks.yml": """
        bundle: {name: water}
        variables:
          schedule_pause_status: {default: PAUSED}
          env: {default: dev}
          ach_stream: {default: events-v1}
        targets:
          dev: {default: true}
          prod:
            variables: {schedule_pause_status: UNPAUSED, env: prod}
        resources:
          jobs:
            daily_forecast:
              name: daily_forecast_${var.env}
              schedule: {quartz_cron_expression: "0 0 * * * ?", timezone_id: UTC, pause_status: "${var.schedule_pause_status}"}
              tasks:
                - {task_key: ach_stream, notebook_task: {notebook_path: ./a.py, base_parameters: {stream: "${var.ach_stream}"}}}
            monitoring:
              name: monitoring
              schedule: {quartz_cron_expression: "0 0 6 * * ?", timezone_id: UTC, pause_status: "${var.schedule_pause_status}"}
              tasks: [{task_key: check, notebook_task: {notebook_path: ./a.py}}]
        """,
        "a.py": "# Databricks notebook source\n",
    ]

    /// "every 2 hours on weekdays between 8 and 18" ran around the clock.
    func testAnIntervalWithinHours() throws {
        let (_, bundle) = try InMemoryPlanning.apply("run the monitoring job every 2 hours on weekdays between 8 and 18", to: Self.water)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["monitoring"]?["schedule"]?["quartz_cron_expression"]?.string, "0 0 8-18/2 ? * MON-FRI")
        let (_, quarter) = try InMemoryPlanning.apply("run the monitoring job every 15 minutes from 8am to 6pm", to: Self.water)
        XCTAssertEqual(quarter.configuration["resources"]?["jobs"]?["monitoring"]?["schedule"]?["quartz_cron_expression"]?.string, "0 0/15 8-17 * * ?")
    }

    /// "change the entry point of the ach_stream task to …" set the variable ach_stream; "rename the job to
    /// \"Iowa daily ${var.env}\"" set the variable env; "pause the nightly one in prod" paused every job
    /// through the variable they share.
    func testWordsAboutSomethingElseLeaveAVariableAlone() throws {
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: Self.water)).load()
        for request in ["change the entry point of the ach_stream task to ach-v2", "pause the nightly one in prod"] {
            let (outcome, _) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request)), session: nil)
            if case .plan(let plan) = outcome { XCTFail("\(request): \(plan.summary)") }
        }
        let (_, renamed) = try InMemoryPlanning.apply("rename the monitoring job to \"Monitoring ${var.env}\"", to: Self.water)
        XCTAssertEqual(renamed.configuration["resources"]?["jobs"]?["monitoring"]?["name"]?.string, "Monitoring ${var.env}")
        XCTAssertEqual(renamed.configuration["variables"]?["env"]?["default"]?.string, "dev")
        let (_, paused) = try InMemoryPlanning.apply("pause every job in prod", to: Self.water)
        XCTAssertEqual(paused.targetsMapping?["prod"]?["variables"]?["schedule_pause_status"]?.string, "PAUSED")
    }

    static let marketRisk = [
        "databricks.yml": """
        bundle: {name: market_risk}
        variables:
          node_type: {default: c5d.xlarge}
        targets:
          dev: {default: true}
        resources:
          jobs:
            currency_positions_var:
              name: Currency Positions - VaR
              job_clusters:
                - job_cluster_key: fx_cluster
                  new_cluster:
                    spark_version: 15.4.x-scala2.12
                    node_type_id: c5d.xlarge
                    kind: CLASSIC_PREVIEW
                    is_single_node: false
                    num_workers: 1
              tasks:
                - task_key: Daily_Positions_Mock_Data_Generator
                  job_cluster_key: fx_cluster
                  notebook_task: {notebook_path: ./a.py}
                - task_key: FX_Rates_Extraction
                  job_cluster_key: fx_cluster
                  notebook_task: {notebook_path: ./a.py}
                - task_key: Data_Layers_Transformation
                  depends_on: [{task_key: FX_Rates_Extraction}]
                  pipeline_task: {pipeline_id: "${resources.pipelines.medallion.id}"}
          pipelines:
            medallion:
              name: medallion
              catalog: main
              schema: fx
              clusters:
                - label: default
                  node_type_id: ${var.node_type}
                  num_workers: 1
              libraries: [{notebook: {path: ./a.py}}]
        """,
        "a.py": "# Databricks notebook source\n",
    ]

    /// market_risk: "single node" left `is_single_node: false` on a cluster of the simple form; "a bigger
    /// driver for the pipeline" changed its workers; "and use a bigger driver" after a pipeline change went
    /// to the job; "add pandas to the mock data generator" went to two tasks.
    func testClustersAndLibrariesOfMarketRisk() throws {
        let (_, single) = try InMemoryPlanning.apply("make the fx cluster single node", to: Self.marketRisk)
        let cluster = single.configuration["resources"]?["jobs"]?["currency_positions_var"]?["job_clusters"]?.sequence?.first?["new_cluster"]
        XCTAssertEqual(cluster?["is_single_node"]?.string, "true")
        XCTAssertEqual(cluster?["num_workers"]?.string, "0")
        XCTAssertNil(cluster?["spark_conf"])

        let (_, driver) = try InMemoryPlanning.apply("use a bigger driver for the pipeline", to: Self.marketRisk)
        let pipelineCluster = driver.configuration["resources"]?["pipelines"]?["medallion"]?["clusters"]?.sequence?.first
        XCTAssertEqual(pipelineCluster?["driver_node_type_id"]?.string, "c5d.2xlarge")
        XCTAssertEqual(pipelineCluster?["node_type_id"]?.string, "${var.node_type}")

        var c = Conversation(Self.marketRisk)
        try c.ask("give the pipeline 2 workers")
        try c.ask("and use a bigger driver")
        XCTAssertEqual(try c.load().configuration["resources"]?["pipelines"]?["medallion"]?["clusters"]?.sequence?.first?["driver_node_type_id"]?.string, "c5d.2xlarge")
        XCTAssertNil(try c.job("currency_positions_var")?["job_clusters"]?.sequence?.first?["new_cluster"]?["driver_node_type_id"])

        let (_, library) = try InMemoryPlanning.apply("add pandas==2.2.2 to the mock data generator", to: Self.marketRisk)
        let withLibraries = (library.configuration["resources"]?["jobs"]?["currency_positions_var"]?["tasks"]?.sequence ?? [])
            .filter { $0["libraries"] != nil }.compactMap { $0["task_key"]?.string }
        XCTAssertEqual(withLibraries, ["Daily_Positions_Mock_Data_Generator"])
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: Self.marketRisk)).load()
        let (outcome, _) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("add pandas==2.2.2 to the data layers")), session: nil)
        guard case .refused(let message) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(message.contains("Data_Layers_Transformation"), message)
    }
}
