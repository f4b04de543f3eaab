@testable import BundleAgent
import BundleModel
import BundleRepository
import BundleValidation
import XCTest

/// Several phrasings of every intent reach that intent and produce a plan whose edits apply and keep
/// the bundle valid (on the default-python template, in memory).
final class IntentPhrasingTests: XCTestCase {
    static let phrasings: [String: [String]] = [
        ClusterSizeIntent.id: ["make the dev cluster smaller", "halve the workers", "double the workers in prod", "scale the cluster to 8 workers",
                               "make it bigger", "use fewer workers in dev"],
        AutoscaleIntent.id: ["autoscale between 2 and 8 workers", "turn on autoscaling up to 10 workers", "enable auto-scaling"],
        SingleNodeIntent.id: ["make the dev cluster single-node", "use a single node cluster in dev", "single-node please"],
        PhotonIntent.id: ["turn on Photon", "enable photon in prod", "disable Photon"],
        AvailabilityIntent.id: ["use spot instances", "run on on-demand instances in prod", "switch to preemptible workers"],
        SparkVersionIntent.id: ["upgrade Spark to the latest LTS", "use Databricks Runtime 16.4 in dev", "update the runtime to 16.4 LTS"],
        NodeTypeIntent.id: ["use a larger node type", "smaller instances in dev", "bigger machines in prod"],
        ScheduleIntent.id: ["run daily at 2am", "every weekday at 6:30 Berlin time", "run hourly", "schedule it with cron 0 0 5 * * ?",
                            "run every monday at 7:15 London time"],
        SchedulePauseIntent.id: ["pause the schedule", "unpause the job in prod", "resume the schedule"],
        TriggerIntent.id: ["trigger the job when files arrive in /Volumes/main/raw/landing", "run when main.sales.orders is updated",
                           "start it whenever files land in /Volumes/main/raw/in"],
        JobTimeoutIntent.id: ["set the timeout to 2 hours", "time out after 90 minutes", "stop the job after 30 min", "give it a timeout of 1h30m"],
        TaskRetriesIntent.id: ["retry tasks 3 times", "add retries", "retry failed tasks twice in prod"],
        MaxConcurrentRunsIntent.id: ["allow 3 concurrent runs", "let it run 2 runs in parallel", "allow 4 runs at once"],
        QueueIntent.id: ["turn on queueing", "disable the queue in dev", "queue runs"],
        EmailNotificationIntent.id: ["email ana@example.com on failure", "notify bob@example.com when it succeeds", "send mail to ops@example.com when it starts"],
        WebhookIntent.id: ["notify the webhook 7a3b2c1d-0000-4000-8000-000000000002 on failure", "call webhook 7a3b2c1d-0000-4000-8000-000000000003 when it starts"],
        TagsIntent.id: ["tag the job with team=data", "tag all jobs with owner=platform", "add the tag cost-center: 42"],
        PermissionIntent.id: ["let the group data-engineers view the job", "give ana@example.com CAN_MANAGE_RUN", "grant access to the group analysts"],
        RunAsIntent.id: ["run prod as the service principal 6f1c3a52-0000-4000-8000-000000000001", "run as service principal 6f1c3a52-0000-4000-8000-000000000001"],
        AddTargetIntent.id: ["add a staging target", "create a new target qa", "add a target called uat"],
        VariableIntent.id: ["parameterize the spark_version", "add a variable warehouse_id with default abc123", "add a new variable region with default eu"],
        JobParameterIntent.id: ["add a job parameter env with default dev", "add the parameter run_date default today"],
        LibraryIntent.id: ["add the PyPI library pandas==2.2.2", "install the package requests", "add the Maven library com.example:lib:1.0"],
        AddTaskIntent.id: ["add a task report after notebook_task that runs src/notebook.py", "add a task cleanup that runs src/notebook.py"],
        ServerlessIntent.id: ["run the job on serverless compute", "switch to serverless", "move to serverless"],
        AutoTerminationIntent.id: ["auto-terminate the cluster after 30 minutes", "shut down idle clusters after an hour"],
        JobNameIntent.id: ["rename the job to \"Nightly ETL\"", "set the description to \"Loads the trips\"", "call it nightly-trips"],
    ]

    func testEveryIntentHasPhrasingsThatReachIt() throws {
        var files = BundleTemplate.named("default-python")!.render(bundleName: "nightly_etl")
        // An all-purpose cluster too, for auto-termination.
        files["resources/shared.cluster.yml"] = "resources:\n  clusters:\n    shared:\n      cluster_name: shared\n      spark_version: 15.4.x-scala2.12\n      node_type_id: i3.xlarge\n      num_workers: 2\n"
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        // The intents only pipelines have are phrased on a bundle with pipelines (PipelinePhrasingTests).
        XCTAssertEqual(Set(Self.phrasings.keys).union(PipelinePhrasingTests.pipelineOnly), Set(OfflinePlanner.intents.map { $0.id }), "every intent needs phrasings here")
        for (id, requests) in Self.phrasings.sorted(by: { $0.key < $1.key }) {
            XCTAssertGreaterThanOrEqual(requests.count, 2, id)
            for request in requests {
                let context = PlanningContext(bundle: bundle, request: RequestText(request))
                let (outcome, intent) = OfflinePlanner().plan(context, session: nil)
                XCTAssertEqual(intent, id, "\"\(request)\" reached \(intent ?? "nothing")")
                guard case .plan(let plan) = outcome else {
                    XCTFail("\"\(request)\": \(outcome)")
                    continue
                }
                // The edits apply, and the bundle stays valid for every target.
                let edited = try OfflinePlanner.apply(plan) { files[$0]! }
                var all = files
                for (k, v) in edited { all[k] = v }
                let report = try ValidationRequest(targets: .all).run(source: InMemoryFileSource(texts: all))
                XCTAssertEqual(report.errors, 0, "\"\(request)\": \(report.diagnostics.filter { $0.severity == .error }.map(\.summary))")
            }
        }
    }

    func testNodeTypesResizeWithinTheirFamily() {
        XCTAssertEqual(NodeTypeIntent.resize("i3.xlarge", larger: true), "i3.2xlarge")
        XCTAssertEqual(NodeTypeIntent.resize("m5d.2xlarge", larger: false), "m5d.xlarge")
        XCTAssertEqual(NodeTypeIntent.resize("Standard_DS3_v2", larger: true), "Standard_DS4_v2")
        XCTAssertEqual(NodeTypeIntent.resize("Standard_D4ds_v5", larger: true), "Standard_D8ds_v5")
        XCTAssertEqual(NodeTypeIntent.resize("Standard_E8s_v3", larger: false), "Standard_E4s_v3")
        XCTAssertEqual(NodeTypeIntent.resize("n2-standard-4", larger: true), "n2-standard-8")
        XCTAssertEqual(NodeTypeIntent.resize("n2-highmem-8", larger: false), "n2-highmem-4")
        XCTAssertNil(NodeTypeIntent.resize("i3.medium", larger: false))
    }

    func testATargetThatMattersIsAskedFor() throws {
        var files = BundleTemplate.named("default-python")!.render(bundleName: "nightly_etl")
        files["databricks.yml"] = files["databricks.yml"]! + "    resources:\n      jobs:\n        nightly_etl_job:\n          job_clusters:\n            - job_cluster_key: job_cluster\n              new_cluster:\n                num_workers: 8\n"
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        guard case .clarify(let question, let choices) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("make the cluster smaller"))) else {
            return XCTFail("expected a question")
        }
        XCTAssertTrue(question.contains("prod"), question)
        XCTAssertEqual(choices, ["--target dev", "--target prod"])
        guard case .plan(let plan) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("make the cluster smaller"), targetOption: "prod")) else {
            return XCTFail("--target answers it")
        }
        XCTAssertEqual(plan.summary, "Set 4 workers (was 8) on job cluster job_cluster of job nightly_etl_job for target prod.")
    }

    func testUnrelatedRequestsAreNotUnderstood() throws {
        let files = BundleTemplate.named("default-python")!.render(bundleName: "nightly_etl")
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        for request in ["make coffee", "what is the weather", "hello"] {
            guard case .notUnderstood(_, let examples) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request))) else {
                return XCTFail("\"\(request)\" was understood")
            }
            XCTAssertFalse(examples.isEmpty)
        }
    }
}
