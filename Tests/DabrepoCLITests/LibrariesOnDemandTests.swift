import Foundation
import TestSupport
import XCTest

/// libcurl and libgit2 are not dependencies of the dabrepo executable: CurlOnDemand and LibGit2OnDemand
/// define their functions and open the library with dlopen on the first call, so a command loads
/// (and relocates) only the libraries it uses: `--version`, `--help` and `validate` load neither,
/// history and revisions load libgit2, the hook neither, and commands that talk HTTP still reach the server.
final class LibrariesOnDemandTests: CLITestCase {
    func testTheExecutableNeedsNeitherLibcurlNorLibgit2() throws {
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["readelf", "-d", TestPaths.dabrepoBinary.path],
                                           in: workspace.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        let needed = result.stdout.split(separator: "\n").filter { $0.contains("(NEEDED)") }
        XCTAssertFalse(needed.isEmpty, result.stdout)
        XCTAssertFalse(needed.contains { $0.contains("libcurl") }, needed.joined(separator: "\n"))
        XCTAssertFalse(needed.contains { $0.contains("libgit2") }, needed.joined(separator: "\n"))
    }

    /// The dynamic loader's own report (LD_DEBUG=files) of which libraries each command opened. (libcurl
    /// is left out of the comparison: a debug build links Foundation's shared libFoundationNetworking,
    /// which itself needs libcurl; the release binary links Foundation statically.)
    func testEachCommandLoadsOnlyTheLibrariesItUses() throws {
        XCTAssertEqual(try dabrepo(["init", "nightly_etl", "--no-diff-driver"]).status, 0)
        let bundle = workspace.url.appendingPathComponent("nightly_etl")

        func loaded(_ arguments: [String], expectStatus status: Int32 = 0) throws -> Set<String> {
            let result = try dabrepo(arguments, in: bundle, environment: ["LD_DEBUG": "files"])
            XCTAssertEqual(result.status, status, "\(arguments): \(result.stderr.suffix(2_000))")
            let names = result.stderr.split(separator: "\n").compactMap { line -> String? in
                guard let range = line.range(of: "file=") else { return nil }
                return String(line[range.upperBound...].prefix { $0 != " " && $0 != "\t" && $0 != ";" })
            }
            return Set(names.filter { $0.hasPrefix("libgit2") }.map { _ in "libgit2" })
        }

        XCTAssertEqual(try loaded(["--version"]), [])
        XCTAssertEqual(try loaded(["--help"]), [])
        XCTAssertEqual(try loaded(["validate"]), [])
        XCTAssertEqual(try loaded(["rules"]), [])
        // History reads git with libgit2: it is opened then, and works. The hook reads the index and objects
        // itself (DirectGitReader; zlib on demand), also for a staged change.
        XCTAssertEqual(try loaded(["log"]), ["libgit2"])
        XCTAssertEqual(try loaded(["hook", "pre-commit"]), [])
        let job = bundle.appendingPathComponent("resources/nightly_etl.job.yml")
        try String(contentsOf: job, encoding: .utf8).replacingOccurrences(of: "Europe/Berlin", with: "Europe/Paris")
            .write(to: job, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["add", "-A"], in: bundle).status, 0)
        XCTAssertEqual(try loaded(["hook", "pre-commit"], expectStatus: 0), [])
        let log = try dabrepo(["log"], in: bundle)
        XCTAssertTrue(log.stdout.contains("Initialize bundle nightly_etl"), log.stdout)
    }
}
