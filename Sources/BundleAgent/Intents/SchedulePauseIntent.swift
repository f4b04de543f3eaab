import BundleEditing

/// "pause the schedule", "pause nightly_etl in dev", "resume the trigger", "unpause".
public enum SchedulePauseIntent: Intent {
    public static let id = "schedule-pause"
    public static let summary = "pausing and unpausing schedules and triggers"
    public static let examples = ["pause the schedule", "unpause nightly_etl in prod"]

    public static func score(_ text: RequestText) -> Int {
        if text.hasAny(["pause", "unpause", "resume", "suspend"]) { return 3 }
        // "stop the schedule for now", "disable the trigger", "turn off the trigger", "switch the schedule back on"
        // "disable the sales sync job": what a job does by itself is start on its schedule or trigger.
        if text.hasAny(["disable", "deactivate", "enable", "reactivate"]) && text.hasAny(["job", "jobs", "workflow"]) && text.words.count <= 7 { return 2 }
        guard text.hasAny(["schedule", "trigger"]) else { return 0 }
        return text.hasAny(["stop", "disable", "halt", "freeze", "enable", "reenable", "re-enable", "reactivate"]) || switchesOff(text) || switchesOn(text) ? 3 : 0
    }

    static func switchesOff(_ text: RequestText) -> Bool {
        text.contains("turn off") || text.contains("switch off") || text.contains("turn it off") || text.contains("turn the schedule off") || text.contains("turn the trigger off")
    }

    static func switchesOn(_ text: RequestText) -> Bool {
        text.contains("turn on") || text.contains("switch on") || text.contains("back on") || text.contains("turn it on")
            || text.contains("turn the schedule on") || text.contains("turn the trigger on")
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        let job = try context.job(where: { key in ["schedule", "trigger", "continuous"].contains { context.effectiveJob(key, target: target)?[$0] != nil } })
        let text = context.request
        let pause = !(text.hasAny(["unpause", "resume", "enable", "reenable", "re-enable", "reactivate"]) || switchesOn(text))
        let effective = context.effectiveJob(job, target: target)
        guard let field = ["schedule", "trigger", "continuous"].first(where: { effective?[$0] != nil }) else {
            throw PlanningStop(outcome: .refused("job \(job) has no schedule, trigger or continuous setting to \(pause ? "pause" : "unpause")"))
        }
        let status = pause ? "PAUSED" : "UNPAUSED"
        if effective?[field]?["pause_status"]?.string == status {
            throw PlanningStop(outcome: .refused("the \(field) of job \(job) is already \(status)\(context.forTarget(target))"))
        }
        let location = context.jobLocation(job, target: target)
        return Plan(subject: "\(pause ? "Pause" : "Unpause") the \(field) of \(job)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set \(field).pause_status to \(status) on job \(job)\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, [.set(location.base + [.key(field), .key("pause_status")], .string(status))])])
    }
}
