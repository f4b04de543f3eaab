@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-07 (fifteenth): wordings users tried on public bundles
/// that made wrong edits, false "nothing to change" or needless questions.
final class PublicBundleTrial95Tests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle:
          name: fda
        variables:
          catalog:
            default: main
          schema:
            default: team_five
        targets:
          dev:
            default: true
          prod: {}
        resources:
          jobs:
            silver_job:
              name: silver_job
              email_notifications:
                on_failure:
                  - oncall@x.com
              permissions:
                - level: CAN_VIEW
                  group_name: fda-analysts
              job_clusters:
                - job_cluster_key: main
                  new_cluster:
                    spark_version: 15.4.x-scala2.12
                    node_type_id: i3.xlarge
                    autoscale:
                      min_workers: 1
                      max_workers: 4
              tasks:
                - task_key: extract
                  job_cluster_key: main
                  notebook_task:
                    notebook_path: ./src/a.py
                - task_key: load
                  depends_on:
                    - task_key: extract
                  job_cluster_key: main
                  notebook_task:
                    notebook_path: ./src/a.py
            train_job:
              name: training
              tasks:
                - task_key: train
                  notebook_task:
                    notebook_path: ./src/a.py
                  timeout_seconds: 10800
            full_pipeline:
              name: full
              tasks:
                - task_key: prep
                  notebook_task:
                    notebook_path: ./src/a.py
                - task_key: train
                  depends_on:
                    - task_key: prep
                  notebook_task:
                    notebook_path: ./src/a.py
          pipelines:
            sales:
              name: sales
              catalog: main
              schema: sales
              clusters:
                - label: default
                  autoscale:
                    min_workers: 2
                    max_workers: 6
              libraries:
                - file:
                    path: ./src/a.py
          volumes:
            landing:
              catalog_name: main
              schema_name: raw
              name: landing
          apps:
            web:
              name: web
              source_code_path: ./app
              config:
                env:
                  - name: UC_CATALOG
                    value: main
          database_instances:
            hackathon_db:
              name: cgm-db
              capacity: CU_1
        """,
        "src/a.py": "# Databricks notebook source\n",
        "app/app.yaml": "command: [python, app.py]\n",
    ]

    typealias Conversation = QuestionAnswerTests.Asking

    func plan(_ request: String, after before: [String] = []) throws -> (Plan, Conversation) {
        var c = Conversation(files: Self.files)
        for said in before { guard case .plan = try c.ask(said) else { throw XCTSkip("setup request \(said) did not plan") } }
        guard case .plan(let plan) = try c.ask(request) else {
            XCTFail("\(request): \(c.session.turns.last?.reply ?? "")")
            throw XCTSkip("no plan")
        }
        return (plan, c)
    }

    /// "the cluster shouldn't scale" made it larger (2–8); "should not scale automatically" doubled the range.
    func testNotScalingTurnsAutoscalingOff() throws {
        for request in ["the silver job's cluster shouldn't scale", "the silver job cluster should not scale automatically"] {
            let (plan, c) = try plan(request)
            XCTAssertTrue(plan.summary.contains("Replaced autoscaling"), "\(request): \(plan.summary)")
            XCTAssertFalse(c.files["databricks.yml"]!.contains("max_workers: 4\n              tasks"), request)
        }
        let (pipeline, _) = try plan("the sales pipeline cluster should not scale automatically")
        XCTAssertTrue(pipeline.summary.contains("autoscal") && !pipeline.summary.contains("4–12"), pipeline.summary)
        // A bound is still a bound.
        let (bound, _) = try plan("the silver cluster shouldn't scale past 8 workers")
        XCTAssertTrue(bound.summary.contains("1–8"), bound.summary)
    }

    /// "oncall@x.com shouldn't get the silver job's failure emails" said nothing was to change.
    func testSomeoneWhoShouldNoLongerGetTheEmails() throws {
        for request in ["oncall@x.com shouldn't get the silver job's failure emails", "oncall@x.com doesn't need the silver job failure mails anymore"] {
            let (plan, c) = try plan(request)
            XCTAssertTrue(plan.summary.contains("Removed oncall@x.com"), "\(request): \(plan.summary)")
            XCTAssertFalse(c.files["databricks.yml"]!.contains("oncall@x.com"), request)
        }
    }

    /// "load doesn't need to wait for extract" said load already runs after extract; "side by side" was not understood.
    func testTasksThatNeedNotWait() throws {
        for request in ["load doesn't need to wait for extract", "run extract and load side by side", "there's no need for load to wait for extract"] {
            let (plan, c) = try plan(request)
            XCTAssertTrue(plan.summary.contains("load no longer waits for extract"), "\(request): \(plan.summary)")
            XCTAssertFalse(c.files["databricks.yml"]!.contains("depends_on:\n            - task_key: extract"), request)
        }
    }

    /// A group the job already grants to, named bare ("fda-analysts shouldn't be able to see …") asked "Who should
    /// get access?" (with the words split at the apostrophe taken for the group's name).
    func testTakingAwayAJobPermissionFromAGroupNamedBare() throws {
        for request in ["fda-analysts shouldn't be able to see the silver job anymore", "take away fda-analysts' access to the silver job"] {
            let (plan, c) = try plan(request)
            XCTAssertTrue(plan.summary.contains("Revoked every permission of group fda-analysts"), "\(request): \(plan.summary)")
            XCTAssertFalse(c.files["databricks.yml"]!.contains("fda-analysts"), request)
        }
    }

    /// An app's environment variable set to a declared variable it does not have yet: "point CATALOG at the catalog"
    /// set the catalog variable's default to "point"; "… holding the catalog variable" set CATALOG to "holding".
    func testANewAppEnvironmentVariableFromAVariable() throws {
        for request in ["point CATALOG at the catalog", "give the app an env var CATALOG holding the catalog variable",
                        "the app needs an env var CATALOG with the catalog variable", "set CATALOG on the app to the catalog variable"] {
            let (plan, c) = try plan(request)
            XCTAssertTrue(plan.summary.contains("CATALOG to ${var.catalog}"), "\(request): \(plan.summary)")
            XCTAssertTrue(c.files["databricks.yml"]!.contains("default: main"), "\(request): the variable's default stays")
        }
    }

    /// "let the app connect to the hackathon_db database instance" set the schema variable's default to hackathon_db.
    func testAnAppGetsADatabaseInstance() throws {
        let (plan, c) = try plan("let the app connect to the hackathon_db database instance")
        XCTAssertTrue(plan.summary.contains("CAN_CONNECT_AND_CREATE on database instance hackathon_db"), plan.summary)
        let yaml = c.files["databricks.yml"]!
        XCTAssertTrue(yaml.contains("instance_name: ${resources.database_instances.hackathon_db.name}") && yaml.contains("database_name: databricks_postgres"), yaml)
        XCTAssertTrue(yaml.contains("default: team_five"))
    }

    /// After a retry of the train task of full_pipeline, "it" is that task of that job (the timeout went to the job
    /// train_job, whose key holds the task's name), and a duration without the word timeout is a timeout.
    func testATimeoutForTheTaskJustRetried() throws {
        for request in ["and give it a 2 hour timeout", "and it shouldn't run longer than 2 hours", "and limit it to 2 hours", "and cap it at 2 hours"] {
            let (plan, _) = try plan(request, after: ["retry the train task of the full pipeline job twice"])
            XCTAssertTrue(plan.summary.contains("timeout_seconds to 7200") && plan.summary.contains("job full_pipeline"), "\(request): \(plan.summary)")
        }
    }

    /// "actually read only" after a grant of read and write said they already read; "… upload files there too" asked
    /// which target "there" is; "X should be able to write to …" was not understood.
    func testGrantCorrectionsAndPlaces() throws {
        let (only, c) = try plan("actually read only", after: ["let geo-analysts read and write the landing volume"])
        XCTAssertTrue(only.summary.contains("Revoked WRITE_VOLUME on volume landing from geo-analysts"), only.summary)
        XCTAssertTrue(c.files["databricks.yml"]!.contains("READ_VOLUME") && !c.files["databricks.yml"]!.contains("WRITE_VOLUME"))
        let (there, _) = try plan("actually they should be able to upload files there too", after: ["let geo-analysts read the landing volume"])
        XCTAssertTrue(there.summary.contains("Granted WRITE_VOLUME on volume landing to geo-analysts"), there.summary)
        let (able, _) = try plan("ml-engineers should be able to write to the landing volume")
        XCTAssertTrue(able.summary.contains("WRITE_VOLUME on volume landing to ml-engineers"), able.summary)
    }

    static let environments = [
        "databricks.yml": """
        bundle:
          name: acc
        resources:
          jobs:
            regulatory:
              name: regulatory
              environments:
                - environment_key: gold_environment
                  spec:
                    client: "2"
                    dependencies:
                      - openai
                      - pandas
                - environment_key: azure_search_environment
                  spec:
                    client: "2"
                    dependencies:
                      - openai
                      - azure-core
              tasks:
                - task_key: gold_embeddings
                  environment_key: gold_environment
                  spark_python_task:
                    python_file: ./src/a.py
                - task_key: upload
                  environment_key: azure_search_environment
                  spark_python_task:
                    python_file: ./src/a.py
            event_driven:
              name: event_driven
              tasks:
                - task_key: run_bronze_pipeline
                  notebook_task:
                    notebook_path: ./src/a.py
            ml_lifecycle:
              name: ml_lifecycle
              tasks:
                - task_key: train
                  notebook_task:
                    notebook_path: ./src/a.py
        """,
        "src/a.py": "# Databricks notebook source\n",
    ]

    /// "pin openai to 1.55.0 in gold_environment" pinned it in both environments; "… in the gold environment" was not understood.
    func testPinningInANamedEnvironment() throws {
        for request in ["pin openai to 1.55.0 in gold_environment", "pin openai to 1.55.0 in the gold environment only"] {
            var c = Conversation(files: Self.environments)
            guard case .plan(let plan) = try c.ask(request) else { return XCTFail("\(request): \(c.session.turns.last?.reply ?? "")") }
            XCTAssertTrue(plan.summary.contains("environment gold_environment") && !plan.summary.contains("azure_search_environment"), "\(request): \(plan.summary)")
            XCTAssertEqual(c.files["databricks.yml"]!.components(separatedBy: "openai==1.55.0").count, 2, request)
        }
    }

    /// "run the bronze workflow at 7am" in a conversation about ml_lifecycle scheduled ml_lifecycle: "bronze" is a word
    /// of another job, not of the conversation's.
    func testAJobNamedByAWordOfAnotherIsNotTheConversations() throws {
        var c = Conversation(files: Self.environments)
        guard case .plan = try c.ask("set a 2 hour timeout on the ml lifecycle job") else { return XCTFail() }
        let outcome = try c.ask("run the bronze workflow at 7am")
        if case .plan(let plan) = outcome { XCTAssertNotEqual(plan.job, "ml_lifecycle", plan.summary) }
        XCTAssertFalse(c.files["databricks.yml"]!.contains("quartz_cron_expression: 0 0 7 * * ?\n              tasks:\n                - task_key: train"))
        if case .plan = outcome {} else if case .clarify = outcome {} else { XCTFail("\(outcome)") }
    }

    static let small = [
        "databricks.yml": """
        bundle:
          name: rb
        variables:
          existing_cluster_id:
            description: The cluster the tasks run on
          catalog:
            default: dev_catalog
          anthropic_secret_scope:
            default: hackathon
          anthropic_secret_key:
            default: anthropic_api_key
        targets:
          dev:
            mode: development
            default: true
          prod:
            mode: production
        resources:
          jobs:
            ml_lifecycle:
              name: ml_lifecycle
              tasks:
                - task_key: a
                  existing_cluster_id: ${var.existing_cluster_id}
                  notebook_task:
                    notebook_path: ./src/a.py
          sql_warehouses:
            project_warehouse:
              name: project
              cluster_size: Small
          apps:
            web:
              name: web
              source_code_path: ./app
        """,
        "src/a.py": "# Databricks notebook source\n",
        "app/app.yaml": "command: [python, app.py]\n",
    ]

    func planned(_ request: String, in files: [String: String] = small) throws -> (Plan, [String: String]) {
        var c = Conversation(files: files)
        guard case .plan(let plan) = try c.ask(request) else {
            XCTFail("\(request): \(c.session.turns.last?.reply ?? "")")
            throw XCTSkip("no plan")
        }
        return (plan, c.files)
    }

    /// "use cluster … in dev" where every task runs on `${var.existing_cluster_id}`, declared without a value: the
    /// variable's value in dev (cluster_id on the target left the bundle's "no value" error).
    func testAnExistingClusterThroughTheBundlesVariable() throws {
        let (plan, files) = try planned("use cluster 0412-101010-abcd1234 in dev")
        XCTAssertTrue(plan.summary.contains("variable existing_cluster_id to 0412-101010-abcd1234 for target dev"), plan.summary)
        XCTAssertFalse(files["databricks.yml"]!.contains("cluster_id: 0412-101010-abcd1234\n        ") && files["databricks.yml"]!.contains("    cluster_id:"))
    }

    /// Wordings that were not understood or named the wrong thing.
    func testOtherWordings() throws {
        let (name, _) = try planned("the ml lifecycle job ought to be called 'FDA ML Lifecycle'")
        XCTAssertTrue(name.summary.contains("FDA ML Lifecycle"), name.summary)
        // A size before "warehouse" is no warehouse's name.
        let (size, _) = try planned("in prod use a Large warehouse")
        XCTAssertTrue(size.summary.contains("cluster_size to Large") && size.target == "prod", size.summary)
        // The key the bundle declares in a variable, not a key "anthropic".
        let (secret, files) = try planned("let the app read the anthropic key from the hackathon secret scope")
        XCTAssertTrue(files["databricks.yml"]!.contains("key: ${var.anthropic_secret_key}") && files["databricks.yml"]!.contains("scope: ${var.anthropic_secret_scope}"), secret.summary)
        // "where the catalog is …" was dropped.
        let (target, added) = try planned("add a staging target where the catalog is staging_catalog")
        XCTAssertTrue(added["databricks.yml"]!.contains("catalog: staging_catalog"), target.summary)
        // People between "let" and "use" are people, not the warehouse a job uses.
        var c = Conversation(files: Self.small)
        let outcome = try c.ask("let the data consumers use the warehouse")
        guard case .clarify(let question, _) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(question.contains("Which principal is \"data consumers\""), question)
    }

    static let camel = [
        "databricks.yml": """
        bundle:
          name: demo
        variables:
          catalog:
            default: main
          genie_space_id:
            description: Genie room id
            default: "01ef0000aaaa"
        resources:
          apps:
            portal:
              name: portal
              source_code_path: ./app
              config:
                env:
                  - name: LOG_LEVEL
                    value: info
          jobs:
            Workflow_Demo:
              name: wf
              email_notifications:
                on_failure:
                  - oncall@acme.com
                  - fda-analysts@acme.com
              permissions:
                - group_name: fda-analysts
                  level: CAN_VIEW
              tasks:
                - task_key: StarterDriver
                  notebook_task:
                    notebook_path: ./src/a.py
                - task_key: TaskThree
                  depends_on:
                    - task_key: StarterDriver
                  notebook_task:
                    notebook_path: ./src/a.py
        """,
        "src/a.py": "# Databricks notebook source\n",
        "app/app.yaml": "command: [python, app.py]\n",
    ]

    /// Second round: other wordings of the same fixes (trial of 2026-12-07).
    func testOtherWordingsOfTheSameFixes() throws {
        // Durations after retries.
        for request in ["and don't let it run for more than 45 minutes", "and it should give up after 45 minutes", "and kill it if it runs over 45 minutes"] {
            var c = Conversation(files: Self.camel)
            guard case .plan = try c.ask("retry TaskThree twice"), case .plan(let plan) = try c.ask(request) else { return XCTFail(request) }
            XCTAssertTrue(plan.summary.contains("timeout_seconds to 2700") && plan.summary.contains("task TaskThree"), "\(request): \(plan.summary)")
            XCTAssertTrue(c.files["databricks.yml"]!.contains("max_retries: 2"), "\(request): the retries stay")
        }
        let (task, _) = try planned("TaskThree should time out after 45 minutes", in: Self.camel)
        XCTAssertTrue(task.summary.contains("on task TaskThree"), task.summary)
        // A group's access, not the recipient fda-analysts@….
        for request in ["fda-analysts should no longer see the workflow demo job", "fda-analysts don't need access to the workflow demo job anymore",
                        "the fda-analysts group should no longer see the workflow demo job"] {
            let (plan, files) = try planned(request, in: Self.camel)
            XCTAssertTrue(plan.summary.contains("Revoked every permission of group fda-analysts"), "\(request): \(plan.summary)")
            XCTAssertTrue(files["databricks.yml"]!.contains("fda-analysts@acme.com"), "\(request): the recipient stays")
        }
        let (named, _) = try planned("the workflow demo job ought to be named Gold Scoring v2", in: Self.camel)
        XCTAssertTrue(named.summary.contains("\"Gold Scoring v2\""), named.summary)
        // A variable handed to the app.
        for (request, name) in [("pass the genie space id variable to the app as GENIE_SPACE_ID", "GENIE_SPACE_ID"), ("pass the genie_space_id variable to the app", "GENIE_SPACE_ID"),
                                ("hand the genie_space_id variable to the app in ROOM", "ROOM"), ("expose var.catalog to the app as DQX_CATALOG", "DQX_CATALOG"),
                                ("the app should receive the catalog variable as CATALOG_NAME", "CATALOG_NAME")] {
            let (plan, files) = try planned(request, in: Self.camel)
            XCTAssertTrue(plan.summary.contains("environment variable \(name) to ${var."), "\(request): \(plan.summary)")
            XCTAssertTrue(files["databricks.yml"]!.contains("default: main") && files["databricks.yml"]!.contains("default: \"01ef0000aaaa\""), request)
        }
    }

    static let securables = [
        "databricks.yml": """
        bundle:
          name: min3
        resources:
          volumes:
            landing:
              catalog_name: main
              schema_name: bronze
              name: landing
          schemas:
            ops:
              catalog_name: main
              name: ops
          dashboards:
            criticas:
              display_name: M
              file_path: ./d.lvdash.json
              warehouse_id: abc
        targets:
          dev:
            default: true
          prod: {}
        """,
        "d.lvdash.json": "{}\n",
    ]

    /// Grant corrections in a target and over ALL_PRIVILEGES, "upload files", and a dashboard's viewers said as what they
    /// should be able to do.
    func testGrantCorrectionsInATargetAndOverAllPrivileges() throws {
        var c = Conversation(files: Self.securables)
        guard case .plan = try c.ask("let the ml-engineers group write to the landing volume in prod"),
              case .plan(let only) = try c.ask("actually read only") else { return XCTFail(c.session.turns.last?.reply ?? "") }
        XCTAssertTrue(only.summary.contains("Revoked WRITE_VOLUME on volume landing for target prod"), only.summary)
        for correction in ["make that SELECT and USE_SCHEMA only", "on second thought, only let them read"] {
            var c = Conversation(files: Self.securables)
            guard case .plan = try c.ask("give analysts ALL_PRIVILEGES on the ops schema"), case .plan = try c.ask(correction) else {
                return XCTFail("\(correction): \(c.session.turns.last?.reply ?? "")")
            }
            let yaml = c.files["databricks.yml"]!
            XCTAssertFalse(yaml.contains("ALL_PRIVILEGES"), correction)
            XCTAssertTrue(yaml.contains("SELECT") && yaml.contains("USE_SCHEMA"), "\(correction): \(yaml)")
        }
        let (upload, _) = try planned("let ml-engineers upload files to the landing volume", in: Self.securables)
        XCTAssertTrue(upload.summary.contains("WRITE_VOLUME on volume landing to ml-engineers"), upload.summary)
        var d = Conversation(files: Self.securables)
        guard case .plan(let view) = try d.ask("the executives should be able to view the criticas dashboard"),
              case .plan(let edit) = try d.ask("actually let them edit it") else { return XCTFail(d.session.turns.last?.reply ?? "") }
        XCTAssertTrue(view.summary.contains("CAN_READ on dashboard criticas to group executives"), view.summary)
        XCTAssertTrue(edit.summary.contains("to CAN_EDIT"), edit.summary)
    }

    static let nightly = [
        "databricks.yml": """
        bundle:
          name: wf
        resources:
          jobs:
            nightly_etl:
              name: Nightly ETL
              schedule:
                quartz_cron_expression: "0 0 2 * * ?"
                timezone_id: UTC
              tasks:
                - task_key: StarterDriver
                  notebook_task:
                    notebook_path: ./src/a.py
                - task_key: TaskTwo
                  depends_on:
                    - task_key: StarterDriver
                  notebook_task:
                    notebook_path: ./src/a.py
                    base_parameters:
                      run_date: "{{tasks.StarterDriver.values.runDate}}"
            gold_scoring:
              name: gold scoring
              tasks:
                - task_key: score
                  notebook_task:
                    notebook_path: ./src/a.py
        """,
        "src/a.py": "# Databricks notebook source\n",
    ]

    /// A task that reads task values of the one it would stop waiting for fails at run time: refused, saying why.
    /// A job's own word said bare ("move nightly to 5:30") is not the conversation's other job.
    func testTaskValuesKeepADependencyAndABareJobWord() throws {
        var c = Conversation(files: Self.nightly)
        guard case .refused(let why) = try c.ask("TaskTwo shouldn't have to wait for StarterDriver") else { return XCTFail(c.session.turns.last?.reply ?? "") }
        XCTAssertTrue(why.contains("reads task values of StarterDriver"), why)
        for request in ["move nightly to 5:30", "nightly should kick off at 5:30 instead"] {
            var c = Conversation(files: Self.nightly)
            guard case .plan = try c.ask("add retries to the gold scoring job") else { return XCTFail() }
            let outcome = try c.ask(request)
            if case .plan(let plan) = outcome { XCTAssertNotEqual(plan.job, "gold_scoring", "\(request): \(plan.summary)") }
            XCTAssertFalse(c.files["databricks.yml"]!.contains("0 30 5 * * ?\"\n                timezone_id: UTC\n              tasks:\n                - task_key: score"), request)
        }
    }

    /// Third round (trial of 2026-12-07): "make var.volume available to visual_inspection_app" set the variable's default
    /// to the app's key; "and finance-auditors too" after a grant on the schema finance asked who; "abort it if it takes
    /// over 45 minutes" after retries said it already retries.
    func testThirdRoundWordings() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: ftd
            variables:
              volume:
                default: inspection_dropzone
            resources:
              apps:
                visual_inspection_app:
                  name: file-type-visual-inspection
                  source_code_path: ./app
                  config:
                    env:
                      - name: LOG_LEVEL
                        value: info
              schemas:
                finance:
                  catalog_name: c
                  name: finance
              jobs:
                nightly_etl:
                  name: nightly
                  tasks:
                    - task_key: extract
                      notebook_task:
                        notebook_path: ./src/a.py
            """,
            "src/a.py": "# Databricks notebook source\n",
            "app/app.yaml": "command: [python, app.py]\n",
        ]
        let (env, after) = try planned("make var.volume available to visual_inspection_app", in: files)
        XCTAssertTrue(env.summary.contains("environment variable VOLUME to ${var.volume}"), env.summary)
        XCTAssertTrue(after["databricks.yml"]!.contains("default: inspection_dropzone"))
        for follow in ["and finance-auditors too", "finance-auditors as well"] {
            var c = Conversation(files: files)
            guard case .plan = try c.ask("give finance-team SELECT on the finance schema"), case .plan(let plan) = try c.ask(follow) else {
                return XCTFail("\(follow): \(c.session.turns.last?.reply ?? "")")
            }
            XCTAssertTrue(plan.summary.contains("to finance-auditors"), "\(follow): \(plan.summary)")
        }
        var c = Conversation(files: files)
        guard case .plan = try c.ask("retry the extract task twice"), case .plan(let timeout) = try c.ask("abort it if it takes over 45 minutes") else {
            return XCTFail(c.session.turns.last?.reply ?? "")
        }
        XCTAssertTrue(timeout.summary.contains("timeout_seconds to 2700") && timeout.summary.contains("task extract"), timeout.summary)
    }
}
