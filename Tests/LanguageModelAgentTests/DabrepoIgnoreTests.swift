import BundleAgent
import LanguageModelAgent
import LanguageModels
import XCTest

/// `.dabrepoignore` patterns as gitignore reads them, and the configured price of a model's tokens.
final class DabrepoIgnoreTests: XCTestCase {
    func testPatternsMatchAsInGitignore() {
        let ignore = DabrepoIgnore(text: """
            # comments and blank lines are skipped

            secrets.yml
            *.csv
            /targets/prod.yml
            src/private/
            notes/**/draft_*.md
            !src/private/shared.py
            """)
        // A name without a slash matches at any depth.
        XCTAssertTrue(ignore.ignores("secrets.yml"))
        XCTAssertTrue(ignore.ignores("resources/secrets.yml"))
        XCTAssertTrue(ignore.ignores("data/fixtures/sales.csv"))
        XCTAssertFalse(ignore.ignores("data/fixtures/sales.csv.md"))
        // A slash anchors it to the bundle root.
        XCTAssertTrue(ignore.ignores("targets/prod.yml"))
        XCTAssertFalse(ignore.ignores("other/targets/prod.yml"))
        // A folder takes everything in it, at any depth; a trailing slash matches folders only.
        XCTAssertTrue(ignore.ignores("src/private/pull.py"))
        XCTAssertTrue(ignore.ignores("src/private/deep/er.py"))
        XCTAssertFalse(ignore.ignores("src/private"), "a file named like the folder")
        XCTAssertTrue(ignore.ignores("notes/a/b/draft_1.md"))
        XCTAssertTrue(ignore.ignores("notes/draft_1.md"))
        // The last matching pattern decides.
        XCTAssertFalse(ignore.ignores("src/private/shared.py"))
        // Paths are normalised; leaving the root matches nothing.
        XCTAssertTrue(ignore.ignores("./src/x/../private/pull.py"))
        XCTAssertFalse(ignore.ignores("../secrets.txt"))
        XCTAssertFalse(ignore.ignores("databricks.yml"))
        XCTAssertTrue(DabrepoIgnore(text: "# nothing\n\n").isEmpty)
    }

    func testTheGitSettingComesBeforeTheFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dabrepoignore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        XCTAssertTrue(DabrepoIgnore(root: root).isEmpty)
        let configured = DabrepoIgnore(root: root, configured: "*.csv, targets/prod.yml")
        XCTAssertTrue(configured.ignores("data/a.csv"))
        XCTAssertTrue(configured.ignores("targets/prod.yml"))
        try "!keep.csv\n".write(to: root.appendingPathComponent(".dabrepoignore"), atomically: true, encoding: .utf8)
        let both = DabrepoIgnore(root: root, configured: "*.csv")
        XCTAssertTrue(both.ignores("a.csv"))
        XCTAssertFalse(both.ignores("keep.csv"), "the bundle's own file decides last")
    }

    func testThePriceComesFromTheEnvironmentThenGitConfiguration() throws {
        let config = ["dabrepo.price.claude-x.input": "3", "dabrepo.price.claude-x.output": "15"]
        let fromGit = try XCTUnwrap(try TokenPrice.configured(model: "claude-x", environment: [:], gitConfig: { config[$0] }))
        XCTAssertEqual(fromGit.cost(inputTokens: 1_000_000, outputTokens: 2_000_000), 33, accuracy: 1e-9)
        XCTAssertNil(try TokenPrice.configured(model: "gpt-4.1", environment: [:], gitConfig: { config[$0] }))
        let fromEnvironment = try XCTUnwrap(try TokenPrice.configured(model: "claude-x", environment: ["DABREPO_PRICE_INPUT": "0.25", "DABREPO_PRICE_OUTPUT": "$1.25"],
                                                                       gitConfig: { config[$0] }))
        XCTAssertEqual(fromEnvironment.input, 0.25)
        XCTAssertEqual(fromEnvironment.output, 1.25)
        XCTAssertEqual(TokenPrice.dollars(fromEnvironment.cost(inputTokens: 2600, outputTokens: 100)), "$0.0008")
        XCTAssertThrowsError(try TokenPrice.configured(model: "claude-x", environment: ["DABREPO_PRICE_INPUT": "1"], gitConfig: { _ in nil })) { error in
            XCTAssertTrue("\(error)".contains("both DABREPO_PRICE_INPUT and DABREPO_PRICE_OUTPUT"), "\(error)")
        }
        XCTAssertThrowsError(try TokenPrice.configured(model: "claude-x", environment: [:], gitConfig: { $0.hasSuffix("input") ? "-1" : "2" }))
    }
}
