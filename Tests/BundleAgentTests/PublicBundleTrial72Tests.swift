@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-06 (seventh), on a bundle of two scheduled jobs and
/// a SQL alert. Each asserts what is written per target, and that the rest keeps its values.
final class PublicBundleTrial72Tests: XCTestCase {
    typealias Conversation = PublicBundleTrial39Tests.Conversation

    static let sales = [
        "databricks.yml": """
        bundle: {name: sales}
        include: [resources/*.yml]
        variables:
          warehouse_id: {default: abc123}
        targets:
          dev: {default: true, mode: development}
          prod: {mode: production, workspace: {root_path: /Workspace/Shared/.bundle/sales}}

        """,
        "resources/etl.yml": """
        resources:
          jobs:
            etl:
              name: sales-etl
              schedule: {quartz_cron_expression: "0 0 2 * * ?", timezone_id: UTC}
              job_clusters:
                - job_cluster_key: main
                  new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: Standard_DS3_v2, num_workers: 2}
              tasks:
                - task_key: ingest
                  job_cluster_key: main
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: transform
                  depends_on: [{task_key: ingest}]
                  job_cluster_key: main
                  notebook_task: {notebook_path: ../src/a.py}
            weekly_report:
              name: weekly-report
              schedule: {quartz_cron_expression: "0 0 6 ? * MON", timezone_id: UTC}
              tasks:
                - task_key: report
                  notebook_task: {notebook_path: ../src/a.py}

        """,
        "resources/alerts.yml": """
        resources:
          alerts:
            late_orders:
              display_name: Late orders
              warehouse_id: ${var.warehouse_id}
              query_text: SELECT count(*) AS c FROM orders WHERE late
              evaluation:
                comparison_operator: GREATER_THAN
                source: {name: c}
                threshold: {value: {double_value: 10}}
              schedule: {quartz_cron_schedule: "0 0 * * * ?", timezone_id: UTC}

        """,
        "src/a.py": "# Databricks notebook source\n",
    ]

    func resource(_ bundle: LoadedBundle, _ type: String, _ key: String, _ target: String) -> YAMLNode? {
        bundle.effectiveConfiguration(target: target).configuration["resources"]?[type]?[key]
    }

    /// "pause everything in prod" paused the jobs and left the SQL alert evaluated (and said nothing of it).
    func testPausingEverythingPausesTheAlertsToo() throws {
        let (_, bundle) = try InMemoryPlanning.apply("pause everything in prod", to: Self.sales, intent: SchedulePauseIntent.id)
        for (type, key) in [("jobs", "etl"), ("jobs", "weekly_report"), ("alerts", "late_orders")] {
            XCTAssertEqual(resource(bundle, type, key, "prod")?["schedule"]?["pause_status"]?.string, "PAUSED", key)
            XCTAssertNil(resource(bundle, type, key, "dev")?["schedule"]?["pause_status"], "dev keeps \(key) running")
        }
        // Without alerts, the request is the jobs' as before.
        let (_, jobsOnly) = try InMemoryPlanning.apply("pause everything in prod", to: Self.sales.filter { $0.key != "resources/alerts.yml" })
        XCTAssertEqual(resource(jobsOnly, "jobs", "etl", "prod")?["schedule"]?["pause_status"]?.string, "PAUSED")
    }

    /// "give etl 3 hours" was not understood; "time it out after 3 hours" neither.
    func testGivingAJobHoursIsItsTimeout() throws {
        for request in ["give etl 3 hours", "time etl out after 3 hours", "allow etl 3 hours"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.sales, intent: JobTimeoutIntent.id)
            XCTAssertEqual(resource(bundle, "jobs", "etl", "dev")?["timeout_seconds"]?.scalar?.value, .int(10800), request)
            XCTAssertNil(resource(bundle, "jobs", "weekly_report", "dev")?["timeout_seconds"], request)
        }
    }

    /// "run etl at 7 am, time it out after 3 hours" dropped the timeout (and asked which zone "am, time" was);
    /// "3 hour timeout for etl please, and an alert at 2 hours" set a 2-hour timeout.
    func testATimeoutSaidAfterAnotherChangeIsKept() throws {
        for request in ["run etl at 7 am, time it out after 3 hours", "run etl at 7 am, then time it out after 3 hours"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.sales)
            let etl = resource(bundle, "jobs", "etl", "dev")
            XCTAssertEqual(etl?["schedule"]?["quartz_cron_expression"]?.string, "0 0 7 * * ?", request)
            XCTAssertEqual(etl?["schedule"]?["timezone_id"]?.string, "UTC", request)
            XCTAssertEqual(etl?["timeout_seconds"]?.scalar?.value, .int(10800), request)
        }
        for request in ["3 hour timeout for etl please, and an alert at 2 hours", "give etl a 3 hour timeout and an alert at 2 hours"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.sales)
            let etl = resource(bundle, "jobs", "etl", "dev")
            XCTAssertEqual(etl?["timeout_seconds"]?.scalar?.value, .int(10800), request)
            let rule = etl?["health"]?["rules"]?.sequence?.first
            XCTAssertEqual(rule?["metric"]?.string, "RUN_DURATION_SECONDS", request)
            XCTAssertEqual(rule?["value"]?.scalar?.value, .int(7200), request)
        }
    }

    /// "a couple of workers", "thrice", "a single time": numbers in words.
    func testNumbersSaidInWords() throws {
        let (_, more) = try InMemoryPlanning.apply("add a couple of workers to etl", to: Self.sales)
        XCTAssertEqual(resource(more, "jobs", "etl", "dev")?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.scalar?.value, .int(4))
        let (_, thrice) = try InMemoryPlanning.apply("retry etl thrice", to: Self.sales, intent: TaskRetriesIntent.id)
        let tasks = resource(thrice, "jobs", "etl", "dev")?["tasks"]?.sequence ?? []
        XCTAssertEqual(tasks.map { $0["max_retries"]?.scalar?.value }, [.int(3), .int(3)])
        let (_, single) = try InMemoryPlanning.apply("retry the ingest task a single time", to: Self.sales, intent: TaskRetriesIntent.id)
        let ingest = resource(single, "jobs", "etl", "dev")?["tasks"]?.sequence?.first
        XCTAssertEqual(ingest?["max_retries"]?.scalar?.value, .int(1))
    }

    /// "every job except weekly_report" in a bundle of two jobs asked which job; ", skip X" and "leave X out"
    /// tagged every job.
    func testEveryJobButOne() throws {
        let (_, timed) = try InMemoryPlanning.apply("set a 2 hour timeout on every job except weekly_report", to: Self.sales)
        XCTAssertEqual(resource(timed, "jobs", "etl", "dev")?["timeout_seconds"]?.scalar?.value, .int(7200))
        XCTAssertNil(resource(timed, "jobs", "weekly_report", "dev")?["timeout_seconds"])
        for request in ["tag every job with team=data, skip weekly_report", "tag every job with team=data but leave weekly_report out",
                        "tag all jobs with team=data, leaving out the weekly_report job"] {
            let (_, tagged) = try InMemoryPlanning.apply(request, to: Self.sales)
            XCTAssertEqual(resource(tagged, "jobs", "etl", "dev")?["tags"]?["team"]?.string, "data", request)
            XCTAssertNil(resource(tagged, "jobs", "weekly_report", "dev")?["tags"], request)
        }
    }
    /// daily_databricks_feed: "call it republish_podcast" after "What should the job be called?" renamed the
    /// conversation's job (and in a new conversation asked which resource to rename).
    func testANameAnswersWhatTheNewJobIsCalled() throws {
        for answer in ["call it republish", "republish", "the job should be called republish", "call the new job republish", "republish please", "name it republish"] {
            var files = Self.sales
            files["src/06_publish.py"] = "# Databricks notebook source\n"
            var conversation = Conversation(files)
            try conversation.ask("retry the ingest task of etl 2 times")
            let asked = try conversation.ask("add a new job that runs src/06_publish.py")
            guard case .clarify(let question, _) = asked else { return XCTFail("asked no name: \(asked)") }
            XCTAssertEqual(question, "What should the job be called?")
            guard case .plan = try conversation.ask(answer) else { return XCTFail("\(answer): not planned") }
            XCTAssertNotNil(try conversation.job("republish"), answer)
            XCTAssertEqual(try conversation.job("etl")?["name"]?.string, "sales-etl", "\(answer): the job before keeps its name")
        }
    }

    /// "undo the rename of the job" undid the latest change (a timeout): "job" was in each; the words that
    /// say which change count, and "rename" fits the name a rename wrote.
    func testAnUndoSaidByItsChangeFindsThatChange() throws {
        var session = RefineSession()
        session.turns = [
            .init(request: "add 3 retries to the notebook task", reply: "Set max_retries to 3 on task notebook_task of job sample_job.", job: "sample_job", commit: "a000001"),
            .init(request: "rename the job to sample_v2", reply: "Set the name of job sample_job to \"sample_v2\".", job: "sample_job", commit: "b000002"),
            .init(request: "set a timeout of 2 hours on the job", reply: "Set timeout_seconds to 7200 on job sample_job.", job: "sample_job", commit: "c000003"),
        ]
        XCTAssertEqual(FollowUp.describedUndo(RequestText("undo the rename of the job"), session: session)?.count, 2)
        XCTAssertEqual(FollowUp.describedUndo(RequestText("revert the retries"), session: session)?.count, 3)
        // ("undo both timeouts": "both" is no word of a change; it matched "retry both … jobs".)
        XCTAssertEqual(FollowUp.describedUndo(RequestText("undo both timeouts"), session: session)?.count, 1)
        session.turns.remove(at: 1)
        XCTAssertNil(FollowUp.describedUndo(RequestText("undo the rename of the job"), session: session)?.count, "no rename: none fits")
    }

    /// retail: "move the weekly report to Monday 7am" after a turn about the daily job rescheduled the daily job
    /// (adding a schedule it never had); a word of another job's name after "the" is asked about.
    func testTheWordsOfAnotherJobAreNotTheConversations() throws {
        var conversation = Conversation(Self.sales)
        try conversation.ask("give etl 3 hours")
        switch try conversation.ask("move the weekly report to Monday 7am") {
        case .clarify(_, let choices): XCTAssertTrue(choices.contains("--resource jobs.weekly_report"), "\(choices)")
        case .plan(let plan): XCTAssertEqual(plan.job, "weekly_report")
        case let other: XCTFail("\(other)")
        }
        // As in retail: the daily job has no schedule, the weekly one is "Weekly analytics and reporting job".
        let retail = [
            "databricks.yml": "bundle: {name: retail}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/jobs.yml": """
            resources:
              jobs:
                daily_etl_job:
                  name: daily_etl_job
                  description: "Daily ETL pipeline for retail data processing"
                  email_notifications: {on_success: [a@example.com], on_failure: [a@example.com]}
                  tasks:
                    - task_key: ingest_raw_data
                      notebook_task: {notebook_path: ../src/a.py}
                weekly_analytics_job:
                  name: weekly_analytics_job
                  description: "Weekly analytics and reporting job"
                  tasks:
                    - task_key: generate_weekly_metrics
                      notebook_task: {notebook_path: ../src/a.py}
                  schedule: {quartz_cron_expression: "0 0 8 ? * MON", timezone_id: America/New_York}

            """,
            "src/a.py": "# Databricks notebook source\n",
        ]
        var other = Conversation(retail)
        try other.ask("stop emailing on success for the daily ETL")
        switch try other.ask("move the weekly report to Monday 7am") {
        case .clarify(_, let choices): XCTAssertTrue(choices.contains("--resource jobs.weekly_analytics_job"), "\(choices)")
        case .plan(let plan): XCTAssertEqual(plan.job, "weekly_analytics_job")
        case let outcome: XCTFail("\(outcome)")
        }
        XCTAssertNil(try other.job("daily_etl_job")?["schedule"], "the daily job was given no schedule")
        XCTAssertEqual(try conversation.job("etl")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 2 * * ?")
    }
    /// fda_pharma_platform: "set the max workers of the small cluster to 2" (its least is 2) wrote autoscaling
    /// 2–2, which the workspace refuses; said, with the two ways on.
    func testAnAutoscalingRangeOfOneSizeIsRefused() throws {
        var files = Self.sales
        files["resources/etl.yml"] = files["resources/etl.yml"]!.replacingOccurrences(of: "num_workers: 2}", with: "autoscale: {min_workers: 2, max_workers: 6}}")
        let (outcome, after) = try InMemoryPlanning.outcome("set the max workers of etl to 2", on: files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("is a fixed size") && reason.contains("ask for \"2 workers\""), reason)
        XCTAssertEqual(after, files)
        let (_, wider) = try InMemoryPlanning.apply("set the max workers of etl to 4", to: files)
        XCTAssertEqual(resource(wider, "jobs", "etl", "dev")?["job_clusters"]?.sequence?.first?["new_cluster"]?["autoscale"]?["max_workers"]?.scalar?.value, .int(4))
    }
    /// "pause everything in prod, alerts too" paused the alert alone; "pause the jobs and the alert in prod"
    /// left the alert.
    func testJobsAndAlertsSaidTogetherArePausedTogether() throws {
        for request in ["pause everything in prod, alerts too", "pause the jobs and the alert in prod", "pause all jobs and alerts in prod"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.sales)
            for (type, key) in [("jobs", "etl"), ("jobs", "weekly_report"), ("alerts", "late_orders")] {
                XCTAssertEqual(resource(bundle, type, key, "prod")?["schedule"]?["pause_status"]?.string, "PAUSED", "\(request): \(key)")
            }
        }
    }

    /// demand_forecasting: "make them 3" after "add retries to the hello world jobs" scheduled both daily at
    /// 00:00 ("make every hello world job 3" read "every" as a rhythm); "time them out after 3 hours" after
    /// "the leaf jobs" rescheduled them.
    func testEveryNamedJobIsNoRhythm() throws {
        let (outcome, after) = try InMemoryPlanning.outcome("make every etl job 3", on: Self.sales)
        if case .plan(let plan) = outcome { XCTFail("planned \(plan.summary)") }
        XCTAssertEqual(after, Self.sales)
        var conversation = Conversation(Self.sales)
        try conversation.ask("add 2 retries to every job")
        let made = try conversation.ask("make them 3")
        if case .plan(let plan) = made { XCTAssertFalse(plan.summary.contains("schedule"), plan.summary) }
        XCTAssertEqual(try conversation.job("etl")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 2 * * ?")
        var timed = Conversation(Self.sales)
        try timed.ask("add 2 retries to every job")
        try timed.ask("time them out after 3 hours")
        for key in ["etl", "weekly_report"] {
            XCTAssertEqual(try timed.job(key)?["timeout_seconds"]?.scalar?.value, .int(10800), key)
        }
        XCTAssertEqual(try timed.job("etl")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 2 * * ?")
    }

    /// "set etl timeout to 3h, warn at 2h" set a 2-hour timeout and no warning.
    func testAWarningAtATimeBesideATimeout() throws {
        for request in ["set etl timeout to 3h, warn at 2h", "etl timeout 3 hours, warn at 2 hours"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.sales)
            let etl = resource(bundle, "jobs", "etl", "dev")
            XCTAssertEqual(etl?["timeout_seconds"]?.scalar?.value, .int(10800), request)
            XCTAssertEqual(etl?["health"]?["rules"]?.sequence?.first?["value"]?.scalar?.value, .int(7200), request)
        }
    }

    /// "call it nightly_etl_v2" after "What should the new name be? Put it in quotes." renamed the job
    /// "call it nightly_etl_v2".
    func testANewNameSaidWithItsVerb() throws {
        for answer in ["call it nightly_etl_v2", "name it \"nightly_etl_v2\""] {
            var conversation = Conversation(Self.sales)
            _ = try conversation.ask("rename the etl job")
            try conversation.ask(answer)
            XCTAssertEqual(try conversation.job("etl")?["name"]?.string, "nightly_etl_v2", answer)
        }
    }
    /// default_python: "add retries to the second task" said no task is called "second".
    func testATaskByItsPlace() throws {
        for (request, key) in [("add 2 retries to the second task of etl", "transform"), ("add 2 retries to the first task of etl", "ingest"),
                               ("add 2 retries to the last task of etl", "transform")] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.sales)
            let tasks = resource(bundle, "jobs", "etl", "dev")?["tasks"]?.sequence ?? []
            XCTAssertEqual(tasks.filter { $0["max_retries"] != nil }.compactMap { $0["task_key"]?.string }, [key], request)
        }
    }

    /// default_python: "make it 4" while "which task?" was open cut the timeout of the change before the
    /// question to 4 minutes.
    func testABareValueDoesNotAnswerAQuestionOfWhich() throws {
        var conversation = Conversation(Self.sales)
        try conversation.ask("give etl a timeout of 30 minutes")
        guard case .clarify = try conversation.ask("add retries to the download task of etl") else { return XCTFail("not asked") }
        guard case .clarify(let question, _) = try conversation.ask("make it 4") else { return XCTFail("answered") }
        XCTAssertTrue(question.contains("does not answer"), question)
        XCTAssertEqual(try conversation.job("etl")?["timeout_seconds"]?.scalar?.value, .int(1800))
    }
    /// Crypto-Lakehouse-Platform, dbx-platform: "remove the quarantine alert", "remove the sql warehouse" were
    /// not understood (an alert and a warehouse were read as parts of something).
    func testAnAlertOrAWarehouseIsRemovedAsAResource() throws {
        var files = Self.sales
        files["resources/warehouse.yml"] = "resources:\n  sql_warehouses:\n    wh:\n      name: wh\n      cluster_size: Small\n      max_num_clusters: 1\n"
        for (request, type, file) in [("remove the late orders alert", "alerts", "resources/alerts.yml"), ("delete the alert late_orders", "alerts", "resources/alerts.yml"),
                                      ("remove the sql warehouse", "sql_warehouses", "resources/warehouse.yml")] {
            let (plan, _) = try InMemoryPlanning.apply(request, to: files, intent: RemoveResourceIntent.id)
            XCTAssertEqual(plan.resource?.type, type, request)
            XCTAssertEqual(plan.removedFiles, [file], request)
        }
    }
    /// "add a schema called dapi…" asked a question whose choices, stored in the session file, held the
    /// token in clear.
    func testASessionsChoicesAreStoredRedacted() throws {
        let token = "dapi" + String(repeating: "0a1b2c3d", count: 4)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sessions-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var session = RefineSession()
        var turn = RefineSession.Turn(request: "add a schema called \(token)", reply: "Which catalog?", planned: "add a schema called \(token) in main")
        turn.choices = ["add a schema called \(token) in main", "--target dev"]
        session.turns = [turn]
        try RefineSession.Store(directory: directory).save(session)
        let stored = try String(contentsOf: directory.appendingPathComponent("\(session.id).json"), encoding: .utf8)
        XCTAssertFalse(stored.contains(token), stored)
        XCTAssertTrue(stored.contains("--target dev"), stored)
    }
    /// Values of several words were cut at the first space (JAVA_OPTS="-Xmx2g -Xms1g" was "\"-Xmx2g",
    /// -Xss4m -XX:+UseG1GC was -Xss4m), and a task renamed to "ingest customers" was renamed "ingest".
    func testValuesOfSeveralWordsAreWhole() throws {
        for (request, field, name, value) in [("set the env var JAVA_OPTS=\"-Xmx2g -Xms1g\" on etl", "spark_env_vars", "JAVA_OPTS", "-Xmx2g -Xms1g"),
                                              ("set the env var GREETING=\"hello world\" on etl", "spark_env_vars", "GREETING", "hello world"),
                                              ("set spark.driver.extraJavaOptions to -Xss4m -XX:+UseG1GC on etl", "spark_conf", "spark.driver.extraJavaOptions", "-Xss4m -XX:+UseG1GC")] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.sales)
            let cluster = resource(bundle, "jobs", "etl", "dev")?["job_clusters"]?.sequence?.first?["new_cluster"]
            XCTAssertEqual(cluster?[field]?[name]?.string, value, request)
        }
        for request in ["rename the task ingest to \"ingest customers\"", "rename the ingest task to load raw"] {
            let (outcome, after) = try InMemoryPlanning.outcome(request, on: Self.sales)
            guard case .clarify(let question, _) = outcome else { return XCTFail("\(request): \(outcome)") }
            XCTAssertTrue(question.contains("A task key has letters, digits, _ and -"), question)
            XCTAssertEqual(after, Self.sales)
        }
    }
    static let console = [
        "databricks.yml": """
        bundle: {name: min1}
        resources:
          sql_warehouses:
            wh: {name: wh, cluster_size: 2X-Small, auto_stop_mins: 10}
          dashboards:
            app_usage:
              display_name: "App Usage"
              file_path: ./d.lvdash.json
              warehouse_id: ${resources.sql_warehouses.wh.id}
          apps:
            platform_console:
              name: platform-console
              source_code_path: ./app
              config:
                command: ["python", "main.py"]
                env:
                  - name: MODEL
                    value_from: llm
                  - name: LOG_LEVEL
                    value: info
              resources:
                - name: llm
                  serving_endpoint: {name: databricks-claude-sonnet-4-5, permission: CAN_QUERY}
                - name: warehouse
                  sql_warehouse: {id: "${resources.sql_warehouses.wh.id}", permission: CAN_USE}
        targets:
          dev: {default: true, mode: development}

        """,
        "d.lvdash.json": "{}\n",
        "app/main.py": "print(1)\n",
    ]

    /// dbx-platform: "… for the App Usage dashboard" was read as the app's warehouse ("nothing to change");
    /// removing the app's resource llm left `value_from: llm` behind.
    func testADashboardNamedAppAndAnAppResourceReadByTheEnvironment() throws {
        let (_, dashboard) = try InMemoryPlanning.apply("use warehouse 1234abcd5678efgh for the App Usage dashboard", to: Self.console)
        XCTAssertEqual(dashboard.configuration["resources"]?["dashboards"]?["app_usage"]?["warehouse_id"]?.string, "1234abcd5678efgh")
        let (plan, removed) = try InMemoryPlanning.apply("remove the llm resource from the app", to: Self.console)
        let app = removed.configuration["resources"]?["apps"]?["platform_console"]
        XCTAssertEqual(app?["resources"]?.sequence?.compactMap { $0["name"]?.string }, ["warehouse"])
        XCTAssertEqual(app?["config"]?["env"]?.sequence?.compactMap { $0["name"]?.string }, ["LOG_LEVEL"])
        XCTAssertTrue(plan.summary.contains("environment variable MODEL"), plan.summary)
    }
    /// "use spot instances for all jobs, skip etl" asked which target etl should not be deployed to (", skip"
    /// read as "don't deploy"), then, with etl the only job on a cluster, changed etl alone.
    func testSkippingTheOnlyJobThatFitsChangesNothing() throws {
        let (outcome, after) = try InMemoryPlanning.outcome("use spot instances for all jobs, skip etl", on: Self.sales)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("leaves it out"), reason)
        XCTAssertEqual(after, Self.sales)
    }
    /// "run etl daily at 25:61" said nothing to change, "run etl every -10 minutes" scheduled it at midnight;
    /// "\"Weekly Sales Report\" please" and "make it Weekly Sales Report" answering the new name made the job weekly.
    func testNoTimeOfDayAndANameWithCourtesy() throws {
        for request in ["run etl daily at 25:61", "run etl every -10 minutes"] {
            let (outcome, after) = try InMemoryPlanning.outcome(request, on: Self.sales)
            guard case .refused = outcome else { return XCTFail("\(request): \(outcome)") }
            XCTAssertEqual(after, Self.sales)
        }
        for answer in ["\"Weekly Sales Report\" please", "make it Weekly Sales Report", "Weekly Sales Report please", "set it to Weekly Sales Report"] {
            var conversation = Conversation(Self.sales)
            _ = try conversation.ask("rename the weekly report job")
            try conversation.ask(answer)
            XCTAssertEqual(try conversation.job("weekly_report")?["name"]?.string, "Weekly Sales Report", answer)
            XCTAssertEqual(try conversation.job("weekly_report")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 6 ? * MON", answer)
        }
    }
    /// retail-demand-forecasting: "email ml-team@… when the train task fails" e-mailed on the failure of any task
    /// of the job (the job's own list).
    func testATasksFailureEmailIsTheTasks() throws {
        let (_, bundle) = try InMemoryPlanning.apply("email ml-team@example.com when the transform task of etl fails", to: Self.sales)
        let etl = resource(bundle, "jobs", "etl", "dev")
        XCTAssertNil(etl?["email_notifications"], "the job's own recipients are as they were")
        let tasks = etl?["tasks"]?.sequence ?? []
        XCTAssertEqual(tasks.first { $0["task_key"]?.string == "transform" }?["email_notifications"]?["on_failure"]?.sequence?.compactMap(\.string), ["ml-team@example.com"])
        XCTAssertNil(tasks.first { $0["task_key"]?.string == "ingest" }?["email_notifications"])
        // The job's failure, as before.
        let (_, job) = try InMemoryPlanning.apply("email ml-team@example.com when etl fails", to: Self.sales)
        XCTAssertEqual(resource(job, "jobs", "etl", "dev")?["email_notifications"]?["on_failure"]?.sequence?.compactMap(\.string), ["ml-team@example.com"])
    }
    /// "add retries to customer_sync and daily_kpis" asked which of the two.
    func testTwoJobsNamedTogetherAreBothChanged() throws {
        var files = Self.sales
        files["resources/cleanup.yml"] = "resources:\n  jobs:\n    cleanup:\n      name: cleanup\n      tasks:\n        - task_key: clean\n          notebook_task: {notebook_path: ../src/a.py}\n"
        let (_, bundle) = try InMemoryPlanning.apply("set a 1 hour timeout on etl and weekly_report", to: files)
        XCTAssertEqual(resource(bundle, "jobs", "etl", "dev")?["timeout_seconds"]?.scalar?.value, .int(3600))
        XCTAssertEqual(resource(bundle, "jobs", "weekly_report", "dev")?["timeout_seconds"]?.scalar?.value, .int(3600))
        XCTAssertNil(resource(bundle, "jobs", "cleanup", "dev")?["timeout_seconds"])
    }
    /// default_python: "add 2 retries to the other tasks" after the notebook task's 3 retried every task (the
    /// notebook task's 3 became 2), and "remove the retries from the other tasks" removed them from all.
    func testTheOtherTasksAreTheOnesNotChangedBefore() throws {
        var conversation = Conversation(Self.sales)
        try conversation.ask("add 3 retries to the ingest task of etl")
        try conversation.ask("add 1 retry to the other tasks")
        var tasks = try conversation.job("etl")?["tasks"]?.sequence ?? []
        XCTAssertEqual(tasks.map { $0["max_retries"]?.scalar?.value }, [.int(3), .int(1)])
        var removing = Conversation(Self.sales)
        try removing.ask("add 3 retries to every task of etl")
        try removing.ask("set the retries of the ingest task of etl to 5")
        try removing.ask("remove the retries from the other tasks")
        tasks = try removing.job("etl")?["tasks"]?.sequence ?? []
        XCTAssertEqual(tasks.map { $0["max_retries"]?.scalar?.value }, [.int(5), nil])
    }
    /// demand_forecasting: "actually remove them" after tagging two jobs said the bundle "already is as asked
    /// (Remove the jobs …)"; asked now, and nothing changes.
    func testRemoveThemAfterAChangeIsAsked() throws {
        var conversation = Conversation(Self.sales)
        try conversation.ask("tag every job with team=data")
        let before = conversation.files
        guard case .clarify(let question, let choices) = try conversation.ask("actually remove them") else { return XCTFail("not asked") }
        XCTAssertTrue(question.contains("undo that"), question)
        XCTAssertEqual(choices, ["undo that"])
        XCTAssertEqual(conversation.files, before)
    }
}
