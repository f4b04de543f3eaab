import BundleAgent
import BundleEngine
import BundleModel
import Foundation
import LanguageModels

/// A language model that plans bundle changes through tools (`ModelBundleTools`): it reads the bundle,
/// looks up fields, proposes structured edits that are applied in memory and validated for every
/// target (a refusal goes back to it with the findings, three at most), or asks one question. What it
/// proposes is a plan like the offline planner's: the conversation turn previews, validates and
/// commits it as one revision. The model never writes a file.
public struct ModelAgent: PlanningAgent {
    public var model: any LanguageModel
    public var maxRefusedEdits: Int
    /// How much of the bundle's YAML goes into the instructions (characters); beyond it an outline.
    public var bundleBudget: Int
    /// The price of the model's tokens, when configured.
    public var price: TokenPrice?
    /// The workspace the model may read and generate jobs from (nil: the bundle's tools only).
    public var workspace: ModelWorkspaceAccess?
    /// Patterns of files kept from the model besides `.dabrepoignore`'s (`git config dabrepo.modelIgnore`).
    public var ignorePatterns: String?

    public init(model: any LanguageModel, maxRefusedEdits: Int = 3, bundleBudget: Int = 60_000, price: TokenPrice? = nil,
                workspace: ModelWorkspaceAccess? = nil) {
        self.model = model
        self.price = price
        self.workspace = workspace
        self.maxRefusedEdits = maxRefusedEdits
        self.bundleBudget = bundleBudget
    }

    public var name: String { "\(model.provider)/\(model.model)" }

    public func plan(_ context: PlanningContext, session: RefineSession?, report: @escaping @Sendable (AgentEvent) -> Void) async throws -> AgentAnswer {
        // The model's words reach a terminal, the page and the git log: its escape sequences are shown, never
        // obeyed (they coloured, retitled and cleared the screen of whoever read the output or the log).
        let answer = try await planning(context, session: session) { event in
            if case .text(let text) = event { report(.text(ControlCharacters.escaped(text))) } else { report(event) }
        }
        var safe = answer
        switch answer.outcome {
        case .plan(var plan):
            plan.subject = ControlCharacters.escaped(plan.subject).replacingOccurrences(of: "\n", with: " ")
            plan.summary = ControlCharacters.escaped(plan.summary)
            safe.outcome = .plan(plan)
        case .clarify(let question, let choices):
            safe.outcome = .clarify(question: ControlCharacters.escaped(question), choices: choices.map(ControlCharacters.escaped))
        case .refused(let reason):
            safe.outcome = .refused(ControlCharacters.escaped(reason))
        case .notUnderstood(let message, let examples):
            safe.outcome = .notUnderstood(message: ControlCharacters.escaped(message), examples: examples)
        }
        return safe
    }

    func planning(_ context: PlanningContext, session: RefineSession?, report: @escaping @Sendable (AgentEvent) -> Void) async throws -> AgentAnswer {
        let root = (context.bundle.source as? DiskFileSource)?.root ?? URL(fileURLWithPath: context.bundle.source.rootDescription)
        let ignore = DabrepoIgnore(root: root, configured: ignorePatterns)
        let tools = ModelBundleTools(root: root, agentName: name, maxRefusedEdits: maxRefusedEdits, ignore: ignore, workspace: workspace)
        defer { tools.cleanUp() }
        let conversation = ModelConversation(model: model, system: ModelInstructions.system(for: context, budget: bundleBudget, ignore: ignore,
                                                                                            workspace: workspace != nil),
                                             tools: ModelBundleTools.definitions(workspace: workspace != nil, history: ignore.isEmpty),
                                             maxRounds: 12)
        var history: [ChatMessage] = []
        for turn in session?.turns ?? [] {
            history.append(.user(turn.request))
            history.append(.assistant(text: turn.reply, toolCalls: []))
        }
        history.append(.user(ModelInstructions.request(context)))
        let outcome: ConversationOutcome
        // Streamed text is redacted line by line: a key split across two pieces is still found.
        let streamed = StreamedText()
        let flush: @Sendable () -> Void = {
            let rest = streamed.finish()
            if !rest.isEmpty { report(.text(rest)) }
        }
        defer { flush() }
        do {
            outcome = try await conversation.run(history, onEvent: { event in
                switch event {
                case .model(.textDelta(let text)):
                    let shown = streamed.take(text)
                    if !shown.isEmpty { report(.text(shown)) }
                case .toolCall(let call):
                    flush()
                    report(.toolCall(id: call.id, name: call.name, arguments: call.arguments))
                case .toolResult(let call, let result):
                    flush()
                    report(.toolResult(id: call.id, name: call.name, result: result.content, isError: result.isError))
                case .roundFinished(_, let usage): report(.usage(inputTokens: usage.totalInputTokens, outputTokens: usage.outputTokens))
                default: break
                }
            }, handleTool: { call in try await tools.handle(call) })
        } catch let error as LanguageModelError {
            throw Self.engineError(error)
        }
        let said = outcome.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let question = tools.question {
            return AgentAnswer(outcome: .clarify(question: question.text, choices: question.choices), intent: nil, answeredBy: name)
        }
        if var plan = tools.plan {
            if !said.isEmpty, plan.summary == plan.subject { plan.summary = said }
            return AgentAnswer(outcome: .plan(plan), intent: nil, answeredBy: name)
        }
        if tools.refusedEdits >= maxRefusedEdits, let findings = tools.lastRefusal {
            return AgentAnswer(outcome: .refused("the model's edits were refused \(tools.refusedEdits) times; the last findings: \(EditRefusalText.lines(findings).joined(separator: "; "))"), intent: nil, answeredBy: name)
        }
        if let done = tools.alreadyDone {
            // The bundle already is as asked: nothing to change (exit 0, "unchanged"), whatever the model
            // said after it ("ok again" read as a refusal).
            // ("Nothing changed: the bundle already is as the edits ask" said once: it read "Nothing to change: Nothing changed: …".)
            let bare = done.replacingOccurrences(of: #"(?i)^\s*nothing (changed|to change)\s*[:.]?\s*"#, with: "", options: .regularExpression)
            let reason = "nothing to change: " + bare
            return AgentAnswer(outcome: .refused(reason), intent: nil, answeredBy: name)
        }
        // Ended by a limit, not by the model: said as such, with what to do. (A tool call cut off in its arguments,
        // then the model's "Nothing changed.", was only that.)
        if outcome.stopReason == .maxTokens || outcome.cutOffRounds > 0 {
            return AgentAnswer(outcome: .refused("the model's answer was cut off at its length limit (max_tokens) before it proposed a change; nothing was changed. Ask for less at once, or split the request"
                                                 + (said.isEmpty ? "" : " (it had said: \"\(SecretRedaction.redact(said).prefix(200))\")")), intent: nil, answeredBy: name)
        }
        if outcome.reachedRoundLimit {
            return AgentAnswer(outcome: .refused("the model used its \(outcome.rounds) calls of this turn without proposing a change; nothing was changed. Ask again in smaller steps, or more precisely (name the job, task or setting)"),
                               intent: nil, answeredBy: name)
        }
        if outcome.stopReason == .refusal {
            return AgentAnswer(outcome: .refused("the model declined the request (its provider's refusal or content filter); nothing was changed"
                                                 + (said.isEmpty ? "" : ": \"\(SecretRedaction.redact(said).prefix(200))\"") + ". Ask in other words, or make the change with apply or edit"),
                               intent: nil, answeredBy: name)
        }
        return AgentAnswer(outcome: .refused(said.isEmpty ? "the model proposed no change" : said), intent: nil, answeredBy: name)
    }

    /// A model call's failure in the engine's terms (what the front end says and which exit status).
    static func engineError(_ error: LanguageModelError) -> EngineError {
        switch error {
        case .unauthenticated, .permissionDenied: return EngineError(.unauthenticated, error.description)
        case .notConfigured, .modelNotFound, .badRequest: return EngineError(.usage, error.description)
        default: return EngineError(.transport, error.description)
        }
    }
}

/// The redaction of one turn's streamed text, shared by the events of its rounds.
final class StreamedText: @unchecked Sendable {
    private var redaction = StreamingSecretRedaction()
    private let lock = NSLock()

    func take(_ piece: String) -> String { lock.withLock { redaction.take(piece) } }
    func finish() -> String { lock.withLock { redaction.finish() } }
}
