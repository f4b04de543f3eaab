@testable import BundleValidation
import BundleModel
import Foundation
import TestSupport
import XCTest

/// Incremental validation (`FindingsCache`, issue 17) must never change a result: every rule example,
/// test fixture and corpus bundle gives the same report without the cache, with a cold one and with a
/// warm one, and again after each of a set of changes to one of its files (the warm cache made before
/// the change). Files are dated an hour back, as files are that a user did not just write: a file
/// written in the last two seconds is never trusted by its status alone.
final class IncrementalValidationTests: XCTestCase {
    static let requests: [ValidationRequest] = [ValidationRequest(targets: .all), ValidationRequest(targets: .one(nil))]

    // MARK: Helpers

    /// The bundle copied into a fresh directory (so that it can be changed and dated).
    func copy(_ directory: URL) throws -> TemporaryDirectory {
        let temporary = try TemporaryDirectory(prefix: "dabrepo-incremental")
        let target = temporary.url.appendingPathComponent("bundle")
        try FileManager.default.copyItem(at: directory, to: target)
        return temporary
    }

    /// Each call's own time, an hour or more back: files dated by one call differ from all others.
    nonisolated(unsafe) static var dates = 0

    /// Sets the modification time of every file under `url` (or of the file) an hour or more back, to a
    /// time no other call used: unchanged files keep their status, a changed file gets a new one.
    func backdate(_ url: URL) {
        Self.dates += 1
        let past = Date(timeIntervalSince1970: 1_700_000_000 + Double(Self.dates))
        try? FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: url.path)
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { return }
        for case let file as URL in walker {
            try? FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: file.path)
        }
    }

    func report(_ root: URL, _ request: ValidationRequest, cache: FindingsCache?) -> String {
        var request = request
        request.findingsCache = cache
        do {
            return JSONReportFormatter().render(try request.run(source: DiskFileSource(root: root)))
        } catch {
            return JSONReportFormatter().render(.setupFailure(error, allTargets: request.targets == .all))
        }
    }

    /// The included configuration files of the bundle, without the root file.
    func includedFiles(_ root: URL) -> [String] {
        (try? BundleLoader(source: DiskFileSource(root: root)).load())?.files.filter { !$0.isRoot }.map(\.path) ?? []
    }

    /// How many files the last run took from the cache (the number of kept entries it did not rewrite
    /// is not observable from outside; the document's files that were not read are).
    func cachedFileCount(_ cache: FindingsCache) -> Int {
        cache.read()?.files.count ?? 0
    }

    /// Changes of one configuration file a user might make: edits of values, keys and lines, broken
    /// YAML, a reference to a resource that does not exist, a key another file defines, removal.
    static func changes(of text: String, otherFile: String?) -> [(name: String, text: String?)] {
        var lines = text.components(separatedBy: "\n")
        var out: [(String, String?)] = []
        out.append(("a comment added", text + "\n# changed\n"))
        if let i = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("name:") }) {
            var changed = lines
            changed[i] = String(lines[i].prefix { $0 == " " }) + "name: changed name"
            out.append(("a name changed", changed.joined(separator: "\n")))
            changed[i] = String(lines[i].prefix { $0 == " " }) + "name: ${resources.jobs.not_defined_anywhere.id}"
            out.append(("a reference to a missing resource", changed.joined(separator: "\n")))
            changed[i] = String(lines[i].prefix { $0 == " " }) + "name: ${var.not_declared}"
            out.append(("an undeclared variable", changed.joined(separator: "\n")))
        }
        // A resource key (four spaces under `resources:` and its type) renamed.
        if let i = lines.firstIndex(where: { $0.hasPrefix("    ") && !$0.hasPrefix("     ") && $0.hasSuffix(":") }) {
            var changed = lines
            changed[i] = String(lines[i].dropLast()) + "_renamed:"
            out.append(("a resource key renamed", changed.joined(separator: "\n")))
        }
        if let i = lines.lastIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            lines.remove(at: i)
            out.append(("the last line removed", lines.joined(separator: "\n")))
        }
        if let i = text.range(of: "\n      ") {
            out.append(("an unknown field", text.replacingCharacters(in: i, with: "\n      bogus_field_for_test: 1\n      ")))
        }
        out.append(("broken YAML", text + "\n  broken: [unclosed\n"))
        if let otherFile { out.append(("another file's resources copied in", otherFile)) }
        out.append(("removed", nil))
        return out
    }

    // MARK: Tests

    func testColdWarmAndChangedRunsMatchRunsWithoutTheCacheOnEveryFixtureAndCorpusBundle() throws {
        var directories = TestPaths.bundleDirectories(under: TestPaths.packageRoot.appendingPathComponent("Tests"))
        if let shared = TestPaths.shared { directories += TestPaths.bundleDirectories(under: shared.appendingPathComponent("corpus/bundle-examples")) }
        XCTAssertGreaterThan(directories.count, 20)
        var warmBundles = 0
        var changesTried = 0
        var incrementalRuns = 0
        for directory in directories {
            let temporary = try copy(directory)
            let root = temporary.url.appendingPathComponent("bundle")
            backdate(root)
            let included = includedFiles(root)
            for (r, request) in Self.requests.enumerated() {
                let cache = FindingsCache(file: temporary.url.appendingPathComponent("cache-\(r).json"))
                let plain = report(root, request, cache: nil)
                XCTAssertEqual(report(root, request, cache: cache), plain, "cold: \(directory.path)")
                XCTAssertEqual(report(root, request, cache: cache), plain, "warm: \(directory.path)")
                if cachedFileCount(cache) > 0 { warmBundles += 1 }
                // Changes of the first included file, each from the warm state (all targets only: the
                // default target's run sees the same files).
                guard r == 0 else { continue }
                for (n, path) in included.prefix(1).enumerated() {
                    let url = root.appendingPathComponent(path)
                    guard let original = try? Data(contentsOf: url), let text = String(data: original, encoding: .utf8) else { continue }
                    let other = included.count > 1 ? try? String(contentsOf: root.appendingPathComponent(included[(n + 1) % included.count]), encoding: .utf8) : nil
                    for change in Self.changes(of: text, otherFile: other) {
                        if let changed = change.text { try Data(changed.utf8).write(to: url) } else { try FileManager.default.removeItem(at: url) }
                        let expected = report(root, request, cache: nil)
                        XCTAssertEqual(report(root, request, cache: cache), expected, "\(change.name) in \(path) of \(directory.path), just written")
                        // Dated back: now the changed file's findings are kept, and used by the next run.
                        if change.text != nil { backdate(url) }
                        XCTAssertEqual(report(root, request, cache: cache), expected, "\(change.name) in \(path) of \(directory.path)")
                        if (cache.read()?.reused ?? 0) > 0 { incrementalRuns += 1 }
                        try original.write(to: url)
                        backdate(url)
                        XCTAssertEqual(report(root, request, cache: cache), plain, "\(change.name) in \(path) of \(directory.path) undone")
                        changesTried += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(warmBundles, 10, "bundles with included files should have kept findings")
        XCTAssertGreaterThan(changesTried, 100)
        // (65 before files that name a changed resource were read again with it, which their findings may
        // depend on: a warning went stale; 42 since, on these small bundles whose files name each other.)
        XCTAssertGreaterThan(incrementalRuns, 35, "warm runs after a change should have left unchanged files unread")
        print("IncrementalValidationTests: \(directories.count) bundles, \(changesTried) changes compared with and without the cache; \(incrementalRuns) warm runs after a change left files unread")
    }

    func testEveryRuleExampleGivesTheSameFindingsColdAndWarm() throws {
        var examples = 0
        for rule in RuleRegistry.all {
            let d = type(of: rule).description
            for example in d.triggeringExamples + d.nonTriggeringExamples {
                let temporary = try TemporaryDirectory(prefix: "dabrepo-incremental")
                let root = temporary.url.appendingPathComponent("bundle")
                for (path, text) in example.unmarked.files { try temporary.write("bundle/" + path, Data(text.utf8)) }
                backdate(root)
                var request = ValidationRequest(targets: example.target.map { .one($0) } ?? .all)
                request.overrides = VariableOverrides(commandLine: example.variables)
                let cache = FindingsCache(file: temporary.url.appendingPathComponent("cache.json"))
                let plain = report(root, request, cache: nil)
                XCTAssertEqual(report(root, request, cache: cache), plain, "cold: \(d.id)")
                XCTAssertEqual(report(root, request, cache: cache), plain, "warm: \(d.id)")
                examples += 1
            }
        }
        XCTAssertGreaterThan(examples, 60)
    }

    func testAnUnchangedFileIsNotReadAgainAndItsFindingsAreKept() throws {
        let temporary = try TemporaryDirectory(prefix: "dabrepo-incremental")
        var files = ["bundle/databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\ntargets:\n  dev:\n    default: true\n"]
        for i in 0..<20 {
            files["bundle/resources/job_\(i).job.yml"] = "resources:\n  jobs:\n    job_\(i):\n      name: job \(i)\n      tasks:\n        - task_key: t\n          job_cluster_key: missing_\(i)\n          notebook_task: {notebook_path: ../src/n.py}\n"
        }
        try temporary.write(files)
        try temporary.write("bundle/src/n.py", Data("# Databricks notebook source\n".utf8))
        let root = temporary.url.appendingPathComponent("bundle")
        backdate(root)
        let cache = FindingsCache(file: temporary.url.appendingPathComponent("cache.json"))
        let request = ValidationRequest(targets: .all)
        let cold = report(root, request, cache: cache)
        XCTAssertEqual(cold.components(separatedBy: "missing_").count - 1, 20 * 2, "each job's finding names its key (summary and detail)")
        // Files 1...19 rewritten with other bytes of the same size, their modification times put back:
        // their status is what the cache kept, so a run that does not read them still reports missing_N.
        for i in 1..<20 {
            let path = root.appendingPathComponent("resources/job_\(i).job.yml").path
            var before = stat()
            XCTAssertEqual(stat(path, &before), 0)
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "missing_", with: "MISSING_")
            let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
            var times = [before.st_atim, before.st_mtim]
            XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
        }
        XCTAssertEqual(report(root, request, cache: cache), cold, "the kept findings of 19 unread files")
        XCTAssertTrue(report(root, request, cache: nil).contains("MISSING_1"), "without the cache the files are read")
        XCTAssertEqual(cachedFileCount(cache), 20)
        // A run that learned nothing new leaves the cache file as it is (the hook runs on every commit).
        let written = try FileManager.default.attributesOfItem(atPath: cache.file.path)[.modificationDate] as? Date
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_600_000_000)], ofItemAtPath: cache.file.path)
        _ = report(root, request, cache: cache)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: cache.file.path)[.modificationDate] as? Date,
                       Date(timeIntervalSince1970: 1_600_000_000), "rewritten though nothing changed (first written \(String(describing: written)))")
    }

    /// A job's cluster is a complex variable declared in another file: a bad value there is found while the
    /// job is validated, at the variable's line. The third run (the variables file read, the job's findings
    /// reused) said "Validation OK!", and the pre-commit hook let the commit through.
    func testAFindingAtAnotherFilesLineIsKeptWithTheResourceItIsAbout() throws {
        let temporary = try TemporaryDirectory(prefix: "dabrepo-incremental")
        try temporary.write([
            "bundle/databricks.yml": "bundle:\n  name: cache_repro\ninclude:\n  - resources/*.yml\ntargets:\n  dev:\n    default: true\n",
            "bundle/resources/vars.yml": "variables:\n  small_cluster:\n    type: complex\n    default:\n      spark_version: 15.4.x-scala2.12\n      node_type_id: Standard_DS3_v2\n      num_workers: 2\n",
            "bundle/resources/etl.job.yml": "resources:\n  jobs:\n    etl:\n      name: etl\n      tasks:\n        - task_key: main\n          job_cluster_key: c\n          spark_python_task:\n            python_file: ../main.py\n      job_clusters:\n        - job_cluster_key: c\n          new_cluster: ${var.small_cluster}\n",
            "bundle/main.py": "print(1)\n",
        ])
        let root = temporary.url.appendingPathComponent("bundle")
        backdate(root)
        for request in Self.requests {
            let cache = FindingsCache(file: temporary.url.appendingPathComponent("cache-\(request.targets == .all).json"))
            XCTAssertEqual(report(root, request, cache: cache), report(root, request, cache: nil))
            let variables = root.appendingPathComponent("resources/vars.yml")
            let text = try String(contentsOf: variables, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "num_workers: 2", with: "num_workers: -2").utf8).write(to: variables)
            backdate(variables)
            let expected = report(root, request, cache: nil)
            XCTAssertTrue(expected.contains("num_workers"), expected)
            for run in 1...3 { XCTAssertEqual(report(root, request, cache: cache), expected, "run \(run) after the change") }
            try Data(text.utf8).write(to: variables)
            backdate(variables)
            for run in 1...2 { XCTAssertEqual(report(root, request, cache: cache), report(root, request, cache: nil), "run \(run) after the fix") }
        }
    }

    /// A production target without root_path makes every job file be read; a job's pipeline_task names a pipeline of
    /// another file, which was not read with it: the second run said "refers to resources of type pipelines, but the
    /// bundle defines none" (daq-databricks-dab).
    func testAJobReadForTheProductionTargetHasThePipelinesItNames() throws {
        let temporary = try TemporaryDirectory(prefix: "dabrepo-incremental")
        try temporary.write([
            "bundle/databricks.yml": "bundle:\n  name: min_cache\ninclude:\n  - resources/*.yml\ntargets:\n  dev:\n    mode: development\n    default: true\n  prod:\n    mode: production\n",
            "bundle/resources/j.yml": "resources:\n  jobs:\n    orchestrator:\n      name: orchestrator\n      tasks:\n        - task_key: bronze\n          pipeline_task:\n            pipeline_id: ${resources.pipelines.bronze.id}\n",
            "bundle/resources/p.yml": "resources:\n  pipelines:\n    bronze:\n      name: bronze\n      catalog: main\n      schema: raw\n      serverless: true\n      libraries:\n        - notebook:\n            path: ../src/bronze.py\n",
            "bundle/src/bronze.py": "# Databricks notebook source\n",
        ])
        let root = temporary.url.appendingPathComponent("bundle")
        backdate(root)
        for request in Self.requests {
            let cache = FindingsCache(file: temporary.url.appendingPathComponent("cache-\(request.targets == .all).json"))
            let expected = report(root, request, cache: nil)
            XCTAssertFalse(expected.contains("defines none"), expected)
            for run in 1...3 { XCTAssertEqual(report(root, request, cache: cache), expected, "run \(run)") }
        }
    }

    func testADeletedNotebookIsReportedThoughTheJobFileDidNotChange() throws {
        let temporary = try TemporaryDirectory(prefix: "dabrepo-incremental")
        try temporary.write(["bundle/databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n",
                             "bundle/resources/etl.job.yml": "resources:\n  jobs:\n    etl:\n      name: etl\n      tasks:\n        - task_key: t\n          notebook_task: {notebook_path: ../src/etl.py}\n",
                             "bundle/src/etl.py": "# Databricks notebook source\n"])
        let root = temporary.url.appendingPathComponent("bundle")
        backdate(root)
        let cache = FindingsCache(file: temporary.url.appendingPathComponent("cache.json"))
        let request = ValidationRequest(targets: .all)
        XCTAssertFalse(report(root, request, cache: cache).contains("local-path-exists"))
        XCTAssertFalse(report(root, request, cache: cache).contains("local-path-exists"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("src/etl.py"))
        let after = report(root, request, cache: cache)
        XCTAssertTrue(after.contains("local-path-exists"), after)
        XCTAssertEqual(after, report(root, request, cache: nil))
    }


    func testAnAlertFileGivenAReferenceIsReportedThoughTheAlertYAMLDidNotChange() throws {
        let temporary = try TemporaryDirectory(prefix: "dabrepo-incremental")
        try temporary.write(["bundle/databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n",
                             "bundle/resources/late.alert.yml": "resources:\n  alerts:\n    late:\n      display_name: Late\n      warehouse_id: abcdef1234567890\n      file_path: ../src/late.dbalert.json\n",
                             "bundle/src/late.dbalert.json": "{\"query_lines\": [\"select 1\"]}\n"])
        let root = temporary.url.appendingPathComponent("bundle")
        backdate(root)
        let cache = FindingsCache(file: temporary.url.appendingPathComponent("cache.json"))
        let request = ValidationRequest(targets: .all)
        XCTAssertFalse(report(root, request, cache: cache).contains("definition-file"))
        XCTAssertFalse(report(root, request, cache: cache).contains("definition-file"))
        try "{\"query_lines\": [\"select * from ${var.catalog}.orders\"]}\n".write(to: root.appendingPathComponent("src/late.dbalert.json"), atomically: true, encoding: .utf8)
        let after = report(root, request, cache: cache)
        XCTAssertTrue(after.contains("must not contain variable interpolations"), after)
        XCTAssertEqual(after, report(root, request, cache: nil))
    }
    func testRulesThatSpanFilesSeeEveryFileWhenOneOfThemChanges() throws {
        let temporary = try TemporaryDirectory(prefix: "dabrepo-incremental")
        let job = { (key: String, name: String) in "resources:\n  jobs:\n    \(key):\n      name: \(name)\n" }
        try temporary.write(["bundle/databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n",
                             "bundle/resources/a.job.yml": job("a", "first"),
                             "bundle/resources/b.job.yml": job("a", "second"),
                             "bundle/resources/c.job.yml": job("c", "${resources.jobs.d.id}"),
                             "bundle/resources/d.job.yml": job("d", "d"),
                             "bundle/resources/e.pipeline.yml": "resources:\n  pipelines:\n    c:\n      name: e\n"])
        let root = temporary.url.appendingPathComponent("bundle")
        backdate(root)
        let cache = FindingsCache(file: temporary.url.appendingPathComponent("cache.json"))
        let request = ValidationRequest(targets: .all)
        _ = report(root, request, cache: cache)
        // One of two files defining jobs.a, one of two resources keyed c, and a referenced job change;
        // their keys stay the same.
        for (path, text) in [("resources/b.job.yml", job("a", "second changed")), ("resources/e.pipeline.yml", "resources:\n  pipelines:\n    c:\n      name: e2\n"),
                             ("resources/d.job.yml", job("d", "d2"))] {
            try Data(text.utf8).write(to: root.appendingPathComponent(path))
            backdate(root.appendingPathComponent(path))
            let expected = report(root, request, cache: nil)
            XCTAssertEqual(report(root, request, cache: cache), expected, path)
            XCTAssertEqual(report(root, request, cache: cache), expected, path + ", warm")
        }
        XCTAssertTrue(report(root, request, cache: cache).contains("resource-defined-twice"))
        XCTAssertTrue(report(root, request, cache: cache).contains("resource-key-unique"))
    }

    /// A file that names a resource of a changed file: its findings may depend on that resource. A job's
    /// pipeline task of a pipeline made continuous was no warning while the job's file was unchanged (its
    /// kept findings were used), and the warning stayed after the pipeline was made triggered again.
    func testAFileNamingAChangedFilesResourceIsCheckedAgain() throws {
        let temporary = try TemporaryDirectory(prefix: "dabrepo-incremental")
        let pipeline = { (continuous: Bool) in
            "resources:\n  pipelines:\n    p:\n      name: p\n      catalog: main\n      schema: s\n      serverless: true\n"
                + (continuous ? "      continuous: true\n" : "") + "      libraries:\n        - notebook:\n            path: ../nb.py\n"
        }
        try temporary.write(["bundle/databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n",
                             "bundle/nb.py": "# Databricks notebook source\n",
                             "bundle/resources/refresh.job.yml": "resources:\n  jobs:\n    refresh:\n      name: refresh\n      tasks:\n        - task_key: run\n          pipeline_task:\n            pipeline_id: ${resources.pipelines.p.id}\n",
                             "bundle/resources/p.pipeline.yml": pipeline(false)])
        let root = temporary.url.appendingPathComponent("bundle")
        backdate(root)
        let cache = FindingsCache(file: temporary.url.appendingPathComponent("cache.json"))
        let request = ValidationRequest(targets: .all)
        XCTAssertFalse(report(root, request, cache: cache).contains("pipeline-task-triggered"))
        for continuous in [true, false] {
            let path = root.appendingPathComponent("resources/p.pipeline.yml")
            try Data(pipeline(continuous).utf8).write(to: path)
            backdate(path)
            let expected = report(root, request, cache: nil)
            XCTAssertEqual(expected.contains("pipeline-task-triggered"), continuous, expected)
            XCTAssertEqual(report(root, request, cache: cache), expected, "continuous: \(continuous)")
            XCTAssertEqual(report(root, request, cache: cache), expected, "continuous: \(continuous), warm")
        }
    }

    func testACorruptOrForeignCacheIsIgnoredAndRewritten() throws {
        let temporary = try TemporaryDirectory(prefix: "dabrepo-incremental")
        try temporary.write(["bundle/databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n",
                             "bundle/resources/a.job.yml": "resources:\n  jobs:\n    a:\n      name: a\n      tasks:\n        - task_key: t\n          job_cluster_key: nope\n          notebook_task: {notebook_path: ./x.py}\n"])
        let root = temporary.url.appendingPathComponent("bundle")
        backdate(root)
        let cache = FindingsCache(file: temporary.url.appendingPathComponent("cache.json"))
        let request = ValidationRequest(targets: .all)
        let plain = report(root, request, cache: nil)
        XCTAssertEqual(report(root, request, cache: cache), plain)
        let written = try String(contentsOf: cache.file, encoding: .utf8)
        for garbage in ["", "{", "not json at all \u{0}\u{1}", "{\"format\": 1}", "[]",
                        // Findings that say something else, from another build: never used.
                        written.replacingOccurrences(of: "nope", with: "forged").replacingOccurrences(of: "\nbuild\t", with: "\nbuild\tother-"),
                        written.replacingOccurrences(of: "cache \(FindingsCache.Document.format)\n", with: "cache 99\n").replacingOccurrences(of: "nope", with: "forged"),
                        String(written.dropLast(7)), written.replacingOccurrences(of: "\nfile\t", with: "\nfile\tx\t")] {
            try Data(garbage.utf8).write(to: cache.file)
            XCTAssertEqual(report(root, request, cache: cache), plain, garbage.prefix(40).debugDescription)
            XCTAssertNotNil(cache.read(), "rewritten after \(garbage.prefix(40).debugDescription)")
        }
    }

    /// The stored text reads back as the document written, whatever its strings hold (the separators
    /// escaped), and a document with one line changed in form reads as nothing.
    func testTheStoredDocumentReadsBackAsWritten() throws {
        let odd = ["plain", "tab\there", "line\nfeed", "back\\slash", "unit\u{1F}separator", "é ü 中", "cr\rhere", ""]
        var files: [String: FindingsCache.Document.Entry] = [:]
        for (i, text) in odd.enumerated() {
            var summary = BundleFileSummary()
            summary.onlyResources = i % 2 == 0
            summary.unreadable = i == 3
            summary.resources = i == 0 ? [] : ["jobs.\(text)", "pipelines.p\(i)"]
            summary.overrides = i == 1 ? ["jobs.\(text)"] : []
            summary.references = i == 2 ? [text, "jobs.x"] : []
            summary.resourceDigests = summary.resources.map { "digest of \($0)" }
            let findings = i % 3 == 0 ? [] : [Diagnostic(.warning, rule: "r", summary: "about \(text)", path: "resources.jobs.\(text)",
                                                          location: SourceLocation(file: "resources/\(text).yml", line: i + 1, column: 3))]
            files["resources/\(text)\(i).yml"] = .init(identity: "id:\(i):\(text)", summary: summary, findings: findings)
        }
        let document = FindingsCache.Document(format: FindingsCache.Document.format, build: "build\twith tab", context: "ctx\\1",
                                              probes: [.init(kind: .file, path: "src/a\tb.py", answer: "1"), .init(kind: .contents, path: "src", answer: "a\u{1F}b")],
                                              files: files, reused: 5)
        let text = document.text
        XCTAssertEqual(FindingsCache.Document(text: text), document)
        XCTAssertEqual(String(decoding: text, as: UTF8.self).split(separator: "\n").count, 4 + 2 + odd.count, "one line each")
        let written = String(decoding: text, as: UTF8.self)
        for broken in [String(written.dropLast()), written.replacingOccurrences(of: "\nreused\t5\n", with: "\nreused\tfive\n"),
                       written.replacingOccurrences(of: "\nprobe\tfile\t", with: "\nprobe\tsocket\t"),
                       written.replacingOccurrences(of: "\nfile\t", with: "\nfile\t\t"), written + "\n", "x" + written] {
            XCTAssertNil(FindingsCache.Document(text: Data(broken.utf8)), broken.prefix(60).debugDescription)
        }
        XCTAssertNil(FindingsCache.Document(text: Data([0xFF, 0xFE, 0x0A])), "not UTF-8")
    }

    func testAFileRewrittenWithinTheSameSecondIsReadAgain() throws {
        let temporary = try TemporaryDirectory(prefix: "dabrepo-incremental")
        let job = { (key: String) in
            "resources:\n  jobs:\n    a:\n      name: a\n      tasks:\n        - task_key: t\n          job_cluster_key: \(key)\n          notebook_task: {notebook_path: ./x.py}\n"
        }
        try temporary.write(["bundle/databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n",
                             "bundle/resources/a.job.yml": job("k1")])
        let root = temporary.url.appendingPathComponent("bundle")
        let cache = FindingsCache(file: temporary.url.appendingPathComponent("cache.json"))
        let request = ValidationRequest(targets: .all)
        XCTAssertTrue(report(root, request, cache: cache).contains("k1"))
        // Same size, same second, same inode: the status may not tell the files apart.
        let handle = try FileHandle(forWritingTo: root.appendingPathComponent("resources/a.job.yml"))
        try handle.write(contentsOf: Data(job("k2").utf8))
        try handle.close()
        let after = report(root, request, cache: cache)
        XCTAssertTrue(after.contains("k2"), after)
        XCTAssertFalse(after.contains("k1"), after)
    }

    func testTheCacheCanBeTurnedOffAndLivesInTheGitDirectory() throws {
        let temporary = try TemporaryDirectory(prefix: "dabrepo-incremental")
        try temporary.write(["repo/.git/HEAD": "ref: refs/heads/main\n", "repo/bundles/a/databricks.yml": "bundle:\n  name: a\n"])
        let bundle = temporary.url.appendingPathComponent("repo/bundles/a")
        let directory = try XCTUnwrap(FindingsCache.directory(forBundleAt: bundle))
        XCTAssertEqual(directory.path, temporary.url.appendingPathComponent("repo/.git/dabrepo/cache").standardizedFileURL.path)
        let source = DiskFileSource(root: bundle)
        XCTAssertNotNil(FindingsCache.in(directory, source: source, request: ValidationRequest(), environment: [:]))
        XCTAssertNil(FindingsCache.in(directory, source: source, request: ValidationRequest(), environment: ["DABREPO_CACHE": "off"]))
        // A linked worktree's .git is a file naming its git directory.
        try temporary.write(["wt/.git": "gitdir: ../repo/.git/worktrees/wt\n", "wt/databricks.yml": "bundle:\n  name: w\n"])
        XCTAssertEqual(FindingsCache.directory(forBundleAt: temporary.url.appendingPathComponent("wt"))?.path,
                       temporary.url.appendingPathComponent("repo/.git/worktrees/wt/dabrepo/cache").standardizedFileURL.path)
        // Different options, different files: a `--target prod` run does not evict the `--all-targets` one.
        XCTAssertNotEqual(FindingsCache.in(directory, source: source, request: ValidationRequest(targets: .all))?.file,
                          FindingsCache.in(directory, source: source, request: ValidationRequest(targets: .one("prod")))?.file)
    }
}
