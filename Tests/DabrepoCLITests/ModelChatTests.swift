import Foundation
import TestSupport
import XCTest

/// `dabrepo chat` with a model, driven through standard input: the model asks which job, the next
/// line answers it, and the answer's turn (which sends the question and the first request along)
/// commits one revision whose transcript holds the whole exchange.
final class ModelChatTests: ModelTestCase {
    func testAQuestionAnsweredInTheChat() throws {
        let bundle = try initBundle()
        let server = try anthropic([
            ["tool_calls": [["id": "q1", "name": "ask_user",
                             "arguments": ["question": "Which job should stop after an hour?", "choices": ["nightly_etl_job", "every job"]]]],
             "stop_reason": "tool_use", "usage": ["input_tokens": 1000, "output_tokens": 30]],
            Self.edit("toolu_2", subject: "Stop nightly_etl_job after an hour",
                      [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 3600]]),
            Self.say("nightly_etl_job now stops after an hour."),
        ])
        let result = try CommandRunner.dabrepo(["chat"], in: bundle, environment: environment(server),
                                               stdin: Data("make it stop after an hour\nthe nightly etl one\n".utf8))
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Which job should stop after an hour?"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Committed"), result.stdout)

        // The question ended the first turn (the model was not called again); the answer's turn carried
        // the first request and the question.
        let requests = try server.requests()
        XCTAssertEqual(requests.count, 3)
        let messages = (requests[1]["body"] as? [String: Any])?["messages"] as? [[String: Any]] ?? []
        let texts = messages.map { message -> String in
            (message["content"] as? String) ?? (message["content"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }.joined()
        }
        XCTAssertEqual(messages.map { $0["role"] as? String }, ["user", "assistant", "user"])
        XCTAssertTrue(texts[0].contains("make it stop after an hour"), "\(texts)")
        XCTAssertTrue(texts[1].contains("Which job should stop after an hour?"), "\(texts)")
        XCTAssertTrue(texts[2].contains("the nightly etl one"), "\(texts)")

        // One revision, with the conversation in its message.
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "2")
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        for line in ["user: make it stop after an hour", "dabrepo: Which job should stop after an hour?", "user: the nightly etl one",
                     "Dabrepo-Agent: anthropic/claude-test"] {
            XCTAssertTrue(message.contains(line), "\(line) in\n\(message)")
        }
        XCTAssertTrue(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("timeout_seconds: 3600"))
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }
}
