@testable import BundleAgent
import BundleModel
import XCTest

/// Follow-ups that change another setting of what the turn before changed (ps-unified-demo,
/// delta-live-store): the warehouse's scaling and auto stop (not a job's timeout), a task's retry on
/// timeout (not fewer retries), that task's timeout (not the job's), and the same group on every
/// pipeline (not a lower level on the job).
final class SettingFollowUpTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: parts}
        resources:
          sql_warehouses:
            parts_wh:
              name: parts
              cluster_size: Small
              enable_serverless_compute: true
              auto_stop_mins: 10
              max_num_clusters: 1
          jobs:
            setup:
              name: setup
              tasks:
                - task_key: seed_data
                  notebook_task: {notebook_path: /Workspace/seed}
                - task_key: setup_vector_search
                  depends_on: [{task_key: seed_data}]
                  notebook_task: {notebook_path: /Workspace/vs}
          pipelines:
            parts_pipeline: {name: parts, serverless: true, catalog: main, schema: parts, libraries: [{file: {path: /Workspace/p.py}}]}
            suppliers_pipeline: {name: suppliers, serverless: true, catalog: main, schema: parts, libraries: [{file: {path: /Workspace/p.py}}]}
        targets:
          dev: {default: true}
        """,
    ]

    func conversation() -> FollowUpTests.Conversation {
        var c = FollowUpTests.Conversation()
        c.files = Self.files
        return c
    }

    func testTheWarehouseAfterAWarehouseChange() throws {
        var c = conversation()
        _ = try c.ask("make the warehouse Medium")
        _ = try c.ask("and allow it to scale up to 3 clusters")
        _ = try c.ask("auto stop after 5 minutes")
        let bundle = try SalesBundle.load(c.files)
        XCTAssertEqual(bundle.configuration["resources"]?["sql_warehouses"]?["parts_wh"]?["max_num_clusters"]?.string, "3")
        XCTAssertEqual(bundle.configuration["resources"]?["sql_warehouses"]?["parts_wh"]?["auto_stop_mins"]?.string, "5")
        XCTAssertNil(bundle.configuration["resources"]?["jobs"]?["setup"]?["timeout_seconds"])
    }

    func testATasksRetryOnTimeoutAndTimeout() throws {
        var c = conversation()
        _ = try c.ask("retry setup_vector_search 3 times")
        _ = try c.ask("and retry it on timeout")
        XCTAssertEqual(try c.value("jobs.setup.tasks[setup_vector_search].max_retries", target: "dev"), "3")
        XCTAssertEqual(try c.value("jobs.setup.tasks[setup_vector_search].retry_on_timeout", target: "dev"), "true")
        _ = try c.ask("set a timeout of one hour on it")
        XCTAssertEqual(try c.value("jobs.setup.tasks[setup_vector_search].timeout_seconds", target: "dev"), "3600")
        XCTAssertNil(try c.value("jobs.setup.timeout_seconds", target: "dev"))
    }

    func testTheSameGroupOnEveryPipelineAtTheLevelSaid() throws {
        var c = conversation()
        _ = try c.ask("let the group parts-eng manage the setup job")
        _ = try c.ask("and view all three pipelines")
        let resources = try SalesBundle.load(c.files).configuration["resources"]
        XCTAssertEqual(resources?["jobs"]?["setup"]?["permissions"]?.sequence?.first?["level"]?.string, "CAN_MANAGE")
        for pipeline in ["parts_pipeline", "suppliers_pipeline"] {
            XCTAssertEqual(resources?["pipelines"]?[pipeline]?["permissions"]?.sequence?.first?["level"]?.string, "CAN_VIEW", pipeline)
        }
    }
}

/// malaria_clinical_trials: "the training task" of malaria_rl_training_job is its task
/// train_initial_model (not every task); "and data prep" is data_preparation; "and the foo bar" names
/// nothing and is not understood, never the change before again with its default value.
final class TaskWordFollowUpTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: malaria}
        resources:
          jobs:
            malaria_rl_training_job:
              name: training
              tasks:
                - {task_key: data_preparation, max_retries: 2, notebook_task: {notebook_path: /Workspace/a}}
                - {task_key: train_initial_model, max_retries: 2, depends_on: [{task_key: data_preparation}], notebook_task: {notebook_path: /Workspace/b}}
                - {task_key: continuous_learning, max_retries: 1, depends_on: [{task_key: train_initial_model}], notebook_task: {notebook_path: /Workspace/c}}
        targets:
          dev: {default: true}
        """,
    ]

    func testATaskByAWordOfItsJobAndByTheStartOfAWord() throws {
        var c = FollowUpTests.Conversation()
        c.files = Self.files
        _ = try c.ask("set retries to 3 on the training task")
        XCTAssertEqual(try c.value("jobs.malaria_rl_training_job.tasks[train_initial_model].max_retries", target: "dev"), "3")
        XCTAssertEqual(try c.value("jobs.malaria_rl_training_job.tasks[data_preparation].max_retries", target: "dev"), "2")
        _ = try c.ask("and data prep")
        XCTAssertEqual(try c.value("jobs.malaria_rl_training_job.tasks[data_preparation].max_retries", target: "dev"), "3")
        let bundle = try SalesBundle.load(c.files)
        let (outcome, _) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("and the foo bar")), session: c.session)
        guard case .notUnderstood = outcome else { return XCTFail("\(outcome)") }
    }
}

/// Values read wrong before: "set the default catalog to fsi_sandbox" wrote `default`; "leave the
/// load one at 1" after retries moved the schedule to 01:00; "2 to 6 workers" made 6 fixed workers.
final class ValueWordingTests: XCTestCase {
    func testTheDefaultCatalogIsTheValueAfterTo() throws {
        let files = ["databricks.yml": """
            bundle: {name: fsi}
            variables:
              catalog: {description: the catalog}
            resources:
              pipelines:
                credit: {name: credit, catalog: "${var.catalog}", schema: credit, serverless: true, libraries: [{file: {path: /Workspace/p.py}}]}
                claims: {name: claims, catalog: "${var.catalog}", schema: claims, serverless: true, libraries: [{file: {path: /Workspace/p.py}}]}
            targets:
              dev: {default: true}
            """]
        let (_, bundle) = try InMemoryPlanning.apply("set the default catalog to fsi_sandbox", to: files)
        XCTAssertEqual(bundle.configuration["variables"]?["catalog"]?["default"]?.string, "fsi_sandbox")
    }

    /// adventureworks-dbt: a parameter's default that is (or holds) a target's name is a value, not the
    /// target to change.
    func testATargetsNameAsAValueNamesNoTarget() throws {
        var files = SalesBundle.files
        files["resources/sales_sync.job.yml"] = files["resources/sales_sync.job.yml"]!.replacingOccurrences(of: "      tags:\n",
            with: "      parameters:\n        - name: environments\n          default: '[\"dev\"]'\n        - name: target\n          default: dev\n      tags:\n")
        let (plan, bundle) = try InMemoryPlanning.apply("set the target parameter default of the sales sync to prod", to: files)
        XCTAssertNil(plan.target)
        let parameters = bundle.configuration["resources"]?["jobs"]?["sales_sync"]?["parameters"]?.sequence ?? []
        XCTAssertEqual(parameters.last?["default"]?.string, "prod")
        let (listed, _) = try InMemoryPlanning.apply(#"change the environments parameter default of the sales sync to ["dev", "prod"]"#, to: files)
        XCTAssertNil(listed.target)
    }

    func testLeaveOnesAtANumberAfterRetries() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("set max retries to 3 on the extract task")
        _ = try c.ask("leave the load one at 1")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[load].max_retries", target: "dev"), "1")
        XCTAssertEqual(try c.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "dev"), "0 0 2 * * ?")
    }

    func testARangeOfWorkersAutoscales() throws {
        let (_, bundle) = try InMemoryPlanning.apply("set the sync cluster to 2 to 6 workers", to: SalesBundle.files, intent: AutoscaleIntent.id)
        let cluster = bundle.configuration["resources"]?["jobs"]?["sales_sync"]?["job_clusters"]?.sequence?.first?["new_cluster"]
        XCTAssertEqual(cluster?["autoscale"]?["min_workers"]?.string, "2")
        XCTAssertEqual(cluster?["autoscale"]?["max_workers"]?.string, "6")
        XCTAssertNil(cluster?["num_workers"])
    }

    /// "set a timeout of 4 hours on it" after "pause the schedule in dev" (fsi-demo-pack): the job's
    /// timeout for every target; pausing was for dev only.
    func testAnotherChangeAfterAPauseInOneTargetIsForEvery() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("pause the sales sync schedule in dev")
        let plan = try c.ask("set a timeout of 4 hours on it")
        XCTAssertNil(plan?.target)
        XCTAssertEqual(try c.value("jobs.sales_sync.timeout_seconds", target: "prod"), "14400")
    }
}

/// unicargo: "move the bronze job to an existing cluster … in dev" is about that job; it never sets
/// the dev target's cluster_id, which moves every job of dev.
final class OneJobOnAnExistingClusterTests: XCTestCase {
    func testANamedJobInADevelopmentTargetIsNotTheWholeTarget() throws {
        let (outcome, files) = try InMemoryPlanning.outcome("move the sales sync job to the existing cluster 0923-164208-abcd1234 in dev", on: SalesBundle.files)
        if case .plan = outcome {
            XCTAssertNil(try SalesBundle.load(files).targetsMapping?["dev"]?["cluster_id"])
        }
        let (whole, wholeFiles) = try InMemoryPlanning.outcome("use my cluster 0123-456789-abcdefgh in dev", on: SalesBundle.files)
        guard case .plan = whole else { return XCTFail("\(whole)") }
        XCTAssertEqual(try SalesBundle.load(wholeFiles).targetsMapping?["dev"]?["cluster_id"]?.string, "0123-456789-abcdefgh")
    }
}

/// dab-demo conversations: "and the marketing one an hour later" is the other job at the time moved;
/// "weekly on Mondays instead" keeps the time; "30 minutes earlier" moves it; "pause both in dev" is
/// both jobs; "rename it" after adding a task is that task; "the cicd service principal" without its
/// application id is asked, never a group called cicd.
final class ScheduleAndTaskFollowUpTests: XCTestCase {
    func testTimesMovedAndKept() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("schedule the sales sync daily at 8:30 Amsterdam time")
        _ = try c.ask("and the marketing one an hour later")
        XCTAssertEqual(try c.value("jobs.marketing_digest.schedule.quartz_cron_expression", target: "dev"), "0 30 9 * * ?")
        XCTAssertEqual(try c.value("jobs.marketing_digest.schedule.timezone_id", target: "dev"), "Europe/Amsterdam")
        _ = try c.ask("make the marketing one weekly on Mondays instead")
        XCTAssertEqual(try c.value("jobs.marketing_digest.schedule.quartz_cron_expression", target: "dev"), "0 30 9 ? * MON")
        _ = try c.ask("make it 30 minutes earlier")
        XCTAssertEqual(try c.value("jobs.marketing_digest.schedule.quartz_cron_expression", target: "dev"), "0 0 9 ? * MON")
        _ = try c.ask("pause both in prod")
        XCTAssertEqual(try c.value("jobs.marketing_digest.schedule.pause_status", target: "prod"), "PAUSED")
        XCTAssertEqual(try c.value("jobs.sales_sync.schedule.pause_status", target: "prod"), "PAUSED")
    }

    /// "and the marketing one at 9:30" keeps the time zone the turn before named; "set its timeout"
    /// after "pause it in dev" is for every target.
    func testTheZoneCarriesAndAPausesTargetDoesNot() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("schedule the sales sync daily at 8:30 Amsterdam time")
        _ = try c.ask("and the marketing one at 9:30")
        XCTAssertEqual(try c.value("jobs.marketing_digest.schedule.timezone_id", target: "dev"), "Europe/Amsterdam")
        var d = FollowUpTests.Conversation()
        _ = try d.ask("pause the sales sync in dev")
        _ = try d.ask("set its timeout to 2 hours")
        XCTAssertEqual(try d.value("jobs.sales_sync.timeout_seconds", target: "prod"), "7200")
    }

    /// absa, earthquake: "and the marketing one an hour later than that" after "move the sales sync to
    /// 8am UTC" is at 9; "actually every 12" after "every 6 hours" is every 12 hours.
    func testAnHourLaterThanToAndEveryTwelve() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("move the sales sync to 8am UTC")
        _ = try c.ask("and the marketing one an hour later than that")
        XCTAssertEqual(try c.value("jobs.marketing_digest.schedule.quartz_cron_expression", target: "dev"), "0 0 9 * * ?")
        var d = FollowUpTests.Conversation()
        _ = try d.ask("run the sales sync every 6 hours")
        _ = try d.ask("actually every 12")
        XCTAssertEqual(try d.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "dev"), "0 0 0/12 * * ?")
    }

    /// retail-demand: "in Europe/Istanbul" and "weekdays only" after a schedule change are that schedule's.
    func testAZoneAloneAndDaysAlone() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("run the sales sync daily at 7am")
        _ = try c.ask("in Europe/Istanbul")
        XCTAssertEqual(try c.value("jobs.sales_sync.schedule.timezone_id", target: "dev"), "Europe/Istanbul")
        _ = try c.ask("weekdays only")
        XCTAssertEqual(try c.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "dev"), "0 0 7 ? * MON-FRI")
    }

    /// demand-forecasting: "only on weekdays" after an hourly schedule keeps it hourly, on weekdays.
    func testDaysAloneKeepAnHourlySchedule() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("run the sales sync every hour")
        _ = try c.ask("only on weekdays")
        XCTAssertEqual(try c.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "dev"), "0 0 * ? * MON-FRI")
    }

    func testRenameTheTaskJustAdded() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("add a task report after load in the sales sync that runs src/report.py")
        _ = try c.ask("rename it to publish_report")
        XCTAssertNotNil(try c.value("jobs.sales_sync.tasks[publish_report].task_key", target: "dev"))
        XCTAssertEqual(try c.value("jobs.sales_sync.name", target: "prod"), "Sales Sync")
    }

    func testAServicePrincipalWithoutItsIdIsAsked() throws {
        let (outcome, _) = try InMemoryPlanning.outcome("give the cicd service principal manage on the sales sync", on: SalesBundle.files)
        guard case .clarify(let question, _) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(question.contains("application id"), question)
    }
}

/// The file decides what it is: a notebook for a task that runs a Python file is refused with the way
/// out, never written for the CLI to refuse; "remove the environment tag" is a tag, never a target.
final class FileKindAndTagWordTests: XCTestCase {
    func testANotebookForAPythonFileTaskIsRefused() throws {
        let (outcome, _) = try InMemoryPlanning.outcome("switch the digest task to src/report.py", on: SalesBundle.files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("is a notebook"), reason)
    }

    /// team_neuron: "no wait, make the marketing one run at 3am" is the request after the interjection.
    func testAnInterjectionBeforeTheRequest() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("schedule the sales sync daily at 2am")
        _ = try c.ask("no wait, run the marketing digest at 3am")
        XCTAssertEqual(try c.value("jobs.marketing_digest.schedule.quartz_cron_expression", target: "dev"), "0 0 3 * * ?")
        // "no" that is the request's own word stays: "no retries" is still a removal of retries.
        let (outcome, _) = try InMemoryPlanning.outcome("no retries on the sales sync", on: SalesBundle.files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("is retried"), reason)
    }

    /// unicargo: removing a target's only preset removes `presets` too; "add a retry" is one.
    func testNoEmptyPresetsAndOneRetry() throws {
        var files = SalesBundle.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "    mode: production\n", with: "    mode: production\n    presets:\n      name_prefix: \"[prod] \"\n")
        let (_, bundle) = try InMemoryPlanning.apply("remove the name prefix from prod", to: files)
        XCTAssertNil(bundle.targetsMapping?["prod"]?["presets"])
        let (_, retried) = try InMemoryPlanning.apply("add a retry to the extract task", to: SalesBundle.files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(retried.configuration["resources"]?["jobs"]?["sales_sync"]?["tasks"]?.sequence?.first?["max_retries"]?.string, "1")
    }

    func testTheEnvironmentTagIsNoTarget() throws {
        var files = SalesBundle.files
        files["resources/sales_sync.job.yml"] = files["resources/sales_sync.job.yml"]!.replacingOccurrences(of: "        team: sales\n", with: "        team: sales\n        environment: ${bundle.target}\n")
        let (outcome, edited) = try InMemoryPlanning.outcome("remove the environment tag from the sales sync", on: files)
        guard case .plan = outcome else { return XCTFail("\(outcome)") }
        let bundle = try SalesBundle.load(edited)
        XCTAssertEqual(bundle.targetNames.sorted(), ["dev", "prod"])
        XCTAssertNil(bundle.configuration["resources"]?["jobs"]?["sales_sync"]?["tags"]?["environment"])
    }
}

/// Trial D (five new bundles): numbers said with the other part ("and 2 for the load task", "and the
/// load one 1", "1 retry"), a task's timeout that names a schema, a user without an e-mail, a package
/// pinned in the conversation's job, "in both" targets, "for all three", "a default of".
final class TrialDFollowUpTests: XCTestCase {
    func testNumbersSaidWithTheOtherPart() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("set max retries to 3 on the extract task")
        _ = try c.ask("and 2 for the load task")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[load].max_retries", target: "dev"), "2")
        _ = try c.ask("and the extract one 1")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[extract].max_retries", target: "dev"), "1")
        let (_, one) = try InMemoryPlanning.apply("set 1 retry on all tasks of the sales sync", to: SalesBundle.files, intent: TaskRetriesIntent.id)
        XCTAssertEqual(one.configuration["resources"]?["jobs"]?["sales_sync"]?["tasks"]?.sequence?.compactMap { $0["max_retries"]?.string }, ["1", "1"])
    }

    func testNoSchemaForATasksTimeoutAndNoGroupCalledUser() throws {
        var files = SalesBundle.files
        files["resources/sales_sync.job.yml"] = files["resources/sales_sync.job.yml"]!.replacingOccurrences(of: "task_key: load", with: "task_key: schema_check")
            .replacingOccurrences(of: "- task_key: extract\n                  job_cluster_key", with: "- task_key: extract\n                  job_cluster_key")
        let (outcome, edited) = try InMemoryPlanning.outcome("add a timeout of 45 minutes to the schema check task", on: files)
        guard case .plan = outcome else { return XCTFail("\(outcome)") }
        XCTAssertNil(try SalesBundle.load(edited).configuration["resources"]?["schemas"]?["check"])
        let (user, _) = try InMemoryPlanning.outcome("let the user eryk view the sales sync", on: SalesBundle.files)
        guard case .clarify(let question, _) = user else { return XCTFail("\(user)") }
        XCTAssertTrue(question.contains("e-mail"), question)
    }

    func testTheCatalogInBothAndADefaultOf() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("set the catalog variable to sales_dev in dev")
        _ = try c.ask("set the catalog variable to sales_all in both")
        let root = YAMLNode(.mapping(try SalesBundle.load(c.files).configuration), at: SourceLocation(file: "", line: 1, column: 1))
        XCTAssertEqual(PhrasingTableTests.value(at: "targets.prod.variables.catalog", in: root), "sales_all")
        XCTAssertEqual(PhrasingTableTests.value(at: "targets.dev.variables.catalog", in: root), "sales_all")
        let (outcome, _) = try InMemoryPlanning.outcome("give catalog a default of quake_lake and drop it from the targets", on: SalesBundle.files)
        if case .plan(let plan) = outcome { XCTAssertFalse(plan.subject.contains("default target"), plan.subject) }
    }
}
