import BundleEditing

/// "remove the schedule", "delete the trigger of the sales sync", "unschedule nightly_etl",
/// "the billing job should only run manually".
public enum ScheduleRemovalIntent: Intent {
    public static let id = "schedule-removal"
    public static let summary = "removing a job's schedule, trigger or continuous setting (it then runs when started)"
    public static let examples = ["remove the schedule", "delete the file arrival trigger of nightly_etl"]

    static let fields = ["schedule", "trigger", "continuous"]

    public static func score(_ text: RequestText) -> Int {
        if text.hasAny(["unschedule", "unscheduled"]) { return 4 }
        if text.contains("only manually") || text.contains("manual runs only") || text.contains("run manually") || text.contains("only on demand") { return 4 }
        let removes = text.hasAny(["remove", "delete", "drop", "get rid of", "take out", "clear"]) || text.contains("no longer") || text.contains("no schedule")
        // ("remove the tag schedule from the job": a tag called so, not the job's schedule.)
        let aboutTag = text.contains("tag schedule") || text.contains("tag trigger") || text.contains("tag cron") || text.contains("schedule tag")
        return removes && !aboutTag && text.hasAny(["schedule", "schedules", "trigger", "triggers", "cron", "continuous"]) && !text.hasAny(["task", "tasks", "step"]) ? 4 : 0
    }

    /// The fields the request names ("the trigger", "the cron"); none: whichever the job has.
    static func named(_ text: RequestText) -> [String] {
        var out: [String] = []
        if text.hasAny(["schedule", "schedules", "cron", "unschedule", "unscheduled"]) { out.append("schedule") }
        if text.hasAny(["trigger", "triggers"]) || text.contains("file arrival") { out.append("trigger") }
        if text.has("continuous") { out.append("continuous") }
        return out
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        let wanted = named(context.request)
        let asked = wanted.isEmpty ? fields : wanted
        let present: (String) -> [String] = { job in
            let effective = context.effectiveJob(job, target: target)
            // "the schedule" of a job that runs on a periodic trigger ("every 1 day") is that trigger.
            let periodic = asked == ["schedule"] && effective?["schedule"] == nil && effective?["trigger"]?["periodic"] != nil
            return periodic ? ["trigger"] : asked.filter { effective?[$0] != nil }
        }
        let what = asked.count == 1 ? asked[0] : "schedule, trigger or continuous setting"
        let job = try context.job(where: { !present($0).isEmpty }, unfit: { _ in "has no \(what)" })
        let removed = present(job)
        guard !removed.isEmpty else {
            throw PlanningStop(outcome: .refused("job \(job) has no \(what)\(context.forTarget(target)); it runs only when started"))
        }
        let definition = context.jobLocation(job, target: nil)
        let defined = removed.filter { context.rawNode(file: definition.file, path: definition.base + [.key($0)]) != nil }
        if let target, !defined.isEmpty {
            // A target cannot take away what the job's definition sets; it can pause it.
            let location = context.jobLocation(job, target: target)
            let operations: [EditOperation] = defined.map { .set(location.base + [.key($0), .key("pause_status")], .string("PAUSED")) }
            return Plan(subject: "Pause the \(list(defined)) of \(job) in \(target)",
                        summary: "Paused the \(list(defined)) of job \(job) for target \(target): a target cannot remove what the job's definition sets, "
                            + "so \(target) keeps it, paused (remove it for every target by asking without naming one).",
                        target: target, job: job, edits: [(location.file, operations)])
        }
        // Removing it from the definition removes it from every target override too, which would bring it back.
        var edits: [String: [EditOperation]] = [:]
        var order: [String] = []
        func add(_ file: String, _ operation: EditOperation) {
            if edits[file] == nil { order.append(file) }
            edits[file, default: []].append(operation)
        }
        let targets = target.map { [$0] } ?? context.bundle.targetNames
        if target == nil {
            for field in removed where context.rawNode(file: definition.file, path: definition.base + [.key(field)]) != nil {
                add(definition.file, .delete(definition.base + [.key(field)]))
            }
        }
        for name in targets {
            let override = context.jobLocation(job, target: name)
            for field in removed where context.rawNode(file: override.file, path: override.base + [.key(field)]) != nil {
                add(override.file, .delete(override.base + [.key(field)]))
            }
        }
        return Plan(subject: "Remove the \(list(removed)) of \(job)\(target.map { " in \($0)" } ?? "")",
                    summary: "Removed the \(list(removed)) of job \(job)\(context.forTarget(target)); it runs only when started.",
                    target: target, job: job, edits: order.map { ($0, edits[$0]!) })
    }

    static func list(_ fields: [String]) -> String {
        fields.count <= 1 ? fields.joined() : fields.dropLast().joined(separator: ", ") + " and " + fields.last!
    }
}
