import BundleEditing

/// "make the job performance optimized", "use the standard (cost-optimized) performance mode in dev".
public enum PerformanceTargetIntent: Intent {
    public static let id = "performance-target"
    public static let summary = "the performance target of a serverless job: performance optimized or standard (cost-efficient)"
    public static let examples = ["make the sales sync performance optimized", "use standard performance mode in dev"]

    public static func score(_ text: RequestText) -> Int {
        if text.has("performance_target") || text.contains("performance optimized") || text.contains("performance-optimized") { return 5 }
        if text.hasAny(["performance", "cost-optimized", "cost-efficient", "cost efficient", "cost optimized"])
            && text.hasAny(["target", "mode", "optimized", "standard", "cost-optimized", "cost-efficient", "efficient", "cheaper"]) { return 4 }
        return 0
    }

    static func value(_ text: RequestText) -> String? {
        if text.hasAny(["standard", "cost", "cost-optimized", "cost-efficient", "cheaper", "cheap", "efficient"]) || text.contains("cost optimized") { return "STANDARD" }
        if text.hasAny(["optimized", "fast", "faster", "fastest", "optimised", "high", "performance_optimized", "performance-optimized"]) { return "PERFORMANCE_OPTIMIZED" }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        guard let value = value(context.request) else {
            throw PlanningStop(outcome: .clarify(question: "Which performance target: performance optimized (faster start-up) or standard (cost-efficient)?",
                                                 choices: ["make the job performance optimized", "use the standard performance mode"]))
        }
        let target = try context.target()
        let serverless: (String) -> Bool = { job in
            let tasks = context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []
            return !context.hasJobCluster(job, target: target) && !tasks.contains { $0["existing_cluster_id"] != nil }
        }
        let job = try context.job(where: serverless, unfit: { _ in "runs on a cluster (a performance target is for serverless jobs)" })
        guard serverless(job) else {
            throw PlanningStop(outcome: .refused("job \(job) runs on a cluster; a performance target applies to serverless jobs (ask \"switch \(job) to serverless\" first)"))
        }
        if context.effectiveJob(job, target: target)?["performance_target"]?.string == value {
            throw PlanningStop(outcome: .refused("job \(job) already has the performance target \(value)\(context.forTarget(target))"))
        }
        let location = context.jobLocation(job, target: target)
        let words = value == "STANDARD" ? "standard (cost-efficient)" : "performance optimized"
        return Plan(subject: "Make \(job) \(words)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set performance_target to \(value) on job \(job)\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, [.set(location.base + [.key("performance_target")], .string(value))])])
    }
}
