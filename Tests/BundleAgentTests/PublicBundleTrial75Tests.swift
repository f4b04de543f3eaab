@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-06 (eighth), mostly on the `sales` bundle of
/// `PublicBundleTrial72Tests` (jobs etl and weekly_report, alert late_orders; targets dev and prod).
final class PublicBundleTrial75Tests: XCTestCase {
    static let sales = PublicBundleTrial72Tests.sales

    func resource(_ bundle: LoadedBundle, _ type: String, _ key: String, _ target: String) -> YAMLNode? {
        bundle.effectiveConfiguration(target: target).configuration["resources"]?[type]?[key]
    }

    func pauseStatus(_ bundle: LoadedBundle, _ type: String, _ key: String, _ target: String = "prod") -> String? {
        resource(bundle, type, key, target)?["schedule"]?["pause_status"]?.string
    }

    /// "pause the etl job and the alert" paused the job alone; "pause all jobs and the late orders alert"
    /// was refused ("alert late_orders is an alert; this change applies to a job").
    func testPausingAJobAndAnAlertPausesBoth() throws {
        for request in ["pause the etl job and the alert", "pause the alert and the etl job", "pause etl and the late orders alert"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.sales)
            XCTAssertEqual(pauseStatus(bundle, "jobs", "etl"), "PAUSED", request)
            XCTAssertEqual(pauseStatus(bundle, "alerts", "late_orders"), "PAUSED", request)
            XCTAssertNil(pauseStatus(bundle, "jobs", "weekly_report"), "\(request): the other job runs on")
        }
        for request in ["pause all jobs and the late orders alert", "pause etl, weekly report and the alert"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.sales)
            for (type, key) in [("jobs", "etl"), ("jobs", "weekly_report"), ("alerts", "late_orders")] {
                XCTAssertEqual(pauseStatus(bundle, type, key), "PAUSED", "\(request): \(key)")
            }
        }
        // A target said at the end is each one's.
        let (_, prod) = try InMemoryPlanning.apply("pause the etl job and the alert in prod", to: Self.sales)
        XCTAssertEqual(pauseStatus(prod, "alerts", "late_orders"), "PAUSED")
        XCTAssertEqual(pauseStatus(prod, "jobs", "etl"), "PAUSED")
        XCTAssertNil(pauseStatus(prod, "alerts", "late_orders", "dev"), "dev keeps the alert evaluated")
    }

    /// "add 2 retries to sales-etl and weekly report": the second name was read as "weekly" and the job
    /// rescheduled (to what it was), with no retries.
    func testTheSameChangeForJobsNamedInWords() throws {
        for request in ["add 2 retries to sales-etl and weekly report", "add 2 retries to the etl and weekly report jobs",
                        "add 2 retries to etl and the weekly report job"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.sales)
            XCTAssertFalse(plan.summary.contains("schedule"), "\(request): \(plan.summary)")
            XCTAssertEqual(resource(bundle, "jobs", "weekly_report", "prod")?["tasks"]?.sequence?.first?["max_retries"]?.string, "2", request)
            XCTAssertEqual(resource(bundle, "jobs", "etl", "prod")?["tasks"]?.sequence?.last?["max_retries"]?.string, "2", request)
            XCTAssertEqual(resource(bundle, "jobs", "weekly_report", "prod")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 6 ? * MON")
        }
    }
    /// After LaurentPRAT-DB/ACME_CapitalIQ_IdentityReco: two jobs, one named "… Production Pipeline".
    static let acme = [
        "databricks.yml": """
        bundle: {name: acme}
        targets:
          dev: {default: true, mode: development}
          prod: {mode: production, workspace: {root_path: /Workspace/Users/sp@example.com/.bundle/acme}}
        resources:
          jobs:
            adhoc_entity_matching:
              name: "[ACME] Ad-hoc entity matching"
              tasks:
                - task_key: match
                  notebook_task: {notebook_path: ./a.py}
                - task_key: report
                  depends_on: [{task_key: match}]
                  notebook_task: {notebook_path: ./a.py}
            entity_matching_pipeline:
              name: "[ACME] Phase 4: Production Pipeline"
              schedule: {quartz_cron_expression: "0 0 2 * * ?", timezone_id: UTC}
              tasks:
                - task_key: ingest
                  notebook_task: {notebook_path: ./a.py}
                - task_key: evaluate
                  depends_on: [{task_key: ingest}]
                  notebook_task: {notebook_path: ./a.py}

        """,
        "a.py": "# Databricks notebook source\n",
    ]

    func tasks(_ bundle: LoadedBundle, _ job: String) -> [YAMLNode] {
        bundle.configuration["resources"]?["jobs"]?[job]?["tasks"]?.sequence ?? []
    }

    /// "give the ad-hoc job 3 retries on every task …" retried every task of the other job too ("every
    /// task" was read as every job); with the job's key, the summary named the other job as not changed.
    func testEveryTaskOfTheJobNamedIsThatJobsTasks() throws {
        for request in ["give the ad-hoc job 3 retries on every task with a 5 minute wait between attempts",
                        "give adhoc_entity_matching 3 retries on all tasks"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.acme, intent: TaskRetriesIntent.id)
            XCTAssertEqual(tasks(bundle, "adhoc_entity_matching").map { $0["max_retries"]?.string }, ["3", "3"], request)
            XCTAssertEqual(tasks(bundle, "entity_matching_pipeline").map { $0["max_retries"]?.string }, [nil, nil], request)
            XCTAssertFalse(plan.summary.contains("entity_matching_pipeline"), "\(request): \(plan.summary)")
        }
        // Without a job named, every task is every job's.
        let (_, every) = try InMemoryPlanning.apply("retry all tasks 2 times", to: Self.acme)
        XCTAssertEqual(tasks(every, "entity_matching_pipeline").map { $0["max_retries"]?.string }, ["2", "2"])
    }

    /// "the first Monday of every month" was day 1 of every month.
    func testTheNthWeekdayOfTheMonth() throws {
        for (request, cron) in [("run entity_matching_pipeline on the first Monday of every month at 7:30am Toronto time", "0 30 7 ? * MON#1"),
                                ("run entity_matching_pipeline on the last friday of the month at 6pm", "0 0 18 ? * 6L"),
                                ("schedule entity_matching_pipeline monthly on the 2nd tuesday at 9", "0 0 9 ? * TUE#2"),
                                ("run entity_matching_pipeline on the 1st of every month at 5", "0 0 5 1 * ?"),
                                // Without a time, the time it runs at stays (it was not understood).
                                ("run entity_matching_pipeline on the last sunday of each month", "0 0 2 ? * 1L")] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.acme, intent: ScheduleIntent.id)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["entity_matching_pipeline"]?["schedule"]?["quartz_cron_expression"]?.string, cron, request)
        }
    }

    /// "run the production pipeline every weekday at 6am" (the job named "… Production Pipeline") was
    /// planned for target prod.
    func testAJobNamedProductionPipelineIsNoTarget() throws {
        for request in ["run the production pipeline every weekday at 6am Berlin time", "retry every task of the production pipeline twice"] {
            let (plan, _) = try InMemoryPlanning.apply(request, to: Self.acme)
            XCTAssertNil(plan.target, "\(request): \(plan.summary)")
            XCTAssertEqual(plan.resource?.key ?? plan.job, "entity_matching_pipeline", request)
        }
        let (prod, _) = try InMemoryPlanning.apply("retry every task of the production pipeline twice in prod", to: Self.acme)
        XCTAssertEqual(prod.target, "prod")
    }

    /// `refine "… in prod" --target dev` planned the change for dev without a word.
    func testATargetOptionTheWordsContradictIsRefused() throws {
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: Self.acme)).load()
        let context = PlanningContext(bundle: bundle, request: RequestText("retry every task of adhoc_entity_matching 3 times in prod"), targetOption: "dev")
        guard case .refused(let reason)? = context.contradictedTarget else { return XCTFail("not refused") }
        XCTAssertTrue(reason.contains("the request says prod, but the target chosen for it is dev"), reason)
        // So too in the target's other words.
        for said in ["set the adhoc_entity_matching timeout to 1 hour in production", "pause the entity_matching_pipeline job for the prod target",
                     "retry adhoc_entity_matching twice for production"] {
            XCTAssertNotNil(PlanningContext(bundle: bundle, request: RequestText(said), targetOption: "dev").contradictedTarget, said)
        }
        let agreeing = PlanningContext(bundle: bundle, request: RequestText("retry every task of adhoc_entity_matching 3 times in prod"), targetOption: "prod")
        XCTAssertNil(agreeing.contradictedTarget)
        guard case .plan(let plan) = OfflinePlanner().plan(agreeing, session: nil).0 else { return XCTFail("not planned") }
        XCTAssertEqual(plan.target, "prod")
    }

    /// After "upgrade spark to the latest LTS", "run evaluate even if one of the forecasts fails" was
    /// taken for "even more" of the upgrade: "Nothing to change: … already runs 17.3" (exit 0).
    func testEvenIfIsNoFollowUp() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.acme)
        try conversation.ask("add 2 retries to every task of adhoc_entity_matching")
        let outcome = try conversation.ask("run evaluate even if one of the tasks before it fails")
        guard case .plan(let plan) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(plan.summary.contains("run_if"), plan.summary)
        // Words no intent reads are not understood; they were "more of" the retries before ("already …").
        let unread = try conversation.ask("run evaluate even if one of the forecasts fails")
        if case .plan(let plan) = unread { XCTFail("planned: \(plan.summary)") }
        if case .refused(let reason) = unread { XCTFail("refused as the change before: \(reason)") }
    }
    /// After creanb/brendan_semantics: a warehouse looked up by the name a variable holds.
    static let semantics = [
        "databricks.yml": """
        bundle: {name: semantics}
        variables:
          warehouse_name: {description: The warehouse to query, default: Serverless}
          warehouse_id: {lookup: {warehouse: "${var.warehouse_name}"}}
        targets:
          dev: {default: true}
          prod: {}
        resources:
          jobs:
            refresh:
              name: refresh
              tasks:
                - task_key: q
                  sql_task: {warehouse_id: "${var.warehouse_id}", query: {query_id: abc}}

        """,
    ]

    /// "set the warehouse_name variable to Shared Analytics Warehouse" wrote "Shared" (and the lookup of the
    /// warehouse by that name failed at deploy); "with default Serverless Starter Warehouse" wrote "Serverless".
    func testAValueOfSeveralCapitalizedWordsIsKeptWhole() throws {
        let (_, shared) = try InMemoryPlanning.apply("set the warehouse_name variable to Shared Analytics Warehouse", to: Self.semantics)
        XCTAssertEqual(shared.configuration["variables"]?["warehouse_name"]?["default"]?.string, "Shared Analytics Warehouse")
        let (plan, prod) = try InMemoryPlanning.apply("set warehouse_name to Shared Prod Warehouse in prod", to: Self.semantics)
        XCTAssertEqual(plan.target, "prod")
        XCTAssertEqual(prod.targetsMapping?["prod"]?["variables"]?["warehouse_name"]?.string, "Shared Prod Warehouse")
        let (_, added) = try InMemoryPlanning.apply("add a variable starter with default Serverless Starter Warehouse", to: Self.semantics)
        XCTAssertEqual(added.configuration["variables"]?["starter"]?["default"]?.string, "Serverless Starter Warehouse")
        // A lower-case value is one word, as before ("to main please").
        let (_, one) = try InMemoryPlanning.apply("set the warehouse_name variable to shared then", to: Self.semantics)
        XCTAssertEqual(one.configuration["variables"]?["warehouse_name"]?["default"]?.string, "shared")
    }
    /// "nah, undo", "undo please", "scratch that", "thats wrong, undo it" were not understood (or read as
    /// the change before again: "Nothing to change: Photon is already on").
    func testUndoInTheWordsPeopleUse() {
        for said in ["nah, undo", "nah, undo that", "undo please", "scratch that", "thats wrong, undo it", "that's not what I meant, revert that",
                     "whoops, undo", "no no, undo it", "put it back", "forget it, undo", "cancel that change"] {
            XCTAssertEqual(FollowUp.undoCount(RequestText(said)), 1, said)
        }
        XCTAssertEqual(FollowUp.undoCount(RequestText("nah, undo the last 2")), 2)
        for said in ["undo all", "nah, make it 4", "that's wrong, use 3 workers", "scratch the cluster"] {
            XCTAssertNil(FollowUp.undoCount(RequestText(said)), said)
        }
    }
    /// "run the etl daily at 2am in staging and pause it" paused prod's schedule (the job's only one
    /// before); "…, paused" and "but keep the schedule paused" wrote the new schedule UNPAUSED or were refused.
    func testANewScheduleAskedPausedIsWrittenPausedWhereItIsMade() throws {
        for request in ["run adhoc_entity_matching daily at 2am in prod and pause it", "run adhoc_entity_matching daily at 2am in prod, paused",
                        "run adhoc_entity_matching daily at 2am in prod but keep the schedule paused"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.acme)
            XCTAssertEqual(plan.target, "prod", request)
            let prod = try bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["adhoc_entity_matching"]?["schedule"]
            XCTAssertEqual(prod?["quartz_cron_expression"]?.string, "0 0 2 * * ?", request)
            XCTAssertEqual(prod?["pause_status"]?.string, "PAUSED", request)
            XCTAssertNil(try bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["adhoc_entity_matching"]?["schedule"], request)
            XCTAssertEqual(try bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["entity_matching_pipeline"]?["schedule"]?["pause_status"]?.string,
                           nil, "\(request): the other job runs on")
        }
    }
    /// "timeout 90 min in prod and 30 min in dev" with prod chosen (`--target prod`, or the answer to
    /// "which target?"): prod got 30 minutes, the value said last. Without a job named, which job is asked.
    func testOneTargetChosenFromAValuePerTarget() throws {
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: Self.acme)).load()
        for request in ["set the timeout of adhoc_entity_matching to 90 min in prod and 30 min in dev",
                        "set the adhoc_entity_matching timeout to 90 min in prod but 30 min in dev"] {
        for (target, seconds) in [("prod", 5400), ("dev", 1800)] {
            let context = PlanningContext(bundle: bundle, request: RequestText(request), targetOption: target)
            guard case .plan(let plan) = OfflinePlanner().plan(context, session: nil).0 else { return XCTFail("\(target): not planned") }
            XCTAssertTrue(plan.summary.contains("to \(seconds) "), "\(target): \(plan.summary)")
            XCTAssertFalse(plan.summary.contains("for target \(target == "prod" ? "dev" : "prod")"), plan.summary)
        }
        }
        let unnamed = PlanningContext(bundle: bundle, request: RequestText("timeout 90 min in prod and 30 min in dev"))
        guard case .clarify(let question, let choices) = OfflinePlanner().plan(unnamed, session: nil).0 else { return XCTFail("not asked") }
        XCTAssertTrue(question.hasPrefix("Which job?"), question)
        XCTAssertEqual(choices, ["--resource jobs.adhoc_entity_matching", "--resource jobs.entity_matching_pipeline"])
        let chosen = PlanningContext(bundle: bundle, request: RequestText("timeout 90 min in prod and 30 min in dev"), resourceOption: "jobs.adhoc_entity_matching")
        guard case .plan(let both) = OfflinePlanner().plan(chosen, session: nil).0 else { return XCTFail("not planned with the job chosen") }
        XCTAssertTrue(both.summary.contains("5400") && both.summary.contains("1800"), both.summary)
    }
    /// "rename the resource key scheduler_job to orders_job" set the job's display name (losing the one
    /// written with ${bundle.target}); "(the key, not the display name)" became the name itself.
    func testRenamingAResourceKeyRenamesTheKeyAndItsReferences() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: acme}
            targets:
              dev: {default: true, mode: development}
              prod:
                mode: production
                workspace: {root_path: /Workspace/Users/sp@example.com/.bundle/acme}
                resources:
                  jobs:
                    adhoc_entity_matching: {max_concurrent_runs: 2}
            resources:
              jobs:
                adhoc_entity_matching:
                  name: "[ACME] Ad-hoc entity matching"
                  tasks:
                    - task_key: match
                      notebook_task: {notebook_path: ./a.py}
                orchestrator:
                  name: orchestrator
                  tasks:
                    - task_key: run
                      run_job_task: {job_id: "${resources.jobs.adhoc_entity_matching.id}"}

            """,
            "a.py": "# Databricks notebook source\n",
        ]
        for request in ["rename the resource key adhoc_entity_matching to adhoc_matching",
                        "rename the job adhoc_entity_matching to adhoc_matching (the key, not the display name)",
                        "change the key of the ad-hoc job to adhoc_matching", "rename jobs.adhoc_entity_matching to jobs.adhoc_matching",
                        "rename the resource adhoc_entity_matching to adhoc_matching"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            let jobs = try bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]
            XCTAssertNil(jobs?["adhoc_entity_matching"], request)
            XCTAssertEqual(jobs?["adhoc_matching"]?["name"]?.string, "[ACME] Ad-hoc entity matching", "\(request): the display name stays")
            XCTAssertEqual(jobs?["adhoc_matching"]?["max_concurrent_runs"]?.string, "2", "\(request): prod's override follows")
            XCTAssertEqual(jobs?["orchestrator"]?["tasks"]?.sequence?.first?["run_job_task"]?["job_id"]?.string, "${resources.jobs.adhoc_matching.id}", request)
            XCTAssertTrue(plan.summary.contains("removes the job adhoc_entity_matching from the workspace"), plan.summary)
        }
    }
    /// "pass source=web and entity=orders to the erp task" (Aaronguedes/olist_faker_systems) set source
    /// alone; entity was dropped without a word.
    func testSeveralNotebookParametersAtOnce() throws {
        for request in ["pass source=web and entity=orders to the match task", "pass source=web, entity=orders to the match task"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.acme)
            let parameters = tasks(bundle, "adhoc_entity_matching").first?["notebook_task"]?["base_parameters"]
            XCTAssertEqual(parameters?["source"]?.string, "web", request)
            XCTAssertEqual(parameters?["entity"]?.string, "orders", request)
            XCTAssertNil(tasks(bundle, "adhoc_entity_matching").last?["notebook_task"]?["base_parameters"], "\(request): the other task")
            XCTAssertTrue(plan.subject.contains("source=web, entity=orders"), plan.subject)
        }
    }
    /// "add a tag owner=Data Platform Team" wrote owner=Data; "retry customer sync and the daily KPIs job
    /// twice" said "Not changed: etl (the change does not apply to it)" of the job nobody named.
    func testTagValuesInCapitalsAndNoNoteOfJobsNobodyNamed() throws {
        let (_, tagged) = try InMemoryPlanning.apply("add a tag owner=Data Platform Team to adhoc_entity_matching", to: Self.acme)
        XCTAssertEqual(tagged.configuration["resources"]?["jobs"]?["adhoc_entity_matching"]?["tags"]?["owner"]?.string, "Data Platform Team")
        var three = Self.acme
        three["databricks.yml"] = three["databricks.yml"]! + """
            etl:
              name: etl
              tasks:
                - task_key: load
                  notebook_task: {notebook_path: ./a.py}

        """
        let (plan, bundle) = try InMemoryPlanning.apply("retry adhoc_entity_matching and entity_matching_pipeline twice", to: three)
        XCTAssertFalse(plan.summary.contains("Not changed"), plan.summary)
        XCTAssertNil(bundle.configuration["resources"]?["jobs"]?["etl"]?["tasks"]?.sequence?.first?["max_retries"])
    }
    /// "add a prod target on the same workspace as dev" (7sumitc/fifa-app, dev pins its host) left the
    /// host out without a word; "the sql warehouse 1234abcd5678efgh" of the help is no warehouse id.
    func testANewTargetOnTheSameWorkspaceAsAnother() throws {
        let files = ["databricks.yml": "bundle: {name: app}\ntargets:\n  dev:\n    mode: development\n    default: true\n    workspace:\n      host: https://adb-1.azuredatabricks.net\n"]
        let (plan, bundle) = try InMemoryPlanning.apply("add a prod target on the same workspace as dev", to: files)
        XCTAssertEqual(bundle.targetsMapping?["prod"]?["workspace"]?["host"]?.string, "https://adb-1.azuredatabricks.net", plan.summary)
        XCTAssertEqual(bundle.targetsMapping?["prod"]?["mode"]?.string, "production")
        XCTAssertTrue(WarehouseIntent.examples.allSatisfy { example in
            example.split(separator: " ").contains { $0.count == 16 && $0.allSatisfy(\.isHexDigit) }
        }, "\(WarehouseIntent.examples)")
    }
    /// "add a nightly schedule … for prod" (Aaronguedes/olist_faker_systems) moved the job's 03:00 nightly run
    /// to 02:00; it runs nightly already, at the time it has.
    func testNightlyKeepsTheNightTimeAJobRunsAt() throws {
        var files = Self.acme
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "0 0 2 * * ?", with: "0 0 3 * * ?")
        for request in ["run entity_matching_pipeline nightly", "add a nightly schedule to entity_matching_pipeline for prod"] {
            let (_, after) = try InMemoryPlanning.outcome(request, on: files)
            let bundle = try BundleLoader(source: InMemoryFileSource(texts: after)).load()
            for target in ["dev", "prod"] {
                XCTAssertEqual(try bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["entity_matching_pipeline"]?["schedule"]?["quartz_cron_expression"]?.string,
                               "0 0 3 * * ?", "\(request) (\(target))")
            }
        }
        let (_, fresh) = try InMemoryPlanning.apply("run adhoc_entity_matching nightly", to: files)
        XCTAssertEqual(fresh.configuration["resources"]?["jobs"]?["adhoc_entity_matching"]?["schedule"]?["quartz_cron_expression"]?.string, "0 0 2 * * ?")
    }
    /// "add an email notification on failure to X" was not understood; asked now, and the address alone
    /// answers the question (it was not understood either).
    func testFailureEmailsWithoutAnAddressAskWhoAndTheAddressAnswers() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.acme)
        guard case .clarify(let question, _) = try conversation.ask("add an email notification on failure to adhoc_entity_matching") else {
            return XCTFail("not asked")
        }
        XCTAssertEqual(question, "Which address should be emailed?")
        guard case .plan = try conversation.ask("newbie@example.com") else { return XCTFail("the address did not answer") }
        XCTAssertEqual(try conversation.job("adhoc_entity_matching")?["email_notifications"]?["on_failure"]?.sequence?.first?.string, "newbie@example.com")
        XCTAssertNil(try conversation.job("entity_matching_pipeline")?["email_notifications"])
    }
    /// "Generate_metrics no longer waits …", "Ecommerce_orders …": a subject that starts with a key keeps it as written.
    func testASubjectStartingWithAKeyKeepsItsCase() {
        XCTAssertEqual(EveryResource.capitalized("generate_metrics no longer waits for ingest"), "generate_metrics no longer waits for ingest")
        XCTAssertEqual(EveryResource.capitalized("report no longer waits for match"), "Report no longer waits for match")
        XCTAssertEqual(EveryResource.sentence("retry etl2 twice."), "Retry etl2 twice")
        XCTAssertEqual(EveryResource.sentence("etl2 runs after load."), "etl2 runs after load")
    }
}
