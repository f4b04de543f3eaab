import BundleEditing
import BundleModel
import Foundation

/// "pass --catalog ${var.catalog} to the bronze generator", "add --env prod to the arguments of
/// build_glossary", "remove --debug from the ingest task": the command-line arguments of a Python
/// script, wheel or JAR task (`spark_python_task.parameters`, `python_wheel_task.parameters`,
/// `spark_jar_task.parameters`), a list of strings where an option is followed by its value.
public enum TaskArgumentsIntent: Intent {
    public static let id = "task-arguments"
    public static let summary = "the command-line arguments of Python script, wheel and JAR tasks (--name value)"
    public static let examples = ["pass --catalog main to the ingest task", "remove --debug from the ingest task"]

    static let listTypes = ["spark_python_task", "python_wheel_task", "spark_jar_task"]

    /// The options written in the request (`--catalog`, `--env=prod`), as written.
    static func options(_ original: String) -> [String] {
        original.split(separator: " ").map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`")) }
            .filter { $0.hasPrefix("--") && $0.count > 2 && $0.dropFirst(2).first?.isLetter == true }
    }

    public static func score(_ text: RequestText) -> Int {
        guard !options(text.original).isEmpty else { return 0 }
        // "add a publish task running src/publish.py with a --publish flag": a new task's.
        if text.words.contains(where: { word in [".py", ".jar", ".whl", ".ipynb", ".sql"].contains { word.hasSuffix($0) } })
            || (text.hasAny(["add", "create", "new"]) && text.contains(" task ") && text.hasAny(["running", "runs", "run", "after", "before"])) { return 0 }
        return text.hasAny(["pass", "add", "append", "give", "set", "use", "change", "update", "replace", "make", "remove", "drop", "delete",
                            "argument", "arguments", "args", "parameter", "parameters", "flag"]) ? 6 : 0
    }

    /// The option and its value, as the request writes them: `--catalog main`, `--env=prod`, or the flag
    /// alone (`--debug`, followed by "to the …" or nothing).
    static func pairs(_ original: String) -> [(option: String, value: String?)] {
        let tokens = original.split(separator: " ").map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`")) }
        var out: [(String, String?)] = []
        for (i, token) in tokens.enumerated() where options(token) == [token] {
            if let eq = token.firstIndex(of: "=") {
                out.append((String(token[..<eq]), String(token[token.index(after: eq)...])))
                continue
            }
            let next = i + 1 < tokens.count ? tokens[i + 1] : nil
            let stop: Set<String> = ["to", "on", "for", "from", "in", "of", "and", "into", "the", "with"]
            let nouns: Set<String> = ["argument", "arguments", "option", "flag", "parameter", "value"]
            if let next, !next.hasPrefix("--"), !stop.contains(next.lowercased()), !nouns.contains(next.lowercased()) {
                out.append((token, next))
            } else if let next, next.lowercased() != "flag", nouns.contains(next.lowercased()) || ["to", "of", "for", "on", "in"].contains(next.lowercased()),
                      let to = tokens[(i + 1)...].firstIndex(where: { $0.lowercased() == "to" }), to + 1 < tokens.count,
                      !["the", "a", "an"].contains(tokens[to + 1].lowercased()) {
                // "set the --catalog argument of generate_uw_bronze to gold", "set --catalog to gold".
                out.append((token, tokens[to + 1]))
            } else {
                out.append((token, nil))
            }
        }
        return out
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let remove = text.hasAny(["remove", "drop", "delete"]) || text.contains("get rid of")
        let given = pairs(text.original)
        let target = try context.target()
        let takes: (String) -> [String] = { job in
            (context.effectiveJob(job, target: nil)?["tasks"]?.sequence ?? []).filter { task in listTypes.contains { task[$0] != nil } }.compactMap { $0["task_key"]?.string }
        }
        let scoped = context.ignoring(given.flatMap { [$0.option] + ($0.value.map { [$0] } ?? []) })
        // Tasks that take named parameters (SQL, notebook, a wheel's named_parameters) take "--catalog main"
        // as the parameter catalog (it changed another task's arguments, or asked among none).
        let namedTasks: (String) -> [String] = { job in TaskParameterIntent.notebookTasks(context, job, target: target) }
        let job = try scoped.job(where: { !takes($0).isEmpty || !namedTasks($0).isEmpty }, unfit: { _ in "has no task that takes arguments" })
        let mentioned = scoped.namedParts(.task, of: ResourceReference(type: "jobs", key: job))
        if given.count == 1, mentioned.count == 1, namedTasks(job).contains(mentioned[0]) || (takes(job).isEmpty && namedTasks(job).count == 1) {
            let task = mentioned.first ?? namedTasks(job)[0]
            let name = String(given[0].option.dropFirst(2))
            guard remove || given[0].value != nil else {
                throw PlanningStop(outcome: .clarify(question: "Task \(task) of job \(job) takes named parameters; which value should \(name) have?",
                                                     choices: ["set the parameter \(name) of the \(task) task to VALUE"]))
            }
            var parameter = context.saying(remove ? "remove the parameter \(name) of the \(task) task" : "set the parameter \(name) of the \(task) task to \(given[0].value!)")
            parameter.defaultResource = ResourceReference(type: "jobs", key: job)
            parameter.defaultTarget = target
            return try TaskParameterIntent.plan(parameter)
        }
        guard !takes(job).isEmpty else {
            throw PlanningStop(outcome: .clarify(question: "Which task of job \(job)? Its tasks with named parameters: \(namedTasks(job).joined(separator: ", ")).",
                                                 choices: namedTasks(job).map { "\(text.original) (the \($0) task)" }))
        }
        let candidates = takes(job)
        let named = mentioned.filter(candidates.contains)
        let task: String
        if named.count == 1 { task = named[0] } else if named.isEmpty, candidates.count == 1 { task = candidates[0] } else {
            let choices = named.isEmpty ? candidates : named
            throw PlanningStop(outcome: .clarify(question: "Which task of job \(job) takes the arguments? Its script, wheel and JAR tasks: \(choices.joined(separator: ", ")).",
                                                 choices: choices.map { "\(text.original) (the \($0) task)" }))
        }
        // A wheel task that names its parameters (`named_parameters: {catalog: …}`): "--catalog main" is
        // that parameter (it wrote a `parameters` list beside them, which the Jobs API refuses).
        let effectiveTask = (context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []).first { $0["task_key"]?.string == task }
        if effectiveTask?["python_wheel_task"]?["named_parameters"] != nil, effectiveTask?["python_wheel_task"]?["parameters"] == nil, given.count == 1 {
            let name = String(given[0].option.dropFirst(2))
            guard remove || given[0].value != nil else {
                throw PlanningStop(outcome: .clarify(question: "Task \(task) of job \(job) names its parameters; which value should \(name) have?",
                                                     choices: ["set the named parameter \(name) of the \(task) task to VALUE"]))
            }
            let request = remove ? "remove the named parameter \(name) of the \(task) task" : "set the named parameter \(name) of the \(task) task to \(given[0].value!)"
            var named = context.saying(request)
            named.defaultResource = ResourceReference(type: "jobs", key: job)
            named.defaultTarget = target
            return try TaskParameterIntent.plan(named)
        }
        guard target == nil else {
            throw PlanningStop(outcome: .refused("a task's arguments are one list, which a target's override replaces whole; change them without a target"))
        }
        let location = context.jobLocation(job, target: nil)
        let raw = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
        guard let index = raw.firstIndex(where: { context.writtenItem($0, field: "task_key", is: task) }),
              let type = listTypes.first(where: { raw[index][$0] != nil }) else {
            throw PlanningStop(outcome: .refused("task \(task) of job \(job) is not written in \(location.file)"))
        }
        let listPath = location.base + [.key("tasks"), .index(index), .key(type), .key("parameters")]
        var items = raw[index][type]?["parameters"]?.sequence?.compactMap { $0.scalar?.text } ?? []
        let before = items
        // Item by item, so that the others keep how they are written (quotes, a flow list).
        var operations: [EditOperation] = []
        var removals: [Int] = []
        var said: [String] = []
        for (option, value) in given {
            // Where the option stands: `--catalog` (its value after it) or `--catalog=…`.
            let at = items.firstIndex { $0 == option || $0.hasPrefix(option + "=") }
            let joined = at.map { items[$0].contains("=") } ?? false
            let valued = at.map { !joined && $0 + 1 < items.count && !items[$0 + 1].hasPrefix("--") } ?? false
            if remove {
                guard let at else { continue }
                removals += valued ? [at, at + 1] : [at]
                items.removeSubrange(at...(valued ? at + 1 : at))
                said.append(option)
            } else if let at {
                if joined {
                    items[at] = option + "=" + (value ?? "")
                    operations.append(.set(listPath + [.index(at)], .string(items[at])))
                } else if let value {
                    if valued {
                        items[at + 1] = value
                        operations.append(.set(listPath + [.index(at + 1)], .string(value)))
                    } else {
                        items.insert(value, at: at + 1)
                        operations = []  // (an insertion moves the items after it: the list is written again)
                        removals = [-1]
                    }
                }
                said.append(value.map { "\(option) \($0)" } ?? option)
            } else {
                items.append(option)
                operations.append(.append(listPath, .string(option)))
                if let value { items.append(value); operations.append(.append(listPath, .string(value))) }
                said.append(value.map { "\(option) \($0)" } ?? option)
            }
        }
        guard items != before else {
            throw PlanningStop(outcome: .refused(remove ? "task \(task) of job \(job) has no \(given.map(\.option).joined(separator: ", ")) among its arguments"
                                                 : "task \(task) of job \(job) already passes \(said.joined(separator: " "))"))
        }
        let what = said.joined(separator: " ")
        if before.isEmpty || removals == [-1] || (!removals.isEmpty && !operations.isEmpty) {
            operations = [.set(listPath, .sequence(items.map { .string($0) }))]
        } else if !removals.isEmpty {
            operations = removals.sorted(by: >).map { .delete(listPath + [.index($0)]) }
        }
        return Plan(subject: remove ? "Stop passing \(what) to \(task) of \(job)" : "Pass \(what) to \(task) of \(job)",
                    summary: (remove ? "Removed \(what) from" : "Set \(what) in") + " the arguments of task \(task) of job \(job) (\(type).parameters: \(items.joined(separator: " "))).",
                    job: job, edits: [(location.file, operations)])
    }
}
