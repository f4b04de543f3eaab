@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-07 (ninth), on the `shop` bundle: jobs customer_sync,
/// daily_kpis, staging_loader ("Staging Loader") and ml (tasks features → training → scoring on one job
/// cluster); targets dev, staging and prod.
final class PublicBundleTrial78Tests: XCTestCase {
    static let shop = [
        "databricks.yml": """
        bundle: {name: shop}
        include: [resources/*.yml]
        variables:
          warehouse_id: {default: abc123}
        targets:
          dev: {default: true, mode: development}
          staging: {workspace: {root_path: /Workspace/Users/sp@example.com/.bundle/shop-staging}}
          prod: {mode: production, workspace: {root_path: /Workspace/Users/sp@example.com/.bundle/shop}}

        """,
        "resources/jobs.yml": """
        resources:
          jobs:
            customer_sync:
              name: customer-sync
              schedule: {quartz_cron_expression: "0 0 2 * * ?", timezone_id: UTC}
              tasks:
                - task_key: pull
                  notebook_task: {notebook_path: ../src/a.py}
            daily_kpis:
              name: daily-kpis
              tasks:
                - task_key: compute
                  notebook_task: {notebook_path: ../src/a.py}
            staging_loader:
              name: Staging Loader
              schedule: {quartz_cron_expression: "0 30 1 * * ?", timezone_id: UTC}
              tasks:
                - task_key: load
                  notebook_task: {notebook_path: ../src/a.py}
            ml:
              name: ml-pipeline
              job_clusters:
                - job_cluster_key: main
                  new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: Standard_DS3_v2, num_workers: 2}
              tasks:
                - task_key: features
                  job_cluster_key: main
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: training
                  depends_on: [{task_key: features}]
                  job_cluster_key: main
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: scoring
                  depends_on: [{task_key: training}]
                  job_cluster_key: main
                  notebook_task: {notebook_path: ../src/a.py}

        """,
        "src/a.py": "# Databricks notebook source\n",
    ]

    func job(_ bundle: LoadedBundle, _ key: String, _ target: String = "prod") -> YAMLNode? {
        bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?[key]
    }

    /// "add 2 retries to customer sync and daily kpis and a 1 hour timeout": "daily" in the second name was
    /// read as a schedule (daily_kpis was scheduled at midnight), and the timeout went to that job alone.
    func testAChangeAfterAListOfNamesIsEachOnes() throws {
        for request in ["add 2 retries to customer sync and daily kpis and a 1 hour timeout",
                        "add 2 retries to customer sync and daily kpis, and a 1 hour timeout"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.shop)
            XCTAssertFalse(plan.summary.contains("schedule"), "\(request): \(plan.summary)")
            XCTAssertNil(job(bundle, "daily_kpis")?["schedule"], request)
            for key in ["customer_sync", "daily_kpis"] {
                XCTAssertEqual(job(bundle, key)?["tasks"]?.sequence?.first?["max_retries"]?.string, "2", "\(request): \(key)")
                XCTAssertEqual(job(bundle, key)?["timeout_seconds"]?.string, "3600", "\(request): \(key)")
            }
            XCTAssertNil(job(bundle, "ml")?["timeout_seconds"], request)
            XCTAssertNil(job(bundle, "staging_loader")?["timeout_seconds"], request)
        }
    }

    /// "bump it to 3 but only for training" after "give every task in the ml job 2 retries": the restriction
    /// was dropped and every task got 3.
    func testAFollowUpRestrictedToOneTask() throws {
        for request in ["bump it to 3 but only for training", "make it 3, just on the training task", "bump it to 3 only for the training task",
                        "make it 3 for the training task only", "actually only training should get 3", "but 3 for training"] {
            var c = FollowUpTests.Conversation()
            c.files = Self.shop
            _ = try c.ask("give every task in the ml job 2 retries")
            _ = try c.ask(request)
            XCTAssertEqual(try c.value("jobs.ml.tasks[training].max_retries", target: "prod"), "3", request)
            XCTAssertEqual(try c.value("jobs.ml.tasks[features].max_retries", target: "prod"), "2", request)
            XCTAssertEqual(try c.value("jobs.ml.tasks[scoring].max_retries", target: "prod"), "2", request)
        }
    }

    /// The shop bundle with a catalog variable and a pipeline publishing to it.
    static var shopWithPipeline: [String: String] {
        var files = shop
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "  warehouse_id: {default: abc123}\n", with: "  warehouse_id: {default: abc123}\n  catalog: {default: main}\n")
        files["resources/orders.pipeline.yml"] = """
        resources:
          pipelines:
            orders:
              name: orders
              catalog: ${var.catalog}
              schema: sales
              libraries:
                - notebook: {path: ../src/a.py}

        """
        return files
    }

    /// "set the catalog to prod in prod" (a value that is a target's name) set every target's default (dev
    /// then published to the prod catalog); "set the catalog variable to prod for prod" asked for the value,
    /// and again when answered "prod".
    func testAValueThatIsATargetsName() throws {
        for (request, target) in [("set the catalog to prod in prod", "prod"), ("set the catalog variable to prod for prod", "prod"),
                                  ("set the catalog to staging in staging", "staging"), ("set catalog to dev in dev", "dev"),
                                  ("publish the orders pipeline to catalog prod in prod", "prod")] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.shopWithPipeline)
            XCTAssertEqual(plan.target, target, request)
            XCTAssertEqual(bundle.configuration["variables"]?["catalog"]?["default"]?.string, "main", "\(request): the default stays")
            XCTAssertEqual(bundle.effectiveConfiguration(target: target).configuration["resources"]?["pipelines"]?["orders"]?["catalog"]?.string, target, request)
            for other in ["dev", "staging", "prod"] where other != target {
                XCTAssertEqual(bundle.effectiveConfiguration(target: other).configuration["resources"]?["pipelines"]?["orders"]?["catalog"]?.string, "main", "\(request): \(other)")
            }
        }
        // A target the bundle lacks is refused, never every target's default.
        var files = Self.shopWithPipeline
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "  staging: {workspace: {root_path: /Workspace/Users/sp@example.com/.bundle/shop-staging}}\n", with: "")
        let (outcome, _) = try InMemoryPlanning.outcome("set the catalog to staging in staging", on: files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("no target staging"), reason)
    }

    /// "make it dave@… instead" after "email failures to carol@…" replaced every failure recipient (the team's
    /// address too) by dave; "make it 6 instead of 7" after an e-mail change replaced the recipients by the
    /// previous one; "email pat@… on failure instead of on success" replaced every failure recipient and kept
    /// pat on success.
    func testAnotherRecipientInstead() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("email failures of the sales sync to carol@corp.com")
        _ = try c.ask("make it dave@corp.com instead")
        XCTAssertEqual(try c.value("jobs.sales_sync.email_notifications.on_failure", target: "dev"), "[data-team@example.com,dave@corp.com]")
        // "…, not dave": dave is the one replaced (erin was added beside him).
        _ = try c.ask("actually send them to erin@corp.com, not dave")
        XCTAssertEqual(try c.value("jobs.sales_sync.email_notifications.on_failure", target: "dev"), "[data-team@example.com,erin@corp.com]")
        _ = try c.ask("make it dave@corp.com instead")
        let bundle = try SalesBundle.load(c.files)
        let (outcome, _) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("make it 6 instead of 7")), session: c.session)
        if case .plan(let plan) = outcome { XCTAssertFalse(plan.summary.contains("e-mail"), plan.summary) }
        _ = try c.ask("email pat@corp.com when the sales sync succeeds")
        _ = try c.ask("email pat@corp.com on failure of the sales sync instead of on success")
        XCTAssertEqual(try c.value("jobs.sales_sync.email_notifications.on_failure", target: "dev"), "[data-team@example.com,dave@corp.com,pat@corp.com]")
        XCTAssertNil(try c.value("jobs.sales_sync.email_notifications.on_success", target: "dev"))
    }

    /// A line break or a tab typed in a request (Shift+Enter in the page's box) went into the value committed:
    /// "ops@example.com\n", an owner tag "\nalice", the address "email\tdev@example.com".
    func testLineBreaksAndTabsInARequestAreSpaces() throws {
        XCTAssertEqual(RequestText("email ops@x.com\n when  it\tfails \u{202E}now\u{202C}").original, "email ops@x.com when it fails now")
        let files = PublicBundleTrial72Tests.sales
        let (_, tagged) = try InMemoryPlanning.apply("add the tag owner: \nalice to the etl job", to: files)
        XCTAssertEqual(tagged.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["etl"]?["tags"]?["owner"]?.string, "alice")
        for request in ["email ops@example.com\n when the etl job fails", "email\tops@example.com when the etl job fails"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files)
            let recipients = bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["etl"]?["email_notifications"]?["on_failure"]?.sequence?.compactMap(\.string)
            XCTAssertEqual(recipients, ["ops@example.com"], request)
        }
    }

    /// "add one more retry" / "another retry" were refused ("already retries (up to 3 times)"); "add 1 retry"
    /// lowered 3 to 1 without saying what it was.
    func testMoreRetriesRaiseEachTasksOwnCount() throws {
        var files = Self.shop
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "        - task_key: training\n", with: "        - task_key: training\n          max_retries: 3\n")
        for (request, expected) in [("add one more retry to every task of the ml job", ["1", "4", "1"]), ("give the ml job's tasks another retry", ["1", "4", "1"]),
                                    ("add 2 more retries to the training task", [nil, "5", nil])] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files)
            let tasks = job(bundle, "ml")?["tasks"]?.sequence ?? []
            XCTAssertEqual(tasks.map { $0["max_retries"]?.string }, expected, request)
        }
        let (plan, _) = try InMemoryPlanning.apply("add 1 retry to the training task", to: files)
        XCTAssertTrue(plan.summary.contains("(was 3)"), plan.summary)
    }

    /// "set the spark version of the job to banana" upgraded the cluster to the latest LTS.
    func testARuntimeThatIsNoVersionIsRefused() throws {
        for request in ["set the spark version of the ml job to banana", "use runtime banana for the ml job", "use spark banana for the ml job",
                        "change the runtime of the ml job to 'banana'", "set spark_version: banana on the ml job"] {
            let (outcome, _) = try InMemoryPlanning.outcome(request, on: Self.shop)
            guard case .refused(let reason) = outcome else { XCTFail("\(request): \(outcome)"); continue }
            XCTAssertTrue(reason.contains("banana is no Databricks Runtime version"), reason)
        }
        let (plan, _) = try InMemoryPlanning.apply("upgrade the ml job to the latest LTS runtime", to: Self.shop)
        XCTAssertTrue(plan.summary.contains("17.3"), plan.summary)
        // "the ml job" (a job called so) asks for no ML runtime; "16.4 LTS ML" does.
        let (plain, _) = try InMemoryPlanning.apply("use runtime 16.4 for the ml job", to: Self.shop)
        XCTAssertTrue(plain.summary.contains("16.4.x-scala2.12"), plain.summary)
        let (ml, _) = try InMemoryPlanning.apply("upgrade the ml job's cluster to 16.4 LTS ML", to: Self.shop)
        XCTAssertTrue(ml.summary.contains("16.4.x-cpu-ml-scala2.12"), ml.summary)
    }

    /// "set job parameter run_date to 2024-01-01 on the orchestrator" added the parameter with default "".
    func testAJobParameterSetToAValue() throws {
        for request in ["set job parameter run_date to 2024-01-01 on the ml job", "add the job parameter run_date=2024-01-01 to the ml job"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.shop)
            let parameter = job(bundle, "ml")?["parameters"]?.sequence?.first
            XCTAssertEqual(parameter?["name"]?.string, "run_date", request)
            XCTAssertEqual(parameter?["default"]?.string, "2024-01-01", request)
        }
    }

    /// "add a variable env with default dev and description "The environment name"" set the job's description;
    /// "pass the catalog variable to the notebook task as a parameter named catalog" set the variable's
    /// default to "parameter".
    func testAVariablesDescriptionAndAVariablePassedToATask() throws {
        let (_, added) = try InMemoryPlanning.apply("add a variable env with default dev and description \"The environment name\"", to: Self.shop)
        XCTAssertEqual(added.configuration["variables"]?["env"]?["description"]?.string, "The environment name")
        XCTAssertEqual(added.configuration["variables"]?["env"]?["default"]?.string, "dev")
        XCTAssertNil(job(added, "ml")?["description"])
        let (_, passed) = try InMemoryPlanning.apply("pass the warehouse_id variable to the training task as a parameter named warehouse", to: Self.shop)
        XCTAssertEqual(passed.configuration["variables"]?["warehouse_id"]?["default"]?.string, "abc123")
        let training = job(passed, "ml")?["tasks"]?.sequence?.first { $0["task_key"]?.string == "training" }
        XCTAssertEqual(training?["notebook_task"]?["base_parameters"]?["warehouse"]?.string, "abc123", "the variable's value")
    }

    /// "rename the dbt job to dbt-core" of "dbt-job-${bundle.target}" dropped the target's part: staging and prod
    /// then deployed jobs of one name.
    func testARenameKeepsTheTargetsPartOfTheName() throws {
        var files = Self.shop
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "name: customer-sync", with: "name: customer-sync-${bundle.target}")
        let (plan, bundle) = try InMemoryPlanning.apply("rename the customer sync job to customer-import", to: files)
        XCTAssertEqual(job(bundle, "customer_sync", "prod")?["name"]?.string, "customer-import-prod")
        XCTAssertTrue(plan.summary.contains("stays"), plan.summary)
        let (_, exact) = try InMemoryPlanning.apply("rename the customer sync job exactly to customer-import", to: files)
        XCTAssertEqual(job(exact, "customer_sync", "prod")?["name"]?.string, "customer-import")
    }

    /// "but keep prod at 2 hours" after a 1 hour timeout said "nothing to change"; "but keep prod on the current
    /// channel" set the shared channel back for every target.
    func testKeepingATargetAtAValueAfterAChange() throws {
        var c = FollowUpTests.Conversation()
        c.files = Self.shop
        _ = try c.ask("set a timeout of 1 hour on the ml job")
        _ = try c.ask("but keep prod at 2 hours")
        XCTAssertEqual(try c.value("jobs.ml.timeout_seconds", target: "prod"), "7200")
        XCTAssertEqual(try c.value("jobs.ml.timeout_seconds", target: "dev"), "3600")
        XCTAssertEqual(try c.value("jobs.ml.timeout_seconds", target: "staging"), "3600")
    }

    /// "only fire the alert when there are more than 20 late orders" after a change in prod went to prod:
    /// "there are" was read as "in that target".
    func testThereAreIsNoPlace() throws {
        var c = FollowUpTests.Conversation()
        c.files = PublicBundleTrial72Tests.sales
        _ = try c.ask("set the timeout of etl to 6 hours in prod")
        let plan = try c.ask("only fire the alert when there are more than 20 late orders")
        XCTAssertNil(plan?.target)
        XCTAssertEqual(try c.value("alerts.late_orders.evaluation.threshold.value.double_value", target: "dev"), "20")
        XCTAssertTrue(RequestText("set the catalog to x there").saysThere)
        XCTAssertFalse(RequestText("when there are more than 20").saysThere)
        XCTAssertFalse(RequestText("if there's a failure").saysThere)
    }

    /// "actually wait 5 min between retries" after retrying two of three tasks changed every task and added
    /// retries to the third.
    func testARetryWaitAfterRetriesOfSomeTasks() throws {
        var c = FollowUpTests.Conversation()
        c.files = Self.shop
        _ = try c.ask("retry the training and scoring tasks 3 times")
        _ = try c.ask("actually wait 5 min between retries")
        XCTAssertEqual(try c.value("jobs.ml.tasks[training].min_retry_interval_millis", target: "prod"), "300000")
        XCTAssertEqual(try c.value("jobs.ml.tasks[scoring].min_retry_interval_millis", target: "prod"), "300000")
        XCTAssertNil(try c.value("jobs.ml.tasks[features].min_retry_interval_millis", target: "prod"))
        XCTAssertNil(try c.value("jobs.ml.tasks[features].max_retries", target: "prod"))
    }

    /// "do a full refresh of the silver pipeline task in dev" changed the shared task: prod fully refreshed too.
    func testAFullRefreshInOneTarget() throws {
        var files = Self.shop
        files["resources/refresh.yml"] = """
        resources:
          jobs:
            refresh:
              name: refresh
              tasks:
                - task_key: silver
                  pipeline_task: {pipeline_id: "${resources.pipelines.silver.id}"}
          pipelines:
            silver:
              name: silver
              catalog: main
              schema: sales
              libraries:
                - notebook: {path: ../src/a.py}

        """
        let (plan, bundle) = try InMemoryPlanning.apply("do a full refresh of the silver pipeline task in dev", to: files)
        XCTAssertEqual(plan.target, "dev")
        XCTAssertEqual(job(bundle, "refresh", "dev")?["tasks"]?.sequence?.first?["pipeline_task"]?["full_refresh"]?.string, "true")
        XCTAssertNil(job(bundle, "refresh", "prod")?["tasks"]?.sequence?.first?["pipeline_task"]?["full_refresh"])
    }

    /// "use spot instances with fallback, keep the driver on demand" wrote on-demand instances; "and spot in dev"
    /// after an on-demand change in prod wrote on-demand in dev; "keep the first node on demand" after spot made
    /// the whole cluster on-demand.
    func testSpotWithAnOnDemandDriver() throws {
        let availability = { (bundle: LoadedBundle, target: String) in
            self.job(bundle, "ml", target)?["job_clusters"]?.sequence?.first?["new_cluster"]?["azure_attributes"]?["availability"]?.string
        }
        for request in ["use spot instances with fallback for the ml job, keep the driver on demand", "use spot instances for the ml job but keep the driver on-demand"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.shop)
            XCTAssertEqual(availability(bundle, "prod"), "SPOT_WITH_FALLBACK_AZURE", request)
            XCTAssertEqual(job(bundle, "ml")?["job_clusters"]?.sequence?.first?["new_cluster"]?["azure_attributes"]?["first_on_demand"]?.string, "1", request)
        }
        var c = FollowUpTests.Conversation()
        c.files = Self.shop
        _ = try c.ask("use on-demand instances in prod for the ml job")
        _ = try c.ask("and spot in dev")
        let bundle = try SalesBundle.load(c.files)
        XCTAssertEqual(availability(bundle, "dev"), "SPOT_WITH_FALLBACK_AZURE")
        XCTAssertEqual(availability(bundle, "prod"), "ON_DEMAND_AZURE")
        XCTAssertFalse(AvailabilityIntent.onDemand(RequestText("no spot instances please, on demand")) == false)
    }

    /// Variations from the re-test: "set the catalog to prod in prod and to qa in qa" gave prod the value qa (qa
    /// is no target); "on failure instead" after "email pat@… when it succeeds" replaced the failure recipients;
    /// "move pat@… from success to failure emails" added pat to both; 'create a bundle variable called env …'
    /// renamed the bundle; "(default: dev)" gave the default "dev)".
    func testVariationsOfTheFirstRound() throws {
        let (outcome, _) = try InMemoryPlanning.outcome("set the catalog to prod in prod and to qa in qa", on: Self.shopWithPipeline)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("no target qa"), reason)

        var c = FollowUpTests.Conversation()
        _ = try c.ask("email pat@corp.com when the sales sync succeeds")
        _ = try c.ask("on failure instead")
        XCTAssertEqual(try c.value("jobs.sales_sync.email_notifications.on_failure", target: "dev"), "[data-team@example.com,pat@corp.com]")
        XCTAssertNil(try c.value("jobs.sales_sync.email_notifications.on_success", target: "dev"))
        _ = try c.ask("move pat@corp.com from the failure to the success emails of the sales sync")
        XCTAssertEqual(try c.value("jobs.sales_sync.email_notifications.on_failure", target: "dev"), "[data-team@example.com]")
        XCTAssertEqual(try c.value("jobs.sales_sync.email_notifications.on_success", target: "dev"), "[pat@corp.com]")

        for request in ["create a bundle variable called env defaulting to dev with the description \"The environment name\"",
                        "add variable env (default: dev) described as 'The environment name'",
                        "add a variable env with description \"The environment name\" and default dev"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.shop)
            XCTAssertEqual(bundle.configuration["bundle"]?["name"]?.string, "shop", request)
            XCTAssertEqual(bundle.configuration["variables"]?["env"]?["default"]?.string, "dev", request)
            XCTAssertEqual(bundle.configuration["variables"]?["env"]?["description"]?.string, "The environment name", request)
        }
    }

    /// "cap the gold job at 4 workers in prod" of a 2–8 autoscaling cluster set 4–4 (the minimum raised).
    func testCappingAnAutoscalingCluster() throws {
        var files = Self.shop
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "num_workers: 2}", with: "autoscale: {min_workers: 2, max_workers: 8}}")
        for request in ["cap the ml job at 4 workers in prod", "limit the ml cluster to no more than 4 workers in prod",
                        "the ml job shouldn't scale past 4 workers in prod", "dont let the ml cluster go above 4 workers in prod"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files)
            let autoscale = job(bundle, "ml", "prod")?["job_clusters"]?.sequence?.first?["new_cluster"]?["autoscale"]
            XCTAssertEqual(autoscale?["min_workers"]?.string, "2", request)
            XCTAssertEqual(autoscale?["max_workers"]?.string, "4", request)
        }
    }

    /// "change it to 3 only for training and scoring" changed scoring alone.
    func testAFollowUpRestrictedToTwoTasks() throws {
        for request in ["change it to 3 only for training and scoring", "bump it to 3 but only for the training and scoring tasks"] {
            var c = FollowUpTests.Conversation()
            c.files = Self.shop
            _ = try c.ask("give every task in the ml job 2 retries")
            _ = try c.ask(request)
            XCTAssertEqual(try c.value("jobs.ml.tasks[training].max_retries", target: "prod"), "3", request)
            XCTAssertEqual(try c.value("jobs.ml.tasks[scoring].max_retries", target: "prod"), "3", request)
            XCTAssertEqual(try c.value("jobs.ml.tasks[features].max_retries", target: "prod"), "2", request)
        }
    }

    /// "pass ${var.catalog} to the notebook as catalog" and "hand the catalog variable to the notebook task" set the
    /// variable's default.
    func testAVariableHandedToATask() throws {
        for (request, name) in [("pass ${var.warehouse_id} to the training task as warehouse", "warehouse"), ("hand the warehouse_id variable to the training task", "warehouse_id")] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.shop)
            XCTAssertEqual(bundle.configuration["variables"]?["warehouse_id"]?["default"]?.string, "abc123", request)
            let training = job(bundle, "ml")?["tasks"]?.sequence?.first { $0["task_key"]?.string == "training" }
            XCTAssertEqual(training?["notebook_task"]?["base_parameters"]?[name]?.string, "abc123", request)
        }
    }

    /// "run_date=2024-01-01 for daily kpis" scheduled the job daily; "… and daily kpis and a 1 hour timout" (a typo in
    /// the last clause) scheduled daily_kpis and dropped the timeout. (The typo is put right since: each job gets both.)
    func testAJobsNameIsNoScheduleWhenTheOtherWordsAreNotUnderstood() throws {
        let (outcome, _) = try InMemoryPlanning.outcome("run_date=2024-01-01 for daily kpis", on: Self.shop)
        if case .plan(let plan) = outcome { XCTFail(plan.summary) }
        let (plan, bundle) = try InMemoryPlanning.apply("add 2 retries to customer sync and daily kpis and a 1 hour timout", to: Self.shop)
        XCTAssertNil(job(bundle, "daily_kpis")?["schedule"], plan.summary)
        XCTAssertEqual(job(bundle, "daily_kpis")?["timeout_seconds"]?.string, "3600", plan.summary)
        XCTAssertEqual(job(bundle, "customer_sync")?["timeout_seconds"]?.string, "3600", plan.summary)
    }

    /// "rename customer sync to exactly crm-sync" named it "exactly crm-sync".
    func testExactlyIsNoPartOfAName() throws {
        for request in ["rename the ml job to exactly crm-sync", "rename the ml job to crm-sync exactly"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.shop)
            XCTAssertEqual(job(bundle, "ml")?["name"]?.string, "crm-sync", request)
        }
    }

    /// "wait 5 minutes between retries" naming no task gave the tasks that do not retry retries again; "remove the
    /// retries you added" removed a retry the bundle had before.
    func testARetryWaitForTheTasksThatRetryAndRetriesYouAdded() throws {
        var files = Self.shop
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "        - task_key: scoring\n", with: "        - task_key: scoring\n          max_retries: 2\n")
        let (_, bundle) = try InMemoryPlanning.apply("wait 5 minutes between retries of the ml job's tasks", to: files)
        let tasks = job(bundle, "ml")?["tasks"]?.sequence ?? []
        XCTAssertEqual(tasks.map { $0["min_retry_interval_millis"]?.string }, [nil, nil, "300000"])
        XCTAssertEqual(tasks.map { $0["max_retries"]?.string }, [nil, nil, "2"])

        var session = RefineSession()
        session.turns = [.init(request: "give every task of the ml job 3 retries", reply: "Set max_retries to 3", intent: TaskRetriesIntent.id, job: "ml", commit: "c1"),
                         .init(request: "set a 1 hour timeout on the ml job", reply: "Set timeout_seconds", intent: JobTimeoutIntent.id, job: "ml", commit: "c2")]
        XCTAssertEqual(FollowUp.describedUndo(RequestText("remove the retries you added"), session: session)?.count, 2)
        XCTAssertEqual(FollowUp.describedUndo(RequestText("drop the timeout we just set"), session: session)?.count, 1)
        XCTAssertEqual(FollowUp.describedUndo(RequestText("take back the retries"), session: session)?.count, 2)
    }

    /// "make analysts view-only on every job" right after a grant to data-eng said data-eng already had its level
    /// (read as data-eng's level again); "remove bob's access" asked which principal "bob s" is.
    func testAnotherPrincipalAfterAGrantAndPossessives() throws {
        var c = FollowUpTests.Conversation()
        c.files = Self.shop
        _ = try c.ask("give the data-eng group CAN_MANAGE on all jobs")
        let bundle = try SalesBundle.load(c.files)
        let (outcome, _) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("make analysts view-only on every job")), session: c.session)
        if case .refused(let reason) = outcome { XCTAssertFalse(reason.contains("data-eng"), reason) }
        let plan = try c.ask("make the analysts group read-only on the ml job")
        XCTAssertTrue(plan?.summary.contains("CAN_VIEW on job ml to group analysts") == true, plan?.summary ?? "")
        _ = try c.ask("let bob@x.com manage the ml job")
        _ = try c.ask("remove bob@x.com's access to the ml job")
        XCTAssertFalse((try c.value("jobs.ml.permissions", target: "prod") ?? "").contains("bob@x.com"))
    }

    /// "upgrade mlflow to 3.4.0" turned "mlflow[databricks]>=3.1.0" into "mlflow==3.4.0" (the extra the bundle says it
    /// needs was dropped).
    func testAnUpgradeKeepsThePackagesExtras() throws {
        var files = Self.shop
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "        - task_key: features\n          job_cluster_key: main\n",
            with: "        - task_key: features\n          job_cluster_key: main\n          libraries:\n            - pypi: {package: \"mlflow[databricks]>=3.1.0\"}\n")
        let (_, bundle) = try InMemoryPlanning.apply("upgrade mlflow to 3.4.0", to: files)
        XCTAssertEqual(job(bundle, "ml")?["tasks"]?.sequence?.first?["libraries"]?.sequence?.first?["pypi"]?["package"]?.string, "mlflow[databricks]==3.4.0")
    }

    /// Three variables with their defaults in one request gave one variable the last one's default (the others were
    /// dropped); "add 2 retries to every job in prod" where a schema is keyed prod was refused ("schema prod is a
    /// schema").
    func testSeveralVariablesAndASchemaKeyedLikeATarget() throws {
        let (_, bundle) = try InMemoryPlanning.apply("add a variable spark_version with default 15.4.x-scala2.12, a variable pool_id with default pool-1 and a variable jar_path with default /Volumes/main/libs/app.jar", to: Self.shop)
        let variables = bundle.configuration["variables"]
        XCTAssertEqual(variables?["spark_version"]?["default"]?.string, "15.4.x-scala2.12")
        XCTAssertEqual(variables?["pool_id"]?["default"]?.string, "pool-1")
        XCTAssertEqual(variables?["jar_path"]?["default"]?.string, "/Volumes/main/libs/app.jar")

        var files = Self.shop
        files["resources/schemas.yml"] = "resources:\n  schemas:\n    prod:\n      name: prod\n      catalog_name: main\n"
        let (plan, retried) = try InMemoryPlanning.apply("add a 2 hour timeout to the ml job in prod", to: files)
        XCTAssertEqual(plan.target, "prod")
        XCTAssertEqual(job(retried, "ml", "prod")?["timeout_seconds"]?.string, "7200")
    }

    /// "and wait until no new files arrived for 2 minutes" after a file-arrival trigger replaced it by a table-update
    /// trigger on no table.
    func testAWaitOnAFileArrivalTrigger() throws {
        var c = FollowUpTests.Conversation()
        c.files = Self.shop
        _ = try c.ask("trigger the ml job when files land in /Volumes/main/raw/orders/ but at most once every 10 minutes")
        _ = try c.ask("and wait until no new files arrived for 2 minutes")
        XCTAssertEqual(try c.value("jobs.ml.trigger.file_arrival.wait_after_last_change_seconds", target: "prod"), "120")
        XCTAssertEqual(try c.value("jobs.ml.trigger.file_arrival.min_time_between_triggers_seconds", target: "prod"), "600")
        XCTAssertNil(try c.value("jobs.ml.trigger.table_update", target: "prod"))
    }

    /// Round-80 variations: "set the catalog to qa in the qa target and prod in prod" and "catalog should be prod_cat
    /// in prod and qa_cat in qa" (no qa target) changed prod; "give the training task the catalog variable as a
    /// parameter" and "pass catalog to the notebook" set the variable's default to "parameter" / "pass".
    func testVariationsOfTheSecondRound() throws {
        for request in ["set the catalog to qa in the qa target and prod in prod", "catalog should be prod_cat in prod and qa_cat in qa"] {
            let (outcome, _) = try InMemoryPlanning.outcome(request, on: Self.shopWithPipeline)
            guard case .refused(let reason) = outcome else { XCTFail("\(request): \(outcome)"); continue }
            XCTAssertTrue(reason.contains("no target qa"), reason)
        }
        for request in ["give the training task the catalog variable as a parameter", "pass catalog to the training notebook task"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.shopWithPipeline)
            XCTAssertEqual(bundle.configuration["variables"]?["catalog"]?["default"]?.string, "main", request)
            let training = job(bundle, "ml")?["tasks"]?.sequence?.first { $0["task_key"]?.string == "training" }
            XCTAssertEqual(training?["notebook_task"]?["base_parameters"]?["catalog"]?.string, "main", request)
        }
    }

    /// "same for staging but at 9am" after "… every day at 8:15 in prod" kept 08:15; "but at 7" gave 05:07.
    func testTheSameScheduleForAnotherTargetAtItsOwnTime() throws {
        var c = FollowUpTests.Conversation()
        c.files = Self.shop
        _ = try c.ask("run the ml job every day at 8:15 in prod")
        _ = try c.ask("same for staging but at 9am")
        _ = try c.ask("same for dev but at 7")
        XCTAssertEqual(try c.value("jobs.ml.schedule.quartz_cron_expression", target: "prod"), "0 15 8 * * ?")
        XCTAssertEqual(try c.value("jobs.ml.schedule.quartz_cron_expression", target: "staging"), "0 0 9 * * ?")
        XCTAssertEqual(try c.value("jobs.ml.schedule.quartz_cron_expression", target: "dev"), "0 0 7 * * ?")
    }

    /// "switch the etl job to serverless" removed the job's clusters but left prod's per-task new_cluster overrides
    /// (no spark_version of their own): the job would not deploy in prod.
    func testServerlessRemovesTheTargetsClustersToo() throws {
        var files = Self.shop
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "  prod: {mode: production, workspace: {root_path: /Workspace/Users/sp@example.com/.bundle/shop}}\n", with: """
          prod:
            mode: production
            workspace: {root_path: /Workspace/Users/sp@example.com/.bundle/shop}
            resources:
              jobs:
                ml:
                  tasks:
                    - task_key: training
                      new_cluster: {num_workers: 2, node_type_id: Standard_DS4_v2}

        """)
        let (plan, bundle) = try InMemoryPlanning.apply("switch the ml job to serverless", to: files)
        XCTAssertTrue(plan.summary.contains("prod gave its tasks are removed too"), plan.summary)
        let tasks = job(bundle, "ml", "prod")?["tasks"]?.sequence ?? []
        XCTAssertFalse(tasks.contains { $0["new_cluster"] != nil || $0["job_cluster_key"] != nil })
    }

    /// Another folder for a file-arrival trigger dropped its at-most limit; "show me what changed" was refused as a
    /// question.
    func testAnotherFolderKeepsTheTriggersTimings() throws {
        var c = FollowUpTests.Conversation()
        c.files = Self.shop
        _ = try c.ask("trigger the ml job when files land in /Volumes/main/raw/orders/ but at most once every 10 minutes")
        _ = try c.ask("actually watch /Volumes/main/raw/orders_v2/ instead")
        XCTAssertEqual(try c.value("jobs.ml.trigger.file_arrival.url", target: "prod"), "/Volumes/main/raw/orders_v2/")
        XCTAssertEqual(try c.value("jobs.ml.trigger.file_arrival.min_time_between_triggers_seconds", target: "prod"), "600")
        XCTAssertTrue(FollowUp.isRecap(RequestText("show me what changed")))
        XCTAssertTrue(FollowUp.isRecap(RequestText("show me the diff")))
    }

    /// "don't email anyone when the job fails" asked which address to e-mail ("don't" is split at its apostrophe).
    func testDontEmailAnyone() throws {
        for request in ["don't email anyone when the sales sync fails", "do not send emails when the sales sync fails"] {
            let (outcome, files) = try InMemoryPlanning.outcome(request, on: SalesBundle.files)
            guard case .plan = outcome else { XCTFail("\(request): \(outcome)"); continue }
            XCTAssertFalse(files["resources/sales_sync.job.yml"]!.contains("data-team@example.com"), request)
        }
    }
}
