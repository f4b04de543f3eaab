import BundleEditing
import BundleModel

/// "retry tasks 3 times", "add retries", "retry the ingest task twice", "no retries".
public enum TaskRetriesIntent: Intent {
    public static let id = "task-retries"
    public static let summary = "task retries (all tasks or the ones named)"
    public static let examples = ["add retries", "retry the ingest task 3 times", "retry failed tasks twice in prod"]

    public static func score(_ text: RequestText) -> Int {
        text.hasAny(["retry", "retries", "retried", "retrying"]) ? 3 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let target = try context.target()
        let job = try context.job(where: { !(context.effectiveJob($0, target: target)?["tasks"]?.sequence ?? []).isEmpty })
        var count = text.number(before: ["times", "retries", "attempts"]) ?? (text.has("twice") ? 2 : text.has("once") ? 1 : nil) ?? 2
        if (text.isNegated || text.has("remove")) && !text.has("add") { count = 0 }
        let tasks = (context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
        guard !tasks.isEmpty else { throw PlanningStop(outcome: .refused("job \(job) has no tasks")) }
        let mentioned = context.namedParts(.task, of: ResourceReference(type: "jobs", key: job))
        let named = tasks.filter { mentioned.contains($0) }
        let chosen = named.isEmpty ? tasks : named
        let location = context.jobLocation(job, target: target)
        var operations: [EditOperation] = []
        for task in chosen {
            operations.append(context.setInList(file: location.file, base: location.base, list: "tasks", identityField: "task_key",
                                                identity: task, inner: [.key("max_retries")], value: .int(count)))
        }
        let which = chosen.count == tasks.count && chosen.count > 1 ? "every task" : "task\(chosen.count == 1 ? "" : "s") \(chosen.joined(separator: ", "))"
        return Plan(subject: count == 0 ? "Stop retrying \(which) of \(job)" : "Retry \(which) of \(job) up to \(pluralize(count, "time"))",
                    summary: "Set max_retries to \(count) on \(which) of job \(job)\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, operations)])
    }
}
