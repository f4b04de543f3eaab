import ArgumentParser
import BundleAgent
import DabrepoTools
import Foundation
import LanguageModelAgent
import LanguageModels

extension AgentOptions {
    /// The agent that plans refine and chat requests: the offline planner, a model, or auto (the
    /// offline planner first, then the model); exit status 2 with the reason when the chosen one
    /// cannot run. `hasModel` says whether a model may answer.
    func planningAgent() throws -> (agent: any PlanningAgent, hasModel: Bool) {
        let configuration = try resolve()
        let model: (any LanguageModel)?
        do {
            model = try configuration.makeModel(settings: .from(environment: ProcessInfo.processInfo.environment))
        } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
        guard let model else { return (OfflinePlanner(), false) }
        let price: TokenPrice?
        do {
            price = try TokenPrice.configured(model: model.model, gitConfig: Self.gitConfig())
        } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
        // With Databricks authentication configured, the model also reads the workspace and generates from it.
        let signedIn = configuration.providers.contains { $0.provider == .databricks && $0.isConfigured }
        let workspace = signedIn ? ModelWorkspaceAccess(profile: profile, executable: ToolRunner.currentExecutable) : nil
        var modelAgent = ModelAgent(model: model, price: price, workspace: workspace)
        modelAgent.ignorePatterns = Self.gitConfig()(DabrepoIgnore.settingKey)
        return (configuration.agent == .auto ? AutoAgent(model: modelAgent) : modelAgent, true)
    }

    /// The agent DABREPO_AGENT / DABREPO_MODEL and git configuration choose (no flags): for the tools
    /// served over MCP.
    static func configured() throws -> any PlanningAgent {
        try AgentOptions.parse([]).planningAgent().agent
    }

    /// Said after "not understood" when no model may answer.
    static let modelHint = "A language model can take requests the offline planner does not understand: set ANTHROPIC_API_KEY "
        + "(or sign in to Databricks, or set OPENAI_API_KEY) and name a model with --model, DABREPO_MODEL or "
        + "`git config dabrepo.model`; `dabrepo agent status` says what is configured."
}
