@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trial of 2026-12-06 on public bundles that were committed wrong, dropped in part
/// or read as about the wrong resource: each asserts the values written, or that nothing was.
final class PublicBundleTrial48Tests: XCTestCase {
    /// A job with a job cluster whose policy is a variable, and a pipeline with a cluster (as
    /// guidotognini/market_risk has them).
    static let market = [
        "databricks.yml": """
        bundle: {name: market}
        include: [resources/*.yml]
        variables:
          cluster_policy_id: {description: Cluster policy ID, default: ABCDEF0123456789}
          other_policy: {default: 0123456789ABCDEF}
        targets:
          dev: {default: true, mode: development}
          prod: {mode: production}
        """,
        "resources/jobs.yml": """
        resources:
          jobs:
            positions:
              name: positions
              job_clusters:
                - job_cluster_key: rates_cluster
                  new_cluster:
                    spark_version: 15.4.x-scala2.12
                    node_type_id: i3.xlarge
                    num_workers: 2
              tasks:
                - task_key: extract
                  job_cluster_key: rates_cluster
                  notebook_task: {notebook_path: ../src/extract.py}
        """,
        "resources/pipelines.yml": """
        resources:
          pipelines:
            medallion:
              name: medallion
              catalog: main
              schema: fx
              libraries:
                - notebook: {path: ../src/dlt.py}
              clusters:
                - label: default
                  num_workers: 1
        """,
        "src/extract.py": "# Databricks notebook source\nprint(1)\n",
        "src/dlt.py": "# Databricks notebook source\nprint(1)\n",
    ]

    /// "use the cluster policy ${var.cluster_policy_id} …" took the variable for a cluster id: every
    /// task ran on `existing_cluster_id: ${var.cluster_policy_id}` and the job cluster was removed.
    func testAPolicyGivenAsAVariableIsThePolicy() throws {
        let (_, job) = try InMemoryPlanning.apply("use the cluster policy ${var.other_policy} for the rates cluster", to: Self.market)
        let positions = job.configuration["resources"]?["jobs"]?["positions"]
        XCTAssertEqual(positions?["job_clusters"]?.sequence?.first?["new_cluster"]?["policy_id"]?.string, "${var.other_policy}")
        XCTAssertNil(positions?["tasks"]?.sequence?.first?["existing_cluster_id"], "no task moved to an existing cluster")
        XCTAssertEqual(positions?["job_clusters"]?.sequence?.count, 1, "the job cluster stays")

        // "… for the pipeline (cluster)": the pipeline's cluster, not the job's.
        for request in ["use the cluster policy ${var.cluster_policy_id} for the pipeline cluster", "use the cluster policy 000F602AE923EB35 for the pipeline"] {
            let (_, pipeline) = try InMemoryPlanning.apply(request, to: Self.market)
            let cluster = pipeline.configuration["resources"]?["pipelines"]?["medallion"]?["clusters"]?.sequence?.first
            XCTAssertNotNil(cluster?["policy_id"]?.string, request)
            XCTAssertNil(pipeline.configuration["resources"]?["jobs"]?["positions"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["policy_id"], request)
        }
    }

    /// A bundle whose only clusters are a pipeline's: "use spot instances" is for that cluster.
    func testClusterSettingsGoToTheOnlyPipelineCluster() throws {
        var files = Self.market
        files["resources/jobs.yml"] = nil
        files["src/extract.py"] = nil
        let (_, bundle) = try InMemoryPlanning.apply("use spot instances", to: files)
        let cluster = bundle.configuration["resources"]?["pipelines"]?["medallion"]?["clusters"]?.sequence?.first
        XCTAssertEqual(cluster?["aws_attributes"]?["availability"]?.string, "SPOT_WITH_FALLBACK")
    }

    static let daily = [
        "databricks.yml": """
        bundle: {name: liquor}
        include: [resources/*.yml]
        targets:
          dev: {default: true, mode: development}
          prod: {mode: production}
        """,
        "resources/daily.yml": """
        resources:
          jobs:
            daily:
              name: daily
              tasks:
                - task_key: load
                  notebook_task: {notebook_path: ../src/load.py}
                - task_key: check
                  depends_on: [{task_key: load}]
                  notebook_task: {notebook_path: ../src/check.py}
        """,
        "src/load.py": "# Databricks notebook source\nprint(1)\n",
        "src/check.py": "# Databricks notebook source\nprint(1)\n",
    ]

    /// A target said once for several changes, before or after them, scopes every one: one clause
    /// went to every target, or was dropped without a word ("in prod only, …").
    func testATargetSaidOnceScopesEveryClause() throws {
        let requests = [
            "in prod only, add retries and set a timeout of 2 hours",
            "add retries and set a timeout of 2 hours, prod only",
            "for prod: add retries and set a timeout of 2 hours",
            "only in prod: add retries and set a timeout of 2 hours",
            "add retries and set a timeout of 2 hours in prod only",
        ]
        for request in requests {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.daily)
            let prod = bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["daily"]
            let dev = bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["daily"]
            XCTAssertEqual(prod?["timeout_seconds"]?.string, "7200", request)
            XCTAssertNotNil(prod?["tasks"]?.sequence?.first?["max_retries"], request)
            XCTAssertNil(dev?["timeout_seconds"], request)
            XCTAssertNil(dev?["tasks"]?.sequence?.first?["max_retries"], "\(request): retries in dev")
        }
        let (_, both) = try InMemoryPlanning.apply("in prod only, email ops@example.com when the daily job fails and schedule it daily at 6am Chicago time", to: Self.daily)
        let prod = both.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["daily"]
        XCTAssertEqual(prod?["email_notifications"]?["on_failure"]?.sequence?.first?.string, "ops@example.com")
        XCTAssertEqual(prod?["schedule"]?["timezone_id"]?.string, "America/Chicago", "the schedule is not dropped")
        XCTAssertNil(both.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["daily"]?["schedule"])
    }

    /// "the dq job" where the conversation was about another job: asked which, never the other job.
    func testAnAbbreviatedJobIsNotTheConversationsJob() throws {
        var files = Self.daily
        files["resources/quality.yml"] = """
        resources:
          jobs:
            data_quality_job:
              name: data_quality_job
              tasks:
                - task_key: dq
                  notebook_task: {notebook_path: ../src/check.py}
        """
        var conversation = PublicBundleTrial39Tests.Conversation(files)
        guard case .plan = try conversation.ask("set a 2 hour timeout on the daily job") else { return XCTFail("first") }
        let before = conversation.files
        let outcome = try conversation.ask("set a 1 hour timeout on the dq job")
        if case .plan(let plan) = outcome { XCTAssertNotEqual(plan.resource?.key, "daily", plan.summary) }
        XCTAssertEqual(try conversation.job("daily")?["timeout_seconds"]?.string, "7200")
        if case .clarify = outcome { XCTAssertEqual(conversation.files, before) }
    }

    /// "tag the job and the pipeline": both, in a bundle with one of each (also after a change of the job).
    func testTheJobAndThePipelineAreBoth() throws {
        var files = Self.market
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!
        var conversation = PublicBundleTrial39Tests.Conversation(files)
        for request in ["tag the job and the pipeline with team=transit", "tag the pipeline and the job with owner=ops"] {
            guard case .plan = try conversation.ask(request) else { return XCTFail(request) }
        }
        let bundle = try conversation.load()
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["positions"]?["tags"]?["team"]?.string, "transit")
        XCTAssertEqual(bundle.configuration["resources"]?["pipelines"]?["medallion"]?["tags"]?["team"]?.string, "transit")
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["positions"]?["tags"]?["owner"]?.string, "ops")
        XCTAssertEqual(bundle.configuration["resources"]?["pipelines"]?["medallion"]?["tags"]?["owner"]?.string, "ops")
    }

    /// "pause every schedule in uat" where each is already paused there: nothing to change (exit 0),
    /// not a refusal.
    func testEveryResourceAlreadyAsAskedIsNothingToChange() throws {
        var files = Self.daily
        files["resources/daily.yml"] = files["resources/daily.yml"]!.replacingOccurrences(of: "      name: daily\n",
            with: "      name: daily\n      schedule: {quartz_cron_expression: 0 0 6 * * ?, timezone_id: UTC, pause_status: PAUSED}\n")
        files["resources/weekly.yml"] = """
        resources:
          jobs:
            weekly:
              name: weekly
              schedule: {quartz_cron_expression: 0 0 6 ? * MON, timezone_id: UTC, pause_status: PAUSED}
              tasks:
                - task_key: load
                  notebook_task: {notebook_path: ../src/load.py}
        """
        let (outcome, after) = try InMemoryPlanning.outcome("pause every schedule in prod", on: files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(PlanOutcome.isAsAsked(reason), reason)
        XCTAssertEqual(after, files)
    }

    /// "make it purple" after a timeout: not understood (a model may take it), never "how long?".
    func testAWordThatIsNoValueIsNotUnderstood() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.daily)
        guard case .plan = try conversation.ask("set the timeout to 2 hours") else { return XCTFail("first") }
        for request in ["make it purple", "make it sparkle with unicorns"] {
            guard case .notUnderstood = try conversation.ask(request) else { return XCTFail(request) }
        }
        guard case .plan = try conversation.ask("make it 3 hours") else { return XCTFail("a value still works") }
        XCTAssertEqual(try conversation.job("daily")?["timeout_seconds"]?.string, "10800")
        guard case .plan = try conversation.ask("make it longer") else { return XCTFail("a direction still works") }
    }

    /// Natural answers to a question: "the job" (a job and a pipeline offered), "both" (two clusters
    /// of a job), "the first one" (tasks offered as requests).
    func testNaturalAnswersToAQuestion() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.market)
        guard case .clarify = try conversation.ask("email ops@example.com when it fails") else { return XCTFail("asks which") }
        guard case .plan(let library) = try conversation.ask("the job") else { return XCTFail("the job") }
        XCTAssertEqual(library.resource?.key, "positions")

        var clusters = Self.market
        clusters["resources/jobs.yml"] = """
        resources:
          jobs:
            positions:
              name: positions
              job_clusters:
                - job_cluster_key: rates_cluster
                  new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 2}
                - job_cluster_key: spill_cluster
                  new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 2}
              tasks:
                - task_key: extract
                  job_cluster_key: rates_cluster
                  notebook_task: {notebook_path: ../src/extract.py}
                - task_key: spill
                  job_cluster_key: spill_cluster
                  notebook_task: {notebook_path: ../src/extract.py}
        """
        var both = PublicBundleTrial39Tests.Conversation(clusters)
        guard case .clarify = try both.ask("use a larger node type for the positions job") else { return XCTFail("asks which cluster") }
        guard case .plan = try both.ask("both") else { return XCTFail("both") }
        let job = try both.job("positions")
        XCTAssertEqual(job?["job_clusters"]?.sequence?.compactMap { $0["new_cluster"]?["node_type_id"]?.string }, ["i3.2xlarge", "i3.2xlarge"])

        var tasks = PublicBundleTrial39Tests.Conversation(Self.daily)
        guard case .clarify = try tasks.ask("time out the download task after 30 minutes") else { return XCTFail("asks which task") }
        guard case .plan = try tasks.ask("the first one") else { return XCTFail("the first one") }
        XCTAssertEqual(try tasks.job("daily")?["tasks"]?.sequence?.first?["timeout_seconds"]?.string, "1800")
    }
}
