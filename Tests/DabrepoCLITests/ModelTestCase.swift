import Foundation
import TestSupport
import XCTest

/// Base for tests of `refine` and `chat` with a language model: the fake model service scripted per
/// test, the environment that points dabrepo at it, and checks that the key went nowhere.
class ModelTestCase: RepositoryTestCase {
    let key = FakeCredential.anthropic()

    func anthropic(_ responses: [[String: Any]]) throws -> FakeLLMServer {
        try FakeLLMServer(script: ["keys": ["anthropic": key], "responses": responses], directory: workspace.url)
    }

    func environment(_ server: FakeLLMServer, agent: String = "anthropic") -> [String: String?] {
        var env = environment
        env["ANTHROPIC_API_KEY"] = key
        env["ANTHROPIC_BASE_URL"] = server.host
        env["DABREPO_AGENT"] = agent
        env["DABREPO_MODEL"] = "claude-test"
        return env
    }

    static func edit(_ id: String, subject: String, summary: String? = nil, _ edits: [[String: Any]]) -> [String: Any] {
        ["tool_calls": [["id": id, "name": "edit_bundle",
                         "arguments": ["subject": subject, "summary": summary ?? subject + ".", "edits": edits]]],
         "stop_reason": "tool_use", "usage": ["input_tokens": 1200, "output_tokens": 80]]
    }

    static func say(_ text: String) -> [String: Any] {
        ["text": text, "stop_reason": "end_turn", "usage": ["input_tokens": 1400, "output_tokens": 20]]
    }

    /// Every byte dabrepo left: outputs, the work tree, .git (objects unpacked by git cat-file are not needed:
    /// the key is never written, so no object can hold it).
    func assertKeyNowhere(_ results: [CommandResult], in bundle: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        for result in results {
            XCTAssertFalse(result.stdout.contains(key) || result.stderr.contains(key), "the key was printed", file: file, line: line)
        }
        let enumerator = FileManager.default.enumerator(at: bundle, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            XCTAssertNil(data.range(of: Data(key.utf8)), "the key is in \(url.path)", file: file, line: line)
        }
        XCTAssertFalse(try gitOutput(["log", "--format=%B"], in: bundle).contains(key), file: file, line: line)
    }

    /// The tool results an Anthropic Messages request carried, by tool call id.
    func toolResults(_ request: [String: Any]) -> [String: (content: String, isError: Bool)] {
        var results: [String: (content: String, isError: Bool)] = [:]
        let messages = (request["body"] as? [String: Any])?["messages"] as? [[String: Any]] ?? []
        for message in messages {
            for block in message["content"] as? [[String: Any]] ?? [] where block["type"] as? String == "tool_result" {
                let content = block["content"] as? String
                    ?? (block["content"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }.joined()
                results[block["tool_use_id"] as? String ?? ""] = (content, block["is_error"] as? Bool ?? false)
            }
        }
        return results
    }

    /// Every request body the fake model service received, as JSON text.
    func sentText(_ server: FakeLLMServer) throws -> String {
        try server.requests().map { String(decoding: try JSONSerialization.data(withJSONObject: $0["body"] ?? [:]), as: UTF8.self) }
            .joined(separator: "\n")
    }
}
