@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-08 (sixteenth): wordings users tried on public bundles that
/// made wrong edits (a daily schedule for "every run" and for "cap it at 4", another group's access changed, a
/// pipeline published to catalog "var"), false "nothing to change" or needless questions.
final class PublicBundleTrial98Tests: XCTestCase {
    static let jobs = [
        "databricks.yml": """
        bundle:
          name: m1
        include:
          - resources/*.yml
        targets:
          dev:
            mode: development
            default: true
          prod:
            mode: production
            workspace:
              root_path: /Workspace/Users/a@b.com/.bundle/m1
            resources:
              jobs:
                daily_refresh:
                  schedule:
                    pause_status: PAUSED
        """,
        "resources/jobs.yml": """
        resources:
          pipelines:
            ingest:
              name: ingest
              serverless: true
              catalog: main
              schema: raw
              libraries:
                - glob:
                    include: src/**
          jobs:
            nightly:
              name: nightly
              tasks:
                - task_key: refresh
                  pipeline_task:
                    pipeline_id: ${resources.pipelines.ingest.id}
                    full_refresh: true
            etl:
              name: etl
              job_clusters:
                - job_cluster_key: heavy
                  new_cluster:
                    spark_version: 15.4.x-scala2.12
                    node_type_id: Standard_DS5_v2
                    autoscale:
                      min_workers: 2
                      max_workers: 16
              tasks:
                - task_key: transform
                  job_cluster_key: heavy
                  notebook_task:
                    notebook_path: ../src/t.py
            daily_refresh:
              name: daily_refresh
              schedule:
                quartz_cron_expression: "0 0 6 * * ?"
                timezone_id: UTC
                pause_status: UNPAUSED
              permissions:
                - group_name: users
                  level: CAN_VIEW
                - group_name: data-eng
                  level: CAN_MANAGE
              tasks:
                - task_key: ingest
                  notebook_task:
                    notebook_path: ../src/t.py
            build_job:
              name: build
              tasks:
                - task_key: a
                  notebook_task:
                    notebook_path: ../src/t.py
            release_job:
              name: release
              tasks:
                - task_key: b
                  notebook_task:
                    notebook_path: ../src/t.py
        """,
        "src/t.py": "# Databricks notebook source\n",
    ]

    static let catalog = [
        "databricks.yml": """
        bundle:
          name: mini
        variables:
          catalog:
            default: dev_cat
        resources:
          schemas:
            gold:
              catalog_name: ${var.catalog}
              name: gold
          pipelines:
            p:
              name: p
              catalog: dev_cat
              schema: gold
              serverless: true
              libraries:
                - file:
                    path: src/a.sql
        targets:
          dev:
            default: true
          prod:
            variables:
              catalog: prod_cat
        """,
        "src/a.sql": "SELECT 1\n",
    ]

    typealias Conversation = QuestionAnswerTests.Asking

    func plan(_ request: String, after before: [String] = [], in files: [String: String]) throws -> (Plan, Conversation) {
        var c = Conversation(files: files)
        for said in before {
            guard case .plan = try c.ask(said) else {
                XCTFail("setup request \(said): \(c.session.turns.last?.reply ?? "")")
                throw XCTSkip("no setup")
            }
        }
        guard case .plan(let plan) = try c.ask(request) else {
            XCTFail("\(request): \(c.session.turns.last?.reply ?? "")")
            throw XCTSkip("no plan")
        }
        return (plan, c)
    }

    /// "the pipeline should not do a full refresh every run" wrote a daily schedule at midnight ("every run" read as a period).
    func testNoFullRefreshEveryRun() throws {
        for request in ["the pipeline should not do a full refresh every run", "don't full refresh the pipeline every run",
                        "stop doing a full refresh of the ingest pipeline on every run", "the nightly job should not do a full refresh each time",
                        "stop doing full refreshes in the nightly job", "turn off full refresh", "don't fully refresh the pipeline every time"] {
            let (plan, c) = try plan(request, in: Self.jobs)
            XCTAssertTrue(plan.summary.contains("full_refresh to false"), "\(request): \(plan.summary)")
            XCTAssertFalse(c.files["resources/jobs.yml"]!.contains("full_refresh"), request)
            XCTAssertFalse(c.files["resources/jobs.yml"]!.contains("0 0 0 * * ?"), request)
        }
        // A full refresh once a week is no setting of every run (the daily runs all became full refreshes).
        for request in ["fully refresh the ingest pipeline once a week on sunday", "do a full refresh of the pipeline every sunday"] {
            var c = Conversation(files: Self.jobs)
            guard case .refused(let reason) = try c.ask(request) else { return XCTFail("\(request): \(c.session.turns.last?.reply ?? "")") }
            XCTAssertTrue(reason.contains("not of some runs"), reason)
        }
        XCTAssertEqual(ScheduleIntent.score(RequestText("don't send a notification on every run")), 0)
        XCTAssertGreaterThan(ScheduleIntent.score(RequestText("run it every 2 hours")), 0)
    }

    /// "and in dev cap it at 4" after prod's cluster went up to 24 committed an unpaused daily 04:00 schedule in dev (and,
    /// read as a follow-up, dev's 24 workers); a count after "cap … at" is no time of day.
    func testCapItAtFourIsTheMostWorkers() throws {
        let (plan, c) = try plan("and in dev cap it at 4", after: ["give the etl cluster up to 24 workers in prod"], in: Self.jobs)
        XCTAssertEqual(plan.target, "dev")
        XCTAssertTrue(plan.summary.contains("2–4 workers"), plan.summary)
        XCTAssertEqual(try c.value("jobs.etl.job_clusters[heavy].new_cluster.autoscale.max_workers", target: "dev"), "4")
        XCTAssertEqual(try c.value("jobs.etl.job_clusters[heavy].new_cluster.autoscale.max_workers", target: "prod"), "24")
        XCTAssertFalse(c.files["databricks.yml"]!.contains("quartz_cron_expression"))
        XCTAssertNil(ScheduleIntent.time(RequestText("cap it at 4 in dev")))
        XCTAssertNil(ScheduleIntent.time(RequestText("keep the workers at 6")))
        XCTAssertNotNil(ScheduleIntent.time(RequestText("run it at 4")))
    }

    /// "and let analysts only view them" after grants to data-engineers on two jobs lowered data-engineers to CAN_VIEW
    /// on one job ("them" read as the group before), and gave analysts nothing.
    func testOnlyViewThemGoesToTheNamedGroupOnTheJobsBefore() throws {
        let (plan, c) = try plan("and let analysts only view them", after: ["let the data-engineers group run the build job", "same for the release job"], in: Self.jobs)
        XCTAssertTrue(plan.summary.contains("CAN_VIEW on job build_job to group analysts") && plan.summary.contains("CAN_VIEW on job release_job to group analysts"), plan.summary)
        for job in ["build_job", "release_job"] {
            let permissions = try XCTUnwrap(SalesBundle.load(c.files).configuration["resources"]?["jobs"]?[job]?["permissions"]?.sequence)
            XCTAssertTrue(permissions.contains { $0["group_name"]?.string == "data-engineers" && $0["level"]?.string == "CAN_MANAGE_RUN" }, job)
            XCTAssertTrue(permissions.contains { $0["group_name"]?.string == "analysts" && $0["level"]?.string == "CAN_VIEW" }, job)
        }
        XCTAssertNil(try SalesBundle.load(c.files).configuration["resources"]?["jobs"]?["etl"]?["permissions"])
        // "only" after the group is the level, not "revoke the others?".
        let (alone, _) = try self.plan("let analysts only view the build job", in: Self.jobs)
        XCTAssertTrue(alone.summary.contains("Granted CAN_VIEW on job build_job to group analysts"), alone.summary)
    }

    /// "the users group doesn't need to view the daily_refresh job anymore" looked for a group called "doesn".
    func testAGroupThatDoesNotNeedToView() throws {
        let (plan, c) = try plan("the users group doesn't need to view the daily_refresh job anymore", in: Self.jobs)
        XCTAssertTrue(plan.summary.contains("group users"), plan.summary)
        XCTAssertFalse(c.files["resources/jobs.yml"]!.contains("group_name: users"))
        XCTAssertTrue(c.files["resources/jobs.yml"]!.contains("group_name: data-eng"))
    }

    /// "turn on the daily refresh in prod" was not understood; "turn on" with no job named changes nothing.
    func testTurningAJobOnByItsName() throws {
        let (plan, c) = try plan("turn on the daily refresh in prod", in: Self.jobs)
        XCTAssertEqual(plan.target, "prod")
        XCTAssertEqual(try c.value("jobs.daily_refresh.schedule.pause_status", target: "prod"), "UNPAUSED")
        var other = Conversation(files: Self.jobs)
        if case .plan(let wrong) = try other.ask("turn on the lights in prod") { XCTFail("planned: \(wrong.summary)") }
    }

    /// "use var.catalog as the pipeline's catalog" published to catalog "var" and schema "catalog"; "parameterize the
    /// catalog of the pipeline" said the variable exists already.
    func testThePipelineCatalogFromTheVariable() throws {
        for request in ["use var.catalog as the pipeline's catalog", "parameterize the catalog of the pipeline"] {
            let (_, c) = try plan(request, in: Self.catalog)
            let yaml = c.files["databricks.yml"]!
            XCTAssertTrue(yaml.contains("catalog: ${var.catalog}\n      schema: gold"), "\(request): \(yaml)")
            XCTAssertEqual(try c.value("pipelines.p.catalog", target: "prod"), "prod_cat", request)
        }
    }

    /// "write the pipeline event log into the gold schema as pipeline_events" said the gold schema is no pipeline.
    func testTheEventLogIntoASchemaOfTheBundle() throws {
        let (plan, c) = try plan("write the pipeline event log into the gold schema as pipeline_events", in: Self.catalog)
        XCTAssertEqual(plan.resource?.description, "pipelines.p")
        XCTAssertEqual(try c.value("pipelines.p.event_log.schema", target: "dev"), "gold")
        XCTAssertEqual(try c.value("pipelines.p.event_log.name", target: "dev"), "pipeline_events")
        XCTAssertEqual(try c.value("pipelines.p.schema", target: "dev"), "gold")
    }

    /// "analysts should be able to create tables in the gold schema" asked what a new schema should be called; "… in gold"
    /// was not understood. "data-engineers no longer need SELECT on …" was not understood.
    func testCreatingTablesInASchemaAndNoLongerNeedingSelect() throws {
        for request in ["analysts should be able to create tables in the gold schema", "analysts should also be able to create tables in gold"] {
            let (plan, _) = try plan(request, in: Self.catalog)
            XCTAssertTrue(plan.summary.contains("Granted USE_SCHEMA, CREATE_TABLE on schema gold to analysts"), "\(request): \(plan.summary)")
        }
        let (revoked, c) = try plan("data-engineers no longer need SELECT on the gold schema", after: ["grant SELECT on the gold schema to data-engineers"], in: Self.catalog)
        XCTAssertTrue(revoked.summary.contains("Revoked SELECT on schema gold from data-engineers"), revoked.summary)
        XCTAssertFalse(c.files["databricks.yml"]!.contains("data-engineers"))
    }

    /// "add the tag cost_center=utilities to the curated pipeline" where every resource's tags are one complex variable
    /// rewrote the variable's default (five resources tagged, "0 resources changed" said): refused, saying why.
    func testATagOnTagsSharedThroughAVariable() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: c360
            variables:
              data_asset_tags:
                type: complex
                default:
                  domain: customer
            resources:
              pipelines:
                curated:
                  name: curated
                  tags: ${var.data_asset_tags}
                  libraries:
                    - file:
                        path: src/a.sql
                raw:
                  name: raw
                  tags: ${var.data_asset_tags}
                  libraries:
                    - file:
                        path: src/a.sql
            targets:
              dev:
                default: true
            """,
            "src/a.sql": "SELECT 1\n",
        ]
        var c = Conversation(files: files)
        guard case .refused(let reason) = try c.ask("add the tag cost_center=utilities to the curated pipeline") else {
            return XCTFail("\(c.session.turns.last?.reply ?? "")")
        }
        XCTAssertTrue(reason.contains("${var.data_asset_tags}") && reason.contains("pipeline raw"), reason)
        XCTAssertEqual(c.files, files)
    }

    /// "serve version 3 of the model" refused (a route named after the model and its version), and "… and send all
    /// traffic to it" refused as a split, advising the first: the route written as `<entity>-<version>` follows.
    func testServingANewVersionMovesTheRouteWithIt() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: wind
            variables:
              registered_model_name:
                default: main.wind.turbine_failure_model
            resources:
              model_serving_endpoints:
                predictor:
                  name: predictor
                  config:
                    served_entities:
                      - entity_name: ${var.registered_model_name}
                        entity_version: "1"  # update to the actual Champion version
                        workload_size: Small
                        scale_to_zero_enabled: true
                    traffic_config:
                      routes:
                        - served_model_name: ${var.registered_model_name}-1
                          traffic_percentage: 100
            targets:
              dev:
                default: true
            """,
        ]
        for request in ["serve version 3 of the model", "serve version 3 of the model and send all traffic to it"] {
            var c = Conversation(files: files)
            guard case .plan(let plan) = try c.ask(request) else { return XCTFail("\(request): \(c.session.turns.last?.reply ?? "")") }
            let yaml = c.files["databricks.yml"]!
            XCTAssertTrue(yaml.contains("entity_version: \"3\"") && yaml.contains("served_model_name: ${var.registered_model_name}-3"), "\(request): \(yaml)")
            XCTAssertTrue(plan.summary.contains("entity_version to 3"), plan.summary)
        }
        var split = Conversation(files: files)
        guard case .refused(let reason) = try split.ask("serve version 3 of the model to 20% of the traffic") else { return XCTFail("a split is no single version") }
        XCTAssertTrue(reason.contains("splitting"), reason)
    }

    /// "add a dependency on shapely to the default environment" asked which library.
    func testADependencyOnAPackage() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: c360
            resources:
              jobs:
                geo:
                  name: geo
                  environments:
                    - environment_key: default
                      spec:
                        client: "2"
                        dependencies:
                          - pandas
                  tasks:
                    - task_key: t
                      environment_key: default
                      spark_python_task:
                        python_file: ./src/t.py
            targets:
              dev:
                default: true
            """,
            "src/t.py": "print(1)\n",
        ]
        var c = Conversation(files: files)
        guard case .plan = try c.ask("add a dependency on shapely to the default environment") else { return XCTFail(c.session.turns.last?.reply ?? "") }
        XCTAssertTrue(c.files["databricks.yml"]!.contains("- shapely"), c.files["databricks.yml"]!)
    }

    /// Removing a task's only dependency left it starting with the run, before the gate its upstream waited for, unsaid.
    func testADependencyRemovedLeavingNoneIsSaid() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: taxi
            resources:
              jobs:
                taxi:
                  name: taxi
                  tasks:
                    - task_key: threshold_gate
                      notebook_task:
                        notebook_path: ./src/t.py
                    - task_key: ingest_bronze
                      depends_on:
                        - task_key: threshold_gate
                      notebook_task:
                        notebook_path: ./src/t.py
                    - task_key: profile_source
                      depends_on:
                        - task_key: ingest_bronze
                      notebook_task:
                        notebook_path: ./src/t.py
            targets:
              dev:
                default: true
            """,
            "src/t.py": "# Databricks notebook source\n",
        ]
        var c = Conversation(files: files)
        guard case .plan(let plan) = try c.ask("profile_source doesn't have to wait for ingest_bronze") else { return XCTFail(c.session.turns.last?.reply ?? "") }
        XCTAssertTrue(plan.summary.contains("it now waits for no task: it starts when the run starts, alongside threshold_gate"), plan.summary)
        var side = Conversation(files: files)
        guard case .plan(let alongside) = try side.ask("run profile_source alongside ingest_bronze") else { return XCTFail(side.session.turns.last?.reply ?? "") }
        XCTAssertTrue(side.files["databricks.yml"]!.contains("- task_key: profile_source\n          depends_on:\n            - task_key: threshold_gate"), alongside.summary + side.files["databricks.yml"]!)
    }

    /// Grants whose group shares a word with another resource ("handson-participants" beside the dashboard "[handson]
    /// overview" set a variable's default to "write"; "ml_stewards" beside the schema ml asked for a new schema's name), a
    /// grant to someone else "only in prod" after a grant (it revoked USE_SCHEMA from the first group), and a schema "in the
    /// catalog from var.catalog" (catalog "from").
    func testGrantsToGroupsNamedLikeResources() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: m6
            variables:
              catalog:
                default: cat
              landing_volume:
                default: landing
            resources:
              volumes:
                landing:
                  catalog_name: ${var.catalog}
                  schema_name: fc
                  name: ${var.landing_volume}
              schemas:
                ml:
                  name: ml
                  catalog_name: ${var.catalog}
              dashboards:
                overview:
                  display_name: "[handson] overview"
                  file_path: o.lvdash.json
                  warehouse_id: abcdef0123456789
            targets:
              dev:
                default: true
              prod: {}
            """,
            "o.lvdash.json": "{}\n",
        ]
        let (write, _) = try plan("handson-participants should be able to write to the landing volume", in: files)
        XCTAssertTrue(write.summary.contains("WRITE_VOLUME on volume landing to handson-participants"), write.summary)
        let (create, _) = try plan("ml_stewards should be able to create tables in the ml schema", in: files)
        XCTAssertTrue(create.summary.contains("USE_SCHEMA, CREATE_TABLE on schema ml to ml_stewards"), create.summary)
        let (other, c) = try plan("clinicians need SELECT on ml but only in prod", after: ["data-scientists should be able to read tables in the ml schema"], in: files)
        XCTAssertTrue(other.summary.contains("SELECT on schema ml for target prod to clinicians"), other.summary)
        let grants = try SalesBundle.load(c.files).configuration["resources"]?["schemas"]?["ml"]?["grants"]?.sequence ?? []
        XCTAssertEqual(grants.first { $0["principal"]?.string == "data-scientists" }?["privileges"]?.sequence?.compactMap(\.string), ["USE_SCHEMA", "SELECT"])
        let (schema, added) = try plan("add a schema called ml2 in the catalog from var.catalog", in: files)
        XCTAssertTrue(schema.summary.contains("in catalog ${var.catalog}"), schema.summary)
        XCTAssertFalse(added.files.values.contains { $0.contains("catalog_name: from") })
    }

    /// "same for the other job" after "upgrade requests to 2.32.4 in the flights job" said it was already installed (the
    /// replayed words named the flights job, changed again) though the other job installs 2.32.5.
    func testALibraryVersionForTheOtherJob() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: fl
            resources:
              jobs:
                flights_job:
                  name: run_bronze_flights
                  environments:
                    - environment_key: default
                      spec:
                        environment_version: "2"
                        dependencies:
                          - requests==2.32.5
                  tasks:
                    - task_key: flights
                      environment_key: default
                      spark_python_task:
                        python_file: ./src/f.py
                reference_job:
                  name: run_bronze_reference
                  environments:
                    - environment_key: default
                      spec:
                        environment_version: "2"
                        dependencies:
                          - requests==2.32.5
                  tasks:
                    - task_key: ref
                      environment_key: default
                      spark_python_task:
                        python_file: ./src/f.py
            targets:
              dev:
                default: true
            """,
            "src/f.py": "print(1)\n",
        ]
        for follow in ["same for the other job", "same for reference_job"] {
            let (plan, c) = try plan(follow, after: ["upgrade requests to 2.32.4 in the flights job"], in: files)
            XCTAssertEqual(plan.resource?.description, "jobs.reference_job", follow)
            XCTAssertFalse(c.files["databricks.yml"]!.contains("2.32.5"), follow)
        }
    }

    /// Revoking the only grant of a target's override left `ml: {}` behind.
    func testARevokeLeavesNoEmptyOverride() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: rv
            resources:
              schemas:
                ml:
                  name: ml
                  catalog_name: main
            targets:
              dev:
                default: true
              prod:
                resources:
                  schemas:
                    ml:
                      grants:
                        - principal: analysts
                          privileges: [SELECT]
            """,
        ]
        let (_, c) = try plan("take away SELECT on ml from analysts in prod", in: files)
        let yaml = c.files["databricks.yml"]!
        XCTAssertFalse(yaml.contains("ml: {}") || yaml.contains("analysts"), yaml)
        XCTAssertFalse(yaml.contains("    resources:\n      schemas:\n        ml:\n"), yaml)
    }

    static let threeTargets = [
        "databricks.yml": """
        bundle:
          name: mini
        resources:
          jobs:
            etl:
              name: etl
              timeout_seconds: 3600
              tasks:
                - task_key: a
                  notebook_task:
                    notebook_path: ./src/a.py
                - task_key: b
                  depends_on:
                    - task_key: a
                  timeout_seconds: 900
                  notebook_task:
                    notebook_path: ./src/a.py
            etl2:
              name: etl2
              tasks:
                - task_key: bronze_ingest
                  notebook_task:
                    notebook_path: ./src/a.py
                - task_key: silver_transform
                  depends_on:
                    - task_key: bronze_ingest
                  notebook_task:
                    notebook_path: ./src/a.py
                - task_key: gold_publish
                  depends_on:
                    - task_key: silver_transform
                  notebook_task:
                    notebook_path: ./src/a.py
        targets:
          dev:
            mode: development
            default: true
          staging:
            mode: production
            workspace:
              root_path: /Shared/.bundle/staging/mini
          prod:
            mode: production
            workspace:
              root_path: /Shared/.bundle/prod/mini
        """,
        "src/a.py": "# Databricks notebook source\n",
    ]

    /// "remove the timeout of task b" removed the job's timeout; "run silver_transform and gold_publish in parallel after
    /// bronze_ingest" took silver's wait for bronze away; "but not in dev" with three targets was read as words nobody said.
    func testTaskTimeoutsParallelTasksAndNotInOneOfThreeTargets() throws {
        let (timeout, t) = try plan("remove the timeout of task b", in: Self.threeTargets)
        XCTAssertTrue(timeout.summary.contains("Removed timeout_seconds from task b"), timeout.summary)
        XCTAssertEqual(try t.value("jobs.etl.timeout_seconds", target: "dev"), "3600")
        XCTAssertNil(try t.value("jobs.etl.tasks[b].timeout_seconds", target: "dev"))
        let (_, p) = try plan("run silver_transform and gold_publish in parallel after bronze_ingest", in: Self.threeTargets)
        XCTAssertEqual(try p.value("jobs.etl2.tasks[silver_transform].depends_on[bronze_ingest].task_key", target: "dev"), "bronze_ingest")
        XCTAssertEqual(try p.value("jobs.etl2.tasks[gold_publish].depends_on[bronze_ingest].task_key", target: "dev"), "bronze_ingest")
        XCTAssertNil(try p.value("jobs.etl2.tasks[gold_publish].depends_on[silver_transform]", target: "dev"))
        var c = Conversation(files: Self.threeTargets)
        guard case .plan = try c.ask("retry every task of etl twice") else { return XCTFail("setup") }
        let before = c.files
        guard case .refused(let reason) = try c.ask("but not in dev") else { return XCTFail(c.session.turns.last?.reply ?? "") }
        XCTAssertTrue(reason.contains("only in staging"), reason)
        XCTAssertEqual(c.files, before)
    }
}
