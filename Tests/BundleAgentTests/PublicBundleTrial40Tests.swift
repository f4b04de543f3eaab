@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trial of 2026-12-05 (third) on public bundles (dab-training, finance_sap_daily_dim,
/// customer-360-project, e2e-data-platform-demo, rentready, fashion_recommendations) that were
/// committed wrong: each asserts the values written.
final class PublicBundleTrial40Tests: XCTestCase {
    static let training = [
        "databricks.yml": """
        bundle: {name: training}
        include: [resources/*.yml]
        targets:
          dev: {default: true}
          prod:
            permissions:
              - level: CAN_VIEW
                group_name: Data Engineers
              - level: CAN_MANAGE
                user_name: lead@example.com
        """,
        "resources/catalog.yml": """
        resources:
          schemas:
            training_schema:
              catalog_name: main
              name: training
              grants:
                - principal: Data Engineers
                  privileges: [USE_SCHEMA, SELECT]
          volumes:
            raw_files_volume:
              catalog_name: main
              schema_name: training
              name: raw_files
              grants:
                - principal: Data Engineers
                  privileges: [READ_VOLUME, WRITE_VOLUME]
        """,
    ]

    /// "let Data Engineers write to the schema" granted to a new principal "Data".
    func testAPrincipalOfTwoWordsIsTakenWhole() throws {
        for request in ["let Data Engineers write to the schema", "let the group \"Data Engineers\" write to the schema"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.training)
            let grants = bundle.configuration["resources"]?["schemas"]?["training_schema"]?["grants"]?.sequence ?? []
            XCTAssertEqual(grants.count, 1, request)
            XCTAssertEqual(grants.first?["principal"]?.string, "Data Engineers", request)
            XCTAssertEqual(grants.first?["privileges"]?.sequence?.compactMap(\.string), ["USE_SCHEMA", "SELECT", "MODIFY"], request)
        }
        let (already, _) = try InMemoryPlanning.outcome("let Data Engineers write to the raw files volume", on: Self.training)
        guard case .refused(let reason) = already else { return XCTFail("\(already)") }
        XCTAssertTrue(reason.contains("Data Engineers already has READ_VOLUME, WRITE_VOLUME"), reason)
        let (_, revoked) = try InMemoryPlanning.apply("remove the Data Engineers CAN_VIEW permission in prod", to: Self.training)
        let permissions = revoked.targetsMapping?["prod"]?["permissions"]?.sequence ?? []
        XCTAssertEqual(permissions.compactMap { $0["group_name"]?.string }, [])
        XCTAssertEqual(permissions.compactMap { $0["user_name"]?.string }, ["lead@example.com"])
    }

    /// A variable declared in the root (no default) and in an included file (the default): the default
    /// that counts is the included one, and that is the one changed.
    func testTheDefaultThatCountsIsChanged() throws {
        let files = [
            "databricks.yml": "bundle: {name: sap}\ninclude: [resources/*.yml]\nvariables:\n  z_tables:\n    description: Z tables\ntargets:\n  dev: {default: true}\n",
            "resources/variables.yml": "variables:\n  z_tables:\n    default: \"z_date,z_distch\"\n",
            "resources/job.yml": "resources:\n  jobs:\n    load:\n      name: load\n      parameters:\n        - {name: tables, default: \"${var.z_tables}\"}\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: ../a.py}\n",
            "a.py": "# Databricks notebook source\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("set the default of z_tables to z_date,z_material", to: files)
        XCTAssertEqual(plan.edits.map(\.file), ["resources/variables.yml"])
        XCTAssertEqual(bundle.configuration["variables"]?["z_tables"]?["default"]?.string, "z_date,z_material")
    }

    static let customer = [
        "databricks.yml": "bundle: {name: c360}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
        "resources/jobs.yml": "resources:\n  jobs:\n    customer_job:\n      name: customer_job\n      tasks:\n        - task_key: bronze_task\n          notebook_task: {notebook_path: ../a.py}\n",
        "a.py": "# Databricks notebook source\n",
    ]

    /// "set max retries to 3 and timeout to 30 minutes" set only the timeout.
    func testTwoSettingsAfterOneVerbAreBothMade() throws {
        for request in ["set max retries to 3 and timeout to 30 minutes", "set max retries to 3 and the timeout to 30 minutes",
                        "set timeout to 30 minutes and max retries to 3"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.customer)
            let job = bundle.configuration["resources"]?["jobs"]?["customer_job"]
            XCTAssertEqual(job?["timeout_seconds"]?.string, "1800", request)
            XCTAssertEqual(job?["tasks"]?.sequence?.first?["max_retries"]?.string, "3", request)
        }
        // A range is one request.
        XCTAssertNil(CompoundRequest.clauses("make the telemetry cluster autoscale between 2 and 6 workers"))
        XCTAssertNil(CompoundRequest.clauses("set the workers to 2 and 6 in prod"))
    }

    static let e2e = [
        "databricks.yml": "bundle: {name: e2e}\ninclude: [resources/*.yml]\nvariables:\n  schema:\n    default: e2e_demo\ntargets:\n  dev: {default: true}\n",
        "resources/p.yml": "resources:\n  pipelines:\n    experiment_pipeline:\n      name: exp\n      catalog: main\n      target: ${var.schema}\n      libraries:\n        - notebook: {path: ../a.py}\n  jobs:\n    t:\n      name: t\n      parameters:\n        - {name: s, default: \"${var.schema}\"}\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: ../a.py}\n",
        "a.py": "# Databricks notebook source\n",
    ]

    /// "set the schema default to e2e_v2" published the pipeline to a schema called "default".
    func testTheSchemaDefaultIsTheVariable() throws {
        let (same, _) = try InMemoryPlanning.outcome("set the schema default to e2e_demo", on: Self.e2e)
        guard case .refused = same else { return XCTFail("\(same)") }
        let (plan, bundle) = try InMemoryPlanning.apply("set the schema default to e2e_v2", to: Self.e2e)
        XCTAssertEqual(bundle.configuration["variables"]?["schema"]?["default"]?.string, "e2e_v2")
        XCTAssertEqual(bundle.configuration["resources"]?["pipelines"]?["experiment_pipeline"]?["target"]?.string, "${var.schema}")
        XCTAssertEqual(plan.subject, "Set the default of the variable schema to e2e_v2", "the variable is more than this pipeline's")
    }

    static let rentready = [
        "databricks.yml": "bundle: {name: rr}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
        "resources/jobs.yml": "resources:\n  jobs:\n    ingest:\n      name: ingest\n      queue:\n        enabled: true\n      schedule:\n        quartz_cron_expression: \"0 0 */2 * * ?\"\n        timezone_id: UTC\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: ../a.py}\n",
        "a.py": "# Databricks notebook source\n",
    ]

    /// "run every 2 hours" rewrote `*/2` as `0/2`; "remove the queueing" deleted the block (runs still queue).
    func testTheSameScheduleAndNoQueueing() throws {
        let (_, after) = try InMemoryPlanning.outcome("run every 2 hours", on: Self.rentready)
        XCTAssertEqual(after, Self.rentready, "the schedule is written as it was: nothing to commit")
        let (_, bundle) = try InMemoryPlanning.apply("remove the queueing", to: Self.rentready)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["ingest"]?["queue"]?["enabled"]?.string, "false")
        XCTAssertTrue(ScheduleIntent.sameCron("0 0 */2 * * ?", "0 0 0/2 * * ?"))
        XCTAssertFalse(ScheduleIntent.sameCron("0 0 */2 * * ?", "0 0 1/2 * * ?"))
    }

    /// "rename the schema to recs_dev in dev" asked which target, and its answer named the schema
    /// "recs_dev in dev" apart from the variable its tasks use.
    func testASchemaNamedByAVariableIsRenamedThroughIt() throws {
        let files = [
            "databricks.yml": "bundle: {name: recs}\ninclude: [resources/*.yml]\nvariables:\n  schema_name:\n    default: x\ntargets:\n  dev:\n    default: true\n    variables:\n      schema_name: dev_recs\n  prod:\n    variables:\n      schema_name: prod_recs\n",
            "resources/schema.yml": "resources:\n  schemas:\n    recs_schema:\n      catalog_name: main\n      name: ${var.schema_name}\n  jobs:\n    train:\n      name: train\n      tasks:\n        - task_key: a\n          notebook_task:\n            notebook_path: ../a.py\n            base_parameters: {schema_name: \"${var.schema_name}\"}\n",
            "a.py": "# Databricks notebook source\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("rename the schema to recs_dev in dev", to: files)
        XCTAssertEqual(plan.target, "dev")
        XCTAssertEqual(bundle.targetsMapping?["dev"]?["variables"]?["schema_name"]?.string, "recs_dev")
        XCTAssertEqual(bundle.configuration["resources"]?["schemas"]?["recs_schema"]?["name"]?.string, "${var.schema_name}")
        XCTAssertNil(bundle.targetsMapping?["dev"]?["resources"], "no name of its own beside the variable")
        XCTAssertEqual(bundle.targetsMapping?["prod"]?["variables"]?["schema_name"]?.string, "prod_recs")
    }

    /// "add a schema called staging in ${var.catalog_name}" wrote `catalog_name: ${var`; without the
    /// place it asked for a catalog although every schema of the bundle uses `${var.catalog_name}`.
    func testANewSchemaInTheCatalogVariable() throws {
        let files = [
            "databricks.yml": "bundle: {name: sf}\ninclude: [resources/*.yml]\nvariables:\n  catalog_name:\n    default: salesforce_dev\ntargets:\n  dev: {default: true}\n",
            "resources/schemas.yml": "resources:\n  schemas:\n    bronze:\n      name: bronze\n      catalog_name: ${var.catalog_name}\n",
        ]
        for request in ["add a schema called staging in ${var.catalog_name}", "add a schema called staging"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(bundle.configuration["resources"]?["schemas"]?["staging"]?["catalog_name"]?.string, "${var.catalog_name}", request)
        }
        let (_, bundle) = try InMemoryPlanning.apply("create a volume raw in ${var.catalog_name}.bronze", to: files)
        let volume = bundle.configuration["resources"]?["volumes"]?["raw"]
        XCTAssertEqual(volume?["catalog_name"]?.string, "${var.catalog_name}")
        XCTAssertEqual(volume?["schema_name"]?.string, "${resources.schemas.bronze.name}")
    }

    static let complexClusters = [
        "databricks.yml": "bundle: {name: lab}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n  prod: {}\n",
        "resources/clusters.yml": """
        variables:
          ds3_v2:
            type: complex
            default:
              # the one cluster shape
              spark_version: 15.4.x-scala2.12
              node_type_id: Standard_DS3_v2
              num_workers: 1
              runtime_engine: STANDARD
        """,
        "resources/nb.job.yml": "resources:\n  jobs:\n    nb:\n      name: nb\n      job_clusters:\n        - job_cluster_key: ds3_v2\n          new_cluster: \"${var.ds3_v2}\"\n      tasks:\n        - task_key: a\n          job_cluster_key: ds3_v2\n          notebook_task: {notebook_path: ../a.py}\n",
        "resources/py.job.yml": "resources:\n  jobs:\n    py:\n      name: py\n      job_clusters:\n        - job_cluster_key: ds3_v2\n          new_cluster: \"${var.ds3_v2}\"\n      tasks:\n        - task_key: a\n          job_cluster_key: ds3_v2\n          notebook_task: {notebook_path: ../a.py}\n",
        "a.py": "# Databricks notebook source\n",
    ]

    /// Clusters written as a complex variable (`new_cluster: ${var.ds3_v2}`) were refused ("change the
    /// variable"): a change for every target is made in the variable's default, once for every job
    /// that uses it; a change for one target is refused (its override would replace the whole cluster).
    func testAClusterWrittenAsAComplexVariableChangesTheVariable() throws {
        for (request, field, value) in [("turn on photon", "runtime_engine", "PHOTON"), ("make the cluster of nb 2 workers", "num_workers", "2"),
                                        ("bump spark to 16.4 LTS on the nb job", "spark_version", "16.4.x-scala2.12")] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.complexClusters)
            XCTAssertEqual(plan.edits.map(\.file), ["resources/clusters.yml"], request)
            XCTAssertEqual(bundle.configuration["variables"]?["ds3_v2"]?["default"]?[field]?.string, value, request)
            XCTAssertTrue(plan.summary.contains("It is written as ${var.ds3_v2} (a complex variable)"), plan.summary)
            for job in ["nb", "py"] {
                XCTAssertEqual(try bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?[job]?["job_clusters"]?.sequence?.first?["new_cluster"]?[field]?.string,
                               value, "\(request): \(job)")
            }
        }
        let (photon, edited) = try InMemoryPlanning.outcome("turn on photon", on: Self.complexClusters)
        guard case .plan = photon else { return XCTFail("\(photon)") }
        XCTAssertTrue(edited["resources/clusters.yml"]!.contains("      # the one cluster shape\n"), "comments kept")
        let (dev, _) = try InMemoryPlanning.outcome("make the cluster of nb 2 workers in dev", on: Self.complexClusters)
        guard case .refused(let reason) = dev else { return XCTFail("\(dev)") }
        XCTAssertTrue(reason.contains("is ${var.ds3_v2}, one definition (in resources/clusters.yml) for every target"), reason)

        // A target that gives the variable its own value: that value is its cluster.
        var files = Self.complexClusters
        files["databricks.yml"] = "bundle: {name: lab}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n  prod:\n    variables:\n      ds3_v2:\n        spark_version: 15.4.x-scala2.12\n        node_type_id: Standard_DS4_v2\n        num_workers: 4\n"
        let (prod, bundle) = try InMemoryPlanning.apply("make the cluster of nb 8 workers in prod", to: files)
        XCTAssertEqual(prod.edits.map(\.file), ["databricks.yml"])
        XCTAssertEqual(bundle.targetsMapping?["prod"]?["variables"]?["ds3_v2"]?["num_workers"]?.string, "8")
        XCTAssertEqual(bundle.configuration["variables"]?["ds3_v2"]?["default"]?["num_workers"]?.string, "1")
        let (everywhere, _) = try InMemoryPlanning.apply("bump spark to 16.4 LTS on the nb job", to: files)
        XCTAssertTrue(everywhere.summary.contains("Target prod keeps its own value."), everywhere.summary)
    }

    /// "remove the health rule from the run_pipeline task" removed the task (data loss): something of a
    /// task is never the task; the task itself, or a task named by its key, still is.
    func testRemovingSomethingOfATaskKeepsTheTask() throws {
        let files = [
            "databricks.yml": "bundle: {name: e}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/jobs.yml": "resources:\n  jobs:\n    flow:\n      name: flow\n      tasks:\n        - task_key: run_pipeline\n          notebook_task: {notebook_path: ../a.py, source: WORKSPACE}\n          health:\n            rules:\n              - {metric: RUN_DURATION_SECONDS, op: GREATER_THAN, value: 600}\n        - task_key: test_quality\n          depends_on: [{task_key: run_pipeline}]\n          notebook_task: {notebook_path: ../a.py}\n",
            "a.py": "# Databricks notebook source\n",
        ]
        for request in ["remove the health rule from the run_pipeline task", "remove the WORKSPACE source from the run_pipeline task",
                        "drop the full_refresh flag from the test_quality task", "remove the depends_on from the test_quality task",
                        "delete the run_pipeline task's health rule"] {
            let (outcome, after) = try InMemoryPlanning.outcome(request, on: files)
            let keys = (try BundleLoader(source: InMemoryFileSource(texts: after)).load().configuration["resources"]?["jobs"]?["flow"]?["tasks"]?.sequence ?? [])
                .compactMap { $0["task_key"]?.string }
            XCTAssertEqual(keys, ["run_pipeline", "test_quality"], "\(request): \(outcome)")
        }
        for request in ["remove the run_pipeline task", "remove run_pipeline from the flow job"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files)
            let keys = (bundle.configuration["resources"]?["jobs"]?["flow"]?["tasks"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
            XCTAssertEqual(keys, ["test_quality"], request)
        }
    }

    /// "set vs_endpoint to a and rules_index to b" gave vs_endpoint the value b and dropped rules_index.
    func testTwoVariablesEachGetTheirValue() throws {
        let files = [
            "databricks.yml": "bundle: {name: t}\nvariables:\n  vs_endpoint: {default: srd-vibes-vs}\n  rules_index: {default: rca_rules_vs_idx}\n  llm_endpoint: {default: opus}\n  agent_endpoint: {default: agents}\ntargets:\n  dev: {default: true}\n",
        ]
        for (request, values) in [("set vs_endpoint to srd-vibes-vs-2 and rules_index to rca_rules_v2", ["vs_endpoint": "srd-vibes-vs-2", "rules_index": "rca_rules_v2"]),
                                  ("set the default of llm_endpoint to sonnet and the agent endpoint to agents-v2", ["llm_endpoint": "sonnet", "agent_endpoint": "agents-v2"])] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files)
            for (name, value) in values {
                XCTAssertEqual(bundle.configuration["variables"]?[name]?["default"]?.string, value, request)
            }
        }
    }

    /// "remove the cost_center tag and set team to payments-de" removed both tags.
    func testRemovingOneTagAndSettingAnother() throws {
        let files = [
            "databricks.yml": "bundle: {name: p}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/job.yml": "resources:\n  jobs:\n    refresh:\n      name: refresh\n      tags:\n        team: \"data-engineering\"\n        cost_center: \"payments-analytics\"\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: ../a.py}\n",
            "a.py": "# Databricks notebook source\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("remove the cost_center tag and set team to payments-de", to: files)
        let tags = bundle.configuration["resources"]?["jobs"]?["refresh"]?["tags"]
        XCTAssertNil(tags?["cost_center"])
        XCTAssertEqual(tags?["team"]?.string, "payments-de")
    }

    /// "set a 1 hour timeout on every job in prod and retry the setup task 3 times" timed out the setup
    /// job alone; "add a schema called crew_phone in prod" made a catalog called prod.
    func testEveryJobInACompoundAndASchemaForOneTarget() throws {
        let job = { (key: String) in "    \(key):\n      name: \(key)\n      tasks:\n        - task_key: \(key)\n          notebook_task: {notebook_path: ../a.py}\n" }
        let files = [
            "databricks.yml": "bundle: {name: t}\ninclude: [resources/*.yml]\nvariables:\n  catalog: {default: main}\ntargets:\n  dev: {default: true}\n  prod: {}\n",
            "resources/jobs.yml": "resources:\n  jobs:\n" + job("setup") + job("load_data") + job("register"),
            "a.py": "# Databricks notebook source\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("set a 1 hour timeout on every job in prod and retry the setup task 3 times", to: files)
        let prod = try bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]
        for key in ["setup", "load_data", "register"] {
            XCTAssertEqual(prod?[key]?["timeout_seconds"]?.string, "3600", key)
        }
        XCTAssertEqual(prod?["setup"]?["tasks"]?.sequence?.first?["max_retries"]?.string, "3")
        let (plan, schema) = try InMemoryPlanning.apply("add a schema called crew_phone in prod", to: files)
        XCTAssertEqual(plan.target, "prod")
        XCTAssertNil(schema.configuration["resources"]?["schemas"]?["crew_phone"], "not for every target")
        let prodSchema = try schema.effectiveConfiguration(target: "prod").configuration["resources"]?["schemas"]?["crew_phone"]
        XCTAssertEqual(prodSchema?["catalog_name"]?.string, "main")
        XCTAssertNil(try schema.effectiveConfiguration(target: "dev").configuration["resources"]?["schemas"]?["crew_phone"])
    }

    /// "rename stage to staging" named the job "staging".
    func testRenamingATargetRenamesItsKey() throws {
        let files = [
            "databricks.yml": "bundle: {name: crew}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n  # the stage environment\n  stage:\n    mode: production\n    workspace: {root_path: /Workspace/Shared/.bundle/crew/stage}\n",
            "resources/job.yml": "resources:\n  jobs:\n    crew:\n      name: crew\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: ../a.py}\ntargets:\n  stage:\n    resources:\n      jobs:\n        crew:\n          max_concurrent_runs: 2\n",
            "a.py": "# Databricks notebook source\n",
        ]
        for request in ["rename stage to staging", "rename the stage target to staging"] {
            let (outcome, texts) = try InMemoryPlanning.outcome(request, on: files)
            guard case .plan = outcome else { return XCTFail("\(request): \(outcome)") }
            let bundle = try BundleLoader(source: InMemoryFileSource(texts: texts)).load()
            XCTAssertEqual(bundle.targetNames, ["dev", "staging"], request)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["crew"]?["name"]?.string, "crew", request)
            XCTAssertEqual(try bundle.effectiveConfiguration(target: "staging").configuration["resources"]?["jobs"]?["crew"]?["max_concurrent_runs"]?.string, "2",
                           "the target's section in another file follows: \(request)")
        }
        let (_, after) = try InMemoryPlanning.outcome("rename stage to staging", on: files)
        XCTAssertTrue(after["databricks.yml"]!.contains("  # the stage environment\n  staging:\n    mode: production\n"), after["databricks.yml"]!)
    }

    /// "remove the sync include for tan/api/static" appended the path to sync.include.
    func testRemovingASyncInclude() throws {
        let files = ["databricks.yml": "bundle: {name: t}\nsync:\n  include:\n    # the React build\n    - tan/api/static/**\n    - dist/*.whl\ntargets:\n  dev: {default: true}\n"]
        for request in ["remove the sync include for tan/api/static", "drop tan/api/static/** from the sync includes"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(bundle.configuration["sync"]?["include"]?.sequence?.compactMap(\.string), ["dist/*.whl"], request)
        }
        let (absent, _) = try InMemoryPlanning.outcome("remove data/** from the sync excludes", on: files)
        guard case .refused(let reason) = absent else { return XCTFail("\(absent)") }
        XCTAssertTrue(reason.hasPrefix("nothing to change"), reason)
    }

    /// "also run it when de_assessment.bronze.payments is updated" replaced the trigger's three tables
    /// (and its condition); "also trigger on …" paused it; the condition could not be changed.
    func testATableUpdateTriggerGrows() throws {
        let files = [
            "databricks.yml": "bundle: {name: jg}\ninclude: [resources/*.yml]\nvariables:\n  catalog: {default: de_assessment}\ntargets:\n  dev: {default: true}\n",
            "resources/silver.job.yml": "resources:\n  jobs:\n    conform:\n      name: conform\n      trigger:\n        pause_status: UNPAUSED\n        table_update:\n          table_names:\n            - ${var.catalog}.bronze.products\n            - ${var.catalog}.bronze.orders\n          condition: ANY_UPDATED\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: ../a.py}\n",
            "a.py": "# Databricks notebook source\n",
        ]
        for request in ["also run it when de_assessment.bronze.payments is updated", "also trigger on de_assessment.bronze.payments"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: files)
            let trigger = bundle.configuration["resources"]?["jobs"]?["conform"]?["trigger"]
            XCTAssertEqual(trigger?["table_update"]?["table_names"]?.sequence?.compactMap(\.string),
                           ["${var.catalog}.bronze.products", "${var.catalog}.bronze.orders", "${var.catalog}.bronze.payments"], request)
            XCTAssertEqual(trigger?["table_update"]?["condition"]?.string, "ANY_UPDATED", request)
            XCTAssertEqual(trigger?["pause_status"]?.string, "UNPAUSED", request)
        }
        let (_, all) = try InMemoryPlanning.apply("only fire when all tables are updated", to: files)
        XCTAssertEqual(all.configuration["resources"]?["jobs"]?["conform"]?["trigger"]?["table_update"]?["condition"]?.string, "ALL_UPDATED")
    }

    /// "unpause the schedule in prod", then "and run it at 7am Amsterdam time there": "there" is prod
    /// (the shared schedule changed, and dev with it).
    func testThereIsTheTargetOfTheTurnBefore() throws {
        var c = PublicBundleTrial39Tests.Conversation([
            "databricks.yml": "bundle: {name: psp}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n  prd: {}\n",
            "resources/job.yml": "resources:\n  jobs:\n    refresh:\n      name: refresh\n      schedule:\n        quartz_cron_expression: \"0 0 6 * * ?\"\n        timezone_id: UTC\n        pause_status: PAUSED\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: ../a.py}\n",
            "a.py": "# Databricks notebook source\n",
        ])
        try c.ask("unpause the schedule in prd")
        try c.ask("and run it at 7am Amsterdam time there")
        XCTAssertEqual(try c.job("refresh", target: "prd")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 7 * * ?")
        XCTAssertEqual(try c.job("refresh", target: "dev")?["schedule"]?["quartz_cron_expression"]?.string, "0 0 6 * * ?")
    }

    /// "turn off development mode for customer_quality_pipeline in ci" removed ci's mode (every resource
    /// of ci changed, and the pipeline stayed in development): it is the pipeline's, and refused with why.
    func testAPipelineNamedByItsKeyIsNoTargetMode() throws {
        let files = [
            "databricks.yml": "bundle: {name: exam}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true, mode: development}\n  ci:\n    mode: development\n",
            "resources/pipelines.yml": "resources:\n  pipelines:\n    customer_quality_pipeline:\n      name: q\n      development: true\n      libraries:\n        - notebook: {path: ../a.py}\n",
            "a.py": "# Databricks notebook source\n",
        ]
        let (outcome, after) = try InMemoryPlanning.outcome("turn off development mode for customer_quality_pipeline in ci", on: files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("mode: development"), reason)
        XCTAssertEqual(after, files)
    }

    /// "add a prod target" to a bundle whose one target is not marked default left two targets and no
    /// default (every command then needs --target).
    func testTheOneTargetThereWasBecomesTheDefault() throws {
        let files = [
            "databricks.yml": "bundle: {name: leopard}\ninclude: [resources/*.yml]\ntargets:\n  dev:\n    mode: development\n",
            "resources/job.yml": "resources:\n  jobs:\n    a:\n      name: a\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: ../a.py}\n",
            "a.py": "# Databricks notebook source\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("add a prod target", to: files)
        XCTAssertEqual(bundle.targetNames, ["dev", "prod"])
        XCTAssertEqual(bundle.targetsMapping?["dev"]?["default"]?.string, "true")
        XCTAssertTrue(plan.summary.contains("Target dev is now marked default: true"), plan.summary)
    }

    static let aurora = [
        "databricks.yml": "bundle: {name: aurora}\ninclude: [resources/*.yml]\nvariables:\n  catalog: {default: healthcare_dev}\n  schema: {default: dev}\ntargets:\n  dev: {default: true}\n",
        "resources/schemas.yml": "resources:\n  schemas:\n    bronze_schema:\n      catalog_name: ${var.catalog}\n      name: 01_bronze\n    silver_schema:\n      catalog_name: ${var.catalog}\n      name: 02_silver\n",
        "resources/pipelines.yml": "resources:\n  pipelines:\n    ingest:\n      name: ingest\n      catalog: ${var.catalog}\n      schema: ${resources.schemas.bronze_schema.name}\n      serverless: true\n      libraries:\n        - file: {path: ../a.py}\n",
        "a.py": "print(1)\n",
    ]

    /// Schemas the bundle defines are named by their words ("the silver schema" is silver_schema, named
    /// 02_silver); "the default of schema" is the variable called schema; a schema may start with digits.
    func testSchemasNamedByTheirWordsAndTheSchemaVariable() throws {
        for request in ["publish the pipeline to the silver schema", "publish the pipeline to the 02_silver schema"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.aurora)
            XCTAssertEqual(bundle.configuration["resources"]?["pipelines"]?["ingest"]?["schema"]?.string, "${resources.schemas.silver_schema.name}", request)
        }
        let (_, volume) = try InMemoryPlanning.apply("add a volume called checkpoints in the bronze schema", to: Self.aurora)
        XCTAssertEqual(volume.configuration["resources"]?["volumes"]?["checkpoints"]?["schema_name"]?.string, "${resources.schemas.bronze_schema.name}")
        let (_, variable) = try InMemoryPlanning.apply("set the default of schema to main", to: Self.aurora)
        XCTAssertEqual(variable.configuration["variables"]?["schema"]?["default"]?.string, "main")
        XCTAssertEqual(variable.configuration["resources"]?["pipelines"]?["ingest"]?["schema"]?.string, "${resources.schemas.bronze_schema.name}")
        let (_, platinum) = try InMemoryPlanning.apply("add a schema called 04_platinum", to: Self.aurora)
        XCTAssertEqual(platinum.configuration["resources"]?["schemas"]?["platinum"]?["name"]?.string, "04_platinum")
    }

    /// "run test_data_quality even if test_transformations fails" was not understood (only "… the tasks
    /// before it fail" was).
    func testRunIfNamingTheTaskItWaitsFor() throws {
        let files = [
            "databricks.yml": "bundle: {name: e}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/jobs.yml": "resources:\n  jobs:\n    flow:\n      name: flow\n      tasks:\n        - task_key: medallion\n          notebook_task: {notebook_path: ../a.py}\n        - task_key: test_transformations\n          depends_on: [{task_key: medallion}]\n          notebook_task: {notebook_path: ../a.py}\n        - task_key: test_data_quality\n          depends_on: [{task_key: test_transformations}]\n          notebook_task: {notebook_path: ../a.py}\n",
            "a.py": "# Databricks notebook source\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("run test_data_quality even if test_transformations fails", to: files)
        let tasks = bundle.configuration["resources"]?["jobs"]?["flow"]?["tasks"]?.sequence ?? []
        XCTAssertEqual(tasks.first { $0["task_key"]?.string == "test_data_quality" }?["run_if"]?.string, "ALL_DONE")
        XCTAssertNil(tasks.first { $0["task_key"]?.string == "test_transformations" }?["run_if"])
    }

    /// "set max retries to 1 on the deploy tasks" retried every task of the job; "email X on failure
    /// and remove Y" removed both.
    func testAGroupOfTasksByAWordAndAnAdditionWithARemoval() throws {
        let task = { (key: String) in "        - task_key: \(key)\n          notebook_task: {notebook_path: ../a.py}\n" }
        let files = [
            "databricks.yml": "bundle: {name: instock}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/setup.yml": "resources:\n  jobs:\n    setup_job:\n      name: setup\n      email_notifications:\n        on_failure: [your-email@example.com]\n      tasks:\n"
                + task("create_endpoint") + task("deploy_yolo_endpoint") + task("deploy_sam_endpoint") + task("provision_tables"),
            "a.py": "# Databricks notebook source\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("set max retries to 1 on the deploy tasks", to: files)
        let tasks = bundle.configuration["resources"]?["jobs"]?["setup_job"]?["tasks"]?.sequence ?? []
        XCTAssertEqual(tasks.filter { $0["max_retries"] != nil }.compactMap { $0["task_key"]?.string }, ["deploy_yolo_endpoint", "deploy_sam_endpoint"])
        let (_, emails) = try InMemoryPlanning.apply("email oncall@example.com on failure and remove your-email@example.com", to: files)
        XCTAssertEqual(emails.configuration["resources"]?["jobs"]?["setup_job"]?["email_notifications"]?["on_failure"]?.sequence?.compactMap(\.string),
                       ["oncall@example.com"])
    }

    static let medshield = [
        "databricks.yml": "bundle: {name: medshield}\ninclude: [resources/*.yml]\nvariables:\n  catalog: {default: workspace}\ntargets:\n  dev: {default: true}\n",
        "resources/medshield.schema.yml": "resources:\n  schemas:\n    medshield:\n      name: medshield\n      catalog_name: ${var.catalog}\n      comment: MedShield cleaned sales\n      grants:\n        - principal: medshield-analysts\n          privileges: [USE_SCHEMA, SELECT]\n  volumes:\n    raw_csv:\n      name: raw_csv\n      catalog_name: ${var.catalog}\n      schema_name: ${resources.schemas.medshield.name}\n      volume_type: MANAGED\n      comment: raw files\n",
    ]

    /// "remove the comment of the schema" removed the schema and its file (data loss); a group named
    /// after the schema ("medshield-analysts") was granted as "-analysts".
    func testAFieldOfASchemaAndAGroupNamedAfterIt() throws {
        for (request, path) in [("remove the comment of the schema", ["schemas", "medshield"]), ("remove the schema comment", ["schemas", "medshield"]),
                                ("delete the medshield schema's comment", ["schemas", "medshield"]), ("remove the comment of the raw_csv volume", ["volumes", "raw_csv"])] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.medshield)
            let resource = bundle.configuration["resources"]?[path[0]]?[path[1]]
            XCTAssertNotNil(resource, "\(request): the resource stays")
            XCTAssertNil(resource?["comment"], request)
            XCTAssertEqual(bundle.configuration["resources"]?["schemas"]?["medshield"]?["name"]?.string, "medshield", request)
        }
        let (_, granted) = try InMemoryPlanning.apply("give the group medshield-analysts MODIFY on the schema", to: Self.medshield)
        let grants = granted.configuration["resources"]?["schemas"]?["medshield"]?["grants"]?.sequence ?? []
        XCTAssertEqual(grants.compactMap { $0["principal"]?.string }, ["medshield-analysts"])
        XCTAssertEqual(grants.first?["privileges"]?.sequence?.compactMap(\.string), ["USE_SCHEMA", "SELECT", "MODIFY"])
    }

    /// "remove the silver table from the llm job trigger" removed the whole trigger; "make the pull job
    /// continuous" on a paused continuous job unpaused it and dropped its task_retry_mode.
    func testOneTableOfATriggerAndAPausedContinuousJob() throws {
        let files = [
            "databricks.yml": "bundle: {name: tg}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/jobs.yml": "resources:\n  jobs:\n    llm:\n      name: llm\n      trigger:\n        pause_status: UNPAUSED\n        table_update:\n          table_names:\n            - workspace.tg.bronze\n            - workspace.tg.silver\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: ../a.py}\n    pull:\n      name: pull\n      continuous:\n        pause_status: PAUSED\n        task_retry_mode: ON_FAILURE\n      tasks:\n        - task_key: b\n          notebook_task: {notebook_path: ../a.py}\n",
            "a.py": "# Databricks notebook source\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("remove the silver table from the llm job trigger", to: files)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["llm"]?["trigger"]?["table_update"]?["table_names"]?.sequence?.compactMap(\.string), ["workspace.tg.bronze"])
        let (absent, _) = try InMemoryPlanning.outcome("remove workspace.tg.gold from the llm trigger", on: files)
        guard case .refused = absent else { return XCTFail("\(absent)") }
        for request in ["make the pull job continuous", "make the pull job continuous but keep it paused"] {
            let (outcome, after) = try InMemoryPlanning.outcome(request, on: files)
            guard case .refused(let reason) = outcome else { return XCTFail("\(request): \(outcome)") }
            XCTAssertTrue(reason.contains("already runs continuously"), reason)
            XCTAssertEqual(after, files)
        }
        let (_, resumed) = try InMemoryPlanning.apply("resume the pull job", to: files)
        let continuous = resumed.configuration["resources"]?["jobs"]?["pull"]?["continuous"]
        XCTAssertEqual(continuous?["pause_status"]?.string, "UNPAUSED")
        XCTAssertEqual(continuous?["task_retry_mode"]?.string, "ON_FAILURE")
    }

    /// Requests of the third round: two variables given one value and a target, a tag that is not
    /// there, concurrency back to its default, all grants of a schema, a trigger's table spelled with
    /// the variables its neighbours use.
    func testThirdRoundRequests() throws {
        let files = [
            "databricks.yml": "bundle: {name: tg}\ninclude: [resources/*.yml]\nvariables:\n  chat_id: {default: \"0\"}\n  token_name: {default: x}\n  catalog_name: {default: workspace}\n  schema_name: {default: tg}\ntargets:\n  dev: {default: true}\n  prod: {}\n",
            "resources/jobs.yml": "resources:\n  jobs:\n    llm:\n      name: llm\n      max_concurrent_runs: 3\n      tags: {layer: gold}\n      trigger:\n        table_update:\n          table_names:\n            - ${var.catalog_name}.${var.schema_name}.bronze\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: ../a.py}\n  schemas:\n    s:\n      name: s\n      catalog_name: main\n      grants:\n        - {principal: analysts, privileges: [SELECT]}\n",
            "a.py": "# Databricks notebook source\n",
        ]
        let (_, both) = try InMemoryPlanning.apply("set chat_id and token_name to 123 in dev", to: files)
        XCTAssertEqual(both.targetsMapping?["dev"]?["variables"]?["chat_id"]?.string, "123")
        XCTAssertEqual(both.targetsMapping?["dev"]?["variables"]?["token_name"]?.string, "123")
        XCTAssertEqual(both.configuration["variables"]?["chat_id"]?["default"]?.string, "0", "the default stays")
        let (missing, _) = try InMemoryPlanning.outcome("remove the layer tag and the cost tag", on: files)
        guard case .refused(let reason) = missing else { return XCTFail("\(missing)") }
        XCTAssertTrue(reason.contains("no tag cost"), reason)
        let (_, runs) = try InMemoryPlanning.apply("remove the max concurrent runs setting", to: files)
        XCTAssertNil(runs.configuration["resources"]?["jobs"]?["llm"]?["max_concurrent_runs"])
        let (_, grants) = try InMemoryPlanning.apply("remove all grants from the schema", to: files)
        XCTAssertNil(grants.configuration["resources"]?["schemas"]?["s"]?["grants"])
        XCTAssertEqual(grants.configuration["resources"]?["schemas"]?["s"]?["name"]?.string, "s")
        let (_, table) = try InMemoryPlanning.apply("run the llm job when workspace.tg.silver is updated", to: files)
        XCTAssertEqual(table.configuration["resources"]?["jobs"]?["llm"]?["trigger"]?["table_update"]?["table_names"]?.sequence?.compactMap(\.string),
                       ["${var.catalog_name}.${var.schema_name}.bronze", "${var.catalog_name}.${var.schema_name}.silver"])
    }

    /// "revoke medshield-analysts" looked at the job's permissions only; the refusal now says where the
    /// group has grants and how to ask.
    func testARevokeSaysWhereTheGrantsAre() throws {
        var files = Self.medshield
        files["resources/job.yml"] = "resources:\n  jobs:\n    clean:\n      name: clean\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: ../a.py}\n"
        files["a.py"] = "# Databricks notebook source\n"
        // Naming the job: it has no permissions there, and the refusal says where its grants are.
        let (outcome, after) = try InMemoryPlanning.outcome("revoke medshield-analysts on the clean job", on: files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("it has Unity Catalog grants on schema medshield (\"revoke medshield-analysts from the schema medshield\")"), reason)
        XCTAssertEqual(after, files)
        // Naming nothing: its access is those grants, which go.
        let (plan, everywhere) = try InMemoryPlanning.apply("revoke medshield-analysts", to: files)
        XCTAssertNil(everywhere.configuration["resources"]?["schemas"]?["medshield"]?["grants"])
        XCTAssertTrue(plan.summary.contains("on schema medshield"), plan.summary)
        let (_, revoked) = try InMemoryPlanning.apply("revoke medshield-analysts from the schema medshield", to: files)
        XCTAssertNil(revoked.configuration["resources"]?["schemas"]?["medshield"]?["grants"])
    }

    /// "make it 2.2.3" right after adding pandas==2.2.2 asked which library (and offered the old version).
    func testMakeItAVersionAfterAddingALibrary() throws {
        var c = PublicBundleTrial39Tests.Conversation([
            "databricks.yml": "bundle: {name: c}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/jobs.yml": "resources:\n  jobs:\n    load:\n      name: load\n      job_clusters:\n        - job_cluster_key: main\n          new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 1}\n      tasks:\n        - task_key: a\n          job_cluster_key: main\n          notebook_task: {notebook_path: ../a.py}\n",
            "a.py": "# Databricks notebook source\n",
        ])
        try c.ask("add the PyPI library pandas==2.2.2 to the a task")
        let made = try c.ask("make it 2.2.3")
        guard case .plan = made else { return XCTFail("\(made)") }
        let libraries = try c.job("load")?["tasks"]?.sequence?.first?["libraries"]?.sequence ?? []
        XCTAssertEqual(libraries.compactMap { $0["pypi"]?["package"]?.string }, ["pandas==2.2.3"])
    }

    /// "make it CAN_MANAGE" right after "let the app use the sql warehouse …" asked who should get access.
    func testMakeItALevelAfterAnAppResource() throws {
        var c = PublicBundleTrial39Tests.Conversation([
            "databricks.yml": "bundle: {name: c}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/app.yml": "resources:\n  apps:\n    cv:\n      name: cv\n      source_code_path: ../app\n",
            "app/app.py": "print(1)\n",
        ])
        try c.ask("let the app use the sql warehouse abc123def4567890")
        let made = try c.ask("make it CAN_MANAGE")
        guard case .plan = made else { return XCTFail("\(made)") }
        let bundle = try c.load()
        let resources = bundle.configuration["resources"]?["apps"]?["cv"]?["resources"]?.sequence ?? []
        XCTAssertEqual(resources.first?["sql_warehouse"]?["permission"]?.string, "CAN_MANAGE")
    }

    /// "remove the slack webhook on success" asked for a destination id and suggested adding one.
    func testRemovingAWebhook() throws {
        let files = [
            "databricks.yml": "bundle: {name: taxi}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true}\n",
            "resources/job.yml": "resources:\n  jobs:\n    refresh:\n      name: refresh\n      webhook_notifications:\n        on_success:\n          - id: 0c2e4b9e-6f1c-4a52-8000-000000000001\n        on_failure:\n          - id: 0c2e4b9e-6f1c-4a52-8000-000000000002\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: ../a.py}\n",
            "a.py": "# Databricks notebook source\n",
        ]
        let (_, bundle) = try InMemoryPlanning.apply("remove the slack webhook on success", to: files)
        let hooks = bundle.configuration["resources"]?["jobs"]?["refresh"]?["webhook_notifications"]
        XCTAssertNil(hooks?["on_success"])
        XCTAssertEqual(hooks?["on_failure"]?.sequence?.first?["id"]?.string, "0c2e4b9e-6f1c-4a52-8000-000000000002")
        let (_, all) = try InMemoryPlanning.apply("remove the webhooks of the refresh job", to: files)
        XCTAssertNil(all.configuration["resources"]?["jobs"]?["refresh"]?["webhook_notifications"])
        let (none, _) = try InMemoryPlanning.outcome("stop notifying the webhook 11111111-2222-4333-8444-555555555555", on: files)
        guard case .refused(let reason) = none else { return XCTFail("\(none)") }
        XCTAssertTrue(reason.hasPrefix("nothing to change"), reason)
    }
}
