@testable import BundleAgent
import BundleModel
import BundleValidation
import XCTest

/// Requests that ask for several changes, clause by clause, as one plan; and requests whose "and"
/// joins parts of one change, which stay whole.
final class CompoundRequestTests: XCTestCase {
    func planned(_ request: String) throws -> (PlanOutcome, LoadedBundle?) {
        let outcome = OfflinePlanner().plan(PlanningContext(bundle: try SalesBundle.load(), request: RequestText(request)))
        guard case .plan(let plan) = outcome else { return (outcome, nil) }
        var files = SalesBundle.files
        for (path, text) in try plan.contents ?? OfflinePlanner.apply(plan, read: { files[$0]! }) { files[path] = text }
        let report = try ValidationRequest(targets: .all).run(source: InMemoryFileSource(texts: files))
        XCTAssertEqual(report.errors, 0, request)
        return (outcome, try SalesBundle.load(files))
    }

    func value(_ bundle: LoadedBundle?, _ target: String, _ path: String) -> String? {
        PhrasingTableTests.value(at: path, in: bundle?.effectiveConfiguration(target: target).configuration["resources"])
    }

    func testEachClauseIsPlannedOnWhatTheOnesBeforeLeft() throws {
        let (first, a) = try planned("add retries and set a timeout of 1 hour on the sales sync")
        XCTAssertEqual(value(a, "dev", "jobs.sales_sync.tasks[extract].max_retries"), "2")
        XCTAssertEqual(value(a, "dev", "jobs.sales_sync.timeout_seconds"), "3600")
        XCTAssertNil(value(a, "dev", "jobs.marketing_digest.timeout_seconds"))
        guard case .plan(let plan) = first else { return XCTFail("\(first)") }
        XCTAssertTrue(plan.subject.contains("; "), plan.subject)

        let (_, b) = try planned("make the sync cluster smaller, turn on photon and email ops@example.com on failure")
        XCTAssertEqual(value(b, "dev", "jobs.sales_sync.job_clusters[sync_cluster].new_cluster.num_workers"), "2")
        XCTAssertEqual(value(b, "dev", "jobs.sales_sync.job_clusters[sync_cluster].new_cluster.runtime_engine"), "PHOTON")
        XCTAssertTrue(PhrasingTableTests.matches(value(b, "dev", "jobs.sales_sync.email_notifications.on_failure"), "∋ops@example.com"))

        let (_, c) = try planned("pause the schedule in prod, then rename the sales sync to \"Sales\"")
        XCTAssertEqual(value(c, "prod", "jobs.sales_sync.schedule.pause_status"), "PAUSED")
        XCTAssertNil(value(c, "dev", "jobs.sales_sync.schedule.pause_status"))
        XCTAssertEqual(value(c, "dev", "jobs.sales_sync.name"), "Sales")
    }

    /// A clause sees what the ones before made: the volume goes into the schema just added.
    func testANewVolumeInTheSchemaJustAdded() throws {
        let (outcome, bundle) = try planned("add a schema called bronze, then create a volume called raw")
        guard case .plan(let plan) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(plan.createdFiles, ["resources/bronze.schema.yml", "resources/raw.volume.yml"])
        XCTAssertEqual(PhrasingTableTests.value(at: "resources.volumes.raw.schema_name", in: bundle.map { YAMLNode(.mapping($0.configuration), at: SourceLocation(file: "", line: 1, column: 1)) }),
                       "${resources.schemas.bronze.name}")
        XCTAssertEqual(value(bundle, "prod", "volumes.raw.catalog_name"), "main")
    }

    /// A clause the bundle already is as asked for changes nothing, and the others still go in.
    func testAClauseAlreadyAsAskedLetsTheOthersGoOn() throws {
        let (outcome, bundle) = try planned("use environment version 2 for the marketing digest, then set a timeout of 1 hour on the marketing digest")
        guard case .plan(let plan) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(value(bundle, "dev", "jobs.marketing_digest.timeout_seconds"), "3600")
        XCTAssertTrue(plan.summary.contains("Nothing to change for \"use environment version 2"), plan.summary)
    }

    /// "it" after a clause that added a target is that target.
    func testALaterClauseIsAboutTheTargetJustAdded() throws {
        let (outcome, bundle) = try planned("add a qa target and make it production mode")
        guard case .plan = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(bundle?.targetsMapping?["qa"]?["mode"]?.string, "production")
        XCTAssertEqual(bundle?.targetsMapping?["dev"]?["mode"]?.string, "development")
        // The mode said with the new target is the new target's.
        let (withMode, modeBundle) = try planned("add a qa target and use production mode")
        guard case .plan = withMode else { return XCTFail("\(withMode)") }
        XCTAssertEqual(modeBundle?.targetsMapping?["qa"]?["mode"]?.string, "production")
    }

    func testAndInsideOneChangeStaysWhole() throws {
        for (request, intent) in [("autoscale the sync cluster between 2 and 8 workers", AutoscaleIntent.id),
                                  ("email ana@example.com on success and failure of the sales sync", EmailNotificationIntent.id),
                                  ("run load and extract in parallel", TaskDependencyIntent.id)] {
            XCTAssertNil(CompoundRequest.clauses(request), request)
            XCTAssertEqual(OfflinePlanner().plan(PlanningContext(bundle: try SalesBundle.load(), request: RequestText(request)), session: nil).intent, intent, request)
        }
        XCTAssertEqual(CompoundRequest.clauses("pause the schedule in prod, then rename the job"), ["pause the schedule in prod", "rename the job"])
        // Without a verb of its own, a clause that asks for something else takes the verb before it.
        XCTAssertEqual(CompoundRequest.clauses("add retries and a 1 hour timeout"), ["add retries", "add a 1 hour timeout"])
        XCTAssertNil(CompoundRequest.clauses("add a task a and a task b"))
    }

    func testAClauseThatCannotBeDoneStopsTheWholeRequest() throws {
        let (outcome, bundle) = try planned("turn on photon for the marketing digest and add retries to the sales sync")
        XCTAssertNil(bundle)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.hasPrefix("\"turn on photon for the marketing digest\": "), reason)
    }

    /// A clause no intent understands is not dropped without a word: when the whole request would plan
    /// to what the other clauses plan to, it is not understood and the clause is named. Read whole, a
    /// request whose "and" is part of one change still plans ("let everyone view and run the job").
    func testAClauseNothingUnderstandsIsNamedNotDropped() throws {
        for (request, clause) in [("add retries to the sales sync and make it faster", "make it faster"),
                                  ("set a timeout of 1 hour on the sales sync and send the reports to finance", "send the reports to finance"),
                                  ("add retries to the sales sync and deploy it the fast way", "deploy it the fast way")] {
            let (outcome, bundle) = try planned(request)
            XCTAssertNil(bundle, request)
            guard case .notUnderstood(let message, let examples) = outcome else { XCTFail("\(request): \(outcome)"); continue }
            XCTAssertTrue(message.hasPrefix("I did not understand \"\(clause)\", so nothing was changed."), message)
            XCTAssertTrue(message.contains("I understood the rest: Set "), message)
            XCTAssertFalse(examples.isEmpty)
        }
        // A clause that cannot be done is named too, also when the whole request reads as the first clause.
        let (single, none) = try planned("turn on photon for the sales sync and make the marketing digest bigger")
        XCTAssertNil(none)
        guard case .refused(let reason) = single else { return XCTFail("\(single)") }
        XCTAssertTrue(reason.hasPrefix("\"make the marketing digest bigger\": "), reason)
        let (whole, bundle) = try planned("let everyone view and run the sales sync")
        guard case .plan = whole else { return XCTFail("\(whole)") }
        let permissions = value(bundle, "dev", "jobs.sales_sync.permissions") ?? "-"
        XCTAssertTrue(permissions.contains("CAN_MANAGE_RUN"), permissions)
        // A target the bundle lacks is said first: nothing of the request can be done there.
        let (missing, _) = try planned("add retries to the sales sync, then deploy it to staging")
        guard case .refused(let reason) = missing else { return XCTFail("\(missing)") }
        XCTAssertEqual(reason, "this bundle has no target staging; its targets: dev, prod (\"add a staging target\" makes one)")
    }
}
