import ArgumentParser
import BundleAgent
import BundleReports
import BundleEngine
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
        let status: (object: [String: Any], text: String)
        do {
            status = try AgentSetup(agent: options.agent, model: options.model, profile: options.profile).status()
        } catch {
            throw error.report(output)
        }
        if output == .json {
            JSONOutput.print(status.object)
        } else {
            StandardStreams.out(status.text)
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
        let setup = try options.setup()
        final class Box: @unchecked Sendable { var result: Result<ModelCatalog, EngineError>? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Task {
            do throws(EngineError) { box.result = .success(try await setup.models()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        let catalog: ModelCatalog
        switch box.result {
        case .success(let listed)?: catalog = listed
        case .failure(let error)?: throw error.report(output, status: error.kind == .usage ? 2 : 1)
        case nil: throw ExitCode(1)
        }
        if output == .json {
            JSONOutput.print(catalog.object)
        } else {
            StandardStreams.out(TextTable.render(["MODEL", catalog.detailHeading], catalog.models.map { [$0.id, $0.detail ?? ""] }) + catalog.countLine + "\n")
        }
    }
}
