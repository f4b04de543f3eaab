import Foundation
import TestSupport
import XCTest

/// Base for tests that run the built `dabrepo` binary on real files in a temporary directory.
class CLITestCase: XCTestCase {
    var workspace: TemporaryDirectory!

    override func setUpWithError() throws {
        workspace = try TemporaryDirectory()
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: TestPaths.dabrepoBinary.path),
                      "the dabrepo binary is not built at \(TestPaths.dabrepoBinary.path)")
    }

    override func tearDown() {
        workspace = nil
    }

    /// A copy of the nightly_etl fixture bundle; returns its directory.
    @discardableResult
    func copyFixture(_ name: String = "nightly_etl", to relative: String = "bundle") throws -> URL {
        try workspace.copy(from: TestPaths.fixture("DabrepoCLITests", name), to: relative)
        return workspace.url.appendingPathComponent(relative)
    }

    func dabrepo(_ arguments: [String], in directory: URL? = nil, environment: [String: String?] = [:]) throws -> CommandResult {
        try CommandRunner.dabrepo(arguments, in: directory ?? workspace.url, environment: environment)
    }

    /// Replaces text in a file of the workspace.
    func edit(_ path: String, replacing old: String, with new: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = workspace.url.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(path) does not contain \(old)", file: file, line: line)
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }
}
