import BundleEditing
import BundleModel

/// "run load after extract", "make the report task depend on load", "load should wait for extract",
/// "run extract before load", "load no longer depends on extract", "run load and report in parallel":
/// the order of a job's tasks (`depends_on`).
public enum TaskDependencyIntent: Intent {
    /// The request with "the <type> task" (and "the pipeline", for the one pipeline task) written as the
    /// keys of the one job's tasks of those types; nil when the words name no task so, or nothing changes.
    static func byTheirTypes(_ context: PlanningContext) -> PlanningContext? {
        let text = context.request.original
        guard text.range(of: "\\b(dashboard|pipeline|dlt|sql|query|dbt|notebook|wheel|python|condition|jar) (task|step)\\b|\\bthe pipeline\\b",
                         options: [.regularExpression, .caseInsensitive]) != nil,
              let job = try? context.job(where: { key in (context.effectiveJob(key, target: nil)?["tasks"]?.sequence?.count ?? 0) > 1 }) else { return nil }
        let tasks = context.effectiveJob(job, target: nil)?["tasks"]?.sequence ?? []
        var rewritten = text
        for (word, type) in ResourceCatalog.taskTypeWords {
            let typed = tasks.filter { $0[type] != nil }.compactMap { $0["task_key"]?.string }
            guard typed.count == 1 else { continue }
            let pattern = type == "pipeline_task" ? "\\b(the )?\(word)( (task|step))?\\b(?![_-])" : "\\b(the )?\(word) (task|step)\\b"
            rewritten = rewritten.replacingOccurrences(of: pattern, with: typed[0], options: [.regularExpression, .caseInsensitive])
        }
        guard rewritten != text else { return nil }
        var said = context.saying(rewritten)
        said.defaultResource = ResourceReference(type: "jobs", key: job)
        return said
    }

    public static let id = "task-dependencies"
    public static let summary = "the order of tasks (depends_on): after, before, in parallel"
    public static let examples = ["run load after extract", "make the report task depend on load", "run load and report in parallel"]

    static let scheduleWords = ["am", "pm", "daily", "every", "cron", "hourly", "weekly", "monthly", "midnight", "noon", "schedule", "o'clock",
                                "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekday", "weekdays"]
    static let packageWords = ["library", "libraries", "package", "packages", "pypi", "pip", "maven", "jar", "wheel", "whl", "requirements", "cran"]

    public static func score(_ text: RequestText) -> Int {
        if text.hasAny(packageWords) || text.hasAny(["add", "create", "append"]) && text.words.contains(where: { $0.hasSuffix(".py") || $0.hasSuffix(".ipynb") || $0.hasSuffix(".sql") }) { return 0 }
        // "run load and report in parallel", "let the extract and load steps run independently" (not
        // "allow 3 runs in parallel", which is about the job's runs).
        let together = text.hasAny(["parallel", "independently", "concurrently", "simultaneously"]) || text.contains("at the same time") || text.contains("side by side")
        if together && (text.has("and") || text.hasAny(["task", "tasks", "step", "steps"])) { return 5 }
        // "run set_table_metadata in parallel with refit_models": two tasks side by side.
        if text.contains("parallel with") || text.contains("alongside") || text.contains("at the same time as") { return 5 }
        if text.hasAny(["depend", "depends", "depending", "dependent"]) || text.contains("wait for") || text.contains("waits for") { return 4 }
        if text.hasAny(["dependency", "dependencies"]) && text.hasAny(["task", "tasks", "step", "steps"]) { return 4 }
        // "run the publish step after the audit instead of …": the order of named steps, above what a word of
        // their names says ("publish").
        if text.hasAny(["after", "before"]) && text.hasAny(["step", "task"]) && text.hasAny(["run", "runs", "start", "starts"])
            && (text.contains("instead of") || text.contains("rather than")) { return 4 }
        if text.hasAny(["after", "before"]) && text.hasAny(["run", "runs", "start", "starts", "execute", "executes", "happen", "happens", "go", "goes"])
            && text.duration == nil && !text.hasAny(scheduleWords)
            // (A number is a time, "after 6"; a task key that starts with one, 03_publish_analytics, is not.)
            && !text.words.contains(where: { $0.first?.isNumber == true && !$0.contains("_") }) { return 2 }
        return 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        // "run the dashboard task after the pipeline": the one task of each type said, by its key.
        if let named = byTheirTypes(context) { return try plan(named) }
        var context = context
        let text = context.request
        // "in the populate_all_data job, run the portfolio task after the smart_claims task": one job whose
        // task keys are written (smart_claims is also a word of the job smart_claims_job).
        if context.resourceOption == nil {
            let holding = context.catalog.references(ofType: "jobs").filter { job in
                let keys = (context.effectiveJob(job.key, target: nil)?["tasks"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
                return keys.filter { ResourceCatalog.writesToken($0, in: text.original) }.count >= 2
            }
            if holding.count == 1 {
                context = PlanningContext(bundle: context.bundle, request: context.request, targetOption: context.targetOption,
                                          resourceOption: holding[0].description, defaultResource: context.defaultResource,
                                          defaultTarget: context.defaultTarget, catalog: context.catalog)
            }
        }
        // "run the cicd job after sample_job": two jobs, which do not wait for each other.
        let jobs = context.catalog.mentions(in: text.original).filter { $0.key.type == "jobs" && $0.value == .name }.keys.sorted()
        if jobs.count >= 2, context.resourceOption == nil {
            let (first, second) = (jobs[0].key, jobs[1].key)
            throw PlanningStop(outcome: .refused("jobs \(first) and \(second) are separate jobs, and a job does not wait for another; to run one after the other, "
                + "make them one job, or give the first a last task that runs the other (a run_job_task with job_id ${resources.jobs.<key>.id})"))
        }
        let job = try context.job(where: { key in (context.effectiveJob(key, target: nil)?["tasks"]?.sequence?.count ?? 0) > 1 })
        let location = context.jobLocation(job, target: nil)
        let raw = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
        let keys = raw.compactMap { $0["task_key"]?.string }
        var graph: [String: [String]] = [:]
        for task in raw { if let key = task["task_key"]?.string { graph[key] = task["depends_on"]?.sequence?.compactMap { $0["task_key"]?.string } ?? [] } }
        // The tasks named, in the order the words name them.
        let words = ResourceCatalog.words(text.original)
        let parts = context.catalog.entries.first { $0.reference == ResourceReference(type: "jobs", key: job) }?.parts.filter { $0.kind == .task } ?? []
        // (A camel-case key written as it is, TaskTwo, is named although its words are common; a snake-case one
        // of common words, run_pipeline, is read by the order words below, as before.)
        let named = parts.filter { part in
            (ResourceCatalog.names(part, in: words) || (!part.key.contains("_") && ResourceCatalog.names(part, in: words, text: text.original))) && keys.contains(part.key)
        }
            .compactMap { part in ResourceCatalog.position(of: part.words, in: words).map { (part.key, $0) } }
            .sorted { $0.1 < $1.1 }
        let parallel = text.hasAny(["parallel", "independently", "concurrently", "simultaneously", "alongside"]) || text.contains("at the same time") || text.contains("side by side")
        let remove = parallel || text.contains("no longer") || text.contains("not depend") || text.contains("not wait") || text.contains("n't wait")
            || text.contains("n't depend") || text.hasAny(["remove", "drop", "delete", "stop"])
            // "b doesn't need to wait for a", "no need for b to wait for a" (it read "b runs after a": already so).
            || text.original.range(of: #"(?i)(?:n['’]t|\bnot|\bnever|\bno)\s+(?:need|needs|have|has)\s+to\s+(?:wait|depend|run\s+after)|\bno\s+need\s+(?:for\s+\S+\s+)?to\s+(?:wait|depend)"#, options: .regularExpression) != nil
        guard named.count >= 2 else {
            throw PlanningStop(outcome: .clarify(question: "Which tasks of job \(job)? Name the task that waits and the one it waits for (its tasks: \(keys.joined(separator: ", "))).",
                                                 choices: keys.count >= 2 ? ["run \(keys[1]) after \(keys[0])"] : []))
        }
        // "run silver_transform and gold_publish in parallel after bronze_ingest": the tasks named before "after" side by side,
        // each waiting for the ones named after it (silver's own wait for bronze was removed with the others).
        if parallel, let at = words.firstIndex(where: { ["after", "once"].contains($0) }),
           case let group = named.filter({ $0.1 < at }).map(\.0), case let upstream = named.filter({ $0.1 > at }).map(\.0),
           group.count >= 2, !upstream.isEmpty, Set(group).isDisjoint(with: upstream) {
            var operations: [EditOperation] = []
            var described: [String] = []
            for task in group {
                var deps = (graph[task] ?? []).filter { !group.contains($0) }
                for u in upstream where !deps.contains(u) {
                    if reaches(u, task, graph) { throw PlanningStop(outcome: .refused("\(u) already runs after \(task); making \(task) wait for \(u) would be a cycle")) }
                    deps.append(u)
                }
                guard deps != graph[task] ?? [], let index = raw.firstIndex(where: { $0["task_key"]?.string == task }) else { continue }
                graph[task] = deps
                let path = location.base + [.key("tasks"), .index(index), .key("depends_on")]
                operations.append(.set(path, .sequence(deps.map { .mapping([("task_key", .string($0))]) })))
                described.append("\(task) runs after \(deps.joined(separator: ", "))")
            }
            guard !operations.isEmpty else {
                throw PlanningStop(outcome: .refused("\(group.joined(separator: " and ")) already run side by side after \(upstream.joined(separator: ", "))"))
            }
            return Plan(subject: "Run \(group.joined(separator: " and ")) in parallel after \(upstream.joined(separator: ", ")) in \(job)",
                        summary: "Changed depends_on in job \(job): \(described.joined(separator: "; ")); \(group.joined(separator: " and ")) run side by side.",
                        job: job, edits: [(location.file, operations)])
        }
        var pairs: [(task: String, upstream: String)] = []
        var replaced: [String] = []
        if remove {
            // Every dependency between the tasks named goes, whichever way the words put it.
            for (a, _) in named { for (b, _) in named where a != b && graph[a]?.contains(b) == true { pairs.append((a, b)) } }
            guard !pairs.isEmpty else {
                throw PlanningStop(outcome: .refused("\(named.map(\.0).joined(separator: " and ")) already run independently of each other (neither waits for the other)"))
            }
        } else {
            // The word that relates them: tasks before it wait for tasks after it ("load after extract"),
            // or the other way round for "before".
            let relation = words.firstIndex { ["after", "before", "depend", "depends", "depending", "dependent", "wait", "waits", "dependency", "dependencies"].contains($0) } ?? named[0].1 + 1
            // "after build_gold instead of build_silver", "rather than", "not after build_silver": the tasks
            // after those words are the ones it no longer waits for.
            let insteadAt = (1..<max(words.count, 1)).first { i in
                (words[i - 1] == "instead" && words[i] == "of") || (words[i - 1] == "rather" && words[i] == "than")
                    || (words[i - 1] == "not" && ["after", "before"].contains(words[i]) && i - 1 > relation)
            }
            replaced = insteadAt.map { at in named.filter { $0.1 > at }.map(\.0) } ?? []
            let first = named.filter { $0.1 < relation }.map(\.0), second = named.filter { $0.1 > relation && !replaced.contains($0.0) }.map(\.0)
            guard !first.isEmpty, !second.isEmpty else {
                throw PlanningStop(outcome: .clarify(question: "Which task waits for which? Say it as \"run \(named[1].0) after \(named[0].0)\".",
                                                     choices: ["run \(named[1].0) after \(named[0].0)", "run \(named[0].0) after \(named[1].0)"]))
            }
            let before = words[relation] == "before"
            for task in before ? second : first { for upstream in before ? first : second where task != upstream { pairs.append((task, upstream)) } }
        }
        var operations: [EditOperation] = []
        var described: [String] = []
        for task in Set(pairs.map(\.task)).sorted() {
            let upstreams = pairs.filter { $0.task == task }.map(\.upstream)
            var deps = graph[task] ?? []
            if remove {
                deps.removeAll { upstreams.contains($0) }
                // "in parallel": side by side, so it still waits for what the other waited for (it would
                // otherwise start with the run, before the tasks upstream of both).
                if parallel {
                    for upstream in upstreams { for inherited in graph[upstream] ?? [] where inherited != task && !deps.contains(inherited) { deps.append(inherited) } }
                }
            } else {
                // "depend only on ingest": the tasks named replace the ones it waited for.
                if text.has("only") { deps.removeAll { !upstreams.contains($0) } }
                deps.removeAll { replaced.contains($0) }
                for upstream in upstreams where !deps.contains(upstream) {
                    if reaches(upstream, task, graph) {
                        throw PlanningStop(outcome: .refused("\(upstream) already runs after \(task); making \(task) wait for \(upstream) would be a cycle"))
                    }
                    // Already after it through the tasks between: nothing to add.
                    if !text.has("only"), replaced.isEmpty, let through = deps.first(where: { reaches($0, upstream, graph) }) {
                        if upstreams.count == 1 {
                            throw PlanningStop(outcome: .refused("\(task) already runs after \(upstream) (it waits for \(through), which runs after \(upstream))"))
                        }
                        continue
                    }
                    deps.append(upstream)
                }
            }
            guard deps != graph[task] ?? [] else { continue }
            let dropped = (graph[task] ?? []).filter { replaced.contains($0) && !deps.contains($0) }
            graph[task] = deps
            let index = raw.firstIndex { $0["task_key"]?.string == task }!
            let path = location.base + [.key("tasks"), .index(index), .key("depends_on")]
            operations.append(deps.isEmpty ? .delete(path) : .set(path, .sequence(deps.map { .mapping([("task_key", .string($0))]) })))
            // (A task left waiting for nothing starts with the run, before what its upstream waited for: said, as it
            // may not be what was meant — a gate meant to fail before any table is written.)
            let startsFirst = remove && deps.isEmpty && upstreams.contains(where: { !(graph[$0] ?? []).isEmpty })
            let beside = raw.compactMap { $0["task_key"]?.string }.filter { $0 != task && (graph[$0] ?? []).isEmpty }
            described.append(remove ? "\(task) no longer waits for \(upstreams.joined(separator: ", "))"
                                 + (startsFirst ? " (it now waits for no task: it starts when the run starts\(beside.isEmpty ? "" : ", alongside \(beside.joined(separator: ", "))"); "
                                    + "to keep it after the tasks before \(upstreams[0]), say \"run \(task) alongside \(upstreams[0])\")" : "")
                             : "\(task) runs after \(upstreams.joined(separator: ", "))" + (dropped.isEmpty ? "" : " instead of \(dropped.joined(separator: ", "))"))
        }
        // A task that reads a task value ({{tasks.extract.values.run_date}}) of a task it no longer waits for fails at run
        // time (task values are read from upstream tasks only): refused, saying which value.
        if remove {
            for task in raw {
                guard let key = task["task_key"]?.string, graph[key] != nil else { continue }
                func strings(_ node: YAMLNode) -> [String] {
                    if let text = node.string { return [text] }
                    if let mapping = node.mapping { return mapping.entries.flatMap { strings($0.value) } }
                    return (node.sequence ?? []).flatMap(strings)
                }
                let text = strings(task).joined(separator: "\n")
                for upstream in keys where upstream != key && text.contains("{{tasks.\(upstream).values.") && !reaches(key, upstream, graph) {
                    throw PlanningStop(outcome: .refused("\(key) reads task values of \(upstream) ({{tasks.\(upstream).values.…}}), which a task can read only from tasks it waits for; "
                        + "it must keep waiting for \(upstream), or stop reading its values first"))
                }
            }
        }
        guard !operations.isEmpty else {
            let pair = pairs[0]
            throw PlanningStop(outcome: .refused(remove ? "\(pair.task) does not wait for \(pair.upstream)" : "\(pair.task) already runs after \(pair.upstream)"))
        }
        return Plan(subject: described.count == 1 ? "\(EveryResource.capitalized(described[0])) in \(job)" : "Change the order of the tasks of \(job)",
                    summary: "Changed depends_on in job \(job): \(described.joined(separator: "; ")).",
                    job: job, edits: [(location.file, operations)])
    }

    /// Whether `from` waits, directly or through others, for `to`.
    static func reaches(_ from: String, _ to: String, _ graph: [String: [String]]) -> Bool {
        var seen: Set<String> = []
        var stack = [from]
        while let next = stack.popLast() {
            if next == to { return true }
            guard seen.insert(next).inserted else { continue }
            stack += graph[next] ?? []
        }
        return false
    }
}
