import BundleAgent
import BundleEngine
import Foundation
import LanguageModelAgent
import LanguageModels
import XCTest

/// AgentSetup is the agent configuration a front end other than the CLI (serve's page, MCP) reads:
/// what runs and why with its price, the planning agent, and the provider's models, as library calls
/// with typed errors. No process, no network (no provider is configured here).
final class AgentSetupTests: XCTestCase {
    /// A folder outside any git repository, so that only the environment configures the agent.
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("agent-setup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// An environment with no provider's credentials and no global git configuration.
    var environment: [String: String] { ["HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1"] }

    func testWithoutAModelTheOfflinePlannerRunsAndTheStatusSaysWhy() throws {
        let setup = try AgentSetup(directory: folder.path, environment: environment)
        let (agent, hasModel) = try setup.planningAgent(executable: URL(fileURLWithPath: "/nonexistent/dabrepo"))
        XCTAssertTrue(agent is OfflinePlanner)
        XCTAssertFalse(hasModel)
        let status = try setup.status()
        XCTAssertEqual(status.object["agent"] as? String, "auto")
        XCTAssertEqual(status.object["uses_model"] as? Bool, false)
        XCTAssertTrue(status.object["price"] is NSNull)
        XCTAssertTrue(status.text.hasPrefix("Agent: auto (default)\n"), status.text)
        XCTAssertTrue(status.text.contains("Runs: the offline planner only"), status.text)
    }

    func testAChosenModelHasThePriceFromTheEnvironment() throws {
        var environment = self.environment
        environment["DABREPO_PRICE_INPUT"] = "3"
        environment["DABREPO_PRICE_OUTPUT"] = "15"
        let status = try AgentSetup(agent: "anthropic", model: "claude-test", directory: folder.path, environment: environment).status()
        let price = try XCTUnwrap(status.object["price"] as? [String: Any])
        XCTAssertEqual(price["input_per_million"] as? Double, 3)
        XCTAssertEqual(price["output_per_million"] as? Double, 15)
        XCTAssertTrue(status.text.contains("Price: $3 input, $15 output per million tokens (DABREPO_PRICE_INPUT, DABREPO_PRICE_OUTPUT)"), status.text)
        // Anthropic is not configured here: the status says so; planning with it is a usage error saying why.
        XCTAssertTrue(status.text.contains("Runs: nothing: anthropic cannot run"), status.text)
        XCTAssertThrowsError(try AgentSetup(agent: "anthropic", model: "claude-test", directory: folder.path, environment: environment)
            .planningAgent(executable: URL(fileURLWithPath: "/nonexistent/dabrepo"))) { error in
            XCTAssertEqual((error as? EngineError)?.kind, .usage)
            XCTAssertTrue((error as? EngineError)?.message.contains("ANTHROPIC_API_KEY") == true, "\(error)")
        }
    }

    func testBadSettingsAreUsageErrorsNamingWhereTheyCameFrom() async throws {
        var environment = self.environment
        environment["DABREPO_AGENT"] = "gpt"
        XCTAssertThrowsError(try AgentSetup(directory: folder.path, environment: environment)) { error in
            XCTAssertEqual((error as? EngineError)?.kind, .usage)
            XCTAssertEqual((error as? EngineError)?.message, "unknown agent gpt (from DABREPO_AGENT); choose one of offline, auto, anthropic, databricks, openai")
        }
        environment["DABREPO_AGENT"] = nil
        environment["DABREPO_PRICE_INPUT"] = "three"
        environment["DABREPO_PRICE_OUTPUT"] = "15"
        XCTAssertThrowsError(try AgentSetup(model: "claude-test", directory: folder.path, environment: environment).status()) { error in
            XCTAssertEqual((error as? EngineError)?.kind, .usage)
            XCTAssertTrue((error as? EngineError)?.message.contains("DABREPO_PRICE_INPUT is \"three\", not a price") == true, "\(error)")
        }
        // No provider configured: listing models is a usage error that says what to set.
        do {
            _ = try await AgentSetup(directory: folder.path, environment: self.environment).models()
            XCTFail("models listed without a provider")
        } catch {
            XCTAssertEqual(error.kind, .usage)
            XCTAssertTrue(error.message.hasPrefix("no model provider is configured: set ANTHROPIC_API_KEY"), error.message)
        }
    }
}
