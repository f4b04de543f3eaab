@testable import BundleAgent
import BundleModel
import XCTest

/// Refusals on shapes of real public bundles say where the change has to be made instead.
final class RefusalTextTests: XCTestCase {
    func refusal(_ request: String, _ files: [String: String]) throws -> String {
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        guard case .refused(let reason) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request))) else {
            XCTFail("\(request): not refused")
            return ""
        }
        return reason
    }

    /// A Python version on a job with clusters: the runtime that brings it.
    func testAPythonVersionOnAClusterJob() throws {
        let reason = try refusal("use python 3.11 for the sales sync", SalesBundle.files)
        XCTAssertEqual(reason, "job sales_sync runs on clusters, where Python 3.11 comes with Databricks Runtime 15.4 LTS: ask \"use Databricks Runtime 15.4 for sales_sync\"")
    }

    /// Environment version 4 runs Python 3.12 already: "upgrade to Python 3.12" is no downgrade to version 3.
    func testPythonThatANewerEnvironmentAlreadyBrings() throws {
        var files = SalesBundle.files
        files = files.mapValues { $0.replacingOccurrences(of: "environment_version: \"2\"", with: "environment_version: \"4\"") }
        let reason = try refusal("upgrade python to 3.12 for the marketing digest", files)
        XCTAssertEqual(reason, "the environment default of job marketing_digest already uses Python 3.12")
    }

    /// "remove … from staging" without a staging target is refused, never a removal from every target.
    func testRemovingFromATargetTheBundleLacks() throws {
        let reason = try refusal("remove the marketing digest job from staging", SalesBundle.files)
        XCTAssertEqual(reason, "this bundle has no target staging; its targets: dev, prod (\"add a staging target\" makes one)")
    }

    /// A kind of resource the bundle does not have is said so, not taken for another kind.
    func testAPipelineInABundleOfJobs() throws {
        let reason = try refusal("tag the pipeline with team=data", SalesBundle.files)
        XCTAssertTrue(reason.hasPrefix("this bundle defines no pipeline; it has job marketing_digest, job nightly_billing, job sales_sync"), reason)
    }

    /// `on_failure: ${var.notification_emails}` (databricks_ingestion_monitoring): the list is the variable's, and
    /// changes there (it was refused, pointing there).
    func testRecipientsFromAVariable() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("email oncall@example.com when the job fails", to: [
            "databricks.yml": """
            bundle: {name: monitoring}
            variables:
              notification_emails:
                type: complex
                default: [ops@example.com]
            resources:
              jobs:
                runner:
                  name: runner
                  email_notifications:
                    on_failure: ${var.notification_emails}
                  tasks:
                    - task_key: run
                      notebook_task: {notebook_path: ./run.py}
            """,
            "run.py": "# Databricks notebook source\n",
        ])
        XCTAssertEqual(bundle.configuration["variables"]?["notification_emails"]?["default"]?.sequence?.compactMap(\.string), ["ops@example.com", "oncall@example.com"])
        XCTAssertTrue(plan.summary.contains("e-mails ${var.notification_emails} on failure"), plan.summary)
    }

    /// Resources made by Python code (pydabs): not in YAML, and said so.
    func testResourcesMadeByPython() throws {
        let reason = try refusal("set a timeout of 2 hours on every job", [
            "databricks.yml": """
            bundle: {name: pydabs}
            python:
              venv_path: .venv
              resources:
                - "resources:load_resources"
            """,
        ])
        XCTAssertEqual(reason, "this bundle defines no job in YAML; its Python code makes resources (python.resources: resources:load_resources), which are changed in that code, not here")
    }

    /// A cluster change where no job or pipeline has a cluster (default_python, default_sql): each says
    /// what it runs on, instead of a bare "none can take this change".
    func testClusterChangesSayWhatEachRunsOn() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: serverless}
            resources:
              jobs:
                sample_job:
                  name: sample_job
                  tasks:
                    - task_key: notebook
                      notebook_task: {notebook_path: ./run.py}
                reports:
                  name: reports
                  tasks:
                    - task_key: query
                      sql_task: {warehouse_id: abc, file: {path: ./q.sql}}
                adhoc:
                  name: adhoc
                  tasks:
                    - task_key: run
                      existing_cluster_id: 0123-456789-abcdefgh
                      notebook_task: {notebook_path: ./run.py}
              pipelines:
                etl:
                  name: etl
                  serverless: true
                  catalog: main
                  schema: etl
                  libraries: [{glob: {include: ./transformations/**}}]
            """,
            "run.py": "print(1)\n", "q.sql": "SELECT 1\n",
        ]
        let reason = try refusal("turn on photon", files)
        XCTAssertEqual(reason, "none of the 4 jobs and pipelines of this bundle can take this change: job sample_job, pipeline etl run on serverless compute; job reports runs no cluster of its own (its tasks: sql_task); job adhoc runs on the all-purpose cluster 0123-456789-abcdefgh (existing_cluster_id), which the bundle does not define")
        XCTAssertEqual(try refusal("make the sample job's cluster bigger", files), "job sample_job has no job cluster to change: it runs on serverless compute")
    }

    /// A removal of recipients nobody has names who has none, instead of asking which job.
    func testRemovingRecipientsNobodyHas() throws {
        let files = [
            "databricks.yml": """
            bundle: {name: two}
            resources:
              jobs:
                a:
                  name: a
                  email_notifications: {on_failure: [ops@example.com]}
                  tasks: [{task_key: t, notebook_task: {notebook_path: ./run.py}}]
                b:
                  name: b
                  tasks: [{task_key: t, notebook_task: {notebook_path: ./run.py}}]
            """,
            "run.py": "print(1)\n",
        ]
        XCTAssertEqual(try refusal("stop notifying zoe@example.com", files),
                       "none of the 2 jobs of this bundle can take this change: job a, job b do not e-mail zoe@example.com")
    }

    /// What is missing from a request is asked (exit status 3, with a request that says it fully), and
    /// a target that exists is as asked; a run_as variable is an identity.
    func testMissingValuesAreQuestions() throws {
        for request in ["run prod as the service principal sp-etl-prod", "tag the sales sync", "add a variable region"] {
            let outcome = OfflinePlanner().plan(PlanningContext(bundle: try SalesBundle.load(), request: RequestText(request)))
            guard case .clarify(_, let choices) = outcome else { XCTFail("\(request): \(outcome)"); continue }
            XCTAssertFalse(choices.isEmpty, request)
        }
        let reason = try refusal("add a prod target", SalesBundle.files)
        XCTAssertTrue(PlanOutcome.isAsAsked(reason), reason)
        let (plan, bundle) = try InMemoryPlanning.apply("run prod as the service principal ${var.etl_principal}",
                                                        to: SalesBundle.files.mapValues { $0.replacingOccurrences(of: "variables:\n", with: "variables:\n  etl_principal:\n    default: 6f1c3a52-0000-4000-8000-000000000001\n") })
        XCTAssertEqual(bundle.effectiveConfiguration(target: "prod").configuration["run_as"]?["service_principal_name"]?.string, "6f1c3a52-0000-4000-8000-000000000001", plan.summary)
    }

    /// A task that already runs after another through the tasks between them gets no second edge; an
    /// address that comes from a variable is changed there.
    func testAlreadyAfterAndAnAddressFromAVariable() throws {
        let files = ["databricks.yml": """
            bundle: {name: insurance}
            variables:
              notification_email: {default: ops@example.com}
            resources:
              jobs:
                gold:
                  name: gold
                  email_notifications:
                    on_failure: ["${var.notification_email}"]
                  tasks:
                    - task_key: setup
                      notebook_task: {notebook_path: ./n.py}
                    - task_key: curate
                      depends_on: [{task_key: setup}]
                      notebook_task: {notebook_path: ./n.py}
                    - task_key: export
                      depends_on: [{task_key: curate}]
                      notebook_task: {notebook_path: ./n.py}
            """, "n.py": "# Databricks notebook source\n"]
        let reason = try refusal("run export after setup", files)
        XCTAssertEqual(reason, "export already runs after setup (it waits for curate, which runs after setup)")
        XCTAssertTrue(PlanOutcome.isAsAsked(reason))
        // The address comes through an entry `${var.notification_email}` of a written list: that entry goes (the
        // variable, which other settings may read, stays).
        let (_, bundle) = try InMemoryPlanning.apply("remove ops@example.com from the failure notifications", to: files)
        XCTAssertNil(bundle.configuration["resources"]?["jobs"]?["gold"]?["email_notifications"]?["on_failure"])
        XCTAssertEqual(bundle.configuration["variables"]?["notification_email"]?["default"]?.string, "ops@example.com")
    }

    /// One job after another job: said how, not asked which tasks.
    func testAJobAfterAnotherJob() throws {
        let reason = try refusal("run the marketing digest after the sales sync", SalesBundle.files)
        XCTAssertTrue(reason.hasPrefix("jobs marketing_digest and sales_sync are separate jobs, and a job does not wait for another"), reason)
    }

    /// A target the bundle does not have is said, not replaced by the bundle's own settings.
    func testATargetTheBundleDoesNotHave() throws {
        let files = ["databricks.yml": """
            bundle: {name: monitoring}
            targets:
              dev: {mode: development, default: true}
            """]
        XCTAssertEqual(try refusal("set the prod workspace host to https://adb-1234567890123456.7.azuredatabricks.net", files),
                       "this bundle has no target prod; its targets: dev (\"add a prod target\" makes one)")
        XCTAssertEqual(try refusal("use development mode for staging", files),
                       "this bundle has no target staging; its targets: dev (\"add a staging target\" makes one)")
        // Without any target: said so, with how to add one.
        let bare = ["databricks.yml": "bundle: {name: monitoring}\n"]
        XCTAssertEqual(try refusal("set the prod workspace host to https://adb-1234567890123456.7.azuredatabricks.net", bare),
                       "this bundle has no target prod; it has no targets (\"add a prod target\" makes one)")
        XCTAssertEqual(try refusal("only deploy prod from main", bare),
                       "this bundle has no target prod; it has no targets (\"add a prod target\" makes one)")
        // A change "in prod" is not made to what every deployment gets instead.
        let job = ["databricks.yml": """
            bundle: {name: sales}
            resources:
              jobs:
                sales:
                  name: sales
                  schedule: {quartz_cron_expression: 0 0 6 * * ?, timezone_id: UTC}
                  tasks:
                    - task_key: load
                      notebook_task: {notebook_path: ./load.py}
            """, "load.py": "# Databricks notebook source\n"]
        XCTAssertEqual(try refusal("pause the schedule in prod", job),
                       "this bundle has no target prod; it has no targets (\"add a prod target\" makes one; without \"in prod\" the change applies to every deployment)")
        // "the dev schedule" may be what the user calls it: no target is named.
        guard case .plan = OfflinePlanner().plan(PlanningContext(bundle: try BundleLoader(source: InMemoryFileSource(texts: job)).load(),
                                                                 request: RequestText("pause the dev schedule"))) else { return XCTFail("not planned") }
    }
}

/// "remove the region variable": its declaration and the targets' values go; a variable still in use stays.
final class VariableRemovalTests: XCTestCase {
    static let files = ["databricks.yml": """
        bundle: {name: sales}
        variables:
          catalog:
            default: main
          region:
            description: No longer used
            default: eu-west-1
        resources:
          jobs:
            sales:
              name: sales
              tasks:
                - task_key: load
                  notebook_task: {notebook_path: ./load.py, base_parameters: {catalog: "${var.catalog}"}}
        targets:
          dev:
            default: true
            variables: {region: eu-central-1}
          prod:
            variables:
              catalog: prod
              region: us-east-1
        """, "load.py": "# Databricks notebook source\n"]

    func testAnUnusedVariableGoesWithItsTargetValues() throws {
        let (_, files) = try InMemoryPlanning.outcome("remove the region variable", on: Self.files)
        let text = try XCTUnwrap(files["databricks.yml"])
        XCTAssertFalse(text.contains("region"), text)
        XCTAssertTrue(text.contains("    variables:\n      catalog: prod\n"), text)
        XCTAssertTrue(text.contains("  dev:\n    default: true\n  prod:"), text)
        _ = try InMemoryPlanning.apply("remove the region variable", to: Self.files, intent: VariableIntent.id)
    }

    func testAVariableInUseStays() throws {
        let (outcome, _) = try InMemoryPlanning.outcome("delete the catalog variable", on: Self.files)
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(reason, "variable catalog is still used (databricks.yml:14); change those places first, then remove it")
    }
}

/// "add a dev and prod target" on a bundle without targets: both, the development one the default.
final class SeveralTargetsTests: XCTestCase {
    func testSeveralNewTargetsInOneRevision() throws {
        let files = ["databricks.yml": "bundle:\n  name: demo\n"]
        for request in ["add a dev and prod target", "add dev, staging and prod targets"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: files, intent: AddTargetIntent.id)
            let targets = bundle.targetsMapping
            XCTAssertEqual(targets?["dev"]?["mode"]?.string, "development", request)
            XCTAssertEqual(targets?["dev"]?["default"]?.scalar?.value, .bool(true), request)
            XCTAssertEqual(targets?["prod"]?["mode"]?.string, "production", request)
            XCTAssertNil(targets?["prod"]?["default"], request)
            XCTAssertEqual(plan.subject, request.contains("staging") ? "Add the targets dev, staging, prod" : "Add the targets dev, prod")
        }
        XCTAssertEqual(AddTargetIntent.newTargetNames(RequestText("add a name prefix [team] to the dev target")), [])
    }

    /// A new dev target does not take the production workspace's host; a bundle of the first format
    /// (`environments`) is told to rename them first.
    func testADevTargetBesideProductionAndTheFirstFormat() throws {
        let files = ["databricks.yml": "bundle: {name: demo}\ntargets:\n  prod:\n    workspace: {host: https://prod.databricks.com, root_path: /Workspace/Shared/.bundle/demo}\n    variables: {}\n"]
        let (outcome, written) = try InMemoryPlanning.outcome("add a dev target", on: files)
        guard case .plan = outcome else { return XCTFail("\(outcome)") }
        XCTAssertFalse(written["databricks.yml"]!.contains("  dev:\n    mode: development\n    workspace"), written["databricks.yml"]!)
        let legacy = ["databricks.yml": "bundle: {name: demo}\nenvironments:\n  development:\n    default: true\n"]
        let (refused, _) = try InMemoryPlanning.outcome("add a staging environment", on: legacy)
        guard case .refused(let reason) = refused else { return XCTFail("\(refused)") }
        XCTAssertTrue(reason.hasPrefix("this bundle defines its deployments under `environments`"), reason)
    }

    /// A new run_as identity changes inside the run_as written already: its comments stay.
    func testRunAsKeepsItsComments() throws {
        let files = ["databricks.yml": """
            bundle: {name: demo}
            targets:
              dev: {mode: development, default: true}
              prod:
                mode: production
                workspace: {root_path: /Workspace/Shared/.bundle/demo}
                run_as:
                  # Production runs as the team's account for now.
                  user_name: ana@example.com
            """]
        let (_, out) = try InMemoryPlanning.outcome("run prod as the service principal 6f1c3a52-0000-4000-8000-000000000001", on: files)
        XCTAssertTrue(out["databricks.yml"]!.contains("    run_as:\n      # Production runs as the team's account for now.\n      service_principal_name: 6f1c3a52-0000-4000-8000-000000000001"),
                      out["databricks.yml"]!)
        XCTAssertFalse(out["databricks.yml"]!.contains("user_name"))
    }
}
