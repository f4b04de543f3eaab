import BundleEditing

/// "allow 3 concurrent runs", "let nightly_etl run twice in parallel", "one run at a time".
public enum MaxConcurrentRunsIntent: Intent {
    public static let id = "max-concurrent-runs"
    public static let summary = "concurrent runs (\"never twice at the same time\")"
    public static let examples = ["allow 3 concurrent runs", "only one run at a time"]

    public static func score(_ text: RequestText) -> Int {
        let together = text.hasAny(["concurrent", "concurrently", "parallel", "simultaneously", "simultaneous", "overlap", "overlapping"])
            || text.contains("at a time") || text.contains("at once") || text.contains("at the same time")
        return together && text.hasAny(["run", "runs", "overlap", "overlapping", "execute", "executions"]) ? 4 : 0
    }

    /// "never twice at the same time", "don't let runs overlap": one run at a time; "never more than 3": 3.
    static func limit(_ text: RequestText) -> Int? {
        let negated = text.isNegated
        if negated {
            if let i = text.words.firstIndex(of: "than"), i + 1 < text.words.count, let n = Int(text.words[i + 1]) ?? RequestText.numberWords[text.words[i + 1]] {
                return n
            }
            return 1
        }
        if text.contains("one at a time") || text.contains("one run at a time") { return 1 }
        return text.number(before: ["concurrent", "parallel", "runs", "run", "simultaneous"]) ?? (text.has("twice") ? 2 : nil) ?? text.numbers.first
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        let job = try context.job()
        let location = context.jobLocation(job, target: target)
        let path = location.base + [.key("max_concurrent_runs")]
        // "remove the max concurrent runs setting": back to the default, one run at a time.
        if context.request.hasAny(["remove", "delete", "drop", "clear", "unset"]) {
            guard context.rawNode(file: location.file, path: path) != nil else {
                throw PlanningStop(outcome: .refused("nothing to change: job \(job) sets no max_concurrent_runs\(context.forTarget(target)) (one run at a time, the default)"))
            }
            return Plan(subject: "Remove the concurrent runs setting of \(job)", summary: "Removed max_concurrent_runs from job \(job)\(context.forTarget(target)): one run at a time, the default.",
                        target: target, job: job, edits: [(location.file, [.delete(path)])])
        }
        guard let n = limit(context.request), n > 0 else {
            throw PlanningStop(outcome: .clarify(question: "How many runs at a time?", choices: ["allow 3 concurrent runs", "only one run at a time"]))
        }
        // "… with queueing on", "and queue the rest": queue.enabled too (it was dropped, and "already allows 1" said).
        let text = context.request
        let queueing: Bool? = text.hasAny(["queue", "queueing", "queuing", "queued"])
            ? !(text.contains("queueing off") || text.contains("queuing off") || text.contains("no queue") || text.contains("without queue")
                || text.contains("don't queue") || text.contains("do not queue")) : nil
        let effective = context.effectiveJob(job, target: target)
        var operations: [EditOperation] = []
        var said: [String] = []
        if case .int(let current)? = effective?["max_concurrent_runs"]?.scalar?.value, current == n {
            if queueing == nil { throw PlanningStop(outcome: .refused("job \(job) already allows \(pluralize(n, "concurrent run"))\(context.forTarget(target))")) }
        } else {
            operations.append(.set(location.base + [.key("max_concurrent_runs")], .int(n)))
            said.append("max_concurrent_runs to \(n)")
        }
        if let queueing, effective?["queue"]?["enabled"]?.scalar?.value != .bool(queueing) {
            operations.append(.set(location.base + [.key("queue"), .key("enabled")], .bool(queueing)))
            said.append("queue.enabled to \(queueing)")
        }
        guard !operations.isEmpty else {
            throw PlanningStop(outcome: .refused("job \(job) already allows \(pluralize(n, "concurrent run")) and \(queueing == true ? "queues" : "does not queue") the others\(context.forTarget(target))"))
        }
        return Plan(subject: "Allow \(pluralize(n, "concurrent run")) of \(job)\(queueing == true ? ", queueing the others" : "")",
                    summary: "Set \(said.joined(separator: " and ")) on job \(job)\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, operations)])
    }
}
