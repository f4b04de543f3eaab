import ArgumentParser
import BundleAgent
import BundleEngine
import DabrepoTools
import Foundation
import LanguageModelAgent
import LanguageModels

/// The agent settings shared by `agent status`, `agent models` (and `refine`, `chat`).
struct AgentOptions: ParsableArguments {
    @Option(help: ArgumentHelp("offline, auto, anthropic, databricks or openai (default: DABREPO_AGENT, git config dabrepo.agent, else auto).", valueName: "agent"))
    var agent: String?

    @Option(help: ArgumentHelp("The model, or for databricks the serving endpoint (default: DABREPO_MODEL, git config dabrepo.model).", valueName: "name"))
    var model: String?

    @Option(help: "The ~/.databrickscfg profile for Databricks model serving.")
    var profile: String?

    /// The configuration for the repository at `directory` (default: the current one), or exit status
    /// 2 with the reason.
    func setup(directory: URL? = nil) throws -> AgentSetup {
        do {
            return try AgentSetup(agent: agent, model: model, profile: profile, directory: directory?.path ?? FileManager.default.currentDirectoryPath)
        } catch {
            throw error.report(.text)
        }
    }

    /// The configuration, or exit status 2 with the reason.
    func resolve() throws -> AgentConfiguration {
        try setup().configuration
    }

    /// The agent that plans refine and chat requests: the offline planner, a model, or auto (the
    /// offline planner first, then the model); exit status 2 with the reason when the chosen one
    /// cannot run. `hasModel` says whether a model may answer.
    func planningAgent(directory: URL? = nil) throws -> (agent: any PlanningAgent, hasModel: Bool) {
        do {
            return try setup(directory: directory).planningAgent(executable: ToolRunner.currentExecutable)
        } catch let error as EngineError {
            throw error.report(.text)
        }
    }

    /// The agent DABREPO_AGENT / DABREPO_MODEL and the git configuration of the repository at
    /// `directory` choose (no flags): for the tools served over MCP (`mcp --repo DIR` read the current
    /// directory's configuration, not DIR's).
    static func configured(directory: URL) throws -> any PlanningAgent {
        try AgentOptions.parse([]).planningAgent(directory: directory).agent
    }

    /// Said after "not understood" when no model may answer.
    static let modelHint = "A language model can take requests the offline planner does not understand: set ANTHROPIC_API_KEY "
        + "(or sign in to Databricks, or set OPENAI_API_KEY) and name a model with --model, DABREPO_MODEL or "
        + "`git config dabrepo.model`; `dabrepo agent status` says what is configured."
}
