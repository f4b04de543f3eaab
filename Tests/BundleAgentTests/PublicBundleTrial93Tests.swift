@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-07 (fourteenth).
final class PublicBundleTrial93Tests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle:
          name: sales
        variables:
          catalog:
            default: dev_cat
        targets:
          dev:
            default: true
            mode: development
          qa:
            workspace:
              host: https://qa.cloud.databricks.com
          prod:
            mode: production
            workspace:
              host: https://prod.cloud.databricks.com
            resources:
              jobs:
                etl:
                  job_clusters:
                    - job_cluster_key: small
                      new_cluster:
                        num_workers: 6
        resources:
          jobs:
            etl:
              name: etl
              job_clusters:
                - job_cluster_key: small
                  new_cluster:
                    spark_version: 15.4.x-scala2.12
                    node_type_id: i3.xlarge
                    num_workers: 2
                - job_cluster_key: big
                  new_cluster:
                    spark_version: 15.4.x-scala2.12
                    node_type_id: i3.2xlarge
                    num_workers: 8
              tasks:
                - task_key: a
                  job_cluster_key: small
                  notebook_task:
                    notebook_path: ./a.py
                - task_key: b
                  job_cluster_key: big
                  depends_on:
                    - task_key: a
                  notebook_task:
                    notebook_path: ./a.py
          schemas:
            sales:
              catalog_name: ${var.catalog}
              name: sales
              grants:
                - principal: analysts
                  privileges:
                    - USE_SCHEMA
                    - SELECT
                    - MODIFY

        """,
        "a.py": "# Databricks notebook source\n",
    ]

    /// A conversation on `files`: each request planned and applied as `chat` does; a question is remembered
    /// with its choices.
    /// A conversation as `refine` holds it, over the trial bundle unless given other files.
    typealias Conversation = QuestionAnswerTests.Asking

    /// "use 4 workers on both clusters of the etl job" asked which cluster, and "both" in the request was no answer.
    func testBothClustersOfAJob() throws {
        // (Without prod's own size of small, which would ask which target.)
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "            num_workers: 6\n", with: "            spark_version: 15.4.x-scala2.12\n")
        for request in ["use 4 workers on both clusters of the etl job", "make every cluster of etl use 4 workers", "all job clusters of etl should have 4 workers"] {
            var c = Conversation(files: files)
            guard case .plan = try c.ask(request) else { return XCTFail("\(request): not planned") }
            XCTAssertEqual(try c.workers(0, in: "dev"), 4, request)
            XCTAssertEqual(try c.workers(1, in: "dev"), 4, request)
        }
    }

    /// "Target prod sets the size of small itself; which target should change?" answered "every target" (or said
    /// so at once) was not understood: the shared definition and prod's own value change, no override is added.
    func testEveryTargetWhereATargetSizesTheClusterItself() throws {
        for (request, answer) in [("make the small cluster of etl use 3 workers in every target", nil), ("make the small cluster of etl use 3 workers everywhere", nil),
                                  ("make the small cluster of etl use 3 workers", "every target"), ("make the small cluster of etl use 3 workers", "all of them")] {
            var c = Conversation(files: Self.files)
            var outcome = try c.ask(request)
            if let answer {
                guard case .clarify = outcome else { return XCTFail("\(request): expected the question, got \(outcome)") }
                outcome = try c.ask(answer)
            }
            guard case .plan(let plan) = outcome else { return XCTFail("\(request) / \(answer ?? ""): \(outcome)") }
            for target in ["dev", "qa", "prod"] { XCTAssertEqual(try c.workers(0, in: target), 3, "\(request) \(target)") }
            XCTAssertEqual(try c.workers(1, in: "prod"), 8)
            XCTAssertFalse(c.files["databricks.yml"]!.contains("  dev:\n    default: true\n    mode: development\n    resources"), plan.summary)
            XCTAssertEqual(c.files["databricks.yml"]!.components(separatedBy: "job_cluster_key: small").count, 4, "no override added for dev or qa (the base, prod's, task a's)")
        }
    }

    /// "dev and qa" answering which target: the change in both (it was not understood).
    func testTwoTargetsAnswerTheTargetQuestion() throws {
        var c = Conversation(files: Self.files)
        guard case .clarify = try c.ask("make the small cluster of etl use 5 workers") else { return XCTFail("expected the question") }
        guard case .plan = try c.ask("dev and qa") else { return XCTFail("dev and qa: not planned") }
        XCTAssertEqual(try c.workers(0, in: "dev"), 5)
        XCTAssertEqual(try c.workers(0, in: "qa"), 5)
        XCTAssertEqual(try c.workers(0, in: "prod"), 6)
    }

    /// Privileges taken away in words without "revoke": asked who should get access, not understood, or
    /// "a schema takes no permissions".
    func testPrivilegesTakenAwayInOtherWords() throws {
        let cases: [(String, [String])] = [
            ("analysts should no longer be able to read the sales schema", ["MODIFY"]),
            ("take SELECT away from analysts on the sales schema", ["USE_SCHEMA", "MODIFY"]),
            ("analysts should not have SELECT on the sales schema anymore", ["USE_SCHEMA", "MODIFY"]),
            ("analysts shouldn't be able to write to the sales schema", ["USE_SCHEMA", "SELECT"]),
            ("remove analysts' access to the sales schema", []),
        ]
        for (request, left) in cases {
            var c = Conversation(files: Self.files)
            guard case .plan = try c.ask(request) else { return XCTFail("\(request): not planned") }
            let grants = try BundleLoader(source: InMemoryFileSource(texts: c.files)).load().configuration["resources"]?["schemas"]?["sales"]?["grants"]?.sequence ?? []
            let privileges = grants.first { $0["principal"]?.string == "analysts" }?["privileges"]?.sequence?.compactMap(\.string) ?? []
            XCTAssertEqual(privileges, left, request)
        }
    }

    static let manyKinds = [
        "databricks.yml": """
        bundle:
          name: m5
        resources:
          jobs:
            etl:
              name: etl
              tasks:
                - task_key: gold
                  notebook_task:
                    notebook_path: ./src/nb.py
                  new_cluster:
                    spark_version: 15.4.x-scala2.12
                    node_type_id: ${var.node_type}
                    num_workers: 2
                    custom_tags:
                      Environment: ${bundle.target}
          apps:
            hub:
              name: hub
              source_code_path: ./app
          secret_scopes:
            config_scope:
              name: hub_config
          pipelines:
            p:
              name: p-old
              catalog: main
              schema: s
              libraries:
                - file:
                    path: src/p.sql
              clusters:
                - label: default
                  autoscale:
                    min_workers: 1
                    max_workers: 3
                    mode: ENHANCED
          dashboards:
            d:
              display_name: d-old
              file_path: src/d.lvdash.json
              warehouse_id: abc123
        variables:
          node_type:
            default: i3.xlarge
        targets:
          dev:
            default: true
            mode: development
          prod:
            mode: production
            workspace:
              root_path: /Workspace/Shared/.bundle/m5
            variables:
              node_type: r5.2xlarge

        """,
        "src/nb.py": "# Databricks notebook source\n", "src/p.sql": "select 1\n", "src/d.lvdash.json": "{}\n", "app/app.py": "print(1)\n",
    ]

    /// A question waiting ("rename the dashboard" asked the new name) took `rename the pipeline to "PB"` as its
    /// answer: the dashboard was renamed PB.
    func testAWaitingQuestionLeavesARequestAboutAnotherResource() throws {
        var c = Conversation(files: Self.manyKinds)
        guard case .plan = try c.ask("rename the dashboard to \"DA\"") else { return XCTFail("first rename") }
        guard case .clarify = try c.ask("rename the dashboard") else { return XCTFail("expected the question") }
        guard case .plan(let plan) = try c.ask("rename the pipeline to \"PB\"") else { return XCTFail("not planned") }
        XCTAssertEqual(plan.resource?.description, "pipelines.p", plan.summary)
        XCTAssertTrue(c.files["databricks.yml"]!.contains("name: PB"))
        XCTAssertTrue(c.files["databricks.yml"]!.contains("display_name: DA"))
    }

    /// "let data-scientists manage the hub_config secret scope" granted CAN_MANAGE on the app hub.
    func testSecretScopePermissions() throws {
        for (request, level) in [("let data-scientists manage the hub_config secret scope", "MANAGE"), ("let data-scientists read the secret scope", "READ")] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.manyKinds)
            XCTAssertEqual(plan.resource?.description, "secret_scopes.config_scope", request)
            let permissions = bundle.configuration["resources"]?["secret_scopes"]?["config_scope"]?["permissions"]?.sequence ?? []
            XCTAssertEqual(permissions.first?["level"]?.string, level, request)
            XCTAssertEqual(permissions.first?["group_name"]?.string, "data-scientists", request)
            XCTAssertNil(bundle.configuration["resources"]?["apps"]?["hub"]?["permissions"], request)
        }
    }

    /// "the churn-model model serving endpoint" was an endpoint called "serving"; "the churn serving endpoint" asked which.
    func testAServingEndpointNamedBeforeItsNoun() throws {
        for (request, name) in [("let the app use the churn-model model serving endpoint", "churn-model"), ("let the app query the churn serving endpoint", "churn"),
                                ("let the app query the model serving endpoint churn-model", "churn-model")] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.manyKinds)
            let resources = bundle.configuration["resources"]?["apps"]?["hub"]?["resources"]?.sequence ?? []
            XCTAssertEqual(resources.first?["serving_endpoint"]?["name"]?.string, name, request)
        }
    }

    /// "make it autoscale between 1 and 4 workers in prod" after "use 2 workers" set 2–4 (read as the size before).
    func testAutoscalingRangeAfterASize() throws {
        var c = Conversation(files: Self.manyKinds)
        guard case .plan = try c.ask("use 2 workers on the pipeline") else { return XCTFail("size") }
        guard case .plan = try c.ask("make it autoscale between 1 and 4 workers in prod") else { return XCTFail("range") }
        let prod = try BundleLoader(source: InMemoryFileSource(texts: c.files)).load().effectiveConfiguration(target: "prod").configuration
        let autoscale = prod["resources"]?["pipelines"]?["p"]?["clusters"]?.sequence?.first?["autoscale"]
        XCTAssertEqual(autoscale?["min_workers"]?.scalar?.value, .int(1))
        XCTAssertEqual(autoscale?["max_workers"]?.scalar?.value, .int(4))
    }

    /// A new task after one with its own cluster got the cluster with the default target's values written in
    /// (prod ran on dev's node type, tagged Environment: dev).
    func testANewTaskCopiesTheClusterAsWritten() throws {
        let (plan, _) = try InMemoryPlanning.apply("add a task export after gold that runs src/export.py", to: Self.manyKinds)
        let text = try OfflinePlanner.apply(plan, read: { Self.manyKinds[$0]! })["databricks.yml"] ?? ""
        XCTAssertEqual(text.components(separatedBy: "node_type_id: ${var.node_type}").count, 3, text)
        XCTAssertEqual(text.components(separatedBy: "Environment: ${bundle.target}").count, 3, text)
    }

    static let targetOverrides = [
        "databricks.yml": """
        bundle:
          name: m5
        targets:
          dev:
            default: true
          prod:
            resources:
              jobs:
                etl:
                  email_notifications:
                    on_success:
                      - team@example.com
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster:
                        autoscale:
                          min_workers: 2
                          max_workers: 8
        resources:
          jobs:
            etl:
              name: etl
              email_notifications:
                on_failure:
                  - me@example.com
              job_clusters:
                - job_cluster_key: main
                  new_cluster:
                    spark_version: 15.4.x-scala2.12
                    node_type_id: i3.xlarge
                    num_workers: 1
              tasks:
                - task_key: land_files
                  job_cluster_key: main
                  notebook_task:
                    notebook_path: ./nb.py
                    base_parameters:
                      dry_run: "true"
                - task_key: land_api
                  job_cluster_key: main
                  notebook_task:
                    notebook_path: ./nb.py
          sql_warehouses:
            analytics:
              name: analytics
              cluster_size: Small
              max_num_clusters: 1

        """,
        "nb.py": "# Databricks notebook source\n",
    ]

    /// "turn off autoscaling in prod" where prod's own override autoscales: refused as "inherited".
    func testAutoscalingOffWhereTheTargetItselfAutoscales() throws {
        let (_, bundle) = try InMemoryPlanning.apply("turn off autoscaling in prod", to: Self.targetOverrides)
        let cluster = bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["etl"]?["job_clusters"]?.sequence?.first?["new_cluster"]
        XCTAssertNil(cluster?["autoscale"])
        XCTAssertEqual(cluster?["num_workers"]?.scalar?.value, .int(8))
    }

    /// A recipient only prod's override adds: "stop emailing … in prod" was refused as inherited, and without
    /// the target "already as asked".
    func testARecipientATargetAddsIsRemovedThere() throws {
        for request in ["stop emailing team@example.com on success in prod", "no more success emails in prod"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.targetOverrides)
            let notifications = bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["etl"]?["email_notifications"]
            XCTAssertNil(notifications?["on_success"], request)
            XCTAssertEqual(notifications?["on_failure"]?.sequence?.first?.string, "me@example.com", request)
        }
        let (outcome, _) = try InMemoryPlanning.outcome("stop emailing team@example.com on success", on: Self.targetOverrides)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("only in target prod"), reason)
    }

    /// "retry the land tasks 3 times": tasks land_files and land_api, not files landing somewhere.
    func testLandIsAWordOfTaskKeys() throws {
        let (_, bundle) = try InMemoryPlanning.apply("retry the land tasks 3 times", to: Self.targetOverrides)
        let tasks = bundle.configuration["resources"]?["jobs"]?["etl"]?["tasks"]?.sequence ?? []
        XCTAssertEqual(tasks.map { $0["max_retries"]?.scalar?.value }, [.int(3), .int(3)])
    }

    /// "don't deploy the warehouse to dev" was not understood (it works for apps and dashboards).
    func testAWarehouseKeptOutOfATarget() throws {
        let (_, bundle) = try InMemoryPlanning.apply("don't deploy the warehouse to dev", to: Self.targetOverrides)
        XCTAssertNil(bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["sql_warehouses"]?["analytics"])
        XCTAssertNotNil(bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["sql_warehouses"]?["analytics"])
    }

    /// "remove the dry_run notebook parameter from the land_files task" asked which parameter.
    func testAParameterNamedBeforeItsNoun() throws {
        let (_, bundle) = try InMemoryPlanning.apply("remove the dry_run notebook parameter from the land_files task", to: Self.targetOverrides)
        XCTAssertNil(bundle.configuration["resources"]?["jobs"]?["etl"]?["tasks"]?.sequence?.first?["notebook_task"]?["base_parameters"]?["dry_run"])
    }

    /// A question asked of a resource a choice gave (the page's "job etl"): its answer is for that resource.
    func testAnAnswerToAQuestionAskedOfAChosenResource() throws {
        var c = Conversation(files: Self.targetOverrides)
        var asked = RefineSession.Turn(request: "set the timeout", reply: "How long may a run of job etl take? Say, for example, \"set the timeout to 2 hours\".")
        asked.choices = ["set the timeout to 2 hours"]
        asked.resource = "jobs.etl"
        c.session.turns.append(asked)
        guard case .plan(let plan) = try c.ask("3 hours") else { return XCTFail("not planned") }
        XCTAssertEqual(plan.resource?.description ?? plan.job.map { "jobs.\($0)" }, "jobs.etl", plan.summary)
    }

    /// A request of thousands of characters took the offline planner minutes: refused at once.
    func testAVeryLongRequestIsRefusedAtOnce() async throws {
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: Self.targetOverrides)).load()
        let long = "add 4 retries to the land_files task." + String(repeating: " please and thank you.", count: 100)
        let answer = try await OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(long)), session: nil, report: { _ in })
        guard case .refused(let reason) = answer.outcome else { return XCTFail("\(answer.outcome)") }
        XCTAssertTrue(reason.contains("characters"), reason)
    }

    /// "run the land_files task at 8am": the job's schedule, and said so (every task ran at 8, unsaid).
    func testAScheduleAskedOfATaskSaysItIsTheWholeJobs() throws {
        let (plan, _) = try InMemoryPlanning.apply("run the land_files task at 8am", to: Self.targetOverrides)
        XCTAssertTrue(plan.summary.contains("starts the whole job: all 2 of its tasks run then, not only land_files"), plan.summary)
    }

    /// `on_failure: ["${var.alert_email}", dataops@…]`: "stop emailing <the variable's address> when it fails" said to
    /// change the variable (which the duration warnings read too); the entry of that list goes.
    func testAnAddressThroughAVariableInAWrittenListIsRemovedFromIt() throws {
        var files = Self.targetOverrides
        files["databricks.yml"] = files["databricks.yml"]!
            .replacingOccurrences(of: "bundle:\n  name: m5\n", with: "bundle:\n  name: m5\nvariables:\n  alert_email:\n    default: ravi@example.com\n")
            .replacingOccurrences(of: "        on_failure:\n          - me@example.com\n",
                                  with: "        on_failure:\n          - ${var.alert_email}\n          - dataops@example.com\n        on_duration_warning_threshold_exceeded:\n          - ${var.alert_email}\n")
        let (_, bundle) = try InMemoryPlanning.apply("stop emailing ravi@example.com when it fails", to: files)
        let notifications = bundle.configuration["resources"]?["jobs"]?["etl"]?["email_notifications"]
        XCTAssertEqual(notifications?["on_failure"]?.sequence?.compactMap(\.string), ["dataops@example.com"])
        XCTAssertEqual(notifications?["on_duration_warning_threshold_exceeded"]?.sequence?.compactMap(\.string), ["${var.alert_email}"])
    }

    /// Negations read as their opposite: "should not autoscale" set up autoscaling, "shouldn't run continuously"
    /// said it already did, "should not be paused" that it already was.
    func testNegationsAreNotTheirOpposite() throws {
        let (fixed, _) = try InMemoryPlanning.outcome("the main cluster of etl should not autoscale", on: Self.targetOverrides)
        if case .plan(let plan) = fixed { XCTFail("a fixed-size cluster got: \(plan.summary)") }
        let (_, bundle) = try InMemoryPlanning.apply("the main cluster of etl shouldn't autoscale in prod", to: Self.targetOverrides)
        let prod = bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["etl"]?["job_clusters"]?.sequence?.first?["new_cluster"]
        XCTAssertNil(prod?["autoscale"])
        let (continuous, _) = try InMemoryPlanning.outcome("the etl job shouldn't run continuously", on: Self.targetOverrides)
        if case .plan(let plan) = continuous { XCTFail("a job that is not continuous got: \(plan.summary)") }
    }

    /// "call the etl job 'Daily Account Snapshot'" committed a daily schedule; "should be named Weekly Summary" a
    /// weekly one.
    func testANameWithScheduleWordsIsAName() throws {
        for (request, name) in [("call the etl job 'Daily Account Snapshot'", "Daily Account Snapshot"), ("the etl job should be named Weekly Summary", "Weekly Summary")] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.targetOverrides)
            let job = bundle.configuration["resources"]?["jobs"]?["etl"]
            XCTAssertEqual(job?["name"]?.string, name, request)
            XCTAssertNil(job?["schedule"], request)
        }
    }

    /// "revoke write access on the sales schema from analysts" revoked every privilege ("access").
    func testRevokingWriteAccessLeavesReading() throws {
        var c = Conversation(files: Self.files)
        guard case .plan = try c.ask("revoke write access on the sales schema from analysts") else { return XCTFail("not planned") }
        let grants = try BundleLoader(source: InMemoryFileSource(texts: c.files)).load().configuration["resources"]?["schemas"]?["sales"]?["grants"]?.sequence ?? []
        XCTAssertEqual(grants.first?["privileges"]?.sequence?.compactMap(\.string), ["USE_SCHEMA", "SELECT"])
    }

    static let appBundle = [
        "databricks.yml": """
        bundle:
          name: m1
        resources:
          secret_scopes:
            metlink:
              name: metlink-${bundle.target}
          apps:
            departures:
              name: departures
              source_code_path: ./src/app
              resources:
                - name: sql_warehouse
                  sql_warehouse:
                    id: ec3c986a891e0b79
                    permission: CAN_USE
          sql_warehouses:
            wh:
              name: m1-wh
              cluster_size: Small
              max_num_clusters: 1
          jobs:
            etl:
              name: etl
              tasks:
                - task_key: silver
                  notebook_task:
                    notebook_path: ./nb.py
                - task_key: gold_rides
                  depends_on:
                    - task_key: silver
                  notebook_task:
                    notebook_path: ./nb.py
                - task_key: gold_stations
                  depends_on:
                    - task_key: silver
                  notebook_task:
                    notebook_path: ./nb.py

        """,
        "nb.py": "# Databricks notebook source\n", "src/app/app.py": "print(1)\n", "src/q.py": "# Databricks notebook source\n",
    ]

    /// "… the bundle's own warehouse instead of ec3c…" made the app's access CAN_MANAGE and kept the old id.
    func testAnAppWarehouseInsteadOfAnother() throws {
        let (_, bundle) = try InMemoryPlanning.apply("the app should use the bundle's own warehouse instead of ec3c986a891e0b79", to: Self.appBundle)
        let resources = bundle.configuration["resources"]?["apps"]?["departures"]?["resources"]?.sequence ?? []
        XCTAssertEqual(resources.count, 1)
        XCTAssertEqual(resources.first?["sql_warehouse"]?["id"]?.string, "${resources.sql_warehouses.wh.id}")
        XCTAssertEqual(resources.first?["sql_warehouse"]?["permission"]?.string, "CAN_USE")
    }

    /// A secret in a scope the bundle defines: the scope's name by reference (its key was written, a scope that
    /// does not exist); the key said before "secret".
    func testAnAppSecretInTheBundlesScope() throws {
        for request in ["let the app read the secret metlink/api-key", "let the app read the api-key secret from the metlink secret scope"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.appBundle)
            let secret = (bundle.configuration["resources"]?["apps"]?["departures"]?["resources"]?.sequence ?? []).compactMap { $0["secret"] }.first
            XCTAssertEqual(secret?["scope"]?.string, "${resources.secret_scopes.metlink.name}", request)
            XCTAssertEqual(secret?["key"]?.string, "api-key", request)
        }
    }

    /// "add a quality task that runs src/q.py once both gold tasks finish" waited for one of them.
    func testANewTaskAfterBothTasksOfAGroup() throws {
        for request in ["add a quality task that runs src/q.py once both gold tasks finish", "add a task quality after both gold tasks that runs src/q.py"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.appBundle)
            let task = (bundle.configuration["resources"]?["jobs"]?["etl"]?["tasks"]?.sequence ?? []).first { $0["task_key"]?.string == "quality" }
            XCTAssertEqual(Set(task?["depends_on"]?.sequence?.compactMap { $0["task_key"]?.string } ?? []), ["gold_rides", "gold_stations"], request)
        }
    }

    /// "the etl job should not email on failure" asked which address should be e-mailed.
    func testShouldNotEmailIsARemoval() throws {
        let (_, bundle) = try InMemoryPlanning.apply("the etl job should not email on failure", to: Self.targetOverrides)
        XCTAssertNil(bundle.configuration["resources"]?["jobs"]?["etl"]?["email_notifications"]?["on_failure"])
    }

    /// "data-scientists need read access to the hub_config secret scope" asked who should get access.
    func testSomeoneNeedsAccess() throws {
        let (_, bundle) = try InMemoryPlanning.apply("data-scientists need read access to the hub_config secret scope", to: Self.manyKinds)
        let permissions = bundle.configuration["resources"]?["secret_scopes"]?["config_scope"]?["permissions"]?.sequence ?? []
        XCTAssertEqual(permissions.first?["group_name"]?.string, "data-scientists")
        XCTAssertEqual(permissions.first?["level"]?.string, "READ")
    }

    /// "let the app query the llm endpoint" made up an endpoint "llm" beside the variable llm_endpoint.
    func testAnAppEndpointThroughItsVariable() throws {
        var files = Self.appBundle
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "bundle:\n  name: m1\n",
                                                                                with: "bundle:\n  name: m1\nvariables:\n  llm_endpoint:\n    default: databricks-meta-llama-3-1-8b-instruct\n")
        let (_, bundle) = try InMemoryPlanning.apply("let the app query the llm endpoint", to: files)
        let resources = bundle.configuration["resources"]?["apps"]?["departures"]?["resources"]?.sequence ?? []
        XCTAssertEqual(resources.compactMap { $0["serving_endpoint"]?["name"]?.string }, ["${var.llm_endpoint}"])
    }

    /// "actually 5" after a change in every target asked which job (the merged plan named none).
    func testACorrectionAfterAChangeInEveryTarget() throws {
        var c = Conversation(files: Self.files)
        guard case .plan = try c.ask("make the small cluster of etl use 3 workers in every target") else { return XCTFail("every target") }
        guard case .plan(let plan) = try c.ask("actually 5") else { return XCTFail("actually 5 was not planned") }
        XCTAssertEqual(plan.job ?? plan.resource?.key, "etl", plan.summary)
    }

    /// "… on the etl cluster of every job" changed the training cluster of a job that has only that one.
    func testTheNamedClusterOfEveryJob() throws {
        func job(_ key: String, _ clusters: [String]) -> String {
            "    \(key):\n      name: \(key)\n      job_clusters:\n" + clusters.map { "        - job_cluster_key: \($0)\n          new_cluster:\n            spark_version: 15.4.x-scala2.12\n            node_type_id: i3.xlarge\n            num_workers: 2\n" }.joined()
                + "      tasks:\n        - task_key: t\n          job_cluster_key: \(clusters[0])\n          notebook_task:\n            notebook_path: ./nb.py\n"
        }
        let files = ["databricks.yml": "bundle:\n  name: ml\nresources:\n  jobs:\n" + job("ingest", ["etl_cluster"]) + job("train", ["training_cluster"])
                        + job("weekly", ["etl_cluster", "training_cluster"]),
                     "nb.py": "# Databricks notebook source\n"]
        let (_, bundle) = try InMemoryPlanning.apply("set spark.sql.shuffle.partitions to 400 on the etl cluster of every job", to: files)
        func conf(_ job: String, _ cluster: String) -> String? {
            (bundle.configuration["resources"]?["jobs"]?[job]?["job_clusters"]?.sequence ?? []).first { $0["job_cluster_key"]?.string == cluster }?["new_cluster"]?["spark_conf"]?["spark.sql.shuffle.partitions"]?.string
        }
        XCTAssertEqual(conf("ingest", "etl_cluster"), "400")
        XCTAssertEqual(conf("weekly", "etl_cluster"), "400")
        XCTAssertNil(conf("train", "training_cluster"))
        XCTAssertNil(conf("weekly", "training_cluster"))
    }

    /// A size written as a variable with no default: "has no fixed number of workers" said nothing of the variable.
    func testASizeThroughAVariableWithoutADefault() throws {
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!
            .replacingOccurrences(of: "variables:\n  catalog:\n    default: dev_cat\n", with: "variables:\n  catalog:\n    default: dev_cat\n  big_workers:\n    description: workers of the big cluster\n")
            .replacingOccurrences(of: "node_type_id: i3.2xlarge\n            num_workers: 8", with: "node_type_id: i3.2xlarge\n            num_workers: ${var.big_workers}")
        let (outcome, _) = try InMemoryPlanning.outcome("set the big cluster of etl to 4 workers", on: files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("${var.big_workers}"), reason)
    }
}

extension QuestionAnswerTests.Asking {
    /// The number of workers of the etl job's `cluster`-th job cluster in `target`.
    func workers(_ cluster: Int, in target: String) throws -> Int? {
        let configuration = try SalesBundle.load(files).effectiveConfiguration(target: target).configuration
        guard case .int(let n)? = configuration["resources"]?["jobs"]?["etl"]?["job_clusters"]?.sequence?[cluster]["new_cluster"]?["num_workers"]?.scalar?.value else { return nil }
        return n
    }
}
