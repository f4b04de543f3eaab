import BundleModel
import BundleEditing
import Foundation

/// "set the notebook parameter run_date to 2024-01-01 on the extract task", "pass env=prod to the
/// load notebook", "remove the widget debug from the extract task": a notebook task's
/// `base_parameters` (the values its widgets get), not the job's parameters.
public enum TaskParameterIntent: Intent {
    public static let id = "task-parameter"
    public static let summary = "a notebook task's parameters (widget values)"
    public static let examples = ["set the notebook parameter run_date to 2024-01-01 on the extract task", "pass env=prod to the load notebook"]

    public static func score(_ text: RequestText) -> Int {
        if text.contains("job parameter") { return 0 }
        let parameter = text.hasAny(["parameter", "parameters", "param", "params", "argument", "arguments", "widget", "widgets"])
        // A verb or a value that asks for a change ("frobnicate the widgets" asks for none).
        let asks = text.hasAny(["set", "add", "pass", "change", "remove", "delete", "drop", "use", "give", "update", "rename", "to", "make", "default", "should", "be", "is"])
            || text.words.contains { $0.contains("=") }
        if parameter && asks && text.hasAny(["notebook", "base", "task", "widget", "widgets", "base_parameters"]) { return 4 }
        // "pass env=prod to the load notebook", "pass max_evals=50 to train_model_a"
        if text.has("pass") && text.words.contains(where: { $0.contains("=") }) { return text.hasAny(["notebook", "task"]) ? 4 : 3 }
        if variablePassed(text.original) != nil { return 6 }
        return 0
    }

    /// "pass the catalog variable to the notebook task as a parameter named catalog", "pass ${var.catalog} to
    /// the notebook as catalog", "hand the catalog variable to the load task": the variable, the parameter's
    /// name (the variable's when none is said) and what it is passed to; nil for other words.
    static func variablePassed(_ text: String) -> (variable: String, name: String, to: String)? {
        // "give the training task the catalog variable as a parameter (named x)": the task first.
        if let match = text.firstMatch(of: /(?i)^\s*give\s+(?:the\s+)?(.+?\s+(?:task|notebook|step))\s+(?:the\s+)?(?:\$\{var\.([A-Za-z_]\w*)\}|([A-Za-z_]\w*)\s+(?:variable|var))(?:\s+as\s+(?:an?\s+|the\s+)?(?:notebook\s+|base\s+|task\s+)?(?:parameter|param|argument|widget)(?:\s+(?:named|called)\s+([A-Za-z_][\w.-]*))?)?\s*[.!]?\s*$/),
           let variable = (match.output.2 ?? match.output.3).map(String.init) {
            return (variable, match.output.4.map(String.init) ?? variable, String(match.output.1))
        }
        // "pass catalog to the notebook": a bare name (a declared variable, which the caller checks).
        if let match = text.firstMatch(of: /(?i)^\s*(?:pass|hand|forward)\s+(?:the\s+)?([A-Za-z_]\w*)\s+(?:on\s+)?(?:to|into)\s+(?:the\s+)?(.+?(?:task|notebook|step))\s*[.!]?\s*$/) {
            return (String(match.output.1), String(match.output.1), String(match.output.2))
        }
        guard let match = text.firstMatch(of: /(?i)^\s*(?:pass|hand|give|forward|provide)\s+(?:the\s+)?(?:\$\{var\.([A-Za-z_]\w*)\}|(?:variable|var)\s+([A-Za-z_]\w*)|([A-Za-z_]\w*)\s+(?:variable|var))\s+(?:on\s+)?(?:to|into)\s+(.+?)(?:\s+as\s+(?:an?\s+|the\s+|its\s+)?(?:(?:notebook\s+|base\s+|task\s+)?(?:parameter|param|argument|widget)(?:\s+(?:named|called))?\s*)?([A-Za-z_][\w.-]*)?)?\s*[.!]?\s*$/),
              let variable = (match.output.1 ?? match.output.2 ?? match.output.3).map(String.init) else { return nil }
        let to = String(match.output.4)
        guard RequestText(to).hasAny(["task", "notebook", "job", "step"]) || match.output.5 != nil else { return nil }
        let name = match.output.5.map(String.init).flatMap { ["parameter", "param", "argument", "widget"].contains($0.lowercased()) ? nil : $0 } ?? variable
        return (variable, name, to)
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let original = text.original.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`")) }
        let remove = text.hasAny(["remove", "delete", "drop", "unset"]) || text.contains("get rid of")
        // "pass the catalog variable to the notebook task as a parameter named catalog": `catalog: ${var.catalog}`
        // (it set the variable's default to "parameter").
        // ("pass ${var.catalog} to the notebook as catalog", "hand the catalog variable to the notebook task": the same.)
        if let match = Self.variablePassed(text.original),
           (context.bundle.configuration["variables"]?.mapping?.keys ?? []).contains(match.variable) {
            return try plan(context.saying("pass \(match.name)=${var.\(match.variable)} to \(match.to)"))
        }
        // "pass source=web and entity=orders to the erp task": each one (the second was dropped unsaid).
        let pairs = text.original.split(whereSeparator: \.isWhitespace).map(String.init).filter { token in
            token.range(of: #"^[A-Za-z_][A-Za-z0-9_.-]*=[^=\s]+[,;]?$"#, options: .regularExpression) != nil
        }
        if !remove, pairs.count >= 2, pairs.count <= 20 {
            var plans: [Plan] = []
            for pair in pairs {
                let others = Set(pairs).subtracting([pair])
                let alone = text.original.split(whereSeparator: \.isWhitespace).map(String.init).filter { !others.contains($0) }.joined(separator: " ")
                plans.append(try plan(context.saying(alone)))
            }
            var merged = OfflinePlanner.merged(plans, subject: plans[0].subject.replacingOccurrences(of: "Pass \(pairs[0].trimmingCharacters(in: CharacterSet(charactersIn: ",;")))",
                                                                                                     with: "Pass " + pairs.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;")) }.joined(separator: ", ")))
            merged.target = plans[0].target
            merged.job = plans[0].job
            return merged
        }
        guard let (name, given) = Self.parameter(original, remove: remove) else {
            // "set lookback_days to 5 on the t20_silver_market task" (a follow-up replayed for another task):
            // a parameter some task has, named alone.
            if let named = namingExisting(context), named.request.original != text.original { return try plan(named) }
            throw PlanningStop(outcome: .clarify(question: "Which parameter, with which value?", choices: ["set the notebook parameter run_date to 2024-01-01 on the extract task"]))
        }
        if !remove && given == nil {
            throw PlanningStop(outcome: .clarify(question: "Which value should the parameter \(name) get?", choices: ["set the notebook parameter \(name) to VALUE"]))
        }
        let scoped = context.ignoring(KeyValueWords.given(original, key: name, value: given))
        let target = try scoped.target()
        let job = try scoped.job(where: { !Self.notebookTasks(context, $0, target: target).isEmpty })
        let notebooks = Self.notebookTasks(context, job, target: target)
        let mentioned = scoped.namedParts(.task, of: ResourceReference(type: "jobs", key: job))
        let allTasks = (context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
        if let other = mentioned.first(where: { !notebooks.contains($0) }), mentioned.count == 1 {
            throw PlanningStop(outcome: .refused("task \(other) of job \(job) takes its arguments as a list, not named parameters; say them as arguments (\"pass --\(name) \(given ?? "VALUE") to the \(other) task\")"))
        }
        let chosen = mentioned.filter(notebooks.contains)
        let task: String
        if chosen.count == 1 {
            task = chosen[0]
        } else if chosen.isEmpty, notebooks.count == 1 {
            task = notebooks[0]
        } else if notebooks.isEmpty {
            throw PlanningStop(outcome: .refused("job \(job) has no task that takes named parameters (its tasks: \(allTasks.joined(separator: ", ")))"))
        } else {
            throw PlanningStop(outcome: .clarify(question: "Which task of job \(job)? Its tasks with named parameters: \((chosen.isEmpty ? notebooks : chosen).joined(separator: ", ")). Name it in the request.",
                                                 choices: (chosen.isEmpty ? notebooks : chosen)))
        }
        let taskNode = (context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []).first { $0["task_key"]?.string == task }
        let field = taskNode.flatMap(Self.parameterField) ?? (["notebook_task", "base_parameters"], "notebook parameter")
        let fieldPath: EditPath = field.path.map { .key($0) }
        var current: String?
        if let taskNode { current = Self.node(taskNode, field.path)?[name]?.string }
        let location = context.jobLocation(job, target: target)
        if remove {
            guard target == nil else { throw PlanningStop(outcome: .refused("a target override cannot remove an inherited parameter; ask without a target")) }
            let raw = context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []
            guard let index = raw.firstIndex(where: { context.writtenItem($0, field: "task_key", is: task) }),
                  Self.node(raw[index], field.path)?[name] != nil else {
                throw PlanningStop(outcome: .refused("task \(task) of job \(job) has no parameter \(name)"))
            }
            return Plan(subject: "Remove the parameter \(name) from the task \(task) of \(job)",
                        summary: "Removed the parameter \(name) from \(field.path.joined(separator: ".")) of task \(task) of job \(job).",
                        job: job, edits: [(location.file, [.delete(location.base + [.key("tasks"), .index(index)] + fieldPath + [.key(name)])])])
        }
        let value = given!
        // (`${bundle.target}` in prod is "prod" already.)
        if let target, current == "${bundle.target}", value == target { current = target }
        if current == value { throw PlanningStop(outcome: .refused("task \(task) of job \(job) already passes \(name) = \(value)\(context.forTarget(target))")) }
        let operation = context.setInList(file: location.file, base: location.base, list: "tasks", identityField: "task_key", identity: task,
                                          inner: fieldPath + [.key(name)], value: .string(value))
        // ("catalog: ${var.catalog}" given a value: the variable no longer decides it, said.)
        let replacing = current.map { $0.contains("${var.") ? "\($0); the variable no longer decides it here" : $0 } ?? "unset"
        return Plan(subject: "Pass \(name)=\(value) to the task \(task) of \(job)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set the \(field.kind) \(name) to \(value) (was \(replacing)) on task \(task) of job \(job)\(context.forTarget(target)).",
                    target: target, job: job, edits: [(location.file, [operation])])
    }

    /// The notebook tasks of a job.
    /// "set kafka_topic to github.events.v2", "remove the checkpoint_base parameter": a notebook parameter
    /// some task has, named alone; the request in the words this intent reads ("… the notebook parameter
    /// kafka_topic …"), or nil when the words name none, or say "job parameter".
    /// The context to plan with: those words, and the one job whose tasks have the parameter (if one does).
    static func namingExisting(_ context: PlanningContext) -> PlanningContext? {
        let text = context.request
        guard !text.contains("job parameter"), !text.contains("notebook parameter"),
              text.hasAny(["set", "change", "make", "update", "remove", "delete", "drop", "unset"]) else { return nil }
        var owners: [String: [(job: String, task: String)]] = [:]
        for job in context.catalog.references(ofType: "jobs") {
            for task in context.effectiveJob(job.key, target: nil)?["tasks"]?.sequence ?? [] {
                guard let taskKey = task["task_key"]?.string else { continue }
                guard let field = parameterField(of: task) else { continue }
                for key in node(task, field.path)?.mapping?.keys ?? [] { owners[key, default: []].append((job.key, taskKey)) }
            }
        }
        // (A declared variable's name is that variable: "give catalog a default of quake_lake".)
        let variables = Set(context.bundle.configuration["variables"]?.mapping?.keys ?? [])
        guard let key = owners.keys.sorted(by: { $0.count > $1.count }).first(where: { ResourceCatalog.writesToken($0, in: text.original) && !variables.contains($0) }),
              !text.has("default") else { return nil }
        let original = text.original
        guard let range = original.range(of: "(the )?\\Q\(key)\\E( (parameter|param|widget))?", options: [.regularExpression]) else { return nil }
        var request = original.replacingCharacters(in: range, with: "the notebook parameter \(key)")
        // The one task that has it, where the words name no task.
        var tasks = owners[key] ?? []
        // "set write_mode to overwrite for silver": the one of them a word of the request names.
        if tasks.count > 1 {
            let words = Set(text.words.filter { $0.count >= 3 && !ResourceVocabulary.common.contains($0) && !ResourceCatalog.words(key).contains($0) })
            let named = tasks.filter { !Set(ResourceCatalog.words($0.task)).isDisjoint(with: words) }
            if named.count == 1 { tasks = named }
        }
        if tasks.count == 1, let only = tasks.first, context.catalog.namedParts(.task, of: ResourceReference(type: "jobs", key: only.job), in: original).isEmpty {
            request += " on the \(only.task) task"
        }
        var said = context.saying(request)
        if Set((owners[key] ?? []).map(\.job)).count == 1, let job = owners[key]?.first?.job { said.defaultResource = ResourceReference(type: "jobs", key: job) }
        return said
    }

    /// The tasks of a job that take named parameters: notebook tasks (`base_parameters`), SQL tasks
    /// (`parameters`) and wheel tasks that name theirs (`named_parameters`).
    static func notebookTasks(_ context: PlanningContext, _ job: String, target: String?) -> [String] {
        (context.effectiveJob(job, target: target)?["tasks"]?.sequence ?? []).filter { parameterField(of: $0) != nil }.compactMap { $0["task_key"]?.string }
    }

    /// The node at `path` below `node`.
    static func node(_ node: YAMLNode, _ path: [String]) -> YAMLNode? {
        var here: YAMLNode? = node
        for key in path { here = here?[key] }
        return here
    }

    /// Where a task keeps its named parameters, and what they are called in a summary; nil for a task
    /// whose arguments are a list (a script's, a JAR's) or that takes none.
    static func parameterField(of task: YAMLNode) -> (path: [String], kind: String)? {
        if task["notebook_task"] != nil { return (["notebook_task", "base_parameters"], "notebook parameter") }
        if task["sql_task"] != nil { return (["sql_task", "parameters"], "SQL parameter") }
        if task["python_wheel_task"]?["named_parameters"] != nil { return (["python_wheel_task", "named_parameters"], "named parameter") }
        return nil
    }

    /// The parameter's name and value: `name=value`, or "parameter NAME to VALUE" ("as", "of", "=").
    static func parameter(_ words: [String], remove: Bool) -> (String, String?)? {
        if let pair = words.first(where: { $0.contains("=") }), let eq = pair.firstIndex(of: "="), eq != pair.startIndex {
            let value = String(pair[pair.index(after: eq)...])
            return (String(pair[..<eq]), value.isEmpty ? nil : value)
        }
        let nouns: Set<String> = ["parameter", "param", "widget", "argument"]
        let fillers: Set<String> = ["the", "a", "notebook", "base", "task", "called", "named"]
        guard let p = words.firstIndex(where: { nouns.contains($0.lowercased()) }) else { return nil }
        let prepositions: Set<String> = ["to", "from", "of", "on", "for", "in"]
        let n = words[(p + 1)...].firstIndex(where: { !fillers.contains($0.lowercased()) }) ?? words.count
        // "remove the dry_run notebook parameter from …", "set the limit parameter to 100": the name said before
        // the noun (it asked which parameter).
        if n >= words.count || prepositions.contains(words[n].lowercased()) {
            let verbs: Set<String> = ["remove", "delete", "drop", "unset", "set", "change", "make", "update", "add", "pass", "give"]
            guard let b = words[..<p].lastIndex(where: { !fillers.contains($0.lowercased()) && !["job"].contains($0.lowercased()) }),
                  !verbs.contains(words[b].lowercased()), !prepositions.contains(words[b].lowercased()) else { return nil }
            if remove { return (words[b], nil) }
            let name = words[b]
            let after = words[(p + 1)...]
            if let t = after.firstIndex(where: { ["to", "as", "=", "be", "is"].contains($0.lowercased()) }), t + 1 < words.count {
                let value = words[t + 1]
                return (name, ["the", "a"].contains(value.lowercased()) && t + 2 < words.count ? words[t + 2] : value)
            }
            return (name, nil)
        }
        let name = words[n]
        guard !remove else { return (name, nil) }
        let after = words[(n + 1)...]
        // "… to the notebook task with the value eu-west-1", "with value 100": the value said after "value" (it
        // took the word after "to": region: notebook).
        if let v = after.firstIndex(where: { $0.lowercased() == "value" }), v > n + 1, ["with", "the", "a", "its", "default"].contains(words[v - 1].lowercased()) {
            var i = v + 1
            while i < words.count, ["of", "=", "is", ":"].contains(words[i].lowercased()) { i += 1 }
            if i < words.count { return (name, words[i]) }
        }
        if let t = after.firstIndex(where: { ["to", "as", "=", "be", "is"].contains($0.lowercased()) }), t + 1 < words.count {
            let value = words[t + 1]
            return (name, ["the", "a"].contains(value.lowercased()) && t + 2 < words.count ? words[t + 2] : value)
        }
        return (name, nil)
    }
}
