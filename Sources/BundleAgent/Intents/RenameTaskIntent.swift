import BundleEditing
import BundleModel
import Foundation

/// "rename the task notebook_task to ingest", "rename the extract step to extract_orders": a task's
/// `task_key`, with every `depends_on` that names it and the targets' overrides of it.
public enum RenameTaskIntent: Intent {
    public static let id = "rename-task"
    public static let summary = "renaming a task (its dependents and target overrides follow)"
    public static let examples = ["rename the task extract to extract_orders"]

    public static func score(_ text: RequestText) -> Int {
        guard text.hasAny(["rename", "renaming"]), text.hasAny(["task", "step"]) else { return 0 }
        if !text.hasAny(["job", "pipeline"]) { return 5 }
        // "rename the task monitor to drift_monitor in the daily scoring job": what is renamed is the
        // task (the words between "rename" and "to"); the job only says where.
        let words = text.words
        guard let rename = words.firstIndex(where: { ["rename", "renaming"].contains($0) }),
              let to = words[rename...].firstIndex(where: { ["to", "as", "into"].contains($0) }) else { return 0 }
        let object = words[(rename + 1)..<to]
        return object.contains(where: { ["task", "step"].contains($0) }) && !object.contains(where: { ["job", "pipeline", "jobs", "workflow"].contains($0) }) ? 5 : 0
    }

    /// The new key: the word after the last "to" or "as".
    static func newKey(_ text: RequestText) -> String? {
        let tokens = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`“”.")) }
        guard let marker = tokens.lastIndex(where: { ["to", "as", "into"].contains($0.lowercased()) }), marker + 1 < tokens.count else { return nil }
        let key = tokens[marker + 1]
        // Words after it that are no place ("to \"ingest customers\"", "to load raw"): a name of several words, which
        // no task key is (the task was renamed to the first word).
        let raw = text.original.split(whereSeparator: \.isWhitespace)
        if let quoted = raw.lastIndex(where: { ["to", "as", "into"].contains($0.lowercased()) }).flatMap({ $0 + 1 < raw.count ? raw[$0 + 1] : nil }),
           let open = quoted.first, "\"'“".contains(open), quoted.dropFirst().last.map({ !"\"'”".contains($0) }) ?? true { return nil }
        if marker + 2 < tokens.count, !["in", "of", "on", "for", "from", "and", "then", "please", "with", "at", "inside", "within"].contains(tokens[marker + 2].lowercased()) {
            return nil
        }
        // (A task key is `[\w-]+`: it may start with a digit, as "003_gold_summary" does.)
        guard let first = key.first, first.isLetter || first.isNumber || first == "_",
              key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }), key.count <= 100 else { return nil }
        return key
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        guard let new = newKey(context.request) else {
            throw PlanningStop(outcome: .clarify(question: "What should the task be called? A task key has letters, digits, _ and -.",
                                                 choices: ["rename the task extract to extract_orders"]))
        }
        let resolving = context.ignoring([new])
        let job = try resolving.job(where: { key in (context.effectiveJob(key, target: nil)?["tasks"]?.sequence?.isEmpty == false) })
        let reference = ResourceReference(type: "jobs", key: job)
        let location = context.jobLocation(job, target: nil)
        let raw = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
        let keys = raw.compactMap { $0["task_key"]?.string }
        // A key written as it is wins; one written so ("notebook_task") that the job lacks is not
        // another task that merely shares a word.
        let tokens = context.request.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`“”.")) }
        // "… in the training job": a key followed by the job's noun is the job (its task training is not meant).
        let jobNouns = ResourceVocabulary.nouns["jobs"] ?? []
        let exact = keys.filter { key in
            key != new && tokens.indices.contains { i in tokens[i] == key && !(i + 1 < tokens.count && jobNouns.contains(tokens[i + 1].lowercased())) }
        }
        if exact.isEmpty, let written = tokens.first(where: { $0.contains("_") && $0 != new && $0 != job && !keys.contains($0) }) {
            throw PlanningStop(outcome: .refused("job \(job) has no task \(written); its tasks are \(keys.joined(separator: ", "))"))
        }
        let named = exact.isEmpty ? resolving.namedParts(.task, of: reference).filter(keys.contains) : exact
        guard named.count == 1, let old = named.first else {
            throw PlanningStop(outcome: .clarify(question: "Which task of job \(job) should be called \(new)? It has: \(keys.joined(separator: ", ")).",
                                                 choices: keys.map { "rename the task \($0) to \(new)" }))
        }
        if keys.contains(new) { throw PlanningStop(outcome: .refused("job \(job) already has a task \(new)")) }
        // The task, and every depends_on naming it, wherever the job is written (definition and targets).
        var edits: [(file: String, operations: [EditOperation])] = []
        var places: [(file: String, base: EditPath)] = [location]
        places += context.bundle.targetNames.map { context.jobLocation(job, target: $0) }
        var followers: [String] = []
        for place in places {
            let items = context.rawNode(file: place.file, path: place.base + [.key("tasks")])?.sequence ?? []
            var operations: [EditOperation] = []
            for (i, task) in items.enumerated() {
                let path = place.base + [.key("tasks"), .index(i)]
                if context.writtenItem(task, field: "task_key", is: old) { operations.append(.set(path + [.key("task_key")], .string(new))) }
                for (j, dependency) in (task["depends_on"]?.sequence ?? []).enumerated() where dependency["task_key"]?.string == old {
                    operations.append(.set(path + [.key("depends_on"), .index(j), .key("task_key")], .string(new)))
                    if let key = task["task_key"]?.string, !followers.contains(key) { followers.append(key) }
                }
            }
            guard !operations.isEmpty else { continue }
            if let i = edits.firstIndex(where: { $0.file == place.file }) { edits[i].operations += operations } else { edits.append((place.file, operations)) }
        }
        // `{{tasks.old.values.x}}` (a condition's operands, parameters, for_each inputs) name the new key too,
        // or the job would read a task that no longer exists.
        var rewritten = 0
        func rewrite(_ node: YAMLNode?, at path: EditPath, into operations: inout [EditOperation]) {
            guard let node else { return }
            switch node.kind {
            case .scalar:
                guard let text = node.string, text.contains("tasks.\(old).") else { return }
                operations.append(.set(path, .string(text.replacingOccurrences(of: "tasks.\(old).", with: "tasks.\(new)."))))
                rewritten += 1
            case .sequence(let items):
                for (i, item) in items.enumerated() { rewrite(item, at: path + [.index(i)], into: &operations) }
            case .mapping(let mapping):
                for entry in mapping.entries { rewrite(entry.value, at: path + [.key(entry.key)], into: &operations) }
            }
        }
        for place in places {
            var operations: [EditOperation] = []
            rewrite(context.rawNode(file: place.file, path: place.base), at: place.base, into: &operations)
            guard !operations.isEmpty else { continue }
            if let i = edits.firstIndex(where: { $0.file == place.file }) { edits[i].operations += operations } else { edits.append((place.file, operations)) }
        }
        let note = rewritten > 0 ? " \(rewritten == 1 ? "The reference" : "The \(rewritten) references") to its values (tasks.\(old).…) now name\(rewritten == 1 ? "s" : "") \(new)." : ""
        return Plan(subject: "Rename the task \(old) of \(job) to \(new)",
                    summary: "Renamed the task \(old) of job \(job) to \(new)\(followers.isEmpty ? "" : "; \(followers.joined(separator: ", ")) now depend\(followers.count == 1 ? "s" : "") on \(new)").\(note)",
                    job: job, edits: edits)
    }
}
