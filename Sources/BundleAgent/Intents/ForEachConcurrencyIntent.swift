import BundleEditing
import BundleModel

/// "set the concurrency of the download loop to 8", "run 8 iterations at once": how many iterations of
/// a for-each task run at the same time (`for_each_task.concurrency`).
public enum ForEachConcurrencyIntent: Intent {
    public static let id = "for-each-concurrency"
    public static let summary = "how many iterations of a for-each task run at once (concurrency)"
    public static let examples = ["set the concurrency of the download loop to 8", "run 4 iterations of the for each task at once"]

    public static func score(_ text: RequestText) -> Int {
        let loop = text.contains("for each") || text.contains("for-each") || text.hasAny(["foreach", "for_each", "for_each_task", "loop", "iterations", "iteration"])
        let parallel = text.hasAny(["concurrency", "concurrent", "parallel", "parallelism", "simultaneously"]) || text.contains("at once") || text.contains("at a time")
        return loop && parallel ? 6 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let target = try context.target()
        let loops: (String) -> [YAMLNode] = { job in
            (context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []).filter { $0["for_each_task"] != nil }
        }
        let job = try context.job(where: { !loops($0).isEmpty }, unfit: { _ in "has no for-each task" })
        let nodes = loops(job)
        // ("run the validate task for each of bronze, silver and gold with 3 at a time" where the job has no
        // for-each task: it changed the job's max_concurrent_runs.)
        guard !nodes.isEmpty else {
            throw PlanningStop(outcome: .refused("job \(job) has no for-each task whose iterations could run at once; making one (a for_each_task with inputs and the task it runs) is an edit of its own"))
        }
        let keys = nodes.compactMap { $0["task_key"]?.string }
        let inner = nodes.compactMap { $0["for_each_task"]?["task"]?["task_key"]?.string }
        // By its key, its inner task's, or a word of them ("the download loop").
        let words = Set(text.words)
        var chosen = zip(keys, inner + Array(repeating: "", count: max(0, keys.count - inner.count))).filter { outer, nested in
            ResourceCatalog.writesToken(outer, in: text.original) || (!nested.isEmpty && ResourceCatalog.writesToken(nested, in: text.original))
        }.map(\.0)
        if chosen.isEmpty {
            chosen = keys.filter { key in !Set(ResourceCatalog.words(key)).subtracting(["for", "each", "task", "loop"]).isDisjoint(with: words) }
        }
        if chosen.isEmpty, keys.count == 1 { chosen = keys }
        guard chosen.count == 1, let outer = chosen.first else {
            throw PlanningStop(outcome: .clarify(question: "Which for-each task of job \(job)? It has \(keys.joined(separator: ", ")).",
                                                 choices: keys.map { "set the concurrency of \($0) to 4" }))
        }
        guard let count = text.number(after: ["to", "concurrency", "of"]) ?? text.number(before: ["iterations", "iteration", "at", "in", "concurrent", "parallel"]),
              count >= 1 else {
            throw PlanningStop(outcome: .clarify(question: "How many iterations of \(outer) should run at once?", choices: ["set the concurrency of \(outer) to 4"]))
        }
        guard count <= 100 else { throw PlanningStop(outcome: .refused("a for-each task runs at most 100 iterations at once (the Jobs API's limit); \(count) is more")) }
        let current = nodes.first { $0["task_key"]?.string == outer }?["for_each_task"]?["concurrency"]?.string.flatMap(Int.init)
        if current == count { throw PlanningStop(outcome: .refused("the for-each task \(outer) of job \(job) already runs \(count) at once\(context.forTarget(target))")) }
        let location = context.jobLocation(job, target: target)
        let operation = context.setInList(file: location.file, base: location.base, list: "tasks", identityField: "task_key", identity: outer,
                                          inner: [.key("for_each_task"), .key("concurrency")], value: .int(count))
        return Plan(subject: "Run \(count) iteration\(count == 1 ? "" : "s") of \(outer) at once\(target.map { " in \($0)" } ?? "")",
                    summary: "Set the concurrency of the for-each task \(outer) of job \(job) to \(count) (was \(current.map(String.init) ?? "1, the default"))\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, [operation])])
    }
}
