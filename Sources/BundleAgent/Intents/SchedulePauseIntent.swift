import BundleEditing

/// "pause the schedule", "pause nightly_etl in dev", "resume the trigger", "unpause".
public enum SchedulePauseIntent: Intent {
    public static let id = "schedule-pause"
    public static let summary = "pausing and unpausing schedules and triggers"
    public static let examples = ["pause the schedule", "unpause nightly_etl in prod"]

    public static func score(_ text: RequestText) -> Int {
        // "run the etl daily at 2am, paused", "… but keep the schedule paused": a new schedule, written paused.
        if ScheduleIntent.saysPaused(text), !text.hasAny(["pause", "unpause", "resume"]), ScheduleIntent.time(text) != nil,
           text.hasAny(["daily", "nightly", "weekly", "monthly", "hourly", "every", "weekday", "weekdays"]) { return 0 }
        if text.hasAny(["pause", "unpause", "resume", "suspend"]) { return 3 }
        // "stop the continuous bronze job in staging": its continuous runs pause.
        if text.contains("stop the continuous") && text.hasAny(["job", "jobs", "workflow"]) { return 3 }
        // "keep it paused in dev", "leave the schedule paused"
        if text.hasAny(["paused", "unpaused"]) && text.hasAny(["keep", "leave", "stay", "stays", "remain", "remains", "be", "make", "set", "should"]) { return 3 }
        // "stop the schedule for now", "disable the trigger", "turn off the trigger", "switch the schedule back on"
        // "disable the sales sync job": what a job does by itself is start on its schedule or trigger.
        if text.hasAny(["disable", "deactivate", "enable", "reactivate"]) && text.hasAny(["job", "jobs", "workflow"]) && text.words.count <= 7 { return 2 }
        // "turn on the daily refresh in prod", "switch the nightly load off": a job by its name (checked when planned).
        if !text.hasAny(["schedule", "trigger"]), switchesOn(text) || switchesOff(text), text.words.count <= 9, !PipelineTaskIntent.saysFullRefresh(text) { return 1 }
        guard text.hasAny(["schedule", "trigger"]) else { return 0 }
        return text.hasAny(["stop", "disable", "halt", "freeze", "enable", "reenable", "re-enable", "reactivate"]) || switchesOff(text) || switchesOn(text) ? 3 : 0
    }

    /// The alert the words name ("the freshness alert", its key), when the bundle has alerts and the
    /// words say alert; nil otherwise.
    static func alertNamed(_ context: PlanningContext) throws -> ResourceReference? {
        // One alert of "pause everything in prod", planned by itself (and one job of it is no alert).
        if let option = context.resourceOption, let asked = ResourceReference(parsing: option) {
            return asked.type == "alerts" ? try context.resource(["alerts"]) : nil
        }
        guard context.request.hasAny(["alert", "alerts"]), !context.catalog.references(ofType: "alerts").isEmpty,
              !context.request.hasAny(["job", "jobs", "pipeline", "pipelines"]) else { return nil }
        return try context.resource(["alerts"])
    }

    static func switchesOff(_ text: RequestText) -> Bool {
        text.contains("turn off") || text.contains("switch off") || text.contains("turn it off") || text.contains("turn the schedule off") || text.contains("turn the trigger off")
    }

    static func switchesOn(_ text: RequestText) -> Bool {
        text.contains("turn on") || text.contains("switch on") || text.contains("back on") || text.contains("turn it on")
            || text.contains("turn the schedule on") || text.contains("turn the trigger on")
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        // Reached as a follow-up with no word of pausing or resuming ("make it official" after "resume the
        // schedule"): not understood, never the opposite of the change before (it paused the schedule again).
        if score(text) == 0, !text.hasAny(["paused", "unpaused", "stop", "disable", "enable", "halt", "freeze"]), !switchesOn(text), !switchesOff(text) {
            throw PlanningStop(outcome: .notUnderstood(message: "I did not understand \"\(text.original)\" as a change of the schedule: say \"pause the schedule\" or \"resume the schedule\".",
                                                       examples: ["pause the schedule", "resume the schedule"]))
        }
        // ("turn on the daily refresh": only a job the words name is switched on — never the only job there is for "turn on
        // the lights".)
        if !text.hasAny(["schedule", "trigger", "job", "jobs", "workflow", "pause", "unpause", "resume", "suspend", "paused", "unpaused", "disable", "enable",
                         "alert", "alerts", "continuous"]),
           context.resourceOption == nil, !context.catalog.mentions(in: text.original).keys.contains(where: { $0.type == "jobs" }) {
            throw PlanningStop(outcome: .notUnderstood(message: "I did not understand \"\(text.original)\": name the job whose schedule to switch on or off.",
                                                       examples: ["resume the schedule of nightly_etl in prod", "pause nightly_etl in dev"]))
        }
        var target = try context.target()
        // ("the fraud job should not be paused", "it shouldn't stay paused": unpaused.)
        let notPaused = text.original.range(of: #"(?i)\b(not|never|no\s+longer|shouldn'?t|mustn'?t|isn'?t|don'?t)\s+(be\s+|stay\s+|remain\s+|keep\s+(it\s+)?)?(paused|suspended)\b"#,
                                            options: .regularExpression) != nil
        let pause = !(text.hasAny(["unpause", "unpaused", "resume", "enable", "reenable", "re-enable", "reactivate"]) || switchesOn(text) || notPaused)
        // "pause the snapshot subscription": a dashboard task's subscription, not the job's schedule.
        if text.hasAny(["subscription", "subscriptions"]) {
            return try subscription(context, pause: pause, target: target)
        }
        // "pause everything in prod": the alerts' evaluation schedules too, each planned with the jobs.
        // (So too "pause the jobs and the alert", "all jobs and alerts", "everything, alerts too".)
        let bothKinds = text.hasAny(["alert", "alerts"]) && text.hasAny(["job", "jobs", "workflow", "workflows"]) && EveryResource.types(in: text).contains("alerts")
        if context.resourceOption == nil, text.has("everything") || bothKinds {
            let alerts = context.catalog.references(ofType: "alerts").filter { context.effectiveResource($0, target: target)?["schedule"] != nil }
            let jobs = context.catalog.references(ofType: "jobs").filter { job in
                ["schedule", "trigger", "continuous"].contains { context.effectiveJob(job.key, target: target)?[$0] != nil }
            }
            if !alerts.isEmpty {
                throw PlanningStop(outcome: .clarify(question: "Which job or alert should be \(pause ? "paused" : "unpaused")?",
                                                     choices: (jobs + alerts).map { "--resource \($0.description)" }))
            }
        }
        // "pause the freshness alert in prod": an alert's evaluation schedule.
        if let alert = try alertNamed(context) {
            let status = pause ? "PAUSED" : "UNPAUSED"
            if (context.effectiveResource(alert, target: target)?["schedule"]?["pause_status"]?.string ?? "UNPAUSED") == status {
                throw PlanningStop(outcome: .refused("the schedule of alert \(alert.key) is already \(status)\(context.forTarget(target))"))
            }
            let location = context.location(of: alert, target: target)
            return Plan(subject: "\(pause ? "Pause" : "Unpause") the alert \(alert.key)\(target.map { " in \($0)" } ?? "")",
                        summary: "Set schedule.pause_status to \(status) on alert \(alert.key)\(context.forTarget(target)): \(pause ? "it is not evaluated" : "it is evaluated on its schedule again").",
                        target: target, resource: alert,
                        edits: [(location.file, [.set(location.base + [.key("schedule"), .key("pause_status")], .string(status))])])
        }
        // A schedule written in prod's override only: paused there.
        target = try context.targetWhereOnlyJobsHave(["schedule", "trigger", "continuous"], named: target) ?? target
        let job = try context.job(where: { key in ["schedule", "trigger", "continuous"].contains { context.effectiveJob(key, target: target)?[$0] != nil } })
        let effective = context.effectiveJob(job, target: target)
        guard let field = ["schedule", "trigger", "continuous"].first(where: { effective?[$0] != nil }) else {
            throw PlanningStop(outcome: .refused("job \(job) has no schedule, trigger or continuous setting to \(pause ? "pause" : "unpause")"))
        }
        let status = pause ? "PAUSED" : "UNPAUSED"
        if effective?[field]?["pause_status"]?.string == status {
            // Already so in the default target, not in others (`pause_status: ${var.…}` per target): asked.
            let others = target != nil ? [] : context.bundle.targetNames.filter { t in
                context.effectiveJob(job, target: t)?[field].map { ($0["pause_status"]?.string ?? "UNPAUSED") != status } ?? false
            }
            if !others.isEmpty {
                throw PlanningStop(outcome: .clarify(
                    question: "The \(field) of job \(job) is \(status) in \(context.bundle.targetNames.filter { !others.contains($0) }.joined(separator: ", ")) but not in \(others.joined(separator: ", ")); which target should change?",
                    choices: others.map { "--target \($0)" }))
            }
            throw PlanningStop(outcome: .refused("the \(field) of job \(job) is already \(status)\(context.forTarget(target))"))
        }
        // "unpause the churn job" after "pause everything in prod": the targets whose own settings pause it
        // (an UNPAUSED in the shared definition left prod's PAUSED as it was, and unpaused dev).
        if !pause, target == nil {
            let pausing = context.bundle.targetNames.filter { t in
                let at = context.jobLocation(job, target: t)
                return context.rawNode(file: at.file, path: at.base + [.key(field), .key("pause_status")])?.string == "PAUSED"
            }
            let definition = context.jobLocation(job, target: nil)
            let sharedPaused = context.rawNode(file: definition.file, path: definition.base + [.key(field), .key("pause_status")])?.string == "PAUSED"
            if !pausing.isEmpty {
                var edits: [(file: String, operations: [EditOperation])] = []
                func add(_ file: String, _ operation: EditOperation) {
                    if let i = edits.firstIndex(where: { $0.file == file }) { edits[i].operations.append(operation) } else { edits.append((file, [operation])) }
                }
                if sharedPaused { add(definition.file, .set(definition.base + [.key(field), .key("pause_status")], .string(status))) }
                for t in pausing {
                    let at = context.jobLocation(job, target: t)
                    add(at.file, .set(at.base + [.key(field), .key("pause_status")], .string(status)))
                }
                let only = pausing.count == 1 && !sharedPaused ? pausing[0] : nil
                return Plan(subject: "Unpause the \(field) of \(job)\(only.map { " in \($0)" } ?? "")",
                            summary: "Set \(field).pause_status to UNPAUSED on job \(job)\(sharedPaused ? "" : " for target\(pausing.count == 1 ? "" : "s") \(pausing.joined(separator: ", "))")\(sharedPaused ? " and in the override\(pausing.count == 1 ? "" : "s") of \(pausing.joined(separator: ", ")), which paused it" : ", whose own settings paused it; the shared definition sets no pause status").",
                            target: only, job: job, edits: edits)
            }
        }
        let location = context.jobLocation(job, target: target)
        return Plan(subject: "\(pause ? "Pause" : "Unpause") the \(field) of \(job)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set \(field).pause_status to \(status) on job \(job)\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, [.set(location.base + [.key(field), .key("pause_status")], .string(status))])])
    }

    /// `dashboard_task.subscription.paused` of the job's dashboard tasks that send a subscription.
    static func subscription(_ context: PlanningContext, pause: Bool, target: String?) throws -> Plan {
        func subscribed(_ job: String) -> [String] {
            (context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []).compactMap { task in
                task["dashboard_task"]?["subscription"] != nil ? task["task_key"]?.string : nil
            }
        }
        let job = try context.job(where: { !subscribed($0).isEmpty }, unfit: { _ in "has no dashboard task with a subscription" })
        let tasks = subscribed(job)
        guard !tasks.isEmpty else { throw PlanningStop(outcome: .refused("job \(job) has no dashboard task with a subscription")) }
        let nodes = context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []
        let changing = tasks.filter { key in
            let paused = nodes.first { $0["task_key"]?.string == key }?["dashboard_task"]?["subscription"]?["paused"]?.scalar?.value == .bool(true)
            return paused != pause
        }
        guard !changing.isEmpty else {
            throw PlanningStop(outcome: .refused("the subscription of job \(job) is already \(pause ? "paused" : "active")\(context.forTarget(target))"))
        }
        let location = context.jobLocation(job, target: target)
        let operations = changing.map { key in
            context.setInList(file: location.file, base: location.base, list: "tasks", identityField: "task_key", identity: key,
                              inner: [.key("dashboard_task"), .key("subscription"), .key("paused")], value: .bool(pause))
        }
        return Plan(subject: "\(pause ? "Pause" : "Resume") the dashboard subscription of \(job)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set dashboard_task.subscription.paused to \(pause) on task \(changing.joined(separator: ", ")) of job \(job)\(context.forTarget(target)): \(pause ? "no snapshots are sent; the job still runs on its schedule" : "snapshots are sent again").",
                    target: target, job: job, edits: [(location.file, operations)])
    }
}
