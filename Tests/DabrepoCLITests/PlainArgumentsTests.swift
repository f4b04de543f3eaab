import ArgumentParser
@testable import dabrepo
import TestSupport
import XCTest

/// `validate` and `hook` are read at start-up without swift-argument-parser (`PlainArguments`,
/// `DirectParse.plainCommand`). Whatever that fast path reads must be exactly what the full parser
/// reads; everything else (help, errors, unusual forms) must be left to the full parser.
final class PlainArgumentsTests: XCTestCase {
    /// Argument lists pieced together from plain, unusual and wrong forms of every option, in a shuffled
    /// order (fixed seed): whenever the fast path reads one, the full parser reads the same settings.
    func testValidateReadsWhatTheFullParserReads() {
        // Each group: its plain forms, then its unusual or wrong ones (one group in eight picks one of those).
        let groups: [(plain: [[String]], odd: [[String]])] = [
            ([[], ["bundle"]], [["a", "b"], [""]]),
            ([[], ["--target", "prod"], ["-t", "prod"], ["--target=prod"]],
             [["--target"], ["--target", "-x"], ["--target="], ["-t"], ["--target", "a", "--target", "b"], ["-tprod"], ["-t=prod"]]),
            ([[], ["--var", "catalog=main"], ["--var", "a=1", "--var=b=2"]], [["--var"], ["--var", "--strict"]]),
            ([[], ["--all-targets"], ["--strict"], ["--all-targets", "--strict"]], [["--all-targets", "--all-targets"], ["--strict=true"]]),
            ([[], ["-o", "json"], ["--output=sarif"], ["--output", "github"], ["-o", "junit"]],
             [["--output", "xml"], ["-o", "junit", "-o", "json"], ["--output", "JSON"]]),
            ([[], ["--color", "never"], ["--color=always"]], [["--color=blue"]]),
            ([[], ["--disable-rule", "schedule-cron", "--disable-rule", "literal-secret"], ["--disable-rule=literal-secret"]], [["--disable-rule"]]),
            ([[]], [["--help"], ["-h"], ["--"], ["-"], ["--bogus"], ["-to", "json"], ["--version"], ["-x"], ["--generate-completion-script", "bash"]]),
        ]
        var generator = SplitMix(state: 17)
        var read = 0, left = 0
        for _ in 0..<800 {
            var chosen = groups.map { group in
                (Int.random(in: 0..<8, using: &generator) == 0 ? group.odd : group.plain).randomElement(using: &generator)!
            }
            chosen.shuffle(using: &generator)
            let arguments = chosen.flatMap { $0 }
            guard let fast = ValidateCommand.Settings(plain: arguments) else { left += 1; continue }
            read += 1
            XCTAssertEqual(fast, (try? ValidateCommand.parse(arguments))?.settings, "validate \(arguments)")
        }
        XCTAssertGreaterThan(read, 100, "the fast path reads plain command lines")
        XCTAssertGreaterThan(left, 100, "the fast path leaves unusual ones to the full parser")
    }

    /// The forms scripts, CI and the README use are read by the fast path, with the values they say.
    func testCommonValidateCommandLinesAreReadByTheFastPath() throws {
        let expected: [([String], ValidateCommand.Settings)] = [
            ([], .init(directory: nil, target: nil, variables: [], allTargets: false, strict: false, output: .text, color: .auto, disabledRules: [])),
            (["path/to/bundle", "--target", "prod", "--var", "catalog=main"],
             .init(directory: "path/to/bundle", target: "prod", variables: ["catalog=main"], allTargets: false, strict: false, output: .text, color: .auto, disabledRules: [])),
            (["--all-targets", "--output", "github"],
             .init(directory: nil, target: nil, variables: [], allTargets: true, strict: false, output: .github, color: .auto, disabledRules: [])),
            (["-o", "json", "--strict", "-t", "dev", "--color=never", "--disable-rule", "schedule-cron"],
             .init(directory: nil, target: "dev", variables: [], allTargets: false, strict: true, output: .json, color: .never, disabledRules: ["schedule-cron"])),
        ]
        for (arguments, settings) in expected {
            XCTAssertEqual(ValidateCommand.Settings(plain: arguments), settings, "validate \(arguments)")
            XCTAssertEqual(try ValidateCommand.parse(arguments).settings, settings, "validate \(arguments)")
        }
        XCTAssertNotNil(DirectParse.plainCommand(["validate", "--all-targets"]) as? ValidateCommand.Settings)
        for unusual in [["validate", "--help"], ["validate", "--target", "a", "--target", "b"], ["validate", "-t"], ["validate", "--", "dir"]] {
            XCTAssertNil(DirectParse.plainCommand(ArraySlice(unusual)), "\(unusual) goes to the full parser")
        }
    }

    func testHookReadsWhatTheFullParserReads() {
        let lines: [[String]] = [
            ["pre-commit"], ["pre-commit", "resources/a.job.yml", "databricks.yml"], [], ["post-commit"], ["pre-commit", "-x"],
            ["pre-commit", "--", "-file.yml"], ["--help"], ["pre-commit", "--help"], ["pre-commit", ""], ["pre-commit", "a b.yml"],
        ]
        var read = 0
        for arguments in lines {
            guard let fast = HookCommand.Settings(plain: arguments) else { continue }
            read += 1
            XCTAssertEqual(fast, (try? HookCommand.parse(arguments))?.settings, "hook \(arguments)")
        }
        XCTAssertEqual(read, 3)
        XCTAssertEqual(HookCommand.Settings(plain: ["pre-commit", "a.yml"]), .init(name: .preCommit, files: ["a.yml"]))
        XCTAssertNotNil(DirectParse.plainCommand(["hook", "pre-commit"]) as? HookCommand.Settings)
    }
}
