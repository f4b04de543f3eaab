import Foundation
import TestSupport
import XCTest

/// Ctrl-C (SIGINT) while the model streams, and an MCP client's cancellation of refine_bundle: the
/// turn ends with the repository and the work tree as they were — even when the model had already
/// proposed a valid edit — with a short message and exit status 130; the model call is aborted.
final class ModelInterruptTests: ModelTestCase {
    /// A valid edit first, then an answer that stalls for a minute after its first piece of text.
    func stallingAfterAnEdit() throws -> FakeLLMServer {
        try anthropic([
            Self.edit("toolu_1", subject: "Give nightly_etl_job a two-hour timeout",
                      [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 7200]]),
            ["chunks": ["The nightly job ", "now times out after two hours."], "stop_reason": "end_turn",
             "usage": ["input_tokens": 1400, "output_tokens": 20], "stall": ["after": 3, "seconds": 60]],
        ])
    }

    func modelEnvironment(_ server: FakeLLMServer) -> [String: String?] {
        var env = environment(server)
        // Neither a stall timeout nor a retry ends the turn before the test's Ctrl-C.
        env["DABREPO_MODEL_STALL_TIMEOUT"] = "120"
        env["DABREPO_MODEL_MAX_RETRIES"] = "0"
        return env
    }

    func start(_ arguments: [String], in directory: URL, environment: [String: String?], stdin: Pipe? = nil) throws -> (Process, Pipe, Pipe) {
        let process = DabrepoProcess.make(arguments, in: directory, environment: environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin ?? FileHandle.nullDevice
        try process.run()
        return (process, out, err)
    }

    /// Waits until the fake model has received `count` requests (the second: the stalling one).
    func waitForRequests(_ server: FakeLLMServer, _ count: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        for _ in 0..<600 {
            if try server.requests().count >= count { return }
            usleep(50_000)
        }
        XCTFail("the model was not called \(count) times", file: file, line: line)
    }

    /// Whether the stalled request's connection was dropped by dabrepo (polled for a while).
    func stalledRequestWasAborted(_ server: FakeLLMServer, while process: Process? = nil) throws -> Bool {
        for _ in 0..<200 {
            if try server.requests().last?["disconnected"] as? Bool == true { return true }
            if let process { XCTAssertTrue(process.isRunning, "the server is still running") }
            usleep(50_000)
        }
        return false
    }

    func assertUnchanged(_ bundle: URL, head: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try gitOutput(["rev-parse", "HEAD"], in: bundle), head, "no revision", file: file, line: line)
        XCTAssertEqual(try gitOutput(["status", "--porcelain"], in: bundle), "", "the work tree is as it was", file: file, line: line)
        XCTAssertFalse(try read(bundle.appendingPathComponent("resources/nightly_etl.job.yml")).contains("7200"), file: file, line: line)
    }

    func testCtrlCDuringRefineChangesNothingAndExits130() throws {
        let bundle = try initBundle()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let server = try stallingAfterAnEdit()
        let (process, out, err) = try start(["refine", "the nightly job may take two hours at most"], in: bundle, environment: modelEnvironment(server))
        try waitForRequests(server, 2)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationReason, .exit, "dabrepo ended the turn itself rather than dying of the signal")
        XCTAssertEqual(process.terminationStatus, 130, stdout + stderr)
        XCTAssertTrue(stderr.contains("Interrupted: this request changed nothing."), stderr)
        XCTAssertFalse(stdout.contains("Committed"), stdout)
        try assertUnchanged(bundle, head: head)
        XCTAssertTrue(try stalledRequestWasAborted(server))
        // The next command finds nothing to repair and works as usual.
        XCTAssertEqual(try dabrepo(["validate"], in: bundle).status, 0)
    }

    /// SIGTERM (a CI runner's timeout, `kill`) and SIGHUP (the terminal closed) stop the turn as Ctrl-C
    /// does: nothing written (they once killed it part-way).
    func testTermAndHangUpDuringRefineChangeNothing() throws {
        let bundle = try initBundle()
        for signal in [SIGTERM, SIGHUP] {
            let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
            let server = try stallingAfterAnEdit()
            let (process, _, err) = try start(["refine", "the nightly job may take two hours at most"], in: bundle, environment: modelEnvironment(server))
            try waitForRequests(server, 2)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertEqual(process.terminationReason, .exit, "signal \(signal): dabrepo ended the turn itself")
            XCTAssertTrue(stderr.contains("Interrupted: this request changed nothing."), stderr)
            try assertUnchanged(bundle, head: head)
            XCTAssertFalse(FileManager.default.fileExists(atPath: bundle.appendingPathComponent(".git/dabrepo-revision.journal").path))
        }
    }

    func testCtrlCDuringAChatTurnEndsTheChatWithNothingChanged() throws {
        let bundle = try initBundle()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let server = try stallingAfterAnEdit()
        let input = Pipe()
        let (process, _, err) = try start(["chat"], in: bundle, environment: modelEnvironment(server), stdin: input)
        input.fileHandleForWriting.write(Data("the nightly job may take two hours at most\nand retry it twice\n".utf8))
        try waitForRequests(server, 2)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 130, stderr)
        XCTAssertTrue(stderr.contains("Interrupted: this request changed nothing."), stderr)
        XCTAssertEqual(try server.requests().count, 2, "the chat ended: the second line was not sent")
        try assertUnchanged(bundle, head: head)
    }

    /// Ctrl-C in chat's second request stops it too (it was ignored from the second turn on: the model
    /// call went on until it timed out).
    func testCtrlCDuringTheSecondChatTurnStopsIt() throws {
        let bundle = try initBundle()
        let server = try anthropic([
            Self.edit("toolu_1", subject: "Retry twice", [["op": "set", "path": "resources.jobs.nightly_etl_job.tasks[0].max_retries", "value": 2]]),
            Self.say("Done."),
            Self.edit("toolu_2", subject: "Give nightly_etl_job a two-hour timeout",
                      [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 7200]]),
            ["chunks": ["The nightly job ", "now times out after two hours."], "stop_reason": "end_turn",
             "usage": ["input_tokens": 1400, "output_tokens": 20], "stall": ["after": 3, "seconds": 60]],
        ])
        let input = Pipe()
        let (process, _, err) = try start(["chat"], in: bundle, environment: modelEnvironment(server), stdin: input)
        input.fileHandleForWriting.write(Data("retry the nightly job twice\nthe nightly job may take two hours at most\n".utf8))
        try waitForRequests(server, 4)
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 130, stderr)
        XCTAssertTrue(stderr.contains("Interrupted: this request changed nothing."), stderr)
        try assertUnchanged(bundle, head: head)
        XCTAssertTrue(try stalledRequestWasAborted(server))
    }

    func testACancelledMCPRefineChangesNothing() throws {
        let bundle = try initBundle()
        let head = try gitOutput(["rev-parse", "HEAD"], in: bundle)
        let server = try stallingAfterAnEdit()
        let input = Pipe()
        let (process, out, _) = try start(["mcp", "--repo", bundle.path], in: bundle, environment: modelEnvironment(server), stdin: input)
        func send(_ message: [String: Any]) throws {
            input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: message) + Data("\n".utf8))
        }
        try send(["jsonrpc": "2.0", "id": 1, "method": "initialize",
                  "params": ["protocolVersion": "2025-06-18", "capabilities": [:] as [String: Any], "clientInfo": ["name": "test", "version": "1"]]])
        try send(["jsonrpc": "2.0", "method": "notifications/initialized"])
        try send(["jsonrpc": "2.0", "id": 5, "method": "tools/call",
                  "params": ["name": "refine_bundle", "arguments": ["request": "the nightly job may take two hours at most"]]])
        try waitForRequests(server, 2)
        try send(["jsonrpc": "2.0", "method": "notifications/cancelled", "params": ["requestId": 5, "reason": "the user pressed Escape"]])
        // The model call is aborted while the server keeps running: the cancellation reached the turn.
        XCTAssertTrue(try stalledRequestWasAborted(server, while: process))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let answers = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertFalse(answers.contains("\"committed\""), answers)
        try assertUnchanged(bundle, head: head)
    }
}
