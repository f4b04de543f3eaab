@testable import BundleModel
import Foundation
import XCTest

final class YAMLComposerTests: XCTestCase {
    func compose(_ text: String) -> YAMLComposer.Result {
        YAMLComposer(file: "databricks.yml").compose(text)
    }

    func testNodesKeepFileLineAndColumn() throws {
        let result = compose("bundle:\n  name: demo\nresources:\n  jobs:\n    etl:\n      tasks:\n        - task_key: a\n")
        let root = try XCTUnwrap(result.root)
        XCTAssertEqual(root["bundle"]?["name"]?.location, SourceLocation(file: "databricks.yml", line: 2, column: 9))
        let entry = try XCTUnwrap(root["resources"]?["jobs"]?.mapping?.entry("etl"))
        XCTAssertEqual(entry.keyLocation, SourceLocation(file: "databricks.yml", line: 5, column: 5))
        let task = try XCTUnwrap(root["resources"]?["jobs"]?["etl"]?["tasks"]?.sequence?.first)
        XCTAssertEqual(task["task_key"]?.location.line, 7)
        XCTAssertEqual(task["task_key"]?.location.column, 21)
    }

    func testScalarsResolveLikeYAML12CoreSchema() throws {
        let root = try XCTUnwrap(compose("a: 4\nb: \"4\"\nc: true\nd: 1.5\ne: ~\nf: 0x1F\ng: no\nh: !!str 7\n").root)
        XCTAssertEqual(root["a"]?.scalar?.value, .int(4))
        XCTAssertEqual(root["b"]?.scalar?.value, .string("4"))
        XCTAssertEqual(root["c"]?.scalar?.value, .bool(true))
        XCTAssertEqual(root["d"]?.scalar?.value, .float(1.5))
        XCTAssertEqual(root["e"]?.scalar?.value, .null)
        XCTAssertEqual(root["f"]?.scalar?.value, .int(31))
        XCTAssertEqual(root["g"]?.scalar?.value, .string("no"), "YAML 1.2: `no` is a string, as in the Databricks CLI")
        XCTAssertEqual(root["h"]?.scalar?.value, .string("7"))
    }

    func testAnchorsAliasesAndMergeKeys() throws {
        let text = """
        defaults: &defaults
          timeout_seconds: 60
          max_retries: 2
        jobs:
          a:
            <<: *defaults
            timeout_seconds: 120
          b: *defaults
          c:
            <<: [*defaults, {extra: 1}]
        """
        let result = compose(text)
        XCTAssertTrue(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let jobs = try XCTUnwrap(result.root?["jobs"])
        XCTAssertEqual(jobs["a"]?["timeout_seconds"]?.scalar?.value, .int(120), "explicit keys win over merged ones")
        XCTAssertEqual(jobs["a"]?["max_retries"]?.scalar?.value, .int(2))
        XCTAssertEqual(jobs["a"]?["max_retries"]?.location.line, 3, "merged values keep the anchor's position")
        XCTAssertEqual(jobs["b"]?["timeout_seconds"]?.scalar?.value, .int(60))
        XCTAssertEqual(jobs["c"]?["extra"]?.scalar?.value, .int(1))
        XCTAssertNil(jobs["a"]?["<<"])
    }

    /// As the Databricks CLI reads them (libs/dyn/yamlloader, loadMapping): among merged maps the last
    /// wins; a mapping written after `<<:` itself is refused.
    func testMergeKeysAsTheCLIReadsThem() throws {
        let merged = compose("small: &small\n  num_workers: 0\n  node: a\nbig: &big\n  num_workers: 2\nc:\n  <<: [*small, *big]\n")
        XCTAssertTrue(merged.diagnostics.isEmpty, "\(merged.diagnostics)")
        XCTAssertEqual(merged.root?["c"]?["num_workers"]?.scalar?.value, .int(2), "the last merged map wins")
        XCTAssertEqual(merged.root?["c"]?["node"]?.string, "a")
        let inline = compose("c:\n  <<:\n    num_workers: 1\n  name: x\n")
        XCTAssertEqual(inline.diagnostics.map(\.summary), ["map merge requires map or sequence of maps as the value"])
        XCTAssertEqual(inline.diagnostics.first?.location?.line, 3)
        for text in ["s: &s 1\nc:\n  <<: *s\n", "m: &m {a: 1}\ns: &s 1\nc:\n  <<: [*m, *s]\n", "q: &q\n  - a: 1\nc:\n  <<: *q\n", "c:\n  <<:\n  a: 1\n"] {
            XCTAssertEqual(compose(text).diagnostics.map(\.summary), ["map merge requires map or sequence of maps as the value"], text)
        }
        // Quoted, "<<" is a key like any other.
        XCTAssertEqual(compose("c:\n  \"<<\": {a: 1}\n").root?["c"]?["<<"]?["a"]?.scalar?.value, .int(1))
    }

    /// The CLI reads a file's first document and drops the rest without an error: a warning at the second
    /// `---`, and the first document is the file's (it was an error, which the CLI never gives).
    func testASecondDocumentIsAWarningAndTheFirstIsRead() {
        let result = compose("resources:\n  jobs:\n    a: {name: a}\n---\nresources:\n  jobs:\n    b: {name: b}\n")
        XCTAssertEqual(result.diagnostics.map(\.severity), [.warning])
        XCTAssertEqual(result.diagnostics.first?.location?.line, 4)
        XCTAssertTrue(result.diagnostics.first?.summary.contains("reads the first and ignores the rest") ?? false)
        XCTAssertNotNil(result.root?["resources"]?["jobs"]?["a"])
        XCTAssertNil(result.root?["resources"]?["jobs"]?["b"])
    }

    /// A lone `---` at the end holds nothing: no second document to warn of.
    func testATrailingSeparatorIsNoSecondDocument() {
        XCTAssertEqual(compose("resources:\n  jobs:\n    a: {name: a}\n---\n").diagnostics.count, 0)
        XCTAssertEqual(compose("---\nresources:\n  jobs:\n    a: {name: a}\n").diagnostics.count, 0)
    }

    func testDuplicateKeysAreReportedAtTheSecondKey() {
        let result = compose("bundle:\n  name: a\n  name: b\n")
        XCTAssertEqual(result.diagnostics.map(\.rule), [ModelRuleID.duplicateKey])
        XCTAssertEqual(result.diagnostics.first?.location, SourceLocation(file: "databricks.yml", line: 3, column: 3))
        XCTAssertEqual(result.root?["bundle"]?["name"]?.string, "b")
    }

    func testSyntaxErrorHasLocationAndCaretExcerpt() throws {
        let result = compose("bundle:\n  name: demo\n  tags: [a, b\n")
        XCTAssertNil(result.root)
        let d = try XCTUnwrap(result.diagnostics.first)
        XCTAssertEqual(d.rule, ModelRuleID.yamlSyntax)
        XCTAssertEqual(d.location?.file, "databricks.yml")
        // (At the "[" that is never closed, not the end of the file.)
        XCTAssertEqual(d.location?.line, 3)
        XCTAssertEqual(d.location?.column, 9)
        let excerpt = try XCTUnwrap(d.excerpt)
        XCTAssertTrue(excerpt.contains("3 |   tags: [a, b"), excerpt)
        XCTAssertTrue(excerpt.hasSuffix("^"), excerpt)
    }

    /// A quote never closed is said where it opens (it was said at the file's last line, under a line that is fine), as
    /// is a flow list whose end is missing.
    func testAnUnclosedQuoteOrListIsSaidWhereItOpens() throws {
        let quote = try XCTUnwrap(compose("bundle:\n  name: uq\nresources:\n  jobs:\n    nightly:\n      name: \"nightly refresh\n      tasks:\n        - task_key: main\ntargets:\n  dev:\n    default: true\n").diagnostics.first)
        XCTAssertEqual(quote.location, SourceLocation(file: "databricks.yml", line: 6, column: 13))
        XCTAssertTrue(quote.detail?.contains("quoted string") == true, quote.detail ?? "")
        let list = try XCTUnwrap(compose("bundle:\n  name: l\nresources:\n  jobs:\n    j:\n      tags: [a, b\n      name: j\ntargets:\n  dev: {}\n").diagnostics.first)
        XCTAssertEqual(list.location?.line, 6, list.summary)
        XCTAssertTrue(list.detail?.contains("list opened with [") == true, list.detail ?? "")
    }

    func testBillionLaughsEndsQuicklyWithAClearError() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...9 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let start = Date()
        let result = compose(text)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5, "generous bound; the point is that it ends")
        XCTAssertNil(result.root)
        XCTAssertTrue(result.diagnostics.first?.summary.contains("through aliases") ?? false, "\(result.diagnostics)")
    }

    func testDeepNestingIsRefusedWithoutCrashing() {
        let depth = 10_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let result = compose(text)
        XCTAssertNil(result.root)
        XCTAssertEqual(result.diagnostics.first?.rule, ModelRuleID.yamlSyntax)
        XCTAssertTrue(result.diagnostics.first?.summary.lowercased().contains("nest") ?? false, "\(result.diagnostics)")
    }

    func testNonUTF8InputNamesLineAndColumn() throws {
        var data = Data("bundle:\n  name: caf".utf8)
        data.append(0xE9)  // Latin-1 é
        data.append(contentsOf: Array("\n".utf8))
        let result = YAMLComposer(file: "resources/x.yml").compose(data)
        let d = try XCTUnwrap(result.diagnostics.first)
        XCTAssertEqual(d.rule, ModelRuleID.fileEncoding)
        XCTAssertEqual(d.location, SourceLocation(file: "resources/x.yml", line: 2, column: 12))
        XCTAssertTrue(d.summary.contains("0xE9"), d.summary)
    }

    func testBinaryDataAndEmptyFiles() {
        let binary = YAMLComposer(file: "x.yml").compose(Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02]))
        XCTAssertEqual(binary.diagnostics.first?.rule, ModelRuleID.fileEncoding)
        let empty = YAMLComposer(file: "x.yml").compose(Data())
        XCTAssertNil(empty.root)
        XCTAssertTrue(empty.diagnostics.isEmpty)
    }

    func testOversizedFileIsRefusedWithoutParsing() {
        let limits = YAMLComposer.Limits(maxFileBytes: 1 << 20)
        let result = YAMLComposer(file: "big.yml", limits: limits).compose(Data(repeating: UInt8(ascii: "a"), count: 2 << 20))
        XCTAssertTrue(result.diagnostics.first?.summary.contains("too large") ?? false)
    }

    func testSecondDocumentIsAnError() {
        let result = compose("bundle:\n  name: a\n---\nbundle:\n  name: b\n")
        XCTAssertEqual(result.diagnostics.first?.location?.line, 3)
        XCTAssertEqual(result.root?["bundle"]?["name"]?.string, "a")
    }
}

/// A UTF-8 byte order mark is not read as a character: a file starting with it and a key has its
/// other top-level keys (it ended the document at the second: "did not find expected <document start>";
/// found by FuzzYAMLEdit), and the first line's columns start after it.
final class YAMLComposerByteOrderMarkTests: XCTestCase {
    func testAByteOrderMarkBeforeTheFirstKey() throws {
        let result = YAMLComposer(file: "databricks.yml").compose("\u{FEFF}bundle:\n  name: demo\ninclude:\n  - a.yml\n")
        XCTAssertEqual(result.diagnostics.map(\.summary), [])
        let root = try XCTUnwrap(result.root)
        XCTAssertEqual(root.mapping?.keys, ["bundle", "include"])
        XCTAssertEqual(root.mapping?.entry("bundle")?.keyLocation, SourceLocation(file: "databricks.yml", line: 1, column: 1))
        XCTAssertEqual(root["include"]?.sequence?.first?.location, SourceLocation(file: "databricks.yml", line: 4, column: 5))
    }
}
