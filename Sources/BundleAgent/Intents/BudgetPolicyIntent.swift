import BundleEditing

/// "use the budget policy 1234-abcd for the sales sync", "charge the pipeline to budget policy X".
public enum BudgetPolicyIntent: Intent {
    public static let id = "budget-policy"
    public static let summary = "the serverless budget policy of a job or pipeline (budget_policy_id)"
    public static let examples = ["set the budget policy to 6f1c9d2e-1234-4abc-9def-0123456789ab", "use budget policy 6f1c9d2e-… for the pipeline in prod"]

    public static func score(_ text: RequestText) -> Int {
        text.hasAny(["budget", "budget_policy_id"]) ? 5 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let words = KeyValueWords.original(context.request)
        let fillers: Set<String> = ["id", "to", "of", "the", "a", "is", "=", "policy", "budget", "budget_policy_id", "use", "set"]
        let p = words.lastIndex { ["policy", "budget_policy_id", "budget"].contains($0.lowercased()) }
        let id = p.flatMap { words[($0 + 1)...].first { !fillers.contains($0.lowercased()) } }
            .flatMap { $0.contains(where: \.isNumber) || $0.hasPrefix("${") ? $0 : nil }
            ?? words.first { $0.count >= 8 && $0.contains("-") && $0.allSatisfy { $0.isHexDigit || $0 == "-" } }
        guard let id else {
            throw PlanningStop(outcome: .clarify(question: "Which budget policy? Give its id (Settings → Compute → Serverless budget policies).",
                                                 choices: ["use the budget policy 6f1c9d2e-1234-4abc-9def-0123456789ab"]))
        }
        let scoped = context.ignoring([id])
        let target = try scoped.target()
        let resource = try scoped.resource(["jobs", "pipelines"])
        let kind = resource.type == "jobs" ? "job" : "pipeline"
        let current = context.effectiveResource(resource, target: target)?["budget_policy_id"]?.string
        if current == id { throw PlanningStop(outcome: .refused("\(kind) \(resource.key) already uses the budget policy \(id)\(context.forTarget(target))")) }
        let location = context.location(of: resource, target: target)
        return Plan(subject: "Use the budget policy \(id) for \(resource.key)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set budget_policy_id to \(id) (was \(current ?? "none")) on \(kind) \(resource.key)\(context.forTarget(target)).",
                    target: target, resource: resource, edits: [(location.file, [.set(location.base + [.key("budget_policy_id")], .string(id))])])
    }
}
