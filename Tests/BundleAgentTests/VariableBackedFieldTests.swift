@testable import BundleAgent
import BundleModel
import XCTest

/// Cluster settings written as `${var.…}`: a change of them changes the variable (its default, or one
/// target's value) when the variable is used only there; a variable other settings share stays theirs.
final class VariableBackedFieldTests: XCTestCase {
    static let files = [
        "databricks.yml": """
        bundle: {name: sales}
        include: [resources/*.yml]
        variables:
          node_type:
            description: Worker node type
            default: i3.xlarge
          max_workers:
            default: 8
        targets:
          dev: {mode: development, default: true}
          prod:
            mode: production
            workspace: {root_path: /Workspace/Users/deploy@example.com/.bundle/sales}
            variables:
              max_workers: 20
        """,
        "resources/ingest.job.yml": """
        resources:
          jobs:
            ingest:
              name: ingest
              job_clusters:
                - job_cluster_key: main
                  new_cluster:
                    spark_version: 15.4.x-scala2.12
                    node_type_id: ${var.node_type}
                    autoscale:
                      min_workers: 1
                      max_workers: ${var.max_workers}
              tasks:
                - task_key: load
                  job_cluster_key: main
                  notebook_task: {notebook_path: ../src/load.py}
        """,
        "src/load.py": "# Databricks notebook source\n",
    ]

    /// A second job, report, whose one job cluster is `cluster` (a flow mapping's fields).
    static func reportJob(cluster: String) -> String {
        """
        resources:
          jobs:
            report:
              name: report
              job_clusters:
                - job_cluster_key: main
                  new_cluster: {\(cluster)}
              tasks:
                - task_key: report
                  job_cluster_key: main
                  notebook_task: {notebook_path: ../src/load.py}
        """
    }

    static func cluster(_ bundle: LoadedBundle, _ target: String) -> YAMLNode? {
        bundle.effectiveConfiguration(target: target).configuration["resources"]?["jobs"]?["ingest"]?["job_clusters"]?.sequence?.first?["new_cluster"]
    }

    func testANodeTypeChangesTheVariablesDefault() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("use i3.2xlarge nodes", to: Self.files, intent: NodeTypeIntent.id)
        XCTAssertEqual(bundle.configuration["variables"]?["node_type"]?["default"]?.string, "i3.2xlarge")
        XCTAssertEqual(Self.cluster(bundle, "prod")?["node_type_id"]?.string, "i3.2xlarge")
        XCTAssertEqual(plan.edits.map(\.file), ["databricks.yml"], "the job file keeps ${var.node_type}")
        XCTAssertTrue(plan.summary.contains("It is written as ${var.node_type}, so: set the default of the variable node_type to i3.2xlarge (was i3.xlarge)."), plan.summary)
    }

    func testMaxWorkersInOneTargetSetsTheTargetsValueOnly() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("use 4 max workers in prod", to: Self.files, intent: ClusterSizeIntent.id)
        XCTAssertEqual(bundle.configuration["targets"]?["prod"]?["variables"]?["max_workers"]?.scalar?.value, .int(4), "a number stays a number")
        XCTAssertNil(bundle.configuration["targets"]?["prod"]?["resources"], "no cluster override beside the variable: \(plan.edits)")
        XCTAssertEqual(Self.cluster(bundle, "prod")?["autoscale"]?["max_workers"]?.string, "4")
        XCTAssertEqual(Self.cluster(bundle, "dev")?["autoscale"]?["max_workers"]?.string, "8")
    }

    func testWithoutATargetTheDefaultChangesAndTheTargetKeepsItsOwn() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("set max workers to 12", to: Self.files)
        XCTAssertEqual(bundle.configuration["variables"]?["max_workers"]?["default"]?.string, "12")
        XCTAssertEqual(Self.cluster(bundle, "prod")?["autoscale"]?["max_workers"]?.string, "20")
        XCTAssertTrue(plan.summary.contains("Target prod (20) keeps its own value."), plan.summary)
    }

    func testAVariableOtherSettingsUseStaysAndTheFieldGetsItsOwnValue() throws {
        var files = Self.files
        files["resources/report.job.yml"] = Self.reportJob(cluster: #"spark_version: 15.4.x-scala2.12, node_type_id: "${var.node_type}", num_workers: 1"#)
        let (plan, bundle) = try InMemoryPlanning.apply("use i3.2xlarge nodes for ingest", to: files, intent: NodeTypeIntent.id)
        XCTAssertEqual(bundle.configuration["variables"]?["node_type"]?["default"]?.string, "i3.xlarge")
        XCTAssertEqual(Self.cluster(bundle, "dev")?["node_type_id"]?.string, "i3.2xlarge")
        XCTAssertEqual(bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["jobs"]?["report"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["node_type_id"]?.string, "i3.xlarge")
        XCTAssertTrue(plan.summary.contains("node_type_id was ${var.node_type}, which another setting still uses"), plan.summary)
    }

    /// publisher_framework: min and max workers are variables other clusters share, which dev sets to
    /// 1–2 and prod to 2–8. "Larger" for every target would give prod one value from dev's (2–4): asked
    /// which target; a bound the change leaves as it is keeps its reference.
    func testASharedVariableThatTheTargetsSetDifferently() throws {
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "  max_workers:\n    default: 8\n", with: "  max_workers:\n    default: 8\n  min_workers:\n    default: 1\n")
            .replacingOccurrences(of: "      max_workers: 20", with: "      max_workers: 20\n      min_workers: 2")
        files["resources/ingest.job.yml"] = files["resources/ingest.job.yml"]!.replacingOccurrences(of: "min_workers: 1", with: "min_workers: ${var.min_workers}")
        files["resources/report.job.yml"] = Self.reportJob(cluster: #"spark_version: 15.4.x-scala2.12, node_type_id: i3.xlarge, autoscale: {min_workers: "${var.min_workers}", max_workers: "${var.max_workers}"}"#)
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        for request in ["make the ingest cluster larger", "set max workers to 6 for ingest"] {
            let outcome = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request)))
            guard case .clarify(let question, let choices) = outcome else { XCTFail("\(request): \(outcome)"); continue }
            XCTAssertTrue(question.contains("which the targets set differently (dev: 8, prod: 20)"), question)
            XCTAssertEqual(choices, ["--target dev", "--target prod"])
        }
        let (_, prod) = try InMemoryPlanning.apply("set max workers to 30 for ingest in prod", to: files)
        XCTAssertEqual(Self.cluster(prod, "prod")?["autoscale"]?["max_workers"]?.string, "30")
        XCTAssertEqual(Self.cluster(prod, "prod")?["autoscale"]?["min_workers"]?.string, "2", "the minimum stays prod's own")
        XCTAssertEqual(Self.cluster(prod, "dev")?["autoscale"]?["max_workers"]?.string, "8")
    }

    /// DAB-workflow-demo: "upgrade the spark_version variable to 16.4 LTS" writes a runtime's key.
    func testARuntimeVariableIsSetToAWholeKey() throws {
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "  max_workers:\n", with: "  spark_version:\n    default: 15.4.x-scala2.12\n  max_workers:\n")
        files["resources/ingest.job.yml"] = files["resources/ingest.job.yml"]!.replacingOccurrences(of: "spark_version: 15.4.x-scala2.12", with: "spark_version: ${var.spark_version}")
        let (_, bundle) = try InMemoryPlanning.apply("upgrade the spark_version variable to 16.4 LTS", to: files, intent: VariableValueIntent.id)
        XCTAssertEqual(bundle.configuration["variables"]?["spark_version"]?["default"]?.string, "16.4.x-scala2.12")
    }

    /// Two jobs on one `${var.node_type}`: "for every job" changes the variable once (each plan on its
    /// own would give each field a value of its own).
    func testEveryJobOnOneVariableChangesTheVariable() throws {
        var files = Self.files
        files["resources/report.job.yml"] = Self.reportJob(cluster: #"spark_version: 15.4.x-scala2.12, node_type_id: "${var.node_type}", num_workers: 1"#)
        let (plan, bundle) = try InMemoryPlanning.apply("use i3.2xlarge nodes for every job", to: files, intent: NodeTypeIntent.id)
        XCTAssertEqual(bundle.configuration["variables"]?["node_type"]?["default"]?.string, "i3.2xlarge")
        XCTAssertEqual(plan.edits.map(\.file), ["databricks.yml"], "the job files keep ${var.node_type}")
    }

    /// "set the max workers variable …" by a loose name: "the llm endpoint" for llm_endpoint.
    func testAVariableNamedLoosely() {
        XCTAssertEqual(VariableValueIntent.looselyNamed("set the spark runtime to 15.4 in prod", among: ["spark_runtime_version", "catalog"])?.name, "spark_runtime_version")
        XCTAssertEqual(VariableValueIntent.looselyNamed("point the llm endpoint at databricks-claude", among: ["llm_endpoint", "llm_model"])?.name, "llm_endpoint")
        XCTAssertNil(VariableValueIntent.looselyNamed("set the spark version", among: ["spark_version_dev", "spark_version_prod"]))
        XCTAssertNil(VariableValueIntent.looselyNamed("make the cluster bigger", among: ["cluster_size_max"]))
    }

    /// Two jobs on one `${var.node_type}`, no job named: which job was asked only because there are
    /// several; the change is the variable's, once (DEUS: "pin spark runtime to 15.4 LTS" asked which of 16).
    func testNoJobNamedAndEveryJobOnOneVariable() throws {
        var files = Self.files
        files["resources/report.job.yml"] = Self.reportJob(cluster: #"spark_version: 15.4.x-scala2.12, node_type_id: "${var.node_type}", num_workers: 1"#)
        let (plan, bundle) = try InMemoryPlanning.apply("use i3.2xlarge nodes", to: files, intent: NodeTypeIntent.id)
        XCTAssertEqual(bundle.configuration["variables"]?["node_type"]?["default"]?.string, "i3.2xlarge")
        XCTAssertTrue(plan.summary.hasPrefix("Every job that could take this change reads it from a variable."), plan.summary)
    }

    /// Each job reading a variable of its own (payer_dlt: a schema variable per pipeline) is no one
    /// answer: which job is still asked.
    func testJobsOnDifferentVariablesAreAsked() throws {
        var files = Self.files
        files["databricks.yml"] = files["databricks.yml"]!.replacingOccurrences(of: "  max_workers:\n", with: "  report_node_type:\n    default: i3.xlarge\n  max_workers:\n")
        files["resources/report.job.yml"] = Self.reportJob(cluster: #"spark_version: 15.4.x-scala2.12, node_type_id: "${var.report_node_type}", num_workers: 1"#)
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        guard case .clarify = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("use i3.2xlarge nodes"))) else {
            return XCTFail("two variables were taken as one answer")
        }
        XCTAssertEqual(JobNameIntent.score(RequestText("set catalog_name to dev_ml in dev")), 0)
    }
}
