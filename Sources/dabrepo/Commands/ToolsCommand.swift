import ArgumentParser
import BundleReports
import DabrepoTools
import Foundation

/// `dabrepo tools`: the tool registry that MCP serves, from the command line.
struct ToolsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools",
        abstract: "List the tools that `dabrepo mcp` serves, or call one with JSON arguments.",
        subcommands: [ToolsListCommand.self, ToolsCallCommand.self]
    )
}

struct ToolsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "The tools: name and what each does; with --output json, their input schemas too.",
        discussion: """
        Examples:
          dabrepo tools list
          dabrepo tools list --output json | jq '.[] | .name'
        """
    )

    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text

    func run() throws {
        if output == .json {
            JSONOutput.print(ToolRegistry.all.map { ["name": $0.name, "title": $0.title, "description": $0.description, "inputSchema": $0.inputSchema] })
            return
        }
        let rows = ToolRegistry.all.map { tool -> [String] in
            let arguments = tool.allParameters.map { $0.required ? $0.name : "[\($0.name)]" }.joined(separator: " ")
            return [tool.name, arguments, tool.title]
        }
        StandardStreams.out(TextTable.render(["TOOL", "ARGUMENTS", "WHAT IT DOES"], rows))
    }
}

struct ToolsCallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call a tool as an MCP client would, with its arguments as JSON; prints its result.",
        discussion: """
        The exit status is 0 for a result and 1 when the tool reports an error (isError).

        Examples:
          dabrepo tools call validate_bundle
          dabrepo tools call get_job '{"job_id": 871263}'
          dabrepo tools call refine_bundle '{"request": "add retries to the etl job"}'
          dabrepo tools call describe_fields '{"path": "resources.jobs.x.tasks"}'
          echo '{"subject": "…", "edits": […]}' | dabrepo tools call edit_bundle -
        """
    )

    @Argument(help: "The tool's name (dabrepo tools list).") var name: String
    @Argument(help: ArgumentHelp("Its arguments as a JSON object, or - to read them from standard input (default: none).", valueName: "json"))
    var arguments: String = ""
    @Option(help: ArgumentHelp("The bundle repository (default: the current directory).", valueName: "dir")) var repo: String?
    @Flag(help: ArgumentHelp("Run a tool that has an in-process implementation in this process even when DABREPO_TOOL_ISOLATION=process (how isolated tools run).",
                             visibility: .hidden))
    var inProcess = false

    func run() throws {
        let parsed: [String: Any]
        let text = arguments == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : arguments
        do { parsed = try JSONValue.arguments(text) } catch {
            StandardStreams.error("Error: \(error.message)")
            throw ExitCode(2)
        }
        let directory = URL(fileURLWithPath: repo ?? FileManager.default.currentDirectoryPath,
                            relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        let runner = ToolRunner(executable: ToolRunner.currentExecutable, directory: directory, isolation: inProcess ? .inProcess : nil,
                                planningAgent: try AgentOptions.configured(directory: directory))
        let done = DispatchSemaphore(value: 0)
        final class Box: @unchecked Sendable { var outcome: ToolOutcome? }
        let box = Box()
        nonisolated(unsafe) let values = parsed
        let name = self.name
        Task {
            box.outcome = await runner.call(name, arguments: values)
            done.signal()
        }
        done.wait()
        guard let outcome = box.outcome else { throw ExitCode(1) }
        if outcome.isError {
            // The failure's document on standard output, as MCP's structured content (scripts read JSON there).
            if let json = outcome.structuredJSON { StandardStreams.out(String(decoding: json, as: UTF8.self).trimmingCharacters(in: .newlines) + "\n") }
            StandardStreams.error("Error: \(outcome.text)")
            throw ExitCode(1)
        }
        StandardStreams.out(outcome.text.hasSuffix("\n") ? outcome.text : outcome.text + "\n")
    }
}
