import BundleEditing

/// "allow 3 concurrent runs", "let nightly_etl run twice in parallel", "one run at a time".
public enum MaxConcurrentRunsIntent: Intent {
    public static let id = "max-concurrent-runs"
    public static let examples = ["allow 3 concurrent runs", "only one run at a time"]

    public static func score(_ text: RequestText) -> Int {
        (text.hasAny(["concurrent", "concurrently", "parallel"]) || text.contains("at a time") || text.contains("at once")) && text.hasAny(["run", "runs"]) ? 3 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        let job = try context.job()
        guard let n = context.request.number(before: ["concurrent", "parallel", "runs", "run"]) ?? (context.request.has("twice") ? 2 : nil) ?? context.request.numbers.first,
              n > 0 else { throw PlanningStop(outcome: .refused("how many runs at a time? for example \"allow 3 concurrent runs\"")) }
        let location = context.jobLocation(job, target: target)
        return Plan(subject: "Allow \(pluralize(n, "concurrent run")) of \(job)",
                    summary: "Set max_concurrent_runs to \(n) on job \(job)\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, [.set(location.base + [.key("max_concurrent_runs")], .int(n))])])
    }
}
