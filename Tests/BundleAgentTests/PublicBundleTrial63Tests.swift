@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-06 (fifth) on public bundles and in
/// conversations. Each asserts what is written, or what is asked.
final class PublicBundleTrial63Tests: XCTestCase {
    typealias Conversation = PublicBundleTrial39Tests.Conversation

    /// Two jobs as in bundle-examples' private_wheel_packages: cluster and serverless.
    static let twoJobs = [
        "databricks.yml": """
        bundle: {name: wheels}
        include: [resources/*.yml]
        targets:
          dev: {default: true, mode: development}
          prod: {mode: production}

        """,
        "resources/jobs.yml": """
        resources:
          jobs:
            cluster:
              name: cluster
              tasks:
                - task_key: main
                  notebook_task: {notebook_path: ../src/a.py}
            serverless:
              name: serverless
              tasks:
                - task_key: main
                  notebook_task: {notebook_path: ../src/a.py}

        """,
        "src/a.py": "# Databricks notebook source\n",
    ]

    func job(_ c: Conversation, _ key: String) throws -> YAMLNode? {
        try c.load().configuration["resources"]?["jobs"]?[key]
    }

    /// "every" after "… could take it too: name it, or say "every"" made a daily schedule at midnight on
    /// both jobs; "serverless" answering "Which job?" was read as "run it on serverless".
    func testEveryAndAJobsKeyAsAnswers() throws {
        var c = Conversation(Self.twoJobs)
        try c.ask("set the timeout of the cluster job to 2 hours")
        guard case .plan(let picked) = try c.ask("set the max concurrent runs to 3") else { return XCTFail("the conversation's job") }
        XCTAssertTrue(picked.summary.contains("say \"every\""), picked.summary)
        guard case .plan = try c.ask("every") else { return XCTFail("every job") }
        XCTAssertEqual(try job(c, "serverless")?["max_concurrent_runs"]?.string, "3")
        XCTAssertNil(try job(c, "serverless")?["schedule"])
        XCTAssertNil(try job(c, "cluster")?["schedule"])

        var fresh = Conversation(Self.twoJobs)
        if case .plan(let plan) = try fresh.ask("every") { XCTFail("no period: \(plan.summary)") }
        for answer in ["serverless", "the serverless one"] {
            var asked = Conversation(Self.twoJobs)
            guard case .clarify = try asked.ask("set the timeout to 3 hours") else { return XCTFail("which job") }
            guard case .plan = try asked.ask(answer) else { return XCTFail(answer) }
            XCTAssertEqual(try job(asked, "serverless")?["timeout_seconds"]?.string, "10800", answer)
            XCTAssertNil(try job(asked, "cluster")?["timeout_seconds"], answer)
        }
    }

    /// A Lakebase instance named by a variable, as ScottHMcKean/spend_categorization.
    static let lakebase = [
        "databricks.yml": """
        bundle: {name: spend}
        include: [resources/*.yml]
        variables:
          schema: {default: spend}
          lakebase_instance:
            description: Lakebase database instance name
            default: spend-app
        targets:
          dev: {default: true, mode: development}
          prod: {mode: production}

        """,
        "resources/app.yml": """
        resources:
          database_instances:
            spend_db:
              name: ${var.lakebase_instance}
              capacity: CU_1

        """,
    ]

    /// "bump the lakebase instance capacity to CU_2" set the variable lakebase_instance (the instance's
    /// name: a new instance on deploy) to CU_2; "set the capacity of the spend_db database instance to
    /// CU_2" set the variable schema to spend_db.
    func testALakebaseInstancesCapacity() throws {
        for (request, target, capacity) in [("bump the lakebase instance capacity to CU_2", nil, "CU_2"),
                                            ("set the capacity of the spend_db database instance to CU_2", nil, "CU_2"),
                                            ("make the database instance bigger in prod", "prod", "CU_2"),
                                            ("scale lakebase to 4 CU", nil, "CU_4"),
                                            ("the lakebase should be cu_8 in prod", "prod", "CU_8")] as [(String, String?, String)] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.lakebase, intent: DatabaseInstanceCapacityIntent.id)
            XCTAssertEqual(bundle.configuration["variables"]?["lakebase_instance"]?["default"]?.string, "spend-app", request)
            XCTAssertEqual(bundle.configuration["variables"]?["schema"]?["default"]?.string, "spend", request)
            let instance = target.map { bundle.effectiveConfiguration(target: $0).configuration } ?? bundle.configuration
            XCTAssertEqual(instance["resources"]?["database_instances"]?["spend_db"]?["capacity"]?.string, capacity, request)
            if target != nil {
                XCTAssertEqual(bundle.configuration["resources"]?["database_instances"]?["spend_db"]?["capacity"]?.string, "CU_1", request)
            }
        }
        guard case .refused = try InMemoryPlanning.outcome("make the lakebase smaller", on: Self.lakebase).0 else { return XCTFail("at the smallest") }
    }

    /// A job that e-mails on failure and success (as alexxx-db/databricks-metric-views).
    static let emails = [
        "databricks.yml": """
        bundle: {name: views}
        include: [resources/*.yml]
        targets:
          dev: {default: true, mode: development}
          prod: {mode: production}

        """,
        "resources/jobs.yml": """
        resources:
          jobs:
            views:
              name: views
              email_notifications:
                on_failure:
                  - "your.email@company.com"
                on_success:
                  - "your.email@company.com"
              tasks:
                - task_key: main
                  notebook_task: {notebook_path: ../src/a.py}

        """,
        "src/a.py": "# Databricks notebook source\n",
    ]

    func recipients(_ c: Conversation, _ event: String, target: String? = nil) throws -> [String] {
        let bundle = try c.load()
        let configuration = target.map { bundle.effectiveConfiguration(target: $0).configuration } ?? bundle.configuration
        return configuration["resources"]?["jobs"]?["views"]?["email_notifications"]?[event]?.sequence?.compactMap(\.string) ?? []
    }

    /// "replace X with Y" after "stop emailing on success" swapped on success (the event of the change
    /// before) where X was on failure; "ana and bob on failure, and ana on success too" put bob on success;
    /// "actually use bob instead" after a change made only in prod was refused as replacing inherited ones.
    func testRecipientsReplacedAndPerEvent() throws {
        var c = Conversation(Self.emails)
        try c.ask("stop emailing on success")
        try c.ask("replace your.email@company.com with data-platform@acme.com")
        XCTAssertEqual(try recipients(c, "on_failure"), ["data-platform@acme.com"])
        XCTAssertEqual(try recipients(c, "on_success"), [])

        for request in ["notify ana@corp.com and bob@corp.com on failure, and ana on success too",
                        "notify ana@corp.com and bob@corp.com on failure, and ana@corp.com on success too"] {
            var each = Conversation(Self.emails)
            guard case .plan = try each.ask(request) else { return XCTFail(request) }
            XCTAssertEqual(try recipients(each, "on_failure"), ["your.email@company.com", "ana@corp.com", "bob@corp.com"], request)
            XCTAssertEqual(try recipients(each, "on_success"), ["your.email@company.com", "ana@corp.com"], request)
        }

        var files = Self.emails
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "      email_notifications:\n        on_failure:\n          - \"your.email@company.com\"\n        on_success:\n          - \"your.email@company.com\"\n", with: "")
        var prod = Conversation(files)
        try prod.ask("email ana@example.com on failure in prod")
        let outcome = try prod.ask("actually use bob@example.com instead")
        guard case .plan = outcome else { return XCTFail("the prod override's own recipient: \(outcome)") }
        XCTAssertEqual(try recipients(prod, "on_failure", target: "prod"), ["bob@example.com"])
        XCTAssertEqual(try recipients(prod, "on_failure", target: "dev"), [])
    }

    /// databricks-metric-views tags its job Project, Environment and ComputeType: "set tag ComputeType to …"
    /// made a tag called "set"; "remove the tag ComputeType" asked which tag, offering itself.
    func testTagKeysWithCapitals() throws {
        var files = Self.emails
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "      name: views\n", with: "      name: views\n      tags:\n        Project: \"MetricViews\"\n        ComputeType: \"Serverless\"\n")
        func tags(_ bundle: LoadedBundle) -> [String: String] {
            var out: [String: String] = [:]
            for entry in bundle.configuration["resources"]?["jobs"]?["views"]?["tags"]?.mapping?.entries ?? [] { out[entry.key] = entry.value.string }
            return out
        }
        for (request, expected) in [("set tag ComputeType to serverless-v2", ["Project": "MetricViews", "ComputeType": "serverless-v2"]),
                                    ("set the computetype tag to x", ["Project": "MetricViews", "ComputeType": "x"]),
                                    ("remove the tag ComputeType", ["Project": "MetricViews"]),
                                    ("change the ComputeType tag to serverless-v2 and drop the Project tag", ["ComputeType": "serverless-v2"])] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(tags(bundle), expected, request)
        }
    }

    /// A wheel task that names its parameters (n-ima/databricks-job-dev-harness), a script task and a SQL task.
    static let tasks = [
        "databricks.yml": """
        bundle: {name: harness}
        include: [resources/*.yml]
        targets:
          dev: {default: true, mode: development}
          prod:
            mode: production
            workspace: {root_path: /Workspace/Shared/harness}

        """,
        "resources/main.job.yml": """
        resources:
          jobs:
            main_job:
              name: main
              tasks:
                - task_key: transform
                  python_wheel_task:
                    package_name: sample_job
                    entry_point: main_job
                    named_parameters:
                      environment: ${bundle.target}
                      catalog: dev_catalog
                  environment_key: default
                - task_key: ingest_sources
                  spark_python_task:
                    python_file: ../src/a.py
                    parameters: ["--volume_path=/Volumes/a/b/c"]
                  environment_key: default
                - task_key: load_bronze
                  sql_task:
                    warehouse_id: abc
                    file: {path: ../src/q.sql}
                    parameters:
                      catalog_name: main
              environments:
                - environment_key: default
                  spec:
                    client: "2"
                    dependencies: [../dist/*.whl]

        """,
        "src/a.py": "print(1)\n",
        "src/q.sql": "select 1\n",
    ]

    func task(_ bundle: LoadedBundle, _ key: String, target: String? = nil) -> YAMLNode? {
        let configuration = target.map { bundle.effectiveConfiguration(target: $0).configuration } ?? bundle.configuration
        return configuration["resources"]?["jobs"]?["main_job"]?["tasks"]?.sequence?.first { $0["task_key"]?.string == key }
    }

    /// "pass --catalog main to the transform task" wrote a `parameters` list beside the wheel task's
    /// `named_parameters`; "set the named parameter …" and SQL task parameters were refused ("only notebook
    /// tasks take named parameters"); "add a --dry_run flag to ingest_sources" passed ingest_sources as its value.
    func testNamedParametersOfWheelAndSQLTasksAndFlags() throws {
        for request in ["pass --catalog main to the transform task", "set the named parameter catalog of the transform task to main"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.tasks)
            let wheel = task(bundle, "transform")?["python_wheel_task"]
            XCTAssertEqual(wheel?["named_parameters"]?["catalog"]?.string, "main", request)
            XCTAssertNil(wheel?["parameters"], request)
        }
        let (_, staging) = try InMemoryPlanning.apply("pass --region eu to the transform task in prod", to: Self.tasks)
        XCTAssertEqual(task(staging, "transform", target: "prod")?["python_wheel_task"]?["named_parameters"]?["region"]?.string, "eu")
        XCTAssertNil(task(staging, "transform", target: "dev")?["python_wheel_task"]?["named_parameters"]?["region"])
        guard case .refused = try InMemoryPlanning.outcome("pass --environment prod to the transform task in prod", on: Self.tasks).0 else {
            return XCTFail("${bundle.target} is prod in prod")
        }
        let (_, sql) = try InMemoryPlanning.apply("set the SQL parameter catalog_name of the load_bronze task to gold", to: Self.tasks)
        XCTAssertEqual(task(sql, "load_bronze")?["sql_task"]?["parameters"]?["catalog_name"]?.string, "gold")
        let (_, flag) = try InMemoryPlanning.apply("add a --dry_run flag to ingest_sources", to: Self.tasks)
        XCTAssertEqual(task(flag, "ingest_sources")?["spark_python_task"]?["parameters"]?.sequence?.compactMap(\.string), ["--volume_path=/Volumes/a/b/c", "--dry_run"])
    }

    /// commercial-data-platform: "notify Slack destination … when the job fails or runs longer than 90
    /// minutes" set the health rule and dropped the destination ("Nobody is e-mailed yet").
    func testADestinationNotifiedOfALongRun() throws {
        let id = "0a1b2c3d-1111-4000-8000-000000000009"
        let (plan, bundle) = try InMemoryPlanning.apply("notify Slack destination \(id) when the views job fails or runs longer than 90 minutes", to: Self.emails)
        let job = bundle.configuration["resources"]?["jobs"]?["views"]
        XCTAssertEqual(job?["health"]?["rules"]?.sequence?.first?["value"]?.string, "5400")
        for event in ["on_duration_warning_threshold_exceeded", "on_failure"] {
            XCTAssertEqual(job?["webhook_notifications"]?[event]?.sequence?.compactMap { $0["id"]?.string }, [id], event)
        }
        XCTAssertFalse(plan.summary.contains("Nobody is e-mailed"), plan.summary)
        var c = Conversation(Self.emails)
        try c.ask("warn when the views job runs longer than 90 minutes")
        guard case .plan = try c.ask("notify the webhook \(id) when the views job runs too long") else { return XCTFail("the destination, on the warning there is") }
        XCTAssertEqual(try c.load().configuration["resources"]?["jobs"]?["views"]?["webhook_notifications"]?["on_duration_warning_threshold_exceeded"]?.sequence?.count, 1)
    }

    /// NaderSalameh/databricks-asset-bundles-demo: a single-node cluster of the simple form, as a complex
    /// variable; "give the cluster 4 workers" left `is_single_node: true` beside `num_workers: 4`. And
    /// "add a staging target and a prod target" added staging alone.
    func testWorkersForASingleNodeComplexVariableAndTwoNewTargets() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: citibike}
            include: [resources/*.yml]
            variables:
              ds3_v2_sn:
                type: complex
                default:
                  spark_version: 16.4.x-scala2.12
                  node_type_id: Standard_DS3_v2
                  kind: CLASSIC_PREVIEW
                  is_single_node: true
            targets:
              dev: {default: true, mode: development}

            """,
            "resources/job.yml": """
            resources:
              jobs:
                citibike:
                  name: citibike
                  job_clusters:
                    - job_cluster_key: ds3_v2_sn
                      new_cluster: ${var.ds3_v2_sn}
                  tasks:
                    - task_key: main
                      job_cluster_key: ds3_v2_sn
                      notebook_task: {notebook_path: ../src/a.py}

            """,
            "src/a.py": "# Databricks notebook source\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("give the cluster 4 workers", to: files)
        let spec = bundle.configuration["variables"]?["ds3_v2_sn"]?["default"]
        XCTAssertEqual(spec?["num_workers"]?.string, "4")
        XCTAssertNil(spec?["is_single_node"])

        let (_, targets) = try InMemoryPlanning.apply("add a staging target and a prod target", to: files)
        XCTAssertEqual(targets.targetNames, ["dev", "staging", "prod"])
    }

    /// cdp-enhanced-insights: the job deploy_agents has a task deploy_agents; "… the deploy agents job and
    /// alert me if it runs longer than 90 min" put the health rule on the task (the run went unwatched).
    func testAJobNamedLikeItsTaskGetsTheWarning() throws {
        var files = Self.emails
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "    views:\n      name: views\n", with: "    deploy_agents:\n      name: deploy agents\n")
            .replacingOccurrences(of: "        - task_key: main\n", with: "        - task_key: deploy_agents\n          notebook_task: {notebook_path: ../src/a.py}\n        - task_key: main\n")
        let (_, bundle) = try InMemoryPlanning.apply("set a 2 hour timeout on the deploy agents job and alert me if it runs longer than 90 min", to: files)
        let job = bundle.configuration["resources"]?["jobs"]?["deploy_agents"]
        XCTAssertEqual(job?["timeout_seconds"]?.string, "7200")
        XCTAssertEqual(job?["health"]?["rules"]?.sequence?.first?["value"]?.string, "5400")
        XCTAssertNil(job?["tasks"]?.sequence?.first?["health"])
    }

    /// knowit-sigurd/databricks-dataops-lakeflow-reference: "include every python file under pipelines/ in
    /// the customer pipeline" wrote `include: [pipelines/*.yml]` into databricks.yml.
    func testPythonFilesIncludedInAPipelineAreItsSources() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: sdp}
            include: [resources/*.yml]
            targets:
              dev: {default: true, mode: development}

            """,
            "resources/customer.pipeline.yml": """
            resources:
              pipelines:
                customer_pipeline:
                  name: customer
                  catalog: main
                  schema: customer
                  serverless: true
                  libraries:
                    - file: {path: ../pipelines/customer_pipeline.py}

            """,
            "pipelines/customer_pipeline.py": "import dlt\n",
            "pipelines/common.py": "x = 1\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("include every python file under pipelines/ in the customer pipeline", to: files)
        XCTAssertEqual(bundle.configuration["include"]?.sequence?.compactMap(\.string), ["resources/*.yml"])
        let libraries = bundle.configuration["resources"]?["pipelines"]?["customer_pipeline"]?["libraries"]?.sequence ?? []
        XCTAssertTrue(libraries.contains { $0["glob"]?["include"]?.string?.hasPrefix("../pipelines/") == true }, "\(libraries)")
    }

    /// MikolajSedek/lakeflow_declarative_pipelines_demo and frizzleqq/databricks-dbt-f1: a file-arrival
    /// trigger's timings were dropped ("already is as asked"); a table-update trigger replaced the periodic
    /// one unsaid.
    func testFileArrivalTimingsAndAReplacedPeriodicTrigger() throws {
        var files = Self.emails
        let (_, timed) = try InMemoryPlanning.apply("trigger the views job when files arrive in /Volumes/main/raw/landing/ at most every 5 minutes", to: files)
        let arrival = timed.configuration["resources"]?["jobs"]?["views"]?["trigger"]?["file_arrival"]
        XCTAssertEqual(arrival?["url"]?.string, "/Volumes/main/raw/landing/")
        XCTAssertEqual(arrival?["min_time_between_triggers_seconds"]?.string, "300")
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "      name: views\n", with: "      name: views\n      trigger:\n        file_arrival:\n          url: /Volumes/main/raw/landing/\n")
        for (request, key, value) in [("wait 5 minutes between file arrival triggers", "min_time_between_triggers_seconds", "300"),
                                      ("only trigger once files have stopped changing for 2 minutes", "wait_after_last_change_seconds", "120")] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["views"]?["trigger"]?["file_arrival"]?[key]?.string, value, request)
        }
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "        file_arrival:\n          url: /Volumes/main/raw/landing/\n", with: "        periodic: {interval: 12, unit: HOURS}\n")
        let (plan, _) = try InMemoryPlanning.apply("run the views job when main.bronze.results is updated", to: files)
        XCTAssertTrue(plan.summary.contains("it replaces the periodic trigger (every 12 hours)"), plan.summary)
    }

    /// Re-tests of this round's fixes with nearby words: a SQL task's parameter given as an option ("pass
    /// --catalog main to the summarize task" changed another task's arguments); a lowercase environment
    /// variable where the bundle declares `env`; "set the tag region to eu"; "swap X for Y"; a schedule
    /// beside a file-arrival trigger.
    func testNearbyWordsOfThisRoundsFixes() throws {
        var files = Self.tasks
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "include: [resources/*.yml]\n", with: "include: [resources/*.yml]\nvariables:\n  env: {default: dev}\n")
        for request in ["pass --catalog gold to the load_bronze task", "pass --catalog gold to the sql task"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(task(bundle, "load_bronze")?["sql_task"]?["parameters"]?["catalog_name"]?.string, "main", request)
            XCTAssertEqual(task(bundle, "load_bronze")?["sql_task"]?["parameters"]?["catalog"]?.string, "gold", request)
            XCTAssertEqual(task(bundle, "ingest_sources")?["spark_python_task"]?["parameters"]?.sequence?.count, 1, request)
        }
        let (_, prod) = try InMemoryPlanning.apply("set --catalog_name prod_cat on the load_bronze task in prod", to: files)
        XCTAssertEqual(task(prod, "load_bronze", target: "prod")?["sql_task"]?["parameters"]?["catalog_name"]?.string, "prod_cat")
        XCTAssertEqual(task(prod, "load_bronze", target: "dev")?["sql_task"]?["parameters"]?["catalog_name"]?.string, "main")

        var tagged = Self.emails
        tagged["databricks.yml"] = tagged["databricks.yml"]!.replacingOccurrences(of: "include: [resources/*.yml]\n", with: "include: [resources/*.yml]\nvariables:\n  env: {default: dev}\n")
        tagged["resources/jobs.yml"] = tagged["resources/jobs.yml"]!.replacingOccurrences(of: "      name: views\n", with: "      name: views\n      job_clusters:\n        - job_cluster_key: bronze\n          new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 2}\n")
        let (_, lower) = try InMemoryPlanning.apply("set env var debug=1 on the bronze cluster", to: tagged)
        XCTAssertEqual(lower.configuration["variables"]?["env"]?["default"]?.string, "dev")
        XCTAssertEqual(lower.configuration["resources"]?["jobs"]?["views"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["spark_env_vars"]?["debug"]?.string, "1")
        let (_, region) = try InMemoryPlanning.apply("set the tag region to eu on the views job", to: tagged)
        XCTAssertEqual(region.configuration["resources"]?["jobs"]?["views"]?["tags"]?["region"]?.string, "eu")

        var swap = Conversation(Self.emails)
        try swap.ask("email bob@example.com on failure")
        try swap.ask("swap bob@example.com for zed@example.com")
        XCTAssertEqual(try recipients(swap, "on_failure"), ["your.email@company.com", "zed@example.com"])

        var arrival = Self.emails
        arrival["resources/jobs.yml"] = arrival["resources/jobs.yml"]!.replacingOccurrences(of: "      name: views\n", with: "      name: views\n      trigger:\n        file_arrival:\n          url: /Volumes/main/raw/landing/\n")
        let (daily, scheduled) = try InMemoryPlanning.apply("run the views job daily at 2am", to: arrival)
        XCTAssertNil(scheduled.configuration["resources"]?["jobs"]?["views"]?["trigger"])
        XCTAssertTrue(daily.summary.contains("it replaces the file-arrival trigger (on /Volumes/main/raw/landing/)"), daily.summary)
        var timed = Conversation(arrival)
        guard case .plan = try timed.ask("and at most every 5 minutes") else { return XCTFail("the trigger's timing") }
        XCTAssertNil(try timed.load().configuration["resources"]?["jobs"]?["views"]?["schedule"])
    }

    /// telecare-data-platform and ZingyEstates: "same for dev but paused" scheduled dev UNPAUSED; "let the
    /// service principal ${var.X} run the job" granted it as a group; "run it every day at 2am in qa" after
    /// a variable's change asked about a variable called run; "remove the DD_SITE env var" asked which
    /// variable to set.
    func testPausedSameForServicePrincipalVariableAndRunIt() throws {
        var files = Self.emails
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "include: [resources/*.yml]\n", with: "include: [resources/*.yml]\nvariables:\n  sp_id: {default: 11111111-2222-3333-4444-555555555555}\n  max_error_rate: {default: \"0.1\"}\n")
        var c = Conversation(files)
        try c.ask("run the views job every day at 2am Zurich time in prod")
        guard case .plan = try c.ask("same for dev but paused") else { return XCTFail("dev, paused") }
        let dev = try c.load().effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["views"]?["schedule"]
        XCTAssertEqual(dev?["pause_status"]?.string, "PAUSED")
        XCTAssertEqual(dev?["quartz_cron_expression"]?.string, "0 0 2 * * ?")

        let (_, granted) = try InMemoryPlanning.apply("let the service principal ${var.sp_id} run the job", to: files)
        let permission = granted.configuration["resources"]?["jobs"]?["views"]?["permissions"]?.sequence?.first
        XCTAssertEqual(permission?["service_principal_name"]?.string, "${var.sp_id}")
        XCTAssertNil(permission?["group_name"])

        var v = Conversation(files)
        try v.ask("set max_error_rate to 0.05 in prod")
        guard case .plan = try v.ask("run it every day at 2am London time in dev") else { return XCTFail("a schedule") }
        XCTAssertNotNil(try v.load().effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["views"]?["schedule"])

        var env = files
        env["resources/jobs.yml"] = env["resources/jobs.yml"]!.replacingOccurrences(of: "      name: views\n", with: "      name: views\n      job_clusters:\n        - job_cluster_key: main\n          new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 2, spark_env_vars: {DD_SITE: datadoghq.eu}}\n")
        let (_, removed) = try InMemoryPlanning.apply("remove the DD_SITE env var", to: env)
        XCTAssertNil(removed.configuration["resources"]?["jobs"]?["views"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["spark_env_vars"]?["DD_SITE"])
    }

    /// Paldom/databricks-apps-fastapi-starter: "set LOG_LEVEL to WARNING for the app in prod" set a
    /// declared variable log_level that nothing uses ("0 resources changed"); the app kept INFO.
    func testAnUnusedVariableIsNoSettingOfTheApp() throws {
        var files = Self.emails
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "include: [resources/*.yml]\n", with: "include: [resources/*.yml]\nvariables:\n  log_level: {default: INFO}\n")
        guard case .refused(let reason) = try InMemoryPlanning.outcome("set LOG_LEVEL to WARNING for the app in prod", on: files).0 else {
            return XCTFail("nothing uses the variable")
        }
        XCTAssertTrue(reason.contains("nothing in this bundle uses the variable log_level"), reason)
        // Said as the variable, it is set.
        let (_, bundle) = try InMemoryPlanning.apply("set the variable log_level to WARNING in prod", to: files)
        let value = bundle.targetsMapping?["prod"]?["variables"]?["log_level"]
        XCTAssertEqual(value?.string ?? value?["default"]?.string, "WARNING")
    }

    /// SolvX/solvx-databricks-utils: tasks that for-each tasks run. "retry the download_endpoint task twice"
    /// set retries on every task of the job; a for-each task's concurrency was not understood.
    static let loops = [
        "databricks.yml": """
        bundle: {name: solvx}
        targets:
          dev: {default: true, mode: development}
          prod:
            mode: production
            workspace: {root_path: /Workspace/Shared/solvx}
        resources:
          jobs:
            download:
              name: download
              tasks:
                - task_key: prepare
                  notebook_task: {notebook_path: ./src/a.py}
                - task_key: for_each_endpoint_download
                  depends_on: [{task_key: prepare}]
                  for_each_task:
                    inputs: "{{tasks.prepare.values.endpoints}}"
                    concurrency: 4
                    task:
                      task_key: download_endpoint
                      notebook_task: {notebook_path: ./src/a.py}
                - task_key: for_each_endpoint_ingest
                  depends_on: [{task_key: for_each_endpoint_download}]
                  for_each_task:
                    inputs: "{{tasks.prepare.values.endpoints}}"
                    task:
                      task_key: ingest_iteration
                      notebook_task: {notebook_path: ./src/a.py}

        """,
        "src/a.py": "# Databricks notebook source\n",
    ]

    func loop(_ bundle: LoadedBundle, _ key: String, target: String? = nil) -> YAMLNode? {
        let configuration = target.map { bundle.effectiveConfiguration(target: $0).configuration } ?? bundle.configuration
        return configuration["resources"]?["jobs"]?["download"]?["tasks"]?.sequence?.first { $0["task_key"]?.string == key }?["for_each_task"]
    }

    func testTasksInsideForEachTasksAndTheirConcurrency() throws {
        let (_, retried) = try InMemoryPlanning.apply("retry the download_endpoint task twice", to: Self.loops)
        XCTAssertEqual(loop(retried, "for_each_endpoint_download")?["task"]?["max_retries"]?.string, "2")
        let tasks = retried.configuration["resources"]?["jobs"]?["download"]?["tasks"]?.sequence ?? []
        XCTAssertTrue(tasks.allSatisfy { $0["max_retries"] == nil }, "no other task retried")

        for (request, key, value, target) in [("set the concurrency of the download loop to 8", "for_each_endpoint_download", "8", nil),
                                              ("run 8 iterations of the download loop at once", "for_each_endpoint_download", "8", nil),
                                              ("let the for each ingest run 2 in parallel", "for_each_endpoint_ingest", "2", nil),
                                              ("set the for-each concurrency of for_each_endpoint_ingest to 3 in prod", "for_each_endpoint_ingest", "3", "prod"),
                                              ("run the ingest_iteration loop 5 at a time", "for_each_endpoint_ingest", "5", nil)] as [(String, String, String, String?)] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.loops, intent: ForEachConcurrencyIntent.id)
            XCTAssertEqual(loop(bundle, key, target: target)?["concurrency"]?.string, value, request)
        }
        guard case .clarify = try InMemoryPlanning.outcome("set for_each concurrency to 3", on: Self.loops).0 else { return XCTFail("which loop") }
        // Among several jobs, the one whose for-each task runs it (every job was offered).
        var more = Self.loops
        more["resources/other.yml"] = "resources:\n  jobs:\n    other:\n      name: other\n      tasks:\n        - task_key: main\n          notebook_task: {notebook_path: ../src/a.py}\n"
        more["databricks.yml"] = more["databricks.yml"]!.replacingOccurrences(of: "bundle: {name: solvx}\n", with: "bundle: {name: solvx}\ninclude: [resources/*.yml]\n")
        let (_, among) = try InMemoryPlanning.apply("retry the download_endpoint task twice", to: more)
        XCTAssertEqual(loop(among, "for_each_endpoint_download")?["task"]?["max_retries"]?.string, "2")
    }

    /// Joorgem/open-payments-lakehouse: "retry the ingest task twice" offered all 19 jobs (7 have one);
    /// "the payments one" among them was not understood (other jobs have the word too).
    func testWhichJobOffersThoseWithTheTaskAndAWordAnswers() throws {
        func job(_ key: String, task: String) -> String {
            "    \(key):\n      name: \(key)\n      tasks:\n        - task_key: \(task)\n          notebook_task: {notebook_path: ../src/a.py}\n"
        }
        let files = [
            "databricks.yml": "bundle: {name: lake}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true, mode: development}\n",
            "resources/jobs.yml": "resources:\n  jobs:\n" + job("bronze_payments", task: "ingest") + job("bronze_ptax", task: "ingest")
                + job("silver_payments", task: "transform") + job("gold_payments", task: "publish"),
            "src/a.py": "# Databricks notebook source\n",
        ]
        var c = Conversation(files)
        guard case .clarify(_, let choices) = try c.ask("retry the ingest task twice") else { return XCTFail("which job") }
        XCTAssertEqual(choices, ["--resource jobs.bronze_payments", "--resource jobs.bronze_ptax"])
        guard case .plan = try c.ask("the payments one") else { return XCTFail("bronze_payments") }
        let tasks = try c.load().configuration["resources"]?["jobs"]?["bronze_payments"]?["tasks"]?.sequence
        XCTAssertEqual(tasks?.first?["max_retries"]?.string, "2")
    }

    /// "add retries to it" after "only in prod" (a cluster's change narrowed to prod) went to prod alone;
    /// a grant to someone else after one in prod went into prod's permissions (which replace the bundle's
    /// there). A change of its own kind that names no target is every target's.
    func testATargetDoesNotCarryIntoAnotherKindOfChange() throws {
        var c = Conversation(Self.emails)
        try c.ask("set the timeout of the views job to 2 hours in prod")
        guard case .plan(let retried) = try c.ask("add retries to it") else { return XCTFail("retries") }
        XCTAssertNil(retried.target, retried.summary)
        var g = Conversation(Self.emails)
        try g.ask("let the group ops view the views job in prod")
        guard case .plan(let granted) = try g.ask("let the group analysts manage the views job") else { return XCTFail("a grant") }
        XCTAssertNil(granted.target, granted.summary)
        guard case .plan(let again) = try g.ask("and let the group auditors view it too") else { return XCTFail("a grant") }
        XCTAssertNil(again.target, again.summary)
    }

    /// mlops_project, commercial-data-platform: "give it 3 workers in dev and 10 workers in prod" asked which
    /// target and gave prod dev's 3; "retry it 1 time in dev and 3 times in prod" (and "1 time" was 2).
    func testANumberForEachTargetWithoutTo() throws {
        var files = Self.emails
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "      name: views\n", with: "      name: views\n      job_clusters:\n        - job_cluster_key: main\n          new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 2}\n")
            .replacingOccurrences(of: "          notebook_task: {notebook_path: ../src/a.py}\n", with: "          job_cluster_key: main\n          notebook_task: {notebook_path: ../src/a.py}\n")
        func effective(_ bundle: LoadedBundle, _ target: String) -> YAMLNode? {
            bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["views"]
        }
        let (_, sized) = try InMemoryPlanning.apply("give the views job 3 workers in dev and 10 workers in prod", to: files)
        XCTAssertEqual(effective(sized, "dev")?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.string, "3")
        XCTAssertEqual(effective(sized, "prod")?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.string, "10")
        // ("once", "twice" as numbers; "the views tasks" are the job's, not a group of tasks named views.)
        for words in ["retry the views job 1 time in dev and 3 times in prod", "retry the views job once in dev and 3 times in prod",
                      "retry the views tasks once in dev and three times in prod"] {
            let (_, retried) = try InMemoryPlanning.apply(words, to: files)
            XCTAssertEqual(effective(retried, "dev")?["tasks"]?.sequence?.first?["max_retries"]?.string, "1", words)
            XCTAssertEqual(effective(retried, "prod")?["tasks"]?.sequence?.first?["max_retries"]?.string, "3", words)
        }
        // The resource said after the values, and the second number alone (it asked which target).
        for words in ["3 workers in dev and 10 in prod for the views job", "give it 3 workers in dev and 10 in prod for the views job",
                      "3 workers in dev and 10 workers in prod on the views job", "set the views job to 3 workers in dev and 10 workers in prod"] {
            let (_, late) = try InMemoryPlanning.apply(words, to: files)
            XCTAssertEqual(effective(late, "dev")?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.string, "3", words)
            XCTAssertEqual(effective(late, "prod")?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.string, "10", words)
        }
    }

    /// azebro/lda-lat-notification-poc: node types given as `${var.node_type_id}` "from
    /// AZURE_DATABRICKS_NODE_TYPE" got aws_attributes for spot; cheng-alex-chang/payments-data-platform:
    /// "… for each of bronze, silver and gold with 3 at a time" changed max_concurrent_runs.
    func testSpotOnAnAzureBundleByItsVariableAndForEachWithoutOne() throws {
        var files = Self.emails
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "include: [resources/*.yml]\n", with: "include: [resources/*.yml]\nvariables:\n  node_type_id:\n    description: Single-node VM type from AZURE_DATABRICKS_NODE_TYPE.\n")
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "      name: views\n", with: "      name: views\n      job_clusters:\n        - job_cluster_key: main\n          new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: \"${var.node_type_id}\", num_workers: 2}\n")
            .replacingOccurrences(of: "          notebook_task: {notebook_path: ../src/a.py}\n", with: "          job_cluster_key: main\n          notebook_task: {notebook_path: ../src/a.py}\n")
        let outcome = try InMemoryPlanning.outcome("use spot instances with fallback on all clusters", on: files)
        guard case .plan(let plan) = outcome.0 else { return XCTFail("\(outcome.0)") }
        XCTAssertTrue(plan.summary.contains("azure_attributes.availability to SPOT_WITH_FALLBACK_AZURE"), plan.summary)
        XCTAssertFalse(outcome.1["resources/jobs.yml"]!.contains("aws_attributes"))
        guard case .refused(let reason) = try InMemoryPlanning.outcome("run the main task for each of bronze, silver and gold with 3 at a time", on: Self.emails).0 else {
            return XCTFail("no for-each task")
        }
        XCTAssertTrue(reason.contains("has no for-each task"), reason)
    }

    /// HerrB92/trainingETL: "… on a job cluster with 2 workers of Standard_D8ds_v5 instead of serverless"
    /// made a cluster of the default node type.
    func testAJobClusterOfTheNodeTypeSaid() throws {
        let outcome = try InMemoryPlanning.outcome("run the main job on a job cluster with 2 workers of Standard_D8ds_v5 instead of serverless", on: Self.tasks)
        guard case .plan(let plan) = outcome.0 else { return XCTFail("\(outcome.0)") }
        XCTAssertTrue(plan.summary.contains("2 × Standard_D8ds_v5"), plan.summary)
        XCTAssertTrue(outcome.1["resources/main.job.yml"]!.contains("node_type_id: Standard_D8ds_v5"), outcome.1["resources/main.job.yml"]!)
    }

    /// azebro/lda-lat-notification-poc: "add a prod target … with root path /Workspace/Shared/…" copied
    /// dev's root path instead.
    func testANewTargetWithTheRootPathSaid() throws {
        let files = ["databricks.yml": "bundle: {name: lda}\ntargets:\n  dev:\n    default: true\n    mode: development\n    workspace:\n      root_path: /Workspace/Users/${workspace.current_user.userName}/.bundle/${bundle.name}/dev\n"]
        let (_, bundle) = try InMemoryPlanning.apply("add a prod target that runs as service principal 6f1c3a52-0000-4000-8000-000000000001 with root path /Workspace/Shared/.bundle/lda/prod", to: files)
        XCTAssertEqual(bundle.targetsMapping?["prod"]?["workspace"]?["root_path"]?.string, "/Workspace/Shared/.bundle/lda/prod")
        XCTAssertEqual(bundle.targetsMapping?["prod"]?["run_as"]?["service_principal_name"]?.string, "6f1c3a52-0000-4000-8000-000000000001")
    }

    /// telecare-data-platform: "set the timeout to 3 hours" where dev overrides it said "was 2 hours" (dev's)
    /// and nothing of dev keeping its own.
    func testASharedTimeoutWhereATargetHasItsOwn() throws {
        var files = Self.emails
        files["resources/jobs.yml"] = files["resources/jobs.yml"]!.replacingOccurrences(of: "      name: views\n", with: "      name: views\n      timeout_seconds: 5400\n")
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "  dev: {default: true, mode: development}\n", with: "  dev:\n    default: true\n    mode: development\n    resources:\n      jobs:\n        views:\n          timeout_seconds: 7200\n")
        let (plan, bundle) = try InMemoryPlanning.apply("set the timeout to 3 hours", to: files)
        XCTAssertTrue(plan.summary.contains("was 90 minutes") && plan.summary.contains("dev (2 hours) keeps its own timeout"), plan.summary)
        XCTAssertEqual(bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["views"]?["timeout_seconds"]?.string, "10800")
        XCTAssertEqual(bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["views"]?["timeout_seconds"]?.string, "7200")
    }

    /// HerrB92/trainingETL: "add a task categorize after gold and before genai that runs the wheel entry
    /// point …" left genai waiting for gold alone.
    func testATaskAddedAfterOneAndBeforeAnother() throws {
        let files = [
            "databricks.yml": "bundle: {name: training}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true, mode: development}\n",
            "resources/etl.yml": """
            resources:
              jobs:
                etl:
                  name: etl
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 2}
                  tasks:
                    - task_key: gold
                      job_cluster_key: main
                      python_wheel_task: {package_name: etl, entry_point: gold}
                      libraries: [{whl: ../dist/*.whl}]
                    - task_key: genai
                      depends_on: [{task_key: gold}]
                      job_cluster_key: main
                      python_wheel_task: {package_name: etl, entry_point: genai}
                      libraries: [{whl: ../dist/*.whl}]

            """,
            "src/report.py": "# Databricks notebook source\n",
        ]
        for request in ["add a task categorize after gold and before genai that runs the wheel entry point etl.genai.categorization",
                        "add a task categorize after gold and before genai that runs src/report.py"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files)
            let tasks = bundle.configuration["resources"]?["jobs"]?["etl"]?["tasks"]?.sequence ?? []
            let genai = tasks.first { $0["task_key"]?.string == "genai" }
            XCTAssertEqual(genai?["depends_on"]?.sequence?.compactMap { $0["task_key"]?.string }, ["categorize"], request)
            XCTAssertEqual(tasks.first { $0["task_key"]?.string == "categorize" }?["depends_on"]?.sequence?.compactMap { $0["task_key"]?.string }, ["gold"], request)
        }
    }

    /// sundt-edm-databricks: "give the group ops CAN_MANAGE on the views job and only let users view" granted
    /// ops and dropped the second part unsaid: each part is planned (here asked, nothing changed).
    func testAnAdverbBeforeASecondVerbStartsAClause() throws {
        XCTAssertEqual(CompoundRequest.clauses("give the group ops CAN_MANAGE on the views job and only let users view it"),
                       ["give the group ops CAN_MANAGE on the views job", "only let users view it"])
    }

    /// trainingETL: "retry silver_orders 3 times" changed the job etl_silver_transform (its word "silver")
    /// where etl_full_pipeline has the task too: asked.
    func testATaskKeyTwoJobsHaveIsAsked() throws {
        func job(_ key: String) -> String {
            "    \(key):\n      name: \(key)\n      tasks:\n        - task_key: silver_orders\n          notebook_task: {notebook_path: ../src/a.py}\n"
        }
        let files = [
            "databricks.yml": "bundle: {name: t}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true, mode: development}\n",
            "resources/jobs.yml": "resources:\n  jobs:\n" + job("etl_silver_transform") + job("etl_full_pipeline"),
            "src/a.py": "# Databricks notebook source\n",
        ]
        guard case .clarify(_, let choices) = try InMemoryPlanning.outcome("retry silver_orders 3 times", on: files).0 else { return XCTFail("which job") }
        XCTAssertEqual(Set(choices), ["--resource jobs.etl_silver_transform", "--resource jobs.etl_full_pipeline"])
        let (_, named) = try InMemoryPlanning.apply("retry silver_orders of the full pipeline job 3 times", to: files)
        XCTAssertEqual(named.configuration["resources"]?["jobs"]?["etl_full_pipeline"]?["tasks"]?.sequence?.first?["max_retries"]?.string, "3")
    }

    /// wryszka/pricing-workbench: "use warehouse X for the app" added a second warehouse resource, which the
    /// app's code (valueFrom: sql-warehouse) never reads; "switch the app's sql warehouse to X" said nothing
    /// uses a warehouse.
    func testAnAppsWarehouseIsSwitched() throws {
        let files = [
            "databricks.yml": "bundle: {name: pricing}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true, mode: development}\n",
            "resources/app.yml": """
            resources:
              apps:
                pricing_workbench:
                  name: pricing-workbench
                  source_code_path: ../app
                  resources:
                    - name: sql-warehouse
                      sql_warehouse:
                        id: ab79eced8207d29b
                        permission: CAN_USE

            """,
            "app/app.py": "print(1)\n",
            "app/app.yaml": "command: [python, app.py]\n",
        ]
        for request in ["use warehouse 1234abcd5678ef90 for the app", "switch the app's sql warehouse to 1234abcd5678ef90",
                        "change the app's warehouse from ab79eced8207d29b to 1234abcd5678ef90"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files)
            let resources = bundle.configuration["resources"]?["apps"]?["pricing_workbench"]?["resources"]?.sequence ?? []
            XCTAssertEqual(resources.count, 1, request)
            XCTAssertEqual(resources.first?["sql_warehouse"]?["id"]?.string, "1234abcd5678ef90", request)
        }
        let (_, second) = try InMemoryPlanning.apply("also give the app CAN_USE on warehouse 1234abcd5678ef90", to: files)
        XCTAssertEqual(second.configuration["resources"]?["apps"]?["pricing_workbench"]?["resources"]?.sequence?.count, 2)
    }

    /// sundt-edm-databricks: "pass catalog=${var.quality_catalog} to the … notebook" asked which variable.
    func testAVariableAsANotebookParametersValue() throws {
        var files = Self.emails
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "include: [resources/*.yml]\n", with: "include: [resources/*.yml]\nvariables:\n  quality_catalog: {default: main}\n")
        let (_, bundle) = try InMemoryPlanning.apply("pass catalog=${var.quality_catalog} to the main notebook", to: files)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["views"]?["tasks"]?.sequence?.first?["notebook_task"]?["base_parameters"]?["catalog"]?.string,
                       "${var.quality_catalog}")
    }

    /// lda-lat-notification-poc: "let the setup_source task run up to 30 minutes" asked which principal.
    func testHowLongATaskMayRun() throws {
        let (_, bundle) = try InMemoryPlanning.apply("let the main task run up to 30 minutes", to: Self.emails, intent: JobTimeoutIntent.id)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["views"]?["tasks"]?.sequence?.first?["timeout_seconds"]?.string, "1800")
    }

    /// "the setup_source task may run up to half an hour" set 1 hour.
    func testHalfAnHour() {
        XCTAssertEqual(RequestText("the setup task may run up to half an hour").duration, 1800)
        XCTAssertEqual(RequestText("set a timeout of half an hour").duration, 1800)
        XCTAssertEqual(RequestText("time out after an hour and a half").duration, 5400)
        XCTAssertEqual(RequestText("time out after an hour").duration, 3600)
        XCTAssertEqual(RequestText("every half hour").duration, 1800)
    }

    /// "give bob@x.com CAN_VIEW on the bundle" after alice's grant in prod went to alice's place (prod, or
    /// the job): a grant to someone else is a request of its own; "only view" still changes alice's.
    func testAnotherPrincipalsBundleGrantAfterOneInProd() throws {
        var c = Conversation(Self.emails)
        try c.ask("give alice@x.com CAN_MANAGE on the bundle only in prod")
        guard case .plan(let bob) = try c.ask("give bob@x.com CAN_VIEW on the bundle") else { return XCTFail("bob's grant") }
        XCTAssertNil(bob.target, bob.summary)
        XCTAssertTrue(bob.summary.contains("bundle's permissions"), bob.summary)
        XCTAssertEqual(try c.load().configuration["permissions"]?.sequence?.first?["user_name"]?.string, "bob@x.com")
    }

    /// "switch the app's sql warehouse to X in prod" where the app's warehouse is `${var.warehouse_id}`
    /// added a second resource in prod's override: the variable, for prod.
    func testAnAppsWarehouseVariableInATarget() throws {
        let files = [
            "databricks.yml": "bundle: {name: portal}\ninclude: [resources/*.yml]\nvariables:\n  warehouse_id: {default: abc123def4567890}\ntargets:\n  dev: {default: true, mode: development}\n  prod:\n    mode: production\n    workspace: {root_path: /Workspace/Shared/portal}\n",
            "resources/app.yml": "resources:\n  apps:\n    portal:\n      name: portal\n      source_code_path: ../app\n      resources:\n        - name: sql-warehouse\n          sql_warehouse:\n            id: ${var.warehouse_id}\n            permission: CAN_USE\n",
            "app/app.py": "print(1)\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("switch the app's sql warehouse to 1234567890abcdef in prod", to: files)
        let prod = bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["apps"]?["portal"]?["resources"]?.sequence ?? []
        XCTAssertEqual(prod.count, 1)
        let value = bundle.targetsMapping?["prod"]?["variables"]?["warehouse_id"]
        XCTAssertEqual(value?.string ?? value?["default"]?.string, "1234567890abcdef")
    }

    /// cheng-alex-chang/payments-data-platform: "add a prod target and set the catalog to payments_prod
    /// there" asked which target "there" is.
    func testThereIsTheTargetTheClauseBeforeAdds() throws {
        let files = [
            "databricks.yml": "bundle: {name: payments}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true, mode: development}\n",
            "resources/p.yml": "resources:\n  pipelines:\n    payments_dlt:\n      name: payments\n      catalog: workspace\n      schema: payments\n      serverless: true\n      libraries:\n        - notebook: {path: ../src/a.py}\n",
            "src/a.py": "# Databricks notebook source\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("add a prod target and set the catalog to payments_prod there", to: files)
        XCTAssertEqual(bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["pipelines"]?["payments_dlt"]?["catalog"]?.string, "payments_prod")
        XCTAssertEqual(bundle.configuration["resources"]?["pipelines"]?["payments_dlt"]?["catalog"]?.string, "workspace")
    }
}
