@testable import BundleAgent
import BundleModel
import XCTest

/// "use spot instances for the prod pipeline cluster" (dzdemo): the pipeline's cluster, not the job
/// that runs the pipeline (which has none); "the duration warning emails" are a job's alone.
final class PipelineSpotTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: complaints}
        resources:
          pipelines:
            complaints:
              name: complaints
              catalog: main
              schema: complaints
              clusters:
                - label: default
                  node_type_id: Standard_DS3_v2
                  num_workers: 2
              libraries: [{file: {path: ./p.py}}]
              notifications:
                - email_recipients: [ops@example.com]
                  alerts: [on-update-failure]
          jobs:
            daily:
              name: daily
              email_notifications:
                on_duration_warning_threshold_exceeded: [ops@example.com]
              health:
                rules: [{metric: RUN_DURATION_SECONDS, op: GREATER_THAN, value: 3600}]
              tasks:
                - task_key: refresh
                  pipeline_task: {pipeline_id: "${resources.pipelines.complaints.id}"}
        targets:
          dev: {mode: development, default: true}
          prod:
            mode: production
            workspace: {root_path: /Workspace/Shared/.bundle/complaints}
        """,
        "p.py": "print(1)\n",
    ]

    func testSpotForThePipelineCluster() throws {
        let (_, bundle) = try InMemoryPlanning.apply("use spot instances for the prod pipeline cluster", to: Self.files, intent: AvailabilityIntent.id)
        let cluster = bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["pipelines"]?["complaints"]?["clusters"]?.sequence?.first
        XCTAssertEqual(cluster?["azure_attributes"]?["availability"]?.string, "SPOT_WITH_FALLBACK_AZURE")
        XCTAssertNil(bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["pipelines"]?["complaints"]?["clusters"]?.sequence?.first?["azure_attributes"])
    }

    func testDurationWarningRecipientsAreTheJobs() throws {
        let (_, bundle) = try InMemoryPlanning.apply("remove ops@example.com from the duration warning emails", to: Self.files)
        let resources = bundle.configuration["resources"]
        XCTAssertNil(resources?["jobs"]?["daily"]?["email_notifications"])
        XCTAssertEqual(resources?["pipelines"]?["complaints"]?["notifications"]?.sequence?.first?["email_recipients"]?.sequence?.first?.string, "ops@example.com")
    }

    /// "do a full refresh of the pipeline in the refresh job" beside a job named "… Full Setup"
    /// (actuarial-workshop): "full refresh" says what, not which job.
    func testAFullRefreshIsNoJobsName() throws {
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "    daily:\n      name: daily\n", with: """
            setup:
              name: Workshop Full Setup
              tasks: [{task_key: once, pipeline_task: {pipeline_id: "${resources.pipelines.complaints.id}"}}]
            daily:
              name: daily refresh

        """)
        let (plan, bundle) = try InMemoryPlanning.apply("do a full refresh of the pipeline in the refresh job", to: files, intent: PipelineTaskIntent.id)
        XCTAssertEqual(plan.job, "daily")
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["daily"]?["tasks"]?.sequence?.first?["pipeline_task"]?["full_refresh"]?.string, "true")
    }

    /// "pipelines.trigger.interval=1 hour" (actuarial-workshop: committed as "1"): the number and its unit.
    func testAConfigurationValueWithItsUnit() throws {
        for request in ["add a configuration key pipelines.trigger.interval=1 hour to the pipeline",
                        "set the pipeline configuration pipelines.trigger.interval to 1 hour"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.files, intent: PipelineConfigurationIntent.id)
            XCTAssertEqual(bundle.configuration["resources"]?["pipelines"]?["complaints"]?["configuration"]?["pipelines.trigger.interval"]?.string, "1 hour", request)
        }
    }

    /// "stop emailing X when the pipeline fails": every failure alert goes (weather: the fatal one stayed).
    func testStoppingFailureEmailsOfAPipeline() throws {
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "alerts: [on-update-failure]", with: "alerts: [on-update-failure, on-update-fatal-failure]")
        let (_, bundle) = try InMemoryPlanning.apply("stop emailing ops@example.com when the pipeline fails", to: files)
        XCTAssertNil(bundle.configuration["resources"]?["pipelines"]?["complaints"]?["notifications"])
    }
}
