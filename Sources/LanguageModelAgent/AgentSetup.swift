import BundleAgent
import BundleEngine
import BundleRepository
import Foundation
import LanguageModels

/// The agent a front end runs, as the user configured it: the front end's own choices (flags, a form),
/// `DABREPO_AGENT` / `DABREPO_MODEL`, git configuration of the repository, then the global one. It is
/// what `dabrepo agent status` shows, which models `agent models` lists, and the planning agent that
/// `refine`, `chat`, `serve` and the MCP tools run — one reading of the configuration for all of them.
public struct AgentSetup {
    public let configuration: AgentConfiguration
    /// The Databricks profile the model and the workspace tools use (nil: as the Databricks CLI chooses).
    public let profile: String?
    let environment: [String: String]
    let gitConfig: (String) -> String?

    /// Resolves the configuration for the repository at or above `directory`. An unknown agent, or a
    /// price that is not a number, is a usage error naming where it came from.
    public init(agent: String? = nil, model: String? = nil, profile: String? = nil,
                directory: String = FileManager.default.currentDirectoryPath,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws(EngineError) {
        let gitConfig = Self.gitConfig(directory: directory)
        do {
            configuration = try AgentConfiguration.resolve(agent: agent, model: model, profile: profile, environment: environment, gitConfig: gitConfig)
        } catch {
            throw EngineError(.usage, error.description)
        }
        self.profile = profile
        self.environment = environment
        self.gitConfig = gitConfig
    }

    /// Reads git configuration: the repository's at or above `directory`, then the global one.
    public static func gitConfig(directory: String) -> (String) -> String? {
        if GitRepository.exists(containing: directory), let repository = try? GitRepository.open(containing: directory) {
            return { repository.configValue($0) }
        }
        return { GitRepository.defaultConfigValue($0) }
    }

    /// The price of `model`'s tokens, which turns token counts into a cost; nil when none is configured.
    public func price(of model: String) throws(EngineError) -> TokenPrice? {
        do {
            return try TokenPrice.configured(model: model, environment: environment, gitConfig: gitConfig)
        } catch {
            throw EngineError(.usage, error.description)
        }
    }

    /// The agent that plans requests: the offline planner, a model, or auto (the offline planner first,
    /// then the model). `hasModel` says whether a model may answer. With Databricks authentication
    /// configured, the model also reads the workspace and generates from it (`executable` runs the
    /// generate tools). An agent that cannot run is a usage error saying why.
    public func planningAgent(executable: URL) throws(EngineError) -> (agent: any PlanningAgent, hasModel: Bool) {
        let model: (any LanguageModel)?
        do {
            model = try configuration.makeModel(settings: .from(environment: environment))
        } catch {
            throw EngineError(.usage, error.description)
        }
        guard let model else { return (OfflinePlanner(), false) }
        let price = try price(of: model.model)
        let signedIn = configuration.providers.contains { $0.provider == .databricks && $0.isConfigured }
        let workspace = signedIn ? ModelWorkspaceAccess(profile: profile, executable: executable) : nil
        var modelAgent = ModelAgent(model: model, price: price, workspace: workspace)
        modelAgent.ignorePatterns = gitConfig(DabrepoIgnore.settingKey)
        return (configuration.agent == .auto ? AutoAgent(model: modelAgent) : modelAgent, true)
    }

    /// What runs and why, with the price (credentials masked): `agent status`'s JSON object and text.
    public func status() throws(EngineError) -> (object: [String: Any], text: String) {
        let price = try configuration.model.map { model throws(EngineError) in try self.price(of: model) } ?? nil
        var object = configuration.summary
        object["price"] = price.map { ["input_per_million": $0.input, "output_per_million": $0.output, "source": $0.source] as [String: Any] } ?? NSNull()
        let unpriced = configuration.model.map {
            "not configured (DABREPO_PRICE_INPUT and DABREPO_PRICE_OUTPUT, or git config dabrepo.price.\($0).input and .output, in US dollars per million tokens)"
        }
        let text = configuration.description + "\n" + (price.map { "Price: \($0.description)\n" } ?? unpriced.map { "Price: \($0)\n" } ?? "")
        return (object, text)
    }

    /// The models of the provider that runs, else the first configured one. No provider configured,
    /// or the chosen one not configured, is a usage error; a provider that refuses or cannot be
    /// reached is an error of its own kind.
    public func models() async throws(EngineError) -> ModelCatalog {
        guard let setup = configuration.catalogProvider else {
            throw EngineError(.usage, "no model provider is configured: set ANTHROPIC_API_KEY, sign in to Databricks (DATABRICKS_HOST and DATABRICKS_TOKEN, or a profile), or set OPENAI_API_KEY / OPENAI_BASE_URL")
        }
        if let unavailable = setup.unavailable {
            throw EngineError(.usage, "\(setup.provider.displayName) is not configured: \(unavailable)")
        }
        do {
            return ModelCatalog(provider: setup.provider, models: try await setup.listModels(settings: .from(environment: environment)))
        } catch let error as LanguageModelError {
            switch error {
            case .notConfigured: throw EngineError(.usage, error.description)
            case .unauthenticated, .permissionDenied: throw EngineError(.unauthenticated, error.description)
            case .modelNotFound: throw EngineError(.notFound, error.description)
            default: throw EngineError(.transport, error.description)
            }
        } catch {
            throw EngineError(.transport, "\(error)")
        }
    }
}

/// The models a provider offers (`dabrepo agent models`).
public struct ModelCatalog: Sendable {
    public var provider: ModelProvider
    public var models: [ModelListing]

    /// `{"provider", "models": [{"id", "detail"}]}` (a missing detail is null).
    public var object: [String: Any] {
        ["provider": provider.rawValue, "models": models.map { ["id": $0.id, "detail": $0.detail ?? NSNull()] as [String: Any] }]
    }

    /// What the second column of a table of the models shows: a serving endpoint's served model, else a detail.
    public var detailHeading: String { provider == .databricks ? "SERVES" : "DETAIL" }

    /// "2 models on Anthropic".
    public var countLine: String { "\(models.count) model\(models.count == 1 ? "" : "s") on \(provider.displayName)" }
}
