import BundleAgent
import BundleEngine
import BundleReports
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
    /// What asks again, for the examples: nil in `chat` (requests to type).
    var command: String? = "dabrepo refine"

    /// Runs one request to its end; returns the exit status (0 done, 1 cannot be done, 2 unusable,
    /// 3 question, 4 not understood, 130 interrupted by Ctrl-C with nothing changed).
    func run(_ turn: ConversationTurn, _ request: ConversationTurn.Request, session: inout RefineSession, store: RefineSession.Store) -> Int32 {
        let json = self.json, colored = self.colored
        let box = TurnBox(session)
        let done = DispatchSemaphore(value: 0)
        let interruption = TurnInterruption.begin()
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
            StandardStreams.error("Interrupted: this request changed nothing.")
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
        // ("maybe" is neither: asked again, never taken for no; end of input is no.)
        while let line = readLine() {
            let answer = line.trimmingCharacters(in: .whitespaces).lowercased()
            if answer.isEmpty || answer == "y" || answer == "yes" { return true }
            if answer == "n" || answer == "no" { return false }
            StandardStreams.out("Please answer y or n. Commit this revision? [Y/n] ")
        }
        return false
    }

    static func render(_ event: TurnEvent, colored: Bool) {
        let text = TurnReport.text(event, colored: colored)
        guard !text.isEmpty else { return }
        // (A model's streamed words leave their line open; anything else starts a line of its own.)
        if case .agent(.text) = event {} else { StandardStreams.endLine() }
        StandardStreams.out(text)
    }

    func render(_ result: TurnResult, request: String) {
        StandardStreams.endLine()
        let (output, error) = TurnReport.text(result, request: request, notUnderstoodHint: notUnderstoodHint, command: command)
        if let error { StandardStreams.error("Error: \(error)") }
        if !output.isEmpty { StandardStreams.out(output) }
    }
}

/// The session and result carried across the wait for the engine's task.
private final class TurnBox: @unchecked Sendable {
    var session: RefineSession
    var result: TurnResult?
    init(_ session: RefineSession) { self.session = session }
}
