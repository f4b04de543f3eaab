import BundleDiff
import BundleModel
import Foundation
import TestSupport
import XCTest

/// `BundleSnapshot.pair` leaves files both sides hold unchanged unparsed when they cannot make a
/// difference. It must never change a result: every comparison here is made both ways (every file
/// read, and paired) and the outputs must be identical, for the whole bundle and for every target.
final class UnchangedFilesLeftUnreadTests: XCTestCase {
    /// Every file of a bundle directory (no hidden ones), by relative path.
    static func files(of directory: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return out }
        for case let url as URL in walker {
            if url.lastPathComponent.hasPrefix(".") {
                walker.skipDescendants()
                continue
            }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true, let data = try? Data(contentsOf: url) else { continue }
            out[String(url.path.dropFirst(directory.path.count + 1))] = data
        }
        return out
    }

    static func source(_ files: [String: Data]) -> any BundleFileSource {
        ContentHashingFileSource(InMemoryFileSource(files: files))
    }

    /// Compares `old` with `new` both ways; returns whether the pair left files unread.
    @discardableResult
    func assertSameBothWays(_ old: any BundleFileSource, _ new: any BundleFileSource, _ context: String,
                            file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let cache = ParseCache()
        let fullOld = BundleSnapshot(label: "old", source: old), fullNew = BundleSnapshot(label: "new", source: new)
        let (pairedOld, pairedNew) = BundleSnapshot.pair(old: ("old", old), new: ("new", new), cache: cache)
        let targets = Set((fullOld.bundle?.targetNames ?? []) + (fullNew.bundle?.targetNames ?? [])).sorted()
        for target in [nil] + targets.map(Optional.some) {
            let expected = BundleComparison.compare(fullOld, fullNew, target: target)
            let actual = BundleComparison.compare(pairedOld, pairedNew, target: target)
            XCTAssertEqual(DiffJSONFormatter().render(actual), DiffJSONFormatter().render(expected),
                           "\(context), target \(target ?? "(none)")", file: file, line: line)
            XCTAssertEqual(DiffTextFormatter().render(actual), DiffTextFormatter().render(expected),
                           "\(context), target \(target ?? "(none)")", file: file, line: line)
        }
        XCTAssertEqual(BundleComparison.revisionChanges(pairedOld, pairedNew), BundleComparison.revisionChanges(fullOld, fullNew), context,
                       file: file, line: line)
        return (pairedOld.bundle?.files ?? []).contains(where: \.isSkipped)
    }

    /// Changes of one resource file a user might make, including the ones that must make the pair
    /// read unchanged files after all: a key another file defines, a new section, a target override.
    static func changes(of text: String, otherFile: String?) -> [(name: String, text: String?)] {
        var lines = text.components(separatedBy: "\n")
        var out: [(String, String?)] = [("a comment added", text + "\n# changed\n")]
        if let i = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("name:") }) {
            var changed = lines
            changed[i] = String(lines[i].prefix { $0 == " " }) + "name: changed name"
            out.append(("a name changed", changed.joined(separator: "\n")))
            changed[i] = String(lines[i].prefix { $0 == " " }) + "name: ${var.not_declared} ${bundle.target}"
            out.append(("a reference", changed.joined(separator: "\n")))
        }
        if let i = lines.firstIndex(where: { $0.hasPrefix("    ") && !$0.hasPrefix("     ") && $0.hasSuffix(":") }) {
            var changed = lines
            changed[i] = String(lines[i].dropLast()) + "_renamed:"
            out.append(("a resource key renamed", changed.joined(separator: "\n")))
        }
        if let i = lines.lastIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            lines.remove(at: i)
            out.append(("the last line removed", lines.joined(separator: "\n")))
        }
        out.append(("a new resource type", text + "\n  schemas:\n    added_schema:\n      name: s\n      catalog_name: main\n"))
        out.append(("a target added", text + "\ntargets:\n  extra:\n    mode: development\n"))
        out.append(("a variable added", text + "\nvariables:\n  extra_variable:\n    default: x\n"))
        out.append(("broken YAML", text + "\n  broken: [unclosed\n"))
        if let otherFile {
            out.append(("another file's resources copied in", otherFile))
            out.append(("another file's resources added", text + "\n" + otherFile.replacingOccurrences(of: "resources:\n", with: "")))
        }
        out.append(("removed", nil))
        return out
    }

    func testPairedComparisonsMatchReadingEveryFileOnEveryFixtureAndCorpusBundle() throws {
        var directories = TestPaths.bundleDirectories(under: TestPaths.packageRoot.appendingPathComponent("Tests"))
        if let shared = TestPaths.shared { directories += TestPaths.bundleDirectories(under: shared.appendingPathComponent("corpus/bundle-examples")) }
        XCTAssertGreaterThan(directories.count, 20)
        var compared = 0, leftUnread = 0
        for directory in directories {
            let files = Self.files(of: directory)
            guard let loaded = try? BundleLoader(source: InMemoryFileSource(files: files)).load() else { continue }
            let included = loaded.files.filter { !$0.isRoot }.map(\.path)
            assertSameBothWays(Self.source(files), Self.source(files), "\(directory.path) unchanged")
            for (n, path) in included.prefix(3).enumerated() {
                guard let text = files[path].flatMap({ String(data: $0, encoding: .utf8) }) else { continue }
                let other = included.count > 1 ? files[included[(n + 1) % included.count]].flatMap { String(data: $0, encoding: .utf8) } : nil
                for change in Self.changes(of: text, otherFile: other) {
                    var changed = files
                    changed[path] = change.text.map { Data($0.utf8) }
                    if assertSameBothWays(Self.source(files), Self.source(changed), "\(change.name) in \(path) of \(directory.path)") { leftUnread += 1 }
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 300)
        XCTAssertGreaterThan(leftUnread, 100, "paired comparisons should have left unchanged files unread")
        print("UnchangedFilesLeftUnreadTests: \(directories.count) bundles, \(compared) changes compared both ways; \(leftUnread) left files unread")
    }

    func testTheGoldenDiffFixturesGiveTheSameResultPaired() throws {
        let fixtures = GoldenDiffTests.fixtures
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter({ !$0.hasPrefix(".") }).sorted() {
            let directory = fixtures.appendingPathComponent(name)
            assertSameBothWays(Self.source(Self.files(of: directory.appendingPathComponent("old"))),
                               Self.source(Self.files(of: directory.appendingPathComponent("new"))), name)
        }
    }

    /// The order of resource types stays the whole bundle's although the file that sets it is not read.
    func testResourceTypesKeepTheWholeBundlesOrder() {
        let root = "bundle:\n  name: order\ninclude:\n  - resources/*.yml\ntargets:\n  dev:\n    default: true\n    resources:\n      clusters:\n        c:\n          num_workers: 1\n"
        var files = [
            "databricks.yml": root,
            "resources/a.yml": "resources:\n  pipelines:\n    p1:\n      name: p1\n  experiments:\n    e1:\n      name: e1\n",
            "resources/b.yml": "resources:\n  jobs:\n    j1:\n      name: j1\n  pipelines:\n    p2:\n      name: p2\n",
        ]
        let old = Self.source(files.mapValues { Data($0.utf8) })
        files["resources/b.yml"] = "resources:\n  jobs:\n    j1:\n      name: j1 changed\n  clusters:\n    c2:\n      num_workers: 2\n  pipelines:\n    p2:\n      name: p2 changed\n  experiments:\n    e2:\n      name: e2\n"
        let new = Self.source(files.mapValues { Data($0.utf8) })
        XCTAssertTrue(assertSameBothWays(old, new, "type order"))
        let (a, b) = BundleSnapshot.pair(old: ("old", old), new: ("new", new))
        let subjects = BundleComparison.compare(a, b).groups.map { "\($0.subject)" }
        XCTAssertEqual(subjects.first, "resource(type: \"pipelines\", key: \"p2\")", "\(subjects)")
    }

    /// A file whose text leaves doubt is read: a key of a changed resource in it, escapes, sections.
    func testUnchangedFilesThatCouldMatterAreRead() {
        let root = "bundle:\n  name: doubt\ninclude:\n  - resources/*.yml\n"
        let unchanged = [
            "resources/same_key.yml": "resources:\n  jobs:\n    j1:\n      description: also j1\n",
            "resources/escaped.yml": "resources:\n  jobs:\n    \"\\x6a2\":\n      name: escaped\n",
            "resources/targets.yml": "targets:\n  dev:\n    resources:\n      jobs:\n        j1:\n          name: dev\n",
            "resources/plain.yml": "resources:\n  jobs:\n    other:\n      name: other\n",
        ]
        var files = unchanged.merging(["databricks.yml": root, "resources/changed.yml": "resources:\n  jobs:\n    j1:\n      name: one\n    j2:\n      name: two\n"]) { a, _ in a }
        let old = Self.source(files.mapValues { Data($0.utf8) })
        files["resources/changed.yml"] = "resources:\n  jobs:\n    j1:\n      name: one changed\n    j2:\n      name: two changed\n"
        let new = Self.source(files.mapValues { Data($0.utf8) })
        XCTAssertTrue(assertSameBothWays(old, new, "doubtful files"))
        let (a, _) = BundleSnapshot.pair(old: ("old", old), new: ("new", new))
        let unread = Set((a.bundle?.files ?? []).filter(\.isSkipped).map(\.path))
        XCTAssertEqual(unread, ["resources/plain.yml"])
    }

    func testTheTextScanIsNarrow() {
        func scan(_ text: String) -> [String]? { ResourceOnlyText.scan(Data(text.utf8))?.types }
        XCTAssertEqual(scan("# c\nresources:  # r\n  jobs:\n    a:\n      name: x\n\n  pipelines:\n    # p\n    p:\n      name: y\n"), ["jobs", "pipelines"])
        XCTAssertEqual(scan("resources:\r\n  jobs:\r\n    a:\r\n      name: x\r\n"), ["jobs"])
        XCTAssertEqual(scan("resources:\n"), [])
        for doubtful in [
            "", "# only a comment\n", "bundle:\n  name: x\n", "resources:\n  jobs:\n    a: {}\ntargets:\n  dev: {}\n",
            "resources: {jobs: {}}\n", "  resources:\n    jobs:\n      a:\n        name: x\n", "---\nresources:\n  jobs:\n    a:\n      name: x\n",
            "resources:\n  jobs: {a: {name: x}}\n", "resources:\n  \"jobs\":\n    a:\n      name: x\n", "resources:\n  jobs:\n    - a\n",
            "resources:\n  jobs:\n    \"a\":\n      name: x\n", "resources:\n  jobs:\n    <<: *base\n", "resources:\n  <<: *base\n",
            "resources:\n\tjobs:\n", "resources:\n    jobs:\n      a:\n        name: x\n  pipelines:\n    p:\n      name: y\n",
            "resources:\n  jobs:\n  pipelines:\n    p:\n      name: y\n", "resources:\n  jobs:\n    a:\n      name: x\nx\n",
            "resources: &anchor\n  jobs:\n    a:\n      name: x\n", "resources:\n  jobs: !!map\n    a:\n      name: x\n",
            "\u{FEFF}resources:\n  jobs:\n    a:\n      name: x\n", "resources:\n  ? jobs\n  : {}\n",
        ] {
            XCTAssertNil(scan(doubtful), doubtful.debugDescription)
        }
        XCTAssertTrue(ResourceOnlyText.contains(word: "job_1", in: Data("    job_1:\n".utf8)))
        XCTAssertTrue(ResourceOnlyText.contains(word: "job_1", in: Data("x: job_10 job_1".utf8)))
        XCTAssertTrue(ResourceOnlyText.contains(word: "job_1", in: Data("'job_1'".utf8)))
        XCTAssertFalse(ResourceOnlyText.contains(word: "job_1", in: Data("job_10: x\nmy_job_1: y\njob_1-x: z\n".utf8)))
        XCTAssertFalse(ResourceOnlyText.contains(word: "job_1", in: Data("job_".utf8)))
    }
}
