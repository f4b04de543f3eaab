@testable import BundleAgent
import BundleModel
import XCTest

/// Conversations on `SalesBundle`: each request planned in the light of the turns before it, applied,
/// and the resulting values checked, as `refine` and `chat` do turn by turn.
final class FollowUpTests: XCTestCase {
    struct Conversation {
        var files = SalesBundle.files
        var session = RefineSession()

        /// Plans and applies one request; returns the plan (fails the test on anything else).
        mutating func ask(_ request: String, file: StaticString = #filePath, line: UInt = #line) throws -> Plan? {
            let bundle = try SalesBundle.load(files)
            let (outcome, intent) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request)), session: session)
            guard case .plan(let plan) = outcome else {
                XCTFail("\"\(request)\": \(outcome)", file: file, line: line)
                return nil
            }
            for (path, text) in try OfflinePlanner.apply(plan, read: { [files] in files[$0]! }) { files[path] = text }
            session.turns.append(.init(request: request, reply: plan.summary, intent: intent, job: plan.job,
                                       resource: plan.resource?.description, target: plan.target, commit: "c\(session.turns.count)", planned: plan.request))
            return plan
        }

        func value(_ path: String, target: String) throws -> String? {
            PhrasingTableTests.value(at: path, in: try SalesBundle.load(files).effectiveConfiguration(target: target).configuration["resources"])
        }
    }

    /// "and sales_prod in prod" (BC-translink): the previous request for prod with the new value, never
    /// the old one; the next "same for …" builds on that request as planned.
    func testASameForFollowUpWithItsOwnValue() throws {
        var c = Conversation()
        _ = try c.ask("set the catalog variable to sales_dev in dev")
        let plan = try c.ask("and sales_prod in prod")
        XCTAssertEqual(plan?.target, "prod")
        // (Remembered as done: for prod, as "actually make it …" after it repeats it.)
        XCTAssertEqual(plan?.request, "set the catalog variable to sales_prod in prod")
        let root = YAMLNode(.mapping(try SalesBundle.load(c.files).configuration), at: SourceLocation(file: "", line: 1, column: 1))
        XCTAssertEqual(PhrasingTableTests.value(at: "targets.prod.variables.catalog", in: root), "sales_prod")
        XCTAssertEqual(PhrasingTableTests.value(at: "targets.dev.variables.catalog", in: root), "sales_dev")
        _ = try c.ask("same in dev with sales_sandbox")
        _ = try c.ask("same for prod")
        let after = YAMLNode(.mapping(try SalesBundle.load(c.files).configuration), at: SourceLocation(file: "", line: 1, column: 1))
        XCTAssertEqual(PhrasingTableTests.value(at: "targets.prod.variables.catalog", in: after), "sales_sandbox")

        XCTAssertEqual(FollowUp.request("tag the job with owner=alice", withValue: "bob"), "tag the job with owner=bob")
        XCTAssertNil(FollowUp.request("retry the load task twice", withValue: "3"))
        XCTAssertNil(FollowUp.givenValue(RequestText("same for prod too"), targets: ["dev", "prod"]))
    }

    /// "make it 12" after "set max workers to 16" (DAB-workflow-demo) is the maximum again; the
    /// minimum stays.
    func testANumberAfterABoundIsThatBound() throws {
        var c = Conversation()
        _ = try c.ask("set max workers to 16 on the ml cluster")
        _ = try c.ask("make it 12")
        XCTAssertEqual(try c.value("jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.autoscale", target: "dev"), "{max_workers:12,min_workers:2}")
    }

    /// Round-three conversations (hH): "and the analysts group too" is the group analysts, never a
    /// group called "too"; "same for load" after "make it 5" is 5; "even bigger" after bigger nodes is a
    /// bigger node again; "there" when the turn before had no target is asked.
    func testConversationsOfTheThirdTrial() throws {
        var c = Conversation()
        _ = try c.ask("let the group data-analysts view the sales sync")
        let too = try c.ask("and the analysts group too")
        XCTAssertEqual(too?.summary, "Granted CAN_VIEW on job sales_sync to group analysts.")

        c = Conversation()
        _ = try c.ask("retry the extract task 3 times")
        _ = try c.ask("make it 5")
        _ = try c.ask("same for load")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[load].max_retries", target: "dev"), "5")

        c = Conversation()
        _ = try c.ask("use bigger nodes for the sales sync")
        _ = try c.ask("even bigger")
        XCTAssertEqual(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.node_type_id", target: "dev"), "i3.4xlarge")
        XCTAssertEqual(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers", target: "dev"), "4")

        c = Conversation()
        _ = try c.ask("set a timeout of 2 hours on the sales sync")
        let (outcome, _) = OfflinePlanner().plan(PlanningContext(bundle: try SalesBundle.load(c.files), request: RequestText("set the catalog variable to staging there")), session: c.session)
        guard case .clarify(let question, _) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(question.hasPrefix("Which target is \"there\"?"), question)

        // "make it 8" after "set the workers to 4 in prod" is 8 workers there (it once halved them).
        c = Conversation()
        _ = try c.ask("set the workers of the sync cluster to 2 in prod")
        _ = try c.ask("make it 8")
        XCTAssertEqual(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers", target: "prod"), "8")
        // A cluster size without a number or a direction is not understood (a model may take it), never halved.
        let vague = OfflinePlanner().plan(PlanningContext(bundle: try SalesBundle.load(), request: RequestText("resize the sync cluster workers")))
        guard case .notUnderstood = vague else { return XCTFail("\(vague)") }

        // "make it the default" after adding a target: that target.
        c = Conversation()
        _ = try c.ask("add a qa target")
        let made = try c.ask("make it the default")
        XCTAssertEqual(made?.subject, "Make qa the default target")

        // A node type without a size or a direction is asked, never made smaller.
        let node = OfflinePlanner().plan(PlanningContext(bundle: try SalesBundle.load(), request: RequestText("change the node type of the sales sync")))
        guard case .clarify = node else { return XCTFail("\(node)") }
    }

    /// "in prod make it Large" after "make the warehouse Medium" carries on with that change; "make it
    /// better" names no value.
    func testMakeItAValueContinues() {
        XCTAssertTrue(OfflinePlanner.continuesPrevious(RequestText("in prod make it Large")))
        XCTAssertTrue(OfflinePlanner.continuesPrevious(RequestText("set it to PREVIEW")))
        XCTAssertFalse(OfflinePlanner.continuesPrevious(RequestText("make it better")))
        XCTAssertFalse(OfflinePlanner.continuesPrevious(RequestText("hmm, nice")))
    }

    /// "make it 5" after "add retries" is 5 retries, not "already has 2" (dabs-dbt-demo, postnl).
    func testANumberAfterRetriesIsTheCount() throws {
        var c = Conversation()
        _ = try c.ask("retry the load task")
        _ = try c.ask("make it 5")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[load].max_retries", target: "dev"), "5")
        XCTAssertNil(try c.value("jobs.sales_sync.tasks[extract].max_retries", target: "dev"))
    }

    /// "upgrade the spark_version variable to 16.4 LTS": a runtime's whole key, its flavour kept.
    func testARuntimeVariableGetsAWholeKey() {
        XCTAssertEqual(SparkVersionIntent.runtimeKey("16.4", replacing: "15.4.x-scala2.12"), "16.4.x-scala2.12")
        XCTAssertEqual(SparkVersionIntent.runtimeKey("17.3", replacing: "15.4.x-cpu-ml-scala2.12"), "17.3.x-cpu-ml-scala2.13")
        XCTAssertNil(SparkVersionIntent.runtimeKey("16.4", replacing: "1.2"), "a variable that holds no runtime")
        XCTAssertNil(SparkVersionIntent.runtimeKey("release", replacing: "15.4.x-scala2.12"))
    }

    /// "remove andras from it" (dlt-dev-with-dab): the recipient with that name goes, not the one
    /// the previous turn added; the last one of an event takes the event with it.
    func testARecipientRemovedByName() throws {
        var c = Conversation()
        _ = try c.ask("email ops@example.com on failure of the sales sync")
        let plan = try c.ask("remove data-team from it")
        XCTAssertEqual(plan?.summary, "Removed data-team@example.com from email_notifications (on_failure) of job sales_sync.")
        XCTAssertEqual(try c.value("jobs.sales_sync.email_notifications.on_failure", target: "dev"), "[ops@example.com]")
        _ = try c.ask("stop emailing ops")
        XCTAssertNil(try c.value("jobs.sales_sync.email_notifications", target: "dev"), "no on_failure: [] left behind")
    }

    /// "and keep it paused in dev" after "unpause … in prod" (dabs-cicd-demo) pauses dev, never unpauses it.
    func testKeepItPausedIsAPause() throws {
        var c = Conversation()
        _ = try c.ask("unpause the sales sync in prod")
        let bundle = try SalesBundle.load(c.files)
        let (outcome, _) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("and keep it paused in dev")), session: c.session)
        if case .plan(let plan) = outcome {
            XCTAssertFalse(plan.summary.contains("UNPAUSED"), plan.summary)
            XCTAssertEqual(plan.target, "dev")
        } else if case .refused(let reason) = outcome {
            XCTAssertTrue(reason.contains("already PAUSED"), reason)
        } else {
            XCTFail("\(outcome)")
        }
    }

    /// "make the warehouse Medium there" after "add a prod target" (webdemocracy): in that target.
    func testThereIsTheTargetJustAdded() throws {
        var c = Conversation()
        _ = try c.ask("add a staging target")
        let plan = try c.ask("set a timeout of 2 hours on the sales sync there")
        XCTAssertEqual(plan?.target, "staging")
        XCTAssertEqual(try c.value("jobs.sales_sync.timeout_seconds", target: "staging"), "7200")
        XCTAssertNil(try c.value("jobs.sales_sync.timeout_seconds", target: "dev"))
    }

    /// "make it 2 hours" after a task's timeout is that task's, not the job's.
    func testAFollowUpKeepsTheTaskOfTheTurnBefore() throws {
        var c = Conversation()
        _ = try c.ask("set a 1 hour timeout on the load task")
        _ = try c.ask("make it 2 hours")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[load].timeout_seconds", target: "dev"), "7200")
        XCTAssertNil(try c.value("jobs.sales_sync.timeout_seconds", target: "dev"))
    }

    /// A vague follow-up is not understood: it never repeats the previous change with made-up values
    /// (after a 4am schedule, "make it better" once set a midnight one).
    func testAVagueFollowUpIsNotUnderstood() throws {
        var c = Conversation()
        _ = try c.ask("run the sales sync every day at 4am")
        let bundle = try SalesBundle.load(c.files)
        for request in ["make it better", "make it faster and better pls", "hmm, nice"] {
            let (outcome, _) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request)), session: c.session)
            guard case .notUnderstood = outcome else { return XCTFail("\(request): \(outcome)") }
        }
        _ = try c.ask("at 5am instead")
        XCTAssertEqual(try c.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "dev"), "0 0 5 * * ?")
        // A follow-up that gives no time is asked about, never scheduled at a made-up midnight.
        let (earlier, _) = OfflinePlanner().plan(PlanningContext(bundle: try SalesBundle.load(c.files), request: RequestText("even earlier")), session: c.session)
        guard case .clarify(let question, _) = earlier else { return XCTFail("\(earlier)") }
        XCTAssertTrue(question.contains("When should job sales_sync run (now 0 0 5 * * ?)"), question)
    }

    /// "it" keeps the job of the turn before, not its change: a request for something else is that.
    func testItWithANewChangeIsThatChangeOnTheSameJob() throws {
        var c = Conversation()
        _ = try c.ask("retry the extract task up to 3 times")
        let plan = try c.ask("run it every day at 4am")
        XCTAssertEqual(plan?.job, "sales_sync")
        XCTAssertEqual(try c.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "dev"), "0 0 4 * * ?")
        // Words only the previous change reads still continue it.
        _ = try c.ask("make the sync cluster smaller")
        _ = try c.ask("even smaller")
        XCTAssertEqual(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers", target: "dev"), "1")
    }

    func testSameForAnotherTask() throws {
        var c = Conversation()
        _ = try c.ask("retry the extract task up to 3 times")
        let plan = try c.ask("same for load")
        XCTAssertEqual(plan?.job, "sales_sync")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[load].max_retries", target: "prod"), "3")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[extract].max_retries", target: "prod"), "3")
    }

    func testSameForAnotherJob() throws {
        var c = Conversation()
        _ = try c.ask("only allow two concurrent runs of the marketing digest")
        let plan = try c.ask("same for the billing job")
        XCTAssertEqual(plan?.job, "nightly_billing")
        XCTAssertEqual(try c.value("jobs.nightly_billing.max_concurrent_runs", target: "dev"), "2")
        XCTAssertEqual(try c.value("jobs.marketing_digest.max_concurrent_runs", target: "dev"), "2")
        XCTAssertNil(try c.value("jobs.sales_sync.max_concurrent_runs", target: "dev"))
    }

    func testAndForATargetAsWell() throws {
        var c = Conversation()
        _ = try c.ask("set a timeout of 2 hours on the sales sync in dev")
        XCTAssertNil(try c.value("jobs.sales_sync.timeout_seconds", target: "prod"))
        let plan = try c.ask("and for prod as well")
        XCTAssertEqual(plan?.target, "prod")
        XCTAssertEqual(try c.value("jobs.sales_sync.timeout_seconds", target: "prod"), "7200")
    }

    func testEvenSmallerContinuesWithTheSameResource() throws {
        var c = Conversation()
        _ = try c.ask("make the sync cluster smaller")
        XCTAssertEqual(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers", target: "dev"), "2")
        _ = try c.ask("even smaller")
        XCTAssertEqual(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers", target: "dev"), "1")
        XCTAssertEqual(try c.value("jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.autoscale.max_workers", target: "dev"), "8")
    }

    func testAFollowUpThatNamesANewRequestIsNotARepeat() throws {
        var c = Conversation()
        _ = try c.ask("retry the extract task up to 3 times")
        // Asks something of its own about the same job: not "the same again".
        _ = try c.ask("and set a timeout of 1 hour too")
        XCTAssertEqual(try c.value("jobs.sales_sync.timeout_seconds", target: "dev"), "3600")
        XCTAssertNil(try c.value("jobs.sales_sync.tasks[load].max_retries", target: "dev"))
    }

    /// Words that point nowhere are never a guess: not understood, or refused with what exists.
    func testWordsThatFitNothingAreNotGuessed() throws {
        let bundle = try SalesBundle.load()
        func outcome(_ request: String) -> PlanOutcome {
            OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request)), session: nil).0
        }
        guard case .refused(let reason) = outcome("run the invoices job every hour") else { return XCTFail("a job that does not exist was guessed") }
        XCTAssertTrue(reason.contains("invoices") && reason.contains("sales_sync"), reason)
        guard case .clarify(let question, let choices) = outcome("set the timeout to 2 hours") else { return XCTFail("three jobs fit: a question") }
        XCTAssertEqual(choices, ["--resource jobs.marketing_digest", "--resource jobs.nightly_billing", "--resource jobs.sales_sync"], question)
        // Only the jobs a cluster change fits are offered.
        guard case .clarify(_, let clusterChoices) = outcome("make the cluster smaller") else { return XCTFail("two jobs have clusters: a question") }
        XCTAssertEqual(clusterChoices, ["--resource jobs.nightly_billing", "--resource jobs.sales_sync"])
        guard case .notUnderstood = outcome("bake a cake for the marketing digest") else { return XCTFail("understood a cake") }
        guard case .notUnderstood = outcome("frobnicate the widgets") else { return XCTFail("understood widgets: \(outcome("frobnicate the widgets"))") }
        // "either job", "the other job" name no job called "either": asked ("any job" is every job: EveryResourceTests).
        for request in ["set the timeout of either job to 2 hours", "set the timeout of the other job to 2 hours"] {
            guard case .clarify = outcome(request) else { return XCTFail("\(request): \(outcome(request))") }
        }
    }
}

/// A few words that carry on with the change before: its task, its variable, its addresses.
final class ShortFollowUpTests: XCTestCase {
    static let files = ["databricks.yml": """
        bundle: {name: titanic}
        resources:
          jobs:
            training:
              name: training
              tasks:
                - task_key: train_model
                  notebook_task: {notebook_path: ./n.py}
                - task_key: validate_model
                  depends_on: [{task_key: train_model}]
                  notebook_task: {notebook_path: ./n.py}
        targets:
          dev: {default: true}
          prod:
            mode: production
            workspace: {root_path: /Workspace/Shared/.bundle/titanic}
        """, "n.py": "# Databricks notebook source\n"]

    func testShortFollowUps() throws {
        var c = FollowUpTests.Conversation()
        c.files = Self.files
        _ = try c.ask("add retries to train_model")
        _ = try c.ask("3 retries")
        XCTAssertEqual(try c.value("jobs.training.tasks[train_model].max_retries", target: "dev"), "3")
        XCTAssertNil(try c.value("jobs.training.tasks[validate_model].max_retries", target: "dev"))

        _ = try c.ask("add a variable min_accuracy with default 0.8")
        _ = try c.ask("set it to 0.85 in prod")
        XCTAssertTrue(c.files["databricks.yml"]!.contains("    variables:\n      min_accuracy: \"0.85\""), c.files["databricks.yml"]!)

        _ = try c.ask("email ops@example.com when the training job fails")
        _ = try c.ask("also on success")
        XCTAssertEqual(try c.value("jobs.training.email_notifications.on_success", target: "dev"), "[ops@example.com]")
    }

    /// "make it 3" after "set a timeout of 2 hours" is 3 hours; after a 90-minute warning "make it 60"
    /// is 60 minutes.
    func testABareNumberKeepsTheUnitOfTheChangeBefore() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("set a timeout of 2 hours on the sales sync")
        _ = try c.ask("make it 3")
        XCTAssertEqual(try c.value("jobs.sales_sync.timeout_seconds", target: "dev"), "10800")
        _ = try c.ask("warn me if the billing export takes more than 90 minutes")
        _ = try c.ask("make it 60")
        XCTAssertEqual(try c.value("jobs.nightly_billing.health.rules", target: "dev"), "[{metric:RUN_DURATION_SECONDS,op:GREATER_THAN,value:3600}]")
        XCTAssertEqual(OfflinePlanner.durationUnit(of: "time it out after 90min"), "minutes")
    }

    /// "upgrade it", "remove it" after adding a library: "it" is the package (moci: "remove it" once
    /// removed a task); "remove pandas" is a package the bundle installs, without the word "library".
    func testItIsThePackageJustAdded() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("add the PyPI library polars==1.0.0 to the marketing digest")
        _ = try c.ask("upgrade it to 1.1.0")
        XCTAssertEqual(try c.value("jobs.marketing_digest.environments[default].spec.dependencies", target: "dev"), "[pandas,polars==1.1.0]")
        _ = try c.ask("remove it")
        XCTAssertEqual(try c.value("jobs.marketing_digest.environments[default].spec.dependencies", target: "dev"), "[pandas]")
        XCTAssertNotNil(try c.value("jobs.marketing_digest.tasks[digest]", target: "dev"))
        _ = try c.ask("remove pandas")
        XCTAssertNil(try c.value("jobs.marketing_digest.environments[default].spec.dependencies", target: "dev"))
    }

    /// "same for prod" after a value that names the target it was for (…/crm/staging, sales_dev): the
    /// value for prod names prod (tharsismn: prod got staging's root path).
    func testSameForATargetRenamesTheValuesThatNameTheOldOne() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("set the catalog variable to sales_dev in dev")
        _ = try c.ask("same for prod")
        let root = YAMLNode(.mapping(try SalesBundle.load(c.files).configuration), at: SourceLocation(file: "", line: 1, column: 1))
        XCTAssertEqual(PhrasingTableTests.value(at: "targets.prod.variables.catalog", in: root), "sales_prod")
        XCTAssertEqual(FollowUp.request("set the root path there to /Workspace/Shared/.bundle/crm/staging in staging", valuesNaming: "staging", renamedTo: "prod"),
                       "set the root path there to /Workspace/Shared/.bundle/crm/prod in staging")
        XCTAssertEqual(FollowUp.request("set the catalog to devops_main", valuesNaming: "dev", renamedTo: "prod"), "set the catalog to devops_main")
    }

    /// A variable in a conversation: "make it …" sets it again in the same target; "and warehouse_id …
    /// there" is the next variable there; "the warehouse id" names warehouse_id.
    func testVariablesInAConversation() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("set the catalog variable to sales_dev in prod")
        _ = try c.ask("make it sales_2026")
        let root = { YAMLNode(.mapping(try SalesBundle.load(c.files).configuration), at: SourceLocation(file: "", line: 1, column: 1)) }
        XCTAssertEqual(PhrasingTableTests.value(at: "targets.prod.variables.catalog", in: try root()), "sales_2026")
        _ = try c.ask("and warehouse_id 0123456789abcdef there")
        XCTAssertEqual(PhrasingTableTests.value(at: "targets.prod.variables.warehouse_id", in: try root()), "0123456789abcdef")
        _ = try c.ask("set the warehouse id name to fedcba9876543210 in dev")
        XCTAssertEqual(PhrasingTableTests.value(at: "targets.dev.variables.warehouse_id", in: try root()), "fedcba9876543210")
    }

    /// "only one run at a time" after "turn on queueing for the marketing job" (crm-webanalytics): another
    /// change that names no job is for the job of the turn before, not a question between every job.
    func testAnotherChangeNamingNoJobIsForThePreviousJob() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("turn on queueing for the marketing job")
        let plan = try c.ask("only one run at a time")
        XCTAssertEqual(plan?.job, "marketing_digest")
        // The reply says it chose that job, and which others could take it (trial of 2026-12-05).
        XCTAssertTrue(plan?.summary.contains("this is the one the conversation is about") == true, plan?.summary ?? "")
        XCTAssertTrue(plan?.summary.contains("sales_sync") == true, plan?.summary ?? "")
        XCTAssertEqual(try c.value("jobs.marketing_digest.max_concurrent_runs", target: "dev"), "1")
        XCTAssertNil(try c.value("jobs.sales_sync.max_concurrent_runs", target: "dev"))
    }

    /// "make it 8am instead" after "run the sales sync daily at 7am" and "pause it in dev" (DABs_CiCd):
    /// the schedule every target runs on moves, not dev's alone; the reply says it stays paused in dev.
    func testATimeAfterAPauseInOneTargetMovesTheScheduleOfEvery() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("run the sales sync daily at 7am")
        _ = try c.ask("pause it in dev")
        let plan = try c.ask("make it 8am instead")
        XCTAssertNil(plan?.target)
        XCTAssertEqual(try c.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "prod"), "0 0 8 * * ?")
        XCTAssertEqual(try c.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "dev"), "0 0 8 * * ?")
        XCTAssertEqual(try c.value("jobs.sales_sync.schedule.pause_status", target: "dev"), "PAUSED")
        XCTAssertTrue(plan?.summary.contains("stays paused in dev") == true, plan?.summary ?? "")
    }

    /// "run it in parallel with gold_performance" after renaming gold_mechanical (ima-telemetry): "it"
    /// is the task just renamed, under its new key.
    func testItIsTheTaskTheRequestBeforeNamed() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("rename the load task to load_sales")
        _ = try c.ask("run it in parallel with extract")
        XCTAssertNil(try c.value("jobs.sales_sync.tasks[load_sales].depends_on", target: "dev"))
        XCTAssertNotNil(try c.value("jobs.sales_sync.tasks[load_sales].task_key", target: "dev"))
    }

    /// "and the evaluation task to 30 minutes" after a 2 hour timeout on the train task, "and the silver
    /// ones to 2" after 3 retries on the bronze tasks (dab-demo, market-macro): the other task gets the
    /// value the follow-up gives, never the previous one.
    func testASameForFollowUpWithItsOwnNumber() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("set the timeout of the extract task to 2 hours")
        _ = try c.ask("and the load task to 30 minutes")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[extract].timeout_seconds", target: "dev"), "7200")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[load].timeout_seconds", target: "dev"), "1800")
        _ = try c.ask("set max retries to 3 on the extract task")
        _ = try c.ask("and the load task to 5")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[extract].max_retries", target: "dev"), "3")
        XCTAssertEqual(try c.value("jobs.sales_sync.tasks[load].max_retries", target: "dev"), "5")

        XCTAssertEqual(FollowUp.ownValue(RequestText("and semantic-text-splitter==0.15.0 to the visualization task")), "semantic-text-splitter==0.15.0")
        XCTAssertEqual(FollowUp.request("add the pypi package nltk==3.8.1 to the train task", withOwnValue: "spacy==3.7.4"), "add the pypi package spacy==3.7.4 to the train task")
        XCTAssertEqual(FollowUp.request("retry t30_gold_market 3 times", withOwnValue: "4"), "retry t30_gold_market 4 times")
        XCTAssertNil(FollowUp.ownValue(RequestText("same for the outpatients job")))
    }

    /// "also on success of training" after "email ml-ops@… when evaluation fails" (malaria trials): the
    /// same address on the event the follow-up names; "email the alert to ops@…" after a duration
    /// warning (market-macro): that warning's recipients, not the failure e-mails.
    func testAFollowUpNamingAnotherEventOrTheWarning() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("email lead@example.com when the sales sync fails")
        _ = try c.ask("also on success of the marketing digest")
        XCTAssertEqual(try c.value("jobs.marketing_digest.email_notifications.on_success", target: "dev"), "[ana@example.com,lead@example.com]")
        XCTAssertEqual(try c.value("jobs.marketing_digest.email_notifications.on_failure", target: "dev"), "[ops@example.com]")

        var d = FollowUpTests.Conversation()
        _ = try d.ask("alert if the sales sync runs longer than 2 hours")
        _ = try d.ask("email the alert to oncall@example.com")
        XCTAssertEqual(try d.value("jobs.sales_sync.email_notifications.on_duration_warning_threshold_exceeded", target: "dev"), "[oncall@example.com]")
        XCTAssertEqual(try d.value("jobs.sales_sync.email_notifications.on_failure", target: "dev"), "[data-team@example.com]")
    }

    /// absa: "same for telematics" after "email … when the flood job fails" and "and on success too": both
    /// events, as the first job has them now.
    func testSameForAnotherJobCopiesEveryEventOfThePeople() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("email lead@example.com when the sales sync fails")
        _ = try c.ask("and on success too")
        _ = try c.ask("same for the marketing digest")
        XCTAssertEqual(try c.value("jobs.marketing_digest.email_notifications.on_failure", target: "dev"), "[ops@example.com,lead@example.com]")
        XCTAssertEqual(try c.value("jobs.marketing_digest.email_notifications.on_success", target: "dev"), "[ana@example.com,lead@example.com]")
    }
}
