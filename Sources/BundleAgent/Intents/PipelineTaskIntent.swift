import Foundation
import BundleEditing
import BundleModel

/// "add a task that runs the pipeline", "make the sales sync refresh the clickstream pipeline first",
/// "run the orders pipeline after the load task": a job's `pipeline_task` on a pipeline of the bundle.
public enum PipelineTaskIntent: Intent {
    public static let id = "pipeline-task"
    public static let summary = "a job task that updates a pipeline of the bundle (first, or after a task)"
    public static let examples = ["add a task that runs the pipeline", "make the job refresh the clickstream pipeline first"]

    public static func score(_ text: RequestText) -> Int {
        // A word of a path ("runs src/data_product/pipelines/backfill.py") names no pipeline.
        let words = RequestText(text.original.split(separator: " ").filter { !$0.contains("/") && !$0.hasSuffix(".py") && !$0.hasSuffix(".sql") }.joined(separator: " "))
        // "add a new job that runs the pipeline" is a new job.
        // ("stop doing full refreshes in the refresh job", "turn off full refresh": a pipeline task's setting, the pipeline unsaid.)
        guard words.hasAny(ResourceVocabulary.nouns["pipelines"]!) || saysFullRefresh(text), NewJobIntent.score(text) == 0 else { return 0 }
        // "add a check task after the pipeline refresh that runs ../src/dq.py": a task that runs that file,
        // ordered after the pipeline's (AddTaskIntent), not a pipeline task.
        let files = text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`")) }.filter { token in
            [".py", ".ipynb", ".sql", ".scala", ".r", ".whl", ".jar"].contains { token.lowercased().hasSuffix($0) }
        }
        if !files.isEmpty, text.hasAny(["runs", "run", "running", "executes", "execute"]) { return 0 }
        // "add retries to the pipeline task", "set a timeout on the pipeline task": a setting of that task.
        if text.hasAny(["retry", "retries", "max_retries", "timeout", "timeouts", "email", "emails", "notification", "notifications", "parameter",
                        "parameters", "library", "libraries", "dependency", "dependencies", "rename", "remove", "delete", "drop"]) { return 0 }
        let ordered = text.hasAny(["first", "before", "after", "then", "beforehand"])
        // "run the dashboard task after the pipeline": a task the job has, ordered (TaskDependencyIntent),
        // not a new pipeline task; its noun comes before the order word, after a word that is no pipeline's.
        let w = words.words
        if !text.hasAny(["add", "create", "new", "append"]), let order = w.firstIndex(where: { ["before", "after"].contains($0) }),
           let task = w.firstIndex(where: { ["task", "step"].contains($0) }), task < order, task > 0,
           !(ResourceVocabulary.nouns["pipelines"] ?? []).contains(w[task - 1]) {
            return 0
        }
        // "do a full refresh when the sales sync updates the pipeline": the pipeline task's full_refresh.
        // ("the pipeline should not do a full refresh every run", "don't full refresh it each time": the task that runs it.)
        if (saysFullRefresh(text))
            && text.hasAny(["job", "jobs", "workflow", "task", "when", "whenever", "run", "runs", "time", "each", "every", "always", "stop", "off", "on",
                            "disable", "enable", "no", "not", "don't", "never"]) { return 5 }
        // "run the pipeline refresh job every 2 hours": the job's schedule (it said the job already updates the pipeline).
        if !ordered, !text.hasAny(["task", "step"]), text.hasAny(["job", "jobs", "workflow"]), ScheduleIntent.score(text) > 0 { return 0 }
        if text.hasAny(["task", "step"]) && (text.hasAny(["add", "create", "new", "append"]) || ordered) { return 6 }
        if text.hasAny(["refresh", "refreshes", "refreshing", "update", "updates", "updating"]) && (text.hasAny(["job", "jobs", "workflow"]) || ordered) { return 5 }
        if text.hasAny(["job", "jobs", "workflow"]) && text.hasAny(["run", "runs", "trigger", "triggers", "start", "starts"]) && ordered { return 5 }
        return 0
    }

    /// "a full refresh", "full refreshes", "fully refresh", "full_refresh", "full-refresh".
    static func saysFullRefresh(_ text: RequestText) -> Bool {
        text.contains("full refresh") || text.has("full_refresh") || text.contains("fully refresh") || text.contains("full-refresh")
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let pipeline = try chosenPipeline(context)
        let pipelineNode = context.bundle.configuration["resources"]?["pipelines"]?[pipeline.key]
        let pipelineWords = [pipeline.key, pipelineNode?["name"]?.string].compactMap { $0 }
        // "a full refresh" says what to do, not which job ("Actuarial Workshop — Full Setup").
        let scoped = context.ignoring(pipelineWords + ["full refreshes", "full refresh", "full_refresh", "fully refreshes", "fully refresh", "full-refresh"])
        // A full refresh is the setting of a job that runs the pipeline: of those, the one (it asked which of every job).
        let reference = "${resources.pipelines.\(pipeline.key).id}"
        let runsIt: (String) -> Bool = { key in
            (context.effectiveJob(key, target: nil)?["tasks"]?.sequence ?? []).contains { $0["pipeline_task"]?["pipeline_id"]?.string == reference }
        }
        let fullRefresh = saysFullRefresh(text)
        let job = try fullRefresh && context.catalog.references(ofType: "jobs").contains(where: { runsIt($0.key) }) ? scoped.job(where: runsIt) : scoped.job()
        let location = context.jobLocation(job, target: nil)
        let raw = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
        let keys = raw.compactMap { $0["task_key"]?.string }
        if let index = raw.firstIndex(where: { $0["pipeline_task"]?["pipeline_id"]?.string == reference }) {
            let existing = raw[index]
            let taskKey = existing["task_key"]?.string ?? "?"
            // "do a full refresh when the job updates the pipeline" (or "no full refresh"): that task's setting.
            let full = saysFullRefresh(text)
            if full {
                let wanted = !(text.isNegated || text.hasAny(["no", "without", "stop", "incremental", "incrementally", "off", "disable", "disabled", "skip", "avoid", "never"]))
                // "fully refresh the pipeline once a week on sunday": full_refresh is every run's (the job's daily runs all became full
                // refreshes, the week dropped unsaid) — refused, saying what that needs.
                let days = ScheduleIntent.week.flatMap { [$0, $0 + "s"] }
                if wanted, text.hasAny(["week", "weekly", "weekend", "weekends", "month", "monthly", "fortnight", "fortnightly", "once", "occasionally", "sometimes"] + days) {
                    throw PlanningStop(outcome: .refused("full_refresh is a setting of every run of task \(taskKey) of job \(job), not of some runs; a full refresh once in a while needs a job of its own on that schedule "
                        + "(a copy of \(job)'s pipeline task with full_refresh: true), or a run started by hand with a full refresh"))
                }
                // "… in dev": that target's override (the shared task changed, prod too).
                let target = try scoped.target()
                let effective = (context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []).first { $0["task_key"]?.string == taskKey }
                let current = (target == nil ? existing : effective ?? existing)["pipeline_task"]?["full_refresh"]?.scalar?.value == .bool(true)
                guard current != wanted else {
                    throw PlanningStop(outcome: .refused("task \(taskKey) of job \(job) already runs \(wanted ? "a full refresh" : "an incremental update") of pipeline \(pipeline.key)\(context.forTarget(target))"))
                }
                if let target {
                    let scopedLocation = context.jobLocation(job, target: target)
                    return Plan(subject: "\(wanted ? "Fully refresh" : "Incrementally update") pipeline \(pipeline.key) in \(job) in \(target)",
                                summary: "Set pipeline_task.full_refresh to \(wanted) on task \(taskKey) of job \(job)\(context.forTarget(target)): each run there \(wanted ? "recomputes every table of pipeline \(pipeline.key) from scratch" : "updates pipeline \(pipeline.key) incrementally").",
                                target: target, job: job,
                                edits: [(scopedLocation.file, [context.setInList(file: scopedLocation.file, base: scopedLocation.base, list: "tasks", identityField: "task_key",
                                                                                 identity: taskKey, inner: [.key("pipeline_task"), .key("full_refresh")], value: .bool(wanted))])])
                }
                let path = location.base + [.key("tasks"), .index(index), .key("pipeline_task"), .key("full_refresh")]
                return Plan(subject: "\(wanted ? "Fully refresh" : "Incrementally update") pipeline \(pipeline.key) in \(job)",
                            summary: "Set pipeline_task.full_refresh to \(wanted) on task \(taskKey) of job \(job): each run \(wanted ? "recomputes every table of pipeline \(pipeline.key) from scratch" : "updates pipeline \(pipeline.key) incrementally").",
                            job: job, edits: [(location.file, [wanted || existing["pipeline_task"]?["full_refresh"] == nil ? .set(path, .bool(wanted)) : .delete(path)])])
            }
            throw PlanningStop(outcome: .refused("job \(job) already updates pipeline \(pipeline.key) (task \(taskKey))"))
        }
        let words = KeyValueWords.original(text)
        // "a task called X", or "add a task refresh_pipeline after …": the word after "task" that is no other word.
        let afterTask = words.firstIndex { ["task", "step"].contains($0.lowercased()) }.flatMap { i -> String? in
            guard i + 1 < words.count, i > 0, ["a", "an", "new"].contains(words[i - 1].lowercased()) else { return nil }
            let word = words[i + 1]
            return word.first?.isLetter == true && word.allSatisfy({ $0.isLetter || $0.isNumber || "_-".contains($0) })
                && !AddTaskIntent.notNames.contains(word.lowercased()) && !keys.contains(word) ? word : nil
        }
        let named = words.firstIndex { ["called", "named"].contains($0.lowercased()) }.flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil } ?? afterTask
        let key = named ?? "refresh_\(pipeline.key)"
        guard !keys.contains(key) else {
            throw PlanningStop(outcome: .refused("job \(job) already has a task \(key); name the new one (\"… a task called refresh_2 …\")"))
        }
        let mentioned = scoped.namedParts(.task, of: ResourceReference(type: "jobs", key: job)).filter(keys.contains)
        let first = text.hasAny(["first", "beforehand", "before"])
        var body: [(String, EditValue)] = [("task_key", .string(key))]
        var operations: [EditOperation] = []
        var position = ""
        if first {
            // Before the tasks named, else before every task that waits for nothing.
            let before = mentioned.isEmpty ? raw.filter { $0["depends_on"] == nil }.compactMap { $0["task_key"]?.string } : mentioned
            for (index, task) in raw.enumerated() where before.contains(task["task_key"]?.string ?? "") {
                let path = location.base + [.key("tasks"), .index(index), .key("depends_on")]
                let dependency = EditValue.mapping([("task_key", .string(key))])
                operations.append(task["depends_on"] == nil ? .set(path, .sequence([dependency])) : .append(path, dependency))
            }
            position = before.isEmpty ? "" : " before \(before.joined(separator: ", "))"
            // Before one task that waits for others: the update waits for them too.
            if before.count == 1, let waits = raw.first(where: { $0["task_key"]?.string == before[0] })?["depends_on"]?.sequence?.compactMap({ $0["task_key"]?.string }), !waits.isEmpty {
                body.append(("depends_on", .sequence(waits.map { .mapping([("task_key", .string($0))]) })))
            }
        } else if let after = mentioned.last ?? (text.hasAny(["after", "then"]) || !keys.isEmpty ? keys.last : nil) {
            body.append(("depends_on", .sequence([.mapping([("task_key", .string(after))])])))
            position = " after \(after)"
        }
        var task: [(String, EditValue)] = [("pipeline_id", .string(reference))]
        if saysFullRefresh(text) { task.append(("full_refresh", .bool(true))) }
        body.append(("pipeline_task", .mapping(task)))
        operations.insert(.append(location.base + [.key("tasks")], .mapping(body)), at: 0)
        return Plan(subject: "Update pipeline \(pipeline.key) from \(job)\(position)",
                    summary: "Added the task \(key) to job \(job)\(position): it runs an update of pipeline \(pipeline.key)\(task.count > 1 ? " with a full refresh" : "").",
                    job: job, edits: [(location.file, operations)])
    }

    /// The pipeline the request names, or the bundle's only one.
    static func chosenPipeline(_ context: PlanningContext) throws -> ResourceReference {
        let all = context.catalog.references(ofType: "pipelines")
        guard !all.isEmpty else { throw PlanningStop(outcome: .refused("this bundle defines no pipeline" + context.pythonResourcesNote)) }
        let mentions = context.catalog.mentions(in: context.request.original).filter { $0.key.type == "pipelines" }
        if let strongest = mentions.values.max() {
            let best = mentions.filter { $0.value == strongest }.keys.sorted()
            if best.count == 1 { return best[0] }
        }
        if all.count == 1 { return all[0] }
        // "stop doing full refreshes in the refresh job": the one pipeline the job named runs.
        if saysFullRefresh(context.request) {
            let jobs = context.catalog.mentions(in: context.request.original).filter { $0.key.type == "jobs" }.keys
            let run = Set(jobs.flatMap { job in
                (context.effectiveJob(job.key, target: nil)?["tasks"]?.sequence ?? []).compactMap { $0["pipeline_task"]?["pipeline_id"]?.string }
            }).compactMap { id in all.first { "${resources.pipelines.\($0.key).id}" == id } }
            if run.count == 1 { return run[0] }
        }
        throw PlanningStop(outcome: .clarify(question: "Which pipeline should the task update? This bundle has \(all.map(\.key).joined(separator: ", ")).",
                                             choices: all.map { "add a task that runs the \($0.key) pipeline" }))
    }
}
