import Foundation
import TestSupport
import XCTest

/// Tools called through `dabrepo mcp` with the official Python MCP client (Tests/MCP/call_tools.py;
/// scripts/install-test-tools installs mcp), as an agent would call them.
struct MCPToolCalls {
    struct Result {
        var isError: Bool
        var text: String
        var structured: [String: Any]?
        /// The structured content as the client received it, for searching.
        var structuredText: String
        /// The messages of the call's progress notifications, in order.
        var progressMessages: [String] = []
    }

    var results: [Result]
    /// What the server logged on standard error.
    var serverLog: String

    /// Calls each tool in order in one session of `dabrepo mcp --repo repo`. The calls travel on
    /// standard input and the log lands in `scratch`, so that nothing of them is written in `repo`.
    static func run(_ calls: [(String, [String: Any])], repo: URL, scratch: URL, environment: [String: String?],
                    file: StaticString = #filePath, line: UInt = #line) throws -> MCPToolCalls {
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/MCP/call_tools.py")
        let log = scratch.appendingPathComponent("mcp-server-\(UUID().uuidString).log")
        let input = try JSONSerialization.data(withJSONObject: calls.map { [$0.0, $0.1] as [Any] })
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path, TestPaths.dabrepoBinary.path, repo.path, log.path],
                                           in: scratch, environment: environment, stdin: input)
        XCTAssertFalse(result.stderr.contains("No module named 'mcp'"), "run scripts/install-test-tools first: \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        let list = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]], result.stdout, file: file, line: line)
        let results = try list.map { item -> Result in
            let structured = item["structured"] as? [String: Any]
            let text = structured.map { String(decoding: (try? JSONSerialization.data(withJSONObject: $0)) ?? Data(), as: UTF8.self) } ?? ""
            let progress = (item["progress"] as? [[Any]] ?? []).compactMap { $0.last as? String }
            return Result(isError: try XCTUnwrap(item["isError"] as? Bool), text: item["text"] as? String ?? "", structured: structured, structuredText: text,
                          progressMessages: progress)
        }
        return MCPToolCalls(results: results, serverLog: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}
