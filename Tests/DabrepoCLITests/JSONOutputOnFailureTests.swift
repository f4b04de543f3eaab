import Foundation
import TestSupport
import XCTest

/// `--output json` prints JSON also when a command fails before its operation could answer: the
/// engine's error document (`kind`, `message`), as the tools return it, with the exit status unchanged.
final class JSONOutputOnFailureTests: CLITestCase {
    func testEarlyFailuresPrintTheEngineErrorAsJSON() throws {
        // No bundle here: every bundle command fails before it starts.
        for (arguments, kind) in [(["tests", "create", "--output", "json"], "usage"), (["sync", "/Workspace/Shared/etl", "-o", "json"], "usage"),
                                  (["upload", "-o", "json"], "usage"), (["log", "-o", "json"], "not-found"),
                                  (["generate", "notebooks", "src/a.py", "-o", "json"], "usage")] {
            let result = try dabrepo(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            let object = try json(result.stdout)
            XCTAssertEqual(object["kind"] as? String, kind, "\(arguments): \(result.stdout)")
            XCTAssertFalse((object["message"] as? String ?? "").isEmpty, "\(arguments): \(result.stdout)")
            XCTAssertFalse(result.stderr.isEmpty, "people still read the error: \(arguments)")
        }
        // Arguments that do not parse, and a workspace that is not configured.
        let unparsed = try dabrepo(["jobs", "run", "not-a-number", "--output", "json"])
        XCTAssertEqual(unparsed.status, 2, unparsed.stderr)
        XCTAssertEqual(try json(unparsed.stdout)["kind"] as? String, "usage")
        let unconfigured = try dabrepo(["jobs", "list", "-o", "json"], environment: ["HOME": workspace.path, "DATABRICKS_HOST": nil, "DATABRICKS_TOKEN": nil,
                                                                                     "DATABRICKS_CONFIG_PROFILE": nil, "DATABRICKS_CONFIG_FILE": nil])
        XCTAssertEqual(unconfigured.status, 2, unconfigured.stderr)
        XCTAssertTrue((try json(unconfigured.stdout)["message"] as? String ?? "").contains("no Databricks workspace configured"), unconfigured.stdout)
        // Text output stays text.
        XCTAssertEqual(try dabrepo(["tests", "create"]).stdout, "")
    }

    /// `serve -o json`: no bundle here, or its port taken, is the engine's error JSON too (exit 2), and
    /// the port taken is said plainly, with what to do.
    func testServeFailuresAreJSON() throws {
        let outside = try dabrepo(["serve", "-o", "json"])
        XCTAssertEqual(outside.status, 2, outside.stderr)
        XCTAssertEqual(try json(outside.stdout)["kind"] as? String, "usage", outside.stdout)

        try workspace.write(["demo/databricks.yml": "bundle:\n  name: demo\n"])
        let bundle = workspace.url.appendingPathComponent("demo")
        XCTAssertEqual(try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/git"), ["init", "-q"], in: bundle, environment: [:]).status, 0)
        // A port held by a listening socket of this process.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        XCTAssertTrue(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let taken = try dabrepo(["serve", "--port", String(port), "-o", "json"], in: bundle)
        XCTAssertEqual(taken.status, 2, taken.stderr)
        let message = try json(taken.stdout)["message"] as? String ?? ""
        XCTAssertTrue(message.contains("port \(port) on 127.0.0.1 is in use") && message.contains("--port 0"), message)
        XCTAssertFalse(taken.stderr.contains("errno"), taken.stderr)
    }
}
