import Foundation
import LanguageModels
import TestSupport
import XCTest

/// Which agent and model run: flags, then the environment, then git configuration; `auto` is offline
/// without a model, else the first configured provider (Anthropic, Databricks, OpenAI-compatible).
final class AgentConfigurationTests: XCTestCase {
    var home: TemporaryDirectory!

    override func setUpWithError() throws {
        home = try TemporaryDirectory(prefix: "dabrepo-agent-home")
    }

    /// HOME without ~/.databrickscfg, plus `values`.
    func environment(_ values: [String: String] = [:]) -> [String: String] {
        values.merging(["HOME": home.path]) { a, _ in a }
    }

    let anthropicKey = "sk-ant-" + "api03-" + String(repeating: "Ab1", count: 10)
    let databricks = ["DATABRICKS_HOST": "https://dbc-1234.cloud.databricks.com", "DATABRICKS_TOKEN": "dapi" + String(repeating: "0a1b2c3d", count: 4)]

    func resolve(agent: String? = nil, model: String? = nil, _ env: [String: String] = [:], git: [String: String] = [:]) throws -> AgentConfiguration {
        try AgentConfiguration.resolve(agent: agent, model: model, environment: environment(env), gitConfig: { git[$0] })
    }

    func testFlagsThenEnvironmentThenGitConfiguration() throws {
        let git = ["dabrepo.agent": "openai", "dabrepo.model": "from-git"]
        let env = ["DABREPO_AGENT": "anthropic", "DABREPO_MODEL": "from-env"]
        let flags = try resolve(agent: "offline", model: "from-flag", env, git: git)
        XCTAssertEqual(flags.agent, .offline)
        XCTAssertEqual(flags.agentSource, "--agent")
        XCTAssertEqual(flags.model, "from-flag")
        XCTAssertEqual(flags.modelSource, "--model")
        let fromEnvironment = try resolve(env, git: git)
        XCTAssertEqual(fromEnvironment.agent, .anthropic)
        XCTAssertEqual(fromEnvironment.agentSource, "DABREPO_AGENT")
        XCTAssertEqual(fromEnvironment.model, "from-env")
        let fromGit = try resolve(git: git)
        XCTAssertEqual(fromGit.agent, .openai)
        XCTAssertEqual(fromGit.agentSource, "git config dabrepo.agent")
        XCTAssertEqual(fromGit.modelSource, "git config dabrepo.model")
        let none = try resolve()
        XCTAssertEqual(none.agent, .auto)
        XCTAssertEqual(none.agentSource, "default")
        XCTAssertNil(none.model)
    }

    func testAutoWithoutAModelIsOffline() throws {
        let bare = try resolve()
        XCTAssertFalse(bare.usesModel)
        XCTAssertNil(try bare.makeModel())
        XCTAssertTrue(bare.reason.contains("no model is configured"), bare.reason)
        XCTAssertTrue(bare.reason.contains("ANTHROPIC_API_KEY"), "it says how to configure one: \(bare.reason)")
        let keyOnly = try resolve(["ANTHROPIC_API_KEY": anthropicKey])
        XCTAssertFalse(keyOnly.usesModel, "dabrepo never guesses a model name")
        XCTAssertTrue(keyOnly.reason.contains("Anthropic is available") && keyOnly.reason.contains("dabrepo agent models"), keyOnly.reason)
        XCTAssertEqual(keyOnly.catalogProvider?.provider, .anthropic, "agent models can list what to choose from")
    }

    func testAutoTakesTheFirstConfiguredProvider() throws {
        let openAI = ["OPENAI_API_KEY": "sk-" + String(repeating: "Op3n", count: 8)]
        let all = try resolve(model: "m", ["ANTHROPIC_API_KEY": anthropicKey].merging(databricks) { a, _ in a }.merging(openAI) { a, _ in a })
        XCTAssertEqual(all.provider?.provider, .anthropic)
        XCTAssertTrue(all.usesModel && all.offlineFirst)
        XCTAssertEqual(try resolve(model: "m", databricks.merging(openAI) { a, _ in a }).provider?.provider, .databricks)
        XCTAssertEqual(try resolve(model: "m", openAI).provider?.provider, .openai)
        // A local OpenAI-compatible server (Ollama) needs no key.
        let ollama = try resolve(model: "llama3.2", ["OPENAI_BASE_URL": "http://127.0.0.1:11434/v1"])
        XCTAssertEqual(ollama.provider?.provider, .openai)
        XCTAssertEqual(ollama.provider?.chatURL(for: "llama3.2"), "http://127.0.0.1:11434/v1/chat/completions")
        XCTAssertEqual(ollama.provider?.credentialSource, "none")
        let nothing = try resolve(model: "m")
        XCTAssertFalse(nothing.usesModel)
        XCTAssertTrue(nothing.reason.contains("no provider is configured"), nothing.reason)
    }

    func testAChosenProviderThatCannotRunSaysWhatToSet() throws {
        let noKey = try resolve(agent: "anthropic", model: "claude-x")
        XCTAssertFalse(noKey.usesModel)
        XCTAssertFalse(noKey.offlineFirst)
        XCTAssertThrowsError(try noKey.makeModel()) { error in
            XCTAssertTrue("\(error)".contains("Set ANTHROPIC_API_KEY"), "\(error)")
        }
        let noModel = try resolve(agent: "databricks", databricks)
        XCTAssertTrue(noModel.problem?.contains("no model is configured for databricks") == true, "\(String(describing: noModel.problem))")
        XCTAssertTrue(noModel.problem?.contains("dabrepo agent models") == true)
        let noWorkspace = try resolve(agent: "databricks", model: "databricks-claude-sonnet-4-5")
        XCTAssertTrue(noWorkspace.problem?.contains("no Databricks workspace configured") == true, "\(String(describing: noWorkspace.problem))")
    }

    func testAnUnknownAgentNamesWhereItCameFrom() {
        XCTAssertThrowsError(try resolve(["DABREPO_AGENT": "gpt"])) { error in
            XCTAssertEqual("\(error)", "unknown agent gpt (from DABREPO_AGENT); choose one of offline, auto, anthropic, databricks, openai")
        }
    }

    func testDatabricksEndpointsChooseTheirWireFormat() throws {
        let configuration = try resolve(agent: "databricks", model: "databricks-claude-sonnet-4-5", databricks)
        let model = try XCTUnwrap(try configuration.makeModel())
        XCTAssertTrue(model is AnthropicMessagesModel)
        XCTAssertEqual(model.provider, "databricks")
        XCTAssertEqual(configuration.provider?.chatURL(for: "databricks-claude-sonnet-4-5"),
                       "https://dbc-1234.cloud.databricks.com/serving-endpoints/anthropic/v1/messages")
        XCTAssertTrue(try resolve(agent: "databricks", model: "databricks-gpt-oss-120b", databricks).makeModel() is OpenAIChatModel)
    }

    func testTheStatusNeverShowsAKey() throws {
        let configuration = try resolve(model: "claude-x", ["ANTHROPIC_API_KEY": anthropicKey])
        let json = String(decoding: try JSONSerialization.data(withJSONObject: configuration.summary), as: UTF8.self)
        for text in [configuration.description, json] {
            XCTAssertFalse(text.contains(anthropicKey), text)
            XCTAssertFalse(text.contains(String(anthropicKey.suffix(12))), text)
        }
        XCTAssertTrue(configuration.description.contains("Authentication: ANTHROPIC_API_KEY = ********"), configuration.description)
    }
}
