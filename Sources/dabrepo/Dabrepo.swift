import ArgumentParser
import BundleModel
import BundleRepository
import BundleValidation
import Foundation

/// The `dabrepo` command: subcommands only; each is a thin layer over the libraries.
struct Dabrepo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dabrepo",
        abstract: "Keep Databricks Asset Bundles in git: validated, reviewed, explained changes.",
        discussion: """
        dabrepo creates bundle repositories, checks bundles (databricks.yml, resources/*.yml) offline \
        without a workspace login, and commits every change as a validated revision that explains itself.

        Examples:
          dabrepo init nightly_etl && cd nightly_etl
          dabrepo validate --all-targets
          dabrepo log
        """,
        version: DabrepoVersion.line(commit: BuildCommit.id),
        subcommands: [InitCommand.self, RefineCommand.self, ChatCommand.self, GenerateCommand.self, ValidateCommand.self, RulesCommand.self, DiffCommand.self, LogCommand.self, ShowCommand.self, UndoCommand.self,
                      ApplyCommand.self, EditCommand.self, HooksCommand.self, HookCommand.self, DiffDriverCommand.self,
                      AuthCommand.self, WorkspaceCommand.self, JobsCommand.self, NotebooksCommand.self,
                      SQLCommand.self, WarehousesCommand.self, ClustersCommand.self, DBFSCommand.self, BundleCLICommand.self, SyncCommand.self, UploadCommand.self, TestsCommand.self,
                      MCPCommand.self, ServeCommand.self, ToolsCommand.self, AgentCommand.self, ManualPageCommand.self]
    )
}

@main
enum DabrepoMain {
    /// Runs the command; usage errors exit with status 2 (as validation's contract says), not 64.
    /// With `--output json`, a failure that printed no JSON yet is printed as JSON too.
    static func main() {
        var parsed: (any ParsableCommand)?
        // Run by a tool runner as a child process: a revision's "waiting for…" is a progress step too.
        if ProgressReporting.structured { WaitingNotice.fallback = { ProgressReporting.emitStructured(done: nil, total: nil, message: $0) } }
        let arguments = LogCommand.gitCountForms(CommandLine.arguments.dropFirst())
        if DirectParse.isVersionRequest(arguments) {
            StandardStreams.out(Dabrepo.configuration.version + "\n")
            exit(0)
        }
        if let name = arguments.first, validatingCommands.contains(name) { BundleSchema.prepareInBackground() }
        // "dabrepo valdate": the command's name, with the closest one, as git and the Databricks CLI say it.
        if let name = arguments.first, !name.hasPrefix("-"), !commandNames.contains(name) {
            let message = "Error: unknown command \"\(name)\" for \"dabrepo\""
                + (Suggestion.closest(to: name, among: commandNames.filter { $0 != "help" }).map { "; did you mean \"\($0)\"?" } ?? "")
                + "\nRun 'dabrepo --help' for the list of commands."
            StandardStreams.errorFragment(message + "\n")
            if asksForJSON(CommandLine.arguments) { JSONFailure().reportFailure(exitStatus: 2, message: message) }
            exit(2)
        }
        if let name = arguments.first, ProcessInterruption.commands.contains(name) { ProcessInterruption.install() }
        var printsJSON: Bool?
        do {
            if let plain = DirectParse.plainCommand(arguments) {
                printsJSON = plain.printsJSON
                try plain.run()
            } else {
                var command = try DirectParse.command(arguments) ?? Dabrepo.parseAsRoot(Array(arguments))
                parsed = command
                try command.run()
            }
        } catch {
            // ArgumentParser's own exit(withError:) prints the message unredacted: print it here.
            // An exit status (findings, a blocked commit) has no message; asking the parser for one builds
            // the usage text of the root command by reflection (7.3M of the 20.4M instructions of a
            // one-job `validate` that finds an error).
            let code = error as? ExitCode ?? Dabrepo.exitCode(for: error)
            var message = error is ExitCode ? "" : Dabrepo.fullMessage(for: error)
            // `refine --bogus`: the parser names the missing request, but the unknown option is the mistake.
            if parsed == nil, message.contains("Missing expected argument"), arguments.contains(where: { $0.hasPrefix("-") }) {
                for placeholder in ["request", "1"] {
                    do { _ = try Dabrepo.parseAsRoot(Array(arguments) + [placeholder]) } catch {
                        let retried = Dabrepo.fullMessage(for: error)
                        if retried.contains("Unknown option") { message = retried; break }
                    }
                }
            }
            let status = ProcessInterruption.status(code == .validationFailure ? 2 : code.rawValue)
            if !message.isEmpty {
                if code == .success { StandardStreams.out(message + "\n") } else { StandardStreams.errorFragment(message + "\n") }
            }
            // `validate --bogus -o sarif`: a document of the format asked for, as for any failure to validate.
            if parsed == nil, printsJSON == nil, code != .success, arguments.first == "validate",
               let document = ValidateCommand.usageFailureDocument(Array(arguments), message: message) {
                StandardStreams.out(document)
                exit(status)
            }
            let json = printsJSON ?? parsed.map { ($0 as? JSONOutputCommand)?.printsJSON == true } ?? Self.asksForJSON(CommandLine.arguments)
            if json { JSONFailure().reportFailure(exitStatus: status, message: message) }
            exit(status)
        }
    }

    /// The names of the subcommands (`help` too).
    static let commandNames: Set<String> = Set(Dabrepo.configuration.subcommands.map { $0._commandName } + ["help"])

    /// The commands that validate a bundle (the schema model is then parsed while the arguments are).
    static let validatingCommands = ["validate", "hook", "apply", "edit", "refine", "chat", "generate", "undo", "tests", "sync", "init", "tools", "mcp", "serve"]

    /// `--output json`, `--output=json` or `-o json` among arguments that did not parse.
    static func asksForJSON(_ arguments: [String]) -> Bool {
        zip(arguments, arguments.dropFirst()).contains { ($0 == "--output" || $0 == "-o") && $1 == "json" } || arguments.contains("--output=json")
    }

    /// A failure before any command could be made.
    struct JSONFailure: JSONOutputCommand { var printsJSON: Bool { true } }
}
