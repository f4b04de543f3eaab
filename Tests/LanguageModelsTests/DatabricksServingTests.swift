import Foundation
import LanguageModels
import XCTest

/// Databricks model serving with the workspace login (no extra key): Claude endpoints through the
/// workspace's Anthropic-compatible path, others through its chat completions with the endpoint as
/// the model; personal access tokens and OAuth machine-to-machine; the ready chat endpoints listed.
final class DatabricksServingTests: FakeLLMTestCase {
    func testClaudeEndpointsUseTheAnthropicPathWithTheWorkspaceToken() async throws {
        try start([["text": "from Claude on the workspace", "tool_calls": [["id": "toolu_1", "name": "read_bundle", "arguments": ["target": "dev"]]]]])
        let setup = ProviderSetup.databricks(profile: nil, environment: databricksEnvironment)
        XCTAssertNil(setup.unavailable)
        XCTAssertEqual(setup.wireFormat(for: "databricks-claude-sonnet-4-5"), .anthropicMessages)
        let model = try setup.makeModel("databricks-claude-sonnet-4-5", settings: settings)
        let (_, response) = try await respond(model, ChatRequest(system: "s", messages: [.user("hi")], tools: [Self.readBundle]))
        XCTAssertEqual(response.text, "from Claude on the workspace")
        XCTAssertEqual(response.toolCalls.first?.name, "read_bundle")
        let sent = try XCTUnwrap(requests(to: "/serving-endpoints/anthropic/v1/messages").first)
        let headers = try XCTUnwrap(sent["headers"] as? [String: String])
        XCTAssertEqual(headers["authorization"], "Bearer \(Self.databricksToken)")
        XCTAssertEqual(headers["anthropic-version"], AnthropicMessagesModel.apiVersion)
        XCTAssertEqual((sent["body"] as? [String: Any])?["model"] as? String, "databricks-claude-sonnet-4-5")
    }

    func testOtherEndpointsUseChatCompletionsWithTheEndpointAsModel() async throws {
        try start([["text": "from Llama on the workspace"]])
        let setup = ProviderSetup.databricks(profile: nil, environment: databricksEnvironment)
        XCTAssertEqual(setup.chatURL(for: "databricks-meta-llama-3-3-70b-instruct"), fake.host + "/serving-endpoints/chat/completions")
        let model = try setup.makeModel("databricks-meta-llama-3-3-70b-instruct", settings: settings)
        let (_, response) = try await respond(model, ChatRequest(system: "s", messages: [.user("hi")], maxTokens: 500))
        XCTAssertEqual(response.text, "from Llama on the workspace")
        let sent = try XCTUnwrap(requests(to: "/serving-endpoints/chat/completions").first)
        XCTAssertEqual((sent["headers"] as? [String: String])?["authorization"], "Bearer \(Self.databricksToken)")
        let body = try XCTUnwrap(sent["body"] as? [String: Any])
        XCTAssertEqual(body["model"] as? String, "databricks-meta-llama-3-3-70b-instruct")
        XCTAssertEqual(body["max_tokens"] as? Int, 500)
    }

    func testOAuthMachineToMachineTokensAreFetchedFromTheWorkspace() async throws {
        try start([["text": "signed in as a service principal"]], extra: ["oauth": ["client_id": "etl-sp", "client_secret": "sp-secret-value"]])
        let environment = ["DATABRICKS_HOST": fake.host, "DATABRICKS_CLIENT_ID": "etl-sp", "DATABRICKS_CLIENT_SECRET": "sp-secret-value", "HOME": directory.path]
        let setup = ProviderSetup.databricks(profile: nil, environment: environment)
        XCTAssertTrue(setup.credentialSource.contains("OAuth M2M (client etl-sp)"), setup.credentialSource)
        let (_, response) = try await respond(try setup.makeModel("databricks-claude-sonnet-4-5", settings: settings), ChatRequest(system: "", messages: [.user("hi")]))
        XCTAssertEqual(response.text, "signed in as a service principal")
        XCTAssertEqual(try requests(to: "/oidc/v1/token").count, 1)
        let bearer = (try requests(to: "/serving-endpoints/anthropic/v1/messages").first?["headers"] as? [String: String])?["authorization"]
        XCTAssertTrue(bearer?.hasPrefix("Bearer fake-oauth-token-") == true, "\(String(describing: bearer))")
    }

    func testAWrongTokenSaysWhichCredentialWasUsed() async throws {
        try start([["text": "never"]])
        var environment = databricksEnvironment
        environment["DATABRICKS_TOKEN"] = "dapi" + String(repeating: "ffff0000", count: 4)
        let model = try ProviderSetup.databricks(profile: nil, environment: environment).makeModel("databricks-claude-sonnet-4-5", settings: settings)
        let (error, _) = await failure(model)
        guard case .unauthenticated? = error as? LanguageModelError else { return XCTFail("\(String(describing: error))") }
        let said = "\(error!)"
        XCTAssertTrue(said.contains("a personal access token from DATABRICKS_TOKEN environment variable"), said)
        XCTAssertTrue(said.contains("dabrepo auth describe"), said)
        XCTAssertFalse(said.contains(environment["DATABRICKS_TOKEN"]!), said)
    }

    func testTheReadyChatEndpointsAreListed() async throws {
        func endpoint(_ name: String, task: String, ready: String, served: [String: Any]) -> [String: Any] {
            ["name": name, "task": task, "state": ["ready": ready, "config_update": "NOT_UPDATING"],
             "config": ["served_entities": [served]]]
        }
        try start([], extra: ["serving_endpoints": [
            endpoint("databricks-claude-sonnet-4-5", task: "llm/v1/chat", ready: "READY",
                     served: ["name": "claude", "foundation_model": ["name": "databricks-claude-sonnet-4-5", "display_name": "Claude Sonnet 4.5"]]),
            endpoint("team-gpt", task: "llm/v1/chat", ready: "READY", served: ["name": "gpt", "external_model": ["provider": "openai", "name": "gpt-5"]]),
            endpoint("databricks-gte-large-en", task: "llm/v1/embeddings", ready: "READY", served: ["name": "gte", "foundation_model": ["name": "gte"]]),
            endpoint("still-starting", task: "llm/v1/chat", ready: "NOT_READY", served: ["name": "x", "foundation_model": ["name": "x"]]),
        ]])
        let listed = try await ProviderSetup.databricks(profile: nil, environment: databricksEnvironment).listModels(settings: settings)
        XCTAssertEqual(listed, [ModelListing(id: "databricks-claude-sonnet-4-5", detail: "Claude Sonnet 4.5"),
                                ModelListing(id: "team-gpt", detail: "openai gpt-5")])
    }
}
