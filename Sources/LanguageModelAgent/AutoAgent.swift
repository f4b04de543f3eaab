import BundleAgent
import BundleModel
import BundleRepository
import BundleValidation
import Foundation

/// `auto`: the offline planner answers what it understands with a plan that validates, or with its
/// question about which resource or target — free, instant, deterministic; anything else (not
/// understood, refused, a plan that would not validate) goes to the model.
public struct AutoAgent: PlanningAgent {
    public var offline = OfflinePlanner()
    public var model: ModelAgent

    public init(model: ModelAgent) {
        self.model = model
    }

    public var price: TokenPrice? { model.price }

    public var name: String { "auto (\(OfflinePlanner.agentName), then \(model.name))" }

    public func plan(_ context: PlanningContext, session: RefineSession?, report: @escaping @Sendable (AgentEvent) -> Void) async throws -> AgentAnswer {
        let answer = try await offline.plan(context, session: session, report: report)
        let (outcome, intent) = (answer.outcome, answer.intent)
        switch outcome {
        case .plan(let plan) where Self.validates(plan, in: context.bundle):
            return AgentAnswer(outcome: outcome, intent: intent, answeredBy: OfflinePlanner.agentName)
        case .clarify:
            return AgentAnswer(outcome: outcome, intent: intent, answeredBy: OfflinePlanner.agentName, asking: answer.asking)
        case .refused(let reason) where PlanOutcome.isAsAsked(reason):
            // "Nothing to change: every task already retries": the bundle is as asked, which no model changes.
            return AgentAnswer(outcome: outcome, intent: intent, answeredBy: OfflinePlanner.agentName)
        default:
            return try await model.plan(context, session: session, report: report)
        }
    }

    /// Whether the plan's edits apply and leave every target without errors.
    static func validates(_ plan: Plan, in bundle: LoadedBundle) -> Bool {
        guard let contents = try? plan.contents ?? OfflinePlanner.apply(plan, read: { file in
            guard let data = try bundle.source.read(file) else { throw RepositoryError.io("cannot read \(file)") }
            return String(decoding: data, as: UTF8.self)
        }) else { return false }
        let overlay = OverlayFileSource(base: bundle.source, overrides: plan.files(contents))
        let validation = ValidationRequest(targets: .all, overrides: .processEnvironment)
        guard let after = try? validation.run(source: overlay).errors else { return false }
        if after == 0 { return true }
        // A bundle with errors of its own: the plan is good when it adds none (those stay the user's).
        guard let before = try? validation.run(source: bundle.source).errors else { return false }
        return after <= before
    }
}
