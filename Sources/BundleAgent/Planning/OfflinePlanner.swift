import BundleEditing
import BundleModel
import Foundation

/// The built-in agent: deterministic, no network. It picks the intent that best matches the request
/// and lets it plan; questions and refusals come back as outcomes, never as half-made edits.
public struct OfflinePlanner {
    public static let agentName = "offline-planner"
    public static let intents: [any Intent.Type] = [
        ClusterSizeIntent.self, JobTimeoutIntent.self, TaskRetriesIntent.self, SchedulePauseIntent.self,
        ScheduleIntent.self, MaxConcurrentRunsIntent.self, PhotonIntent.self, AvailabilityIntent.self, SingleNodeIntent.self,
        AutoscaleIntent.self, EmailNotificationIntent.self, TagsIntent.self, PermissionIntent.self, QueueIntent.self, JobNameIntent.self,
        SparkVersionIntent.self, NodeTypeIntent.self, TriggerIntent.self, RunAsIntent.self, AddTargetIntent.self, JobParameterIntent.self,
        LibraryIntent.self, AddTaskIntent.self, ServerlessIntent.self, WebhookIntent.self, VariableIntent.self, AutoTerminationIntent.self,
    ]

    public init() {}

    /// Plans a request in the light of the conversation: follow-ups reuse the previous turn's intent,
    /// job and target. `undo` is not planned here: the caller reverts the last revision.
    public func plan(_ context: PlanningContext, session: RefineSession?) -> (PlanOutcome, intent: String?) {
        let followUp = FollowUp.classify(context.request, targets: context.bundle.targetNames, session: session)
        guard let previous = session?.lastChange else { return plan(context) }
        switch followUp {
        case .sameFor(let target):
            var again = PlanningContext(bundle: context.bundle, request: RequestText(previous.request), targetOption: target,
                                        resourceOption: context.resourceOption ?? previous.job.map { "jobs.\($0)" })
            again.defaultJob = previous.job
            return plan(again, preferring: previous.intent)
        case .continuation:
            var continued = context
            continued.defaultJob = continued.defaultJob ?? previous.job
            continued.defaultTarget = continued.defaultTarget ?? previous.target
            return plan(continued, preferring: previous.intent)
        case .undo, .none:
            return plan(context)
        }
    }

    /// Plans with the intent that best matches; `preferring` breaks ties and answers requests that
    /// match nothing on their own ("even smaller" after a cluster change).
    func plan(_ context: PlanningContext, preferring preferred: String? = nil) -> (PlanOutcome, intent: String?) {
        var scored = Self.intents.map { ($0, $0.score(context.request)) }
        if let preferred, let i = scored.firstIndex(where: { $0.0.id == preferred }) {
            scored[i].1 = max(scored[i].1, 1) + 1
        }
        guard let best = scored.filter({ $0.1 > 0 }).max(by: { $0.1 < $1.1 })?.0 else {
            return (plan(context), nil)
        }
        do {
            return (.plan(try best.plan(context)), best.id)
        } catch let stop as PlanningStop {
            return (stop.outcome, best.id)
        } catch {
            return (.refused("\(error)"), best.id)
        }
    }

    public func plan(_ context: PlanningContext) -> PlanOutcome {
        let scored = Self.intents.map { ($0, $0.score(context.request)) }.filter { $0.1 > 0 }
        guard let best = scored.max(by: { $0.1 < $1.1 })?.0 else {
            return .notUnderstood(message: "I did not understand \"\(context.request.original)\".",
                                  examples: closestExamples(to: context.request))
        }
        do {
            return .plan(try best.plan(context))
        } catch let stop as PlanningStop {
            return stop.outcome
        } catch {
            return .refused("\(error)")
        }
    }

    /// Examples of the intents whose words overlap the request most (all of them when none do).
    func closestExamples(to request: RequestText) -> [String] {
        let all = Self.intents.flatMap { $0.examples }
        let words = Set(request.words)
        let ranked = all.map { ($0, Set(RequestText($0).words).intersection(words).count) }.sorted { $0.1 > $1.1 }
        let top = ranked.filter { $0.1 > 0 }.prefix(4).map(\.0)
        return top.isEmpty ? Array(all.prefix(6)) : Array(top)
    }

    /// Applies a plan's edits to the current file contents; returns the new contents by file.
    public static func apply(_ plan: Plan, read: (String) throws -> String) throws -> [String: String] {
        var out: [String: String] = [:]
        for (file, operations) in plan.edits {
            var editor = YAMLEditor(text: try out[file] ?? read(file))
            for operation in operations {
                switch operation {
                case .set(let path, let value): try editor.set(path, to: value)
                case .append(let path, let value): try editor.append(value, to: path)
                case .delete(let path): try editor.delete(path)
                }
            }
            out[file] = editor.text
        }
        return out
    }
}
