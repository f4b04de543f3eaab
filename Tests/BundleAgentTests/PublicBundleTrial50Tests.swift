@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the known gaps of 2026-12-06 and the trials of that day. Each asserts what is written.
final class PublicBundleTrial50Tests: XCTestCase {
    static let nightly = [
        "databricks.yml": "bundle: {name: sales}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true, mode: development}\n  prod: {mode: production}\n",
        "resources/nightly.job.yml": """
        resources:
          jobs:
            nightly:
              name: nightly
              schedule:
                quartz_cron_expression: "0 30 2 * * ?"
                timezone_id: Europe/Berlin
              tasks:
                - task_key: ingest
                  notebook_task: {notebook_path: ../src/a.py}
        """,
        "src/a.py": "# Databricks notebook source\nprint(1)\n",
    ]

    func cron(_ bundle: LoadedBundle, target: String? = nil) -> String? {
        let configuration = target.map { bundle.effectiveConfiguration(target: $0).configuration } ?? bundle.configuration
        return configuration["resources"]?["jobs"]?["nightly"]?["schedule"]?["quartz_cron_expression"]?.string
    }

    /// "stop running on weekends" asked when the job should run; its days are now Monday to Friday,
    /// at the time and in the zone it had.
    func testStopRunningOnWeekendsKeepsTheTime() throws {
        for request in ["stop running on weekends", "don't run the nightly job on weekends anymore", "skip weekends"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.nightly)
            XCTAssertEqual(cron(bundle), "0 30 2 ? * MON-FRI", request)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["nightly"]?["schedule"]?["timezone_id"]?.string, "Europe/Berlin", request)
        }
    }

    /// Days taken away and added one after the other, and a whole schedule with an exception.
    func testDaysAreTakenAwayAndAdded() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.nightly)
        _ = try conversation.ask("stop running on weekends")
        _ = try conversation.ask("don't run it on Mondays either")
        XCTAssertEqual(cron(try conversation.load()), "0 30 2 ? * TUE-FRI")
        _ = try conversation.ask("also run on Saturdays")
        XCTAssertEqual(cron(try conversation.load()), "0 30 2 ? * TUE-SAT")
        let again = try conversation.ask("don't run on Sundays")
        guard case .refused(let reason) = again, PlanOutcome.isAsAsked(reason) else { return XCTFail("\(again)") }
        let (_, bundle) = try InMemoryPlanning.apply("run daily at 3am except Sundays", to: Self.nightly)
        XCTAssertEqual(cron(bundle), "0 0 3 ? * MON-SAT")
    }

    /// In one target only: the override holds the new days; the definition keeps every day.
    func testWeekendsOffInOneTarget() throws {
        let (_, bundle) = try InMemoryPlanning.apply("stop running on weekends in prod only", to: Self.nightly)
        XCTAssertEqual(cron(bundle), "0 30 2 * * ?")
        XCTAssertEqual(cron(bundle, target: "prod"), "0 30 2 ? * MON-FRI")
        XCTAssertEqual(cron(bundle, target: "dev"), "0 30 2 * * ?")
    }

    static let prodOnly = [
        "databricks.yml": """
        bundle: {name: demo}
        include: [resources/*.yml]
        targets:
          dev: {default: true, mode: development}
          test: {mode: development}
          prod:
            mode: production
            resources:
              jobs:
                demo_workflow:
                  schedule: {quartz_cron_expression: 0 0 2 * * ?, timezone_id: UTC, pause_status: UNPAUSED}
        """,
        "resources/demo.yml": """
        resources:
          jobs:
            demo_workflow:
              name: demo
              tasks:
                - task_key: setup
                  notebook_task: {notebook_path: ../src/a.py}
            other:
              name: other
              tasks:
                - task_key: t
                  notebook_task: {notebook_path: ../src/a.py}
        """,
        "src/a.py": "# Databricks notebook source\nprint(1)\n",
    ]

    func schedule(_ bundle: LoadedBundle, _ target: String) -> YAMLNode? {
        bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["demo_workflow"]?["schedule"]
    }

    /// A schedule written in prod's override only: "only run the demo workflow on weekdays" made a new
    /// midnight schedule for every target; it narrows prod's, at 02:00. "an hour later" moves prod's.
    func testChangingAScheduleOfOneTargetChangesThatOne() throws {
        for (request, cron) in [("only run the demo workflow on weekdays", "0 0 2 ? * MON-FRI"), ("stop running the demo workflow on weekends", "0 0 2 ? * MON-FRI"),
                                ("move the schedule of the demo workflow an hour later", "0 0 3 * * ?")] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.prodOnly)
            XCTAssertEqual(schedule(bundle, "prod")?["quartz_cron_expression"]?.string, cron, request)
            XCTAssertNil(schedule(bundle, "dev"), request)
            XCTAssertNil(schedule(bundle, "test"), request)
        }
        // A whole new schedule is still for every target.
        let (_, daily) = try InMemoryPlanning.apply("run the demo workflow daily at 5am", to: Self.prodOnly)
        XCTAssertEqual(schedule(daily, "dev")?["quartz_cron_expression"]?.string, "0 0 5 * * ?")
    }

    /// "pause the schedule" refused ("none of the 3 jobs can take this change"): prod's is paused.
    func testPausingAScheduleOfOneTarget() throws {
        let (_, bundle) = try InMemoryPlanning.apply("pause the schedule", to: Self.prodOnly)
        XCTAssertEqual(schedule(bundle, "prod")?["pause_status"]?.string, "PAUSED")
        XCTAssertNil(schedule(bundle, "dev"))
    }

    static let prefixed = [
        "databricks.yml": """
        bundle: {name: demo}
        variables:
          job_prefix: {default: PSTAD}
        resources:
          jobs:
            run-unit-tests:
              name: ${var.job_prefix}-run-unit-tests
              tasks:
                - task_key: ${var.job_prefix}-run-unit-tests-task
                  new_cluster: {spark_version: 14.3.x-scala2.12, node_type_id: i3.xlarge, num_workers: 1}
                  notebook_task: {notebook_path: ./a.py}
                  libraries:
                    - pypi: {package: pytest}
        targets:
          dev: {default: true, mode: development}
        """,
        "a.py": "# Databricks notebook source\nprint(1)\n",
    ]

    /// A task key written with a variable (`${var.job_prefix}-run-unit-tests-task`): each change
    /// appended a second task of the resolved name with only the new field (a duplicate key).
    func testATaskKeyWrittenWithAVariableIsEditedInPlace() throws {
        for request in ["give the run-unit-tests job 3 workers", "retry the unit tests task twice", "add the PyPI library pytest-cov to the unit tests job"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.prefixed)
            let tasks = bundle.configuration["resources"]?["jobs"]?["run-unit-tests"]?["tasks"]?.sequence ?? []
            XCTAssertEqual(tasks.count, 1, request)
            XCTAssertEqual(tasks.first?["task_key"]?.string, "${var.job_prefix}-run-unit-tests-task", request)
        }
        let (_, bundle) = try InMemoryPlanning.apply("give the run-unit-tests job 3 workers", to: Self.prefixed)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["run-unit-tests"]?["tasks"]?.sequence?.first?["new_cluster"]?["num_workers"]?.string, "3")
    }

    static let firstFormat = [
        "databricks.yml": """
        bundle:
          name: employees
        resources:
          jobs:
            employees_job:
              name: "Employees Table Creation Job"
              tasks:
                - task_key: t
                  notebook_task: {notebook_path: ./a.py}
        environments:   # the first bundle format
          dev:
            default: true
            workspace:
              host: https://adb-1.azuredatabricks.net
        """,
        "a.py": "# Databricks notebook source\nprint(1)\n",
    ]

    /// "add a prod target" said to rename `environments` to `targets` first; asking so renamed the job
    /// "targets". The section is renamed (its comment kept), and a target can then be added.
    func testEnvironmentsAreRenamedToTargets() throws {
        for request in ["rename environments to targets", "rename the environments section to targets", "migrate environments to targets",
                        "convert the environments to targets", "change environments: to targets:"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.firstFormat)
            XCTAssertEqual(bundle.targetNames, ["dev"], request)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["employees_job"]?["name"]?.string, "Employees Table Creation Job", request)
            XCTAssertTrue(plan.contents?["databricks.yml"]?.contains("targets:   # the first bundle format") == true, request)
        }
        var conversation = PublicBundleTrial39Tests.Conversation(Self.firstFormat)
        _ = try conversation.ask("rename environments to targets")
        guard case .plan = try conversation.ask("add a prod target") else { return XCTFail("prod") }
        XCTAssertEqual(try conversation.load().targetNames, ["dev", "prod"])
    }

    /// "only deploy it to prod" after "email me when it fails" moved the e-mail to prod (as "only in
    /// prod" narrows the change before); it is the job that is deployed to prod alone.
    func testOnlyDeployItToProdIsOfTheJob() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.nightly)
        _ = try conversation.ask("email ops@example.com when the nightly job fails")
        let outcome = try conversation.ask("only deploy it to prod")
        let bundle = try conversation.load()
        XCTAssertNil(bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["nightly"], "\(outcome)")
        let prod = bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["nightly"]
        XCTAssertEqual(prod?["email_notifications"]?["on_failure"]?.sequence?.first?.string, "ops@example.com")
    }

    /// "the test suite" of the job tfnsw_test_suite (targets dev, staging, prod) was refused as the
    /// target test; "the prod cluster" of a job named prod_cluster_job still names the target prod.
    func testATargetWordInsideAResourceNameIsNotATarget() throws {
        var files = Self.nightly
        files["databricks.yml"] = "bundle: {name: t}\ninclude: [resources/*.yml]\ntargets:\n  dev: {default: true, mode: development}\n  staging: {}\n  prod: {mode: production}\n"
        files["resources/suite.yml"] = """
        resources:
          jobs:
            tfnsw_test_suite:
              name: tfnsw_test_suite
              tasks:
                - task_key: run_tests
                  notebook_task: {notebook_path: ../src/a.py}
        """
        let (plan, bundle) = try InMemoryPlanning.apply("add retries to the test suite job", to: files)
        XCTAssertNil(plan.target)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["tfnsw_test_suite"]?["tasks"]?.sequence?.first?["max_retries"]?.string, "2")
        let (prodPlan, _) = try InMemoryPlanning.apply("add retries to the test suite job in prod", to: files)
        XCTAssertEqual(prodPlan.target, "prod")
    }

    /// "email ops@… when the hello world jobs fail" changed hello_world_job and said of
    /// hello_world_job_2 "the change does not apply to it": both jobs the plural names.
    func testThePluralOfANameIsEveryJobThatHoldsIt() throws {
        var files = Self.nightly
        for key in ["hello_world_job", "hello_world_job_2"] {
            files["resources/\(key).yml"] = "resources:\n  jobs:\n    \(key):\n      name: \(key)\n      tasks:\n        - task_key: say_hello\n          notebook_task: {notebook_path: ../src/a.py}\n"
        }
        let (_, bundle) = try InMemoryPlanning.apply("email ops@example.com when the hello world jobs fail", to: files)
        for key in ["hello_world_job", "hello_world_job_2"] {
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?[key]?["email_notifications"]?["on_failure"]?.sequence?.first?.string, "ops@example.com", key)
        }
        XCTAssertNil(bundle.configuration["resources"]?["jobs"]?["nightly"]?["email_notifications"])
        // "same for the hello world jobs" after a change of another job: both, in one change.
        var conversation = PublicBundleTrial39Tests.Conversation(files)
        _ = try conversation.ask("email ops@example.com when the nightly job fails")
        let same = try conversation.ask("same for the hello world jobs")
        for key in ["hello_world_job", "hello_world_job_2"] {
            XCTAssertEqual(try conversation.job(key)?["email_notifications"]?["on_failure"]?.sequence?.first?.string, "ops@example.com", "\(key): \(same)")
        }
        // The singular is the one job.
        let (_, one) = try InMemoryPlanning.apply("add retries to the hello world job", to: files)
        XCTAssertNil(one.configuration["resources"]?["jobs"]?["hello_world_job_2"]?["tasks"]?.sequence?.first?["max_retries"])
    }

    /// "point the task at ../config/setup.py", written as the job's file writes paths, became
    /// ../../config/setup.py (outside the bundle) with "does not exist yet".
    func testAPathWrittenAsTheJobFileWritesItIsTaken() throws {
        var files = Self.nightly
        files["config/setup.py"] = "# Databricks notebook source\nprint(2)\n"
        let (plan, bundle) = try InMemoryPlanning.apply("point the ingest task at ../config/setup.py", to: files)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["nightly"]?["tasks"]?.sequence?.first?["notebook_task"]?["notebook_path"]?.string, "../config/setup.py")
        XCTAssertFalse(plan.summary.contains("does not exist"), plan.summary)
        let (_, same) = try InMemoryPlanning.apply("point the ingest task at config/setup.py", to: files)
        XCTAssertEqual(same.configuration["resources"]?["jobs"]?["nightly"]?["tasks"]?.sequence?.first?["notebook_task"]?["notebook_path"]?.string, "../config/setup.py")
        var conversation = PublicBundleTrial39Tests.Conversation(files)
        _ = try conversation.ask("point the ingest task at ../config/setup.py")
        let again = try conversation.ask("point the ingest task at ../config/setup.py")
        guard case .refused(let reason) = again, PlanOutcome.isAsAsked(reason) else { return XCTFail("\(again)") }
    }

    /// "pause the file arrival trigger" asked where files arrive; "upgrade the environment version to 3
    /// everywhere" asked which job; "no, I meant only in prod" was not understood.
    func testPausingATriggerEverywhereAndIMeant() throws {
        var files = Self.nightly
        files["resources/nightly.job.yml"] = """
        resources:
          jobs:
            nightly:
              name: nightly
              trigger:
                file_arrival: {url: /Volumes/main/raw/landing/}
              environments:
                - environment_key: default
                  spec: {client: "2"}
              tasks:
                - task_key: ingest
                  environment_key: default
                  spark_python_task: {python_file: ../src/b.py}
            weekly:
              name: weekly
              environments:
                - environment_key: default
                  spec: {client: "2"}
              tasks:
                - task_key: report
                  environment_key: default
                  spark_python_task: {python_file: ../src/b.py}
        """
        files["src/b.py"] = "print(1)\n"
        let (_, paused) = try InMemoryPlanning.apply("pause the file arrival trigger", to: files)
        XCTAssertEqual(paused.configuration["resources"]?["jobs"]?["nightly"]?["trigger"]?["pause_status"]?.string, "PAUSED")
        XCTAssertEqual(paused.configuration["resources"]?["jobs"]?["nightly"]?["trigger"]?["file_arrival"]?["url"]?.string, "/Volumes/main/raw/landing/")
        let (_, upgraded) = try InMemoryPlanning.apply("upgrade the environment version to 3 everywhere", to: files)
        for job in ["nightly", "weekly"] {
            let spec = upgraded.configuration["resources"]?["jobs"]?[job]?["environments"]?.sequence?.first?["spec"]
            XCTAssertEqual(spec?["environment_version"]?.string ?? spec?["client"]?.string, "3", job)
        }
        XCTAssertEqual(FollowUp.onlyIn(RequestText("I meant only in prod"), targets: ["dev", "prod"]), "prod")
        XCTAssertEqual(FollowUp.onlyIn(RequestText("it should have been prod only"), targets: ["dev", "prod"]), "prod")
    }

    /// A root file without `include:` beside resources/sample_job.job.yml: "the sample job" was "no job
    /// called sample" with nothing said of the file, and "include the resources folder" was not understood.
    func testResourceFilesThatAreNotIncluded() throws {
        var files = Self.nightly
        files["databricks.yml"] = "bundle: {name: lab}\nresources:\n  jobs:\n    daily_etl_job:\n      name: daily\n      tasks:\n        - task_key: t\n          notebook_task: {notebook_path: ./src/a.py}\ntargets:\n  dev: {default: true, mode: development}\n"
        files["resources/sample_job.job.yml"] = files.removeValue(forKey: "resources/nightly.job.yml")!.replacingOccurrences(of: "nightly", with: "sample_job")
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        let (outcome, _) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("email ops@example.com when the sample job fails")), session: nil)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.contains("resources/sample_job.job.yml is not included"), reason)
        for request in ["include the resources folder", "include the resources folder in the bundle", "include resources/*.yml",
                        "add resources/*.yml to the includes", "include the yaml files of resources/"] {
            let (plan, included) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(included.configuration["include"]?.sequence?.compactMap(\.string), ["resources/*.yml"], request)
            XCTAssertNotNil(included.configuration["resources"]?["jobs"]?["sample_job"], request)
            XCTAssertTrue(plan.summary.contains("brings in resources/sample_job.job.yml"), plan.summary)
        }
    }

    /// A job called notebook: "remove the notebook job" was not understood (notebook is a word of a
    /// task's parts); "remove the notebook from the ingest task" is still of a part.
    func testAJobNamedAfterAPartIsRemovedByItsName() throws {
        var files = Self.nightly
        files["resources/notebook.job.yml"] = "resources:\n  jobs:\n    notebook:\n      name: notebook\n      tasks:\n        - task_key: notebook\n          notebook_task: {notebook_path: ../src/a.py}\n"
        for request in ["remove the notebook job", "delete the notebook job"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            // (The job's own file goes: InMemoryPlanning applies edits, the removal is the plan's.)
            XCTAssertEqual(plan.removedFiles, ["resources/notebook.job.yml"], request)
            XCTAssertNotNil(bundle.configuration["resources"]?["jobs"]?["nightly"], request)
        }
    }

    /// "make the clusters larger" with three jobs of one cluster each asked which job: each one's.
    func testThePluralOfClustersIsEachJobsCluster() throws {
        var files = Self.prefixed
        files["resources/other.job.yml"] = """
        resources:
          jobs:
            other:
              name: other
              tasks:
                - task_key: t
                  new_cluster: {spark_version: 14.3.x-scala2.12, node_type_id: i3.xlarge, num_workers: 1}
                  notebook_task: {notebook_path: ../a.py}
        """
        files["databricks.yml"] = "include: [resources/*.yml]\n" + files["databricks.yml"]!
        let (_, bundle) = try InMemoryPlanning.apply("make the clusters larger", to: files)
        for job in ["run-unit-tests", "other"] {
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?[job]?["tasks"]?.sequence?.first?["new_cluster"]?["num_workers"]?.string, "2", job)
        }
    }

    static let twoJobs = [
        "databricks.yml": "bundle: {name: lake}\ninclude: [resources/*.yml]\nvariables:\n  landing: {description: landing root}\ntargets:\n  dev: {default: true, mode: development, variables: {landing: x}}\n  staging: {variables: {landing: y}}\n  prod: {mode: production, variables: {landing: z}}\n",
        "resources/platform.job.yml": """
        resources:
          jobs:
            data_platform:
              name: data platform
              tasks:
                - task_key: customer_kpi_view
                  notebook_task: {notebook_path: ../src/a.py}
            integration_test:
              name: integration test
              tasks:
                - task_key: run_tests
                  notebook_task: {notebook_path: ../src/a.py}
        """,
        "src/a.py": "# Databricks notebook source\nprint(1)\n",
    ]

    /// "view every job" granted on one job only: "view" is also a word of its task customer_kpi_view.
    /// "see the run history" granted CAN_MANAGE_RUN (start and cancel runs); seeing runs is viewing.
    func testViewEveryJobAndSeeTheRunHistory() throws {
        for request in ["let the data-analysts group view every job", "let the data-analysts group view both jobs"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.twoJobs)
            for job in ["data_platform", "integration_test"] {
                XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?[job]?["permissions"]?.sequence?.first?["level"]?.string, "CAN_VIEW", "\(request): \(job)")
            }
        }
        let (_, history) = try InMemoryPlanning.apply("let the group quant-analysts see the run history of the integration test job", to: Self.twoJobs)
        XCTAssertEqual(history.configuration["resources"]?["jobs"]?["integration_test"]?["permissions"]?.sequence?.first?["level"]?.string, "CAN_VIEW")
        let (_, run) = try InMemoryPlanning.apply("let the group ops run the integration test job", to: Self.twoJobs)
        XCTAssertEqual(run.configuration["resources"]?["jobs"]?["integration_test"]?["permissions"]?.sequence?.first?["level"]?.string, "CAN_MANAGE_RUN")
    }

    /// "and abfss://…dev… for dev and staging" after a value for prod set dev only; staging was dropped.
    func testAFollowUpForTwoTargetsChangesBoth() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.twoJobs)
        _ = try conversation.ask("set the landing variable to abfss://landing@prod.dfs.core.windows.net in prod")
        let outcome = try conversation.ask("and abfss://landing@dev.dfs.core.windows.net for dev and staging")
        let bundle = try conversation.load()
        for target in ["dev", "staging"] {
            XCTAssertEqual(bundle.targetsMapping?[target]?["variables"]?["landing"]?.string, "abfss://landing@dev.dfs.core.windows.net", "\(target): \(outcome)")
        }
        XCTAssertEqual(bundle.targetsMapping?["prod"]?["variables"]?["landing"]?.string, "abfss://landing@prod.dfs.core.windows.net")
    }

    /// "add a gold task after the silver task" with tasks bronze_ingest and silver_numbers: "no task
    /// called silver" (a part of a key was taken everywhere else).
    func testAfterAPartOfATaskKey() throws {
        var files = Self.nightly
        files["resources/nightly.job.yml"] = files["resources/nightly.job.yml"]!.replacingOccurrences(of: """
                - task_key: ingest
                  notebook_task: {notebook_path: ../src/a.py}
        """, with: """
                - task_key: bronze_ingest
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: silver_numbers
                  depends_on: [{task_key: bronze_ingest}]
                  notebook_task: {notebook_path: ../src/a.py}
        """)
        let (_, bundle) = try InMemoryPlanning.apply("add a gold task after the silver task that runs src/a.py", to: files)
        let gold = bundle.configuration["resources"]?["jobs"]?["nightly"]?["tasks"]?.sequence?.first { $0["task_key"]?.string == "gold" }
        XCTAssertEqual(gold?["depends_on"]?.sequence?.first?["task_key"]?.string, "silver_numbers")
    }

    /// An alert's schedule: "pause the freshness alert in prod" and "check it at 9am instead of 8" were
    /// refused ("this change applies to a job only"), whatever the words.
    func testAnAlertsScheduleIsPausedAndMoved() throws {
        var files = Self.nightly
        files["resources/freshness.alert.yml"] = """
        resources:
          alerts:
            freshness:
              display_name: freshness
              warehouse_id: 0c5a02c28448ef5b
              query_text: SELECT 1 AS hours
              evaluation:
                comparison_operator: GREATER_THAN
                source: {name: hours}
                threshold: {value: {double_value: 24}}
              schedule:
                quartz_cron_schedule: "0 0 8 * * ?"
                timezone_id: Australia/Sydney
        """
        let (pausePlan, paused) = try InMemoryPlanning.apply("pause the freshness alert in prod", to: files)
        XCTAssertEqual(pausePlan.target, "prod")
        XCTAssertEqual(paused.effectiveConfiguration(target: "prod").configuration["resources"]?["alerts"]?["freshness"]?["schedule"]?["pause_status"]?.string, "PAUSED")
        XCTAssertNil(paused.effectiveConfiguration(target: "dev").configuration["resources"]?["alerts"]?["freshness"]?["schedule"]?["pause_status"])
        let (_, moved) = try InMemoryPlanning.apply("check the freshness alert at 9am instead of 8", to: files)
        let schedule = moved.configuration["resources"]?["alerts"]?["freshness"]?["schedule"]
        XCTAssertEqual(schedule?["quartz_cron_schedule"]?.string, "0 0 9 * * ?")
        XCTAssertEqual(schedule?["timezone_id"]?.string, "Australia/Sydney")
        XCTAssertEqual(moved.configuration["resources"]?["jobs"]?["nightly"]?["schedule"]?["quartz_cron_expression"]?.string, "0 30 2 * * ?")
    }

    /// A single-node cluster written without num_workers (is_single_node, the singleNode profile): "give
    /// it 4 workers" had "no fixed number of workers to change".
    func testASingleNodeClusterWithoutNumWorkersGetsWorkers() throws {
        var files = Self.nightly
        files["resources/nightly.job.yml"] = """
        resources:
          jobs:
            etl:
              name: etl
              job_clusters:
                - job_cluster_key: etl_cluster
                  new_cluster:
                    spark_version: 15.4.x-scala2.12
                    node_type_id: r5d.xlarge
                    kind: CLASSIC_PREVIEW
                    is_single_node: true
                    spark_conf:
                      spark.master: local[*, 4]
                      spark.databricks.cluster.profile: singleNode
                    custom_tags:
                      ResourceClass: SingleNode
              tasks:
                - task_key: ingest
                  job_cluster_key: etl_cluster
                  notebook_task: {notebook_path: ../src/a.py}
        """
        for request in ["give the etl cluster 4 workers", "set the etl cluster to 4 workers"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            let cluster = bundle.configuration["resources"]?["jobs"]?["etl"]?["job_clusters"]?.sequence?.first?["new_cluster"]
            XCTAssertEqual(cluster?["num_workers"]?.string, "4", request)
            XCTAssertNil(cluster?["is_single_node"], request)
            XCTAssertNil(cluster?["spark_conf"]?["spark.databricks.cluster.profile"], request)
            XCTAssertFalse(plan.summary.contains("single-node (0 workers"), plan.summary)
        }
    }

    /// "a couple of retries, say 3" set 2: the number said after the vague one is the count.
    func testAVagueCountThenANumber() throws {
        for (request, count) in [("add a couple of retries to the ingest task, say 3", "3"), ("retry the ingest task a few times, like 4", "4"),
                                 ("add a couple of retries to the ingest task", "2")] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.nightly)
            XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["nightly"]?["tasks"]?.sequence?.first?["max_retries"]?.string, count, request)
        }
    }

    /// Answers to a question that asks for a value: "2 hours" after "set the timeout of weekly" asked
    /// how long (it asked which job, the offered request naming none); "owner=finance" after "Which
    /// tag? Write it as key=value" (not understood).
    func testAValueAnsweringAQuestionIsForTheResourceAskedAbout() throws {
        var files = Self.nightly
        files["resources/weekly.job.yml"] = "resources:\n  jobs:\n    weekly:\n      name: weekly\n      tasks:\n        - task_key: report\n          notebook_task: {notebook_path: ../src/a.py}\n"
        var conversation = PublicBundleTrial39Tests.Conversation(files)
        guard case .clarify = try conversation.ask("set the timeout of weekly") else { return XCTFail("a question was expected") }
        let timed = try conversation.ask("2 hours")
        XCTAssertEqual(try conversation.job("weekly")?["timeout_seconds"]?.string, "7200", "\(timed)")
        XCTAssertNil(try conversation.job("nightly")?["timeout_seconds"])

        guard case .clarify = try conversation.ask("add a tag to weekly") else { return XCTFail("a question was expected") }
        let tagged = try conversation.ask("owner=finance")
        XCTAssertEqual(try conversation.job("weekly")?["tags"]?["owner"]?.string, "finance", "\(tagged)")
        XCTAssertNil(try conversation.job("nightly")?["tags"])
        XCTAssertEqual(FollowUp.pairValue(RequestText("team: data")), "team=data")
        XCTAssertNil(FollowUp.pairValue(RequestText("set team=data")))
    }

    /// "1234abcd5678ef90" after "Which SQL warehouse? … give its id": the question's request with it.
    func testAnIdAnsweringAQuestionCompletesItsRequest() throws {
        var files = Self.nightly
        files["resources/manager.app.yml"] = "resources:\n  apps:\n    manager:\n      name: manager\n      source_code_path: ../src/app\n"
        var conversation = PublicBundleTrial39Tests.Conversation(files)
        guard case .clarify = try conversation.ask("let the app use the sql warehouse") else { return XCTFail("a question was expected") }
        let answered = try conversation.ask("1234abcd5678ef90")
        let bundle = try conversation.load()
        XCTAssertEqual(bundle.configuration["resources"]?["apps"]?["manager"]?["resources"]?.sequence?.first?["sql_warehouse"]?["id"]?.string, "1234abcd5678ef90", "\(answered)")
    }

    /// "give the erp ingest 5 retries" set 5 retries on all 8 tasks (one said "No retries"): the task
    /// ingest_erp, its words in another order.
    func testAKeysWordsInAnotherOrderNameThatTask() throws {
        var files = ["databricks.yml": Self.nightly["databricks.yml"]!, "src/a.py": "# Databricks notebook source\n"]
        files["resources/daily.job.yml"] = """
        resources:
          jobs:
            daily:
              name: daily
              tasks:
                - task_key: ingest_erp
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: ingest_commerce
                  notebook_task: {notebook_path: ../src/a.py}
                - task_key: silver_transform
                  max_retries: 0  # No retries
                  notebook_task: {notebook_path: ../src/a.py}

        """
        for request in ["give the erp ingest 5 retries", "give the erp ingestion 5 retries"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            let tasks = bundle.configuration["resources"]?["jobs"]?["daily"]?["tasks"]?.sequence ?? []
            XCTAssertEqual(tasks.map { $0["max_retries"]?.string }, ["5", nil, "0"], "\(request): \(plan.summary)")
        }
    }

    /// "declare a variable catalog without a default, every target sets it" wrote `default: every`.
    func testAVariableWithoutADefault() throws {
        var files = Self.nightly
        files["databricks.yml"] = "bundle: {name: sales}\ninclude: [resources/*.yml]\ntargets:\n  dev:\n    default: true\n    variables: {catalog: dev_cat}\n  prod:\n    variables: {catalog: main}\n"
        let (plan, bundle) = try InMemoryPlanning.apply("declare a variable catalog without a default, every target sets it", to: files)
        XCTAssertNotNil(bundle.configuration["variables"]?["catalog"], plan.summary)
        XCTAssertNil(bundle.configuration["variables"]?["catalog"]?["default"], plan.summary)
        XCTAssertTrue(plan.summary.contains("Every target gives it its own value"), plan.summary)
        guard case .clarify = OfflinePlanner().plan(PlanningContext(bundle: try BundleLoader(source: InMemoryFileSource(texts: files)).load(),
                                                                    request: RequestText("add a variable owner with default every"))) else {
            return XCTFail("a filler word is no default")
        }
    }

    /// "model monitoring every 6 hours please, and the governance one should time out after 45 minutes"
    /// set a timeout of 405 minutes (6 hours and 45 minutes added) on the monitoring job, and no schedule.
    func testTwoChangesAfterACommaAndDurationsSaidApart() throws {
        var files = ["databricks.yml": Self.nightly["databricks.yml"]!, "src/a.py": "# Databricks notebook source\n"]
        for key in ["model_monitoring_job", "model_governance_job"] {
            files["resources/\(key).yml"] = "resources:\n  jobs:\n    \(key):\n      name: \(key)\n      schedule:\n        quartz_cron_expression: \"0 0 6 * * ?\"\n        timezone_id: UTC\n      tasks:\n        - task_key: run\n          notebook_task: {notebook_path: ../src/a.py}\n"
        }
        let (plan, bundle) = try InMemoryPlanning.apply("model monitoring every 6 hours please, and the governance one should time out after 45 minutes", to: files)
        let jobs = bundle.configuration["resources"]?["jobs"]
        XCTAssertEqual(jobs?["model_monitoring_job"]?["schedule"]?["quartz_cron_expression"]?.string, "0 0 0/6 * * ?", plan.summary)
        XCTAssertEqual(jobs?["model_governance_job"]?["timeout_seconds"]?.string, "2700", plan.summary)
        XCTAssertNil(jobs?["model_monitoring_job"]?["timeout_seconds"], plan.summary)
        XCTAssertEqual(RequestText("run every 6 hours and time out after 45 minutes").duration, 2700)
        XCTAssertEqual(RequestText("a timeout of 1 hour and 30 minutes").duration, 5400)
        XCTAssertEqual(RequestText("1h30m").duration, 5400)
    }

    /// "quarantine alert threshold should be 10 not 5, and check it hourly" changed the schedule alone and
    /// said nothing of the threshold: an alert's threshold is a change of its own.
    func testAnAlertsThreshold() throws {
        var files = ["databricks.yml": Self.nightly["databricks.yml"]!]
        files["resources/alerts.yml"] = """
        resources:
          alerts:
            quarantine_alert:
              display_name: Records in quarantine
              warehouse_id: abc123
              query_text: SELECT COUNT(*) AS n FROM q
              evaluation:
                comparison_operator: GREATER_THAN
                source: {name: n}
                threshold:
                  value:
                    double_value: 5
              schedule:
                quartz_cron_schedule: "0 0/30 * * * ?"
                timezone_id: UTC

        """
        for request in ["set the threshold of the quarantine alert to 10", "quarantine alert threshold should be 10 not 5",
                        "raise the alert threshold to 10", "the quarantine threshold should be 10", "alert threshold = 10"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files)
            XCTAssertEqual(bundle.configuration["resources"]?["alerts"]?["quarantine_alert"]?["evaluation"]?["threshold"]?["value"]?["double_value"]?.string, "10", "\(request): \(plan.summary)")
        }
        // "fire at 10 or more" set a daily schedule at 10:00: the threshold, and its comparison.
        let (atLeast, compared) = try InMemoryPlanning.apply("the quarantine alert should fire at 10 or more", to: files)
        let evaluation = compared.configuration["resources"]?["alerts"]?["quarantine_alert"]?["evaluation"]
        XCTAssertEqual(evaluation?["threshold"]?["value"]?["double_value"]?.string, "10", atLeast.summary)
        XCTAssertEqual(evaluation?["comparison_operator"]?.string, "GREATER_THAN_OR_EQUAL", atLeast.summary)
        XCTAssertEqual(compared.configuration["resources"]?["alerts"]?["quarantine_alert"]?["schedule"]?["quartz_cron_schedule"]?.string, "0 0/30 * * * ?")
        let (both, bundle) = try InMemoryPlanning.apply("quarantine alert threshold should be 10 not 5, and check it hourly", to: files)
        let alert = bundle.configuration["resources"]?["alerts"]?["quarantine_alert"]
        XCTAssertEqual(alert?["evaluation"]?["threshold"]?["value"]?["double_value"]?.string, "10", both.summary)
        XCTAssertEqual(alert?["schedule"]?["quartz_cron_schedule"]?.string, "0 0 * * * ?", both.summary)
    }

    /// "actually make prod run at 5am" changed the schedule every target shares: the target is named
    /// after an opening word and a verb ("prod should run at 5" too).
    func testATargetNamedAsTheObjectAfterAnOpeningWord() throws {
        for request in ["actually make prod run at 5am", "ok so prod should run at 5am", "no, let prod run at 5am"] {
            let (plan, _) = try InMemoryPlanning.apply(request, to: Self.nightly)
            XCTAssertEqual(plan.target, "prod", "\(request): \(plan.summary)")
        }
        XCTAssertTrue(PlanningContext.namesTarget(RequestText("actually make prod run at 5am"), "prod"))
        XCTAssertFalse(PlanningContext.namesTarget(RequestText("make the product job run at 5am"), "prod"))
    }

    /// "let data-stewards view the monthly housekeeping job" asked when the job should run: "monthly"
    /// is a word of its name, not a schedule.
    func testAWordOfAResourcesNameAsksForNoChangeOfItsKind() throws {
        var files = ["databricks.yml": Self.nightly["databricks.yml"]!, "src/a.py": "# Databricks notebook source\n"]
        files["resources/jobs.yml"] = "resources:\n  jobs:\n    uc_steward_monthly_housekeeping:\n      name: UC Steward Monthly Housekeeping\n      schedule:\n        quartz_cron_expression: \"0 0 4 1 * ?\"\n        timezone_id: UTC\n      tasks:\n        - task_key: run\n          notebook_task: {notebook_path: ../src/a.py}\n"
        let (plan, bundle) = try InMemoryPlanning.apply("let data-stewards view the monthly housekeeping job", to: files)
        let job = bundle.configuration["resources"]?["jobs"]?["uc_steward_monthly_housekeeping"]
        XCTAssertEqual(job?["permissions"]?.sequence?.first?["group_name"]?.string, "data-stewards", plan.summary)
        XCTAssertEqual(job?["schedule"]?["quartz_cron_expression"]?.string, "0 0 4 1 * ?")
        let (daily, after) = try InMemoryPlanning.apply("run the monthly housekeeping job daily at 5am", to: files)
        XCTAssertEqual(after.configuration["resources"]?["jobs"]?["uc_steward_monthly_housekeeping"]?["schedule"]?["quartz_cron_expression"]?.string, "0 0 5 * * ?", daily.summary)
    }

    /// A description in quotes with a comma ("Daily numbers, sent weekly") was split into two changes: a
    /// description "Daily numbers and a weekly schedule.
    func testNoClauseStartsInsideQuotes() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("set the description of the nightly job to \"Daily numbers, sent weekly\"", to: Self.nightly)
        let job = bundle.configuration["resources"]?["jobs"]?["nightly"]
        XCTAssertEqual(job?["description"]?.string, "Daily numbers, sent weekly", plan.summary)
        XCTAssertEqual(job?["schedule"]?["quartz_cron_expression"]?.string, "0 30 2 * * ?", plan.summary)
    }

    /// "train on the first day of each month at 9am and pause it in dev" put the schedule in dev's override
    /// alone (the other targets had none): the schedule is every target's, the pause dev's.
    func testATrailingTargetOfAPauseIsThePausesAlone() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("run the nightly job on the first day of each month at 9am and pause it in dev", to: Self.nightly)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["nightly"]?["schedule"]?["quartz_cron_expression"]?.string, "0 0 9 1 * ?", plan.summary)
        let dev = try bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["nightly"]?["schedule"]
        XCTAssertEqual(dev?["pause_status"]?.string, "PAUSED", plan.summary)
        let prod = try bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["nightly"]?["schedule"]
        XCTAssertEqual(prod?["quartz_cron_expression"]?.string, "0 0 9 1 * ?")
        XCTAssertNotEqual(prod?["pause_status"]?.string, "PAUSED")
    }

    /// "set the cluster to minus 3 workers" set 3 workers: the sign said in words is kept (and the
    /// negative-count rule refuses the revision).
    func testMinusInWordsKeepsTheSign() {
        XCTAssertEqual(RequestText("set the cluster to minus 3 workers").number(before: ["workers"]), -3)
        XCTAssertTrue(RequestText("retry negative 5 times").words.contains("-5"))
        XCTAssertFalse(RequestText("the minus sign").words.contains("-"))
    }

    /// "add the audit_and_promote task back after run_dbt running notebooks/audit_and_promote.py" added a
    /// task called "back".
    func testATaskAddedBackKeepsItsName() throws {
        var files = Self.nightly
        files["src/audit.py"] = "# Databricks notebook source\n"
        let (plan, bundle) = try InMemoryPlanning.apply("add the audit_task task back after ingest running ../src/audit.py", to: files)
        let keys = bundle.configuration["resources"]?["jobs"]?["nightly"]?["tasks"]?.sequence?.compactMap { $0["task_key"]?.string } ?? []
        XCTAssertTrue(keys.contains("audit_task") && !keys.contains("back"), "\(keys): \(plan.summary)")
    }

    /// "Weekly Finance Report" answering "What should the new name be?" committed a weekly schedule;
    /// "\"Weekly finance numbers\"" answering "What should it say?" asked which job.
    func testANameOrTextAnsweringItsQuestion() throws {
        var files = Self.nightly
        files["resources/weekly.job.yml"] = "resources:\n  jobs:\n    weekly:\n      name: weekly\n      tasks:\n        - task_key: report\n          notebook_task: {notebook_path: ../src/a.py}\n"
        var conversation = PublicBundleTrial39Tests.Conversation(files)
        guard case .clarify = try conversation.ask("rename weekly") else { return XCTFail("a question was expected") }
        let renamed = try conversation.ask("Weekly Finance Report")
        XCTAssertEqual(try conversation.job("weekly")?["name"]?.string, "Weekly Finance Report", "\(renamed)")
        XCTAssertNil(try conversation.job("weekly")?["schedule"])
        guard case .clarify = try conversation.ask("give weekly a description") else { return XCTFail("a question was expected") }
        let described = try conversation.ask("\"Weekly finance numbers\"")
        XCTAssertEqual(try conversation.job("weekly")?["description"]?.string, "Weekly finance numbers", "\(described)")
        XCTAssertNil(try conversation.job("nightly")?["description"])
    }

    /// "add variables schema and sp_client_id, no defaults, the targets set them" made a schema resource
    /// called "and": both variables, without defaults.
    func testSeveralVariablesWithoutDefaults() throws {
        var files = Self.nightly
        files["databricks.yml"] = "bundle: {name: sales}\ninclude: [resources/*.yml]\ntargets:\n  dev:\n    default: true\n    variables: {schema: a, sp_client_id: x}\n  prod:\n    variables: {schema: b, sp_client_id: y}\n"
        let (plan, bundle) = try InMemoryPlanning.apply("add variables schema and sp_client_id, no defaults, the targets set them", to: files)
        XCTAssertEqual(bundle.configuration["variables"]?.mapping?.keys, ["schema", "sp_client_id"], plan.summary)
        XCTAssertNil(bundle.configuration["resources"]?["schemas"], plan.summary)
    }

    /// "all alerts should run hourly" asked which alert: each of them.
    func testEveryAlert() throws {
        var files = ["databricks.yml": Self.nightly["databricks.yml"]!]
        var yaml = "resources:\n  alerts:\n"
        for key in ["quarantine_alert", "drift_alert"] {
            yaml += "    \(key):\n      display_name: \(key)\n      warehouse_id: abc123\n      query_text: SELECT 1 AS n\n      evaluation:\n        comparison_operator: GREATER_THAN\n        source: {name: n}\n        threshold: {value: {double_value: 1}}\n      schedule:\n        quartz_cron_schedule: \"0 0/30 * * * ?\"\n        timezone_id: UTC\n"
        }
        files["resources/alerts.yml"] = yaml
        let (plan, bundle) = try InMemoryPlanning.apply("all alerts should run hourly", to: files)
        for key in ["quarantine_alert", "drift_alert"] {
            XCTAssertEqual(bundle.configuration["resources"]?["alerts"]?[key]?["schedule"]?["quartz_cron_schedule"]?.string, "0 0 * * * ?", "\(key): \(plan.summary)")
        }
    }

    /// "set seed to 7 in machine_load" was not understood: a parameter of one word, said after the verb.
    func testAParameterOfOneWord() throws {
        var files = ["databricks.yml": Self.nightly["databricks.yml"]!, "src/a.py": "# Databricks notebook source\n"]
        files["resources/machine_load.yml"] = "resources:\n  jobs:\n    machine_load:\n      name: machine_load\n      parameters:\n        - name: seed\n          default: \"42\"\n      tasks:\n        - task_key: run\n          notebook_task: {notebook_path: ../src/a.py}\n"
        let (plan, bundle) = try InMemoryPlanning.apply("set seed to 7 in machine_load", to: files)
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["machine_load"]?["parameters"]?.sequence?.first?["default"]?.string, "7", plan.summary)
    }

    /// "give the daily collection job 2 retries", "pause the hourly data collection": jobs
    /// data_collection_daily and data_collection_hourly, their key's words in another order (it asked which).
    func testAJobNamedByItsKeysWordsInAnotherOrder() throws {
        var files = ["databricks.yml": Self.nightly["databricks.yml"]!, "src/a.py": "# Databricks notebook source\n"]
        for key in ["data_collection_daily", "data_collection_hourly"] {
            files["resources/\(key).yml"] = "resources:\n  jobs:\n    \(key):\n      name: \(key)\n      schedule:\n        quartz_cron_expression: \"0 0 * * * ?\"\n        timezone_id: UTC\n      tasks:\n        - task_key: collect\n          notebook_task: {notebook_path: ../src/a.py}\n"
        }
        let (retried, first) = try InMemoryPlanning.apply("give the daily collection job 2 retries", to: files)
        XCTAssertEqual(first.configuration["resources"]?["jobs"]?["data_collection_daily"]?["tasks"]?.sequence?.first?["max_retries"]?.string, "2", retried.summary)
        let (paused, second) = try InMemoryPlanning.apply("pause the hourly data collection", to: files)
        XCTAssertEqual(second.configuration["resources"]?["jobs"]?["data_collection_hourly"]?["schedule"]?["pause_status"]?.string, "PAUSED", paused.summary)
        XCTAssertNil(second.configuration["resources"]?["jobs"]?["data_collection_daily"]?["schedule"]?["pause_status"])
    }

    /// "rename ingest to ingest_all and retry it twice" after a change in prod put the retries in prod
    /// alone, unsaid: another kind of change that names no target is every target's (a short "and add
    /// retries too" still continues in prod).
    func testAnotherKindOfChangeAfterOneInATargetIsEveryTargets() throws {
        var conversation = PublicBundleTrial39Tests.Conversation(Self.nightly)
        _ = try conversation.ask("set the timeout of the nightly job to 2 hours in prod")
        let renamed = try conversation.ask("rename the ingest task to ingest_all and retry it twice")
        XCTAssertEqual(try conversation.job("nightly")?["tasks"]?.sequence?.first { $0["task_key"]?.string == "ingest_all" }?["max_retries"]?.string, "2", "\(renamed)")
        var short = PublicBundleTrial39Tests.Conversation(Self.nightly)
        _ = try short.ask("set the timeout of the nightly job to 2 hours in prod")
        guard case .plan(let plan) = try short.ask("and add retries too") else { return XCTFail("a plan was expected") }
        XCTAssertEqual(plan.target, "prod", plan.summary)
    }

    /// "add a prod target using the …_prod catalog, same schemas as dev" made prod a development target
    /// (dev's mode): dev is named for its schemas, not as the model; "like dev" still models on it.
    func testANewTargetIsModelledOnlyOnATargetSaidAsTheModel() throws {
        let files = ["databricks.yml": "bundle: {name: sales}\ntargets:\n  dev:\n    default: true\n    mode: development\n"]
        let (plan, bundle) = try InMemoryPlanning.apply("add a prod target using the sales_prod catalog, same schemas as dev", to: files)
        XCTAssertEqual(bundle.configuration["targets"]?["prod"]?["mode"]?.string, "production", plan.summary)
        let (like, modelled) = try InMemoryPlanning.apply("add a qa target like dev", to: files)
        XCTAssertEqual(modelled.configuration["targets"]?["qa"]?["mode"]?.string, "development", like.summary)
    }
}
