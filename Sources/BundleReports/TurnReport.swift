import BundleAgent
import BundleDiff
import BundleEngine
import BundleModel
import BundleValidation

/// A conversation turn's events and result as text, as `refine` and `chat` print them on a terminal.
public enum TurnReport {
    /// What the terminal shows of an event as it happens (empty: nothing).
    public static func text(_ event: TurnEvent, colored: Bool) -> String {
        switch event {
        case .preview(let preview):
            // A target's change is shown as that target gets it: say so (the file edited may be another).
            let scope = preview.target.map { "What target \($0) deploys after the change (the other targets keep theirs):\n" } ?? ""
            let again = preview.replanned ? "\nThe bundle changed while this request waited (another revision landed); planned again on top of it, the change above is not what is committed:\n" : ""
            return again + "dabrepo: \(preview.summary)\n\n" + scope + DiffTextFormatter(colored: colored).render(preview.comparison)
        case .findings(let errors):
            return "\n" + TextReportFormatter().render(ValidationReport(bundle: nil, targets: [], diagnostics: errors))
        case .agent(.text(let text)):
            return text
        case .agent(.toolCall(_, let name, let arguments)):
            // (Hidden before it is cut: a key cut in two is no longer recognised, and half of it showed.)
            let shown = SecretRedaction.redact(arguments)
            return "\n  → \(name) \(shown.count > 160 ? String(shown.prefix(160)) + "…" : shown)\n"
        case .agent(.toolResult(_, let name, let result, let isError)):
            return isError ? "  ✗ \(name) was refused: \(EditRefusalText.line(result))\n" : ""
        case .agent(.usage):
            return ""
        }
    }

    /// `text` as one word for a POSIX shell, as a user would type it: in double quotes, or in single
    /// quotes when double quotes would change it (a quote, `$`, a backquote or a backslash inside).
    static func shellQuoted(_ text: String) -> String {
        guard text.contains(where: { "\"$`\\".contains($0) }) else { return "\"\(text)\"" }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// What the turn came to: the text for standard output, and the error (without an "Error: " prefix)
    /// for standard error when the turn failed.
    /// - Parameters:
    ///   - request: the request as asked, for the examples of asking again.
    ///   - notUnderstoodHint: said after "not understood" (how to let a model take such requests).
    ///   - command: what asks again: `dabrepo refine` (examples are command lines), or nil in a
    ///     conversation (examples are requests to type).
    public static func text(_ result: TurnResult, request: String, notUnderstoodHint: String? = nil,
                            command: String? = "dabrepo refine") -> (output: String, error: String?) {
        func asked(_ text: String, _ options: String = "") -> String {
            guard let command else { return text + (options.isEmpty ? "" : "    (\(options))") }
            return "\(command) \(shellQuoted(text))" + (options.isEmpty ? "" : " \(options)")
        }
        var output = ""
        var error: String?
        switch result.status {
        case .question:
            let choices = result.choices ?? []
            // Choices are options that answer it (`--resource jobs.x`) or requests that say it fully.
            let example = result.options?.first.map { $0.kind == .request ? asked($0.value) : asked(request, $0.commandLine) } ?? asked(request)
            // Numbered: "2" or "the second one" answers (in a conversation, the next request).
            // (One choice is an example of the answer: a bare number answering it is a value, not its number.)
            let numbered = FollowUp.numbered(choices)
            // A question without choices (a model's ask_user): its answer is the next request, said so
            // ("Ask again with one of them" named none, and its example repeated the request).
            guard !choices.isEmpty else {
                output = "\(result.question ?? "")\n" + (command == nil ? "Answer in your next request.\n" : "Answer with a request that says it: \(command!) \"…\"\n")
                break
            }
            output = "\(result.question ?? "")\n" + choices.enumerated().map { numbered ? "  \($0.offset + 1). \($0.element)" : "  \($0.element)" }.joined(separator: "\n")
                + "\n\(command == nil ? "Answer with one of them\(numbered ? " or its number" : "")" : "Ask again with one of them\(numbered ? ", or its number" : "")"), for example:\n  \(example)\n"
        case .notUnderstood:
            output = "\(result.message ?? "") Requests like these work:\n" + (result.examples ?? []).map { "  " + asked($0) }.joined(separator: "\n") + "\n"
            if let notUnderstoodHint { output += notUnderstoodHint + "\n" }
        case .refused:
            let message = result.message ?? ""
            if FollowUp.isUndo(RequestText(request)) {
                let advice = message.contains("changed nothing") || message.contains("has just begun") || message.contains("has made no revision")
                    ? ". To revert the latest revision whatever made it, run `dabrepo undo`." : "."
                output = "Nothing to undo: \(message)\(advice)\n"
            } else if result.messageWasSaid {
                // (The agent's own words, shown as it said them.)
                output = "\nNothing changed.\n"
            } else {
                output = "Nothing changed: \(message)\n"
            }
        case .dryRun:
            // (An undo's dry run says what it would undo.)
            output = (result.message.map { "\($0)\n" } ?? "") + "\nDry run: nothing was committed.\n"
        case .declined:
            output = "Nothing was committed.\n"
        case .committed:
            output = "\n\(result.message ?? "")\n"
        case .unchanged where result.messageWasSaid:
            output = "\nNothing to change.\n"
        case .unchanged, .undone:
            output = "\(result.message ?? "")\n"
        case .invalid:
            error = (result.message ?? "").split(separator: "\n").first.map(String.init) ?? ""
        case .error:
            error = result.message ?? ""
        }
        if let usage = result.usage {
            output += "(\(usage.description))\n"
        }
        return (output, error)
    }
}
