@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-06 (sixth) on public bundles and in
/// conversations. Each asserts what is written, or what is asked.
final class PublicBundleTrial68Tests: XCTestCase {
    typealias Conversation = PublicBundleTrial39Tests.Conversation

    /// A schema and a volume, with a job and a pipeline beside them (as bubi-style medallion bundles).
    static let catalog = [
        "databricks.yml": """
        bundle: {name: bubi}
        include: [resources/*.yml]
        targets:
          dev: {default: true, mode: development}
          prod: {mode: production, workspace: {root_path: /Workspace/Shared/.bundle/bubi}}

        """,
        "resources/schemas.yml": """
        resources:
          schemas:
            features:
              name: features
              catalog_name: main
              grants:
                - principal: analysts
                  privileges: [USE_SCHEMA]

        """,
        "resources/jobs.yml": """
        resources:
          jobs:
            monitoring:
              name: monitoring
              tasks:
                - task_key: main
                  notebook_task: {notebook_path: ../src/a.py}

        """,
        "src/a.py": "# Databricks notebook source\n",
    ]

    func grants(_ files: [String: String], _ target: String = "dev") throws -> [String: [String]] {
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        var out: [String: [String]] = [:]
        for grant in bundle.effectiveConfiguration(target: target).configuration["resources"]?["schemas"]?["features"]?["grants"]?.sequence ?? [] {
            out[grant["principal"]!.string!, default: []] += grant["privileges"]?.sequence?.compactMap(\.string) ?? []
        }
        return out
    }

    /// bubi: "let data_scientists create tables in the features schema in prod" added a schema called
    /// "prod"; "grant data_engineers USE on the features schema" granted SELECT too.
    func testCreatingTablesIsAPrivilegeAndUseIsUseSchema() throws {
        let (_, created) = try InMemoryPlanning.outcome("let data_scientists create tables in the features schema in prod", on: Self.catalog)
        // (With USE_SCHEMA, without which CREATE_TABLE lets nobody create a table there.)
        XCTAssertEqual(try grants(created, "prod")["data_scientists"], ["USE_SCHEMA", "CREATE_TABLE"])
        XCTAssertNil(try grants(created, "dev")["data_scientists"], "prod only")
        XCTAssertEqual(created.keys.sorted(), Self.catalog.keys.sorted(), "no new schema file")
        let (_, everywhere) = try InMemoryPlanning.apply("allow data_scientists to create tables in the features schema", to: Self.catalog, intent: GrantIntent.id)
        XCTAssertNotNil(everywhere.effectiveConfiguration(target: "dev").configuration["resources"]?["schemas"]?["features"]?["grants"])
        for words in ["grant data_engineers USE on the features schema", "give data_engineers usage on the features schema",
                      "grant usage on the features schema to data_engineers"] {
            let (_, used) = try InMemoryPlanning.outcome(words, on: Self.catalog)
            XCTAssertEqual(try grants(used)["data_engineers"], ["USE_SCHEMA"], words)
        }
        // Reading still brings SELECT.
        let (_, read) = try InMemoryPlanning.outcome("let data_engineers read the features schema", on: Self.catalog)
        XCTAssertEqual(try grants(read)["data_engineers"], ["USE_SCHEMA", "SELECT"])
    }

    /// bubi: "add a schema called monitoring" beside a job monitoring made a key both had (the CLI refuses it).
    func testANewSchemasKeyIsFreeAcrossKinds() throws {
        let (plan, added) = try InMemoryPlanning.apply("add a schema called monitoring", to: Self.catalog, intent: NewSchemaOrVolumeIntent.id)
        let schema = added.configuration["resources"]?["schemas"]?["monitoring_schema"]
        XCTAssertEqual(schema?["name"]?.string, "monitoring", plan.summary)
        XCTAssertNotNil(added.configuration["resources"]?["jobs"]?["monitoring"])
    }

    /// transolver3: "route 20% of traffic to version 4 of the model" moved all the traffic to version 4.
    func testATrafficSplitIsNotAVersionChange() throws {
        for words in ["route 20% of traffic to version 4 of the model", "send 10 percent of the traffic to model version 5 as a canary",
                      "A/B test model version 4 against version 3 on the endpoint"] {
            let (outcome, files) = try InMemoryPlanning.outcome(words, on: ServingAndWarehouseTests.files)
            guard case .refused(let reason) = outcome else { XCTFail("\(words): \(outcome)"); continue }
            XCTAssertTrue(reason.contains("traffic"), reason)
            XCTAssertEqual(files, ServingAndWarehouseTests.files)
        }
    }

    /// partssource: "tag the warehouse with team=ops" tagged a pipeline service_ops_pipeline (named by the
    /// tag's value); a warehouse's tags were refused as a job's or pipeline's change.
    func testWarehouseTagsAndATagValueNamesNoResource() throws {
        var files = Self.catalog
        files["resources/more.yml"] = """
        resources:
          sql_warehouses:
            parts_wh:
              name: parts
              cluster_size: Small
              max_num_clusters: 1
          pipelines:
            service_ops_pipeline:
              name: service-ops
              libraries:
                - notebook: {path: ../src/a.py}

        """
        let (_, tagged) = try InMemoryPlanning.apply("tag the warehouse with team=ops", to: files, intent: TagsIntent.id)
        let custom = tagged.configuration["resources"]?["sql_warehouses"]?["parts_wh"]?["tags"]?["custom_tags"]?.sequence
        XCTAssertEqual(custom?.first?["key"]?.string, "team")
        XCTAssertEqual(custom?.first?["value"]?.string, "ops")
        XCTAssertNil(tagged.configuration["resources"]?["pipelines"]?["service_ops_pipeline"]?["tags"])
        let (_, changed) = try InMemoryPlanning.outcome("tag the warehouse with team=platform", on: InMemoryPlanning.outcome("tag the warehouse with team=ops", on: files).1)
        XCTAssertTrue(changed["resources/more.yml"]!.contains("value: platform"), changed["resources/more.yml"]!)
        // "a cost_center tag of 1234" (it tagged cost_center=the).
        let (_, costed) = try InMemoryPlanning.apply("add a cost_center tag of 1234 to the SQL warehouse", to: files, intent: TagsIntent.id)
        let tags = costed.configuration["resources"]?["sql_warehouses"]?["parts_wh"]?["tags"]?["custom_tags"]?.sequence
        XCTAssertEqual(tags?.first?["key"]?.string, "cost_center")
        XCTAssertEqual(tags?.first?["value"]?.string, "1234")
        XCTAssertFalse(changed["resources/more.yml"]!.contains("value: ops"))
        // A job's tag by the words "team=ops": the job said, not a resource the value is like.
        let (_, job) = try InMemoryPlanning.apply("tag the monitoring job with team=ops", to: files, intent: TagsIntent.id)
        XCTAssertEqual(job.configuration["resources"]?["jobs"]?["monitoring"]?["tags"]?["team"]?.string, "ops")
    }

    /// ex_mixed: "same for the other job" asked which of two; the answer ("1", the job's key) was "not
    /// understood" (the choice replayed "same for the other job" with nothing before it).
    func testWhichOtherJobAnswered() throws {
        var files = PublicBundleTrial63Tests.twoJobs
        files["resources/jobs.yml"]! += """
            weekly_report:
              name: weekly_report
              tasks:
                - task_key: main
                  notebook_task: {notebook_path: ../src/a.py}

        """
        for answer in ["1", "cluster", "the cluster one"] {
            var c = Conversation(files)
            try c.ask("set the max concurrent runs of weekly_report to 3")
            guard case .clarify(_, let choices) = try c.ask("same for the other job") else { return XCTFail("which other job") }
            XCTAssertEqual(choices, ["--resource jobs.cluster", "--resource jobs.serverless"])
            guard case .plan(let plan) = try c.ask(answer) else { return XCTFail(answer) }
            XCTAssertEqual(try c.load().configuration["resources"]?["jobs"]?["cluster"]?["max_concurrent_runs"]?.string, "3", "\(answer): \(plan.summary)")
            XCTAssertNil(try c.load().configuration["resources"]?["jobs"]?["serverless"]?["max_concurrent_runs"], answer)
        }
    }

    /// ex_mixed: "weekly" answering "Which job?" (of etl, sample_job, weekly_report) was read as "run
    /// weekly", and its answer "1" then scheduled etl every Monday.
    func testAWordOfOneChoiceAnswers() throws {
        var files = PublicBundleTrial63Tests.twoJobs
        files["resources/jobs.yml"]! += """
            weekly_report:
              name: weekly_report
              tasks:
                - task_key: main
                  notebook_task: {notebook_path: ../src/a.py}

        """
        var c = Conversation(files)
        guard case .clarify = try c.ask("set the timeout to 2 hours") else { return XCTFail("which job") }
        guard case .plan(let plan) = try c.ask("weekly") else { return XCTFail("the weekly_report job") }
        XCTAssertEqual(plan.resource, ResourceReference(type: "jobs", key: "weekly_report"), plan.summary)
        XCTAssertNil(try c.load().configuration["resources"]?["jobs"]?["weekly_report"]?["schedule"])
    }

    /// adventureworks: "actually make it 4 retries" after "add retries to the silver task and email … on
    /// failure" retried every task of the job (the compound's words replayed with the value).
    func testACorrectionAfterACompoundIsForItsClause() throws {
        var files = PublicBundleTrial63Tests.twoJobs
        files["resources/jobs.yml"] = """
        resources:
          jobs:
            load:
              name: load
              tasks:
                - task_key: bronze
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: silver
                  depends_on: [{task_key: bronze}]
                  notebook_task: {notebook_path: ../src/a.py}
              timeout_seconds: 3600

        """
        var c = Conversation(files)
        guard case .plan = try c.ask("add retries to the silver task and email data-team@example.com on failure") else { return XCTFail("the compound") }
        guard case .plan(let plan) = try c.ask("actually make it 4 retries") else { return XCTFail("the correction") }
        let tasks = try c.load().configuration["resources"]?["jobs"]?["load"]?["tasks"]?.sequence ?? []
        XCTAssertEqual(tasks.map { $0["max_retries"]?.string }, [nil, "4"], plan.summary)
        XCTAssertEqual(try c.load().configuration["resources"]?["jobs"]?["load"]?["email_notifications"]?["on_failure"]?.sequence?.count, 1)
        // And a duration after a compound with a timeout: that clause.
        var t = Conversation(files)
        guard case .plan = try t.ask("set the load job timeout to 30 minutes and retry its tasks 3 times") else { return XCTFail("the compound") }
        guard case .plan = try t.ask("actually make it 45 minutes") else { return XCTFail("the correction") }
        XCTAssertEqual(try t.load().configuration["resources"]?["jobs"]?["load"]?["timeout_seconds"]?.string, "2700")
    }

    /// massive_stock_dab_dbt: promote_from_dev_job is defined under targets test and prod only (dev, the
    /// default, has none). "tag every job" tagged the test copy alone; "change the environment version to 3
    /// for every job" said it did not apply to it (it was looked for in dev).
    func testAJobOnlyTargetsDefineChangesInEachCopy() throws {
        let copy = """
                promote:
                  name: promote
                  tasks:
                    - task_key: main
                      environment_key: env
                      spark_python_task: {python_file: ../src/a.py}
                  environments:
                    - environment_key: env
                      spec: {environment_version: "2"}
        """
        let files = [
            "databricks.yml": """
            bundle: {name: stocks}
            include: [resources/*.yml]
            targets:
              dev: {default: true, mode: development}
              test:
                resources:
                  jobs:
            \(copy)
              prod:
                mode: production
                workspace: {root_path: /Workspace/Shared/.bundle/stocks}
                resources:
                  jobs:
            \(copy)

            """,
            "resources/jobs.yml": "resources:\n  jobs:\n    daily:\n      name: daily\n      tasks:\n        - task_key: main\n          notebook_task: {notebook_path: ../src/a.py}\n",
            "src/a.py": "# Databricks notebook source\n",
        ]
        func promote(_ files: [String: String], _ target: String) throws -> YAMLNode? {
            try BundleLoader(source: InMemoryFileSource(texts: files)).load().effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["promote"]
        }
        let (_, tagged) = try InMemoryPlanning.outcome("tag every job with owner=chuck", on: files)
        for target in ["test", "prod"] { XCTAssertEqual(try promote(tagged, target)?["tags"]?["owner"]?.string, "chuck", target) }
        for words in ["change the environment version to 3 for every job", "change the environment version to 3 for the promote job"] {
            let (outcome, versioned) = try InMemoryPlanning.outcome(words, on: files)
            guard case .plan(let plan) = outcome else { XCTFail("\(words): \(outcome)"); continue }
            for target in ["test", "prod"] {
                XCTAssertEqual(try promote(versioned, target)?["environments"]?.sequence?.first?["spec"]?["environment_version"]?.string, "3", "\(words) [\(target)]: \(plan.summary)")
            }
        }
    }

    /// logistics-control-center: "include resources/app.yml" where resources/*.yml brought it in added it
    /// again ("it matches no file yet"); unicargo: "include the resources folder" beside a .job.yaml file
    /// said it was included already, and its own refusals suggested it.
    func testIncludesOfFilesAlreadyInAndYAMLFiles() throws {
        guard case .refused(let again) = try InMemoryPlanning.outcome("include resources/jobs.yml", on: PublicBundleTrial63Tests.twoJobs).0 else { return XCTFail() }
        XCTAssertTrue(again.contains("included already") && again.contains("resources/*.yml"), again)
        var files = PublicBundleTrial63Tests.twoJobs
        files["resources/demo.job.yaml"] = "resources:\n  jobs:\n    demo:\n      name: demo\n      tasks:\n        - task_key: main\n          notebook_task: {notebook_path: ../src/a.py}\n"
        for words in ["include the resources folder", "include the demo job yaml file too"] {
            let (plan, bundle) = try InMemoryPlanning.apply(words, to: files, intent: IncludeIntent.id)
            XCTAssertEqual(bundle.configuration["include"]?.sequence?.compactMap(\.string), ["resources/*.yml", "resources/*.yaml"], plan.summary)
            XCTAssertNotNil(bundle.configuration["resources"]?["jobs"]?["demo"], words)
        }
        // mlaccel: "include the resources/jobs folder" added jobs/*.yml, which matches nothing.
        var nested = PublicBundleTrial63Tests.twoJobs
        nested["resources/jobs/demo.yml"] = files["resources/demo.job.yaml"]!.replacingOccurrences(of: "../src/a.py", with: "../../src/a.py")
        let (_, folder) = try InMemoryPlanning.apply("include the resources/jobs folder", to: nested, intent: IncludeIntent.id)
        XCTAssertEqual(folder.configuration["include"]?.sequence?.compactMap(\.string), ["resources/*.yml", "resources/jobs/*.yml"])
        // faers: a folder with only a .yaml file ("include the Resources folder" added Resources/*.yml, matching nothing).
        var capital = PublicBundleTrial63Tests.twoJobs
        capital["databricks.yml"] = capital["databricks.yml"]!.replacingOccurrences(of: "include: [resources/*.yml]\n", with: "")
        capital["Resources/jobs.yaml"] = capital.removeValue(forKey: "resources/jobs.yml")!
        let (added, resources) = try InMemoryPlanning.apply("include the Resources folder", to: capital, intent: IncludeIntent.id)
        XCTAssertEqual(resources.configuration["include"]?.sequence?.compactMap(\.string), ["Resources/*.yaml"])
        XCTAssertTrue(added.summary.contains("it brings in Resources/jobs.yaml"), added.summary)
    }

    /// cdp-enhanced-insights: "unpause the churn job only" after "pause everything in prod" wrote UNPAUSED in
    /// the shared definition: prod's override kept it paused (and dev, which development mode pauses, ran).
    func testUnpausingWhereATargetPausedIt() throws {
        var files = PublicBundleTrial63Tests.twoJobs
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "      name: cluster\n", with: "      name: cluster\n      schedule: {quartz_cron_expression: 0 0 2 * * ?, timezone_id: UTC}\n")
            .replacingOccurrences(of: "      name: serverless\n", with: "      name: serverless\n      schedule: {quartz_cron_expression: 0 0 3 * * ?, timezone_id: UTC}\n")
        var c = Conversation(files)
        guard case .plan = try c.ask("pause everything in prod") else { return XCTFail("pause") }
        guard case .plan(let plan) = try c.ask("unpause the cluster job only") else { return XCTFail("unpause") }
        func status(_ job: String, _ target: String) throws -> String? {
            try c.load().effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?[job]?["schedule"]?["pause_status"]?.string
        }
        XCTAssertEqual(try status("cluster", "prod"), "UNPAUSED", plan.summary)
        XCTAssertEqual(try status("serverless", "prod"), "PAUSED")
        XCTAssertNil(try c.load().configuration["resources"]?["jobs"]?["cluster"]?["schedule"]?["pause_status"], "the shared definition is left alone")
    }

    /// ex_mixed: "use 4 workers for etl in prod only, dev stays at 2" also moved the schedule to 02:00;
    /// "dev 3 workers, prod 10 workers for the nightly etl" gave every target 3.
    func testWhatATargetKeepsIsNoChange() throws {
        var files = PublicBundleTrial63Tests.twoJobs
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "      name: cluster\n", with: "      name: cluster\n      schedule: {quartz_cron_expression: 0 30 1 * * ?, timezone_id: UTC}\n      job_clusters:\n        - job_cluster_key: main\n          new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 2}\n")
            .replacingOccurrences(of: "        - task_key: main\n          notebook_task: {notebook_path: ../src/a.py}\n    serverless:", with: "        - task_key: main\n          job_cluster_key: main\n          notebook_task: {notebook_path: ../src/a.py}\n    serverless:")
        func effective(_ bundle: LoadedBundle, _ target: String) -> YAMLNode? {
            bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["cluster"]
        }
        for words in ["use 4 workers for the cluster job in prod only, dev stays at 2", "give the cluster job 4 workers in prod but leave dev at 2",
                      "give the cluster job 4 workers but keep dev as it is", "give the cluster job 4 workers, but leave dev alone",
                      "4 workers for the cluster job, dev unchanged", "give the cluster job 4 workers but don't touch dev",
                      "give the cluster job 4 workers, not in dev", "give the cluster job 4 workers without touching dev",
                      "give the cluster job 4 workers, leaving dev untouched", "give the cluster job 4 workers, but dev should stay as it is"] {
            let (plan, bundle) = try InMemoryPlanning.apply(words, to: files)
            XCTAssertEqual(effective(bundle, "prod")?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.string, "4", words)
            XCTAssertEqual(effective(bundle, "dev")?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.string, "2", words)
            XCTAssertEqual(effective(bundle, "dev")?["schedule"]?["quartz_cron_expression"]?.string, "0 30 1 * * ?", "\(words): \(plan.summary)")
        }
        for words in ["dev 3 workers, prod 10 workers for the cluster job", "cluster job: dev 3 workers, prod 10 workers"] {
            let (plan, bundle) = try InMemoryPlanning.apply(words, to: files)
            XCTAssertEqual(effective(bundle, "dev")?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.string, "3", "\(words): \(plan.summary)")
            XCTAssertEqual(effective(bundle, "prod")?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.string, "10", "\(words): \(plan.summary)")
        }
    }

    /// databricks-ehr-integration: "run staging and prod as the service principal …" set run_as in prod alone.
    func testRunAsForTwoTargetsNamedAsTheObject() throws {
        var files = PublicBundleTrial63Tests.twoJobs
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "  prod: {mode: production}\n", with: "  staging: {}\n  prod: {mode: production}\n")
        let sp = "6f1c2d3e-0000-4000-8000-00000000abcd"
        // ("staging and prod should run as …" set a bundle-wide run_as, dev's too.)
        for words in ["run staging and prod as the service principal \(sp)", "staging and prod should run as the service principal \(sp)",
                      "make staging and prod run as the service principal \(sp)", "staging and prod should both run as the service principal \(sp)"] {
            let (plan, bundle) = try InMemoryPlanning.apply(words, to: files)
            for target in ["staging", "prod"] {
                XCTAssertEqual(bundle.effectiveConfiguration(target: target).configuration["run_as"]?["service_principal_name"]?.string, sp, "\(words) [\(target)]: \(plan.summary)")
            }
            XCTAssertNil(bundle.effectiveConfiguration(target: "dev").configuration["run_as"], words)
        }
    }

    /// compass: "add a prod target on https://… that writes to catalog main" gave prod dev's catalog;
    /// payments: "parameterize the catalog and schema of the pipeline" parameterized the catalog alone.
    func testANewTargetsCatalogAndTwoParameters() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: compass}
            include: [resources/*.yml]
            variables:
              catalog: {default: sandbox}
              schema: {default: dltdemo}
            targets:
              dev:
                mode: development
                default: true
                variables: {catalog: sandbox, schema: dltdemo}

            """,
            "resources/p.yml": "resources:\n  pipelines:\n    p:\n      name: p\n      catalog: workspace\n      schema: analytics\n      libraries:\n        - notebook: {path: ../src/a.py}\n",
            "src/a.py": "# Databricks notebook source\n",
        ]
        let (plan, added) = try InMemoryPlanning.apply("add a prod target on https://dbc-prod-1111.cloud.databricks.com that writes to catalog main", to: files)
        XCTAssertEqual(added.configuration["targets"]?["prod"]?["variables"]?["catalog"]?.string, "main", plan.summary)
        let (_, both) = try InMemoryPlanning.apply("parameterize the catalog and schema of the pipeline", to: [
            "databricks.yml": "bundle: {name: pay}\ninclude: [resources/*.yml]\ntargets:\n  dev: {mode: development, default: true}\n",
            "resources/p.yml": files["resources/p.yml"]!, "src/a.py": files["src/a.py"]!,
        ])
        let pipeline = both.configuration["resources"]?["pipelines"]?["p"]
        XCTAssertEqual(pipeline?["catalog"]?.string, "${var.catalog}")
        XCTAssertEqual(pipeline?["schema"]?.string, "${var.schema}")
        // "make catalog and schema configurable per target" published the pipeline to make.configurable.
        for words in ["make catalog and schema configurable per target", "turn the pipeline's catalog and schema into variables",
                      "make the catalog and schema settable per target"] {
            let (_, made) = try InMemoryPlanning.apply(words, to: [
                "databricks.yml": "bundle: {name: pay}\ninclude: [resources/*.yml]\ntargets:\n  dev: {mode: development, default: true}\n",
                "resources/p.yml": files["resources/p.yml"]!, "src/a.py": files["src/a.py"]!,
            ])
            XCTAssertEqual(made.configuration["resources"]?["pipelines"]?["p"]?["catalog"]?.string, "${var.catalog}", words)
            XCTAssertEqual(made.configuration["resources"]?["pipelines"]?["p"]?["schema"]?.string, "${var.schema}", words)
        }
    }

    /// half-hourly-energy: "retry the three forecast tasks twice" retried four (a fourth key has the word).
    func testACountOfTasksThatDoesNotFitIsAsked() throws {
        var files = PublicBundleTrial63Tests.twoJobs
        files["resources/jobs.yml"] = "resources:\n  jobs:\n    energy:\n      name: energy\n      tasks:\n"
            + ["ingest_weather_forecast", "ai_forecast", "prophet_forecast_scaled", "prophet_forecast_unscaled"].map {
                "        - task_key: \($0)\n          notebook_task: {notebook_path: ../src/a.py}\n"
            }.joined()
        guard case .clarify(let question, let choices) = try InMemoryPlanning.outcome("retry the three forecast tasks twice", on: files).0 else { return XCTFail("asked") }
        XCTAssertTrue(question.contains("not 3"), question)
        XCTAssertEqual(choices.count, 4)
        let (plan, bundle) = try InMemoryPlanning.apply("retry the four forecast tasks twice", to: files)
        let retried = bundle.configuration["resources"]?["jobs"]?["energy"]?["tasks"]?.sequence?.filter { $0["max_retries"] != nil }.compactMap { $0["task_key"]?.string }
        XCTAssertEqual(retried?.count, 4, plan.summary)
    }

    /// refine --help's own example, "alert me if a run takes more than 45 minutes", said "this bundle
    /// defines no alert whose threshold could change" with several jobs; postnl (SQL alerts beside the job):
    /// "… of the retail pipeline takes more than 30 minutes" was an alert's threshold.
    func testARunsDurationIsNoAlertThreshold() throws {
        guard case .clarify(_, let choices) = try InMemoryPlanning.outcome("alert me@example.com if a run takes more than 45 minutes", on: PublicBundleTrial63Tests.twoJobs).0 else { return XCTFail("which job") }
        XCTAssertEqual(choices, ["--resource jobs.cluster", "--resource jobs.serverless"])
        var files = PublicBundleTrial63Tests.twoJobs
        files["resources/alerts.yml"] = """
        resources:
          alerts:
            stale:
              display_name: stale data
              warehouse_id: abcdef1234567890
              query_text: select count(*) as n from t
              evaluation: {comparison_operator: GREATER_THAN, source: {name: n}, threshold: {value: {double_value: 5}}}
              schedule: {quartz_cron_schedule: 0 0 * * * ?, timezone_id: UTC}

        """
        // "let me know if it goes past 2 hours" (as the engine says it, with the author's address) e-mailed on failure.
        let (past, pastBundle) = try InMemoryPlanning.apply("email me@example.com if the cluster job goes past 2 hours", to: files)
        XCTAssertEqual(pastBundle.configuration["resources"]?["jobs"]?["cluster"]?["health"]?["rules"]?.sequence?.first?["value"]?.string, "7200", past.summary)
        XCTAssertNil(pastBundle.configuration["resources"]?["jobs"]?["cluster"]?["email_notifications"]?["on_failure"])
        let (plan, bundle) = try InMemoryPlanning.apply("alert me@example.com if a run of the cluster job takes more than 30 minutes", to: files)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["cluster"]?["health"]?["rules"]?.sequence?.first?["value"]?.string, "1800", plan.summary)
        XCTAssertEqual(bundle.configuration["resources"]?["alerts"]?["stale"]?["evaluation"]?["threshold"]?["value"]?["double_value"]?.string, "5")
    }

    /// bubi, training bundles: "… every job except X" changed X alone (the words after "except" named the
    /// resource); "tag all jobs except monitoring" tagged every job.
    func testEveryJobExceptOne() throws {
        var files = PublicBundleTrial63Tests.twoJobs
        files["resources/jobs.yml"]! += "    monitoring:\n      name: monitoring\n      tasks:\n        - task_key: main\n          notebook_task: {notebook_path: ../src/a.py}\n"
        func jobs(_ bundle: LoadedBundle) -> YAMLNode? { bundle.configuration["resources"]?["jobs"] }
        let (timeout, timed) = try InMemoryPlanning.apply("set a timeout of 2 hours on all jobs except monitoring", to: files)
        XCTAssertEqual(jobs(timed)?["cluster"]?["timeout_seconds"]?.string, "7200", timeout.summary)
        XCTAssertEqual(jobs(timed)?["serverless"]?["timeout_seconds"]?.string, "7200")
        XCTAssertNil(jobs(timed)?["monitoring"]?["timeout_seconds"])
        XCTAssertTrue(timeout.summary.contains("as asked: monitoring"), timeout.summary)
        let (_, retried) = try InMemoryPlanning.apply("add 2 retries to every job except the cluster one", to: files)
        XCTAssertNil(jobs(retried)?["cluster"]?["tasks"]?.sequence?.first?["max_retries"])
        XCTAssertEqual(jobs(retried)?["monitoring"]?["tasks"]?.sequence?.first?["max_retries"]?.string, "2")
        let (_, tagged) = try InMemoryPlanning.apply("tag all jobs except monitoring with team=ml", to: files)
        XCTAssertNil(jobs(tagged)?["monitoring"]?["tags"])
        XCTAssertEqual(jobs(tagged)?["serverless"]?["tags"]?["team"]?.string, "ml")
        let (_, besides) = try InMemoryPlanning.apply("set a timeout of 2 hours on every job besides monitoring", to: files)
        XCTAssertNil(jobs(besides)?["monitoring"]?["timeout_seconds"])
        XCTAssertEqual(jobs(besides)?["cluster"]?["timeout_seconds"]?.string, "7200")
        // "them" after "… except monitoring" is without monitoring too.
        var c = Conversation(files)
        guard case .plan = try c.ask("tag every job except monitoring with team=ml") else { return XCTFail("tag") }
        guard case .plan(let them) = try c.ask("and give them a timeout of 1 hour") else { return XCTFail("them") }
        XCTAssertNil(try c.load().configuration["resources"]?["jobs"]?["monitoring"]?["timeout_seconds"], them.summary)
        XCTAssertEqual(try c.load().configuration["resources"]?["jobs"]?["cluster"]?["timeout_seconds"]?.string, "3600")
    }

    /// ex_mixed: "add 2 workers to etl" set 2 ("already has 2 workers"); "2 more workers" doubled by chance;
    /// "etl is slow, add 2 workers" asked which job.
    func testWorkersAddedOrRemovedByANumber() throws {
        var files = PublicBundleTrial63Tests.twoJobs
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "      name: cluster\n", with: "      name: cluster\n      job_clusters:\n        - job_cluster_key: main\n          new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 3}\n")
            .replacingOccurrences(of: "        - task_key: main\n          notebook_task: {notebook_path: ../src/a.py}\n    serverless:", with: "        - task_key: main\n          job_cluster_key: main\n          notebook_task: {notebook_path: ../src/a.py}\n    serverless:")
        for (words, expected) in [("add 2 workers to the cluster job", "5"), ("give the cluster job 2 more workers", "5"), ("the cluster job is slow, add 2 workers", "5"),
                                  ("remove a worker from the cluster job", "2"), ("give the cluster job 2 fewer workers", "1"), ("give the cluster job 6 workers", "6"),
                                  ("drop the cluster job by 1 worker", "2"), ("scale the cluster job up by 2 workers", "5")] {
            let (plan, bundle) = try InMemoryPlanning.apply(words, to: files)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["cluster"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.string, expected, "\(words): \(plan.summary)")
        }
    }

    /// bubi: "3 hour timeout please, and an alert at 2 hours" replaced the job's periodic trigger with a
    /// daily schedule at 02:00 ("at 2" read as a time of day).
    func testAtTwoHoursIsNoTimeOfDay() throws {
        XCTAssertNil(ScheduleIntent.time(RequestText("an alert at 2 hours")))
        XCTAssertNil(ScheduleIntent.time(RequestText("warn at 30 minutes")))
        XCTAssertEqual(ScheduleIntent.time(RequestText("run it daily at 2")).map { [$0.hour, $0.minute] }, [2, 0])
        XCTAssertEqual(ScheduleIntent.time(RequestText("at 2 pm")).map { [$0.hour, $0.minute] }, [14, 0])
    }

    /// Numbers no setting takes crashed the planner (arithmetic overflow, a Double too large for an Int).
    func testHugeNumbersAreRefusedNotCrashed() throws {
        for words in ["add 9223372036854775807 workers to the cluster job", "time the cluster job out after 9999999999999999 hours",
                      "warn me@example.com if the cluster job runs longer than 9999999999999999 hours", "run the cluster job every 1e20 minutes",
                      "retry the cluster job 99999999999999999999 times", "run the cluster job every 1.5e300 days"] {
            guard case .refused(let reason) = try InMemoryPlanning.outcome(words, on: PublicBundleTrial63Tests.twoJobs).0 else { XCTFail(words); continue }
            XCTAssertTrue(reason.contains("more than any setting takes"), reason)
        }
    }

    /// flexera_dab: a node type written as a placeholder ("{{JOB_CLUSTER_NODE_TYPE}}") got aws_attributes
    /// for spot beside the Azure attributes of the bundle's other cluster (Standard_DS3_v2), in one revision.
    func testSpotOnAPlaceholderNodeTypeFollowsTheBundlesCloud() throws {
        var files = PublicBundleTrial63Tests.twoJobs
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!
            .replacingOccurrences(of: "      name: cluster\n", with: "      name: cluster\n      job_clusters:\n        - job_cluster_key: main\n          new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: Standard_DS3_v2, num_workers: 2}\n")
            .replacingOccurrences(of: "      name: serverless\n", with: "      name: serverless\n      job_clusters:\n        - job_cluster_key: main\n          new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: \"{{JOB_CLUSTER_NODE_TYPE}}\", num_workers: 2}\n")
            .replacingOccurrences(of: "          notebook_task: {notebook_path: ../src/a.py}\n", with: "          job_cluster_key: main\n          notebook_task: {notebook_path: ../src/a.py}\n")
        let (plan, _) = try InMemoryPlanning.apply("use spot instances for every job", to: files)
        let written = try OfflinePlanner.apply(plan, read: { files[$0]! })["resources/jobs.yml"]!
        XCTAssertFalse(written.contains("aws_attributes"), written)
        XCTAssertEqual(written.components(separatedBy: "azure_attributes").count - 1, 2, written)
    }

    /// ex_mixed: "same for the weekly report" after "retry the extract task 5 times" asked which task and
    /// offered "retry the build_report task": its answer set 2 retries (the 5 was lost).
    func testAQuestionsChoicesKeepTheNumber() throws {
        var files = PublicBundleTrial63Tests.twoJobs
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "    serverless:\n      name: serverless\n      tasks:\n        - task_key: main\n", with: "    serverless:\n      name: serverless\n      tasks:\n        - task_key: build_report\n")
            .replacingOccurrences(of: "    cluster:\n      name: cluster\n      tasks:\n        - task_key: main\n", with: "    cluster:\n      name: cluster\n      tasks:\n        - task_key: extract\n")
        var c = Conversation(files)
        guard case .plan = try c.ask("retry the extract task 5 times") else { return XCTFail("retries") }
        guard case .clarify(_, let choices) = try c.ask("same for the serverless job") else { return XCTFail("which task") }
        XCTAssertEqual(choices, ["retry the build_report task 5 times"])
        guard case .plan = try c.ask(choices[0]) else { return XCTFail("the answer") }
        XCTAssertEqual(try c.load().configuration["resources"]?["jobs"]?["serverless"]?["tasks"]?.sequence?.first?["max_retries"]?.string, "5")
    }

    /// uw-copilot: "same for infra-start" after "the intake job keeps … timing out, set a timeout of 20
    /// minutes on it" replayed the description ("I did not understand …").
    func testAFollowUpReplaysTheRequestAsRead() throws {
        var c = Conversation(PublicBundleTrial63Tests.twoJobs)
        guard case .plan = try c.ask("the cluster job keeps piling up runs and timing out, set a timeout of 20 minutes on it") else { return XCTFail("timeout") }
        guard case .plan(let plan) = try c.ask("same for the serverless job") else { return XCTFail("same for") }
        XCTAssertEqual(try c.load().configuration["resources"]?["jobs"]?["serverless"]?["timeout_seconds"]?.string, "1200", plan.summary)
    }
}
