import ArgumentParser
import BundleAgent
import BundleDiff
import BundleEngine
import BundleModel
import BundleRepository
import BundleValidation
import Foundation

struct RefineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refine",
        abstract: "Change the bundle by asking in plain words; the change is validated and committed as a revision.",
        discussion: RefineCommand.discussion
    )

    /// `text` in lines of at most 79 columns (the help is printed as written, and a longer line wraps
    /// to the margin), the first after `first`, the others after `rest`.
    static func wrapped(_ text: String, first: String, rest: String) -> String {
        var result = first, column = first.count, atStart = true
        for word in text.split(separator: " ") {
            if !atStart && column + 1 + word.count > 79 {
                result += "\n" + rest
                column = rest.count
                atStart = true
            }
            if !atStart { result += " "; column += 1 }
            result += word
            column += word.count
            atStart = false
        }
        return result
    }

    /// The help text, with what the planner understands listed from its intents.
    static var discussion: String {
        // Built on most runs of dabrepo (finding a subcommand reads the configurations before it): plain
        // appends, no Foundation searches.
        var understood = ""
        for (summary, example) in OfflinePlanner.capabilities {
            let quote = example.utf8.contains(UInt8(ascii: "\"")) ? "'" : "\""
            if !understood.isEmpty { understood += "\n" }
            understood += wrapped(summary, first: "  - ", rest: "    ") + "\n      " + quote + example + quote
        }
        return """
        The built-in offline planner turns the request into minimal edits of the YAML (comments and \
        layout kept), validates every target, shows the semantic diff and commits a revision whose \
        message carries the request (on a terminal it asks first; --yes does not ask). A request that names a target ("for dev", "in prod") changes only \
        that target, through its override block; otherwise the shared definition changes.

        With a language model configured (--agent, --model; `dabrepo agent status` says what is set), \
        auto, the default, gives what the planner does not understand to the model, which works through \
        the same validated structured edits and commits one revision the same way.

        Which resource: the one the words name, by key or name ("the marketing digest", "the billing \
        job"), by a task, job cluster or environment only it has ("retry the extract task"), or the only \
        one the change fits. Two or more left: a question; --resource TYPE.KEY or the next request ("the \
        billing one") answers it. "Every job", \
        "all pipelines", "when any job fails": each one the change fits, in one revision. Several \
        changes at once ("add retries and set a timeout of 1 hour"): one revision, or none if one of them \
        cannot be made or is not understood (it is named).
        Follow-ups continue the conversation: "even smaller", "same for prod", "and gold in prod", "only \
        in prod" (the change just made, for prod alone), "same for the billing job", "undo that", "undo \
        the last two" (--new-session starts afresh).

        It understands (each line an example request):
        \(understood)

        A request that changes nothing (the bundle already is as asked) commits nothing and says so.
        Exit status: 0 committed, nothing to change, shown with --dry-run, or declined at the question \
        before committing; 1 the change would break the bundle or cannot be made; 2 it cannot run here \
        (no bundle, uncommitted edits of a file it must change, the repository busy longer than \
        DABREPO_LOCK_TIMEOUT seconds); 3 a question (answer it with --resource or --target, or ask more \
        precisely); 4 not understood; 130 interrupted with Ctrl-C (nothing changed).

        Examples:
          dabrepo refine "make the dev cluster smaller"
          dabrepo refine "run every weekday at 6:30 Berlin time" --resource jobs.etl
          dabrepo refine "retry tasks 3 times in prod" --dry-run
        """
    }

    @Argument(help: "What to change, in plain words.")
    var request: String

    @Option(name: [.short, .long], help: "The target to change (instead of naming it in the request).")
    var target: String?

    @Option(help: ArgumentHelp("The resource to change, such as jobs.nightly_etl.", valueName: "type.key"))
    var resource: String?

    @Flag(help: "Show the planned change; commit nothing.")
    var dryRun = false

    @Flag(name: [.short, .long], help: "Commit without asking (the default when not on a terminal).")
    var yes = false

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var output: TextOrJSON = .text

    @Option(help: .author)
    var author: String?

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always, never.")
    var color: ColorChoice = .auto

    @Flag(help: "Start a new conversation instead of continuing the latest one.")
    var newSession = false

    @OptionGroup(title: "Agent")
    var agentOptions: AgentOptions

    func run() throws {
        let root = try BundleOptions.currentRoot()
        let store = RefineSession.Store(bundleRoot: root)
        var session = (newSession ? nil : store.latest()) ?? RefineSession()
        let (agent, hasModel) = try agentOptions.planningAgent()
        let renderer = TurnRenderer(json: output == .json, colored: color.enabled(),
                                    confirm: !yes && !dryRun && isatty(STDIN_FILENO) == 1 && output == .text,
                                    notUnderstoodHint: hasModel ? nil : AgentOptions.modelHint)
        let request = ConversationTurn.Request(root: root, text: self.request, target: target, resource: resource, dryRun: dryRun, author: author)
        let status = renderer.run(ConversationTurn(agent: agent), request, session: &session, store: store)
        if status != 0 { throw ExitCode(status) }
    }
}
