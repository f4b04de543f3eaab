import BundleEditing
import BundleModel

/// "retry tasks 3 times", "add retries", "retry the ingest task twice", "no retries".
public enum TaskRetriesIntent: Intent {
    public static let id = "task-retries"
    public static let summary = "task retries (all tasks or the ones named)"
    public static let examples = ["add retries", "retry the ingest task 3 times", "retry failed tasks twice in prod"]

    public static func score(_ text: RequestText) -> Int {
        // "retry on timeout": more than JobTimeoutIntent's "timeout" alone.
        if onTimeout(text) { return 4 }
        // "wait 2 minutes between attempts": the wait between retries.
        if text.hasAny(["attempts", "attempt"]), interval(text) != nil { return 3 }
        // "set max_retries to 2": the field's own name too.
        return text.hasAny(["retry", "retries", "retried", "retrying", "max_retries"]) ? 3 : 0
    }

    /// "retry on timeout", "also retry when it times out", "don't retry timeouts": `retry_on_timeout`.
    static func onTimeout(_ text: RequestText) -> Bool {
        text.hasAny(["retry", "retries", "retried", "retrying", "retry_on_timeout"])
            && (text.hasAny(["timeout", "timeouts", "retry_on_timeout"]) || text.contains("times out") || text.contains("time out") || text.contains("timed out"))
            && text.duration == nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let target = try context.target()
        // "retry the ingest task twice" in a bundle of 19 jobs: the jobs that have a task so called (all
        // 19 were offered).
        // (A task a for-each task runs, "download_endpoint", counts: the job that has it.)
        let withNamedTask = Set(context.catalog.references(ofType: "jobs").filter { reference in
            !context.namedParts(.task, of: reference).isEmpty
                || (context.effectiveJob(reference.key, target: nil)?["tasks"]?.sequence ?? []).contains { node in
                    node["for_each_task"]?["task"]?["task_key"]?.string.map { ResourceCatalog.writesToken($0, in: context.request.original) } ?? false
                }
        }.map(\.key))
        // ("retry silver_orders 3 times": the task's key names no job by its word "silver"; two jobs that
        // have the task are asked about.)
        let writtenKeys = context.catalog.references(ofType: "jobs").flatMap { reference in
            (context.effectiveJob(reference.key, target: target)?["tasks"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
        }.filter { key in
            key.contains("_") && ResourceCatalog.writesToken(key, in: text.original)
                // (A job called so too, "the load_orders job": the job.)
                && !context.catalog.references(ofType: "jobs").contains { $0.key == key || context.effectiveJob($0.key, target: nil)?["name"]?.string == key }
        }
        let job = try (writtenKeys.isEmpty ? context : context.ignoring(Array(Set(writtenKeys)))).job(where: { key in
            !(context.effectiveJob(key, target: target)?["tasks"]?.sequence ?? []).isEmpty && (withNamedTask.isEmpty || withNamedTask.contains(key))
        })
        // "bump retries on ingest_erp to 5", "set max retries of ingest_erp to 5": the number the retries go to.
        // (Not the wait's: "set the retry interval of ingest bronze to 1 minute" once set one retry.)
        let counted = Self.interval(text) == nil ? text : RequestText(text.original.replacingOccurrences(
            of: #"\b\d+(\.\d+)?\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\b"#, with: " ", options: [.regularExpression, .caseInsensitive]))
        // "a couple of retries, say 3", "a few retries, like 4": the number said after the vague one.
        let said = counted.original.range(of: #"(?i)\b(say|like|maybe|perhaps|e\.g\.|about|around)\s+(\d+)\b"#, options: .regularExpression)
            .flatMap { Int(counted.original[$0].split(separator: " ").last ?? "") }
        let given = said ?? counted.number(before: ["times", "time", "retries", "retry", "attempts", "attempt"]) ?? counted.number(after: ["retries", "max_retries", "retry", "attempts"])
            ?? (counted.has("twice") ? 2 : counted.has("once") ? 1 : nil) ?? counted.number(after: ["to"])
            // "add a retry", "one retry": one.
            ?? (counted.contains("a retry") || counted.contains("one retry") || counted.contains("a single retry") ? 1 : nil)
        var count = given ?? 2
        if (text.isNegated || text.has("remove")) && !text.has("add") { count = 0 }
        let taskNodes = context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []
        let tasks = taskNodes.compactMap { $0["task_key"]?.string }
        guard !tasks.isEmpty else { throw PlanningStop(outcome: .refused("job \(job) has no tasks")) }
        let mentioned = context.namedParts(.task, of: ResourceReference(type: "jobs", key: job))
        // "retry the download_endpoint task twice" where download_endpoint is the task a for-each task
        // runs: its retries, each iteration's (every task of the job was changed).
        if mentioned.isEmpty, !Self.onTimeout(text), Self.interval(text) == nil,
           let loop = taskNodes.first(where: { node in
               guard let inner = node["for_each_task"]?["task"]?["task_key"]?.string else { return false }
               return ResourceCatalog.writesToken(inner, in: text.original)
           }), let outer = loop["task_key"]?.string, let inner = loop["for_each_task"]?["task"]?["task_key"]?.string {
            let current = loop["for_each_task"]?["task"]?["max_retries"]?.string.flatMap(Int.init) ?? 0
            if current == count { throw PlanningStop(outcome: .refused("task \(inner) of the for-each task \(outer) already retries \(pluralize(count, "time"))")) }
            let location = context.jobLocation(job, target: target)
            let operation = context.setInList(file: location.file, base: location.base, list: "tasks", identityField: "task_key", identity: outer,
                                              inner: [.key("for_each_task"), .key("task"), .key("max_retries")], value: .int(count))
            return Plan(subject: count == 0 ? "Stop retrying \(inner) in \(outer) of \(job)" : "Retry \(inner) in \(outer) of \(job) up to \(pluralize(count, "time"))",
                        summary: "Set max_retries to \(count) (was \(current)) on task \(inner), which the for-each task \(outer) runs for each input, of job \(job)\(context.forTarget(target)).",
                        target: target, job: job, edits: [(location.file, [operation])])
        }
        // "the download task" where no task is called so: asked, never every task.
        if let unknown = context.catalog.unknownPart(.task, of: ResourceReference(type: "jobs", key: job), in: text.original) {
            throw PlanningStop(outcome: .clarify(question: "Job \(job) has no task called \"\(unknown)\"; which task? It has \(tasks.joined(separator: ", ")).",
                                                 choices: tasks.map { "retry the \($0) task" + (given.map { " \($0) time\($0 == 1 ? "" : "s")" } ?? "") }))
        }
        var named = tasks.filter { mentioned.contains($0) }
        // "the deploy tasks": those whose keys have the word; a word no key has is asked, never every task.
        if named.isEmpty, let group = context.tasksNamedByAWord(tasks) {
            guard !group.keys.isEmpty else {
                throw PlanningStop(outcome: .clarify(question: "Job \(job) has no \(group.word) tasks; which tasks? It has \(tasks.joined(separator: ", ")).",
                                                     choices: tasks.map { "retry the \($0) task" + (given.map { " \($0) time\($0 == 1 ? "" : "s")" } ?? "") }))
            }
            named = group.keys
        }
        // "the three forecast tasks" where four keys have the word: asked (a fourth one was retried too).
        if named.count > 1, let said = context.countOfTasksSaid(), said != named.count {
            throw PlanningStop(outcome: .clarify(question: "The words fit \(named.count) tasks of job \(job) (\(named.joined(separator: ", "))), not \(said); which ones?",
                                                 choices: named.map { "retry the \($0) task" + (given.map { " \($0) time\($0 == 1 ? "" : "s")" } ?? "") }))
        }
        // "on every task except load": all of them but those.
        let excepted = context.exceptedParts(.task, of: ResourceReference(type: "jobs", key: job))
        // Condition tasks (if/else) are not retried: the Jobs API takes no retries on them.
        let conditions = taskNodes.filter { $0["condition_task"] != nil }.compactMap { $0["task_key"]?.string }
        var chosen = (named.isEmpty ? tasks.filter { !conditions.contains($0) } : named).filter { !excepted.contains($0) }
        if !named.isEmpty, named.allSatisfy(conditions.contains) {
            throw PlanningStop(outcome: .refused("\(named.joined(separator: ", ")) \(named.count == 1 ? "is a condition task" : "are condition tasks") of job \(job): the Jobs API does not retry condition tasks"))
        }
        chosen = chosen.filter { !conditions.contains($0) }
        guard !chosen.isEmpty else { throw PlanningStop(outcome: .refused("no task of job \(job) is left once \(excepted.joined(separator: ", ")) \(excepted.count == 1 ? "is" : "are") excepted")) }
        let location = context.jobLocation(job, target: target)
        var which = chosen.count == tasks.count && chosen.count > 1 ? "every task" : "task\(chosen.count == 1 ? "" : "s") \(chosen.joined(separator: ", "))"
        if Self.onTimeout(text) {
            let retry = !(text.isNegated || text.hasAny(["stop", "remove", "disable", "off"]))
            let nodes = taskNodes.filter { chosen.contains($0["task_key"]?.string ?? "") }
            let changing = nodes.compactMap { node -> String? in
                node["retry_on_timeout"]?.scalar?.value == .bool(retry) ? nil : node["task_key"]?.string
            }
            guard !changing.isEmpty else {
                throw PlanningStop(outcome: .refused("\(which) of job \(job) already \(retry ? "retr\(chosen.count == 1 || which == "every task" ? "ies" : "y")" : "do\(chosen.count == 1 || which == "every task" ? "es" : "") not retry") on timeout"))
            }
            let operations = changing.map { task in
                context.setInList(file: location.file, base: location.base, list: "tasks", identityField: "task_key", identity: task,
                                  inner: [.key("retry_on_timeout")], value: .bool(retry))
            }
            // Retrying on timeout means nothing without retries: said, not added unasked.
            let without = nodes.filter { ($0["max_retries"]?.string.flatMap(Int.init) ?? 0) == 0 }.compactMap { $0["task_key"]?.string }
            let note = retry && !without.isEmpty ? " \(without.joined(separator: ", ")) \(without.count == 1 ? "has" : "have") no retries yet (\"retry … 2 times\" adds them)." : ""
            return Plan(subject: "\(retry ? "Retry" : "Do not retry") \(which) of \(job) on timeout",
                        summary: "Set retry_on_timeout to \(retry) on \(changing.count == chosen.count ? which : "tasks \(changing.joined(separator: ", "))") of job \(job)\(context.forTarget(target)).\(note)",
                        target: target, job: job, edits: [(location.file, operations)])
        }
        if count > 0, let interval = Self.interval(text) {
            // "wait 5 minutes between retries" naming no task: the tasks that retry (the others were given retries,
            // turning back on what the user had taken off).
            if named.isEmpty, given == nil {
                let retrying = chosen.filter { task in (taskNodes.first { $0["task_key"]?.string == task }?["max_retries"]?.string.flatMap(Int.init) ?? 0) != 0 }
                if !retrying.isEmpty, retrying.count < chosen.count {
                    chosen = retrying
                    which = "task\(chosen.count == 1 ? "" : "s") \(chosen.joined(separator: ", "))"
                }
            }
            return plan(interval: interval, count: given, context, job: job, target: target, chosen: chosen, which: which,
                        nodes: taskNodes, location: location)
        }
        var operations: [EditOperation] = []
        // "remove the retries": max_retries goes where a task's definition writes it (0 is the default);
        // tasks without it stay as they are.
        if count == 0, target == nil {
            let written = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
            let retrying = written.indices.filter { i in chosen.contains(written[i]["task_key"]?.string ?? "") && written[i]["max_retries"] != nil }
            guard !retrying.isEmpty else {
                throw PlanningStop(outcome: .refused("nothing to change: no task of job \(job) is retried"))
            }
            let keys = retrying.compactMap { written[$0]["task_key"]?.string }
            return Plan(subject: "Stop retrying \(keys.count == tasks.count ? "every task" : keys.joined(separator: ", ")) of \(job)",
                        summary: "Removed max_retries from task\(keys.count == 1 ? "" : "s") \(keys.joined(separator: ", ")) of job \(job): \(keys.count == 1 ? "it is" : "they are") not retried.",
                        job: job, edits: [(location.file, retrying.map { .delete(location.base + [.key("tasks"), .index($0), .key("max_retries")]) })])
        }
        // "add one more retry", "another retry", "2 more retries", "increase the retries by 1": each task's
        // own count raised by that many (refused as "already retries", or lowered to the number said).
        let increment = Self.increment(text)
        func current(_ task: String) -> Int {
            taskNodes.first { $0["task_key"]?.string == task }?["max_retries"]?.string.flatMap(Int.init) ?? 0
        }
        // "add retries" without a number: tasks that retry already keep their count (never lowered to 2).
        if given == nil, increment == nil, count > 0 {
            let retrying = taskNodes.filter { node in
                guard let value = node["max_retries"], !value.isNull else { return false }
                return value.string.flatMap(Int.init).map { $0 != 0 } ?? true
            }.compactMap { $0["task_key"]?.string }
            let without = chosen.filter { !retrying.contains($0) }
            guard !without.isEmpty else {
                let counts = taskNodes.filter { chosen.contains($0["task_key"]?.string ?? "") }.compactMap { $0["max_retries"]?.string }
                let described = Set(counts).count == 1 ? " (up to \(counts[0]) times)" : ""
                throw PlanningStop(outcome: .refused("nothing to change: \(which) of job \(job) already retr\(chosen.count == 1 || which == "every task" ? "ies" : "y")\(described); say how many times to change it (\"retry … 3 times\")"))
            }
            if without.count < chosen.count {
                chosen = without
                which = "task\(chosen.count == 1 ? "" : "s") \(chosen.joined(separator: ", "))"
            }
        }
        var values: [String: Int] = [:]
        for task in chosen {
            let value = increment.map { current(task) + $0 } ?? count
            values[task] = value
            operations.append(context.setInList(file: location.file, base: location.base, list: "tasks", identityField: "task_key",
                                                identity: task, inner: [.key("max_retries")], value: .int(value)))
        }
        // What it was, when a task retried before ("add 1 retry" lowered 3 to 1 without a word).
        let before = Set(chosen.map(current))
        let was = before == [0] || before == Set(values.values) ? "" : before.count == 1 ? " (was \(before.first!))"
            : " (was \(chosen.map { "\($0): \(current($0))" }.joined(separator: ", ")))"
        let newValues = Set(values.values)
        if let increment, newValues.count > 1 {
            return Plan(subject: "Retry \(which) of \(job) \(pluralize(increment, "more time"))",
                        summary: "Raised max_retries by \(increment) on \(which) of job \(job)\(context.forTarget(target)): \(chosen.map { "\($0) \(current($0)) → \(values[$0]!)" }.joined(separator: ", ")).",
                        target: target, job: job, edits: [(location.file, operations)])
        }
        count = newValues.first ?? count
        // `max_retries: ${var.max_retries}`: the variable changes (VariableBackedFields).
        var plan = Plan(subject: count == 0 ? "Stop retrying \(which) of \(job)" : "Retry \(which) of \(job) up to \(pluralize(count, "time"))",
                        summary: "Set max_retries to \(count)\(was) on \(which) of job \(job)\(context.forTarget(target)).",
                        target: target, job: job, edits: [(location.file, operations)])
        // Tasks named loosely ("the silver transform"): the follow-ups ("make it 3") go on with them by key.
        if !named.isEmpty, named.count < tasks.count, !named.allSatisfy({ text.original.contains($0) }) {
            plan.request = "\(count == 0 ? "stop retrying" : "retry \(count) times") on the \(named.joined(separator: " and ")) task"
        }
        return plan
    }

    /// How many retries more the words ask: 1 for "another retry", "one more retry", "an extra retry"; n for
    /// "2 more retries", "increase the retries by 2"; nil otherwise.
    static func increment(_ text: RequestText) -> Int? {
        let lowered = text.lowered
        if let match = lowered.firstMatch(of: /\b(\d+|one|two|three|four|five|an?|another)\s+(?:more|extra|additional)\s+(?:retry|retries|attempts?)\b/) {
            let word = String(match.output.1)
            return Int(word) ?? RequestText.numberWords[word] ?? 1
        }
        if lowered.contains("another retry") || lowered.contains("one more retry") || lowered.contains("an extra retry") || lowered.contains("an additional retry") { return 1 }
        if let match = lowered.firstMatch(of: /\b(?:increase|raise|bump|up)\s+(?:the\s+)?(?:max\s+)?(?:retries|retry count|max_retries)\b.*?\bby\s+(\d+|one|two|three)\b/) {
            let word = String(match.output.1)
            return Int(word) ?? RequestText.numberWords[word]
        }
        return nil
    }

    /// The wait between retries the words give: "wait 5 minutes between retries", "retry every 10
    /// minutes", "with a 2 minute retry interval" (seconds).
    static func interval(_ text: RequestText) -> Int? {
        guard let seconds = text.duration, text.hasAny(["between", "interval", "every", "apart", "wait", "waiting", "delay", "pause"]) else { return nil }
        return seconds
    }

    /// min_retry_interval_millis on the chosen tasks; tasks that do not retry yet get the retries too
    /// (the count given, else 2), since a wait between retries means nothing without them.
    static func plan(interval: Int, count: Int?, _ context: PlanningContext, job: String, target: String?, chosen: [String], which: String,
                     nodes: [YAMLNode], location: (file: String, base: EditPath)) -> Plan {
        var operations: [EditOperation] = []
        var retriesAdded: [String] = []
        for task in chosen {
            func set(_ field: String, _ value: Int) {
                operations.append(context.setInList(file: location.file, base: location.base, list: "tasks", identityField: "task_key",
                                                    identity: task, inner: [.key(field)], value: .int(value)))
            }
            let current = nodes.first { $0["task_key"]?.string == task }?["max_retries"]?.string.flatMap(Int.init) ?? 0
            if let count { set("max_retries", count) } else if current == 0 { set("max_retries", 2); retriesAdded.append(task) }
            set("min_retry_interval_millis", interval * 1000)
        }
        let wait = JobTimeoutIntent.describe(interval)
        let retries = count.map { " and max_retries to \($0)" } ?? (retriesAdded.isEmpty ? "" : " (and max_retries to 2 on \(retriesAdded.joined(separator: ", ")), which did not retry)")
        return Plan(subject: "Wait \(wait) between retries of \(which) of \(job)",
                    summary: "Set min_retry_interval_millis to \(interval * 1000) (\(wait))\(retries) on \(which) of job \(job)\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, operations)])
    }
}
