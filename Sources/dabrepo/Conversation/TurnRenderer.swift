import BundleAgent
import BundleDiff
import BundleEngine
import BundleValidation
import Foundation

/// `refine` and `chat`'s front end for a conversation turn: runs it in the engine and renders its
/// events and result as text (or the result as JSON); asks the confirmation question on a terminal.
struct TurnRenderer {
    var json = false
    var colored = false
    /// Ask "Commit this revision?" before committing.
    var confirm = false
    /// Said after "not understood" (how to let a model take such requests), when no model may.
    var notUnderstoodHint: String?

    /// Runs one request to its end; returns the exit status (0 done, 1 cannot be done, 2 unusable,
    /// 3 question, 4 not understood, 130 interrupted by Ctrl-C with nothing changed).
    func run(_ turn: ConversationTurn, _ request: ConversationTurn.Request, session: inout RefineSession, store: RefineSession.Store) -> Int32 {
        let json = self.json, colored = self.colored
        let box = TurnBox(session)
        let done = DispatchSemaphore(value: 0)
        let interruption = TurnInterruption()
        let confirmation: (@Sendable (TurnPreview) -> Bool)? = confirm ? { @Sendable preview in interruption.confirming { Self.askToCommit(preview) } } : nil
        defer { interruption.remove() }
        let task = Task {
            var session = box.session
            box.result = await turn.run(request, session: &session, store: store, events: { event in
                if !json { Self.render(event, colored: colored) }
            }, confirm: confirmation)
            box.session = session
            done.signal()
        }
        interruption.onInterrupt { task.cancel() }
        done.wait()
        session = box.session
        let result = box.result ?? TurnResult(.error)
        // Ctrl-C: the turn was cancelled before it committed (a revision that landed first stands).
        if interruption.wasInterrupted, result.status != .committed {
            if json { StandardStreams.out(result.json + "\n") }
            StandardStreams.error("Interrupted: nothing was changed.")
            return TurnInterruption.exitStatus
        }
        if json {
            StandardStreams.out(result.json + "\n")
        } else {
            render(result, request: request.text)
        }
        return result.exitStatus
    }

    /// "Commit this revision? [Y/n]" on the terminal; Enter means yes.
    @Sendable static func askToCommit(_ preview: TurnPreview) -> Bool {
        StandardStreams.out("\nCommit this revision? [Y/n] ")
        let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        return answer.isEmpty || answer == "y" || answer == "yes"
    }

    static func render(_ event: TurnEvent, colored: Bool) {
        switch event {
        case .preview(let preview):
            StandardStreams.out("dabrepo: \(preview.summary)\n\n" + DiffTextFormatter(colored: colored).render(preview.comparison))
        case .findings(let errors):
            StandardStreams.out("\n" + TextReportFormatter().render(ValidationReport(bundle: nil, targets: [], diagnostics: errors)))
        case .agent(.text(let text)):
            StandardStreams.out(text)
        case .agent(.toolCall(_, let name, let arguments)):
            StandardStreams.out("\n  → \(name) \(arguments.count > 160 ? String(arguments.prefix(160)) + "…" : arguments)\n")
        case .agent(.toolResult(_, let name, _, let isError)):
            if isError { StandardStreams.out("  ✗ \(name) was refused\n") }
        case .agent(.usage):
            break
        }
    }

    func render(_ result: TurnResult, request: String) {
        switch result.status {
        case .question:
            let choices = result.choices ?? []
            // Choices are options that answer it (`--resource jobs.x`) or requests that say it fully.
            let example = result.options?.first.map { $0.kind == .request ? "dabrepo refine \"\($0.value)\"" : "dabrepo refine \"\(request)\" \($0.commandLine)" }
                ?? "dabrepo refine \"\(request)\""
            StandardStreams.out("\(result.question ?? "")\n" + choices.map { "  \($0)" }.joined(separator: "\n") + "\nAsk again with one of them, for example:\n  \(example)\n")
        case .notUnderstood:
            StandardStreams.out("\(result.message ?? "") Requests like these work:\n" + (result.examples ?? []).map { "  dabrepo refine \"\($0)\"" }.joined(separator: "\n") + "\n")
            if let notUnderstoodHint { StandardStreams.out(notUnderstoodHint + "\n") }
        case .refused:
            let message = result.message ?? ""
            if FollowUp.isUndo(RequestText(request)) {
                let advice = message.contains("changed nothing") ? ". To revert the latest revision whatever made it, run `dabrepo undo`." : "."
                let said = message == "nothing of this conversation to undo" ? "the last change of this conversation is not the latest commit" : message
                StandardStreams.out("Nothing to undo: \(said)\(advice)\n")
            } else {
                StandardStreams.out("Nothing changed: \(message)\n")
            }
        case .dryRun:
            StandardStreams.out("\nDry run: nothing was committed.\n")
        case .declined:
            StandardStreams.out("Nothing was committed.\n")
        case .committed:
            StandardStreams.out("\n\(result.message ?? "")\n")
        case .unchanged, .undone:
            StandardStreams.out("\(result.message ?? "")\n")
        case .invalid:
            StandardStreams.error("Error: \((result.message ?? "").split(separator: "\n").first.map(String.init) ?? "")")
        case .error:
            StandardStreams.error("Error: \(result.message ?? "")")
        }
        if let usage = result.usage {
            StandardStreams.out("(\(usage.description))\n")
        }
    }
}

/// The session and result carried across the wait for the engine's task.
private final class TurnBox: @unchecked Sendable {
    var session: RefineSession
    var result: TurnResult?
    init(_ session: RefineSession) { self.session = session }
}
