import BundleEngine
import Foundation

/// The question each conversation's last turn asked, with its choices: a message that is one of the
/// choices' values answers it (the request asked again with that resource or target, as `refine`'s
/// `--resource` and `--target` answer it on the command line).
final class PendingQuestions: @unchecked Sendable {
    struct Question {
        var request: String
        var target: String?
        var resource: String?
        var choices: [TurnResult.Choice]
    }

    private let lock = NSLock()
    private var questions: [String: Question] = [:]

    func set(_ question: Question?, for conversation: String) {
        lock.lock()
        questions[conversation] = question
        lock.unlock()
    }

    /// The request to run for `message`: the earlier one with the choice applied when it answers the
    /// question; the message itself otherwise.
    func request(for message: String, in conversation: String) -> (text: String, target: String?, resource: String?) {
        lock.lock()
        let question = questions[conversation]
        lock.unlock()
        let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let question, let choice = question.choices.first(where: { $0.value == trimmed }) else {
            return (message, nil, nil)
        }
        switch choice.kind {
        case .resource: return (question.request, question.target, choice.value)
        case .target: return (question.request, choice.value, question.resource)
        case .request, .example: return (message, nil, nil)
        }
    }
}
