import Foundation
import TestSupport
import XCTest

/// `dabrepo refine` on pipelines, driven as a user would: the real binary on the lakehouse fixture
/// (two jobs, the classic pipeline `clickstream` and the serverless `orders_cdc`, resources in
/// subfolders, prod and staging overriding pipeline settings) in a real git repository. Each change is
/// checked by what every target gets (`dabrepo diff HEAD~1 HEAD --target T --output json`), a clean
/// `git status` and `validate --all-targets`.
final class RefinePipelineTests: RepositoryTestCase {
    static let targets = ["dev", "staging", "prod"]

    /// The effective changes of the last commit for a target: path (after `resources.`) → new value.
    func effectiveChanges(_ bundle: URL, target: String) throws -> [String: String] {
        let result = try dabrepo(["diff", "HEAD~1", "HEAD", "--target", target, "--output", "json"], in: bundle)
        XCTAssertEqual(result.status, 0, result.stderr)
        var out: [String: String] = [:]
        for group in try json(result.stdout)["groups"] as? [[String: Any]] ?? [] {
            for change in group["changes"] as? [[String: Any]] ?? [] {
                let path = (change["path"] as? String ?? "").replacingOccurrences(of: "resources.", with: "", options: .anchored)
                // An element added to or removed from a list (`libraries`, `alerts`): "+ new", "- old".
                switch change["op"] as? String {
                case "add_element": out[path] = "+ " + RefineCommandTests.render(change["new"])
                case "remove_element": out[path] = "- " + RefineCommandTests.render(change["old"])
                default: out[path] = RefineCommandTests.render(change["new"])
                }
            }
        }
        return out
    }

    /// Refines, then checks the commit subject, the effective changes of every target (a target not
    /// listed gets none), a clean working tree and a bundle valid for every target.
    @discardableResult
    func refine(_ request: String, _ arguments: [String] = ["--new-session"], in bundle: URL, subject: String,
                changes: [String: [String: String]], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try dabrepo(["refine", request] + arguments, in: bundle)
        XCTAssertEqual(result.status, 0, "\(request): \(result.stdout)\(result.stderr)", file: file, line: line)
        XCTAssertEqual(try gitOutput(["log", "-1", "--format=%s"], in: bundle), subject, request, file: file, line: line)
        for target in Self.targets {
            XCTAssertEqual(try effectiveChanges(bundle, target: target), changes[target] ?? [:], "\(request): \(target)", file: file, line: line)
        }
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "", request, file: file, line: line)
        let validation = try dabrepo(["validate", "--all-targets"], in: bundle)
        XCTAssertEqual(validation.status, 0, "\(request): \(validation.stdout)", file: file, line: line)
        return result.stdout
    }

    static func everywhere(_ values: [String: String]) -> [String: [String: String]] {
        Dictionary(uniqueKeysWithValues: targets.map { ($0, values) })
    }

    let click = "pipelines.clickstream."
    let orders = "pipelines.orders_cdc."

    func testCompute() throws {
        let bundle = try lakehouse()
        try refine("turn on Photon for the clickstream pipeline in dev", in: bundle, subject: "Turn Photon on for pipeline clickstream in dev",
                   changes: ["dev": [click + "photon": "true"]])
        let autoscale = click + "clusters[label=default].autoscale."
        try refine("make the clickstream pipeline bigger in staging", in: bundle, subject: "Make the staging cluster of pipeline clickstream larger",
                   changes: ["staging": [autoscale + "min_workers": "2", autoscale + "max_workers": "8"]])
        let maintenance = click + "clusters[label=maintenance]."
        try refine("autoscale the maintenance cluster between 1 and 3 workers", in: bundle, subject: "Autoscale pipeline clickstream between 1 and 3 workers",
                   changes: Self.everywhere([maintenance + "autoscale": #"{"max_workers":3,"min_workers":1}"#, maintenance + "num_workers": "null"]))
        try refine("run the orders pipeline on classic compute in prod", in: bundle, subject: "Run pipeline orders_cdc on classic compute in prod",
                   changes: ["prod": [orders + "serverless": "false",
                                      orders + "clusters": #"[{"autoscale":{"max_workers":5,"min_workers":1,"mode":"ENHANCED"},"label":"default"}]"#]])
        // Every target follows the definition: prod's own clusters go too.
        try refine("move the clickstream pipeline to serverless", in: bundle, subject: "Run pipeline clickstream on serverless compute",
                   changes: Self.everywhere([click + "serverless": "true", click + "clusters": "null"]))
    }

    func testSettings() throws {
        let bundle = try lakehouse()
        try refine("switch the clickstream pipeline to continuous mode", in: bundle, subject: "Run pipeline clickstream continuously",
                   changes: Self.everywhere([click + "continuous": "true"]))
        try refine("run the orders pipeline in triggered mode in prod", in: bundle, subject: "Run pipeline orders_cdc triggered in prod",
                   changes: ["prod": [orders + "continuous": "false"]])
        try refine("run the orders pipeline on the current channel in prod", in: bundle, subject: "Move pipeline orders_cdc to the CURRENT channel in prod",
                   changes: ["prod": [orders + "channel": "CURRENT"]])
        try refine("publish the clickstream pipeline to the analytics schema in prod", in: bundle, subject: "Publish pipeline clickstream to schema analytics in prod",
                   changes: ["prod": [click + "schema": "analytics"]])
        // orders_cdc publishes with the legacy `target`, which stays.
        try refine("write the orders tables to the orders_v2 schema", in: bundle, subject: "Publish pipeline orders_cdc to schema orders_v2",
                   changes: Self.everywhere([orders + "target": "orders_v2"]))
        try refine("turn on development mode for the clickstream pipeline in staging", in: bundle,
                   subject: "Turn development mode on for pipeline clickstream in staging", changes: ["staging": [click + "development": "true"]])
        try refine("set the clickstream pipeline configuration source_path to /Volumes/main/raw/clicks_v2", in: bundle,
                   subject: "Set the configuration source_path of pipeline clickstream",
                   changes: Self.everywhere([click + "configuration.source_path": "/Volumes/main/raw/clicks_v2"]))
        try refine("rename the orders pipeline to \"Orders change feed\"", in: bundle, subject: "Rename pipeline orders_cdc to \"Orders change feed\"",
                   changes: Self.everywhere([orders + "name": "Orders change feed"]))
    }

    func testNotificationsAndLibraries() throws {
        let bundle = try lakehouse()
        try refine("email ana@example.com when a flow fails in the clickstream pipeline", in: bundle,
                   subject: "Notify ana@example.com on flow failure of pipeline clickstream",
                   changes: Self.everywhere([click + "notifications[1]": #"{"alerts":["on-flow-failure"],"email_recipients":["ana@example.com"]}"#]))
        try refine("no more fatal failure emails from the clickstream pipeline", in: bundle,
                   subject: "Stop the on-update-fatal-failure notifications of pipeline clickstream",
                   changes: Self.everywhere([click + "notifications[0].alerts": "- on-update-fatal-failure"]))
        try refine("add src/pipelines/clickstream/gold/daily_visits.sql to the clickstream pipeline", in: bundle,
                   subject: "Add the file src/pipelines/clickstream/gold/daily_visits.sql to pipeline clickstream",
                   changes: Self.everywhere([click + "libraries": #"+ {"file":{"path":"../../src/pipelines/clickstream/gold/daily_visits.sql"}}"#]))
        // For one target the entry goes to the target's block in databricks.yml, with a path relative to that file.
        // Called a notebook, but a plain SQL file: added as a file library (the CLI refuses it as a notebook).
        try refine("add the notebook src/pipelines/orders/orders_gold.sql to the orders pipeline in dev", in: bundle,
                   subject: "Add the file src/pipelines/orders/orders_gold.sql to pipeline orders_cdc in dev",
                   changes: ["dev": [orders + "libraries": #"+ {"file":{"path":"src/pipelines/orders/orders_gold.sql"}}"#]])
        let root = try read(bundle.appendingPathComponent("databricks.yml"))
        XCTAssertTrue(root.contains("  dev:\n    mode: development\n    default: true\n    resources:\n      pipelines:\n        orders_cdc:\n"
            + "          libraries:\n            - file:\n                path: src/pipelines/orders/orders_gold.sql\n"), root)
    }

    func testFollowUpsContinueWithThePipeline() throws {
        let bundle = try lakehouse()
        let autoscale = click + "clusters[label=default].autoscale."
        try refine("make the clickstream cluster bigger in dev", [], in: bundle, subject: "Make the dev cluster of pipeline clickstream larger",
                   changes: ["dev": [autoscale + "min_workers": "2", autoscale + "max_workers": "8"]])
        let again = try refine("even bigger", [], in: bundle, subject: "Make the dev cluster of pipeline clickstream larger",
                               changes: ["dev": [autoscale + "min_workers": "4", autoscale + "max_workers": "16"]])
        XCTAssertTrue(again.contains("Set autoscaling to 4–16 workers (was 2–8, mode ENHANCED) on cluster default of pipeline clickstream for target dev."), again)
        // prod sizes the cluster itself (2–8): "same for prod" doubles that.
        try refine("same for prod", [], in: bundle, subject: "Make the prod cluster of pipeline clickstream larger",
                   changes: ["prod": [autoscale + "min_workers": "4", autoscale + "max_workers": "16"]])
        try refine("run the clickstream pipeline on the preview channel in dev", [], in: bundle, subject: "Move pipeline clickstream to the PREVIEW channel in dev",
                   changes: ["dev": [click + "channel": "PREVIEW"]])
        try refine("and for staging as well", [], in: bundle, subject: "Move pipeline clickstream to the PREVIEW channel in staging",
                   changes: ["staging": [click + "channel": "PREVIEW"]])
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        XCTAssertTrue(message.contains("user: even bigger\ndabrepo: Set autoscaling to 4–16 workers"), message)
    }

    func testQuestionsAndRefusals() throws {
        let bundle = try lakehouse()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        // Two pipelines can take a channel: ask, listing only them.
        let question = try dabrepo(["refine", "run the DLT pipeline on the preview channel"], in: bundle)
        XCTAssertEqual(question.status, 3, question.stdout)
        XCTAssertTrue(question.stdout.contains("Which pipeline? 2 could take this change: clickstream, orders_cdc."), question.stdout)
        XCTAssertTrue(question.stdout.contains("dabrepo refine \"run the DLT pipeline on the preview channel\" --resource pipelines.clickstream"), question.stdout)
        XCTAssertFalse(question.stdout.contains("jobs."), question.stdout)
        // prod sizes the clickstream cluster itself: which target?
        let target = try dabrepo(["refine", "make the pipeline bigger"], in: bundle)
        XCTAssertEqual(target.status, 3, target.stdout)
        XCTAssertTrue(target.stdout.contains("Target prod sets the size of cluster default of pipeline clickstream itself"), target.stdout)
        // Nothing to change: no commit, and no failure (exit 0, as the help says; JSON status "unchanged").
        let already = try dabrepo(["refine", "turn on photon for the orders pipeline"], in: bundle)
        XCTAssertEqual(already.status, 0, already.stdout)
        XCTAssertTrue(already.stdout.contains("Nothing to change:") && already.stdout.contains("already runs on Photon"), already.stdout)
        let alreadyJSON = try dabrepo(["refine", "turn on photon for the orders pipeline", "-o", "json"], in: bundle)
        XCTAssertEqual(try json(alreadyJSON.stdout)["status"] as? String, "unchanged", alreadyJSON.stdout)
        // Development mode in a production target is refused (the Databricks CLI rejects it).
        let production = try dabrepo(["refine", "turn on development mode for the clickstream pipeline in prod"], in: bundle)
        XCTAssertEqual(production.status, 1, production.stdout)
        XCTAssertTrue(production.stdout.contains("mode: production"), production.stdout)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
        // The answer to the question plans.
        try refine("run the DLT pipeline on the preview channel", ["--resource", "pipelines.clickstream"], in: bundle,
                   subject: "Move pipeline clickstream to the PREVIEW channel", changes: Self.everywhere([click + "channel": "PREVIEW"]))
    }

    /// "every job", "all jobs and pipelines": one revision that changes each resource the change fits;
    /// "either job" stays a question, and a second ask changes nothing.
    func testEveryJobAndPipeline() throws {
        let bundle = try lakehouse()
        try refine("set a timeout of 2 hours on every job", in: bundle, subject: "Time out every job after 2 hours",
                   changes: Self.everywhere(["jobs.marketing_digest.timeout_seconds": "7200", "jobs.sales_sync.timeout_seconds": "7200"]))
        let stdout = try refine("email ops@example.com when any job or pipeline fails", ["--new-session", "--output", "json"], in: bundle,
                                subject: "Email ops@example.com when any job or pipeline fails", changes: Self.everywhere([
                                    "jobs.marketing_digest.email_notifications": "{\"on_failure\":[\"ops@example.com\"]}",
                                    "jobs.sales_sync.email_notifications": "{\"on_failure\":[\"ops@example.com\"]}",
                                    "pipelines.clickstream.notifications[0].email_recipients": "+ ops@example.com",
                                    "pipelines.orders_cdc.notifications": "[{\"alerts\":[\"on-update-failure\"],\"email_recipients\":[\"ops@example.com\"]}]"]))
        let summary = try json(stdout)["summary"] as? String ?? ""
        for resource in ["job marketing_digest", "job sales_sync", "pipeline clickstream", "pipeline orders_cdc"] {
            XCTAssertTrue(summary.contains(resource), summary)
        }
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let again = try dabrepo(["refine", "set a timeout of 2 hours on every job"], in: bundle)
        // Each one already as asked: nothing to change, which is no failure (exit 0, nothing committed).
        XCTAssertEqual(again.status, 0, again.stdout)
        XCTAssertTrue(again.stdout.contains("already times out after 2 hours"), again.stdout + again.stderr)
        let either = try dabrepo(["refine", "set the timeout of either job to 3 hours", "--new-session"], in: bundle)
        XCTAssertEqual(either.status, 3, either.stdout + either.stderr)
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head, "nothing committed")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    /// Tasks added and removed, and a variable's value per target, as a user asks for them.
    func testTasksAndVariableValues() throws {
        let bundle = try lakehouse()
        // src/digest.py is a plain Python file (no notebook header): a spark_python_task on the cluster of the task it follows.
        try refine("add a task that runs src/digest.py after the extract task", in: bundle, subject: "Add the task digest to sales_sync after extract",
                   changes: Self.everywhere(["jobs.sales_sync.tasks[task_key=digest]":
                       "{\"depends_on\":[{\"task_key\":\"extract\"}],\"job_cluster_key\":\"sync_cluster\",\"spark_python_task\":{\"python_file\":\"../../src/digest.py\"},\"task_key\":\"digest\"}"]))
        // The load task waited for extract: without extract it waits for nothing.
        try refine("remove the extract task", in: bundle, subject: "Remove the task extract from sales_sync",
                   changes: Self.everywhere(["jobs.sales_sync.tasks[task_key=extract]": "null", "jobs.sales_sync.tasks[task_key=load].depends_on": "null",
                                             "jobs.sales_sync.tasks[task_key=digest].depends_on": "null"]))
        let catalog = "pipelines.clickstream.catalog"
        try refine("set the catalog variable to gold in prod", in: bundle, subject: "Set the variable catalog to gold in prod",
                   changes: ["prod": [catalog: "gold", "pipelines.orders_cdc.catalog": "gold", "variables.catalog.value": "gold"]])
        // dev takes the default; staging and prod keep their own values, so nothing changes for them.
        try refine("change the default of the catalog variable to silver", in: bundle, subject: "Set the default of the variable catalog to silver",
                   changes: ["dev": [catalog: "silver", "pipelines.orders_cdc.catalog": "silver", "variables.catalog.value": "silver"]])
    }

    /// The catalog asked of the bundle is its variable when the pipelines publish to `${var.catalog}`;
    /// a pipeline named changes alone. Targets: their mode, workspace, default, removal. The preview
    /// shows what changes (a new target as itself, not as everything added).
    func testCatalogVariableAndTargets() throws {
        let bundle = try lakehouse()
        let clickCatalog = click + "catalog", ordersCatalog = orders + "catalog"
        try refine("change the catalog to gold in prod", in: bundle, subject: "Set the variable catalog to gold in prod",
                   changes: ["prod": [clickCatalog: "gold", ordersCatalog: "gold", "variables.catalog.value": "gold"]])
        try refine("publish the clickstream pipeline to the silver catalog in staging", in: bundle, subject: "Publish pipeline clickstream to catalog silver in staging",
                   changes: ["staging": [clickCatalog: "silver"]])
        try refine("set the prod workspace host to https://adb-1234567890123456.7.azuredatabricks.net", in: bundle,
                   subject: "Set the workspace host of target prod to https://adb-1234567890123456.7.azuredatabricks.net",
                   changes: ["prod": ["workspace.host": "https://adb-1234567890123456.7.azuredatabricks.net"]])
        // The mode is no resource's setting, but a production target deploys no pipeline in development
        // mode (the CLI refuses it): staging's own `development: true` for orders_cdc goes with it.
        try refine("use production mode for staging", in: bundle, subject: "Deploy target staging with mode production",
                   changes: ["staging": ["pipelines.orders_cdc.development": "null"]])
        let root = try gitOutput(["show", "HEAD:databricks.yml"], in: bundle)
        let staging = root.components(separatedBy: "\n  staging:\n")[1].components(separatedBy: "\n  prod:\n")[0]
        XCTAssertTrue(staging.contains("    mode: production"), staging)
        try refine("make staging the default target", in: bundle, subject: "Make staging the default target", changes: [:])
        let preview = try dabrepo(["refine", "add a qa target", "--dry-run", "--new-session"], in: bundle)
        XCTAssertEqual(preview.status, 0, preview.stderr)
        XCTAssertTrue(preview.stdout.contains("+ target qa (databricks.yml)"), preview.stdout)
        XCTAssertFalse(preview.stdout.contains("~ bundle"), preview.stdout)
        let removal = try dabrepo(["refine", "remove the prod target", "--new-session"], in: bundle)
        XCTAssertEqual(removal.status, 0, removal.stdout + removal.stderr)
        XCTAssertTrue(removal.stdout.contains("databricks bundle destroy --target prod"), removal.stdout)
        let targets = try dabrepo(["validate", "--target", "prod"], in: bundle)
        XCTAssertNotEqual(targets.status, 0, "prod is gone: \(targets.stdout)")
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }
}
