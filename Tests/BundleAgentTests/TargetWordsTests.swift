@testable import BundleAgent
import BundleModel
import XCTest

/// How requests name targets: another usual name of the target ("production" for prod), the verb's
/// object ("autoscale prod …"), and a usual name the bundle has no target for (refused, never the
/// shared definition instead).
final class TargetWordsTests: XCTestCase {
    func planned(_ request: String) throws -> PlanOutcome {
        OfflinePlanner().plan(PlanningContext(bundle: try SalesBundle.load(), request: RequestText(request)))
    }

    func testAnotherUsualNameOfATarget() throws {
        guard case .plan(let plan) = try planned("make the sync cluster smaller in production") else { return XCTFail() }
        XCTAssertEqual(plan.target, "prod")
        guard case .plan(let autoscale) = try planned("autoscale prod between 2 and 10 workers on the billing job") else { return XCTFail() }
        XCTAssertEqual(autoscale.target, "prod")
    }

    /// "the production training job" (pricing-workbench) names the job production_training: the
    /// change is its shared definition, not prod's; "… in prod" still is prod's.
    func testATargetsWordInAJobsNameIsTheJob() throws {
        var files = SalesBundle.files
        files["resources/production_training.yml"] = """
        resources:
          jobs:
            production_training:
              name: v1 - Train production pricing models
              tasks: [{task_key: train, notebook_task: {notebook_path: ../src/load.py}}]
        """
        let bundle = try SalesBundle.load(files)
        for (request, target) in [("set a timeout of 3 hours for the production training job", nil), ("add retries to the production training job", nil),
                                  ("add retries to the production training job in prod", "prod" as String?)] {
            guard case .plan(let plan) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request))) else { XCTFail(request); continue }
            XCTAssertEqual(plan.job, "production_training", request)
            XCTAssertEqual(plan.target, target, request)
        }
    }

    /// pricing-workbench: the verb "deploy" is no word of governance_agent_deploy's name.
    func testTheVerbDeployNamesNoJob() throws {
        var files = SalesBundle.files
        files["resources/governance_agent.yml"] = """
        resources:
          jobs:
            governance_agent_deploy:
              name: v1 - Deploy governance agent
              tasks: [{task_key: deploy, notebook_task: {notebook_path: ../src/load.py}}]
        """
        let outcome = OfflinePlanner().plan(PlanningContext(bundle: try SalesBundle.load(files), request: RequestText("don't deploy the use case jobs to prod")))
        if case .plan(let plan) = outcome { XCTFail("planned: \(plan.summary)") }
    }

    func testATargetTheBundleLacksIsRefused() throws {
        for request in ["set a timeout of 1 hour on the sales sync in staging", "use a smaller node type for the sync cluster in qa"] {
            guard case .refused(let reason) = try planned(request) else { XCTFail(request); continue }
            XCTAssertTrue(reason.hasPrefix("this bundle has no target "), reason)
            XCTAssertTrue(reason.hasSuffix("its targets: dev, prod (\"add a \(request.split(separator: " ").last!) target\" makes one)"), reason)
        }
        // A value, not a target: "the test task", "staging mode" are not targets.
        guard case .plan = try planned("set a timeout of 1 hour on the sales sync") else { return XCTFail() }
    }

    func testAScheduleEveryZeroMinutesIsRefused() throws {
        guard case .refused(let reason) = try planned("run the sales sync every 0 minutes") else { return XCTFail() }
        XCTAssertEqual(reason, "a schedule repeats at least every minute; say how often (\"every 15 minutes\")")
    }

    /// A job only a target defines is changed there, not given a top-level stub every target would get.
    func testAJobOnlyATargetDefinesIsChangedThere() throws {
        var c = FollowUpTests.Conversation()
        c.files["databricks.yml"] = c.files["databricks.yml"]!.replacingOccurrences(of: "    mode: development\n    default: true\n", with: """
            mode: development
            default: true
            resources:
              jobs:
                dev_smoke:
                  name: dev smoke test
                  tasks:
                    - task_key: smoke
                      notebook_task:
                        notebook_path: ./src/report.py

        """.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n"))
        XCTAssertNotNil(try c.value("jobs.dev_smoke", target: "dev"), c.files["databricks.yml"]!)
        _ = try c.ask("set the timeout of the dev smoke job to 2 hours")
        XCTAssertEqual(try c.value("jobs.dev_smoke.timeout_seconds", target: "dev"), "7200")
        XCTAssertNil(try c.value("jobs.dev_smoke", target: "prod"), "no stub for prod")
    }

    /// "in dev and prod" names both targets: the change in each of them (it once changed dev alone, then
    /// asked which); a variable's value goes to both too (PhrasingTableTests).
    func testTwoTargetsNamedTogetherAreBothSeen() throws {
        var c = FollowUpTests.Conversation()
        let plan = try c.ask("set a timeout of 2 hours on the sales sync in dev and prod")
        XCTAssertEqual(plan?.subject, "Time out sales_sync after 2 hours in dev and prod")
        XCTAssertEqual(try c.value("jobs.sales_sync.timeout_seconds", target: "dev"), "7200")
        XCTAssertEqual(try c.value("jobs.sales_sync.timeout_seconds", target: "prod"), "7200")
    }
}
