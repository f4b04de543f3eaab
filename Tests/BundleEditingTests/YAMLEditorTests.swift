import BundleEditing
import XCTest

final class YAMLEditorTests: XCTestCase {
    let base = """
    # The nightly job.
    bundle:
      name: "demo"   # quoted on purpose

    resources:
      jobs:
        etl:
          name: etl
          tags: {team: data}
          job_clusters:
            - job_cluster_key: main
              new_cluster:
                spark_version: 15.4.x-scala2.12
                num_workers: 4 # four workers
          tasks:
            - task_key: ingest
              job_cluster_key: main
            - task_key: transform
              depends_on: [ingest]

    targets:
      dev:
        mode: development

    """

    func edit(_ body: (inout YAMLEditor) throws -> Void) rethrows -> String {
        var editor = YAMLEditor(text: base)
        try body(&editor)
        return editor.text
    }

    /// A file of two documents: the CLI reads the first; an edit was placed by the second's tree, after the
    /// `---` (committed, and never deployed). Refused, saying why.
    func testAFileOfTwoDocumentsIsNotEdited() {
        var editor = YAMLEditor(text: "resources:\n  jobs:\n    a: {name: a}\n---\nresources:\n  jobs:\n    b: {name: b}\n")
        XCTAssertThrowsError(try editor.set([.key("resources"), .key("jobs"), .key("a"), .key("timeout_seconds")], to: .int(7200))) { error in
            XCTAssertTrue("\(error)".contains("more than one YAML document (line 4)"), "\(error)")
        }
        XCTAssertFalse(editor.text.contains("7200"))
        // A lone `---` at the end: one document, edited.
        var trailing = YAMLEditor(text: "resources:\n  jobs:\n    a: {name: a}\n---\n")
        XCTAssertNoThrow(try trailing.set([.key("resources"), .key("jobs"), .key("a"), .key("timeout_seconds")], to: .int(7200)))
        XCTAssertTrue(trailing.text.contains("7200"), trailing.text)
    }

    func testSetScalarChangesOnlyThatValue() throws {
        let out = try edit { try $0.set([.key("resources"), .key("jobs"), .key("etl"), .key("job_clusters"), .index(0), .key("new_cluster"), .key("num_workers")], to: .int(1)) }
        XCTAssertEqual(out, base.replacingOccurrences(of: "num_workers: 4 # four workers", with: "num_workers: 1 # four workers"))
        let quoted = try edit { try $0.set([.key("bundle"), .key("name")], to: .string("nightly etl")) }
        XCTAssertEqual(quoted, base.replacingOccurrences(of: "name: \"demo\"", with: "name: \"nightly etl\""))
        let needsQuotes = try edit { try $0.set([.key("resources"), .key("jobs"), .key("etl"), .key("name")], to: .string("true")) }
        XCTAssertTrue(needsQuotes.contains("      name: \"true\"\n"), needsQuotes)
    }

    func testSetCreatesMissingIntermediateMappings() throws {
        let out = try edit {
            try $0.set([.key("targets"), .key("dev"), .key("resources"), .key("jobs"), .key("etl"), .key("job_clusters")],
                       to: .sequence([.mapping([("job_cluster_key", .string("main")), ("new_cluster", .mapping([("num_workers", .int(1))]))])]))
        }
        XCTAssertEqual(out, base.replacingOccurrences(of: "    mode: development\n", with: """
            mode: development
            resources:
              jobs:
                etl:
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster:
                        num_workers: 1

        """))
    }

    func testInsertDeleteRename() throws {
        let inserted = try edit { try $0.insert(key: "timeout_seconds", value: .int(3600), into: [.key("resources"), .key("jobs"), .key("etl")], after: "name") }
        XCTAssertEqual(inserted, base.replacingOccurrences(of: "      name: etl\n", with: "      name: etl\n      timeout_seconds: 3600\n"))
        let deleted = try edit { try $0.delete([.key("resources"), .key("jobs"), .key("etl"), .key("tags")]) }
        XCTAssertEqual(deleted, base.replacingOccurrences(of: "      tags: {team: data}\n", with: ""))
        let item = try edit { try $0.delete([.key("resources"), .key("jobs"), .key("etl"), .key("tasks"), .index(1)]) }
        XCTAssertEqual(item, base.replacingOccurrences(of: "        - task_key: transform\n          depends_on: [ingest]\n", with: ""))
        let firstKeyOfItem = try edit { try $0.delete([.key("resources"), .key("jobs"), .key("etl"), .key("tasks"), .index(0), .key("task_key")]) }
        XCTAssertEqual(firstKeyOfItem, base.replacingOccurrences(of: "        - task_key: ingest\n          job_cluster_key: main\n", with: "        - job_cluster_key: main\n"))
        let renamed = try edit { try $0.rename([.key("resources"), .key("jobs"), .key("etl")], to: "nightly_etl") }
        XCTAssertEqual(renamed, base.replacingOccurrences(of: "    etl:\n", with: "    nightly_etl:\n"))
        XCTAssertThrowsError(try edit { try $0.rename([.key("bundle"), .key("name")], to: "name") })
    }

    func testFlowAndBlockLists() throws {
        let flowMap = try edit { try $0.insert(key: "owner", value: .string("ana"), into: [.key("resources"), .key("jobs"), .key("etl"), .key("tags")]) }
        XCTAssertTrue(flowMap.contains("tags: {team: data, owner: ana}"), flowMap)
        let flowList = try edit { try $0.append(.string("extract"), to: [.key("resources"), .key("jobs"), .key("etl"), .key("tasks"), .index(1), .key("depends_on")]) }
        XCTAssertTrue(flowList.contains("depends_on: [ingest, extract]"), flowList)
        let blockList = try edit {
            try $0.append(.mapping([("task_key", .string("report")), ("depends_on", .sequence([.mapping([("task_key", .string("transform"))])]))]),
                          to: [.key("resources"), .key("jobs"), .key("etl"), .key("tasks")])
        }
        XCTAssertEqual(blockList, base.replacingOccurrences(of: "          depends_on: [ingest]\n", with: """
                  depends_on: [ingest]
                - task_key: report
                  depends_on:
                    - task_key: transform

        """))
        let atStart = try edit { try $0.insert(.mapping([("task_key", .string("extract"))]), at: 0, in: [.key("resources"), .key("jobs"), .key("etl"), .key("tasks")]) }
        XCTAssertTrue(atStart.contains("      tasks:\n        - task_key: extract\n        - task_key: ingest\n"), atStart)
    }

    func testAnchorsAreOverriddenLocallyNotChangedForEveryone() throws {
        let text = """
        x-cluster: &cluster
          spark_version: 15.4.x-scala2.12
          num_workers: 2
        jobs:
          a:
            new_cluster: *cluster
          b:
            new_cluster:
              <<: *cluster
              node_type_id: i3.xlarge

        """
        var editor = YAMLEditor(text: text)
        try editor.set([.key("jobs"), .key("a"), .key("new_cluster"), .key("num_workers")], to: .int(8))
        XCTAssertEqual(editor.text, text.replacingOccurrences(of: "    new_cluster: *cluster\n", with: "    new_cluster:\n      <<: *cluster\n      num_workers: 8\n"))
        editor = YAMLEditor(text: text)
        try editor.set([.key("jobs"), .key("b"), .key("new_cluster"), .key("num_workers")], to: .int(4))
        XCTAssertEqual(editor.text, text.replacingOccurrences(of: "      node_type_id: i3.xlarge\n", with: "      node_type_id: i3.xlarge\n      num_workers: 4\n"))
        XCTAssertThrowsError(try editor.delete([.key("jobs"), .key("b"), .key("new_cluster"), .key("spark_version")])) { error in
            XCTAssertEqual(error as? YAMLEditor.EditError, .fromMergedAnchor(key: "spark_version", path: "jobs.b.new_cluster"))
        }
        editor = YAMLEditor(text: text)
        XCTAssertThrowsError(try editor.delete([.key("x-cluster")])) { error in
            XCTAssertEqual(error as? YAMLEditor.EditError, .anchorInUse(anchor: "cluster", path: "x-cluster"))
        }
        XCTAssertThrowsError(try editor.set([.key("x-cluster"), .key("num_workers")], to: .int(3))) { error in
            XCTAssertEqual(error as? YAMLEditor.EditError, .sharedAnchor(anchor: "cluster", path: "x-cluster.num_workers"))
        }
        editor.allowSharedAnchors = true
        try editor.set([.key("x-cluster"), .key("num_workers")], to: .int(3))
        XCTAssertEqual(editor.text, text.replacingOccurrences(of: "  num_workers: 2\n", with: "  num_workers: 3\n"))
    }

    func testLineEndingsAreKept() throws {
        var editor = YAMLEditor(text: "a:\r\n  b: 1\r\n  c: 2\r\n")
        try editor.insert(key: "d", value: .mapping([("e", .int(3))]), into: [.key("a")])
        XCTAssertEqual(editor.text, "a:\r\n  b: 1\r\n  c: 2\r\n  d:\r\n    e: 3\r\n")
    }

    func testErrorsNameThePath() {
        var editor = YAMLEditor(text: base)
        XCTAssertThrowsError(try editor.delete([.key("resources"), .key("jobs"), .key("missing")])) { error in
            XCTAssertEqual("\(error)", "resources.jobs.missing does not exist")
        }
        XCTAssertThrowsError(try editor.insert(key: "x", value: .int(1), into: [.key("bundle"), .key("name")])) { error in
            XCTAssertEqual("\(error)", "bundle.name is not a mapping")
        }
        XCTAssertEqual(editor.text, base, "a failed edit changes nothing")
    }

    /// A key written twice: the later one is deployed (the CLI keeps it), so it is the one edited.
    func testADuplicateKeyIsEditedWhereItCounts() throws {
        let text = "variables:\n  catalog: workspace\n  schema: prod\n  catalog: workspace\n  run_mode: full\n"
        var editor = YAMLEditor(text: text)
        try editor.set([.key("variables"), .key("catalog")], to: .string("main"))
        XCTAssertEqual(editor.text, "variables:\n  catalog: workspace\n  schema: prod\n  catalog: main\n  run_mode: full\n")
        try editor.delete([.key("variables"), .key("catalog")])
        XCTAssertEqual(editor.text, "variables:\n  catalog: workspace\n  schema: prod\n  run_mode: full\n")
    }

    /// A value given by a reference is changed where it comes from: the error says where.
    func testAValueSetByAReferenceNamesIt() {
        let text = "resources:\n  pipelines:\n    etl:\n      tags: ${var.etl_tags}\n      configuration: ${resources.jobs.a.x}\n"
        var editor = YAMLEditor(text: text)
        XCTAssertThrowsError(try editor.set([.key("resources"), .key("pipelines"), .key("etl"), .key("tags"), .key("team")], to: .string("data"))) { error in
            XCTAssertEqual("\(error)", "resources.pipelines.etl.tags is set by ${var.etl_tags}: change the variable etl_tags instead (its default, or a target's value)")
        }
        XCTAssertThrowsError(try editor.insert(key: "k", value: .int(1), into: [.key("resources"), .key("pipelines"), .key("etl"), .key("configuration")])) { error in
            XCTAssertEqual("\(error)", "resources.pipelines.etl.configuration is set by ${resources.jobs.a.x}: change what it refers to instead")
        }
        XCTAssertEqual(editor.text, text)
    }
}

/// The include entry a new resource file gets: its folder's glob, or the file itself in a bundle that
/// lists its files one by one (mlops-stacks: a glob would bring in the files it leaves out).
final class IncludeEntryTests: XCTestCase {
    func testAGlobOrTheFileAsTheBundleWritesThem() throws {
        XCTAssertEqual(IncludeEditing.entry(for: "resources/raw.volume.yml", listed: ["resources/*.yml"]), "resources/*.yml")
        XCTAssertEqual(IncludeEditing.entry(for: "resources/raw.volume.yml", listed: []), "resources/*.yml")
        XCTAssertEqual(IncludeEditing.entry(for: "resources/raw.volume.yml", listed: ["./resources/a.yml", "resources/b.yml"]), "resources/raw.volume.yml")
        let text = try XCTUnwrap(try IncludeEditing.rootText("bundle:\n  name: x\ninclude:\n  - ./resources/a.yml\n", including: "resources/raw.volume.yml", rootFile: "databricks.yml"))
        XCTAssertEqual(text, "bundle:\n  name: x\ninclude:\n  - ./resources/a.yml\n  - resources/raw.volume.yml\n")
        XCTAssertNil(try IncludeEditing.rootText(text, including: "resources/raw.volume.yml", rootFile: "databricks.yml"), "listed already")
    }
}
