@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-07 (thirteenth).
final class PublicBundleTrial91Tests: XCTestCase {
    static let jobsInTwoFiles = [
        "databricks.yml": """
        bundle:
          name: m8
        include:
          - resources/*.yml

        """,
        "resources/orders.yml": """
        resources:
          jobs:
            orders:
              name: orders
              tasks:
                - task_key: t
                  notebook_task:
                    notebook_path: ../nb.py

        """,
        "resources/pair.yml": """
        resources:
          jobs:
            alpha:
              name: alpha
              tasks:
                - task_key: t
                  notebook_task:
                    notebook_path: ../nb.py
            beta:
              name: beta
              tasks:
                - task_key: t
                  notebook_task:
                    notebook_path: ../nb.py
            gamma:
              name: gamma
              tasks:
                - task_key: t
                  notebook_task:
                    notebook_path: ../nb.py

        """,
        "nb.py": "# Databricks notebook source\n",
    ]

    /// "remove every job" said "Already as asked" of a job alone in its file (its plan removes the file, and
    /// changes no text), and left it deployed.
    func testRemovingEveryJobRemovesTheOneAloneInItsFile() throws {
        for request in ["remove every job", "delete all the jobs"] {
            let (outcome, files) = try InMemoryPlanning.outcome(request, on: Self.jobsInTwoFiles)
            guard case .plan(let plan) = outcome else { return XCTFail("\(request): \(outcome)") }
            XCTAssertEqual(plan.removedFiles, ["resources/orders.yml"], request)
            XCTAssertNil(files["resources/orders.yml"], request)
            XCTAssertFalse(plan.summary.contains("Already as asked"), plan.summary)
            XCTAssertFalse(files["resources/pair.yml"]?.contains("name: alpha") ?? false, request)
        }
    }

    /// "remove alpha", "remove the alpha and beta jobs": a job's name without the word "job" was not understood.
    func testAJobNamedAloneIsRemoved() throws {
        for request in ["remove alpha", "delete the alpha", "get rid of alpha"] {
            let (outcome, files) = try InMemoryPlanning.outcome(request, on: Self.jobsInTwoFiles)
            guard case .plan = outcome else { return XCTFail("\(request): \(outcome)") }
            XCTAssertFalse(files["resources/pair.yml"]!.contains("name: alpha"), request)
            XCTAssertTrue(files["resources/pair.yml"]!.contains("name: beta"), request)
        }
        for request in ["remove the alpha and beta jobs", "remove alpha and beta", "delete the alpha and the beta job"] {
            let (outcome, files) = try InMemoryPlanning.outcome(request, on: Self.jobsInTwoFiles)
            guard case .plan = outcome else { return XCTFail("\(request): \(outcome)") }
            XCTAssertFalse(files["resources/pair.yml"]!.contains("name: alpha"), request)
            XCTAssertFalse(files["resources/pair.yml"]!.contains("name: beta"), request)
            XCTAssertTrue(files["resources/pair.yml"]!.contains("name: gamma"), request)
            XCTAssertNotNil(files["resources/orders.yml"], request)
        }
    }

    /// "also let them run the jobs" after "let the group analysts view all jobs" granted CAN_MANAGE_RUN to a
    /// group called "every" (them read as every job).
    func testThemAfterAGrantOnEveryJobAreThePrincipal() throws {
        for follow in ["also let them run the jobs", "and let them run all jobs too", "and let them run those too", "they should be able to run them as well"] {
            var c = FollowUpTests.Conversation()
            _ = try c.ask("let the group analysts view all jobs")
            let plan = try c.ask(follow)
            for job in ["sales_sync", "marketing_digest", "nightly_billing"] {
                let permissions = try c.value("jobs.\(job).permissions", target: "dev") ?? ""
                XCTAssertTrue(permissions.contains("{group_name:analysts,level:CAN_MANAGE_RUN}"), "\(follow): \(job): \(permissions) \(plan?.summary ?? "")")
                XCTAssertFalse(permissions.contains("every"), "\(follow): \(permissions)")
            }
        }
    }

    static let appWithResources = [
        "databricks.yml": """
        bundle:
          name: m3
        resources:
          sql_warehouses:
            wh:
              name: wh
              cluster_size: 2X-Small
          model_serving_endpoints:
            scorer:
              name: scorer
              config:
                served_entities:
                  - entity_name: main.ml.scorer
                    entity_version: "1"
                    workload_size: Small
                    scale_to_zero_enabled: true
          apps:
            ui:
              name: ui-app
              source_code_path: ./app
              resources:
                - name: warehouse
                  sql_warehouse:
                    id: ${resources.sql_warehouses.wh.id}
                    permission: CAN_USE
                - name: scorer
                  serving_endpoint:
                    name: ${resources.model_serving_endpoints.scorer.name}
                    permission: CAN_QUERY
        targets:
          dev:
            default: true

        """,
        "app/app.py": "print('hi')\n",
    ]

    /// "the app should not use the scorer endpoint" added the access ("Added the resource …"); "the app doesn't
    /// need the warehouse anymore" said it was there already.
    func testAnAppThatShouldNotUseAResourceLosesIt() throws {
        for (request, gone, kept) in [("the app should not use the scorer endpoint", "- name: scorer", "- name: warehouse"),
                                      ("the app must not query the scorer endpoint", "- name: scorer", "- name: warehouse"),
                                      ("the app doesn't need the warehouse anymore", "- name: warehouse", "- name: scorer"),
                                      ("the app shouldn’t use the warehouse", "- name: warehouse", "- name: scorer"),
                                      ("the app should stop using the warehouse", "- name: warehouse", "- name: scorer"),
                                      ("the app can stop querying the scorer endpoint", "- name: scorer", "- name: warehouse")] {
            let (outcome, files) = try InMemoryPlanning.outcome(request, on: Self.appWithResources)
            guard case .plan(let plan) = outcome else { return XCTFail("\(request): \(outcome)") }
            XCTAssertFalse(files["databricks.yml"]!.contains(gone), "\(request): \(plan.summary)")
            XCTAssertTrue(files["databricks.yml"]!.contains(kept), "\(request): \(plan.summary)")
        }
    }

    /// "drop the team and stage tags everywhere" left team on a job without stage ("has no tag stage … nothing was
    /// removed"); "from every job" left `tags: {}` behind.
    func testTagsRemovedEverywhereGoFromEachJobThatHasThem() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: tags
            resources:
              jobs:
                a:
                  name: a
                  tags:
                    team: x
                    stage: "1"
                  tasks:
                    - task_key: t
                      notebook_task:
                        notebook_path: ./nb.py
                b:
                  name: b
                  tags:
                    team: x
                    owner: ana
                  tasks:
                    - task_key: t
                      notebook_task:
                        notebook_path: ./nb.py

            """,
            "nb.py": "# Databricks notebook source\n",
        ]
        for request in ["drop the team and stage tags everywhere", "remove the team and stage tags from every job"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            let jobs = bundle.configuration["resources"]?["jobs"]
            XCTAssertNil(jobs?["a"]?["tags"], "\(request): \(plan.summary)")
            XCTAssertEqual(jobs?["b"]?["tags"]?.mapping?.keys, ["owner"], "\(request): \(plan.summary)")
        }
        // (A tag no job has is still refused by name.)
        let (outcome, _) = try InMemoryPlanning.outcome("remove the team and stgae tags from every job", on: files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("stgae"), reason)
    }

    /// "run the pipeline refresh job every 2 hours" said the job already updates the pipeline, and scheduled nothing.
    func testAScheduleForAJobThatRunsAPipeline() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: refresh
            resources:
              pipelines:
                silver:
                  name: silver
                  catalog: main
                  schema: s
                  libraries:
                    - notebook:
                        path: ./nb.py
              jobs:
                refresh:
                  name: refresh
                  tasks:
                    - task_key: update
                      pipeline_task:
                        pipeline_id: ${resources.pipelines.silver.id}

            """,
            "nb.py": "# Databricks notebook source\n",
        ]
        for request in ["run the pipeline refresh job every 2 hours", "trigger the dlt refresh job every 2 hours"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            let job = bundle.configuration["resources"]?["jobs"]?["refresh"]
            XCTAssertTrue(job?["schedule"] != nil || job?["trigger"] != nil, "\(request): \(plan.summary)")
        }
    }

    /// "move the checkpoints volume to the staging schema" changed the schema variable every resource uses: the sales
    /// schema renamed, the other volume moved too. The volume alone moves, to the schema the bundle defines.
    func testAVolumeMovesAloneToAnotherSchema() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: m4
            variables:
              catalog:
                default: main
              schema:
                default: sales
            resources:
              schemas:
                sales:
                  name: ${var.schema}
                  catalog_name: ${var.catalog}
                staging:
                  name: staging
                  catalog_name: ${var.catalog}
              volumes:
                landing:
                  name: landing
                  catalog_name: ${var.catalog}
                  schema_name: ${var.schema}
                checkpoints:
                  name: checkpoints
                  catalog_name: ${var.catalog}
                  schema_name: ${var.schema}

            """,
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("move the checkpoints volume to the staging schema", to: files, intent: VolumeSchemaIntent.id)
        XCTAssertEqual(bundle.configuration["variables"]?["schema"]?["default"]?.string, "sales", plan.summary)
        XCTAssertEqual(bundle.configuration["resources"]?["volumes"]?["checkpoints"]?["schema_name"]?.string, "${resources.schemas.staging.name}")
        XCTAssertEqual(bundle.configuration["resources"]?["volumes"]?["landing"]?["schema_name"]?.string, "${var.schema}")
        XCTAssertTrue(plan.summary.contains("deletes the old one"), plan.summary)
    }

    /// "add a new job gold_rebuild that runs p.py" made a job called p.
    func testANewJobNamedRightAfterTheWordJob() throws {
        let files = ["databricks.yml": "bundle:\n  name: nj\n", "src/p.py": "print(1)\n"]
        for request in ["add a new job gold_rebuild that runs src/p.py", "create a job gold_rebuild which runs src/p.py"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?.mapping?.keys, ["gold_rebuild"], "\(request): \(plan.summary)")
        }
        let (plan, bundle) = try InMemoryPlanning.apply("add a new job that runs src/p.py", to: files)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?.mapping?.keys, ["p"], plan.summary)
    }

    /// "remove the alpha and beta jobs" where `include` lists each job's file: the second plan's include index was of
    /// the list before the first deletion (gamma's entry went, and the plan failed: "include … names a file that does
    /// not exist").
    func testJobsWhoseFilesIncludeListsOneByOne() throws {
        var files = ["databricks.yml": "bundle:\n  name: m1\ninclude:\n  - resources/a.yml\n  - resources/b.yml\n  - resources/c.yml\n",
                     "nb.py": "# Databricks notebook source\n"]
        for (file, key) in [("a", "alpha"), ("b", "beta"), ("c", "gamma")] {
            files["resources/\(file).yml"] = "resources:\n  jobs:\n    \(key):\n      name: \(key)\n      tasks:\n        - task_key: t\n          notebook_task:\n            notebook_path: ../nb.py\n"
        }
        for (request, kept) in [("remove the alpha and beta jobs", "resources/c.yml"), ("remove the beta and gamma jobs", "resources/a.yml"),
                                ("remove the alpha and gamma jobs", "resources/b.yml")] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(bundle.configuration["include"]?.sequence?.compactMap(\.string), [kept], "\(request): \(plan.summary)")
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?.mapping?.keys.count, 1, request)
        }
    }

    /// "drop the stage tag" read stage as a target ("this bundle has no target stage", or staging).
    func testATagNamedLikeATarget() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: st
            resources:
              jobs:
                etl:
                  name: etl
                  tags:
                    team: data
                    stage: etl
                  tasks:
                    - task_key: t
                      notebook_task:
                        notebook_path: ./nb.py
            targets:
              dev:
                default: true
              staging: {}

            """,
            "nb.py": "# Databricks notebook source\n",
        ]
        for request in ["drop the stage tag", "remove the stage tag from the etl job"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["etl"]?["tags"]?.mapping?.keys, ["team"], "\(request): \(plan.summary)")
        }
    }

    /// "the app should stop viewing the nightly job" raised the app's CAN_VIEW on the job to CAN_MANAGE_RUN.
    func testAnAppThatShouldStopViewingAJobLosesIt() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: m4
            resources:
              jobs:
                nightly:
                  name: nightly
                  tasks:
                    - task_key: t
                      notebook_task:
                        notebook_path: ./nb.py
              apps:
                web:
                  name: web
                  source_code_path: ./app
                  resources:
                    - name: nightly-job
                      job:
                        id: ${resources.jobs.nightly.id}
                        permission: CAN_VIEW

            """,
            "nb.py": "# Databricks notebook source\n",
            "app/app.py": "print(1)\n",
        ]
        for request in ["the app should stop viewing the nightly job", "the app must not run the nightly job", "the app should stop using the nightly job"] {
            let (outcome, edited) = try InMemoryPlanning.outcome(request, on: files)
            guard case .plan(let plan) = outcome else { return XCTFail("\(request): \(outcome)") }
            XCTAssertFalse(edited["databricks.yml"]!.contains("nightly-job"), "\(request): \(plan.summary)")
            XCTAssertFalse(edited["databricks.yml"]!.contains("CAN_MANAGE_RUN"), "\(request): \(plan.summary)")
        }
    }

    /// "grant CAN_VIEW also to auditors on the etl pipeline" granted a group called "also".
    func testWordsBetweenTheLevelAndTheGroupAreNoName() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: m1
            resources:
              pipelines:
                etl:
                  name: etl
                  catalog: main
                  schema: silver
                  serverless: true
                  libraries:
                    - file:
                        path: ./a.py

            """,
            "a.py": "print(1)\n",
        ]
        for request in ["grant CAN_VIEW also to auditors on the etl pipeline", "grant CAN_VIEW now to auditors on the etl pipeline"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            let permissions = bundle.configuration["resources"]?["pipelines"]?["etl"]?["permissions"]?.sequence ?? []
            XCTAssertEqual(permissions.compactMap { $0["group_name"]?.string }, ["auditors"], "\(request): \(plan.summary)")
        }
    }

    /// "change the catalog of the gold schema to shared", "analysts can no longer use the gold schema": the pipeline's
    /// catalog and schema were rewritten (no pipeline was named).
    func testASchemasOwnSettingsAreNotThePipelinesPublishing() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: m1
            resources:
              schemas:
                gold:
                  name: gold
                  catalog_name: main
                  grants:
                    - principal: analysts
                      privileges: [USE_SCHEMA, SELECT]
              pipelines:
                etl:
                  name: etl
                  catalog: main
                  schema: silver
                  serverless: true
                  libraries:
                    - file:
                        path: ./a.py

            """,
            "a.py": "print(1)\n",
        ]
        for request in ["change the catalog of the gold schema to shared", "set catalog_name of the gold schema to shared",
                        "analysts can no longer use the gold schema"] {
            let (outcome, edited) = try InMemoryPlanning.outcome(request, on: files)
            XCTAssertTrue(edited["databricks.yml"]!.contains("      catalog: main\n      schema: silver\n"), "\(request): \(outcome)")
        }
    }

    /// "and from auditors too" after "revoke SELECT on the gold schema from analysts" granted SELECT to auditors.
    func testARevokeFollowedByAnotherPrincipalRevokesAgain() throws {
        let files = ["databricks.yml": """
        bundle:
          name: m1
        resources:
          schemas:
            gold:
              name: gold
              catalog_name: main
              grants:
                - principal: analysts
                  privileges: [USE_SCHEMA, SELECT]
                - principal: auditors
                  privileges: [USE_SCHEMA, SELECT]

        """]
        let first = "revoke SELECT on the gold schema from analysts"
        let (outcome, edited) = try InMemoryPlanning.outcome(first, on: files)
        guard case .plan(let plan) = outcome else { return XCTFail("\(outcome)") }
        var session = RefineSession()
        session.turns.append(.init(request: first, reply: plan.summary, intent: GrantIntent.id, resource: plan.resource?.description, commit: "c1", planned: plan.request))
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: edited)).load()
        let (followed, _) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("and from auditors too")), session: session)
        guard case .plan(let revoked) = followed else { return XCTFail("\(followed)") }
        XCTAssertTrue(revoked.subject.lowercased().contains("revoke"), revoked.subject)
        var after = edited
        for (path, text) in try OfflinePlanner.apply(revoked, read: { edited[$0]! }) { after[path] = text }
        XCTAssertEqual(after["databricks.yml"]!.components(separatedBy: "SELECT").count, 1, after["databricks.yml"]!)
    }

    /// "the app should not write traces to the experiment anymore" removed the resource and kept the environment
    /// variable that reads it (`value_from: agent-traces`): the app would not start.
    func testAnAppResourceTakenAwayTakesItsEnvironmentVariable() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: traces
            resources:
              experiments:
                traces:
                  name: /Shared/traces
              apps:
                agent:
                  name: agent
                  source_code_path: ./app
                  config:
                    env:
                      - name: MLFLOW_EXPERIMENT_ID
                        value_from: agent-traces
                      - name: LOG_LEVEL
                        value: INFO
                  resources:
                    - name: agent-traces
                      experiment:
                        experiment_id: ${resources.experiments.traces.id}
                        permission: CAN_EDIT

            """,
            "app/app.py": "print(1)\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("the app should not write traces to the experiment anymore", to: files)
        let app = bundle.configuration["resources"]?["apps"]?["agent"]
        XCTAssertNil(app?["resources"], plan.summary)
        XCTAssertEqual(app?["config"]?["env"]?.sequence?.compactMap { $0["name"]?.string }, ["LOG_LEVEL"], plan.summary)
    }
}
