import ArgumentParser

/// A command read by `DirectParse.plainCommand`: what `main` runs, and whether a failure is printed as JSON.
protocol PlainCommand {
    func run() throws
    var printsJSON: Bool { get }
}

extension ValidateCommand.Settings: PlainCommand {}
extension HookCommand.Settings: PlainCommand { var printsJSON: Bool { false } }

/// The start-up fast path for `dabrepo SUBCOMMAND …`, which every hook, tool call and script pays.
/// `Dabrepo.parseAsRoot` builds the whole command tree (every subcommand's configuration) and, before
/// parsing, parses the arguments twice more looking for `--generate-completion-script`: ~2 ms of
/// reflection and first-use type lookups in a ~10 ms `validate`. Here only the named subcommand's tree
/// is built, under a root that (as a "super-command") skips the completion-script check.
///
/// Only a plain successful parse is used: an error, a help request, `--version` after a subcommand,
/// a completion-script request or anything else unusual returns nil and the full parse runs, so every
/// message, help text and exit status is exactly the full parser's.
enum DirectParse {
    /// The parsed command, or nil when the full parse must run.
    static func command(_ arguments: ArraySlice<String>) -> (any ParsableCommand)? {
        guard let name = arguments.first, !name.hasPrefix("-"),
              let type = Dabrepo.configuration.subcommands.first(where: { $0._commandName == name })
        else { return nil }
        return parse(type, Array(arguments))
    }

    /// `validate` and `hook` in their plain forms, read without swift-argument-parser (`PlainArguments`);
    /// nil for every other command line.
    static func plainCommand(_ arguments: ArraySlice<String>) -> (any PlainCommand)? {
        switch arguments.first {
        case "validate": return ValidateCommand.Settings(plain: arguments.dropFirst())
        case "hook": return HookCommand.Settings(plain: arguments.dropFirst())
        default: return nil
        }
    }

    /// `dabrepo --version` alone: the line the full parser prints, without building the command tree.
    static func isVersionRequest(_ arguments: ArraySlice<String>) -> Bool {
        arguments.count == 1 && arguments.first == "--version"
    }

    private static func parse<Command: ParsableCommand>(_ type: Command.Type, _ arguments: [String]) -> (any ParsableCommand)? {
        // A help request parses successfully, as the parser's own help command: only a command of the
        // subcommand's tree counts.
        guard let parsed = try? Root<Command>.parseAsRoot(arguments),
              isInTree(Swift.type(of: parsed), of: Command.self) else { return nil }
        return parsed
    }

    private static func isInTree(_ parsed: any ParsableCommand.Type, of command: any ParsableCommand.Type) -> Bool {
        ObjectIdentifier(parsed) == ObjectIdentifier(command)
            || command.configuration.subcommands.contains { isInTree(parsed, of: $0) }
    }

    /// The root holding just one subcommand. Its usage texts never reach anyone: any error returns nil.
    struct Root<Command: ParsableCommand>: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "dabrepo", _superCommandName: "dabrepo", subcommands: [Command.self])
        }
    }
}
