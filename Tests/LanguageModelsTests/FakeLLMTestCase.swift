import Foundation
import LanguageModels
import TestSupport
import XCTest

/// Base for tests against the fake language model service: keys made at run time (no key-shaped
/// string in the source), models configured the way users configure them (environment variables),
/// limits small enough for tests.
class FakeLLMTestCase: XCTestCase {
    var directory: TemporaryDirectory!
    var fake: FakeLLMServer!

    static let anthropicKey = "sk-ant-" + "api03-" + String(repeating: "Zx9_", count: 8)
    static let openAIKey = "sk-" + "proj-" + String(repeating: "Qw7-", count: 8)
    static let databricksToken = "dapi" + String(repeating: "0a1b2c3d", count: 4)

    override func setUpWithError() throws {
        directory = try TemporaryDirectory(prefix: "dabrepo-llm")
    }

    override func tearDown() {
        fake = nil
        directory = nil
    }

    /// Starts the fake with these responses (and the keys above as the only ones it accepts).
    func start(_ responses: [[String: Any]], extra: [String: Any] = [:]) throws {
        var script: [String: Any] = ["keys": ["anthropic": Self.anthropicKey, "openai": Self.openAIKey, "databricks": Self.databricksToken],
                                     "responses": responses]
        for (k, v) in extra { script[k] = v }
        fake = try FakeLLMServer(script: script, directory: directory.url)
    }

    var settings: ModelHTTPSettings { ModelHTTPSettings(maxRetries: 2, stallTimeout: 120, requestTimeout: 60, connectTimeout: 5) }

    var anthropicEnvironment: [String: String] { ["ANTHROPIC_API_KEY": Self.anthropicKey, "ANTHROPIC_BASE_URL": fake.host] }
    var openAIEnvironment: [String: String] { ["OPENAI_API_KEY": Self.openAIKey, "OPENAI_BASE_URL": fake.openAIBaseURL] }
    /// A workspace with a personal access token, and a HOME without ~/.databrickscfg.
    var databricksEnvironment: [String: String] {
        ["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": Self.databricksToken, "HOME": directory.path]
    }

    func anthropic(_ model: String = "claude-test", streaming: Bool = true, settings: ModelHTTPSettings? = nil,
                   environment: [String: String]? = nil) throws -> any LanguageModel {
        try ProviderSetup.anthropic(environment: environment ?? anthropicEnvironment).makeModel(model, settings: settings ?? self.settings, streaming: streaming)
    }

    func openAI(_ model: String = "gpt-test", streaming: Bool = true, settings: ModelHTTPSettings? = nil,
                environment: [String: String]? = nil) throws -> any LanguageModel {
        try ProviderSetup.openAI(environment: environment ?? openAIEnvironment).makeModel(model, settings: settings ?? self.settings, streaming: streaming)
    }

    /// Every event and the assembled answer.
    func respond(_ model: any LanguageModel, _ request: ChatRequest) async throws -> ([ChatStreamEvent], ChatResponse) {
        let events = EventLog<ChatStreamEvent>()
        let response = try await model.respond(request) { events.append($0) }
        return (events.all, response)
    }

    /// The error a call ends with, with the events that came before it.
    func failure(_ model: any LanguageModel, _ request: ChatRequest = ChatRequest(system: "", messages: [.user("hi")]),
                 file: StaticString = #filePath, line: UInt = #line) async -> (Error?, [ChatStreamEvent]) {
        let events = EventLog<ChatStreamEvent>()
        do {
            _ = try await model.respond(request) { events.append($0) }
            XCTFail("the call succeeded", file: file, line: line)
            return (nil, events.all)
        } catch {
            return (error, events.all)
        }
    }

    func requests(to path: String? = nil) throws -> [[String: Any]] {
        try fake.requests().filter { path == nil || $0["path"] as? String == path }
    }

    /// The fake noticed that the client went away (it checks every 0.1 s while it stalls).
    func waitForDisconnect(path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for _ in 0..<100 {
            if try requests(to: path).last?["disconnected"] as? Bool == true { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail("the fake never saw the client disconnect", file: file, line: line)
    }

    static let readBundle = ChatTool(name: "read_bundle", description: "Read the bundle's files or a target's configuration.",
                                     schema: ["type": "object", "properties": ["target": ["type": "string"], "path": ["type": "string"]]])
    static let describeFields = ChatTool(name: "describe_fields", description: "The fields allowed at a path.",
                                         schema: ["type": "object", "properties": ["path": ["type": "string"]], "required": ["path"]])

    func text(_ events: [ChatStreamEvent]) -> [String] {
        events.compactMap { if case .textDelta(let t) = $0 { return t } else { return nil } }
    }

    func json(_ text: String) -> NSDictionary? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? NSDictionary
    }
}

/// Events collected from a callback that may run on another thread.
final class EventLog<Event: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [Event] = []

    func append(_ event: Event) {
        lock.lock()
        events.append(event)
        lock.unlock()
    }

    var all: [Event] {
        lock.lock()
        defer { lock.unlock() }
        return events
    }
}
