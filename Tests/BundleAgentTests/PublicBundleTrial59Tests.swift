@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-06 (fourth) on public bundles. Each asserts
/// what is written, or what is asked.
final class PublicBundleTrial59Tests: XCTestCase {
    /// A bundle that grants to groups through variables (as ivancalvo-dbxs/medallion-pipeline-dabs).
    static let medallion = [
        "databricks.yml": """
        bundle: {name: superproject}
        include: [resources/*.yml]
        variables:
          data_engineers:
            description: This group can manage the schemas
            default: users
          data_consumers:
            default: users
        targets:
          dev: {default: true, mode: development}
          prod: {mode: production}

        """,
        "resources/schemas.yml": """
        resources:
          schemas:
            silver_schema:
              catalog_name: main
              name: silver
              grants:
                - principal: ${var.data_engineers}
                  privileges: [ALL_PRIVILEGES]
            bronze_schema:
              catalog_name: main
              name: bronze
            gold_schema:
              catalog_name: main
              name: gold
              grants:
                - principal: ${var.data_consumers}
                  privileges: [USE_SCHEMA, SELECT]
          jobs:
            purge_job:
              name: purge
              tasks:
                - task_key: purge
                  notebook_task: {notebook_path: ../src/a.py}

        """,
        "src/a.py": "# Databricks notebook source\n",
    ]

    func grants(_ bundle: LoadedBundle, _ schema: String) -> [String] {
        (bundle.configuration["resources"]?["schemas"]?[schema]?["grants"]?.sequence ?? []).map {
            "\($0["principal"]?.string ?? ""):" + ($0["privileges"]?.sequence ?? []).compactMap(\.string).joined(separator: ",")
        }
    }

    /// "let data consumers read the silver schema" granted to a group called "data"; "the data consumers
    /// group" to "consumers". A name of several words is the variable the bundle grants through, or a
    /// principal it already has, or asked (with its spellings as answers); a quoted name is taken whole.
    func testAGroupOfSeveralWords() throws {
        for request in ["let data consumers read the silver schema", "let the data consumers group read the silver schema",
                        "give the data consumers read access to the silver schema", "let the data consumer group read the silver schema"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.medallion)
            XCTAssertEqual(grants(bundle, "silver_schema"), ["${var.data_engineers}:ALL_PRIVILEGES", "${var.data_consumers}:USE_SCHEMA,SELECT"], "\(request): \(plan.summary)")
        }
        // The variable's own name: the grant it already has.
        let (more, volume) = try InMemoryPlanning.apply("let data_engineers modify the bronze schema", to: Self.medallion)
        XCTAssertEqual(grants(volume, "bronze_schema"), ["${var.data_engineers}:MODIFY"], more.summary)

        let (asked, _) = try InMemoryPlanning.outcome("let data scientists read the bronze schema", on: Self.medallion)
        guard case .clarify(let question, let choices) = asked else { return XCTFail("\(asked)") }
        XCTAssertTrue(question.contains("\"data scientists\""), question)
        XCTAssertEqual(choices, ["let \"data scientists\" read the bronze schema", "let \"data-scientists\" read the bronze schema", "let \"data_scientists\" read the bronze schema"])
        let (answer, answered) = try InMemoryPlanning.apply(choices[1], to: Self.medallion)
        XCTAssertEqual(grants(answered, "bronze_schema"), ["data-scientists:USE_SCHEMA,SELECT"], answer.summary)

        // Job permissions alike; one word stays one word ("the finance team").
        let (job, _) = try InMemoryPlanning.outcome("let data analysts view the purge job", on: Self.medallion)
        guard case .clarify = job else { return XCTFail("\(job)") }
        let (quoted, granted) = try InMemoryPlanning.apply("let \"data analysts\" view the purge job", to: Self.medallion)
        XCTAssertEqual(granted.configuration["resources"]?["jobs"]?["purge_job"]?["permissions"]?.sequence?.first?["group_name"]?.string, "data analysts", quoted.summary)
        let (team, teamed) = try InMemoryPlanning.apply("let the finance team read the bronze schema", to: Self.medallion)
        XCTAssertEqual(grants(teamed, "bronze_schema"), ["finance:USE_SCHEMA,SELECT"], team.summary)
        let (consumers, viewed) = try InMemoryPlanning.apply("let the data consumers group view the purge job", to: Self.medallion)
        XCTAssertEqual(viewed.configuration["resources"]?["jobs"]?["purge_job"]?["permissions"]?.sequence?.first?["group_name"]?.string, "${var.data_consumers}", consumers.summary)
    }
}

extension PublicBundleTrial59Tests {
    static let etl = [
        "databricks.yml": """
        bundle: {name: etl}
        targets:
          dev: {default: true}
          prod: {}
        resources:
          jobs:
            etl_pipeline:
              name: etl
              tasks:
                - task_key: bronze_ingestion
                  notebook_task: {notebook_path: ./a.py}
                - task_key: silver_transformation
                  depends_on: [{task_key: bronze_ingestion}]
                  notebook_task: {notebook_path: ./a.py}
                - task_key: gold_analytics
                  depends_on: [{task_key: silver_transformation}]
                  notebook_task: {notebook_path: ./a.py}
                - task_key: report
                  depends_on: [{task_key: gold_analytics}]
                  notebook_task: {notebook_path: ./a.py}

        """,
        "a.py": "# Databricks notebook source\n",
    ]

    func taskKeys(_ bundle: LoadedBundle) -> [String] {
        (bundle.configuration["resources"]?["jobs"]?["etl_pipeline"]?["tasks"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
    }

    /// "remove the tasks a, b and c" removed a alone, and said nothing of b and c; "remove the demo task
    /// in prod" removed it from every target.
    func testTasksRemovedByAListAndNotForOneTarget() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("remove the tasks bronze_ingestion, silver_transformation and gold_analytics", to: Self.etl)
        XCTAssertEqual(taskKeys(bundle), ["report"], plan.summary)
        for request in ["drop the bronze_ingestion, silver_transformation and gold_analytics tasks from etl_pipeline",
                        "remove the tasks bronze_ingestion, silver_transformation and gold_analytics from the etl job"] {
            let (from, fromJob) = try InMemoryPlanning.apply(request, to: Self.etl)
            XCTAssertEqual(taskKeys(fromJob), ["report"], "\(request): \(from.summary)")
        }
        let (two, left) = try InMemoryPlanning.apply("remove the tasks silver_transformation, gold_analytics", to: Self.etl)
        XCTAssertEqual(taskKeys(left), ["bronze_ingestion", "report"], two.summary)
        // A later clause about something else stays its own.
        let (one, kept) = try InMemoryPlanning.apply("remove the task report, it is not needed", to: Self.etl)
        XCTAssertEqual(taskKeys(kept), ["bronze_ingestion", "silver_transformation", "gold_analytics"], one.summary)

        // A listed name that is no task is said, and nothing is removed (report alone was).
        let (unknown, _) = try InMemoryPlanning.outcome("remove tasks report and nonexistent from the etl job", on: Self.etl)
        guard case .refused(let none) = unknown else { return XCTFail("\(unknown)") }
        XCTAssertTrue(none.contains("has no task nonexistent"), none)
        let (words, wordsOf) = try InMemoryPlanning.apply("remove the silver and gold tasks", to: Self.etl)
        XCTAssertEqual(taskKeys(wordsOf), ["bronze_ingestion", "report"], words.summary)
        let (refused, _) = try InMemoryPlanning.outcome("remove the report task in prod", on: Self.etl)
        guard case .refused(let why) = refused else { return XCTFail("\(refused)") }
        XCTAssertTrue(why.contains("a target cannot remove a task"), why)
    }
}

extension PublicBundleTrial59Tests {
    /// "is the pipeline in development mode in dev?" committed development mode; "which jobs have no
    /// retries?" answered that no job is called "which". Requests worded as questions still change.
    func testAQuestionChangesNothing() throws {
        for question in ["is the purge job scheduled?", "which jobs have no retries?", "What runs in prod", "how many workers does the purge job have?",
                         "does the purge job retry?", "are the schemas granted to anyone?", "does the training job have retries",
                         "can you check if the cdc pipeline is continuous", "check whether prod is paused", "tell me which jobs have no timeout",
                         "do we have retries on the batch inference job?", "should the batch inference job have retries?",
                         "was the batch job ever given retries", "the batch inference job has retries?", "any retries on the batch inference job?"] {
            XCTAssertTrue(OfflinePlanner.isQuestion(question), question)
        }
        for request in ["can you give the purge job 2 retries?", "could you set the timeout to 1 hour?", "what about prod?", "why not 3?",
                        "do the same for prod", "have the purge job email me on failure", "Is it ok? Then add 2 retries.",
                        "check the box for photon on the job", "can you make sure the job retries 3 times", "should we add 3 retries?",
                        "3 retries?", "set the timeout to 2 hours?", "do it for prod too?"] {
            XCTAssertFalse(OfflinePlanner.isQuestion(request), request)
        }
        let (asked, files) = try InMemoryPlanning.outcome("is the purge task retried?", on: Self.medallion)
        guard case .notUnderstood(let message, _) = asked else { return XCTFail("\(asked)") }
        XCTAssertTrue(message.contains("reads as a question"), message)
        XCTAssertEqual(files, Self.medallion)
        let (plan, bundle) = try InMemoryPlanning.apply("can you give the purge task 2 retries?", to: Self.medallion)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["purge_job"]?["tasks"]?.sequence?.first?["max_retries"]?.string, "2", plan.summary)
    }
}

extension PublicBundleTrial59Tests {
    func schedule(_ bundle: LoadedBundle) -> String {
        let schedule = bundle.configuration["resources"]?["jobs"]?["nightly"]?["schedule"]
        return "\(schedule?["quartz_cron_expression"]?.string ?? "-") \(schedule?["timezone_id"]?.string ?? "-")"
    }

    /// Schedules in words that lost what was said: "mon wed fri" ran every day, "hourly on weekdays"
    /// every day, "twice a day at 9 and 21" at 0 and 12, "at 9:30 and 17" at 9:30 alone; "LA time" and
    /// "Gotham time" were UTC; "every 30 seconds" had "nothing to change".
    func testScheduleWordsThatWereDropped() throws {
        let files = PublicBundleTrial50Tests.nightly
        for (request, expected) in [("run the nightly job mon wed fri at 7:45am", "0 45 7 ? * MON,WED,FRI Europe/Berlin"),
                                    ("run it tue/thu at 6am", "0 0 6 ? * TUE,THU Europe/Berlin"),
                                    ("run the nightly job hourly on weekdays", "0 0 * ? * MON-FRI Europe/Berlin"),
                                    ("run it every hour between 8 and 18 on weekdays", "0 0 8-18 ? * MON-FRI Europe/Berlin"),
                                    ("run the nightly job twice a day at 9 and 21 IST", "0 0 9,21 * * ? Asia/Kolkata"),
                                    ("run the nightly job twice a day", "0 0 0/12 * * ? Europe/Berlin"),
                                    ("schedule the nightly job every day 3am LA time", "0 0 3 * * ? America/Los_Angeles"),
                                    ("run it at 5am in SF", "0 0 5 * * ? America/Los_Angeles")] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(schedule(bundle), expected, "\(request): \(plan.summary)")
        }
        let (minutes, _) = try InMemoryPlanning.outcome("run the nightly job at 9:30 and 17", on: files)
        guard case .clarify(_, let choices) = minutes else { return XCTFail("\(minutes)") }
        XCTAssertEqual(choices, ["run it at 09:30 and 17:30", "run it at 09:00 and 17:00", "run it at 09:30", "run it at 17:00"])

        // (As a conversation asks it: the planner without one reads a word it does not know as no name of the bundle.)
        var conversation = PublicBundleTrial39Tests.Conversation(files)
        let zone = try conversation.ask("run the nightly job at 6am Tokyoo time")
        guard case .clarify(let question, let answers) = zone else { return XCTFail("\(zone)") }
        XCTAssertTrue(question.contains("\"Tokyoo time\""), question)
        XCTAssertEqual(answers.first, "run the nightly job at 6am Tokyo time")
        var another = PublicBundleTrial39Tests.Conversation(files)
        let gotham = try another.ask("run the nightly job at 6am Gotham time")
        guard case .clarify = gotham else { return XCTFail("\(gotham)") }

        let (seconds, _) = try InMemoryPlanning.outcome("run the nightly job every 30 seconds", on: files)
        guard case .refused(let why) = seconds else { return XCTFail("\(seconds)") }
        XCTAssertTrue(why.contains("at most once a minute"), why)
        // Words that are no zone stay none.
        for request in ["run the nightly job at 6am local time", "run it at the same time on weekdays"] {
            XCTAssertNil(ScheduleIntent.unknownZone(RequestText(request)), request)
        }
    }

    /// "turn off development mode for the pipeline in dev" said it was already off where the target's
    /// presets turn it on for every pipeline.
    func testDevelopmentModeDecidedByATargetsPreset() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: p}
            targets:
              dev:
                default: true
                presets: {pipelines_development: true}
              prod: {}
            resources:
              pipelines:
                orders:
                  name: orders
                  libraries: [{notebook: {path: ./a.py}}]

            """,
            "a.py": "# Databricks notebook source\n",
        ]
        let (off, _) = try InMemoryPlanning.outcome("turn off development mode for the pipeline in dev", on: files)
        guard case .refused(let why) = off else { return XCTFail("\(off)") }
        XCTAssertTrue(why.contains("presets.pipelines_development: true"), why)
        XCTAssertFalse(PlanOutcome.isAsAsked(why), why)
        let (on, _) = try InMemoryPlanning.outcome("turn on development mode for the pipeline in dev", on: files)
        guard case .refused(let already) = on else { return XCTFail("\(on)") }
        XCTAssertTrue(PlanOutcome.isAsAsked(already), already)
    }
}

extension PublicBundleTrial59Tests {
    static let realworld = [
        "databricks.yml": """
        bundle: {name: rw}
        include: [resources/*.yml]
        targets:
          user: {default: true, mode: development}
          dev: {}
          stage: {}
          prod: {}

        """,
        "resources/jobs.yml": """
        resources:
          jobs:
            sample_pipeline_trigger:
              name: Sample Pipeline Trigger
              tasks:
                - task_key: trigger
                  notebook_task: {notebook_path: ../a.py}
            sample_ingestion:
              name: Sample Ingestion Job
              tasks:
                - task_key: ingest
                  notebook_task: {notebook_path: ../a.py}

        """,
        "a.py": "# Databricks notebook source\n",
    ]

    /// "actually make it 90 minutes" after "same for stage" changed the first target (user) again; "and
    /// for the ingestion job in dev" changed the job before in dev.
    func testFollowUpsKeepTheTargetAndJobTheySay() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.realworld)
        try conversation.ask("set the timeout of the pipeline trigger job to 1 hour in user")
        try conversation.ask("same for stage")
        let corrected = try conversation.ask("actually make it 90 minutes")
        guard case .plan(let plan) = corrected else { return XCTFail("\(corrected)") }
        XCTAssertEqual(plan.target, "stage", plan.summary)
        XCTAssertEqual(try conversation.job("sample_pipeline_trigger", target: "stage")?["timeout_seconds"]?.string, "5400")
        XCTAssertEqual(try conversation.job("sample_pipeline_trigger", target: "user")?["timeout_seconds"]?.string, "3600")

        let other = try conversation.ask("and for the ingestion job in dev")
        guard case .plan(let again) = other else { return XCTFail("\(other)") }
        XCTAssertEqual(again.job, "sample_ingestion", again.summary)
        XCTAssertEqual(again.target, "dev", again.summary)
        XCTAssertEqual(try conversation.job("sample_ingestion", target: "dev")?["timeout_seconds"]?.string, "5400")
        XCTAssertNil(try conversation.job("sample_pipeline_trigger", target: "dev")?["timeout_seconds"])
        XCTAssertEqual(OfflinePlanner.request("set the timeout to 1 hour in user", for: "stage", targets: ["user", "stage"]), "set the timeout to 1 hour in stage")
        XCTAssertEqual(OfflinePlanner.request("set the timeout to 1 hour", for: "stage", targets: ["user", "stage"]), "set the timeout to 1 hour in stage")
    }
}

extension PublicBundleTrial59Tests {
    /// "set env to dev in local and prd in actual" set dev in both; "set num_records to 500 in dev and
    /// 50000 in staging" 500 in both.
    func testAValueOfItsOwnForEachTarget() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: mx}
            variables:
              env: {default: none}
              num_records: {default: 10}
            targets:
              local: {default: true}
              actual: {}
              third: {}

            """,
        ]
        for (request, expected) in [("set env to dev in local and prd in actual", ["dev", "prd"]),
                                    ("set env to dev for local and to prd for actual", ["dev", "prd"]),
                                    ("set num_records to 500 in local and 50000 in actual", ["500", "50000"])] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            let key = request.contains("env") ? "env" : "num_records"
            XCTAssertEqual(["local", "actual"].map { bundle.configuration["targets"]?[$0]?["variables"]?[key]?.string ?? "-" }, expected, "\(request): \(plan.summary)")
        }
        for request in ["set num_records to 1 in local, 2 in actual and 3 in third", "num_records should be 1 in local, 2 in actual, 3 in third"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(["local", "actual", "third"].map { bundle.configuration["targets"]?[$0]?["variables"]?["num_records"]?.string ?? "-" }, ["1", "2", "3"], "\(request): \(plan.summary)")
        }
    }
}

extension PublicBundleTrial59Tests {
    /// "give the ML platform team CAN_MANAGE on the training job" asked about "ML platform" where the
    /// bundle grants through var.ml_platform_team; a variable of that name granted through nowhere yet
    /// is offered first, and the offered answer works.
    func testATeamsVariable() throws {
        var files = [
            "databricks.yml": """
            bundle: {name: mb}
            variables:
              ml_platform_team: {default: ml-platform}
              data_engineers: {default: de}
            targets:
              dev: {default: true}
            resources:
              jobs:
                training:
                  name: training
                  tasks:
                    - task_key: train
                      notebook_task: {notebook_path: ./a.py}
                inference:
                  name: inference
                  permissions:
                    - level: CAN_VIEW
                      group_name: ${var.ml_platform_team}
                  tasks:
                    - task_key: score
                      notebook_task: {notebook_path: ./a.py}

            """,
            "a.py": "# Databricks notebook source\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("give the ML platform team CAN_MANAGE on the training job", to: files)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["training"]?["permissions"]?.sequence?.first?["group_name"]?.string, "${var.ml_platform_team}", plan.summary)

        let (asked, _) = try InMemoryPlanning.outcome("let data engineers view the training job", on: files)
        guard case .clarify(let question, let choices) = asked else { return XCTFail("\(asked)") }
        XCTAssertTrue(question.contains("The variable data_engineers may hold it"), question)
        XCTAssertEqual(choices.first, "let ${var.data_engineers} view the training job")
        let (answer, answered) = try InMemoryPlanning.apply(choices[0], to: files)
        XCTAssertEqual(answered.configuration["resources"]?["jobs"]?["training"]?["permissions"]?.sequence?.first?["group_name"]?.string, "${var.data_engineers}", answer.summary)
        files["a.py"] = nil
    }
}

extension PublicBundleTrial59Tests {
    /// A job named "Foo_EndToEnd" crashed the planner ("endtoend" is "end to end" written as one word,
    /// and the span ran past the request's end).
    func testANameWrittenAsOneWordDoesNotCrash() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: hc}
            resources:
              jobs:
                hc_job:
                  name: HealthClaim_Guardian_EndToEnd
                  tasks:
                    - task_key: a
                      notebook_task: {notebook_path: ./a.py}

            """,
            "a.py": "# Databricks notebook source\n",
        ]
        for request in ["add retries to the EndToEnd job", "pause the endtoend job", "email ops@x.com on failure for the EndToEnd job"] {
            _ = try InMemoryPlanning.outcome(request, on: files)
        }
        let (plan, bundle) = try InMemoryPlanning.apply("add 2 retries to the EndToEnd job", to: files)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["hc_job"]?["tasks"]?.sequence?.first?["max_retries"]?.string, "2", plan.summary)
    }
}

extension PublicBundleTrial59Tests {
    /// "dont deploy the data generator to prd" asked which target to deploy it to, offering "only deploy
    /// … to prod" (the opposite); "… of healthclaim_guardian_pipeline" (a job's key ending in _pipeline,
    /// written as it is) asked which of three jobs.
    func testATargetsOtherNameAndAJobKeyEndingInPipeline() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: ol}
            targets:
              dev: {default: true}
              prod: {}
            resources:
              jobs:
                initial_setup:
                  name: data generator
                  tasks:
                    - task_key: a
                      notebook_task: {notebook_path: ./a.py}
                healthclaim_guardian_pipeline:
                  name: guardian
                  tasks:
                    - task_key: a
                      notebook_task: {notebook_path: ./a.py}
                healthclaim_pipeline:
                  name: claims
                  tasks:
                    - task_key: a
                      notebook_task: {notebook_path: ./a.py}

            """,
            "a.py": "# Databricks notebook source\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("dont deploy the data generator to prd", to: files)
        XCTAssertNil(bundle.configuration["resources"]?["jobs"]?["initial_setup"], plan.summary)
        XCTAssertNotNil(bundle.configuration["targets"]?["dev"]?["resources"]?["jobs"]?["initial_setup"], plan.summary)
        let (timed, job) = try InMemoryPlanning.apply("set the timeout of healthclaim_guardian_pipeline to 90 min", to: files)
        XCTAssertEqual(job.configuration["resources"]?["jobs"]?["healthclaim_guardian_pipeline"]?["timeout_seconds"]?.string, "5400", timed.summary)
    }
}

extension PublicBundleTrial59Tests {
    /// "deploy it to prod now" after an e-mail change said "the notifications already are as asked":
    /// refine does not deploy, and says how; "only deploy the job to prod" is still a change.
    func testDeployingIsNoChangeOfTheBundle() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.medallion)
        try conversation.ask("email ops@example.com when the purge job fails")
        let deploy = try conversation.ask("deploy it to prod now")
        guard case .refused(let why) = deploy else { return XCTFail("\(deploy)") }
        XCTAssertTrue(why.contains("it does not deploy") && why.contains("dabrepo bundle deploy --target prod"), why)
        for request in ["can you deploy this to prod?", "push it to prd", "ship the change to prod"] {
            let (pushed, _) = try InMemoryPlanning.outcome(request, on: Self.medallion)
            guard case .refused(let said) = pushed else { XCTFail("\(request): \(pushed)"); continue }
            XCTAssertTrue(said.contains("--target prod"), "\(request): \(said)")
        }
        // Where a target deploys, and moving a schedule, are changes.
        XCTAssertFalse(OfflinePlanner().question(PlanningContext(bundle: try BundleLoader(source: InMemoryFileSource(texts: Self.medallion)).load(),
                                                                request: RequestText("deploy prod to /Workspace/Shared/bundles/sales"))) != nil)
        let (plan, bundle) = try InMemoryPlanning.apply("only deploy the purge job to prod", to: Self.medallion)
        XCTAssertNotNil(bundle.configuration["targets"]?["prod"]?["resources"]?["jobs"]?["purge_job"], plan.summary)
        // For no one target: its preview shows every target ("What target prod deploys" listed dev's loss as prod's).
        XCTAssertNil(plan.target, plan.summary)
    }
}

extension PublicBundleTrial59Tests {
    /// "Monday-Wednesday", "mon-wed", "mon to wed" ran every day (or Monday and Wednesday); "daily at half
    /// past 8" at midnight.
    func testDayRangesAndTimesInWords() throws {
        for (request, expected) in [("run the nightly job Monday-Wednesday at 10", "0 0 10 ? * MON-WED Europe/Berlin"),
                                    ("run the nightly job mon to wed at 10", "0 0 10 ? * MON-WED Europe/Berlin"),
                                    ("run the nightly job tue-thu at 6pm", "0 0 18 ? * TUE-THU Europe/Berlin"),
                                    ("run the nightly job mon-fri at 7", "0 0 7 ? * MON-FRI Europe/Berlin"),
                                    ("run the nightly job daily at half past 8", "0 30 8 * * ? Europe/Berlin"),
                                    ("run the nightly job at quarter to 7pm", "0 45 18 * * ? Europe/Berlin")] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: PublicBundleTrial50Tests.nightly)
            XCTAssertEqual(schedule(bundle), expected, "\(request): \(plan.summary)")
        }
    }
}

extension PublicBundleTrial59Tests {
    /// "make the warehouse larger" with 2X-Large shared and Small in dev made every target Medium (from
    /// dev's Small); "same for prod but 6 workers" planned the 3 workers of the change before.
    func testAWarehouseLargerFromItsSharedSizeAndSameForProdWithAUnit() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: translink}
            targets:
              dev:
                default: true
                resources: {sql_warehouses: {wh: {cluster_size: Small}}}
              prod: {}
            resources:
              sql_warehouses:
                wh:
                  name: wh
                  cluster_size: "2X-Large"
                  max_num_clusters: 1
              jobs:
                batch:
                  name: batch
                  job_clusters:
                    - job_cluster_key: c
                      new_cluster: {spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, num_workers: 7}
                  tasks:
                    - task_key: predict
                      job_cluster_key: c
                      notebook_task: {notebook_path: ./a.py}

            """,
            "a.py": "# Databricks notebook source\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("make the warehouse larger", to: files)
        XCTAssertEqual(bundle.configuration["resources"]?["sql_warehouses"]?["wh"]?["cluster_size"]?.string, "3X-Large", plan.summary)
        XCTAssertTrue(plan.summary.contains("was 2X-Large"), plan.summary)

        var conversation = PublicBundleTrial39Tests.Conversation(files)
        try conversation.ask("use 3 workers for the batch job in dev")
        let again = try conversation.ask("same for prod but 6 workers")
        guard case .plan(let six) = again else { return XCTFail("\(again)") }
        XCTAssertEqual(six.target, "prod", six.summary)
        XCTAssertTrue(six.summary.contains("6 workers"), six.summary)
    }
}

extension PublicBundleTrial59Tests {
    /// "remove finance-analysts from the app" went to a job called grant_permissions (the word
    /// "permission" the planner put in named it).
    func testARevokeFromTheAppNotAJobNamedPermissions() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: ocr}
            resources:
              jobs:
                grant_permissions:
                  name: ocr-grant-permissions
                  tasks:
                    - task_key: grant
                      notebook_task: {notebook_path: ./a.py}
              apps:
                ocr_app:
                  name: ocr
                  source_code_path: ./app
                  permissions:
                    - level: CAN_USE
                      group_name: finance-analysts

            """,
            "a.py": "# Databricks notebook source\n",
            "app/app.py": "print(1)\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("remove finance-analysts from the app", to: files)
        XCTAssertNil(bundle.configuration["resources"]?["apps"]?["ocr_app"]?["permissions"], plan.summary)
    }
}

extension PublicBundleTrial59Tests {
    /// "pause the batch inference and monitoring schedules in dev" paused the first alone and said nothing
    /// of the second; "the batch inference and model monitoring jobs" asked which one.
    func testTwoJobsNamedTogether() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: hc}
            targets:
              dev: {default: true}
              prod: {}
            resources:
              jobs:
                batch_inference_job:
                  name: batch inference
                  schedule: {quartz_cron_expression: 0 0 1 * * ?, timezone_id: UTC, pause_status: UNPAUSED}
                  tasks:
                    - task_key: batch_inference
                      notebook_task: {notebook_path: ./a.py}
                model_monitoring_job:
                  name: model monitoring
                  schedule: {quartz_cron_expression: 0 0 2 * * ?, timezone_id: UTC, pause_status: UNPAUSED}
                  tasks:
                    - task_key: monitor
                      notebook_task: {notebook_path: ./a.py}
                training_job:
                  name: training
                  schedule: {quartz_cron_expression: 0 0 3 * * ?, timezone_id: UTC, pause_status: UNPAUSED}
                  tasks:
                    - task_key: train
                      notebook_task: {notebook_path: ./a.py}

            """,
            "a.py": "# Databricks notebook source\n",
        ]
        for request in ["pause the batch inference and monitoring schedules in dev", "pause the batch inference and model monitoring jobs in dev"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            let paused = ["batch_inference_job", "model_monitoring_job", "training_job"].map {
                bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?[$0]?["schedule"]?["pause_status"]?.string
            }
            XCTAssertEqual(paused, ["PAUSED", "PAUSED", "UNPAUSED"], "\(request): \(plan.summary)")
        }
        let (retried, bundle) = try InMemoryPlanning.apply("give the batch inference and model monitoring jobs 2 retries", to: files)
        XCTAssertEqual(["batch_inference_job", "model_monitoring_job", "training_job"].map {
            bundle.configuration["resources"]?["jobs"]?[$0]?["tasks"]?.sequence?.first?["max_retries"]?.string
        }, ["2", "2", nil], retried.summary)
        // One job named stays one job.
        let (one, single) = try InMemoryPlanning.apply("pause the batch inference job in dev", to: files)
        XCTAssertEqual(single.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["model_monitoring_job"]?["schedule"]?["pause_status"]?.string, "UNPAUSED", one.summary)
    }
}
