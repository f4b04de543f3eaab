import BundleEditing
import BundleModel
import XCTest

/// Values written inside a flow collection (`[...]`, `{...}`): FuzzYAMLEdit found that setting an item
/// of a flow list to a mapping wrote it as block lines inside the brackets, which does not parse. Every
/// value written inside `[...]` or `{...}` is now flow style on one line, with the strings quoted where
/// a flow collection needs it (`,` `[` `]` `{` `}` `:`). Each case asserts that the result parses, reads
/// back the value written, and leaves the rest of the document as it was.
final class FuzzFoundFlowCollectionTests: XCTestCase {
    static let job = """
    # Job settings
    resources:
      jobs:
        etl:
          name: ETL
          command: [a, b]
          tags: {team: data}
          timeout_seconds: 3600 # one hour

    """
    static let etl: EditPath = [.key("resources"), .key("jobs"), .key("etl")]

    /// The fuzzer's input: the item is a double-quoted scalar over two lines, set to a mapping whose
    /// strings need quotes (`*alias`, `#k`, `${var.name}`).
    func testTheFuzzInputWritesAFlowMapping() throws {
        var editor = YAMLEditor(text: "#opppa.p 0\ncommand: [\"pp 0\ncommand: py\"]\n")
        let value = EditValue.mapping([("tasks", .string("*alias")), ("#k", .string("${var.name}"))])
        try editor.set([.key("command"), .index(0)], to: value)
        XCTAssertEqual(editor.text, "#opppa.p 0\ncommand: [{tasks: \"*alias\", \"#k\": \"${var.name}\"}]\n")
        let root = try parsed(editor.text)
        assertReads(root["command"]?.sequence?.first, value, editor.text)
    }

    func testSettingAnItemOfAFlowListToACollection() throws {
        let values: [EditValue] = [
            .mapping([("task_key", .string("extract")), ("depends_on", .sequence([.string("a"), .string("b")]))]),
            .sequence([.string("x"), .string("y,z"), .mapping([("k", .string("a: b"))])]),
            .mapping([("nested", .mapping([("deeper", .sequence([.int(1), .null, .bool(true)]))]))]),
        ]
        for value in values {
            let text = try edited { try $0.set(Self.etl + [.key("command"), .index(0)], to: value) }
            let root = try parsed(text)
            let command = root["resources"]?["jobs"]?["etl"]?["command"]?.sequence
            XCTAssertEqual(command?.count, 2, text)
            assertReads(command?.first, value, text)
            XCTAssertEqual(command?.last?.string, "b", text)
            assertRestUnchanged(text, line: "      command: ")
        }
        let text = try edited { try $0.set(Self.etl + [.key("command"), .index(0)], to: values[0]) }
        XCTAssertTrue(text.contains("      command: [{task_key: extract, depends_on: [a, b]}, b]\n"), text)
    }

    /// Strings that flow context ends or misreads unquoted: `,` `[` `]` `{` `}` `:` and `#`, and the
    /// leading indicators (`*`, `&`, `!`, `?`, `-`, quotes), multi-line text.
    func testSettingAnItemOfAFlowListToAStringThatNeedsQuotes() throws {
        let strings = ["a: b", "# not a comment", "x,y", "a]b", "[1, 2]", "{flow: 1}", "a}b", "key:value", "x:", "*alias",
                       "&anchor", "!tag", "? q", "-", "- item", "'quoted'", "\"dq\"", "multi\nline\n", "tab\there", "",
                       "  padded  ", "yes", "null", "1e3", "a #b", "${var.name}", "plain words"]
        for string in strings {
            let text = try edited { try $0.set(Self.etl + [.key("command"), .index(0)], to: .string(string)) }
            let root = try parsed(text)
            let command = root["resources"]?["jobs"]?["etl"]?["command"]?.sequence
            XCTAssertEqual(command?.count, 2, "\(string.debugDescription): \(text)")
            assertReads(command?.first, .string(string), text)
            XCTAssertEqual(command?.last?.string, "b", text)
            assertRestUnchanged(text, line: "      command: ")
        }
        XCTAssertTrue(try edited { try $0.set(Self.etl + [.key("command"), .index(0)], to: .string("plain words")) }
            .contains("command: [plain words, b]\n"), "a string that needs no quotes gets none")
    }

    func testInsertingIntoAFlowMapping() throws {
        let cases: [(String, EditValue)] = [
            ("owner", .mapping([("name", .string("ana")), ("a,b", .sequence([.int(1), .int(2)]))])),
            ("x:y", .string("v")), ("a,b", .sequence([.string("c]d")])), ("#k", .string("{")), ("list", .sequence([.mapping([("k", .int(1))])])),
        ]
        for (key, value) in cases {
            let text = try edited { try $0.insert(key: key, value: value, into: Self.etl + [.key("tags")]) }
            let tags = try parsed(text)["resources"]?["jobs"]?["etl"]?["tags"]?.mapping
            XCTAssertEqual(tags?.keys, ["team", key], text)
            XCTAssertEqual(tags?["team"]?.string, "data", text)
            assertReads(tags?[key], value, text)
            assertRestUnchanged(text, line: "      tags: ")
        }
        let text = try edited { try $0.insert(key: "owner", value: cases[0].1, into: Self.etl + [.key("tags")]) }
        XCTAssertTrue(text.contains("      tags: {team: data, owner: {name: ana, \"a,b\": [1, 2]}}\n"), text)
    }

    /// An empty flow mapping written over lines with a comment in it (bundle-examples' job_read_secret:
    /// `prod: { ⏎ # No overrides ⏎ }`): the new key goes right after the opening brace, not before
    /// the closing one at the parent's indentation.
    func testSettingAKeyOfAnEmptyFlowMappingOverLines() throws {
        var editor = YAMLEditor(text: "targets:\n  prod: { \n    # No overrides\n  }\n  dev:\n    default: true\n")
        try editor.set([.key("targets"), .key("prod"), .key("workspace"), .key("host")], to: .string("https://adb-1.2.azuredatabricks.net"))
        XCTAssertEqual(editor.text, "targets:\n  prod: { workspace: {host: \"https://adb-1.2.azuredatabricks.net\"} \n    # No overrides\n  }\n  dev:\n    default: true\n")
        let root = YAMLComposer(file: "t.yml").compose(editor.text).root
        XCTAssertEqual(root?["targets"]?["prod"]?["workspace"]?["host"]?.string, "https://adb-1.2.azuredatabricks.net")
        XCTAssertEqual(root?["targets"]?["dev"]?["default"]?.scalar?.value, .bool(true))
    }

    /// `set` through a key the flow mapping lacks creates it there, in flow style.
    func testSettingAMissingPathInsideAFlowMapping() throws {
        let text = try edited { try $0.set(Self.etl + [.key("tags"), .key("owner"), .key("name")], to: .string("a, b")) }
        XCTAssertTrue(text.contains("      tags: {team: data, owner: {name: \"a, b\"}}\n"), text)
        assertRestUnchanged(text, line: "      tags: ")
        let owner = try parsed(text)["resources"]?["jobs"]?["etl"]?["tags"]?["owner"]
        XCTAssertEqual(owner?["name"]?.string, "a, b", text)
    }

    func testAppendingAndInsertingIntoAFlowListInABlockMapping() throws {
        let values: [EditValue] = [.mapping([("task_key", .string("c")), ("#k", .string("x"))]), .sequence([.string("c,d"), .string("e")]), .string("f: g")]
        for value in values {
            let appended = try edited { try $0.append(value, to: Self.etl + [.key("command")]) }
            var command = try parsed(appended)["resources"]?["jobs"]?["etl"]?["command"]?.sequence
            XCTAssertEqual(command?.count, 3, appended)
            XCTAssertEqual(command?.prefix(2).map(\.string), ["a", "b"], appended)
            assertReads(command?.last, value, appended)
            assertRestUnchanged(appended, line: "      command: ")

            let inserted = try edited { try $0.insert(value, at: 1, in: Self.etl + [.key("command")]) }
            command = try parsed(inserted)["resources"]?["jobs"]?["etl"]?["command"]?.sequence
            XCTAssertEqual(command?.count, 3, inserted)
            XCTAssertEqual(command?.first?.string, "a", inserted)
            XCTAssertEqual(command?.last?.string, "b", inserted)
            assertReads(command?[1], value, inserted)
            assertRestUnchanged(inserted, line: "      command: ")
        }
    }

    /// Flow in flow, several levels deep: every value written inside is flow style.
    func testNestedFlowCollections() throws {
        let original = "matrix: {include: [{os: linux, py: [3.10, 3.11]}], exclude: []}\nname: ci\n"
        let include: EditPath = [.key("matrix"), .key("include")]
        let edits: [(EditPath, EditValue, (inout YAMLEditor) throws -> Void)] = [
            (include + [.index(0), .key("py"), .index(1)], .mapping([("version", .string("3.12")), ("tags", .sequence([.string("a,b")]))]),
             { try $0.set(include + [.index(0), .key("py"), .index(1)], to: .mapping([("version", .string("3.12")), ("tags", .sequence([.string("a,b")]))])) }),
            (include + [.index(0), .key("os")], .sequence([.string("linux"), .string("mac os")]),
             { try $0.set(include + [.index(0), .key("os")], to: .sequence([.string("linux"), .string("mac os")])) }),
            (include + [.index(0), .key("arch")], .mapping([("cpu", .string("x86: 64"))]),
             { try $0.insert(key: "arch", value: .mapping([("cpu", .string("x86: 64"))]), into: include + [.index(0)]) }),
            ([.key("matrix"), .key("exclude"), .index(0)], .mapping([("os", .string("win")), ("py", .sequence([.string("3.10")]))]),
             { try $0.append(.mapping([("os", .string("win")), ("py", .sequence([.string("3.10")]))]), to: [.key("matrix"), .key("exclude")]) }),
        ]
        for (path, value, edit) in edits {
            var editor = YAMLEditor(text: original)
            try edit(&editor)
            let root = try parsed(editor.text)
            assertReads(lookup(root, path), value, editor.text)
            XCTAssertEqual(root["name"]?.string, "ci", editor.text)
            XCTAssertTrue(editor.text.hasPrefix("matrix: {") && editor.text.hasSuffix("}\nname: ci\n"), editor.text)
            XCTAssertEqual(editor.text.split(separator: "\n").count, 2, "still one line of flow: \(editor.text)")
        }
        var editor = YAMLEditor(text: original)
        try editor.set(include + [.index(0), .key("py"), .index(1)], to: .mapping([("version", .string("3.12"))]))
        XCTAssertEqual(editor.text, "matrix: {include: [{os: linux, py: [3.10, {version: \"3.12\"}]}], exclude: []}\nname: ci\n")
    }

    /// A flow list over several lines, its items multi-line scalars: the item replaced, lines after stay.
    func testValuesSpanningLinesInsideAFlowList() throws {
        let original = "command: [\n    \"one\n     two\",\n    plain\n      folded,\n    last,\n  ]\nnext: 1\n"
        for index in 0..<2 {
            var editor = YAMLEditor(text: original)
            let value = EditValue.mapping([("k", .sequence([.string("v, w")]))])
            try editor.set([.key("command"), .index(index)], to: value)
            let root = try parsed(editor.text)
            XCTAssertEqual(root["command"]?.sequence?.count, 3, editor.text)
            assertReads(root["command"]?.sequence?[index], value, editor.text)
            XCTAssertEqual(root["command"]?.sequence?.last?.string, "last", editor.text)
            XCTAssertTrue(editor.text.hasSuffix("    last,\n  ]\nnext: 1\n"), editor.text)
        }
    }

    /// A pair in a flow list (`[a: 1]`) is a mapping without braces: a second key adds them.
    func testInsertingIntoAPairInAFlowList() throws {
        var editor = YAMLEditor(text: "pairs: [a: 1, b]\n")
        try editor.insert(key: "c", value: .mapping([("d", .string("e,f"))]), into: [.key("pairs"), .index(0)])
        XCTAssertEqual(editor.text, "pairs: [{a: 1, c: {d: \"e,f\"}}, b]\n")
        XCTAssertEqual(try parsed(editor.text)["pairs"]?.sequence?.count, 2)
        editor = YAMLEditor(text: "pairs: [a: 1, b]\n")
        try editor.set([.key("pairs"), .index(0), .key("a")], to: .sequence([.int(1), .int(2)]))
        XCTAssertEqual(editor.text, "pairs: [a: [1, 2], b]\n")
    }

    /// Empty values in a flow mapping (`{a: }`, `{a}`) and a trailing comma.
    func testEmptyValuesAndATrailingCommaInAFlowMapping() throws {
        for (original, expected) in [("m: {a: , b: 1}\n", "m: {a: {k: [v]}, b: 1}\n"), ("m: {a, b: 1}\n", "m: {a: {k: [v]}, b: 1}\n")] {
            var editor = YAMLEditor(text: original)
            try editor.set([.key("m"), .key("a")], to: .mapping([("k", .sequence([.string("v")]))]))
            XCTAssertEqual(editor.text, expected)
            _ = try parsed(editor.text)
        }
        var editor = YAMLEditor(text: "m: {a: 1, }\n")
        try editor.insert(key: "b", value: .sequence([.int(2)]), into: [.key("m")])
        XCTAssertEqual(editor.text, "m: {a: 1, b: [2], }\n")
        _ = try parsed(editor.text)
    }

    /// An empty value with a tag or an anchor (`[a: !]`) ends after them: a key inserted after it went
    /// before the `!` (`[{a: , tasks: x}!]`, found by FuzzYAMLEdit from the flow seed), and a value set
    /// there went after the colon, leaving the tag behind it.
    func testAnEmptyValueWithATagOrAnAnchor() throws {
        var editor = YAMLEditor(text: "pairs: [a: !, {x: [y]}]\n")
        try editor.insert(key: "tasks", value: .string("multi\nline\n"), into: [.key("pairs"), .index(0)])
        XCTAssertEqual(editor.text, "pairs: [{a: !, tasks: \"multi\\nline\\n\"}, {x: [y]}]\n")
        var pairs = try parsed(editor.text)["pairs"]?.sequence
        XCTAssertEqual(pairs?.first?["tasks"]?.string, "multi\nline\n", editor.text)
        XCTAssertEqual(pairs?.last?["x"]?.sequence?.first?.string, "y", editor.text)

        for (original, expected) in [("m: {a: !, b: 1}\n", "m: {a: [1, 2], b: 1}\n"), ("m: {a: &x , b: 1}\n", "m: {a: &x [1, 2] , b: 1}\n")] {
            editor = YAMLEditor(text: original)
            try editor.set([.key("m"), .key("a")], to: .sequence([.int(1), .int(2)]))
            XCTAssertEqual(editor.text, expected)
            pairs = try parsed(editor.text)["m"]?["a"]?.sequence
            XCTAssertEqual(pairs?.count, 2, editor.text)
        }
    }

    /// A key that is only a tag (`{team, !a, c: }`) and has no value: a value written after it with `: `
    /// made the colon part of the tag (`!a:`) and the value the key (found by FuzzYAMLEdit). A space
    /// goes before the colon.
    func testAValueForAKeyThatIsOnlyATag() throws {
        var editor = YAMLEditor(text: "gas: {team, !a, c: }\n")
        try editor.append(.string("x"), to: [.key("gas"), .key("")])
        XCTAssertEqual(editor.text, "gas: {team, !a : [x], c: }\n")
        // (The Databricks CLI refuses the tag itself, "unknown tag: !a"; the edit is what is checked here.)
        let composed = YAMLComposer(file: "edited.yml").compose(editor.text)
        XCTAssertEqual(composed.diagnostics.map(\.summary), ["unknown tag: !a"])
        let gas = try XCTUnwrap(composed.root)["gas"]?.mapping
        XCTAssertEqual(gas?.keys, ["team", "", "c"], editor.text)
        XCTAssertEqual(gas?[""]?.sequence?.first?.string, "x", editor.text)
    }

    /// A key renamed inside a flow mapping is quoted where flow needs it.
    func testRenamingAKeyInAFlowMapping() throws {
        for key in ["a,b", "x:y", "c}d"] {
            let text = try edited { try $0.rename(Self.etl + [.key("tags"), .key("team")], to: key) }
            XCTAssertEqual(try parsed(text)["resources"]?["jobs"]?["etl"]?["tags"]?[key]?.string, "data", text)
            assertRestUnchanged(text, line: "      tags: ")
        }
    }

    /// A quoted key in a flow collection can have its `:` right after it (`["pythony":]`): renamed to a
    /// plain `a b`, `[a b:]` did not parse (found by FuzzYAMLEdit). The new key keeps the quotes.
    func testRenamingAQuotedKeyWithItsColonRightAfterIt() throws {
        for (original, expected) in [("\n0oc p#omm: [\"pythony\":]\n", "\n0oc p#omm: [\"a b\":]\n"), ("m: {'k':1, b: 2}\n", "m: {'a b':1, b: 2}\n")] {
            var editor = YAMLEditor(text: original)
            let path: EditPath = original.hasPrefix("m") ? [.key("m"), .key("k")] : [.key("0oc p#omm"), .index(0), .key("pythony")]
            try editor.rename(path, to: "a b")
            XCTAssertEqual(editor.text, expected)
            _ = try parsed(editor.text)
        }
    }

    // MARK: Checking

    func edited(_ edit: (inout YAMLEditor) throws -> Void) throws -> String {
        var editor = YAMLEditor(text: Self.job)
        try edit(&editor)
        return editor.text
    }

    func parsed(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> YAMLNode {
        let composed = YAMLComposer(file: "edited.yml").compose(text)
        XCTAssertFalse(composed.hasFatalError, "\(composed.diagnostics.map(\.summary)) in \(text)", file: file, line: line)
        XCTAssertTrue(composed.diagnostics.isEmpty, "\(composed.diagnostics.map(\.summary)) in \(text)", file: file, line: line)
        return try XCTUnwrap(composed.root, "\(text) parses", file: file, line: line)
    }

    /// Every line of the job but the one starting with `line` is byte-identical.
    func assertRestUnchanged(_ text: String, line prefix: String, file: StaticString = #filePath, line: UInt = #line) {
        let old = Self.job.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix(prefix) }
        let new = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix(prefix) }
        XCTAssertEqual(new, old, "lines other than \(prefix) changed: \(text)", file: file, line: line)
    }

    func lookup(_ node: YAMLNode, _ path: EditPath) -> YAMLNode? {
        path.reduce(node as YAMLNode?) { node, component in
            switch component {
            case .key(let key): return node?[key]
            case .index(let index): return node?.sequence.flatMap { $0.indices.contains(index) ? $0[index] : nil }
            }
        }
    }

    /// The node reads as `value`: strings as strings (whatever their quoting), numbers, booleans, nulls
    /// as themselves, collections item by item.
    func assertReads(_ node: YAMLNode?, _ value: EditValue, _ text: String, file: StaticString = #filePath, line: UInt = #line) {
        func reads(_ node: YAMLNode?, _ value: EditValue) -> Bool {
            guard let node else { return false }
            switch value {
            case .string(let s): return node.scalar?.value == .string(s) || (node.scalar?.style != .plain && node.scalar?.text == s)
            case .int(let i): return node.scalar?.value == .int(i)
            case .bool(let b): return node.scalar?.value == .bool(b)
            case .number(let d): return node.scalar?.value == .float(d)
            case .null: return node.isNull
            case .alias: return false
            case .mapping(let fields):
                guard let mapping = node.mapping, mapping.keys == fields.map(\.0) else { return false }
                return fields.allSatisfy { reads(mapping[$0.0], $0.1) }
            case .sequence(let items):
                guard let sequence = node.sequence, sequence.count == items.count else { return false }
                return zip(sequence, items).allSatisfy { reads($0, $1) }
            }
        }
        XCTAssertTrue(reads(node, value), "\(value) does not read back in \(text)", file: file, line: line)
    }

    /// A key written over several lines inside a flow mapping, without a value, got its value after a
    /// `:` on its last line, which made an implicit key span lines and did not parse (found by a 15-minute
    /// FuzzYAMLEdit run). The key is written on one line, as it reads, with the value.
    func testAValueForAKeyWrittenOverSeveralLinesPutsTheKeyOnOneLine() throws {
        let fuzzInput = "#          (   - user_name:ce this with the email\n\n  prod: {1  \nco No overrides\n  }\n"
        for (text, parent, key) in [(fuzzInput, "prod", "1 co No overrides"), ("tags: {team\r  data, b: 1}\n", "tags", "team data")] {
            for value in [EditValue.sequence([.sequence([.int(0), .null])]), .string("x, y"), .mapping([("k", .int(1))])] {
                for append in [false, true] {
                    var editor = YAMLEditor(text: text)
                    if append { try editor.append(value, to: [.key(parent), .key(key)]) } else { try editor.set([.key(parent), .key(key)], to: value) }
                    let composed = YAMLComposer(file: "x").compose(editor.text)
                    XCTAssertTrue(composed.diagnostics.isEmpty, "\(editor.text.debugDescription): \(composed.diagnostics.map(\.summary))")
                    let root = try XCTUnwrap(composed.root)
                    XCTAssertNotNil(root[parent]?[key], editor.text.debugDescription)
                    XCTAssertFalse(root[parent]?[key]?.isNull ?? true, editor.text.debugDescription)
                }
            }
        }
    }
}
