/// What turns a request into a plan: the offline planner, or a language model working through tools.
/// The conversation turn (BundleEngine) runs one of these, validates and commits what it plans, and
/// passes its events on to whichever front end renders them; no front end knows which agent ran.
public protocol PlanningAgent: Sendable {
    /// Recorded in each revision (`Dabrepo-Agent:`), such as `offline-planner` or `anthropic/claude-…`.
    var name: String { get }

    /// The price of the model's tokens, when configured (the conversation turn reports the cost).
    var price: TokenPrice? { get }

    /// Plans one request in the light of the conversation so far. `report` receives what the agent
    /// does on the way (streamed text, tool calls, usage), in order, before the answer returns.
    func plan(_ context: PlanningContext, session: RefineSession?, report: @escaping @Sendable (AgentEvent) -> Void) async throws -> AgentAnswer
}

/// What an agent did on the way to its answer.
public enum AgentEvent: Sendable, Equatable {
    /// A piece of the agent's text, as it streams.
    case text(String)
    /// A tool the agent called, with its arguments as JSON text.
    case toolCall(id: String, name: String, arguments: String)
    /// The tool's result (JSON text), or its error.
    case toolResult(id: String, name: String, result: String, isError: Bool)
    /// Tokens used by one model call.
    case usage(inputTokens: Int, outputTokens: Int)
}

/// The agent's answer: a plan, a question, "not understood" or a refusal, and which intent (or
/// model) produced it.
public struct AgentAnswer: Sendable {
    public var outcome: PlanOutcome
    /// The intent that answered (the offline planner), so that follow-ups can continue it.
    public var intent: String?
    /// Which agent answered, when an agent hands requests on (`auto`: the offline planner or the model).
    public var answeredBy: String?
    /// A question asked while an answer replayed an earlier request ("1" answering "Which job?", then "Which
    /// cluster?"): that request, with the resource and target the answer chose, so that the next answer
    /// replays it again (it replayed "1", and the question came back whatever was answered).
    public var asking: AnswerReplay.Asked?

    public init(outcome: PlanOutcome, intent: String?, answeredBy: String? = nil, asking: AnswerReplay.Asked? = nil) {
        self.outcome = outcome
        self.intent = intent
        self.answeredBy = answeredBy
        self.asking = asking
    }
}

/// What an answer to a question replayed, when it ended in another question (see `AgentAnswer.asking`):
/// set by the offline planner where it replays, read by `OfflinePlanner.plan(_:session:report:)`.
public final class AnswerReplay: @unchecked Sendable {
    public struct Asked: Sendable, Equatable {
        public var request: String
        public var resource: String?
        public var target: String?
    }

    var asked: Asked?

    @TaskLocal static var current: AnswerReplay?

    /// Notes a replay whose outcome is a question.
    static func note(_ outcome: PlanOutcome, request: String, resource: String?, target: String?) {
        guard case .clarify = outcome, let current else { return }
        current.asked = Asked(request: request, resource: resource, target: target)
    }
}

extension OfflinePlanner: PlanningAgent {
    public var name: String { Self.agentName }

    /// The longest request the offline planner reads, in characters: its reading grows faster than the words
    /// (a request of 8,800 characters took minutes), and requests are a sentence or a few.
    public static let longestRequest = 1_000

    public func plan(_ context: PlanningContext, session: RefineSession?, report: @escaping @Sendable (AgentEvent) -> Void) async throws -> AgentAnswer {
        if context.request.original.count > Self.longestRequest {
            return AgentAnswer(outcome: .refused("the request is \(context.request.original.count) characters; the offline planner reads up to \(Self.longestRequest). "
                + "Ask for one change or a few at a time (a language model, with --model, takes longer requests)"), intent: nil)
        }
        let replay = AnswerReplay()
        let (outcome, intent) = AnswerReplay.$current.withValue(replay) { plan(context, session: session) }
        guard case .clarify = outcome else { return AgentAnswer(outcome: outcome, intent: intent) }
        return AgentAnswer(outcome: outcome, intent: intent, asking: replay.asked)
    }
}
