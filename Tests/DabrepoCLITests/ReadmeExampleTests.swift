import Foundation
import TestSupport
import XCTest

/// The README's examples run as shown: every ```sh block after a `<!-- README example: … -->` marker
/// is run line by line, in order, in a fresh folder, with the built binary first on PATH. A line
/// that fails fails the test, so the README cannot promise what dabrepo does not do.
final class ReadmeExampleTests: RepositoryTestCase {
    /// The marked blocks of the README, each a list of command lines (comments dropped).
    static func markedBlocks() throws -> [[String]] {
        let readme = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var blocks: [[String]] = []
        var lines = readme.components(separatedBy: "\n")[...]
        while let marker = lines.firstIndex(where: { $0.hasPrefix("<!-- README example:") }) {
            lines = lines[(marker + 1)...]
            guard let open = lines.firstIndex(where: { $0.hasPrefix("```sh") }),
                  let close = lines[(open + 1)...].firstIndex(where: { $0.hasPrefix("```") }) else { break }
            blocks.append(lines[(open + 1)..<close].map(Self.withoutComment).filter { !$0.isEmpty })
            lines = lines[(close + 1)...]
        }
        return blocks
    }

    /// The command without a trailing `# comment` (a `#` outside quotes after white space).
    static func withoutComment(_ line: String) -> String {
        var quoted = false
        var previous: Character = " "
        for (offset, c) in line.enumerated() {
            if c == "\"" { quoted.toggle() }
            if c == "#" && !quoted && previous == " " { return String(line.prefix(offset)).trimmingCharacters(in: .whitespaces) }
            previous = c
        }
        return line.trimmingCharacters(in: .whitespaces)
    }

    func testTheRefineTourRunsAsShown() throws {
        let blocks = try Self.markedBlocks()
        XCTAssertFalse(blocks.isEmpty, "no marked README example")
        for (number, block) in blocks.enumerated() {
            var directory = workspace.url.appendingPathComponent("readme-\(number)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for line in block {
                // `cd` changes the folder of the lines that follow, as in the user's shell.
                for command in line.components(separatedBy: " && ") {
                    if command.hasPrefix("cd ") {
                        directory = directory.appendingPathComponent(String(command.dropFirst(3)))
                        continue
                    }
                    let result = try CommandRunner.run(URL(fileURLWithPath: "/bin/bash"), ["-c", command], in: directory, environment: environment)
                    XCTAssertEqual(result.status, 0, "README line `\(command)` failed:\n\(result.stdout)\(result.stderr)")
                    XCTAssertFalse(result.stdout.isEmpty && result.stderr.isEmpty, "`\(command)` printed nothing")
                }
            }
            XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: directory), "", "block \(number) left the work tree dirty")
        }
        // What the refine tour did, newest first.
        let subjects = try gitOutput(["log", "--format=%s"], in: workspace.url.appendingPathComponent("readme-0/nightly_etl")).components(separatedBy: "\n")
        XCTAssertEqual(Array(subjects.prefix(6)), [
            "Undo \"Make the prod cluster of nightly_etl_job larger\"",
            "Undo \"Retry task notebook_task of nightly_etl_job up to 2 times in prod\"",
            "Retry task notebook_task of nightly_etl_job up to 2 times in prod",
            "Make the prod cluster of nightly_etl_job larger",
            "Make the dev cluster of nightly_etl_job larger",
            "Make the dev cluster of nightly_etl_job larger",
        ])
    }
}
