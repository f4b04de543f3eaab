@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-07 (tenth), mostly on the `shop` bundle of
/// `PublicBundleTrial78Tests` (jobs customer_sync, daily_kpis, staging_loader and ml, whose tasks features →
/// training → scoring share the Azure job cluster `main`; targets dev, staging and prod).
final class PublicBundleTrial81Tests: XCTestCase {
    static let shop = PublicBundleTrial78Tests.shop

    func job(_ bundle: LoadedBundle, _ key: String, _ target: String = "prod") -> YAMLNode? {
        bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?[key]
    }

    func mlCluster(_ bundle: LoadedBundle, _ target: String = "prod") -> YAMLNode? {
        job(bundle, "ml", target)?["job_clusters"]?.sequence?.first?["new_cluster"]
    }

    /// "spot only, no on-demand fallback", "use spot instances without fallback": SPOT_WITH_FALLBACK was set (the
    /// words against the fallback unread). Spot without fallback is SPOT_AZURE here (SPOT on AWS).
    func testSpotWithoutFallback() throws {
        for request in ["ml job: spot only, no on-demand fallback", "use spot instances without fallback for the ml job",
                        "put the ml cluster on spot, don't fall back to on-demand", "ml should run on spot with no fallback",
                        // (Without the word spot: these were read as on-demand instances, the opposite.)
                        "don't fall back to on-demand on the ml cluster", "disable the on-demand fallback for the ml job",
                        "stop falling back to on-demand instances on the ml cluster", "no fallback to on demand for ml"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.shop)
            XCTAssertEqual(mlCluster(bundle)?["azure_attributes"]?["availability"]?.string, "SPOT_AZURE", request)
            XCTAssertEqual(mlCluster(bundle)?["azure_attributes"]?["first_on_demand"]?.string, "1", request)
            XCTAssertTrue(plan.summary.contains("not replaced"), "\(request): \(plan.summary)")
        }
        let (_, bundle) = try InMemoryPlanning.apply("use spot instances with fallback for the ml job", to: Self.shop)
        XCTAssertEqual(mlCluster(bundle)?["azure_attributes"]?["availability"]?.string, "SPOT_WITH_FALLBACK_AZURE")
    }

    /// "make the driver spot too", "all spot, including the driver": "already uses SPOT_WITH_FALLBACK" (the driver
    /// stayed on demand).
    func testTheDriverOnSpotToo() throws {
        let (_, spot) = try InMemoryPlanning.outcome("use spot instances for the ml job", on: Self.shop)
        for request in ["make the driver spot too on the ml cluster", "ml: all spot, including the driver", "ml cluster: spot instances only, never on-demand"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: spot)
            XCTAssertEqual(mlCluster(bundle)?["azure_attributes"]?["first_on_demand"]?.string, "0", "\(request): \(plan.summary)")
        }
    }

    /// "switch ml to spot but keep 2 on-demand nodes" set first_on_demand: 1.
    func testSpotKeepingSomeNodesOnDemand() throws {
        for request in ["switch ml to spot but keep 2 on-demand nodes", "use spot for the ml job with the first 2 nodes on demand",
                        "ml on spot, keep two nodes on demand"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.shop)
            XCTAssertEqual(mlCluster(bundle)?["azure_attributes"]?["availability"]?.string, "SPOT_WITH_FALLBACK_AZURE", request)
            XCTAssertEqual(mlCluster(bundle)?["azure_attributes"]?["first_on_demand"]?.string, "2", request)
            XCTAssertTrue(plan.summary.contains("first 2 nodes on demand") || plan.summary.contains("first_on_demand to 2"), "\(request): \(plan.summary)")
        }
    }

    /// After "give every task in the ml job 2 retries": "make it 3 for trainig only" (a typo in the task's name)
    /// and "except training, that one gets 3" set every task to 3.
    func testRestrictingAChangeToATaskWithATypoOrExcept() throws {
        for request in ["make it 3 for trainig only", "except training, that one gets 3", "bump it to 3 but only for the trainng task",
                        "apart from training, which should get 3", "but the training task should get 3", "training should get 3",
                        "3 for the training task"] {
            var c = FollowUpTests.Conversation()
            c.files = Self.shop
            _ = try c.ask("give every task in the ml job 2 retries")
            _ = try c.ask(request)
            XCTAssertEqual(try c.value("jobs.ml.tasks[training].max_retries", target: "prod"), "3", request)
            XCTAssertEqual(try c.value("jobs.ml.tasks[features].max_retries", target: "prod"), "2", request)
            XCTAssertEqual(try c.value("jobs.ml.tasks[scoring].max_retries", target: "prod"), "2", request)
        }
    }

    /// Several variables in one request: "add three variables: …" added a variable called `three`; "add variables
    /// schema (default sales), …" only the first, with the last one's default.
    func testSeveralVariablesInOneRequest() throws {
        for request in ["add three variables: schema defaulting to sales, region defaulting to eu-west-1 and owner defaulting to data-team",
                        "add variables schema (default sales), region (default eu-west-1) and owner (default data-team)",
                        "add a schema variable defaulting to sales, a region variable defaulting to eu-west-1 and an owner variable defaulting to data-team",
                        "new variables: schema=sales, region=eu-west-1, owner=data-team",
                        "add the variables schema with default sales, region with default eu-west-1, and owner with default data-team"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.shop)
            let variables = bundle.configuration["variables"]
            XCTAssertEqual(variables?["schema"]?["default"]?.string, "sales", "\(request): \(plan.summary)")
            XCTAssertEqual(variables?["region"]?["default"]?.string, "eu-west-1", request)
            XCTAssertEqual(variables?["owner"]?["default"]?.string, "data-team", request)
            XCTAssertNil(variables?["three"], request)
            XCTAssertEqual(variables?["warehouse_id"]?["default"]?.string, "abc123", request)
        }
        let (_, bundle) = try InMemoryPlanning.apply("add a warehouse variable with default abc and a schema variable with default sales", to: Self.shop)
        XCTAssertEqual(bundle.configuration["variables"]?["warehouse"]?["default"]?.string, "abc")
        XCTAssertEqual(bundle.configuration["variables"]?["schema"]?["default"]?.string, "sales")
    }

    /// '(default: dev, description: "Deployment environment")': the description kept the closing bracket.
    func testADescriptionInBrackets() throws {
        let (_, bundle) = try InMemoryPlanning.apply(#"add a variable env (default: dev, description: "Deployment environment")"#, to: Self.shop)
        XCTAssertEqual(bundle.configuration["variables"]?["env"]?["default"]?.string, "dev")
        XCTAssertEqual(bundle.configuration["variables"]?["env"]?["description"]?.string, "Deployment environment")
        let (_, other) = try InMemoryPlanning.apply(#"add a variable env with default dev and description "Where it deploys (dev or prod)""#, to: Self.shop)
        XCTAssertEqual(other.configuration["variables"]?["env"]?["description"]?.string, "Where it deploys (dev or prod)")
        XCTAssertNil(other.configuration["variables"]?["description"])
    }

    /// `add a tag owner="Data Platform" to …` committed `owner: "\"Data"` (the value cut at its first word, the quote kept).
    func testQuotedTagValues() throws {
        for (request, value) in [(#"add a tag owner="Data Platform" to the customer sync job"#, "Data Platform"),
                                 ("add a tag owner='Data Platform' to the customer sync job", "Data Platform"),
                                 ("add the tag owner: Data Platform to the customer sync job", "Data Platform"),
                                 (#"tag the customer sync job with owner="José Müller 🚀""#, "José Müller 🚀"),
                                 ("tag the customer sync job with owner=data-platform", "data-platform"),
                                 (#"set tag owner to "Data Platform" on the customer sync job"#, "Data Platform"),
                                 (#"tag the customer sync job with owner "Data Platform""#, "Data Platform")] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.shop)
            XCTAssertEqual(job(bundle, "customer_sync")?["tags"]?["owner"]?.string, value, "\(request): \(plan.summary)")
        }
    }

    /// BC-translink: a SQL warehouse shared by dev and prod.
    static let warehouse = [
        "databricks.yml": """
        bundle: {name: wh}
        resources:
          sql_warehouses:
            wh:
              name: wh
              cluster_size: "2X-Large"
              max_num_clusters: 1
              auto_stop_mins: 60
              enable_serverless_compute: true
        targets:
          dev: {mode: development, default: true}
          prod: {mode: production, workspace: {root_path: /Workspace/Shared/.bundle/prod}}

        """,
    ]

    /// "the warehouse is way too big for dev, make it small" made the shared warehouse small: prod's too.
    func testATargetNamedInTheLeadBeforeTheComma() throws {
        for request in ["the warehouse is way too big for dev, make it small", "the warehouse is too big in dev, make it small"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.warehouse)
            func size(_ target: String) -> String? {
                bundle.effectiveConfiguration(target: target).configuration["resources"]?["sql_warehouses"]?["wh"]?["cluster_size"]?.string
            }
            XCTAssertEqual(size("dev"), "Small", "\(request): \(plan.summary)")
            XCTAssertEqual(size("prod"), "2X-Large", "\(request): \(plan.summary)")
        }
    }

    /// BC-translink: a classic pipeline with Photon, in development mode in its shared definition.
    static func photonPipeline(development: Bool = false) -> [String: String] {
        var files = shop
        files["resources/orders.pipeline.yml"] = """
        resources:
          pipelines:
            orders:
              name: orders
              photon: true
              development: \(development)
              clusters:
                - label: default
                  num_workers: 2
              libraries:
                - notebook: {path: ../src/a.py}

        """
        return files
    }

    /// "the pipeline should not use photon" / "shouldn't" answered "already runs on Photon"; "pipeline shouldnt be in
    /// dev mode in prod" was refused as if development mode were asked for.
    func testNegationsSaidWithNotOrContractions() throws {
        for request in ["the pipeline should not use photon", "the pipeline shouldn't use photon", "orders pipeline shouldnt use photon"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.photonPipeline())
            XCTAssertEqual(bundle.configuration["resources"]?["pipelines"]?["orders"]?["photon"]?.string, "false", "\(request): \(plan.summary)")
        }
        // ("don't forget": no denial.)
        let (on, onBundle) = try InMemoryPlanning.apply("don't forget to turn on photon for the orders pipeline",
                                                       to: Self.photonPipeline().mapValues { $0.replacingOccurrences(of: "photon: true", with: "photon: false") })
        XCTAssertEqual(onBundle.configuration["resources"]?["pipelines"]?["orders"]?["photon"]?.string, "true", on.summary)
        for request in ["pipeline shouldnt be in dev mode in prod", "the pipeline shouldn't be in development mode in prod",
                        "the pipeline should not be in dev mode in prod"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.photonPipeline(development: true))
            let prod = bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["pipelines"]?["orders"]
            XCTAssertEqual(prod?["development"]?.string, "false", "\(request): \(plan.summary)")
        }
    }

    /// liquor-sales: tasks with their own timeouts.
    static let liquor = [
        "databricks.yml": """
        bundle: {name: liquor}
        resources:
          jobs:
            iowa_liquor_daily:
              name: iowa-liquor-daily
              tasks:
                - task_key: ingest
                  timeout_seconds: 1800
                  notebook_task: {notebook_path: ./a.py}
                - task_key: quality_check
                  depends_on: [{task_key: ingest}]
                  timeout_seconds: 600
                  notebook_task: {notebook_path: ./a.py}
        targets:
          dev: {default: true, mode: development}

        """,
        "a.py": "# Databricks notebook source\n",
    ]

    /// "bump the quality check timeout to 20 minutes" put a 20-minute timeout on the whole job (shorter than its
    /// tasks'), the task's own left at 10 minutes.
    func testATaskNamedByItsWordsTakesTheTimeout() throws {
        for request in ["bump the quality check timeout to 20 minutes", "give quality check 20 minutes before it times out"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.liquor)
            let job = bundle.configuration["resources"]?["jobs"]?["iowa_liquor_daily"]
            XCTAssertNil(job?["timeout_seconds"], "\(request): \(plan.summary)")
            XCTAssertEqual(job?["tasks"]?.sequence?[1]["timeout_seconds"]?.string, "1200", "\(request): \(plan.summary)")
            XCTAssertEqual(job?["tasks"]?.sequence?[0]["timeout_seconds"]?.string, "1800", request)
        }
    }

    /// iot-telemetry: the shop's ml cluster autoscaling 2–8.
    static var autoscaling: [String: String] {
        var files = shop
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "node_type_id: Standard_DS3_v2, num_workers: 2}", with: "node_type_id: Standard_DS3_v2, autoscale: {min_workers: 2, max_workers: 8}}")
        return files
    }

    /// "let the ml cluster scale to 12 workers" removed autoscaling (12 fixed workers); "make the prod ml cluster
    /// bigger - 8 workers" wrote autoscale 8–8 into prod, which the workspace refuses.
    func testAWorkerCountOnAnAutoscalingCluster() throws {
        for request in ["let the ml cluster scale to 12 workers", "the ml cluster should scale up to 12 workers"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.autoscaling)
            XCTAssertEqual(mlCluster(bundle)?["autoscale"]?["max_workers"]?.string, "12", "\(request): \(plan.summary)")
            XCTAssertEqual(mlCluster(bundle)?["autoscale"]?["min_workers"]?.string, "2", request)
            XCTAssertNil(mlCluster(bundle)?["num_workers"], request)
        }
        let (outcome, _) = try InMemoryPlanning.outcome("make the prod ml cluster bigger - 8 workers", on: Self.autoscaling)
        guard case .clarify(let question, let choices) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(question.contains("autoscales between 2 and 8"), question)
        XCTAssertTrue(choices.contains("autoscale the ml job between 8 and 16 workers in prod"), "\(choices)")
        XCTAssertFalse(choices.contains { $0.contains("between 8 and 8") }, "\(choices)")
        // Each choice does what it says, after a change to another resource too (the pipeline got it).
        var files = Self.autoscaling
        files["resources/orders.pipeline.yml"] = PublicBundleTrial78Tests.shopWithPipeline["resources/orders.pipeline.yml"]
        files["databricks.yml"] = PublicBundleTrial78Tests.shopWithPipeline["databricks.yml"]
        for choice in choices {
            var c = FollowUpTests.Conversation()
            c.files = files
            _ = try c.ask("publish the orders pipeline to the sales_v2 schema")
            _ = try c.ask(choice)
            let cluster = "jobs.ml.job_clusters[main].new_cluster"
            if choice.contains("fixed") {
                XCTAssertEqual(try c.value(cluster + ".num_workers", target: "prod"), "8", choice)
                XCTAssertNil(try c.value(cluster + ".autoscale", target: "prod"), choice)
            } else {
                XCTAssertEqual(try c.value(cluster + ".autoscale.max_workers", target: "prod"), choice.contains("16") ? "16" : "8", choice)
                XCTAssertEqual(try c.value(cluster + ".autoscale.min_workers", target: "dev"), "2", choice)
            }
        }
    }

    /// 'change the team tag of … to "Claims Ops"' answered "already has tags.team = claims" (the value cut to a word).
    func testChangingATagToAQuotedValue() throws {
        let (_, tagged) = try InMemoryPlanning.outcome("tag the customer sync job with team=claims", on: Self.shop)
        let (plan, bundle) = try InMemoryPlanning.apply(#"change the team tag of customer sync to "Claims Ops""#, to: tagged)
        XCTAssertEqual(job(bundle, "customer_sync")?["tags"]?["team"]?.string, "Claims Ops", plan.summary)
    }

    /// "staging keeps timing out, set the customer sync timeout to 2 hours", "dev is too expensive, make the ml
    /// cluster smaller": the lead names the target (the shared definition changed, or which target was asked).
    func testALeadThatIsATarget() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("staging keeps timing out, set the customer sync timeout to 2 hours", to: Self.shop)
        XCTAssertEqual(job(bundle, "customer_sync", "staging")?["timeout_seconds"]?.string, "7200", plan.summary)
        XCTAssertNil(job(bundle, "customer_sync", "prod")?["timeout_seconds"], plan.summary)
        let (smaller, resized) = try InMemoryPlanning.apply("dev is too expensive, make the ml cluster smaller", to: Self.shop)
        XCTAssertEqual(mlCluster(resized, "dev")?["num_workers"]?.string, "1", smaller.summary)
        XCTAssertEqual(mlCluster(resized, "prod")?["num_workers"]?.string, "2", smaller.summary)
    }

    /// After "set a 30 minute timeout on every task of the ml job": "except training, that one gets 2 hours" set every
    /// task to 2 hours; "make it an hour for training only" was not understood.
    func testRestrictingATimeoutToATask() throws {
        for (request, seconds) in [("except training, that one gets 2 hours", "7200"), ("make it an hour for training only", "3600"),
                                   ("training should get 2 hours", "7200")] {
            var c = FollowUpTests.Conversation()
            c.files = Self.shop
            _ = try c.ask("set a 30 minute timeout on every task of the ml job")
            _ = try c.ask(request)
            XCTAssertEqual(try c.value("jobs.ml.tasks[training].timeout_seconds", target: "prod"), seconds, request)
            XCTAssertEqual(try c.value("jobs.ml.tasks[features].timeout_seconds", target: "prod"), "1800", request)
            XCTAssertEqual(try c.value("jobs.ml.tasks[scoring].timeout_seconds", target: "prod"), "1800", request)
        }
    }

    /// More ways of declaring several variables: "an env variable with default dev and …" set spark_env_vars on a
    /// cluster; descriptions in the brackets went into one variable's description; "add two variables, env and
    /// region, with defaults dev and us-east-1" made a variable called two.
    func testSeveralVariablesMoreWordings() throws {
        func variables(_ request: String) throws -> YAMLNode? {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.shop)
            XCTAssertNil(mlCluster(bundle)?["spark_env_vars"], "\(request): \(plan.summary)")
            return bundle.configuration["variables"]
        }
        var v = try variables("add an env variable with default dev and a region variable with default us-east-1")
        XCTAssertEqual(v?["env"]?["default"]?.string, "dev")
        XCTAssertEqual(v?["region"]?["default"]?.string, "us-east-1")
        v = try variables(#"add variables env (default dev, description "the environment") and region (default us-east-1, description "AWS region")"#)
        XCTAssertEqual(v?["env"]?["default"]?.string, "dev")
        XCTAssertEqual(v?["env"]?["description"]?.string, "the environment")
        XCTAssertEqual(v?["region"]?["description"]?.string, "AWS region")
        v = try variables("add two variables, env and region, with defaults dev and us-east-1")
        XCTAssertNil(v?["two"])
        XCTAssertEqual(v?["env"]?["default"]?.string, "dev")
        XCTAssertEqual(v?["region"]?["default"]?.string, "us-east-1")
        // (With a pipeline: the path went into its libraries as a notebook.)
        let (plan, bundle) = try InMemoryPlanning.apply("add variables schema (default bronze), checkpoint (default /Volumes/main/raw/chk)",
                                                        to: PublicBundleTrial78Tests.shopWithPipeline)
        XCTAssertEqual(bundle.configuration["variables"]?["checkpoint"]?["default"]?.string, "/Volumes/main/raw/chk", plan.summary)
        XCTAssertEqual(bundle.configuration["variables"]?["schema"]?["default"]?.string, "bronze")
        XCTAssertEqual(bundle.configuration["resources"]?["pipelines"]?["orders"]?["libraries"]?.sequence?.count, 1)
    }

    /// multimodel-deployment: "let the ml-team group attach to the interactive cluster" granted a group called
    /// "attach"; cust360: "let account users use the app" a group called "account".
    func testGroupsNamedBeforeTheVerb() throws {
        var files = Self.shop
        files["resources/cluster.yml"] = """
        resources:
          clusters:
            interactive:
              cluster_name: interactive
              spark_version: 15.4.x-scala2.12
              node_type_id: Standard_DS3_v2
              num_workers: 1

        """
        let (plan, bundle) = try InMemoryPlanning.apply("let the ml-team group attach to the interactive cluster", to: files)
        let permissions = bundle.configuration["resources"]?["clusters"]?["interactive"]?["permissions"]?.sequence
        XCTAssertEqual(permissions?.first?["group_name"]?.string, "ml-team", plan.summary)
        XCTAssertEqual(permissions?.first?["level"]?.string, "CAN_ATTACH_TO", plan.summary)
        let (viewed, viewing) = try InMemoryPlanning.apply("let account users view the customer sync job", to: Self.shop)
        XCTAssertEqual(job(viewing, "customer_sync")?["permissions"]?.sequence?.first?["group_name"]?.string, "account users", viewed.summary)
    }

    /// cust360: "every 15 minutes during business hours on weekdays" ran around the clock ("business hours" dropped).
    func testBusinessHours() throws {
        for request in ["run the daily kpis every 15 minutes during business hours on weekdays", "daily kpis every 15 minutes in office hours, weekdays only"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.shop)
            let cron = job(bundle, "daily_kpis")?["schedule"]?["quartz_cron_expression"]?.string ?? ""
            XCTAssertEqual(cron.split(separator: " ").dropFirst(2).first, "9-16", "\(request): \(cron) \(plan.summary)")
            XCTAssertTrue(cron.hasSuffix("MON-FRI"), "\(request): \(cron)")
        }
    }

    /// cust360: "also on sucess" after an e-mail on failure answered "the notifications already are as asked".
    func testMisspelledEventWords() throws {
        for request in ["also on sucess", "also on succes", "and when it succeds"] {
            var c = FollowUpTests.Conversation()
            c.files = Self.shop
            _ = try c.ask("email pat@example.com when the customer sync job fails")
            _ = try c.ask(request)
            XCTAssertEqual(try c.value("jobs.customer_sync.email_notifications.on_success", target: "prod"), "[pat@example.com]", request)
        }
    }

    /// A weekly job, paused.
    static let weekly = [
        "databricks.yml": """
        bundle: {name: weekly}
        resources:
          jobs:
            sunday_cleanup:
              name: sunday-cleanup
              schedule: {quartz_cron_expression: "0 0 3 ? * SUN", timezone_id: UTC, pause_status: PAUSED}
              tasks:
                - task_key: clean
                  notebook_task: {notebook_path: ./a.py}
        targets:
          dev: {default: true, mode: development}

        """,
        "a.py": "# Databricks notebook source\n",
    ]

    /// "make it official" after "resume the schedule" paused it again (a word no change knows, read as the opposite
    /// of the change before); "run sunday_cleanup weekly" moved the weekly job from Sunday to Monday.
    func testAFollowUpOfUnknownWordsAndWeeklyAgain() throws {
        var c = FollowUpTests.Conversation()
        c.files = Self.weekly
        _ = try c.ask("resume the schedule")
        XCTAssertEqual(try c.value("jobs.sunday_cleanup.schedule.pause_status", target: "dev"), "UNPAUSED")
        for request in ["make it official", "make it purple"] {
            let bundle = try SalesBundle.load(c.files)
            let (outcome, _) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request)), session: c.session)
            if case .plan(let plan) = outcome { XCTFail("\(request): \(plan.summary)") }
        }
        // (A plan that changes nothing is said as "Nothing to change" when it is applied.)
        for request in ["run sunday_cleanup weekly", "make it weekly", "run sunday_cleanup weekly at 5am"] {
            let (_, files) = try InMemoryPlanning.outcome(request, on: Self.weekly)
            XCTAssertTrue(files["databricks.yml"]!.contains("? * SUN\""), "\(request): \(files["databricks.yml"]!)")
        }
    }

    /// daq: "make the dev pipelines single node" made a job's cluster single-node.
    func testSingleNodePipelinesTouchNoJob() throws {
        let (outcome, files) = try InMemoryPlanning.outcome("make the dev pipelines single node", on: Self.photonPipeline())
        if case .plan(let plan) = outcome { XCTFail(plan.summary) }
        XCTAssertEqual(files, Self.photonPipeline())
    }

    /// mlops-stacks: "prod should run as the sp 9f1c…" was not understood, and dropped beside "and be in production mode".
    func testRunAsTheSP() throws {
        let id = "9f1c2d3e-1111-4222-8333-444455556666"
        for request in ["prod should run as the sp \(id)", "run the customer sync job as sp \(id) in prod"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.shop)
            let prod = bundle.effectiveConfiguration(target: "prod").configuration
            let runAs = prod["run_as"]?["service_principal_name"]?.string ?? job(bundle, "customer_sync")?["run_as"]?["service_principal_name"]?.string
            XCTAssertEqual(runAs, id, "\(request): \(plan.summary)")
        }
    }

    /// Round 84: "bump the extract timeout" of a task without a timeout lowered the job's; "2 retries adn a 1 hour
    /// timeout" dropped a clause; "don't use spot" was "already SPOT_WITH_FALLBACK"; "let the pipeline scale to 12
    /// workers" raised its minimum.
    func testRoundEightyFourFindings() throws {
        let (timed, timedBundle) = try InMemoryPlanning.apply("bump the features timeout to 20 minutes", to: Self.shop)
        XCTAssertNil(job(timedBundle, "ml")?["timeout_seconds"], timed.summary)
        XCTAssertEqual(job(timedBundle, "ml")?["tasks"]?.sequence?.first?["timeout_seconds"]?.string, "1200", timed.summary)
        let (both, bothBundle) = try InMemoryPlanning.apply("add 2 retries adn a 1 hour timeout to the customer sync job", to: Self.shop)
        XCTAssertEqual(job(bothBundle, "customer_sync")?["timeout_seconds"]?.string, "3600", both.summary)
        XCTAssertEqual(job(bothBundle, "customer_sync")?["tasks"]?.sequence?.first?["max_retries"]?.string, "2", both.summary)
        let (_, spot) = try InMemoryPlanning.outcome("use spot instances for the ml job", on: Self.shop)
        for request in ["don't use spot for the ml cluster", "the ml cluster should not use spot instances", "the ml cluster shouldn't use spot"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: spot)
            XCTAssertEqual(mlCluster(bundle)?["azure_attributes"]?["availability"]?.string, "ON_DEMAND_AZURE", "\(request): \(plan.summary)")
        }
        var files = Self.photonPipeline()
        files["resources/orders.pipeline.yml"] = files["resources/orders.pipeline.yml"]!.replacingOccurrences(of: "num_workers: 2", with: "autoscale: {min_workers: 1, max_workers: 5}")
        let (scaled, scaledBundle) = try InMemoryPlanning.apply("let the orders pipeline scale to 12 workers", to: files)
        let autoscale = scaledBundle.configuration["resources"]?["pipelines"]?["orders"]?["clusters"]?.sequence?.first?["autoscale"]
        XCTAssertEqual(autoscale?["min_workers"]?.string, "1", scaled.summary)
        XCTAssertEqual(autoscale?["max_workers"]?.string, "12", scaled.summary)
    }

    /// "revoke his access to the customer sync job" after a grant to bob: bob's (a group "his" was asked about).
    func testRevokingHisAccess() throws {
        var c = FollowUpTests.Conversation()
        c.files = Self.shop
        _ = try c.ask("give bob@x.com CAN_MANAGE on the customer sync job")
        XCTAssertNotNil(try c.value("jobs.customer_sync.permissions", target: "dev"))
        _ = try c.ask("revoke his access to the customer sync job")
        XCTAssertNil(try c.value("jobs.customer_sync.permissions", target: "dev"))
    }

    /// A file-arrival trigger paused in the shared definition and unpaused in prod: "run it every day at 4am" removed
    /// prod's override with the trigger, and prod deployed a paused schedule (it stopped running).
    func testANewScheduleKeepsATargetsRunningTrigger() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: min1}
            include: [resources/*.yml]
            targets:
              dev: {mode: development, default: true}
              prod:
                mode: production
                workspace: {root_path: /Workspace/Shared/.bundle/min1}
                resources:
                  jobs:
                    nightly:
                      trigger:
                        pause_status: UNPAUSED

            """,
            "resources/nightly.yml": """
            resources:
              jobs:
                nightly:
                  name: nightly
                  trigger:
                    pause_status: PAUSED
                    file_arrival:
                      url: /Volumes/main/raw/landing/
                  tasks:
                    - task_key: main
                      notebook_task: {notebook_path: ../a.py}

            """,
            "a.py": "# Databricks notebook source\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("run it every day at 4am", to: files)
        func status(_ target: String) -> String? { job(bundle, "nightly", target)?["schedule"]?["pause_status"]?.string }
        XCTAssertEqual(status("prod"), "UNPAUSED", plan.summary)
        XCTAssertEqual(status("dev"), "PAUSED", plan.summary)
        XCTAssertNil(job(bundle, "nightly", "prod")?["trigger"], plan.summary)
        XCTAssertTrue(plan.summary.contains("except in prod"), plan.summary)
    }

    /// "add a parameter region to the notebook task with the value eu-west-1" committed `region: notebook`.
    func testAParameterWithTheValue() throws {
        for (request, name, value) in [("add a parameter region to the compute task with the value eu-west-1", "region", "eu-west-1"),
                                       ("add a base parameter limit with value 100 to the compute task", "limit", "100")] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.shop)
            let task = job(bundle, "daily_kpis")?["tasks"]?.sequence?.first
            XCTAssertEqual(task?["notebook_task"]?["base_parameters"]?[name]?.string, value, "\(request): \(plan.summary)")
        }
    }

    /// "make the ml cluster smaller" of autoscaling 1–3 committed 1–1 (a range the workspace refuses).
    func testSmallerKeepsARange() throws {
        let files = Self.autoscaling.mapValues { $0.replacingOccurrences(of: "min_workers: 2, max_workers: 8", with: "min_workers: 1, max_workers: 3") }
        let (plan, bundle) = try InMemoryPlanning.apply("make the ml cluster smaller", to: files)
        XCTAssertEqual(mlCluster(bundle)?["autoscale"]?["min_workers"]?.string, "1", plan.summary)
        XCTAssertEqual(mlCluster(bundle)?["autoscale"]?["max_workers"]?.string, "2", plan.summary)
    }

    /// "add the tag env=test to the job cluster" tagged the job.
    func testATagOnTheJobCluster() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("add the tag env=test to the job cluster of the ml job", to: Self.shop)
        XCTAssertEqual(mlCluster(bundle)?["custom_tags"]?["env"]?.string, "test", plan.summary)
        XCTAssertNil(job(bundle, "ml")?["tags"], plan.summary)
    }

    /// market_risk: "remove the dependency of gold on silver" was read as a library called gold.
    func testRemovingADependency() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("remove the dependency of scoring on training", to: Self.shop)
        let scoring = job(bundle, "ml")?["tasks"]?.sequence?.first { $0["task_key"]?.string == "scoring" }
        XCTAssertNil(scoring?["depends_on"]?.sequence?.first { $0["task_key"]?.string == "training" }, plan.summary)
    }
}
