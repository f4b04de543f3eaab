import BundleEditing
import BundleModel
import Foundation

/// The built-in agent: deterministic, no network. It picks the intent that best matches the request
/// and lets it plan; questions and refusals come back as outcomes, never as half-made edits.
public struct OfflinePlanner {
    public static let agentName = "offline-planner"
    public static let intents: [any Intent.Type] = [
        ClusterSizeIntent.self, JobTimeoutIntent.self, TaskRetriesIntent.self, SchedulePauseIntent.self,
        ScheduleIntent.self, MaxConcurrentRunsIntent.self,
    ]

    public init() {}

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
