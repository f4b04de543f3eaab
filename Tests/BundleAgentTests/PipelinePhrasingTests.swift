@testable import BundleAgent
import BundleModel
import BundleValidation
import Foundation
import TestSupport
import XCTest

/// Requests about pipelines, phrased as Databricks users ask them, on the lakehouse fixture (two jobs,
/// the classic pipeline `clickstream` and the serverless `orders_cdc`; targets dev, staging, prod), in
/// memory. Each request reaches its intent, and after applying the plan the effective configuration of
/// each target holds the values asked for: a flipped direction (off for on, triggered for continuous,
/// the wrong target) fails. Every plan keeps the bundle valid for every target.
final class PipelinePhrasingTests: XCTestCase {
    struct Case {
        var request: String
        /// Target → path under `resources` ("/"-separated; `clusters[label=default]`, `libraries[2]`) →
        /// the effective value as rendered by `render` ("null" when absent).
        var expect: [String: [String: String]]

        init(_ request: String, _ expect: [String: [String: String]]) {
            self.request = request
            self.expect = expect
        }
    }

    static let targets = ["dev", "staging", "prod"]

    /// The same values in every target.
    static func everywhere(_ values: [String: String]) -> [String: [String: String]] {
        Dictionary(uniqueKeysWithValues: targets.map { ($0, values) })
    }

    /// The intents only pipelines have (the others are job intents that understand pipelines too).
    static let pipelineOnly: Set<String> = [PipelineContinuousIntent.id, PipelineChannelIntent.id, PipelinePublishingIntent.id, PipelineEventLogIntent.id,
                                            PipelineDevelopmentIntent.id, PipelineConfigurationIntent.id]
    static let extended: Set<String> = [PhotonIntent.id, ClusterSizeIntent.id, AutoscaleIntent.id, EmailNotificationIntent.id,
                                        JobNameIntent.id, ServerlessIntent.id, LibraryIntent.id]

    static let click = "pipelines/clickstream/"
    static let orders = "pipelines/orders_cdc/"
    static let defaultCluster = click + "clusters[label=default]/"
    static let maintenance = click + "clusters[label=maintenance]/"

    static let phrasings: [String: [Case]] = [
        TagsIntent.id: [
            Case("tag the clickstream pipeline with team=web", everywhere([click + "tags/team": "web"])),
            Case("tag the orders pipeline with cost_center=42 in prod", ["prod": [orders + "tags/cost_center": "42"], "dev": [orders + "tags/cost_center": "null"]]),
        ],
        PhotonIntent.id: [
            Case("enable Photon on the clickstream pipeline", everywhere([click + "photon": "true"])),
            Case("turn on Photon acceleration for the DLT pipeline in staging", ["staging": [click + "photon": "true"], "dev": [click + "photon": "null"]]),
            Case("use the Photon engine for clickstream in dev", ["dev": [click + "photon": "true"], "staging": [click + "photon": "null"]]),
            Case("disable Photon for the clickstream pipeline in prod", ["prod": [click + "photon": "false"], "dev": [click + "photon": "null"]]),
            Case("run the clickstream pipeline without Photon in prod", ["prod": [click + "photon": "false"]]),
        ],
        ClusterSizeIntent.id: [
            Case("make the clickstream pipeline bigger in dev", ["dev": [defaultCluster + "autoscale/min_workers": "2", defaultCluster + "autoscale/max_workers": "8",
                                                                         defaultCluster + "autoscale/mode": "ENHANCED"],
                                                                 "staging": [defaultCluster + "autoscale/max_workers": "4"]]),
            Case("scale the DLT cluster down in staging", ["staging": [defaultCluster + "autoscale/min_workers": "1", defaultCluster + "autoscale/max_workers": "2"],
                                                           "dev": [defaultCluster + "autoscale/max_workers": "4"]]),
            Case("give the clickstream pipeline 8 workers in prod", ["prod": [defaultCluster + "autoscale/min_workers": "4", defaultCluster + "autoscale/max_workers": "8"]]),
            Case("add more workers to the maintenance cluster", everywhere([maintenance + "num_workers": "2"])),
            Case("halve the workers of the clickstream pipeline in prod", ["prod": [defaultCluster + "autoscale/min_workers": "1", defaultCluster + "autoscale/max_workers": "4"],
                                                                           "dev": [defaultCluster + "autoscale/max_workers": "4"]]),
        ],
        AutoscaleIntent.id: [
            Case("autoscale the clickstream pipeline between 2 and 10 workers in staging",
                 ["staging": [defaultCluster + "autoscale/min_workers": "2", defaultCluster + "autoscale/max_workers": "10", defaultCluster + "autoscale/mode": "ENHANCED"]]),
            // Only the maximum is said: the minimum stays as dev has it.
            Case("set autoscaling on clickstream to max 6 workers in dev", ["dev": [defaultCluster + "autoscale/min_workers": "1", defaultCluster + "autoscale/max_workers": "6"]]),
            Case("switch the clickstream pipeline to legacy autoscaling in dev",
                 ["dev": [defaultCluster + "autoscale/mode": "LEGACY", defaultCluster + "autoscale/max_workers": "4"], "prod": [defaultCluster + "autoscale/mode": "ENHANCED"]]),
            Case("turn off autoscaling for the clickstream pipeline",
                 ["dev": [defaultCluster + "num_workers": "4", defaultCluster + "autoscale": "null"],
                  "prod": [defaultCluster + "num_workers": "8", defaultCluster + "autoscale": "null"]]),
            Case("use enhanced autoscaling up to 12 workers on the maintenance cluster",
                 everywhere([maintenance + "autoscale": "{min_workers: 1, max_workers: 12, mode: ENHANCED}", maintenance + "num_workers": "null"])),
        ],
        EmailNotificationIntent.id: [
            // (Into the entry of the failure alerts there is, not a new and weaker one.)
            Case("email ana@example.com when the clickstream pipeline fails",
                 everywhere([click + "notifications[0]": "{email_recipients: [data-team@example.com, ana@example.com], alerts: [on-update-failure, on-update-fatal-failure]}", click + "notifications[1]": "null"])),
            Case("send an alert to oncall@example.com on flow failures of the clickstream pipeline in prod",
                 ["prod": [click + "notifications[1]": "{email_recipients: [oncall@example.com], alerts: [on-flow-failure]}"], "dev": [click + "notifications[1]": "null"]]),
            Case("notify bi@example.com when the orders pipeline update succeeds",
                 everywhere([orders + "notifications": "[{email_recipients: [bi@example.com], alerts: [on-update-success]}]"])),
            Case("stop emailing data-team@example.com about the clickstream pipeline", everywhere([click + "notifications": "null"])),
            Case("no more fatal failure emails from the clickstream pipeline",
                 everywhere([click + "notifications": "[{email_recipients: [data-team@example.com], alerts: [on-update-failure]}]"])),
        ],
        JobNameIntent.id: [
            Case("rename the clickstream pipeline to \"Web clickstream\"", everywhere([click + "name": "Web clickstream"])),
            Case("change the name of the orders pipeline to Orders change feed", everywhere([orders + "name": "Orders change feed"])),
            Case("rename clickstream to \"Clickstream (web)\" in prod", ["prod": [click + "name": "Clickstream (web)"], "dev": [click + "name": "[dev] Clickstream ingest"]]),
            Case("set the display name of the orders pipeline to \"Orders CDC feed\"", everywhere([orders + "name": "Orders CDC feed"])),
            Case("give the clickstream pipeline the name \"Clicks\" in staging", ["staging": [click + "name": "Clicks"], "prod": [click + "name": "[prod] Clickstream ingest"]]),
        ],
        ServerlessIntent.id: [
            Case("move the clickstream pipeline to serverless", everywhere([click + "serverless": "true", click + "clusters": "null"])),
            Case("switch the orders pipeline back to classic compute",
                 everywhere([orders + "serverless": "null", orders + "clusters": "[{label: default, autoscale: {min_workers: 1, max_workers: 5, mode: ENHANCED}}]"])),
            Case("turn off serverless for the orders pipeline in prod",
                 ["prod": [orders + "serverless": "false", orders + "clusters[label=default]/autoscale/max_workers": "5"],
                  "dev": [orders + "serverless": "true", orders + "clusters": "null"]]),
            Case("make the clickstream pipeline serverless", ["prod": [click + "serverless": "true", click + "clusters": "null"]]),
            // The size asked, not the default autoscaling (dabs-cicd-demo: "… with 2 workers" became 1–5).
            Case("switch the orders pipeline to classic compute with 2 workers",
                 everywhere([orders + "serverless": "null", orders + "clusters": "[{label: default, num_workers: 2}]"])),
            Case("run the orders pipeline on a classic cluster", ["staging": [orders + "serverless": "null", orders + "clusters[label=default]/autoscale/min_workers": "1"]]),
        ],
        LibraryIntent.id: [
            Case("add src/pipelines/clickstream/gold/daily_visits.sql to the clickstream pipeline",
                 everywhere([click + "libraries[2]": "{file: {path: ../../src/pipelines/clickstream/gold/daily_visits.sql}}"])),
            // Called a notebook, but a plain SQL file (no "-- Databricks notebook source" header): a file
            // library, as the CLI would refuse it as a notebook.
            Case("include the notebook src/pipelines/orders/orders_gold.sql in the orders pipeline",
                 everywhere([orders + "libraries[1]": "{file: {path: ../../src/pipelines/orders/orders_gold.sql}}"])),
            Case("add all files under src/pipelines/clickstream/gold/ to the clickstream pipeline",
                 everywhere([click + "libraries[2]": "{glob: {include: ../../src/pipelines/clickstream/gold/**}}"])),
            Case("add the SQL file src/pipelines/orders/orders_gold.sql to the orders pipeline in dev",
                 ["dev": [orders + "libraries[1]": "{file: {path: src/pipelines/orders/orders_gold.sql}}"], "prod": [orders + "libraries[1]": "null"]]),
            Case("attach src/pipelines/clickstream/gold/*.sql to the clickstream pipeline",
                 everywhere([click + "libraries[2]": "{glob: {include: ../../src/pipelines/clickstream/gold/*.sql}}"])),
            // A serverless pipeline's Python package: its environment's dependencies.
            Case("add the package requests==2.32.3 to the orders pipeline",
                 everywhere([orders + "environment/dependencies": "[requests==2.32.3]", click + "libraries[2]": "null"])),
        ],
        PipelineContinuousIntent.id: [
            Case("switch the clickstream pipeline to continuous mode", everywhere([click + "continuous": "true"])),
            Case("run the clickstream pipeline continuously in prod", ["prod": [click + "continuous": "true"], "dev": [click + "continuous": "null"]]),
            Case("the clickstream pipeline should process data continuously in staging", ["staging": [click + "continuous": "true"]]),
            Case("keep the clickstream pipeline always on in dev", ["dev": [click + "continuous": "true"], "prod": [click + "continuous": "null"]]),
            Case("run the orders pipeline in triggered mode in prod", ["prod": [orders + "continuous": "false"], "dev": [orders + "continuous": "false"]]),
            Case("stop running the orders pipeline continuously in prod", ["prod": [orders + "continuous": "false"]]),
        ],
        PipelineChannelIntent.id: [
            Case("run the clickstream DLT pipeline on the preview channel", everywhere([click + "channel": "PREVIEW"])),
            Case("switch clickstream to the PREVIEW channel in dev", ["dev": [click + "channel": "PREVIEW"], "prod": [click + "channel": "CURRENT"]]),
            Case("try the preview runtime for the clickstream pipeline in staging", ["staging": [click + "channel": "PREVIEW"], "dev": [click + "channel": "CURRENT"]]),
            Case("move the orders pipeline back to the current channel", everywhere([orders + "channel": "CURRENT"])),
            Case("use the stable channel for orders_cdc in prod", ["prod": [orders + "channel": "CURRENT"], "dev": [orders + "channel": "PREVIEW"]]),
            Case("take the orders pipeline off the preview channel in staging", ["staging": [orders + "channel": "CURRENT"], "prod": [orders + "channel": "PREVIEW"]]),
        ],
        PipelinePublishingIntent.id: [
            Case("publish the clickstream pipeline to the analytics schema in prod", ["prod": [click + "schema": "analytics"], "dev": [click + "schema": "web"]]),
            Case("write the orders tables to the orders_v2 schema", everywhere([orders + "target": "orders_v2", orders + "schema": "null"])),
            Case("use the catalog sandbox for the clickstream pipeline in dev", ["dev": [click + "catalog": "sandbox"], "staging": [click + "catalog": "staging"]]),
            Case("publish the orders pipeline to main.sales_orders in staging",
                 ["staging": [orders + "catalog": "main", orders + "target": "sales_orders"], "prod": [orders + "catalog": "prod", orders + "target": "orders"]]),
            Case("change the target schema of the clickstream pipeline to web_events", everywhere([click + "schema": "web_events"])),
        ],
        // Lakehouse_Plumber: "the event log schema" once changed the pipeline's own schema.
        PipelineEventLogIntent.id: [
            Case("publish the event log of the clickstream pipeline to main._meta.click_events",
                 everywhere([click + "event_log/catalog": "main", click + "event_log/schema": "_meta", click + "event_log/name": "click_events", click + "schema": "web"])),
            Case("write the orders pipeline's event log to ops.audit.orders_events in prod",
                 ["prod": [orders + "event_log/name": "orders_events", orders + "target": "orders"], "dev": [orders + "event_log": "null"]]),
            Case("send the clickstream event log to main._audit.events", everywhere([click + "event_log/schema": "_audit", click + "schema": "web"])),
            Case("set the event_log of the orders pipeline to main.logs.orders_log", everywhere([orders + "event_log/schema": "logs"])),
            Case("put the event log of clickstream in main.audit.clicks", everywhere([click + "event_log/name": "clicks"])),
        ],
        PipelineDevelopmentIntent.id: [
            Case("turn on development mode for the clickstream pipeline in staging", ["staging": [click + "development": "true"], "prod": [click + "development": "null"]]),
            Case("put the clickstream pipeline in dev mode for staging", ["staging": [click + "development": "true"], "dev": [click + "development": "null"]]),
            Case("development: true for clickstream in staging", ["staging": [click + "development": "true"]]),
            Case("take the orders pipeline out of development mode in staging", ["staging": [orders + "development": "false"]]),
            Case("switch the orders pipeline to production mode in staging", ["staging": [orders + "development": "false"]]),
        ],
        PipelineConfigurationIntent.id: [
            Case("set the clickstream pipeline configuration source_path to /Volumes/main/raw/clicks_v2",
                 everywhere([click + "configuration/source_path": "/Volumes/main/raw/clicks_v2"])),
            Case("add spark.sql.shuffle.partitions=64 to the clickstream pipeline configuration in prod",
                 ["prod": [click + "configuration/spark.sql.shuffle.partitions": "64"], "dev": [click + "configuration/spark.sql.shuffle.partitions": "null"]]),
            Case("remove the source_path configuration from the clickstream pipeline", everywhere([click + "configuration": "null"])),
            Case("set config key orders.mode to strict for the orders pipeline", everywhere([orders + "configuration/orders.mode": "strict"])),
            Case("pass start_date: 2024-01-01 to the orders pipeline as configuration", everywhere([orders + "configuration/start_date": "2024-01-01"])),
        ],
    ]

    /// The lakehouse fixture of the CLI tests, file by file.
    static func fixture() throws -> [String: String] {
        let root = TestPaths.fixture("DabrepoCLITests", "lakehouse")
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            files[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        return files
    }

    /// A node as a short text: scalars as written, `[a, b]`, `{key: value, …}`; "null" for none.
    static func render(_ node: YAMLNode?) -> String {
        guard let node, !node.isNull else { return "null" }
        switch node.kind {
        case .scalar: return node.string ?? "null"
        case .sequence(let items): return "[" + items.map { render($0) }.joined(separator: ", ") + "]"
        case .mapping(let m): return "{" + m.entries.map { "\($0.key): \(render($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// The node at a "/"-separated path under `resources`: `clusters[label=default]` picks by identity
    /// (a cluster without a label is `default`), `libraries[2]` by position.
    static func node(_ configuration: YAMLMapping, _ path: String) -> YAMLNode? {
        var node = configuration["resources"]
        for component in path.split(separator: "/").map(String.init) {
            guard let open = component.firstIndex(of: "[") else { node = node?[component]; continue }
            let key = String(component[..<open])
            let inside = component[component.index(after: open)..<component.index(before: component.endIndex)]
            let items = node?[key]?.sequence ?? []
            if let eq = inside.firstIndex(of: "=") {
                let (field, value) = (String(inside[..<eq]), String(inside[inside.index(after: eq)...]))
                node = items.first { ($0[field]?.string ?? (field == "label" ? "default" : nil)) == value }
            } else {
                node = Int(inside).flatMap { items.indices.contains($0) ? items[$0] : nil }
            }
        }
        return node
    }

    func testEveryPipelineIntentHasFivePhrasings() {
        for id in Self.pipelineOnly.union(Self.extended) {
            XCTAssertGreaterThanOrEqual(Self.phrasings[id]?.count ?? 0, 5, id)
        }
        XCTAssertTrue(Self.pipelineOnly.isSubset(of: Set(OfflinePlanner.intents.map { $0.id })))
    }

    func testEveryPhrasingReachesItsIntentAndHasItsEffect() throws {
        let files = try Self.fixture()
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        for (id, cases) in Self.phrasings.sorted(by: { $0.key < $1.key }) {
            for c in cases {
                let (outcome, intent) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(c.request)), session: nil)
                XCTAssertEqual(intent, id, "\"\(c.request)\" reached \(intent ?? "nothing")")
                guard case .plan(let plan) = outcome else {
                    XCTFail("\"\(c.request)\": \(outcome)")
                    continue
                }
                XCTAssertEqual(plan.resource?.type, "pipelines", "\"\(c.request)\": a follow-up continues with the pipeline")
                let edited = try OfflinePlanner.apply(plan) { files[$0]! }
                var all = files
                for (k, v) in edited { all[k] = v }
                let after = try BundleLoader(source: InMemoryFileSource(texts: all)).load()
                for (target, values) in c.expect.sorted(by: { $0.key < $1.key }) {
                    let configuration = after.effectiveConfiguration(target: target).configuration
                    for (path, expected) in values.sorted(by: { $0.key < $1.key }) {
                        XCTAssertEqual(Self.render(Self.node(configuration, path)), expected, "\"\(c.request)\": \(target) \(path)")
                    }
                }
                let report = try ValidationRequest(targets: .all).run(source: InMemoryFileSource(texts: all))
                XCTAssertEqual(report.errors, 0, "\"\(c.request)\": \(report.diagnostics.filter { $0.severity == .error }.map(\.summary))")
            }
        }
    }

    /// In a request of several clauses, "the pipeline" after a job's clause is the pipeline, not that job
    /// (Photon went onto the job's cluster).
    func testAClauseNamingThePipelineAfterAJobsClause() throws {
        let files = try Self.fixture()
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        let (outcome, _) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("retry the sales sync 2 times and turn on Photon for the DLT pipeline")), session: nil)
        guard case .plan(let plan) = outcome else { return XCTFail("\(outcome)") }
        var all = files
        for (k, v) in try OfflinePlanner.apply(plan, read: { files[$0]! }) { all[k] = v }
        let after = try BundleLoader(source: InMemoryFileSource(texts: all)).load().effectiveConfiguration(target: "dev").configuration
        XCTAssertEqual(Self.render(Self.node(after, Self.click + "photon")), "true")
        XCTAssertFalse(all.values.contains { $0.contains("runtime_engine: PHOTON") }, "a job cluster got Photon")
    }

    /// A request that would change nothing is refused with "already …", never planned.
    func testRequestsThatChangeNothingAreRefused() throws {
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: try Self.fixture())).load()
        let requests = [
            "turn on photon for the orders pipeline",
            "move the clickstream pipeline to the current channel",
            "run the orders pipeline continuously in prod",
            "add data-team@example.com to the clickstream pipeline notifications on fatal failures",
            "add src/pipelines/clickstream/bronze.py as a notebook to the clickstream pipeline",
            "publish the clickstream pipeline to the web schema",
            "set the clickstream pipeline configuration source_path to /Volumes/main/raw/clickstream",
            "rename the orders pipeline to \"Orders CDC\"",
            "turn off serverless for the clickstream pipeline",
            "take the clickstream pipeline out of development mode in staging",
            "autoscale the clickstream pipeline between 1 and 4 workers in dev",
        ]
        for request in requests {
            let outcome = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request)))
            guard case .refused(let reason) = outcome else {
                XCTFail("\"\(request)\": \(outcome)")
                continue
            }
            XCTAssertTrue(reason.contains("already"), "\"\(request)\": \(reason)")
        }
    }

    /// A value the request does not give and the bundle cannot tell is asked for, with example
    /// requests as the choices; each choice, asked, plans.
    func testValuesThatCannotBeInferredAreAskedFor() throws {
        var files = try Self.fixture()
        // A classic pipeline that publishes nowhere yet: serverless needs a catalog.
        files["resources/pipelines/clickstream.pipeline.yml"] = files["resources/pipelines/clickstream.pipeline.yml"]!
            .replacingOccurrences(of: "      catalog: ${var.catalog}\n", with: "")
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        let requests = [
            "move the clickstream pipeline to serverless": "catalog",
            "change the catalog of the clickstream pipeline": "catalog",
            "set a configuration value for the clickstream pipeline": "configuration",
            "change the release channel of the clickstream pipeline": "CURRENT",
        ]
        for (request, topic) in requests.sorted(by: { $0.key < $1.key }) {
            guard case .clarify(let question, let choices) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request))) else {
                XCTFail("\"\(request)\": expected a question")
                continue
            }
            XCTAssertTrue(question.contains(topic), "\"\(request)\": \(question)")
            XCTAssertFalse(choices.isEmpty, request)
            for choice in choices {
                guard case .plan = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(choice))) else {
                    XCTFail("\"\(request)\": the choice \"\(choice)\" does not plan")
                    continue
                }
            }
        }
    }

    /// Which pipeline, when the words do not say: the only one the change applies to; a question when
    /// several do, listing only those; a target question when a target sets the value itself.
    func testApplicabilityDecidesAndQuestionsListWhatFits() throws {
        var files = try Self.fixture()
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        func outcome(_ request: String, in bundle: LoadedBundle) -> PlanOutcome {
            OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request)))
        }
        // Two pipelines take a channel: ask, listing both.
        guard case .clarify(_, let choices) = outcome("run the DLT pipeline on the preview channel", in: bundle) else { return XCTFail("expected a question") }
        XCTAssertEqual(choices, ["--resource pipelines.clickstream", "--resource pipelines.orders_cdc"])
        // A cluster: the job with a job cluster and the classic pipeline, not the serverless ones.
        guard case .clarify(_, let clusters) = outcome("make the cluster bigger in dev", in: bundle) else { return XCTFail("expected a question") }
        XCTAssertEqual(clusters, ["--resource jobs.sales_sync", "--resource pipelines.clickstream"])
        // "the pipeline": only the classic one has a cluster; prod sizes it itself, so without a target: which target?
        guard case .clarify(let question, let targets) = outcome("make the pipeline bigger", in: bundle) else { return XCTFail("expected a question") }
        XCTAssertTrue(question.contains("prod"), question)
        XCTAssertEqual(targets, ["--target dev", "--target staging", "--target prod"])
        // Photon with the serverless pipeline named: refused with the reason.
        guard case .refused(let reason) = outcome("disable photon for the orders pipeline", in: bundle) else { return XCTFail("expected a refusal") }
        XCTAssertTrue(reason.contains("serverless"), reason)

        // One job on serverless and one pipeline with a cluster: a size request goes to the pipeline.
        files.removeValue(forKey: "resources/jobs/sales_sync.job.yml")
        let small = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        guard case .plan(let plan) = outcome("make it bigger in dev", in: small) else { return XCTFail("expected a plan") }
        XCTAssertEqual(plan.resource, ResourceReference(type: "pipelines", key: "clickstream"))
        XCTAssertEqual(plan.summary, "Set autoscaling to 2–8 workers (was 1–4, mode ENHANCED) on cluster default of pipeline clickstream for target dev.")
    }
}
