@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-07 (twelfth), and known items of the one before.
final class PublicBundleTrial89Tests: XCTestCase {
    /// "add c@x.com to failure_emails for prod" (the list variable named without the word "variable") was not
    /// understood; with an address in it, it could read as the jobs' e-mail notifications.
    func testAListVariableNamedWithoutTheWordVariable() throws {
        func prodList(_ bundle: LoadedBundle) -> [String]? {
            bundle.targetsMapping?["prod"]?["variables"]?["failure_emails"]?.sequence?.compactMap(\.string)
        }
        for request in ["add c@x.com to failure_emails for prod", "add c@x.com to the failure_emails in prod", "in prod, append c@x.com to failure_emails"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: PublicBundleTrial86Tests.listVariable)
            XCTAssertEqual(prodList(bundle), ["team@example.com", "c@x.com"], "\(request): \(plan.summary)")
            // (The job's notifications still come from the variable.)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["ingest"]?["email_notifications"]?["on_failure"]?.sequence?.count, nil, request)
        }
        let (removal, removed) = try InMemoryPlanning.apply("remove team@example.com from failure_emails in prod", to: PublicBundleTrial86Tests.listVariable)
        XCTAssertEqual(prodList(removed), [], removal.summary)
        XCTAssertNotNil(removed.configuration["variables"]?["failure_emails"], removal.summary)
    }

    /// "call the catalog variable main_catalog" asked "What should variable call hold by default?": it renames
    /// the variable, as "rename the variable catalog to main_catalog" does (its declaration, targets' values
    /// and every reference).
    func testCallingAVariableByAnotherNameRenamesIt() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: cat
            variables:
              catalog:
                default: dev_cat
            resources:
              jobs:
                etl:
                  name: etl
                  parameters:
                    - name: catalog
                      default: ${var.catalog}
                  tasks:
                    - task_key: t
                      notebook_task:
                        notebook_path: ./nb.py
            targets:
              dev:
                default: true
              prod:
                variables:
                  catalog: prod_cat

            """,
            "nb.py": "# Databricks notebook source\n",
        ]
        for request in ["call the catalog variable main_catalog", "name the catalog variable main_catalog",
                        "the catalog variable should be called main_catalog", "change the name of the catalog variable to main_catalog",
                        "rename the variable catalog to main_catalog"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(bundle.configuration["variables"]?.mapping?.keys, ["main_catalog"], "\(request): \(plan.summary)")
            XCTAssertEqual(bundle.configuration["variables"]?["main_catalog"]?["default"]?.string, "dev_cat", request)
            XCTAssertEqual(bundle.targetsMapping?["prod"]?["variables"]?["main_catalog"]?.string, "prod_cat", request)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["etl"]?["parameters"]?.sequence?.first?["default"]?.string, "${var.main_catalog}", request)
        }
    }

    /// Three jobs, each in its own file.
    static let threeJobs: [String: String] = {
        var files = [
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
                  root_path: /Workspace/Shared/.bundle/m1
                resources:
                  jobs:
                    gold_job:
                      email_notifications:
                        on_failure:
                          - oncall@x.com

            """,
        ]
        for layer in ["bronze", "silver", "gold"] {
            files["resources/\(layer)_job.yml"] = """
            resources:
              jobs:
                \(layer)_job:
                  name: \(layer)_job
                  tasks:
                    - task_key: \(layer)_task
                      spark_python_task:
                        python_file: ../src/\(layer).py
                      environment_key: default
                  environments:
                    - environment_key: default
                      spec:
                        client: "1"

            """
            files["src/\(layer).py"] = "print(1)\n"
        }
        return files
    }()

    /// "remove the bronze job and the silver job" said "Nothing to change" (the plans' removed files were lost
    /// when they were put together), and with a target override only that override went, the message saying
    /// the jobs and their files were removed.
    func testRemovingSeveralJobsRemovesEachFile() throws {
        for request in ["remove the bronze job and the silver job", "remove the bronze and silver jobs"] {
            let (outcome, files) = try InMemoryPlanning.outcome(request, on: Self.threeJobs)
            guard case .plan(let plan) = outcome else { return XCTFail("\(request): \(outcome)") }
            XCTAssertEqual(plan.removedFiles, ["resources/bronze_job.yml", "resources/silver_job.yml"], request)
            XCTAssertNil(files["resources/bronze_job.yml"], request)
            XCTAssertNil(files["resources/silver_job.yml"], request)
            XCTAssertNotNil(files["resources/gold_job.yml"], request)
            XCTAssertTrue(files["databricks.yml"]!.contains("oncall@x.com"), request)
        }
        let (outcome, files) = try InMemoryPlanning.outcome("remove the silver and gold jobs", on: Self.threeJobs)
        guard case .plan(let plan) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(plan.removedFiles, ["resources/silver_job.yml", "resources/gold_job.yml"])
        XCTAssertNotNil(files["resources/bronze_job.yml"])
        XCTAssertFalse(files["databricks.yml"]!.contains("gold_job"), files["databricks.yml"]!)
    }

    /// A job that e-mails `${var.alert_emails}`: "email oncall@… when it fails in prod" wrote prod a list over the
    /// reference (the CLI: "cannot merge string with sequence") and said "Added"; without a target it refused.
    /// The variable's value changes: prod's own list, or the default.
    func testRecipientsWrittenAsAListVariableChangeTheVariable() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: m2
            variables:
              alert_emails:
                type: complex
                default:
                  - team@example.com
            resources:
              jobs:
                nightly:
                  name: nightly
                  email_notifications:
                    on_failure: ${var.alert_emails}
                  tasks:
                    - task_key: load
                      notebook_task:
                        notebook_path: ./load.py
            targets:
              dev:
                mode: development
                default: true
              prod:
                mode: production
                workspace:
                  root_path: /Workspace/Shared/.bundle/m2

            """,
            "load.py": "# Databricks notebook source\n",
        ]
        func list(_ bundle: LoadedBundle, _ target: String?) -> [String]? {
            (target.map { bundle.targetsMapping?[$0]?["variables"]?["alert_emails"] } ?? bundle.configuration["variables"]?["alert_emails"]?["default"])?
                .sequence?.compactMap(\.string)
        }
        let (inProd, prod) = try InMemoryPlanning.apply("email oncall@example.com when it fails in prod", to: files)
        XCTAssertEqual(list(prod, "prod"), ["team@example.com", "oncall@example.com"], inProd.summary)
        XCTAssertNil(prod.targetsMapping?["prod"]?["resources"], inProd.summary)
        XCTAssertEqual(list(prod, nil), ["team@example.com"])
        let (everywhere, all) = try InMemoryPlanning.apply("email oncall@example.com when nightly fails", to: files)
        XCTAssertEqual(list(all, nil), ["team@example.com", "oncall@example.com"], everywhere.summary)
        let (instead, replaced) = try InMemoryPlanning.apply("send the failure emails to dataops@example.com in prod instead", to: files)
        XCTAssertEqual(list(replaced, "prod"), ["dataops@example.com"], instead.summary)
        XCTAssertEqual(list(replaced, nil), ["team@example.com"])
    }

    /// "the pipeline should not include src/b.py" added it; "don't include src/a.py in the pipeline" said it was
    /// "already using" it; "remove the library src/a.py" asked about pandas.
    func testASourceLeavesThePipeline() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: m2
            resources:
              pipelines:
                etl:
                  name: etl
                  catalog: main
                  schema: bronze
                  serverless: true
                  libraries:
                    - file:
                        path: src/a.py
                    - notebook:
                        path: src/b.py
            targets:
              dev:
                mode: development
                default: true

            """,
            "src/a.py": "print(1)\n", "src/b.py": "# Databricks notebook source\n",
        ]
        func sources(_ bundle: LoadedBundle) -> [String] {
            (bundle.configuration["resources"]?["pipelines"]?["etl"]?["libraries"]?.sequence ?? []).compactMap { $0["file"]?["path"]?.string ?? $0["notebook"]?["path"]?.string }
        }
        for request in ["the pipeline should not include src/b.py", "don't include src/b.py in the pipeline", "remove the library src/b.py",
                        "remove b.py from the pipeline libraries", "exclude src/b.py from the etl pipeline"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(sources(bundle), ["src/a.py"], "\(request): \(plan.summary)")
        }
        let (outcome, _) = try InMemoryPlanning.outcome("the pipeline should not include src/c.py", on: files)
        guard case .refused(let why) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(why.contains("does not include src/c.py"), why)
        // Two named at once: both go (the second stayed, unsaid); not the last ones.
        var three = files
        three["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "        - notebook:\n            path: src/b.py\n", with: "        - notebook:\n            path: src/b.py\n        - file:\n            path: src/c.py\n")
        three["src/c.py"] = "print(3)\n"
        let (both, left) = try InMemoryPlanning.apply("remove src/a.py and src/b.py from the pipeline", to: three)
        XCTAssertEqual(sources(left), ["src/c.py"], both.summary)
        let (all, _) = try InMemoryPlanning.outcome("remove src/a.py and src/b.py from the pipeline", on: files)
        guard case .refused = all else { return XCTFail("\(all)") }
    }

    /// After "grant USE_SCHEMA on raw to analysts", "and SELECT too" (and "also give them SELECT") granted
    /// USE_SCHEMA and SELECT to a group called "group"; the privileges said go to analysts.
    func testAGrantFollowUpGoesToTheSamePrincipal() throws {
        for followUp in ["and SELECT too", "also give them SELECT", "and SELECT as well"] {
            var c = FollowUpTests.Conversation()
            c.files = ["databricks.yml": "bundle:\n  name: g1\nresources:\n  schemas:\n    raw:\n      name: raw\n      catalog_name: main\ntargets:\n  dev:\n    default: true\n"]
            _ = try c.ask("grant USE_SCHEMA on raw to analysts")
            let plan = try c.ask(followUp)
            let grants = try SalesBundle.load(c.files).configuration["resources"]?["schemas"]?["raw"]?["grants"]?.sequence ?? []
            XCTAssertEqual(grants.compactMap { $0["principal"]?.string }, ["analysts"], "\(followUp): \(plan?.summary ?? "")")
            XCTAssertEqual(grants.first?["privileges"]?.sequence?.compactMap(\.string), ["USE_SCHEMA", "SELECT"], followUp)
        }
    }

    /// A task that follows one with a cluster of its own (`new_cluster` in the task, here through a merge key)
    /// got no compute: it ran on serverless unsaid. It gets the same cluster.
    func testANewTaskAfterOneWithItsOwnClusterGetsTheSameCluster() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: price
            resources:
              jobs:
                batch:
                  name: batch
                  tasks:
                    - task_key: batch_inference_job
                      new_cluster:
                        <<: &new_cluster
                          spark_version: 15.4.x-cpu-ml-scala2.12
                          node_type_id: i3.xlarge
                        num_workers: 2
                      notebook_task:
                        notebook_path: ./notebooks/BatchInference.py
            targets:
              dev:
                default: true

            """,
            "notebooks/BatchInference.py": "# Databricks notebook source\n", "notebooks/Report.py": "# Databricks notebook source\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("add a task write_report after batch_inference_job that runs notebooks/Report.py", to: files)
        let tasks = bundle.configuration["resources"]?["jobs"]?["batch"]?["tasks"]?.sequence ?? []
        let report = tasks.first { $0["task_key"]?.string == "write_report" }
        XCTAssertEqual(report?["new_cluster"]?["node_type_id"]?.string, "i3.xlarge", plan.summary)
        XCTAssertEqual(report?["new_cluster"]?["num_workers"]?.string, "2", plan.summary)
        XCTAssertTrue(plan.summary.contains("on a cluster like batch_inference_job's"), plan.summary)
    }

    /// "notify me on slack when the job succeeds": the example answer says on success (it said "when the job
    /// fails", and filled in, committed on_failure); "use 42" after the question is no destination id (it was
    /// spliced into the example's id and committed).
    func testTheDestinationQuestionKeepsTheEventAndWantsAnID() throws {
        var c = FollowUpTests.Conversation()
        c.files = ["databricks.yml": "bundle:\n  name: mini\nresources:\n  jobs:\n    sample_job:\n      name: sample_job\n      tasks:\n        - task_key: t\n          notebook_task:\n            notebook_path: ./nb.py\ntargets:\n  dev:\n    default: true\n",
                   "nb.py": "# Databricks notebook source\n"]
        let bundle = try SalesBundle.load(c.files)
        let outcome = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("notify me on slack when the job succeeds")))
        guard case .clarify(_, let choices) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(choices, ["notify the destination 0c2e4b9e-6f1c-4a52-8000-000000000001 on success of job sample_job"])
        let answered = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(choices[0].replacingOccurrences(of: "0c2e4b9e-6f1c-4a52-8000-000000000001", with: "5e6f7a8b-1111-4222-8333-944455556666"))))
        guard case .plan(let plan) = answered else { return XCTFail("\(answered)") }
        XCTAssertTrue(plan.summary.contains("(on_success)"), plan.summary)
        let spliced = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("notify the destination 0c2e4b9e-6f1c-4a52-8000-42 on success")))
        if case .plan(let wrong) = spliced { XCTFail("committed a made-up id: \(wrong.summary)") }
    }

    /// "use 4 workers" on a serverless pipeline after another change asked "What should be 4 workers? … say the
    /// setting, such as "use 4 workers"", again and again; alone it says why it cannot be done.
    func testAValueWithItsSettingAfterAnotherChangeIsNotAskedInALoop() throws {
        var c = FollowUpTests.Conversation()
        c.files = ["databricks.yml": "bundle:\n  name: m2\nresources:\n  pipelines:\n    etl:\n      name: etl\n      catalog: main\n      schema: bronze\n      serverless: true\n      libraries:\n        - file:\n            path: src/a.py\ntargets:\n  dev:\n    mode: development\n    default: true\n",
                   "src/a.py": "print(1)\n"]
        _ = try c.ask("use the preview channel")
        let bundle = try SalesBundle.load(c.files)
        let (outcome, _) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("use 4 workers")), session: c.session)
        guard case .refused(let why) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(why.contains("serverless"), why)
    }

    /// "make it 'pricing-ml' instead" after "tag every job with team=pricing" asked which job; the follow-up keeps
    /// every job, as it does for timeouts.
    func testATagFollowUpKeepsEveryJob() throws {
        for followUp in ["make it 'pricing-ml' instead", "actually make it pricing-ml"] {
            var c = FollowUpTests.Conversation()
            _ = try c.ask("tag every job with team=pricing")
            let plan = try c.ask(followUp)
            for job in ["sales_sync", "marketing_digest", "nightly_billing"] {
                XCTAssertEqual(try c.value("jobs.\(job).tags.team", target: "prod"), "pricing-ml", "\(followUp): \(job): \(plan?.summary ?? "")")
            }
        }
    }

    /// `entity_version: ${var.model_version}`: "serve version 3 of the model in prod" was refused ("a target
    /// override of served_entities adds entries"), and without the target too ("change the variable instead").
    func testAServedVersionWrittenAsAVariableChangesTheVariable() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: mfg
            variables:
              model_version:
                default: "2"
            resources:
              model_serving_endpoints:
                pdm_risk_endpoint:
                  name: pdm-risk
                  config:
                    served_entities:
                      - entity_name: main.ml.pdm_risk
                        entity_version: ${var.model_version}
                        workload_size: Small
                        scale_to_zero_enabled: true
            targets:
              dev:
                default: true
              prod:
                mode: production
                workspace:
                  root_path: /Workspace/Shared/.bundle/mfg

            """,
        ]
        let (inProd, prod) = try InMemoryPlanning.apply("serve version 3 of the model in prod", to: files)
        XCTAssertEqual(prod.targetsMapping?["prod"]?["variables"]?["model_version"]?.string, "3", inProd.summary)
        XCTAssertEqual(prod.configuration["variables"]?["model_version"]?["default"]?.string, "2")
        let (everywhere, all) = try InMemoryPlanning.apply("serve version 4 of the model", to: files)
        XCTAssertEqual(all.configuration["variables"]?["model_version"]?["default"]?.string, "4", everywhere.summary)
    }

    /// A bundle with one serving endpoint and a variable lakebase_endpoint (a database endpoint's path): "let the app
    /// query the serving endpoint" asked "Which serving endpoint? This bundle has ep, ${var.lakebase_endpoint}".
    func testTheOneServingEndpointIsNotAskedAboutBesideAVariable() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: min4
            variables:
              lakebase_endpoint:
                default: projects/p/branches/main/endpoints/primary
            resources:
              model_serving_endpoints:
                ep:
                  name: ep
                  config:
                    served_entities:
                      - entity_name: main.ml.m
                        entity_version: "1"
                        workload_size: Small
                        scale_to_zero_enabled: true
              apps:
                web:
                  name: web
                  source_code_path: ./app
            targets:
              dev:
                default: true

            """,
            "app/app.py": "print(1)\n",
        ]
        let (plan, bundle) = try InMemoryPlanning.apply("let the app query the serving endpoint", to: files)
        let resources = bundle.configuration["resources"]?["apps"]?["web"]?["resources"]?.sequence ?? []
        XCTAssertEqual(resources.first?["serving_endpoint"]?["name"]?.string, "${resources.model_serving_endpoints.ep.name}", plan.summary)
    }

    /// "add a schedule", "schedule the train job", "give sample_job a schedule" were not understood (the examples
    /// shown were of pausing one); when is asked, with requests that answer it.
    func testAScheduleWithoutATimeAsksWhen() throws {
        let files = ["databricks.yml": "bundle:\n  name: ex\nresources:\n  jobs:\n    train:\n      name: train\n      tasks:\n        - task_key: t\n          notebook_task:\n            notebook_path: ./nb.py\ntargets:\n  dev:\n    default: true\n",
                     "nb.py": "# Databricks notebook source\n"]
        for request in ["add a schedule", "schedule the train job", "give train a schedule", "the job should run on a schedule"] {
            let (outcome, _) = try InMemoryPlanning.outcome(request, on: files)
            guard case .clarify(let question, let choices) = outcome else { XCTFail("\(request): \(outcome)"); continue }
            XCTAssertTrue(question.hasPrefix("When should train run?"), question)
            XCTAssertEqual(choices.first, "run train every day at 6am UTC")
        }
        let (answer, _) = try InMemoryPlanning.outcome("run train every day at 6am UTC", on: files)
        guard case .plan = answer else { return XCTFail("\(answer)") }
        // (A schedule with its time is planned as before.)
        let (timed, _) = try InMemoryPlanning.outcome("schedule the train job daily at 5am", on: files)
        guard case .plan = timed else { return XCTFail("\(timed)") }
    }

    /// A bundle's variable `profile` (an industry profile for synthetic data): "use the furniture profile in
    /// staging" set staging's workspace.profile (its deploys looked for a ~/.databrickscfg profile furniture).
    func testAVariableCalledProfileIsNotTheWorkspaceProfile() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: dpp
            variables:
              profile:
                description: Industry profile for synthetic data, battery or furniture
                default: battery
            resources:
              jobs:
                gen:
                  name: gen
                  tasks:
                    - task_key: gen
                      notebook_task:
                        notebook_path: ./gen.py
                        base_parameters:
                          profile: ${var.profile}
            targets:
              dev:
                default: true
                mode: development
              staging:
                mode: development

            """,
            "gen.py": "# Databricks notebook source\n",
        ]
        for request in ["use the furniture profile in staging", "set the profile to furniture in staging"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(bundle.targetsMapping?["staging"]?["variables"]?["profile"]?.string, "furniture", "\(request): \(plan.summary)")
            XCTAssertNil(bundle.targetsMapping?["staging"]?["workspace"], request)
        }
    }

    /// "set the retention variable to 14 days" wrote "14" (the unit dropped), and "… 2 weeks" "2".
    func testADurationKeepsItsUnit() throws {
        let files = [
            "databricks.yml": """
            bundle:
              name: watch
            variables:
              retention:
                description: How long to retain raw files before cleanup
                default: 30 days
            resources:
              pipelines:
                p:
                  name: p
                  serverless: true
                  catalog: main
                  schema: s
                  configuration:
                    cleanSource.retentionDuration: ${var.retention}
                  libraries:
                    - file:
                        path: ./a.py
            targets:
              dev:
                default: true

            """,
            "a.py": "print(1)\n",
        ]
        for (request, value) in [("set the retention variable to 14 days", "14 days"), ("set retention to 2 weeks", "2 weeks")] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(bundle.configuration["variables"]?["retention"]?["default"]?.string, value, "\(request): \(plan.summary)")
        }
    }

    /// Adding a task: "after bronze_task, run src/check.py as a new task called validate" replaced the file
    /// bronze_task runs; "add a task validate before bronze_task" added it after.
    func testANewTaskSaidInOtherWords() throws {
        let files = [
            "databricks.yml": "bundle:\n  name: nt\nresources:\n  jobs:\n    bronze_job:\n      name: bronze\n      tasks:\n        - task_key: prepare\n          spark_python_task:\n            python_file: ./src/prepare.py\n          environment_key: default\n        - task_key: bronze_task\n          depends_on:\n            - task_key: prepare\n          spark_python_task:\n            python_file: ./src/ingest.py\n          environment_key: default\n      environments:\n        - environment_key: default\n          spec:\n            client: \"1\"\ntargets:\n  dev:\n    default: true\n",
            "src/prepare.py": "print(0)\n", "src/ingest.py": "print(1)\n", "src/check.py": "print(2)\n",
        ]
        func tasks(_ bundle: LoadedBundle) -> [String: [String]] {
            Dictionary(uniqueKeysWithValues: (bundle.configuration["resources"]?["jobs"]?["bronze_job"]?["tasks"]?.sequence ?? []).compactMap { task in
                task["task_key"]?.string.map { ($0, (task["depends_on"]?.sequence ?? []).compactMap { $0["task_key"]?.string }) }
            })
        }
        for request in ["after bronze_task, run src/check.py as a new task called validate", "run src/check.py as a new task called validate after bronze_task"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(tasks(bundle), ["prepare": [], "bronze_task": ["prepare"], "validate": ["bronze_task"]], "\(request): \(plan.summary)")
            let ingest = (bundle.configuration["resources"]?["jobs"]?["bronze_job"]?["tasks"]?.sequence ?? []).first { $0["task_key"]?.string == "bronze_task" }
            XCTAssertEqual(ingest?["spark_python_task"]?["python_file"]?.string, "./src/ingest.py", request)
        }
        let (before, ordered) = try InMemoryPlanning.apply("add a task validate before bronze_task that runs src/check.py", to: files)
        XCTAssertEqual(tasks(ordered), ["prepare": [], "validate": ["prepare"], "bronze_task": ["validate"]], before.summary)
        let (first, firstly) = try InMemoryPlanning.apply("add a task validate before prepare that runs src/check.py", to: files)
        XCTAssertEqual(tasks(firstly), ["validate": [], "prepare": ["validate"], "bronze_task": ["prepare"]], first.summary)
    }

    /// "6" after "give the dlt pipeline 4 workers" was refused (serverless) set the gold job's timeout, the change
    /// before it, to 6 hours.
    func testABareNumberAfterARefusedRequestIsThatRequestsValue() throws {
        var c = FollowUpTests.Conversation()
        c.files = ["databricks.yml": "bundle:\n  name: t1\nresources:\n  jobs:\n    gold:\n      name: gold\n      tasks:\n        - task_key: g\n          notebook_task:\n            notebook_path: ./nb.py\n  pipelines:\n    dlt:\n      name: dlt\n      catalog: main\n      schema: s\n      serverless: true\n      libraries:\n        - notebook:\n            path: ./nb.py\ntargets:\n  dev:\n    default: true\n",
                   "nb.py": "# Databricks notebook source\n"]
        _ = try c.ask("set the timeout of the gold job to 2 hours")
        let bundle = try SalesBundle.load(c.files)
        let (refused, _) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("give the dlt pipeline 4 workers")), session: c.session)
        guard case .refused = refused else { return XCTFail("\(refused)") }
        c.session.turns.append(.init(request: "give the dlt pipeline 4 workers", reply: "\(refused)"))
        for answer in ["6", "ok then 6"] {
            let (outcome, _) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(answer)), session: c.session)
            if case .plan(let plan) = outcome { XCTFail("\(answer): \(plan.summary)") }
        }
    }

    /// "make it MODIFY instead" after "grant SELECT on the raw schema to ml-team" kept SELECT beside MODIFY.
    func testAGrantMadeAnotherPrivilegeInstead() throws {
        var c = FollowUpTests.Conversation()
        c.files = ["databricks.yml": "bundle:\n  name: g1\nresources:\n  schemas:\n    raw:\n      name: raw\n      catalog_name: main\ntargets:\n  dev:\n    default: true\n"]
        _ = try c.ask("grant SELECT on the raw schema to ml-team")
        let plan = try c.ask("make it MODIFY instead")
        let grants = try SalesBundle.load(c.files).configuration["resources"]?["schemas"]?["raw"]?["grants"]?.sequence ?? []
        XCTAssertEqual(grants.compactMap { $0["principal"]?.string }, ["ml-team"], plan?.summary ?? "")
        XCTAssertEqual(grants.first?["privileges"]?.sequence?.compactMap(\.string), ["MODIFY"], plan?.summary ?? "")
    }
}
