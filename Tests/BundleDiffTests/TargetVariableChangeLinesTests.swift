import Foundation
import BundleDiff
import BundleModel
import XCTest

/// "set the catalog variable to gold in prod": the commit message's `Changes:` listed only the effect on a job
/// (`targets.prod.resources.jobs.j.parameters[catalog].default`), which an agent took for the path to edit; the
/// variable's own line comes first.
final class TargetVariableChangeLinesTests: XCTestCase {
    func testATargetsVariableIsListedAsWritten() {
        func bundle(_ prodCatalog: String) -> [String: String] {
            ["databricks.yml": """
            bundle: {name: rv}
            variables: {catalog: {default: dev_cat}}
            resources:
              jobs:
                j:
                  name: j
                  parameters: [{name: catalog, default: "${var.catalog}"}]
                  tasks: [{task_key: t, notebook_task: {notebook_path: ./nb.py}}]
            targets: {dev: {default: true}, prod: {variables: {catalog: \(prodCatalog)}}}

            """, "nb.py": "# Databricks notebook source\n"]
        }
        let lines = BundleComparison.revisionChanges(BundleSnapshot(label: "old", source: InMemoryFileSource(texts: bundle("prod_cat"))),
                                                     BundleSnapshot(label: "new", source: InMemoryFileSource(texts: bundle("gold"))))
        XCTAssertEqual(lines, ["~ targets.prod.variables.catalog: prod_cat → gold",
                               "~ targets.prod.resources.jobs.j.parameters[catalog].default: prod_cat → gold"])
    }
}

/// A renamed key's note (the deploy deletes and recreates the resource) was in the text diff only: the JSON the
/// page, MCP and the chat preview render said "renamed".
final class RenameNoteInJSONTests: XCTestCase {
    func testTheJSONOfARenameCarriesItsNote() throws {
        func bundle(_ key: String) -> [String: String] {
            ["databricks.yml": "bundle: {name: r}\nresources:\n  jobs:\n    \(key):\n      name: j\n      tasks: [{task_key: t, notebook_task: {notebook_path: ./nb.py}}]\n",
             "nb.py": "# Databricks notebook source\n"]
        }
        let result = BundleComparison.compare(BundleSnapshot(label: "old", source: InMemoryFileSource(texts: bundle("old_job"))),
                                              BundleSnapshot(label: "new", source: InMemoryFileSource(texts: bundle("new_job"))))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(DiffJSONFormatter().render(result).utf8)) as? [String: Any])
        let group = try XCTUnwrap((json["groups"] as? [[String: Any]])?.first)
        XCTAssertEqual(group["status"] as? String, "renamed")
        XCTAssertEqual(group["renamed_from"] as? String, "old_job")
        XCTAssertTrue((group["note"] as? String)?.contains("deletes the job old_job and creates new_job anew") == true, "\(group)")
    }
}

/// A key renamed (with its target overrides) in a revision that also changed the resource in a target: the
/// target's diff showed the whole resource added and the old one removed.
final class RenameWithATargetChangeTests: XCTestCase {
    func bundle(_ key: String, prodMode: String?) -> [String: String] {
        ["databricks.yml": """
        bundle: {name: r}
        resources:
          pipelines:
            \(key):
              name: p
              catalog: main
              schema: s
              libraries: [{file: {path: ./p.sql}}]
        targets:
          dev: {default: true}
          prod:
            resources:
              pipelines:
                \(key):
                  schema: gold\(prodMode.map { "\n          configuration: {mode: \($0)}" } ?? "")

        """, "p.sql": "select 1\n"]
    }

    func testTheTargetSeesTheRenamedResourceChanged() {
        let old = BundleSnapshot(label: "old", source: InMemoryFileSource(texts: bundle("p", prodMode: nil)))
        let new = BundleSnapshot(label: "new", source: InMemoryFileSource(texts: bundle("q", prodMode: "full")))
        let whole = BundleComparison.compare(old, new)
        XCTAssertEqual(whole.resourcesAdded, 0, DiffTextFormatter().render(whole))
        XCTAssertEqual(whole.resourcesRemoved, 0, DiffTextFormatter().render(whole))
        XCTAssertEqual(whole.resourcesRenamed, 1, DiffTextFormatter().render(whole))
        let text = DiffTextFormatter().render(whole)
        XCTAssertTrue(text.contains("configuration.mode: full") || text.contains("configuration: {mode: full}"), text)
        let prod = BundleComparison.compare(old, new, target: "prod")
        XCTAssertEqual(prod.resourcesAdded, 0, DiffTextFormatter().render(prod))
        XCTAssertEqual(prod.resourcesRemoved, 0, DiffTextFormatter().render(prod))
        XCTAssertEqual(prod.resourcesRenamed, 1, DiffTextFormatter().render(prod))
    }
}

/// A key renamed by hand while a task changed too: one job added and one removed, without the note that the
/// deploy recreates it.
final class HandRenameWithAChangeTests: XCTestCase {
    func bundle(_ key: String, retries: Int?) -> [String: String] {
        ["databricks.yml": """
        bundle: {name: r}
        resources:
          jobs:
            \(key):
              name: etl
              max_concurrent_runs: 1
              tasks:
                - task_key: load
                  notebook_task: {notebook_path: ./nb.py}\(retries.map { "\n          max_retries: \($0)" } ?? "")
            other:
              name: other
              tasks: [{task_key: t, notebook_task: {notebook_path: ./nb.py}}]

        """, "nb.py": "# Databricks notebook source\n"]
    }

    func testARenameWithAChangeIsARename() {
        let result = BundleComparison.compare(BundleSnapshot(label: "old", source: InMemoryFileSource(texts: bundle("etl", retries: nil))),
                                              BundleSnapshot(label: "new", source: InMemoryFileSource(texts: bundle("etl2", retries: 1))))
        let text = DiffTextFormatter().render(result)
        XCTAssertEqual(result.resourcesRenamed, 1, text)
        XCTAssertEqual(result.resourcesAdded + result.resourcesRemoved, 0, text)
        XCTAssertTrue(text.contains("renamed to") && text.contains("max_retries"), text)
    }

    /// A job removed and an unlike one added stay what they are.
    func testAnUnlikeJobAddedIsNoRename() {
        let old = bundle("etl", retries: nil)
        var new = old
        new["databricks.yml"] = """
        bundle: {name: r}
        resources:
          jobs:
            report:
              name: report
              max_concurrent_runs: 4
              schedule: {quartz_cron_expression: "0 0 7 * * ?", timezone_id: UTC}
              tasks: [{task_key: r, notebook_task: {notebook_path: ./nb.py}}]
            other:
              name: other
              tasks: [{task_key: t, notebook_task: {notebook_path: ./nb.py}}]

        """
        let result = BundleComparison.compare(BundleSnapshot(label: "old", source: InMemoryFileSource(texts: old)),
                                              BundleSnapshot(label: "new", source: InMemoryFileSource(texts: new)))
        XCTAssertEqual(result.resourcesRenamed, 0, DiffTextFormatter().render(result))
        XCTAssertEqual(result.resourcesAdded, 1)
        XCTAssertEqual(result.resourcesRemoved, 1)
    }
}
