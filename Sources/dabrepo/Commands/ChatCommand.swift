import ArgumentParser
import BundleAgent
import BundleDiff
import BundleEngine
import BundleRepository
import Foundation

struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Change the bundle in a conversation: each request a validated revision.",
        discussion: """
        Type requests as for `dabrepo refine`; each one that changes something becomes a revision, and \
        follow-ups ("even smaller", "same for prod") refer to the earlier turns. Read from a pipe or a \
        file, chat stops at its first request that failed (the lines after it are not run) and exits \
        as refine would, or on a question left unanswered (0 when none did). Commands:
          /diff   what the last revision changed      /undo   revert the last revision
          /log    the latest revisions                /help   what can be asked
          /quit   leave (Ctrl-D too)

        Example:
          dabrepo chat
          printf 'make the dev cluster smaller\\nsame for prod\\n' | dabrepo chat
        """
    )

    @Flag(help: "Continue the latest conversation instead of starting a new one.")
    var resume = false

    @Option(help: .author)
    var author: String?

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always, never.")
    var color: ColorChoice = .auto

    @OptionGroup(title: "Agent")
    var agentOptions: AgentOptions

    func run() throws {
        let root = try BundleOptions.currentRoot()
        let store = RefineSession.Store(bundleRoot: root)
        var session = (resume ? store.latest() : nil) ?? RefineSession()
        let interactive = isatty(STDIN_FILENO) == 1
        let (agent, hasModel) = try agentOptions.planningAgent()
        let renderer = TurnRenderer(json: false, colored: color.enabled(), confirm: false, notUnderstoodHint: hasModel ? nil : AgentOptions.modelHint,
                                    command: nil)
        // Read from a pipe or a file, the conversation exits as `refine` would on its first turn that fails.
        // A question is answered by the next line: it fails only when nothing answers it.
        var failure: Int32 = 0, unanswered = false
        let turn = ConversationTurn(agent: agent)
        if interactive {
            StandardStreams.out("dabrepo chat — ask for a change in plain words; /help lists what works, /quit leaves.\n")
        }
        conversation: while true {
            if interactive { StandardStreams.out("\ndabrepo> ") }
            guard let line = readLine() else { break }
            let request = line.trimmingCharacters(in: .whitespaces)
            if request.isEmpty { continue }
            if !interactive { StandardStreams.out("> \(request)\n") }
            switch request.lowercased() {
            case "/quit", "/exit", "/q":
                break conversation
            case "/help":
                StandardStreams.out("Commands: /diff (the last revision's change), /undo, /log (the last revisions), /help, /quit.\n"
                    + "Requests like these work:\n" + OfflinePlanner.capabilities.map { "  \($0.example)    (\($0.summary))" }.joined(separator: "\n") + "\n")
            case "/log":
                let entries = (try? RevisionLog(directory: root).entries(limit: 10)) ?? []
                StandardStreams.out(entries.map { "\($0.shortCommit)  \($0.subject)" }.joined(separator: "\n") + "\n")
            case "/diff":
                if let change = try? RevisionLog(directory: root).compare(.change("HEAD")) {
                    StandardStreams.out(DiffTextFormatter(colored: color.enabled()).render(change))
                }
            case "/undo":
                _ = renderer.run(turn, ConversationTurn.Request(root: root, text: "undo that", author: author), session: &session, store: store)
            case let command where command.hasPrefix("/") && !command.contains(" "):
                StandardStreams.out("Unknown command \(request): the commands are /diff, /undo, /log, /help and /quit.\n")
            default:
                let status = renderer.run(turn, ConversationTurn.Request(root: root, text: request, author: author), session: &session, store: store)
                // Ctrl-C ends the conversation, not only the turn.
                if status == TurnInterruption.exitStatus { throw ExitCode(status) }
                unanswered = status == TurnResult(.question).exitStatus
                if failure == 0 && status != 0 && !unanswered { failure = status }
                // From a pipe, the lines after a failed request were written for its success ("undo that"
                // would revert another revision): none of them runs.
                if !interactive && failure != 0 {
                    StandardStreams.error("dabrepo chat: stopped at the request that failed; the lines after it were not run.")
                    break conversation
                }
            }
        }
        if !interactive && (failure != 0 || unanswered) { throw ExitCode(failure != 0 ? failure : TurnResult(.question).exitStatus) }
    }
}
