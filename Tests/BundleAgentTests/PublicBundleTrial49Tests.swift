@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the second trial of 2026-12-06 on public bundles: a follow-up that removed a task,
/// words that picked the wrong change, and values that were dropped. Each asserts what is written.
final class PublicBundleTrial49Tests: XCTestCase {
    static let runtime = [
        "databricks.yml": "bundle: {name: publisher}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true, mode: development}\n  prod: {mode: production}\n",
        "resources/jobs.yml": """
        resources:
          jobs:
            runtime:
              name: runtime
              schedule: {quartz_cron_expression: 0 0/30 * * * ?, timezone_id: UTC}
              job_clusters:
                - job_cluster_key: framework_runtime_cluster
                  new_cluster: {spark_version: 14.3.x-scala2.12, node_type_id: i3.xlarge, num_workers: 1}
                - job_cluster_key: two_node_8c
                  new_cluster: {spark_version: 14.3.x-scala2.12, node_type_id: i3.xlarge, num_workers: 1}
              environments:
                - environment_key: default
                  spec: {client: "2", dependencies: [polars]}
              tasks:
                - task_key: seed_test_data
                  job_cluster_key: framework_runtime_cluster
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: orchestrator_execute
                  depends_on: [{task_key: seed_test_data}]
                  job_cluster_key: framework_runtime_cluster
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: post_pipeline_verification
                  depends_on: [{task_key: orchestrator_execute}]
                  job_cluster_key: two_node_8c
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: report
                  environment_key: default
                  spark_python_task: {python_file: ../src/b.py}
        """,
        "src/a.py": "# Databricks notebook source\nprint(1)\n",
        "src/b.py": "print(1)\n",
    ]

    func task(_ bundle: LoadedBundle, _ key: String) -> YAMLNode? {
        bundle.configuration["resources"]?["jobs"]?["runtime"]?["tasks"]?.sequence?.first { $0["task_key"]?.string == key }
    }

    /// After a task was removed, "the verification should still run even if the orchestrator step
    /// fails" removed the orchestrator too (the removal carried on); it is the verification's run_if.
    func testAFollowUpAfterARemovalRemovesNothing() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.runtime)
        guard case .plan = try conversation.ask("drop the seed test data step, we don't need it anymore") else { return XCTFail("removal") }
        let outcome = try conversation.ask("the verification should still run even if the orchestrator step fails")
        let bundle = try conversation.load()
        XCTAssertNotNil(task(bundle, "orchestrator_execute"), "\(outcome)")
        XCTAssertEqual(task(bundle, "post_pipeline_verification")?["run_if"]?.string, "ALL_DONE", "\(outcome)")
    }

    /// "set LOG_LEVEL=DEBUG on the runtime cluster" upgraded the Spark version (the cluster's name says
    /// runtime): a variable of that cluster.
    func testAShellVariableOnAClusterIsAnEnvironmentVariable() throws {
        let (_, bundle) = try InMemoryPlanning.apply("set LOG_LEVEL=DEBUG on the runtime cluster in dev", to: Self.runtime)
        let cluster = bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["runtime"]?["job_clusters"]?.sequence?.first
        XCTAssertEqual(cluster?["new_cluster"]?["spark_env_vars"]?["LOG_LEVEL"]?.string, "DEBUG")
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["runtime"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["spark_version"]?.string, "14.3.x-scala2.12")
    }

    /// "turn on photon for the two node … cluster" set two workers; its question answered with the
    /// cluster's key ("two_node_8c", whose words say two) set two workers too.
    func testTwoNodeNamesTheClusterNotItsSize() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.runtime)
        let asked = try conversation.ask("turn on photon for the two node probe cluster")
        if case .clarify = asked { _ = try conversation.ask("two_node_8c") }
        let cluster = try conversation.job("runtime")?["job_clusters"]?.sequence?.last?["new_cluster"]
        XCTAssertEqual(cluster?["runtime_engine"]?.string, "PHOTON", "\(asked)")
        XCTAssertEqual(cluster?["num_workers"]?.string, "1")
    }

    /// "add pandas 2.2.2 …", "… requests version 2.32.3 …": the version is pinned, not dropped.
    func testAVersionAfterThePackageIsPinned() throws {
        for (request, pinned) in [("add pandas 2.2.2 to the job's environment", "pandas==2.2.2"), ("add the library requests version 2.32.3 to the job", "requests==2.32.3")] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.runtime)
            let dependencies = bundle.configuration["resources"]?["jobs"]?["runtime"]?["environments"]?.sequence?.first?["spec"]?["dependencies"]?.sequence?.compactMap(\.string)
            XCTAssertEqual(dependencies, ["polars", pinned], request)
        }
    }

    /// "hourly rather than every half hour" answered "nothing to change" (it read the old value).
    func testTheOldScheduleAfterRatherThanIsNotTheNewOne() throws {
        let (_, bundle) = try InMemoryPlanning.apply("the runtime job should run hourly rather than every half hour", to: Self.runtime)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["runtime"]?["schedule"]?["quartz_cron_expression"]?.string, "0 0 * * * ?")
    }

    /// "the users group should only be able to view the job" was asked about deploy targets.
    func testShouldOnlyBeAbleToViewIsAPermission() throws {
        let (_, bundle) = try InMemoryPlanning.apply("the users group should only be able to view the job", to: Self.runtime)
        let permissions = bundle.configuration["resources"]?["jobs"]?["runtime"]?["permissions"]?.sequence
        XCTAssertEqual(permissions?.first?["group_name"]?.string, "users")
        XCTAssertEqual(permissions?.first?["level"]?.string, "CAN_VIEW")
    }

    /// "…, and let analysts view it": "it" is what the clause before changed.
    func testItIsTheResourceOfTheClauseBefore() throws {
        var files = Self.runtime
        files["resources/pipeline.yml"] = "resources:\n  pipelines:\n    lakehouse:\n      name: lakehouse\n      catalog: main\n      schema: fx\n      serverless: true\n      libraries:\n        - notebook: {path: ../src/a.py}\n"
        let (_, bundle) = try InMemoryPlanning.apply("let the data-engineers group manage the lakehouse pipeline, and let analysts view it", to: files)
        let levels = (bundle.configuration["resources"]?["pipelines"]?["lakehouse"]?["permissions"]?.sequence ?? []).compactMap { p in p["group_name"]?.string.map { "\($0):\(p["level"]?.string ?? "")" } }
        XCTAssertEqual(levels, ["data-engineers:CAN_MANAGE", "analysts:CAN_VIEW"])
        XCTAssertNil(bundle.configuration["resources"]?["jobs"]?["runtime"]?["permissions"])
    }

    static let finance = [
        "databricks.yml": "bundle: {name: finance}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true, mode: development}\n",
        "resources/jobs.yml": """
        resources:
          jobs:
            build_lakehouse:
              name: build_lakehouse
              tasks: [{task_key: build, notebook_task: {notebook_path: ../src/a.py}}]
            cost_forecast_train:
              name: cost_forecast_train
              tasks: [{task_key: train, environment_key: default, spark_python_task: {python_file: ../src/b.py}}]
              environments: [{environment_key: default, spec: {client: "2", dependencies: [mlflow==2.0.0]}}]
            cost_forecast_daily:
              name: cost_forecast_daily
              tasks: [{task_key: daily, environment_key: default, spark_python_task: {python_file: ../src/b.py}}]
              environments: [{environment_key: default, spec: {client: "2", dependencies: [mlflow==2.0.0]}}]
            estimator_sync:
              name: estimator_sync
              tasks: [{task_key: sync, environment_key: default, spark_python_task: {python_file: ../src/b.py}}]
              environments: [{environment_key: default, spec: {client: "2", dependencies: [mlflow==2.0.0]}}]
          pipelines:
            lakehouse:
              name: lakehouse
              catalog: main
              schema: fx
              serverless: true
              libraries: [{notebook: {path: ../src/a.py}}]
        """,
        "src/a.py": "# Databricks notebook source\nprint(1)\n",
        "src/b.py": "print(1)\n",
    ]

    /// "… for the forecasting jobs": those jobs, not every job that installs the package.
    func testForTheForecastingJobsIsThoseJobs() throws {
        let (_, bundle) = try InMemoryPlanning.apply("pin mlflow to 3.1.0 for the forecasting jobs", to: Self.finance)
        let jobs = bundle.configuration["resources"]?["jobs"]
        for key in ["cost_forecast_train", "cost_forecast_daily"] {
            XCTAssertEqual(jobs?[key]?["environments"]?.sequence?.first?["spec"]?["dependencies"]?.sequence?.first?.string, "mlflow==3.1.0", key)
        }
        XCTAssertEqual(jobs?["estimator_sync"]?["environments"]?.sequence?.first?["spec"]?["dependencies"]?.sequence?.first?.string, "mlflow==2.0.0")
    }

    /// "page X if the lakehouse build fails": an e-mail on failure, to the job build_lakehouse (said the
    /// other way round), not the pipeline lakehouse.
    func testPageSomeoneIfTheLakehouseBuildFails() throws {
        let (_, bundle) = try InMemoryPlanning.apply("page finance-oncall@example.com if the lakehouse build fails", to: Self.finance)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["build_lakehouse"]?["email_notifications"]?["on_failure"]?.sequence?.first?.string,
                       "finance-oncall@example.com")
        XCTAssertNil(bundle.configuration["resources"]?["pipelines"]?["lakehouse"]?["notifications"])
    }

    /// "same for job 1" (jobs keyed job_1_…, job_2_…) said "nothing to change" of job 2.
    func testJobByItsNumber() throws {
        let files = [
            "databricks.yml": "bundle: {name: payment}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true, mode: development}\n",
            "resources/jobs.yml": """
            resources:
              jobs:
                job_1_create_repositories:
                  name: "1. Create repositories"
                  tasks: [{task_key: create, notebook_task: {notebook_path: ../src/a.py}}]
                job_2_simulate_events:
                  name: "2. Simulate events"
                  tasks: [{task_key: simulate, notebook_task: {notebook_path: ../src/a.py}}]
                job_6_deploy_agents:
                  name: "6. Deploy agents"
                  tasks: [{task_key: deploy, notebook_task: {notebook_path: ../src/a.py}}]
            """,
            "src/a.py": "# Databricks notebook source\nprint(1)\n",
        ]
        var conversation = PublicBundleTrial39Tests.Conversation(files)
        guard case .plan = try conversation.ask("let the data-analysts group run the simulate events job") else { return XCTFail("first") }
        guard case .plan(let second) = try conversation.ask("same for job 1") else { return XCTFail("job 1") }
        XCTAssertEqual(second.resource?.key, "job_1_create_repositories")
    }

    /// "set the env var FOO of runtime to abc" set FOO to "runtime" (the word after "of").
    func testTheValueIsAfterToNotOf() throws {
        let (_, bundle) = try InMemoryPlanning.apply("set the env var FOO of the framework_runtime_cluster to abc", to: Self.runtime)
        let cluster = bundle.configuration["resources"]?["jobs"]?["runtime"]?["job_clusters"]?.sequence?.first?["new_cluster"]
        XCTAssertEqual(cluster?["spark_env_vars"]?["FOO"]?.string, "abc")
    }

    /// "tag the job and the pipeline" in a bundle of several jobs, after a change of one of them: asked
    /// which job (it tagged only the pipeline, the conversation's last resource, and dropped "the job").
    func testTheJobAndThePipelineAmongSeveralJobsIsAsked() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.finance)
        guard case .plan = try conversation.ask("page oncall@example.com if the lakehouse build fails") else { return XCTFail("first") }
        let before = conversation.files
        guard case .clarify = try conversation.ask("tag the job and the pipeline with team=fin") else { return XCTFail("asks which") }
        XCTAssertEqual(conversation.files, before)
    }
}
