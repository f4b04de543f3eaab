import BundleEditing
import BundleModel
import Foundation

/// "time out after 2 hours", "set the timeout of nightly_etl to 90 minutes", "stop the job after 30 min".
public enum JobTimeoutIntent: Intent {
    public static let id = "job-timeout"
    public static let summary = "job timeouts"
    public static let examples = ["set the timeout to 2 hours", "time out nightly_etl after 90 minutes in prod"]

    public static func score(_ text: RequestText) -> Int {
        // "increase the timeout", "remove the timeout": understood, the length from the current one.
        guard text.duration != nil else { return text.hasAny(["timeout", "timeouts", "timeout_seconds"]) ? 2 : 0 }
        if text.hasAny(["timeout", "timeouts"]) || text.contains("time out") || text.contains("times out") { return 3 }
        // "time it out after 3 hours", "time etl out after an hour", "time every leaf job out after 3 hours"
        if text.lowered.range(of: #"\btime (?:[a-z0-9_-]+ ){1,4}out\b"#, options: .regularExpression) != nil { return 3 }
        if text.contains("stop after") || text.contains("kill after") || text.contains("cancel after") || text.contains("after") && text.hasAny(["stop", "kill", "cancel", "abort"]) { return 2 }
        // "let the setup task run up to 30 minutes", "runs may take at most 2 hours": how long a run may take.
        if text.hasAny(["run", "runs", "take", "takes", "last", "lasts"]), text.contains("up to") || text.contains("at most") || text.contains("no longer than") || text.contains("max of") { return 2 }
        // "give etl 3 hours", "allow it 90 minutes": how long a run may take.
        if text.words.first.map({ ["give", "allow"].contains($0) }) == true, text.words.count <= 6,
           !text.hasAny(["every", "each", "alert", "warn", "notify", "email", "retry", "retries", "delay", "wait", "schedule", "at", "between",
                         "interval", "idle", "auto", "stop", "terminate", "termination", "autotermination", "cluster", "warehouse", "endpoint"]) { return 2 }
        // "it shouldn't run longer than 3 hours", "limit the train task to 3 hours", "cap it at 90 minutes": how long a
        // run may take (not an alert, nor a cluster's idle time).
        if !text.hasAny(["alert", "alerts", "warn", "warning", "notify", "email", "tell", "health", "idle", "auto", "terminate", "termination",
                         "autotermination", "cluster", "warehouse", "endpoint", "every", "each", "schedule", "delay", "wait", "interval", "between"]),
           text.contains("run longer than") || text.contains("runs longer than") || text.contains("run for longer than") || text.contains("take longer than")
            || text.hasAny(["limit", "cap"])
            // "don't let it run for more than 45 minutes", "kill it if it runs over 45 minutes", "it should give up after
            // 45 minutes", "it must finish within 45 minutes".
            || text.original.range(of: #"(?i)\b(?:run|runs|running|take|takes|last|lasts)\s+(?:for\s+)?(?:more|longer)\s+than\b|\b(?:runs?|takes?|lasts?)\s+(?:for\s+)?over\b|\bgive\s+up\s+after\b|\b(?:finish|finishes|complete|completes|be\s+done)\s+(?:with)?in\b"#,
                                   options: .regularExpression) != nil { return 3 }
        // "kill it if it runs longer than 30 minutes"
        if (text.contains("longer than") || text.contains("more than")) && text.hasAny(["stop", "kill", "cancel", "abort", "fail", "terminate"]) { return 2 }
        return 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        let job = try context.job()
        let text = context.request
        let current = context.effectiveJob(job, target: target)?["timeout_seconds"]?.scalar.flatMap { s -> Int? in
            if case .int(let i) = s.value { return i } else { return nil }
        }
        let location = context.jobLocation(job, target: target)
        // "set a 30 min timeout on the notebook_task": the task's own timeout_seconds, not the job's
        // (which would end every task of the run).
        // A task is meant when the words say so ("the load task", "the notebook_task"), not when a
        // task shares a word with the job's name ("the marketing digest" and its task digest).
        let everyTask = text.contains("every task") || text.contains("each task") || text.contains("all tasks") || text.contains("all the tasks")
        let allKeys = (context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
        // A task's key written as it is ("set the validate_gold_contract timeout") names it too.
        // So does a one-word key right after "on" or "for" that is no word of the job's ("a 30 minute
        // timeout on reconcile in northpeak_daily").
        let jobWords = Set(context.catalog.entries.first { $0.reference == ResourceReference(type: "jobs", key: job) }.map { $0.keyWords + $0.nameWords } ?? [])
        let written = allKeys.filter { key in
            let escaped = NSRegularExpression.escapedPattern(for: key)
            if key.contains("_") {
                if text.original.range(of: "(?<![\\w-])" + escaped + "(?![\\w-])", options: .regularExpression) != nil { return true }
                // "bump the quality check timeout" for quality_check: its words written apart, none of them the job's
                // (the whole job got a 20-minute timeout, shorter than its tasks').
                let parts = key.lowercased().split(separator: "_").map(String.init)
                return parts.count > 1 && !parts.contains(where: jobWords.contains)
                    && text.original.range(of: "(?i)\\b" + parts.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "[ -]") + "\\b", options: .regularExpression) != nil
            }
            // ("TaskThree should time out after 45 minutes": a camel-case key written as it is; the job's was set.)
            if key != key.lowercased(), key.first?.isLetter == true,
               text.original.range(of: "(?<![\\w-])" + escaped + "(?![\\w-])", options: .regularExpression) != nil { return true }
            // ("bump the extract timeout to 20 minutes": the key right before "timeout" too; the job's was lowered.)
            return !jobWords.contains(key.lowercased()) && !ResourceVocabulary.common.contains(key.lowercased())
                && (text.original.range(of: "(?i)\\b(on|for)( the)? " + escaped + "(?![\\w-])", options: .regularExpression) != nil
                    || text.original.range(of: "(?i)\\b" + escaped + "('s)?\\s+(timeout|time-out|time limit)\\b", options: .regularExpression) != nil)
        }
        let tasks = everyTask ? allKeys : text.hasAny(["task", "tasks", "step", "steps"]) || text.words.contains(where: { $0.hasSuffix("_task") })
            ? context.namedParts(.task, of: ResourceReference(type: "jobs", key: job)) : written
        // "the download task" where no task is called so: asked, never the whole job's timeout.
        if tasks.isEmpty, !everyTask, let unknown = context.catalog.unknownPart(.task, of: ResourceReference(type: "jobs", key: job), in: text.original) {
            throw PlanningStop(outcome: .clarify(question: "Job \(job) has no task called \"\(unknown)\"; which task? It has \(allKeys.joined(separator: ", ")).",
                                                 choices: allKeys.map { "set the timeout of the \($0) task to \(text.duration.map(describe) ?? "1 hour")" }))
        }
        // "bump the timeout of the load task" without a length: asked of that task (it asked of the job, and its
        // example set the job's timeout).
        if !tasks.isEmpty, text.duration == nil, !text.hasAny(["remove", "delete", "drop", "no", "without", "disable", "unset"]) {
            let key = tasks.count == 1 ? tasks[0] : tasks.joined(separator: " and ")
            throw PlanningStop(outcome: .clarify(question: "How long may task\(tasks.count == 1 ? "" : "s") \(key) of job \(job) run? Say, for example, \"set the timeout of the \(tasks[0]) task to 30 minutes\".",
                                                 choices: ["set the timeout of the \(tasks[0]) task to 30 minutes"]))
        }
        if !tasks.isEmpty, let seconds = text.duration, seconds > 0 {
            let nodes = context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []
            let changing = tasks.filter { task in
                nodes.first { $0["task_key"]?.string == task }?["timeout_seconds"]?.scalar.flatMap { s -> Int? in
                    if case .int(let i) = s.value { return i } else { return nil }
                } != seconds
            }
            guard !changing.isEmpty else {
                throw PlanningStop(outcome: .refused("task \(tasks.joined(separator: ", ")) of job \(job) already times out after \(describe(seconds))"))
            }
            let operations = changing.map { task in
                context.setInList(file: location.file, base: location.base, list: "tasks", identityField: "task_key", identity: task,
                                  inner: [.key("timeout_seconds")], value: .int(seconds))
            }
            let named = "task\(changing.count == 1 ? "" : "s") \(changing.joined(separator: ", "))"
            return Plan(subject: "Time out \(named) of \(job) after \(describe(seconds))\(target.map { " in \($0)" } ?? "")",
                        summary: "Set timeout_seconds to \(seconds) (\(describe(seconds))) on \(named) of job \(job)\(context.forTarget(target)); the job's other tasks keep their time.",
                        target: target, job: job, edits: [(location.file, operations)])
        }
        // "remove the timeout of task b": that task's own timeout (the job's was removed, the task's left).
        if !tasks.isEmpty, text.duration == nil, text.hasAny(["remove", "delete", "drop", "no", "without", "disable", "unset"]) {
            let raw = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
            let having = tasks.filter { task in raw.contains { $0["task_key"]?.string == task && $0["timeout_seconds"] != nil } }
            guard !having.isEmpty, target == nil else {
                throw PlanningStop(outcome: .refused(target != nil ? "a target cannot remove a task's own timeout; ask without the target"
                    : "task \(tasks.joined(separator: ", ")) of job \(job) has no timeout of its own" + ((current ?? 0) > 0 ? " (the job's is \(describe(current!)); \"remove the timeout of job \(job)\" removes that)" : "")))
            }
            let operations: [EditOperation] = having.compactMap { task in
                raw.firstIndex { $0["task_key"]?.string == task }.map { .delete(location.base + [.key("tasks"), .index($0), .key("timeout_seconds")]) }
            }
            let named = "task\(having.count == 1 ? "" : "s") \(having.joined(separator: ", "))"
            return Plan(subject: "Remove the timeout of \(named) of \(job)",
                        summary: "Removed timeout_seconds from \(named) of job \(job): \(having.count == 1 ? "it runs" : "they run") until done, within the job's own timeout\((current ?? 0) > 0 ? " (\(describe(current!)))" : "").",
                        job: job, edits: [(location.file, operations)])
        }
        if text.duration == nil && text.hasAny(["remove", "delete", "drop", "no", "without", "disable", "unset"]) {
            guard let current, current > 0 else { throw PlanningStop(outcome: .refused("job \(job) has no timeout\(context.forTarget(target))")) }
            // A target override cannot remove what it inherits; 0 means no timeout.
            let written = context.rawNode(file: location.file, path: location.base + [.key("timeout_seconds")]) != nil
            let operation: EditOperation = target == nil && written ? .delete(location.base + [.key("timeout_seconds")]) : .set(location.base + [.key("timeout_seconds")], .int(0))
            return Plan(subject: "Remove the timeout of \(job)\(target.map { " in \($0)" } ?? "")",
                        summary: "Removed the timeout of job \(job) (was \(describe(current)))\(context.forTarget(target)): its runs go on until they end.",
                        target: target, job: job, edits: [(location.file, [operation])])
        }
        let longer = text.hasAny(["increase", "raise", "extend", "longer", "double", "more", "bigger", "higher"])
        let shorter = text.hasAny(["decrease", "reduce", "lower", "shorten", "shorter", "halve", "less", "smaller"])
        let scaled: Int? = text.duration != nil ? nil : current.flatMap { $0 > 0 && (longer || shorter) ? (longer ? $0 * 2 : $0 / 2) : nil }
        guard let seconds = text.duration ?? scaled, seconds > 0 else {
            throw PlanningStop(outcome: .clarify(question: "How long may a run of job \(job) take\(current.map { $0 > 0 ? " (now \(describe($0)))" : "" } ?? "")? Say, for example, \"set the timeout to 2 hours\".",
                                                 choices: ["set the timeout to 2 hours"]))
        }
        // For every target: the shared definition's own value was (the default target's override said
        // otherwise), and the targets whose override sets their own keep it — said (dev kept 2 hours unsaid).
        var shared = current
        var keeping = ""
        if target == nil {
            let own = context.rawNode(file: location.file, path: location.base + [.key("timeout_seconds")])?.scalar.flatMap { s -> Int? in
                if case .int(let i) = s.value { return i } else { return nil }
            }
            shared = own
            let overriding = context.bundle.targetNames.compactMap { name -> String? in
                let override = context.jobLocation(job, target: name)
                // (Not the definition itself, for a job only that target defines.)
                guard override.base.first == .key("targets"), override.base != location.base || override.file != location.file,
                      let value = context.rawNode(file: override.file, path: override.base + [.key("timeout_seconds")])?.scalar?.text, value != String(seconds) else { return nil }
                return "\(name) (\(Int(value).map(describe) ?? value))"
            }
            if !overriding.isEmpty {
                keeping = "; \(overriding.joined(separator: ", ")) keep\(overriding.count == 1 ? "s its" : " their") own timeout from \(overriding.count == 1 ? "its" : "their") override (say \"… in \(overriding[0].split(separator: " ")[0])\" to change it there)"
            }
            if own == seconds, overriding.isEmpty { throw PlanningStop(outcome: .refused("job \(job) already times out after \(describe(seconds))")) }
        } else if current == seconds {
            throw PlanningStop(outcome: .refused("job \(job) already times out after \(describe(seconds))"))
        }
        if target == nil, shared == seconds {
            throw PlanningStop(outcome: .refused("job \(job) already times out after \(describe(seconds))\(keeping)"))
        }
        let was = shared.map { "was \(describe($0))" } ?? "was none"
        return Plan(subject: "Time out \(job) after \(describe(seconds))\(target.map { " in \($0)" } ?? "")",
                    summary: "Set timeout_seconds to \(seconds) (\(describe(seconds)), \(was)) on job \(job)\(context.forTarget(target))\(keeping).",
                    target: target, job: job, edits: [(location.file, [.set(location.base + [.key("timeout_seconds")], .int(seconds))])])
    }

    static func describe(_ seconds: Int) -> String {
        if seconds % 3600 == 0 { return pluralize(seconds / 3600, "hour") }
        if seconds % 60 == 0 { return pluralize(seconds / 60, "minute") }
        return pluralize(seconds, "second")
    }
}
