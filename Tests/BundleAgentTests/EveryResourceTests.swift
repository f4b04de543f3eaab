@testable import BundleAgent
import BundleModel
import XCTest

/// Requests about every job (or pipeline) of `SalesBundle`: one plan that changes each resource the
/// change fits, says which it left alone, and leaves ambiguous words ("either job") a question.
final class EveryResourceTests: XCTestCase {
    func testTheQuantifiedKindsAreRead() {
        let cases: [(String, Set<String>)] = [
            ("set a timeout of 2 hours on every job", ["jobs"]),
            ("email ops@example.com when any job fails", ["jobs"]),
            ("allow 2 concurrent runs of all of the jobs", ["jobs"]),
            ("retry each of my workflows 3 times", ["jobs"]),
            ("email ops@example.com on failure of all jobs and pipelines", ["jobs", "pipelines"]),
            ("run all the bundle's pipelines in development mode", ["pipelines"]),
            ("retry all tasks of sales_sync 3 times", []),
            ("set the timeout of either job to 2 hours", []),
            ("don't send any email on success", []),
            ("make the all-purpose cluster smaller", []),
            ("set a timeout of 2 hours on both jobs", ["jobs"]),
            ("pause all schedules in prod", ["jobs"]),
            ("set max retries to 3 for all tasks", ["jobs"]),
            ("pause everything in dev", ["jobs", "pipelines", "alerts"]),
            ("tag the jobs with team=qa", ["jobs"]),
            ("let group analysts view the three pipelines", ["pipelines"]),
            ("give all ML jobs the tag owner=ml-team", ["jobs"]),
            // (It asked which job, or took the one the conversation was about.)
            ("email ml-oncall@acme.com when anything fails in prod", ["jobs", "pipelines"]),
            ("don't change anything else", []),
        ]
        for (request, types) in cases {
            XCTAssertEqual(EveryResource.types(in: RequestText(request)), types, request)
        }
    }

    /// "all tasks" with no job named: every task of every job.
    func testAllTasksAreTheTasksOfEveryJob() throws {
        var c = FollowUpTests.Conversation()
        let plan = try XCTUnwrap(try c.ask("set max retries to 3 for all tasks"))
        XCTAssertEqual(Set(plan.edits.map(\.file)), ["resources/sales_sync.job.yml", "resources/marketing/marketing_digest.job.yml", "resources/billing.job.yml"])
        for path in ["jobs.sales_sync.tasks[extract]", "jobs.sales_sync.tasks[load]", "jobs.marketing_digest.tasks[digest]", "jobs.nightly_billing.tasks[export]"] {
            XCTAssertEqual(try c.value("\(path).max_retries", target: "prod"), "3", path)
        }
    }

    func testEveryJobIsChangedInOneRevision() throws {
        var c = FollowUpTests.Conversation()
        let plan = try XCTUnwrap(try c.ask("set a timeout of 2 hours on every job"))
        XCTAssertEqual(plan.subject, "Time out every job after 2 hours")
        XCTAssertNil(plan.resource, "a plan of several resources names none")
        XCTAssertEqual(Set(plan.edits.map(\.file)), ["resources/sales_sync.job.yml", "resources/marketing/marketing_digest.job.yml", "resources/billing.job.yml"])
        for job in ["sales_sync", "marketing_digest", "nightly_billing"] {
            XCTAssertEqual(try c.value("jobs.\(job).timeout_seconds", target: "dev"), "7200", job)
        }
        for job in ["sales_sync", "marketing_digest", "nightly_billing"] {
            XCTAssertTrue(plan.summary.contains("job \(job)"), plan.summary)
        }
    }

    func testAnyJobFailsMeansEachJob() throws {
        var c = FollowUpTests.Conversation()
        let plan = try XCTUnwrap(try c.ask("send an email to oncall@example.com when any job fails"))
        for job in ["sales_sync", "marketing_digest", "nightly_billing"] {
            XCTAssertEqual(try c.value("jobs.\(job).email_notifications.on_failure", target: "dev")?.contains("oncall@example.com"), true, job)
        }
        XCTAssertEqual(plan.subject, "Email oncall@example.com on failure of every job")
    }

    /// In a target: each job's override block, and "same for prod" repeats it for every job there.
    func testEveryJobInATargetAndTheFollowUp() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("allow 3 concurrent runs of all jobs in dev")
        XCTAssertEqual(try c.value("jobs.nightly_billing.max_concurrent_runs", target: "dev"), "3")
        XCTAssertNil(try c.value("jobs.nightly_billing.max_concurrent_runs", target: "prod"))
        let plan = try XCTUnwrap(try c.ask("same for prod"))
        XCTAssertEqual(plan.target, "prod")
        for job in ["sales_sync", "marketing_digest", "nightly_billing"] {
            XCTAssertEqual(try c.value("jobs.\(job).max_concurrent_runs", target: "prod"), "3", job)
        }
    }

    /// Jobs the change does not fit (serverless: no cluster) stay as they are, and the summary says so.
    func testJobsTheChangeDoesNotFitAreNamed() throws {
        var c = FollowUpTests.Conversation()
        let plan = try XCTUnwrap(try c.ask("turn on photon for every job"))
        XCTAssertEqual(try c.value("jobs.sales_sync.job_clusters[sync_cluster].new_cluster.runtime_engine", target: "dev"), "PHOTON")
        XCTAssertEqual(try c.value("jobs.nightly_billing.job_clusters[ml_cluster].new_cluster.runtime_engine", target: "dev"), "PHOTON")
        XCTAssertTrue(plan.summary.contains("Not changed: marketing_digest"), plan.summary)
        XCTAssertFalse(plan.edits.contains { $0.file.contains("marketing") })
    }

    /// A job already as asked is left out of the edits and named in the summary.
    func testJobsAlreadyAsAskedAreNotEdited() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("set a timeout of 1 hour on the billing job")
        var plan = try XCTUnwrap(try c.ask("set a timeout of 1 hour on every job"))
        XCTAssertFalse(plan.edits.contains { $0.file == "resources/billing.job.yml" })
        XCTAssertTrue(plan.summary.contains("Not changed: nightly_billing (job nightly_billing already times out after 1 hour)"), plan.summary)
        XCTAssertEqual(try c.value("jobs.sales_sync.timeout_seconds", target: "dev"), "3600")
        // An intent whose plan for a job already as asked edits nothing.
        _ = try c.ask("turn on queueing for the billing job")
        plan = try XCTUnwrap(try c.ask("turn on queueing for every job"))
        XCTAssertFalse(plan.edits.contains { $0.file == "resources/billing.job.yml" })
        XCTAssertTrue(plan.summary.contains("Already as asked: nightly_billing."), plan.summary)
    }

    func testAmbiguousWordsStillAsk() throws {
        let bundle = try SalesBundle.load()
        for request in ["set the timeout of either job to 2 hours", "set the timeout of the other job to 2 hours"] {
            guard case .clarify = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request))) else {
                return XCTFail(request)
            }
        }
        // A resource given with the request wins over "every".
        let context = PlanningContext(bundle: bundle, request: RequestText("set a timeout of 2 hours on every job"), resourceOption: "jobs.sales_sync")
        guard case .plan(let plan) = OfflinePlanner().plan(context) else { return XCTFail("--resource answers it") }
        XCTAssertEqual(plan.resource?.key, "sales_sync")
    }

    func testSubjectsNameTheResourcesChanged() {
        let reference = ResourceReference(type: "pipelines", key: "orders_cdc")
        XCTAssertEqual(EveryResource.rephrase("Rename pipeline orders_cdc to \"Orders\"", resource: reference, as: "every pipeline"),
                       "Rename every pipeline to \"Orders\"")
        XCTAssertEqual(EveryResource.rephrase("Time out orders_cdc_v2 after 1 hour", resource: reference, as: "every pipeline"),
                       "Time out orders_cdc_v2 after 1 hour")
        XCTAssertEqual(EveryResource.spoken([ResourceReference(type: "jobs", key: "a"), ResourceReference(type: "jobs", key: "b")]), "jobs a and b")
    }

    /// "let group payer-analysts view all pipelines" (payer_dlt): the group's name is no word of the
    /// job dlt_payer_demo_setup; every pipeline gets the grant and the job none.
    func testAGroupsNameNamesNoResource() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: payer}
            resources:
              jobs:
                payer_setup:
                  name: payer setup
                  tasks: [{task_key: setup, notebook_task: {notebook_path: ./setup.py}}]
              pipelines:
                bronze: {name: Ingest Bronze data, catalog: main, schema: payer, serverless: true, libraries: [{notebook: {path: ./bronze.py}}]}
                silver: {name: Ingest Silver data, catalog: main, schema: payer, serverless: true, libraries: [{notebook: {path: ./silver.py}}]}
            targets:
              dev: {mode: development, default: true}
            """,
            "setup.py": "# Databricks notebook source\n", "bronze.py": "# Databricks notebook source\n", "silver.py": "# Databricks notebook source\n",
        ]
        for request in ["let group payer-analysts view all pipelines", "let the group payer-analysts view the two pipelines"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files, intent: PermissionIntent.id)
            let resources = bundle.configuration["resources"]
            XCTAssertNil(resources?["jobs"]?["payer_setup"]?["permissions"], request)
            for key in ["bronze", "silver"] {
                XCTAssertEqual(resources?["pipelines"]?[key]?["permissions"]?.sequence?.first?["group_name"]?.string, "payer-analysts", request)
            }
        }
    }

    /// "give all ML jobs the tag owner=ml-team" (wanderbricks): the jobs with that word in their name,
    /// not every job; a word no job has is refused.
    func testAQualifiedKindIsTheResourcesItNames() throws {
        XCTAssertEqual(EveryResource.qualifiers(in: RequestText("give all ML jobs the tag owner=ml-team")), ["ml"])
        XCTAssertEqual(EveryResource.qualifiers(in: RequestText("tag all jobs with team=data")), [])
        let bundle = try SalesBundle.load()
        guard case .plan(let tagged) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("tag all billing jobs with team=finance"))) else { return XCTFail() }
        XCTAssertEqual(tagged.edits.map(\.file), ["resources/billing.job.yml"], tagged.summary)
        guard case .plan(let timed) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("set a timeout of 2 hours on all sales jobs"))) else { return XCTFail() }
        XCTAssertEqual(timed.edits.map(\.file), ["resources/sales_sync.job.yml"], timed.summary)
        guard case .refused(let reason) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("tag all finance jobs with team=x"))) else { return XCTFail() }
        XCTAssertTrue(reason.contains("\"finance\""), reason)
    }
}
