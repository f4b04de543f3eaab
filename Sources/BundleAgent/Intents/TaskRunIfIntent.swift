import BundleEditing
import BundleModel

/// "run the cleanup task even if the others fail", "run notify only when a task before it fails",
/// "make monitor run only if everything before it succeeded": when a task runs, given how the tasks it
/// depends on ended (`run_if`).
public enum TaskRunIfIntent: Intent {
    public static let id = "task-run-if"
    public static let summary = "when a task runs, given how the tasks before it ended (run_if: all done, all succeeded, one failed…)"
    public static let examples = ["run the cleanup task even if the tasks before it fail", "run notify only when a task before it fails",
                                  "set run_if of the report task to ALL_DONE"]

    static let values = ["ALL_SUCCESS", "ALL_DONE", "NONE_FAILED", "AT_LEAST_ONE_SUCCESS", "ALL_FAILED", "AT_LEAST_ONE_FAILED"]
    static let upstreamWords = ["before it", "upstream", "dependencies", "dependency", "the others", "other tasks", "previous", "earlier",
                                "everything", "any task", "all tasks", "anything", "the tasks", "its parents", "what it depends on", "it waits for"]
    static let outcomeWords = ["fail", "fails", "failed", "failure", "failures", "succeed", "succeeds", "succeeded", "success", "successful", "done", "finish",
                               "finished", "finishes", "complete", "completed"]

    public static func score(_ text: RequestText) -> Int {
        if text.has("run_if") || text.words.contains(where: { values.contains($0.uppercased()) }) { return 6 }
        // "let batch_score run whatever happens to evaluate": whatever the task before it did.
        if ["whatever happens to", "no matter what happens to", "regardless of what happens to", "regardless of how"].contains(where: { text.contains($0) }) { return 4 }
        let conditional = ["even if", "even when", "regardless", "whether or not", "no matter", "only if", "only when", "as long as", "always run"].contains { text.contains($0) }
        guard conditional, text.hasAny(outcomeWords) else { return 0 }
        // "run test_data_quality even if test_transformations fails", "run batch_score even when evaluate
        // fails": the task it waits for, by its key.
        let namesUpstream = text.lowered.range(of: #"(even if|even when|only if|only when|whether or not|no matter if)\s+(the\s+)?[a-z0-9_-]+(\s+(task|step))?\s+(fails|failed|succeeds|succeeded|finishes|is done|completes)"#,
                                               options: .regularExpression) != nil
        guard namesUpstream || upstreamWords.contains(where: { text.contains($0) }) else { return 0 }
        return 4
    }

    /// The run_if the words ask for; nil when they say none clearly.
    static func value(_ text: RequestText) -> String? {
        if let written = text.words.first(where: { values.contains($0.uppercased()) }) { return written.uppercased() }
        let fail = text.hasAny(["fail", "fails", "failed", "failure", "failures"])
        let succeed = text.hasAny(["succeed", "succeeds", "succeeded", "success", "successful"])
        if text.contains("at least one") || text.hasAny(["any", "one", "some"]) || text.contains("a task") {
            if fail && !text.contains("even if") && !text.hasAny(["regardless"]) { return "AT_LEAST_ONE_FAILED" }
            if succeed { return "AT_LEAST_ONE_SUCCESS" }
        }
        if text.contains("none failed") || text.contains("nothing failed") || text.contains("no task failed") || text.contains("none of them failed") { return "NONE_FAILED" }
        if fail && (text.contains("all failed") || text.contains("all of them failed") || text.contains("everything failed")) { return "ALL_FAILED" }
        if ["even if", "even when", "regardless", "whether or not", "no matter", "always run", "whatever happens"].contains(where: { text.contains($0) })
            || (text.hasAny(["done", "finish", "finished", "finishes", "complete", "completed"]) && !succeed && !fail) { return "ALL_DONE" }
        if succeed && (text.contains("only if") || text.contains("only when") || text.contains("as long as")) { return "ALL_SUCCESS" }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        guard let value = value(text) else {
            throw PlanningStop(outcome: .clarify(question: "When should the task run? After all tasks before it succeeded (the default), whatever they did, or only when one failed?",
                                                 choices: ["run the task even if the tasks before it fail", "run the task only when a task before it fails"]))
        }
        let target = try context.target()
        let job = try context.job(where: { key in (context.effectiveJob(key, target: target)?["tasks"]?.sequence ?? []).contains { $0["depends_on"] != nil } })
        let reference = ResourceReference(type: "jobs", key: job)
        let tasks = context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []
        let waiting = tasks.filter { $0["depends_on"] != nil }.compactMap { $0["task_key"]?.string }
        // ("always run load, whether or not extract succeeded": the one named that waits for others.)
        var said = context.namedParts(.task, of: reference)
        // "run A even if B fails": A is the one whose run_if changes (B is named after the "if").
        if said.count > 1, let condition = text.original.range(of: #"\b(if|when|whether|whatever|regardless)\b"#, options: [.regularExpression, .caseInsensitive]) {
            // (Where a task is named: its key, or a word of it — "the verification" for post_pipeline_verification.)
            func position(_ key: String) -> String.Index? {
                if let whole = text.original.range(of: key, options: .caseInsensitive) { return whole.lowerBound }
                return key.split(whereSeparator: { $0 == "_" || $0 == "-" }).filter { $0.count >= 4 }
                    .compactMap { text.original.range(of: String($0), options: .caseInsensitive)?.lowerBound }.min()
            }
            let before = said.filter { key in position(key).map { $0 < condition.lowerBound } ?? false }
            if before.count == 1 { said = before }
        }
        var named = said.count > 1 && said.filter(waiting.contains).count == 1 ? said.filter(waiting.contains) : said
        // "the verification should still run even if the orchestrator step fails": only the task after the
        // "if" is named (B); the task is the one that waits for it, when one does.
        if named.count == 1, !waiting.contains(named[0]) {
            let upstream = named[0]
            let downstream = tasks.filter { ($0["depends_on"]?.sequence ?? []).contains { $0["task_key"]?.string == upstream } }.compactMap { $0["task_key"]?.string }
            if downstream.count == 1 { named = downstream }
        }
        guard named.count == 1, let task = named.first else {
            throw PlanningStop(outcome: .clarify(question: "Which task of job \(job)? The tasks that wait for others: \(waiting.joined(separator: ", ")).",
                                                 choices: waiting.map { "set run_if of the \($0) task to \(value)" }))
        }
        guard waiting.contains(task) else {
            throw PlanningStop(outcome: .refused("task \(task) of job \(job) depends on no task, and run_if decides on the tasks it depends on; make it wait for one first (\"run \(task) after …\")"))
        }
        let current = tasks.first { $0["task_key"]?.string == task }?["run_if"]?.string ?? "ALL_SUCCESS"
        if current == value { throw PlanningStop(outcome: .refused("task \(task) of job \(job) already runs \(Self.phrase(value))\(context.forTarget(target))")) }
        let location = context.jobLocation(job, target: target)
        let operation = context.setInList(file: location.file, base: location.base, list: "tasks", identityField: "task_key", identity: task,
                                          inner: [.key("run_if")], value: .string(value))
        return Plan(subject: "Run \(task) of \(job) \(Self.phrase(value))",
                    summary: "Set run_if to \(value) (was \(current)) on task \(task) of job \(job)\(context.forTarget(target)): it runs \(Self.phrase(value)).",
                    target: target, job: job, edits: [(location.file, [operation])])
    }

    static func phrase(_ value: String) -> String {
        switch value {
        case "ALL_DONE": return "when the tasks before it are done, whether they succeeded or not"
        case "NONE_FAILED": return "when none of the tasks before it failed (some may have been skipped)"
        case "AT_LEAST_ONE_SUCCESS": return "when at least one task before it succeeded"
        case "ALL_FAILED": return "only when all the tasks before it failed"
        case "AT_LEAST_ONE_FAILED": return "when at least one task before it failed"
        default: return "only when all the tasks before it succeeded"
        }
    }
}
