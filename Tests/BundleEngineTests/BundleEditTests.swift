import BundleEngine
import BundleModel
import Foundation
import XCTest

/// Structured edits on a bundle in memory: every operation, the path forms, which file each edit
/// goes to, new resource files and includes, refusals with findings, and layout kept.
final class BundleEditTests: XCTestCase {
    let jobFile = "resources/nightly_etl.job.yml"

    func applied(_ edits: [StructuredEdit], source: InMemoryFileSource = SalesBundleFixture.source(),
                 file: StaticString = #filePath, line: UInt = #line) throws -> BundleEdit.Applied {
        let result = try BundleEdit(source: source).apply(edits)
        XCTAssertEqual(result.findings, [], file: file, line: line)
        return result
    }

    /// The new text, with the lines that differ from the old one as (removed, added).
    func lineChanges(_ old: String, _ new: String) -> (removed: [String], added: [String]) {
        let a = old.components(separatedBy: "\n"), b = new.components(separatedBy: "\n")
        let diff = b.difference(from: a)
        var removed: [String] = [], added: [String] = []
        for change in diff {
            switch change {
            case .remove(_, let line, _): removed.append(line)
            case .insert(_, let line, _): added.append(line)
            }
        }
        return (removed, added)
    }

    func effective(_ files: [String: String], target: String) throws -> EffectiveConfiguration {
        let source = SalesBundleFixture.source(files)
        return try BundleLoader(source: source).load().effectiveConfiguration(target: target)
    }

    /// 2,000 edits in one call took 20 s and 20,000 never ended (nor did the calls after it): refused at once.
    func testTooManyEditsInOneRevisionAreRefusedAtOnce() {
        let edits = (0...BundleEdit.mostEdits).map { StructuredEdit.set("resources.jobs.nightly_etl.tags.t\($0)", .string("x")) }
        let request = BundleEditRequest(subject: "many tags", summary: nil, edits: edits, dryRun: true)
        XCTAssertThrowsError(try BundleEdit(root: URL(fileURLWithPath: "/nonexistent"), author: nil).run(request)) { error in
            XCTAssertEqual((error as? EngineError)?.kind, .usage)
            XCTAssertTrue("\(error)".contains("at most 1000 are applied at once"), "\(error)")
        }
    }

    func testTheFixtureValidates() {
        let check = BundleEdit(source: SalesBundleFixture.source()).validate(BundleEdit.Applied(files: [:], placements: [], findings: []))
        XCTAssertEqual(check.refusals, [], "the fixture itself must be valid for the other tests to mean anything")
    }

    // MARK: Operations

    func testSetChangesOnlyTheValueInTheFileThatDefinesIt() throws {
        let result = try applied([.set("resources.jobs.nightly_etl.job_clusters[job_cluster_key=etl_cluster].new_cluster.num_workers", .int(2))])
        XCTAssertEqual(Array(result.files.keys), [jobFile])
        XCTAssertEqual(result.placements, [jobFile])
        let changes = lineChanges(SalesBundleFixture.job, result.files[jobFile]!)
        XCTAssertEqual(changes.removed, ["            num_workers: 4"])
        XCTAssertEqual(changes.added, ["            num_workers: 2"])
    }

    /// A model sends the whole job back with one value changed, a key gone and one added: only those
    /// lines change; the comments, blank lines and order of the rest stay.
    func testSetOfAWholeMappingWritesOnlyWhatDiffers() throws {
        let job: StructuredValue = .object([
            "name": .string("Nightly ETL"),
            "tags": .object(["cost.center": .string("4711")]),
            "email_notifications": .object(["on_failure": .array([.string("data@example.com")])]),
            "job_clusters": .array([.object(["job_cluster_key": .string("etl_cluster"), "new_cluster": .object([
                "spark_version": .string("15.4.x-scala2.12"), "node_type_id": .string("i3.xlarge"), "num_workers": .int(8)])])]),
            "tasks": .array([.object(["task_key": .string("ingest"), "job_cluster_key": .string("etl_cluster"),
                                      "notebook_task": .object(["notebook_path": .string("../src/ingest.py")]), "max_retries": .int(2)])]),
        ])
        let result = try applied([.set("resources.jobs.nightly_etl", job)])
        let changes = lineChanges(SalesBundleFixture.job, result.files[jobFile]!)
        XCTAssertEqual(changes.removed.sorted(), ["            num_workers: 4", "        team: data"])
        XCTAssertEqual(changes.added.sorted(), ["            num_workers: 8", "          max_retries: 2"])
        // The same value again changes nothing.
        let again = try BundleEdit(source: SalesBundleFixture.source([jobFile: result.files[jobFile]!])).apply([.set("resources.jobs.nightly_etl", job)])
        XCTAssertEqual(again.files[jobFile] ?? result.files[jobFile], result.files[jobFile])
    }

    func testDeleteRemovesTheKeyAndKeepsItsNeighbours() throws {
        let result = try applied([.delete("resources.jobs.nightly_etl.tags.team")])
        let changes = lineChanges(SalesBundleFixture.job, result.files[jobFile]!)
        XCTAssertEqual(changes.removed, ["        team: data"])
        XCTAssertEqual(changes.added, [])
    }

    func testDeleteOfAListEntryByIdentity() throws {
        let source = SalesBundleFixture.source([jobFile: SalesBundleFixture.job.replacingOccurrences(of: "      tasks:\n", with: """
              tasks:
                - task_key: first
                  job_cluster_key: etl_cluster
                  notebook_task:
                    notebook_path: ../src/ingest.py

        """)])
        let result = try applied([.delete("resources.jobs.nightly_etl.tasks[task_key=first]")], source: source)
        XCTAssertEqual(result.files[jobFile], SalesBundleFixture.job)
    }

    func testAppendAddsToAnExistingListAndCreatesAMissingOne() throws {
        let result = try applied([
            .append("resources.jobs.nightly_etl.email_notifications.on_failure", .string("oncall@example.com")),
            .append("resources.jobs.nightly_etl.email_notifications.on_success", .string("data@example.com")),
        ])
        let changes = lineChanges(SalesBundleFixture.job, result.files[jobFile]!)
        XCTAssertEqual(changes.removed, [])
        XCTAssertEqual(changes.added, ["          - oncall@example.com", "        on_success:", "          - data@example.com"])
    }

    func testAppendToAMappingIsRefused() throws {
        let result = try BundleEdit(source: SalesBundleFixture.source()).apply([.append("resources.jobs.nightly_etl.tags", .string("x"))])
        XCTAssertEqual(result.findings.map(\.rule), [EditFinding.Rule.notApplicable])
        XCTAssertTrue(result.findings[0].message.contains("not a list"), result.findings[0].message)
        XCTAssertEqual(result.files, [:])
    }

    func testRenameAResourceRenamesItsTargetOverridesToo() throws {
        let result = try applied([.rename("resources.jobs.nightly_etl", to: "etl")])
        XCTAssertEqual(Set(result.files.keys), [jobFile, "databricks.yml"])
        XCTAssertEqual(lineChanges(SalesBundleFixture.job, result.files[jobFile]!).added, ["    etl:"])
        XCTAssertEqual(lineChanges(SalesBundleFixture.root, try XCTUnwrap(result.files["databricks.yml"])).added, ["        etl:"])
        let prod = try effective(result.files, target: "prod")
        XCTAssertEqual(prod["resources"]?["jobs"]?["etl"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.string, "8")
    }

    func testRenameToAnExistingKeyIsRefused() throws {
        let result = try BundleEdit(source: SalesBundleFixture.source()).apply([.rename("resources.jobs.nightly_etl.tags.team", to: "cost.center")])
        XCTAssertEqual(result.findings.count, 1)
        XCTAssertTrue(result.findings[0].message.contains("already exists"), result.findings[0].message)
    }

    /// A list entry has no key to rename: the refusal says which field to set instead.
    func testRenameOfAListEntrySaysWhatToSet() throws {
        let result = try BundleEdit(source: SalesBundleFixture.source()).apply([.rename("resources.jobs.nightly_etl.tasks[task_key=ingest]", to: "load")])
        XCTAssertEqual(result.findings.map(\.rule), [EditFinding.Rule.notApplicable])
        XCTAssertTrue(result.findings[0].message.contains("is a list entry, not a key")
                      && result.findings[0].message.contains("set resources.jobs.nightly_etl.tasks[task_key=ingest].task_key"),
                      result.findings[0].message)
        XCTAssertEqual(result.files, [:])
    }

    // MARK: Path forms

    /// The short form summaries print (`tasks[ingest]`) is the entry whose task_key is ingest.
    func testTheShortFormOfAListEntry() throws {
        let short = try applied([.set("resources.jobs.nightly_etl.tasks[ingest].max_retries", .int(2))])
        let long = try applied([.set("resources.jobs.nightly_etl.tasks[task_key=ingest].max_retries", .int(2))])
        XCTAssertEqual(short.files, long.files)
        XCTAssertEqual(try ConfigurationPath(parsing: "resources.jobs.x.job_clusters[main].new_cluster").components[4], .identity(field: "job_cluster_key", value: "main"))
        XCTAssertThrowsError(try ConfigurationPath(parsing: "resources.jobs.x.tags[team]"), "a mapping's key is written plainly or quoted")
    }

    func testPositionsAndDottedKeys() throws {
        let result = try applied([
            .set("resources.jobs.nightly_etl.tasks[0].timeout_seconds", .int(600)),
            // As `dabrepo diff` prints the key `cost.center`: plainly, with its dot.
            .set("resources.jobs.nightly_etl.tags.cost.center", .string("42")),
            .set("resources.jobs.nightly_etl.tags[\"cost.center\"]", .string("43")),
        ])
        let changes = lineChanges(SalesBundleFixture.job, result.files[jobFile]!)
        XCTAssertEqual(changes.removed, ["        cost.center: \"4711\""])
        XCTAssertEqual(Set(changes.added), ["        cost.center: \"43\"", "          timeout_seconds: 600"])
        XCTAssertEqual(changes.added.count, 2)
    }

    func testANewListEntryByIdentityAndAPositionAtTheEnd() throws {
        let result = try applied([
            .set("resources.jobs.nightly_etl.tasks[task_key=report].notebook_task.notebook_path", .string("../src/ingest.py")),
            .set("resources.jobs.nightly_etl.tasks[task_key=report].job_cluster_key", .string("etl_cluster")),
            .set("resources.jobs.nightly_etl.tasks[2]", .object(["task_key": .string("third"), "job_cluster_key": .string("etl_cluster"),
                                                                "notebook_task": .object(["notebook_path": .string("../src/ingest.py")])])),
        ])
        let added = lineChanges(SalesBundleFixture.job, result.files[jobFile]!).added
        XCTAssertEqual(added, [
            "        - task_key: report",
            "          notebook_task:",
            "            notebook_path: ../src/ingest.py",
            "          job_cluster_key: etl_cluster",
            "        - task_key: third",
            "          job_cluster_key: etl_cluster",
            "          notebook_task:",
            "            notebook_path: ../src/ingest.py",
        ])
        let check = BundleEdit(source: SalesBundleFixture.source()).validate(result)
        XCTAssertEqual(check.refusals, [])
    }

    func testAPositionPastTheEndIsRefused() throws {
        let result = try BundleEdit(source: SalesBundleFixture.source()).apply([.set("resources.jobs.nightly_etl.tasks[5].timeout_seconds", .int(1))])
        XCTAssertEqual(result.findings.map(\.rule), [EditFinding.Rule.pathNotFound])
        XCTAssertTrue(result.findings[0].message.contains("past the end"), result.findings[0].message)
        XCTAssertEqual(result.findings[0].edit, 0)
    }

    func testEditsSeeTheEditsBeforeThem() throws {
        let result = try applied([
            .set("resources.jobs.nightly_etl.tasks[task_key=report]", .object(["job_cluster_key": .string("etl_cluster"),
                                                                              "notebook_task": .object(["notebook_path": .string("../src/ingest.py")])])),
            .set("resources.jobs.nightly_etl.tasks[task_key=report].timeout_seconds", .int(60)),
        ])
        let job = try effective(result.files, target: "dev")["resources"]?["jobs"]?["nightly_etl"]
        let report = job?["tasks"]?.sequence?.first { $0["task_key"]?.string == "report" }
        XCTAssertEqual(report?["timeout_seconds"]?.string, "60")
        XCTAssertEqual(job?["tasks"]?.sequence?.count, 2, "the second edit changed the entry the first one made")
    }

    // MARK: Which file

    func testATargetEditGoesToTheTargetsBlockWhichIsCreatedWhenMissing() throws {
        let path = "targets.dev.resources.jobs.nightly_etl.job_clusters[job_cluster_key=etl_cluster].new_cluster.num_workers"
        let result = try applied([.set(path, .int(1))])
        XCTAssertEqual(result.placements, ["databricks.yml"])
        XCTAssertEqual(lineChanges(SalesBundleFixture.root, result.files["databricks.yml"]!).added, [
            "    resources:",
            "      jobs:",
            "        nightly_etl:",
            "          job_clusters:",
            "            - job_cluster_key: etl_cluster",
            "              new_cluster:",
            "                num_workers: 1",
        ])
        func workers(_ target: String) throws -> String? {
            try effective(result.files, target: target)["resources"]?["jobs"]?["nightly_etl"]?["job_clusters"]?.sequence?.first?["new_cluster"]?["num_workers"]?.string
        }
        XCTAssertEqual(try workers("dev"), "1")
        XCTAssertEqual(try workers("prod"), "8")
    }

    func testATargetEditChangesTheTargetsExistingOverride() throws {
        let result = try applied([.set("targets.prod.resources.jobs.nightly_etl.job_clusters[job_cluster_key=etl_cluster].new_cluster.num_workers", .int(6))])
        let changes = lineChanges(SalesBundleFixture.root, result.files["databricks.yml"]!)
        XCTAssertEqual(changes.removed, ["                num_workers: 8"])
        XCTAssertEqual(changes.added, ["                num_workers: 6"])
    }

    func testATargetDefinedInAnIncludedFileIsEditedThere() throws {
        let source = SalesBundleFixture.source(["resources/staging.yml": "targets:\n  staging:\n    mode: development\n"])
        let result = try applied([.set("targets.staging.workspace.root_path", .string("/Shared/staging"))], source: source)
        XCTAssertEqual(result.placements, ["resources/staging.yml"])
        XCTAssertEqual(result.files["resources/staging.yml"], "targets:\n  staging:\n    mode: development\n    workspace:\n      root_path: /Shared/staging\n")
    }

    func testAnUnknownTargetIsRefusedWithTheClosestName() throws {
        let result = try BundleEdit(source: SalesBundleFixture.source()).apply([.set("targets.prd.resources.jobs.nightly_etl.timeout_seconds", .int(1))])
        XCTAssertEqual(result.findings.map(\.rule), [EditFinding.Rule.pathNotFound])
        XCTAssertEqual(result.findings[0].suggestions, ["prod"])
        XCTAssertTrue(result.findings[0].message.contains("dev, prod"), result.findings[0].message)
    }

    func testANewResourceGetsAFileOfItsOwn() throws {
        let result = try applied([.set("resources.jobs.weekly_report", .object([
            "tasks": .array([.object(["task_key": .string("report"), "notebook_task": .object(["notebook_path": .string("../src/ingest.py")])])]),
            "name": .string("Weekly report"),
        ]))])
        XCTAssertEqual(result.placements, ["resources/weekly_report.job.yml"])
        XCTAssertEqual(Array(result.files.keys), ["resources/weekly_report.job.yml"], "resources/*.yml already includes it")
        // Keys in the schema's order (name before tasks), not the JSON's.
        XCTAssertEqual(result.files["resources/weekly_report.job.yml"], """
        resources:
          jobs:
            weekly_report:
              name: Weekly report
              tasks:
                - task_key: report
                  notebook_task:
                    notebook_path: ../src/ingest.py

        """)
        XCTAssertEqual(BundleEdit(source: SalesBundleFixture.source()).validate(result).refusals, [])
    }

    func testANewResourceFileIsIncludedWhenNoIncludeCoversIt() throws {
        let root = SalesBundleFixture.root.replacingOccurrences(of: "  - resources/*.yml", with: "  - resources/nightly_etl.job.yml")
        let source = SalesBundleFixture.source(["databricks.yml": root])
        let result = try applied([.set("resources.pipelines.clean.name", .string("Clean"))], source: source)
        XCTAssertEqual(Set(result.files.keys), ["resources/clean.pipeline.yml", "databricks.yml"])
        // The include lists its files one by one: the new one is listed (a glob would bring in more).
        XCTAssertEqual(lineChanges(root, result.files["databricks.yml"]!).added, ["  - resources/clean.pipeline.yml"])
        let bundle = try BundleLoader(source: SalesBundleFixture.source(result.files.merging(["databricks.yml": result.files["databricks.yml"]!]) { a, _ in a })).load()
        XCTAssertEqual(bundle.configuration["resources"]?["pipelines"]?["clean"]?["name"]?.string, "Clean")
    }

    func testTheFileArgumentNamesWhereAnEditGoes() throws {
        let result = try applied([.set("resources.pipelines.clean", .object(["name": .string("Clean")]), file: "resources/pipelines.yml")])
        XCTAssertEqual(result.placements, ["resources/pipelines.yml"])
        XCTAssertEqual(result.files["resources/pipelines.yml"], "resources:\n  pipelines:\n    clean:\n      name: Clean\n")
    }

    func testAFileOutsideTheBundleIsRefused() throws {
        let result = try BundleEdit(source: SalesBundleFixture.source()).apply([
            .set("resources.pipelines.clean.name", .string("x"), file: "../elsewhere.yml"),
            .set("resources.pipelines.clean.name", .string("x"), file: "notes.txt"),
            // git's folder: refused at the edit (it was accepted, then refused at the commit).
            .set("resources.pipelines.clean.name", .string("x"), file: ".git/evil.yml"),
        ])
        XCTAssertEqual(result.findings.map(\.rule), [EditFinding.Rule.badFile, EditFinding.Rule.badFile, EditFinding.Rule.badFile])
        XCTAssertEqual(result.findings.map(\.edit), [0, 1, 2])
    }

    /// `file` naming a GitHub workflow (or any YAML of another tool) that the bundle does not include:
    /// a `resources:` block was appended to the workflow, committed, and the job stayed as it was. A
    /// file of bundle settings on disk that no include covers yet is still taken in.
    func testAFileOfAnotherToolIsRefused() throws {
        let source = SalesBundleFixture.source([".github/workflows/deploy.yml": "on: push\njobs:\n  deploy: {runs-on: ubuntu-latest}\n",
                                                "ci/lint.yml": "stages: [lint]\nlint: {script: [ruff]}\n",
                                                "extra/more.yml": "# more settings\n"])
        let result = try BundleEdit(source: source).apply([
            .set("resources.jobs.nightly_etl.timeout_seconds", .int(60), file: ".github/workflows/deploy.yml"),
            .set("resources.jobs.nightly_etl.timeout_seconds", .int(60), file: "ci/lint.yml"),
        ])
        XCTAssertEqual(result.findings.map(\.rule), [EditFinding.Rule.badFile, EditFinding.Rule.badFile])
        XCTAssertTrue(result.findings[0].message.contains("hidden folder (.github/)"), result.findings[0].message)
        XCTAssertTrue(result.findings[1].message.contains("holds other settings than a bundle's (stages, lint)"), result.findings[1].message)
        // A new file there too (an include would have made GitHub run it).
        let new = try BundleEdit(source: source).apply([.set("resources.jobs.nightly_etl.timeout_seconds", .int(60), file: ".github/workflows/new.yml")])
        XCTAssertEqual(new.findings.map(\.rule), [EditFinding.Rule.badFile])
        let adopted = try applied([.set("resources.pipelines.clean", .object(["name": .string("Clean")]), file: "extra/more.yml")], source: source)
        XCTAssertEqual(adopted.files["extra/more.yml"], "# more settings\nresources:\n  pipelines:\n    clean:\n      name: Clean\n")
    }

    // MARK: Refusals

    func testDeletingWhatDoesNotExistNamesWhatDoes() throws {
        let result = try BundleEdit(source: SalesBundleFixture.source()).apply([.delete("resources.jobs.nightly_etl.tags.teem")])
        XCTAssertEqual(result.findings.map(\.rule), [EditFinding.Rule.pathNotFound])
        XCTAssertTrue(result.findings[0].message.contains("resources.jobs.nightly_etl.tags.teem does not exist"), result.findings[0].message)
        XCTAssertTrue(result.findings[0].message.contains("there is resources.jobs.nightly_etl.tags.team"), result.findings[0].message)
    }

    /// A set deep inside a resource or task with a close name is a typo, not a new job without tasks or
    /// a task without a type; setting the whole thing still makes a new one.
    func testATypoInAResourceOrTaskNameIsRefusedWithTheNameItHas() throws {
        let job = try BundleEdit(source: SalesBundleFixture.source()).apply([.set("resources.jobs.nightly_elt.timeout_seconds", .int(3600))])
        XCTAssertEqual(job.findings.map(\.rule), [EditFinding.Rule.pathNotFound])
        XCTAssertTrue(job.findings.first?.message.contains("no job nightly_elt (did you mean nightly_etl?)") == true, "\(job.findings)")
        let task = try BundleEdit(source: SalesBundleFixture.source()).apply([.set("resources.jobs.nightly_etl.tasks[task_key=ingets].max_retries", .int(2))])
        XCTAssertEqual(task.findings.map(\.rule), [EditFinding.Rule.pathNotFound])
        XCTAssertTrue(task.findings.first?.message.contains("did you mean [task_key=ingest]") == true, "\(task.findings)")
        // No task of a close name either: one plain setting of it is no task of that setting alone (trial of 2026-12-08:
        // `tasks[task_key=gold].max_retries` committed a task without a type).
        let unknown = try BundleEdit(source: SalesBundleFixture.source()).apply([.set("resources.jobs.nightly_etl.tasks[task_key=gold].max_retries", .int(3))])
        XCTAssertEqual(unknown.findings.map(\.rule), [EditFinding.Rule.pathNotFound])
        XCTAssertTrue(unknown.findings.first?.message.contains("has no entry [task_key=gold] (the entries are [task_key=ingest]") == true, "\(unknown.findings)")
        // No close name, deeper than the job's own fields: still no job of one task without a type (it was made).
        let far = try BundleEdit(source: SalesBundleFixture.source()).apply([.set("resources.jobs.nosuchjob.tasks[task_key=a].max_retries", .int(5))])
        XCTAssertEqual(far.findings.map(\.rule), [EditFinding.Rule.pathNotFound])
        XCTAssertTrue(far.findings.first?.message.contains("the bundle has no job nosuchjob (its jobs:") == true, "\(far.findings)")
        // One setting of a job that does not exist (a key renamed away): no job of that setting alone.
        let phantom = try BundleEdit(source: SalesBundleFixture.source()).apply([.set("resources.jobs.nightly_export.max_concurrent_runs", .int(2))])
        XCTAssertEqual(phantom.findings.map(\.rule), [EditFinding.Rule.pathNotFound])
        XCTAssertTrue(phantom.findings.first?.message.contains("set resources.jobs.nightly_export to its whole definition") == true, "\(phantom.findings)")
        // Several fields of the new job in one document, or its name, make one.
        _ = try applied([.set("resources.jobs.exports.name", .string("Exports")), .set("resources.jobs.exports.max_concurrent_runs", .int(2))])
        // A new job set whole, then its fields; a task of another name.
        _ = try applied([.set("resources.jobs.reports", .object(["name": .string("Reports")])), .set("resources.jobs.reports.timeout_seconds", .int(60))])
        _ = try applied([.set("resources.jobs.nightly_etl.tasks[task_key=publish].notebook_task.notebook_path", .string("../src/ingest.py"))])
    }

    func testAMissingValueIsRefused() throws {
        let result = try BundleEdit(source: SalesBundleFixture.source()).apply([StructuredEdit(op: .set, path: "bundle.name")])
        XCTAssertEqual(result.findings.map(\.rule), [EditFinding.Rule.badArgument])
    }

    func testAnInvalidResultIsRefusedWithWhereAndWhy() throws {
        let edit = BundleEdit(source: SalesBundleFixture.source())
        let result = try edit.run(BundleEditRequest(subject: "Break it", edits: [
            .set("resources.jobs.nightly_etl.tasks[task_key=ingest].job_cluster_key", .string("missing_cluster")),
        ]))
        XCTAssertEqual(result.status, .invalid)
        let finding = try XCTUnwrap(result.findings.first { $0.rule == "job-cluster-key-defined" }, "\(result.findings)")
        XCTAssertEqual(finding.file, jobFile)
        XCTAssertEqual(finding.line, 21)
        XCTAssertNotNil(finding.column)
        XCTAssertNil(result.commit)
        XCTAssertTrue(result.message.hasPrefix("Nothing changed"), result.message)
    }

    func testAnUnknownKeyIsRefusedWithTheNearestValidNames() throws {
        let result = try BundleEdit(source: SalesBundleFixture.source()).run(BundleEditRequest(subject: "More runs", edits: [
            .set("resources.jobs.nightly_etl.max_concurent_runs", .int(2)),
        ]))
        XCTAssertEqual(result.status, .invalid)
        XCTAssertEqual(result.findings.count, 1, "\(result.findings)")
        let finding = result.findings[0]
        XCTAssertEqual(finding.rule, "unknown-field")
        XCTAssertEqual(finding.file, jobFile)
        XCTAssertEqual(finding.suggestions?.first, "max_concurrent_runs")
        XCTAssertTrue(finding.description.contains("resources/nightly_etl.job.yml:"), finding.description)
    }

    func testAnUnknownKeyInsideAValueIsRefusedToo() throws {
        let result = try BundleEdit(source: SalesBundleFixture.source()).run(BundleEditRequest(subject: "Schedule", edits: [
            .set("resources.jobs.nightly_etl.schedule", .object(["quartz_cron_expression": .string("0 0 2 * * ?"),
                                                                "timezone": .string("UTC")])),
        ]))
        XCTAssertEqual(result.status, .invalid)
        XCTAssertTrue(result.findings.contains { $0.rule == "unknown-field" && ($0.suggestions ?? []).contains("timezone_id") }, "\(result.findings)")
    }

    /// A wrong type and a required field taken away are only warnings in `validate` (as in the CLI, which
    /// drops such a value or lets the API refuse it), but an edit does not bring them in.
    func testAWrongTypeOrAMissingRequiredFieldBroughtInByAnEditIsRefused() throws {
        let wrongType = try BundleEdit(source: SalesBundleFixture.source()).run(BundleEditRequest(subject: "Runs", edits: [
            .set("resources.jobs.nightly_etl.max_concurrent_runs", .string("a few")),
        ]))
        XCTAssertEqual(wrongType.status, .invalid)
        XCTAssertEqual(wrongType.findings.map(\.rule), ["field-type"], "\(wrongType.findings)")
        XCTAssertNil(wrongType.commit)

        let noTaskKey = try BundleEdit(source: SalesBundleFixture.source()).run(BundleEditRequest(subject: "Drop the key", edits: [
            .delete("resources.jobs.nightly_etl.tasks[task_key=ingest].task_key"),
        ]))
        XCTAssertEqual(noTaskKey.status, .invalid)
        XCTAssertTrue(noTaskKey.findings.contains { $0.rule == "required-field" && $0.description.contains("required field \"task_key\" is not set") },
                      "\(noTaskKey.findings)")

        // A quoted number is what the CLI reads as a number: nothing to refuse.
        let quoted = try BundleEdit(source: SalesBundleFixture.source()).run(BundleEditRequest(subject: "Runs", edits: [
            .set("resources.jobs.nightly_etl.max_concurrent_runs", .string("2")),
        ], dryRun: true))
        XCTAssertEqual(quoted.status, .dryRun, "\(quoted.findings)")
    }

    func testAnUnknownKeyThatWasThereBeforeDoesNotBlockOtherEdits() throws {
        let job = SalesBundleFixture.job.replacingOccurrences(of: "      name: Nightly ETL", with: "      colour: blue\n      name: Nightly ETL")
        let result = try BundleEdit(source: SalesBundleFixture.source([jobFile: job])).run(BundleEditRequest(subject: "Timeout", edits: [
            .set("resources.jobs.nightly_etl.timeout_seconds", .int(60)),
        ], dryRun: true))
        XCTAssertEqual(result.status, .dryRun, "\(result.findings)")
        XCTAssertTrue(result.findings.contains { $0.rule == "unknown-field" && $0.severity == "warning" }, "still reported, as a warning")
    }

    // MARK: Outcomes

    func testADryRunReportsTheSemanticChanges() throws {
        let result = try BundleEdit(source: SalesBundleFixture.source()).run(BundleEditRequest(
            subject: "Smaller dev cluster", summary: "Set 1 worker for dev.",
            edits: [.set("targets.dev.resources.jobs.nightly_etl.job_clusters[job_cluster_key=etl_cluster].new_cluster.num_workers", .int(1))],
            dryRun: true))
        XCTAssertEqual(result.status, .dryRun)
        XCTAssertEqual(result.files, ["databricks.yml"])
        XCTAssertTrue(result.changes.contains { $0.contains("num_workers") && $0.contains("1") }, "\(result.changes)")
        XCTAssertEqual(result.summary, "Set 1 worker for dev.")
    }

    func testEditsThatChangeNothingAreUnchanged() throws {
        let result = try BundleEdit(source: SalesBundleFixture.source()).run(BundleEditRequest(subject: "Same", edits: [
            .set("resources.jobs.nightly_etl.job_clusters[job_cluster_key=etl_cluster].new_cluster.num_workers", .int(4)),
        ]))
        XCTAssertEqual(result.status, .unchanged)
        XCTAssertEqual(result.files, [])
    }

    func testAnEmptyRequestIsAUsageError() {
        XCTAssertThrowsError(try BundleEdit(source: SalesBundleFixture.source()).run(BundleEditRequest(subject: "x", edits: []))) { error in
            XCTAssertEqual((error as? EngineError)?.kind, .usage)
        }
        XCTAssertThrowsError(try BundleEdit(source: SalesBundleFixture.source()).run(BundleEditRequest(subject: " ", edits: [.delete("a")]))) { error in
            XCTAssertEqual((error as? EngineError)?.kind, .usage)
        }
    }

    func testTheRequestDecodesFromTheToolsJSON() throws {
        let json = """
        {"subject": "Make the dev cluster of nightly_etl smaller",
         "summary": "Set 1 worker (was 4).",
         "edits": [
           {"op": "set", "path": "targets.dev.resources.jobs.nightly_etl.job_clusters[job_cluster_key=etl_cluster].new_cluster.num_workers", "value": 1},
           {"op": "delete", "path": "resources.jobs.nightly_etl.tags.team"},
           {"op": "append", "path": "resources.jobs.nightly_etl.email_notifications.on_failure", "value": "oncall@example.com"},
           {"op": "rename", "path": "resources.jobs.old_key", "to": "new_key"}],
         "dry_run": false}
        """
        let request = try JSONDecoder().decode(BundleEditRequest.self, from: Data(json.utf8))
        XCTAssertEqual(request.edits.map(\.op), [.set, .delete, .append, .rename])
        XCTAssertEqual(request.edits[0].value, .int(1))
        XCTAssertEqual(request.edits[3].to, "new_key")
        XCTAssertFalse(request.isDryRun)
    }
}
