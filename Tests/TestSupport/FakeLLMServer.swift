import Foundation

/// The fake language model service (Tests/FakeLLM/fake_llm.py) on 127.0.0.1, stopped when released:
/// Anthropic Messages, OpenAI chat completions, the Databricks serving paths and the model listings,
/// answering each call with the next scripted response (see the script's documentation).
public final class FakeLLMServer: @unchecked Sendable {
    let server: LocalServerProcess
    public var port: Int { server.port }
    /// `ANTHROPIC_BASE_URL`, and `DATABRICKS_HOST` for the Databricks paths.
    public var host: String { server.host }
    /// `OPENAI_BASE_URL`.
    public var openAIBaseURL: String { server.host + "/v1" }

    /// `script`: `keys`, `oauth`, `models`, `serving_endpoints` and `responses`, as fake_llm.py documents them.
    public init(script: [String: Any], directory: URL) throws {
        let file = directory.appendingPathComponent("fake-llm-script-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: script).write(to: file)
        server = try LocalServerProcess(script: "Tests/FakeLLM/fake_llm.py", arguments: ["--script", file.path])
    }

    /// Appends scripted responses.
    public func add(_ responses: [[String: Any]]) throws {
        _ = try server.request("POST", "/__responses", body: JSONSerialization.data(withJSONObject: responses))
    }

    /// The requests the fake has seen: `method`, `path`, `query`, `headers` (lowercased names), `body`
    /// (parsed JSON), `disconnected` (the client went away before the answer ended).
    public func requests() throws -> [[String: Any]] {
        let data = try server.request("GET", "/__requests", body: nil)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["requests"] as? [[String: Any]] ?? []
    }
}
