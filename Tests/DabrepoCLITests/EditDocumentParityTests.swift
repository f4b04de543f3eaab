import Foundation
import TestSupport
import XCTest

/// One bad edit document, four front ends: `dabrepo edit FILE`, `dabrepo tools call edit_bundle`, the
/// MCP server's edit_bundle and a language model's edit_bundle call (the agent behind `refine`, `chat`
/// and `serve`). Each reads it through the same library check and says the same thing; nothing changes.
final class EditDocumentParityTests: ModelTestCase {
    let document: [String: Any] = ["subject": "Raise the timeout", "edits": [["op": "put", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "vlaue": 60]]]

    func testEveryFrontEndGivesTheSameMessageForTheSameBadDocument() throws {
        let bundle = try initBundle()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let documentText = String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)

        // The tool, as `dabrepo tools call` runs it (the runner MCP and serve use): the message itself.
        let tool = try dabrepo(["tools", "call", "edit_bundle", documentText], in: bundle)
        XCTAssertEqual(tool.status, 1, tool.stdout + tool.stderr)
        XCTAssertTrue(tool.stderr.hasPrefix("Error: the edit document is not valid: "), tool.stderr)
        let message = String(tool.stderr.dropFirst("Error: ".count)).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(message.contains("edits[0] has an unknown field vlaue"), message)
        XCTAssertTrue(message.contains("edits[0].op must be one of set, delete, append, rename"), message)
        XCTAssertTrue(message.contains("An edit document is a JSON object such as"), message)
        XCTAssertFalse(message.contains("--"), "no front end's flags in the library's message: \(message)")

        // `dabrepo edit`: the same message after the file's name, in text and in JSON.
        let file = workspace.url.appendingPathComponent("edits.json")
        try write(documentText, to: file)
        let edited = try dabrepo(["edit", file.path], in: bundle)
        XCTAssertEqual(edited.status, 2, edited.stdout + edited.stderr)
        XCTAssertEqual(edited.stderr.trimmingCharacters(in: .whitespacesAndNewlines), "Error: \(file.path): \(message)")
        let inJSON = try dabrepo(["edit", file.path, "--output", "json"], in: bundle)
        XCTAssertEqual(try json(inJSON.stdout)["message"] as? String, "\(file.path): \(message)")

        // The MCP server.
        let mcp = try MCPToolCalls.run([("edit_bundle", document)], repo: bundle, scratch: workspace.url, environment: environment)
        XCTAssertEqual(mcp.results.first?.isError, true)
        XCTAssertEqual(mcp.results.first?.text.trimmingCharacters(in: .whitespacesAndNewlines), message)

        // A language model's call (the schema it is shown has no repo, author or dry_run: the same check).
        let server = try anthropic([Self.edit("e1", subject: "Raise the timeout", document["edits"] as! [[String: Any]]),
                                    Self.say("I could not make that edit.")])
        _ = try CommandRunner.dabrepo(["refine", "raise the timeout of nightly_etl_job"], in: bundle, environment: environment(server))
        let requests = try server.requests()
        XCTAssertEqual(requests.count, 2)
        let result = try XCTUnwrap(toolResults(requests[1])["e1"])
        XCTAssertTrue(result.isError)
        XCTAssertEqual(result.content, message)

        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "")
    }

    func testAFileThatIsNotJSONSaysSoAndWhatADocumentIs() throws {
        let bundle = try initBundle()
        let file = workspace.url.appendingPathComponent("edits.json")
        try write("[1, 2]", to: file)
        let listed = try dabrepo(["edit", file.path], in: bundle)
        XCTAssertEqual(listed.status, 2)
        XCTAssertTrue(listed.stderr.contains("\(file.path): the edit document is not valid: it is not a JSON object. An edit document is"), listed.stderr)
        try write("{\"subject\": ", to: file)
        let cut = try dabrepo(["edit", file.path], in: bundle)
        XCTAssertEqual(cut.status, 2)
        XCTAssertTrue(cut.stderr.contains("\(file.path): the edit document is not valid: it is not valid JSON"), cut.stderr)
        // Where it stops being JSON, as line and column (once only Foundation's "The data isn't in the correct format").
        try write("{\"subject\": \"x\",\n \"edits\": [1,2,}", to: file)
        let misplaced = try dabrepo(["edit", file.path], in: bundle)
        XCTAssertTrue(misplaced.stderr.contains("it is not valid JSON: line 2, column 16"), misplaced.stderr)
    }
}
