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

    public init(outcome: PlanOutcome, intent: String?, answeredBy: String? = nil) {
        self.outcome = outcome
        self.intent = intent
        self.answeredBy = answeredBy
    }
}

extension OfflinePlanner: PlanningAgent {
    public var name: String { Self.agentName }

    public func plan(_ context: PlanningContext, session: RefineSession?, report: @escaping @Sendable (AgentEvent) -> Void) async throws -> AgentAnswer {
        let (outcome, intent) = plan(context, session: session)
        return AgentAnswer(outcome: outcome, intent: intent)
    }
}
