import Foundation

/// Which agent and model `refine` and `chat` run, and why.
///
/// Each of the agent and the model comes from the first that sets it: the flag (`--agent`, `--model`),
/// the environment (`DABREPO_AGENT`, `DABREPO_MODEL`), git configuration (`dabrepo.agent`,
/// `dabrepo.model`: the repository's, then the global one), else the agent is `auto` and there is no
/// model. dabrepo never guesses a model name: with none configured, `auto` is `offline`.
///
/// `auto` runs the offline planner first; what it does not understand goes to the model, served by the
/// first configured provider in this order: `ANTHROPIC_API_KEY` (a key made for this), Databricks
/// authentication (the workspace login dabrepo already uses; the model names a serving endpoint), then
/// `OPENAI_API_KEY` / `OPENAI_BASE_URL` (last, as the key is often set for other tools). `anthropic`,
/// `databricks` and `openai` choose the provider outright.
public struct AgentConfiguration: Sendable {
    public var agent: AgentChoice
    /// "--agent", "DABREPO_AGENT", "git config dabrepo.agent" or "default".
    public var agentSource: String
    public var model: String?
    public var modelSource: String?
    /// The provider whose model runs, or nil when only the offline planner runs.
    public var provider: ProviderSetup?
    /// Why this agent and provider (or why offline).
    public var reason: String
    /// Why the agent asked for cannot run (a provider that is not configured, no model); nil when it can.
    public var problem: String?
    /// Every provider as the environment configures it, in `auto`'s order.
    public var providers: [ProviderSetup]

    /// Whether a model runs (after the offline planner, with `auto`).
    public var usesModel: Bool { provider != nil && model != nil && problem == nil }
    /// Whether the offline planner answers first.
    public var offlineFirst: Bool { agent == .auto || agent == .offline }

    /// Resolves the agent and model from the flags (nil when not given), the environment and git
    /// configuration (`gitConfig` reads a key: the repository's value, else the global one). An
    /// unknown agent name is an error naming where it came from.
    public static func resolve(agent agentFlag: String?, model modelFlag: String?, profile: String? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               gitConfig: (String) -> String?) throws(LanguageModelError) -> AgentConfiguration {
        func setting(_ flag: String?, _ flagName: String, _ variable: String, _ key: String) -> (String, String)? {
            if let flag = ProviderSetup.nonEmpty(flag) { return (flag, flagName) }
            if let value = ProviderSetup.nonEmpty(environment[variable]) { return (value, variable) }
            if let value = ProviderSetup.nonEmpty(gitConfig(key)) { return (value, "git config \(key)") }
            return nil
        }
        let agent: AgentChoice
        let agentSource: String
        if let (value, source) = setting(agentFlag, "--agent", "DABREPO_AGENT", "dabrepo.agent") {
            guard let choice = AgentChoice(rawValue: value.lowercased()) else {
                throw .notConfigured("unknown agent \(value) (from \(source)); choose one of \(AgentChoice.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            (agent, agentSource) = (choice, source)
        } else {
            (agent, agentSource) = (.auto, "default")
        }
        let model = setting(modelFlag, "--model", "DABREPO_MODEL", "dabrepo.model")
        let providers = [ProviderSetup.anthropic(environment: environment),
                         ProviderSetup.databricks(profile: profile, environment: environment),
                         ProviderSetup.openAI(environment: environment)]
        var configuration = AgentConfiguration(agent: agent, agentSource: agentSource, model: model?.0, modelSource: model?.1,
                                               provider: nil, reason: "", problem: nil, providers: providers)
        let order = "ANTHROPIC_API_KEY, then Databricks authentication, then OPENAI_API_KEY or OPENAI_BASE_URL"
        let howToNameAModel = "name one in DABREPO_MODEL or with `git config dabrepo.model NAME`, or choose one where you start the agent (`dabrepo agent models` lists them)"
        switch agent {
        case .offline:
            configuration.reason = "the offline planner only: deterministic, no network"
        case .anthropic, .databricks, .openai:
            let setup = providers.first { $0.provider.rawValue == agent.rawValue }!
            configuration.provider = setup
            if let unavailable = setup.unavailable {
                configuration.problem = "\(setup.provider.displayName) is not configured: \(unavailable). \(Self.setUp(setup.provider))"
            } else if model == nil {
                configuration.problem = "no model is configured for \(agent.rawValue): \(howToNameAModel)"
            }
            configuration.reason = "\(agent.rawValue) was chosen (\(agentSource)); the offline planner does not run"
        case .auto:
            let configured = providers.first(where: \.isConfigured)
            if model == nil {
                configuration.reason = configured.map { "no model is configured, so only the offline planner runs; \($0.provider.displayName) is available: \(howToNameAModel)" }
                    ?? "no model is configured, so only the offline planner runs; to add a model, set ANTHROPIC_API_KEY, sign in to Databricks or set OPENAI_API_KEY, and \(howToNameAModel)"
            } else if let configured {
                configuration.provider = configured
                configuration.reason = "auto: the offline planner first, then \(model!.0) on \(configured.provider.displayName), the first configured of \(order)"
            } else {
                configuration.reason = "a model is named (\(model!.0), from \(model!.1)) but no provider is configured, so only the offline planner runs; set ANTHROPIC_API_KEY, sign in to Databricks or set OPENAI_API_KEY"
            }
        }
        return configuration
    }

    /// Two lines of set-up for a provider, for errors.
    static func setUp(_ provider: ModelProvider) -> String {
        switch provider {
        case .anthropic: return "Set ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL for a proxy)."
        case .databricks: return "Sign in with DATABRICKS_HOST and DATABRICKS_TOKEN, or with a profile in ~/.databrickscfg (DATABRICKS_CONFIG_PROFILE chooses one)."
        case .openai: return "Set OPENAI_API_KEY, and OPENAI_BASE_URL for a server other than OpenAI's."
        }
    }

    /// The model that runs after (or, for `anthropic`, `databricks` and `openai`, instead of) the
    /// offline planner; nil when only the offline planner runs; an error when the agent asked for
    /// cannot run.
    public func makeModel(settings: ModelHTTPSettings = ModelHTTPSettings(), streaming: Bool = true) throws(LanguageModelError) -> (any LanguageModel)? {
        if let problem { throw .notConfigured(problem) }
        guard let provider, let model else { return nil }
        return try provider.makeModel(model, settings: settings, streaming: streaming)
    }

    /// The provider whose models `dabrepo agent models` lists: the one that runs, else the one an agent
    /// names, else the first configured (so that a model can be chosen before one is configured).
    public var catalogProvider: ProviderSetup? {
        provider ?? providers.first(where: \.isConfigured)
    }

    /// `dabrepo agent status --output json`. Credentials are only ever "********".
    public var summary: [String: Any] {
        var object: [String: Any] = ["agent": agent.rawValue, "agent_source": agentSource, "model": model ?? NSNull(),
                                     "model_source": modelSource ?? NSNull(), "offline_first": offlineFirst, "uses_model": usesModel,
                                     "reason": reason, "problem": problem ?? NSNull()]
        if let provider, let model {
            object["provider"] = provider.provider.rawValue
            object["wire_format"] = provider.wireFormat(for: model).rawValue
            object["url"] = provider.isConfigured ? provider.chatURL(for: model) : NSNull()
            object["credential"] = ["source": provider.credentialSource, "value": provider.credentialSource == "none" ? NSNull() : "********"] as [String: Any]
        } else {
            object["provider"] = provider?.provider.rawValue ?? NSNull()
        }
        object["providers"] = providers.map { setup -> [String: Any] in
            ["name": setup.provider.rawValue, "configured": setup.isConfigured,
             "detail": setup.unavailable ?? "\(setup.baseURL), \(setup.credentialSource)"]
        }
        return object
    }

    /// What `dabrepo agent status` prints.
    public var description: String {
        var lines = ["Agent: \(agent.rawValue) (\(agentSource))",
                     "Model: \(model.map { "\($0) (\(modelSource ?? ""))" } ?? "none")"]
        if usesModel, let provider, let model {
            lines.append("Runs: \(offlineFirst ? "the offline planner first, then " : "")\(model) on \(provider.provider.displayName) (\(provider.wireFormat(for: model).rawValue), \(provider.chatURL(for: model)))")
            lines.append("Authentication: \(provider.credentialSource)\(provider.credentialSource == "none" ? "" : " = ********")")
        } else {
            lines.append("Runs: \(problem == nil ? "the offline planner only" : "nothing: \(agent.rawValue) cannot run")")
        }
        lines.append("Why: \(reason)")
        if let problem { lines.append("Problem: \(problem)") }
        lines.append("Providers (auto's order):")
        for setup in providers {
            let state = setup.unavailable.map { "not configured (\($0))" } ?? "configured: \(setup.baseURL), \(setup.credentialSource)"
            lines.append("  \(setup.provider.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0))\(state)")
        }
        return lines.joined(separator: "\n")
    }
}
