import BundleEditing
import BundleModel

/// "make the telemetry stream job continuous", "run it continuously", "back to triggered": a job's
/// continuous trigger (`continuous.pause_status`), which replaces its schedule or trigger (the Jobs API
/// takes one of them).
public enum JobContinuousIntent: Intent {
    public static let id = "job-continuous"
    public static let summary = "jobs: run continuously (a new run when one ends) or triggered"
    public static let examples = ["make the telemetry job continuous", "stop running the stream job continuously"]

    public static func score(_ text: RequestText) -> Int {
        // ("the pipeline" is PipelineContinuousIntent's; a job named "… pipeline" is sent here by it.)
        let job = text.hasAny(ResourceVocabulary.nouns["jobs"] ?? []) && !text.hasAny(ResourceVocabulary.nouns["pipelines"] ?? [])
        // "pause the continuous bronze job in staging", "stop the continuous job": "continuous" names the job,
        // the verb pauses its runs (SchedulePauseIntent); it once said the job already ran continuously.
        if text.hasAny(["pause", "unpause", "resume", "suspend"]) || text.contains("stop the continuous") { return 0 }
        return job && text.hasAny(["continuous", "continuously"]) ? 5 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        let job = try context.job()
        // (The words of its name say nothing of the state: "the batch pipeline job".)
        let entry = context.catalog.entries.first { $0.reference == ResourceReference(type: "jobs", key: job) }
        let named = Set((entry?.keyWords ?? []) + (entry?.nameWords ?? []))
        let on = PipelineContinuousIntent.continuous(RequestText(context.request.words.filter { !named.contains($0) }.joined(separator: " ")))
        let location = context.jobLocation(job, target: target)
        let definition = context.jobLocation(job, target: nil)
        let effective = context.effectiveJob(job, target: target)
        let continuous = effective?["continuous"]
        // "remove the continuous task retry mode", "set the task retry mode to never": continuous.task_retry_mode.
        if context.request.contains("retry mode") || context.request.has("task_retry_mode") {
            guard continuous != nil else { throw PlanningStop(outcome: .refused("job \(job) does not run continuously\(context.forTarget(target)); task_retry_mode is a continuous job's")) }
            let path = location.base + [.key("continuous"), .key("task_retry_mode")]
            let current = continuous?["task_retry_mode"]?.string
            if context.request.hasAny(["remove", "delete", "drop", "clear", "unset"]) {
                guard context.rawNode(file: location.file, path: path) != nil else {
                    throw PlanningStop(outcome: .refused("nothing to change: job \(job) sets no task_retry_mode\(context.forTarget(target))"))
                }
                return Plan(subject: "Remove the task retry mode of \(job)", summary: "Removed continuous.task_retry_mode (was \(current ?? "")) from job \(job)\(context.forTarget(target)): failed tasks are not retried until the next run (NEVER, the default).",
                            target: target, job: job, edits: [(location.file, [.delete(path)])])
            }
            let mode = context.request.hasAny(["never", "no", "off"]) ? "NEVER" : "ON_FAILURE"
            if current == mode { throw PlanningStop(outcome: .refused("job \(job)'s task_retry_mode already is \(mode)")) }
            return Plan(subject: "Set the task retry mode of \(job) to \(mode)", summary: "Set continuous.task_retry_mode to \(mode) (was \(current ?? "none")) on job \(job)\(context.forTarget(target)).",
                        target: target, job: job, edits: [(location.file, [.set(path, .string(mode))])])
        }
        if on {
            if let continuous, continuous["pause_status"]?.string != "PAUSED" {
                throw PlanningStop(outcome: .refused("job \(job) already runs continuously\(context.forTarget(target))"))
            }
            // Continuous already, paused: it stays as it is unless the words resume it, and then only its
            // pause status changes (its task_retry_mode stays).
            if continuous != nil {
                let resumes = context.request.hasAny(["resume", "unpause", "unpaused", "start", "enable", "activate"]) || context.request.contains("turn on")
                guard resumes, !context.request.hasAny(["paused", "pause"]) || context.request.hasAny(["unpause", "unpaused"]) else {
                    throw PlanningStop(outcome: .refused("job \(job) already runs continuously\(context.forTarget(target)), paused (\"resume it\" starts it)"))
                }
                return Plan(subject: "Resume \(job)'s continuous runs\(target.map { " in \($0)" } ?? "")",
                            summary: "Set continuous.pause_status to UNPAUSED on job \(job)\(context.forTarget(target)): a new run starts when one ends.",
                            target: target, job: job, edits: [(location.file, [.set(location.base + [.key("continuous"), .key("pause_status")], .string("UNPAUSED"))])])
            }
            // The schedule and trigger it replaces, where they are written.
            let replacing = try context.replacingRunModes(of: job, target: target, with: "continuous")
            var edits = replacing.edits
            let (replaced, pauseValue) = (replacing.replaced, replacing.pause)
            let set = EditOperation.set(location.base + [.key("continuous")], .mapping([("pause_status", .string(pauseValue))]))
            if let i = edits.firstIndex(where: { $0.file == location.file }) { edits[i].operations.insert(set, at: 0) } else { edits.insert((location.file, [set]), at: 0) }
            var note = replaced.isEmpty ? "" : "; it replaces the \(replaced.joined(separator: " and ")) (a job runs continuously or on one of them, not both)"
            if pauseValue != "UNPAUSED" { note += "; its pause status stays \(pauseValue)" + (pauseValue == "PAUSED" ? " (\"resume it\" starts it)" : "") }
            return Plan(subject: "Run \(job) continuously\(target.map { " in \($0)" } ?? "")",
                        summary: "Set continuous.pause_status to \(pauseValue) on job \(job)\(context.forTarget(target)): a new run starts when one ends\(note).",
                        target: target, job: job, edits: edits)
        }
        guard continuous != nil else {
            throw PlanningStop(outcome: .refused("job \(job) does not run continuously\(context.forTarget(target)); it runs when started, by its schedule or its trigger"))
        }
        guard context.rawNode(file: location.file, path: location.base + [.key("continuous")]) != nil else {
            throw PlanningStop(outcome: .refused("job \(job) runs continuously for every target; change it without naming a target"))
        }
        return Plan(subject: "Stop running \(job) continuously\(target.map { " in \($0)" } ?? "")",
                    summary: "Removed continuous from job \(job)\(context.forTarget(target)): it runs when started (\"run it daily at 2am\" gives it a schedule).",
                    target: target, job: job, edits: [(location.file, [.delete(location.base + [.key("continuous")])])])
    }
}
