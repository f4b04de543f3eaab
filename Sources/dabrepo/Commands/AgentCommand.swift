import ArgumentParser
import BundleAgent
import BundleReports
import BundleRepository
import Foundation
import LanguageModelAgent
import LanguageModels

struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent", abstract: "Which agent and model refine and chat use, and the models a provider offers.",
        discussion: """
        The agent is offline (the keyword planner), auto (the offline planner first, then a model), or a \
        provider: anthropic, databricks, openai. It comes from --agent, DABREPO_AGENT or \
        `git config dabrepo.agent`, else auto; the model from --model, DABREPO_MODEL or \
        `git config dabrepo.model`. With no model configured, auto is offline.

        Examples:
          dabrepo agent status
          DABREPO_AGENT=databricks dabrepo agent models
          git config dabrepo.model databricks-claude-sonnet-4-5
        """,
        subcommands: [AgentStatusCommand.self, AgentModelsCommand.self])
}

/// The agent settings shared by `agent status`, `agent models` (and `refine`, `chat`).
struct AgentOptions: ParsableArguments {
    @Option(help: ArgumentHelp("offline, auto, anthropic, databricks or openai (default: DABREPO_AGENT, git config dabrepo.agent, else auto).", valueName: "agent"))
    var agent: String?

    @Option(help: ArgumentHelp("The model, or for databricks the serving endpoint (default: DABREPO_MODEL, git config dabrepo.model).", valueName: "name"))
    var model: String?

    @Option(help: "The ~/.databrickscfg profile for Databricks model serving.")
    var profile: String?

    /// The configuration, or exit status 2 with the reason.
    func resolve() throws -> AgentConfiguration {
        do {
            return try AgentConfiguration.resolve(agent: agent, model: model, profile: profile, gitConfig: Self.gitConfig())
        } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
    }

    /// Reads git configuration: the repository's of the current directory, then the global one.
    static func gitConfig(directory: String = FileManager.default.currentDirectoryPath) -> (String) -> String? {
        if GitRepository.exists(containing: directory), let repository = try? GitRepository.open(containing: directory) {
            return { repository.configValue($0) }
        }
        return { GitRepository.defaultConfigValue($0) }
    }
}

struct AgentStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Which agent and model would run, on which provider, and why (credentials masked).",
        discussion: """
        auto uses the first configured provider: ANTHROPIC_API_KEY, then Databricks authentication \
        (profiles, DATABRICKS_* variables), then OPENAI_API_KEY or OPENAI_BASE_URL.

        Example:
          dabrepo agent status --output json
        """)

    @OptionGroup var options: AgentOptions
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text

    func run() throws {
        let configuration = try options.resolve()
        // The price of the model's tokens, which turns token counts into a cost.
        var price: TokenPrice?
        if let model = configuration.model {
            do { price = try TokenPrice.configured(model: model, gitConfig: AgentOptions.gitConfig()) } catch {
                StandardStreams.error("Error: \(error.description)")
                throw ExitCode(2)
            }
        }
        if output == .json {
            var summary = configuration.summary
            summary["price"] = price.map { ["input_per_million": $0.input, "output_per_million": $0.output, "source": $0.source] as [String: Any] } ?? NSNull()
            JSONOutput.print(summary)
        } else {
            let unpriced = configuration.model.map { "not configured (DABREPO_PRICE_INPUT and DABREPO_PRICE_OUTPUT, or git config dabrepo.price.\($0).input and .output, in US dollars per million tokens)" }
            StandardStreams.out(configuration.description + "\n" + (price.map { "Price: \($0.description)\n" } ?? unpriced.map { "Price: \($0)\n" } ?? ""))
        }
    }
}

struct AgentModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the models the configured provider offers (for Databricks: the ready chat serving endpoints).",
        discussion: """
        The provider is the one `dabrepo agent status` names, else the first configured one. \
        Anthropic and OpenAI-compatible servers list their models; a Databricks workspace lists its \
        serving endpoints with task llm/v1/chat that are ready.

        Examples:
          dabrepo agent models
          dabrepo agent models --agent databricks --profile prod --output json
        """)

    @OptionGroup var options: AgentOptions
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text

    func run() throws {
        let configuration = try options.resolve()
        guard let setup = configuration.catalogProvider else {
            StandardStreams.error("Error: no model provider is configured: set ANTHROPIC_API_KEY, sign in to Databricks (DATABRICKS_HOST and DATABRICKS_TOKEN, or a profile), or set OPENAI_API_KEY / OPENAI_BASE_URL")
            throw ExitCode(2)
        }
        if let unavailable = setup.unavailable {
            StandardStreams.error("Error: \(setup.provider.displayName) is not configured: \(unavailable)")
            throw ExitCode(2)
        }
        let settings = ModelHTTPSettings.from(environment: ProcessInfo.processInfo.environment)
        final class Box: @unchecked Sendable { var result: Result<[ModelListing], Error>? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await setup.listModels(settings: settings)) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        let models: [ModelListing]
        switch box.result {
        case .success(let listed)?: models = listed
        case .failure(let error)?:
            StandardStreams.error("Error: \(error)")
            throw ExitCode(1)
        case nil: throw ExitCode(1)
        }
        if output == .json {
            JSONOutput.print(["provider": setup.provider.rawValue, "models": models.map { ["id": $0.id, "detail": $0.detail ?? NSNull()] as [String: Any] }])
            return
        }
        let rows = models.map { [$0.id, $0.detail ?? ""] }
        StandardStreams.out(TextTable.render(["MODEL", setup.provider == .databricks ? "SERVES" : "DETAIL"], rows)
                            + "\(models.count) model\(models.count == 1 ? "" : "s") on \(setup.provider.displayName)\n")
    }
}
