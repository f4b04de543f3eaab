import BundleEditing
import BundleModel
import Foundation

/// "use warehouse 1234abcd5678ef90 for the sql task", "change the warehouse to abc123 in prod", "point
/// the dashboard at warehouse 5678": the SQL warehouse of SQL and dbt tasks, dashboards, Genie spaces
/// and alerts. Where they take it from `${var.warehouse_id}`, the variable changes (for the target or
/// as its default).
public enum WarehouseIntent: Intent {
    public static let id = "warehouse"
    public static let summary = "the SQL warehouse of SQL and dbt tasks, dashboards and Genie spaces (or the variable they use)"
    public static let examples = ["use warehouse 1234abcd5678ef90 for the sql task", "change the warehouse to 1234abcd5678ef90 in prod"]

    public static func score(_ text: RequestText) -> Int {
        // "add a variable warehouse_id …", "set the warehouse_id variable to …": the variable intents.
        guard text.contains("warehouse"), !text.hasAny(["variable", "variables", "var"]) else { return 0 }
        // "set warehouse_name to Shared": a name of its own (a variable's, a parameter's) that holds the word,
        // not the warehouse of a resource.
        // (Before "to": the value may say warehouse itself, "to Shared Prod Warehouse".)
        let lowered = text.original.lowercased().components(separatedBy: " to ").first ?? ""
        if lowered.range(of: #"(^|[^a-z0-9_])warehouses?([^a-z0-9_]|$)"#, options: .regularExpression) == nil,
           lowered.range(of: #"[a-z0-9_]*warehouse[a-z0-9_]*"#, options: .regularExpression).map({ lowered[$0] != "warehouse_id" }) ?? false {
            return 0
        }
        // "let the group analysts use the warehouse": people's access to it (PermissionIntent).
        if text.hasAny(["let", "allow", "give", "grant"]) && (text.hasAny(["group", "team", "user", "users", "principal", "everyone"]) || text.original.contains("@")) { return 0 }
        return warehouse(text) != nil || text.hasAny(["use", "change", "set", "switch", "point", "move"]) ? 4 : 0
    }

    /// The warehouse id: a word of letters and digits (with at least one digit, six or more long)
    /// after "warehouse", "to", "at" or "=", or `${var.…}`.
    static func warehouse(_ text: RequestText) -> String? {
        let tokens = text.original.split(whereSeparator: { $0.isWhitespace || $0 == "=" }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`().")) }
        return tokens.first { token in
            (token.hasPrefix("${") && token.hasSuffix("}"))
                || (token.count >= 6 && token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } && token.contains(where: \.isNumber))
        }
    }

    /// Where a resource's definition says `warehouse_id`: paths inside the resource.
    static func fields(in node: YAMLNode?, at path: EditPath = []) -> [(path: EditPath, value: String)] {
        guard let node else { return [] }
        switch node.kind {
        case .scalar: return []
        case .sequence(let items): return items.enumerated().flatMap { fields(in: $1, at: path + [.index($0)]) }
        case .mapping(let mapping):
            return mapping.entries.flatMap { entry -> [(path: EditPath, value: String)] in
                if entry.key == "warehouse_id", let value = entry.value.string { return [(path + [.key(entry.key)], value)] }
                return fields(in: entry.value, at: path + [.key(entry.key)])
            }
        }
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        // "let the data consumers use the warehouse": people named between "let" and "use", no resource of the
        // bundle ("let the sales dashboard use …", "let the supplier portal use …" are a dashboard's, an app's),
        // given the use of the bundle's warehouse (it asked for a warehouse id).
        let words = context.request.words
        if warehouse(context.request) == nil, !context.catalog.references(ofType: "sql_warehouses").isEmpty,
           let let_ = words.firstIndex(where: { ["let", "allow"].contains($0) }), let use = words.firstIndex(of: "use"), use > let_ + 1 {
            let between = words[(let_ + 1)..<use]
            if !between.contains(where: { word in
                ["it", "them", "this", "that", "its"].contains(word) || word.contains("_")
                    || ResourceVocabulary.nouns.values.contains { $0.contains(word) } || ["task", "tasks", "query", "queries", "alert", "alerts"].contains(word)
            }), context.catalog.mentions(in: between.joined(separator: " ")).isEmpty {
                return try PermissionIntent.plan(context)
            }
        }
        guard let id = warehouse(context.request) else {
            throw PlanningStop(outcome: .clarify(question: "Which SQL warehouse? Give its id (`dabrepo warehouses list` shows them).",
                                                 choices: ["use warehouse 1234abcd5678ef90"]))
        }
        let resolving = context.ignoring([id])
        // "let the supplier portal use the sql warehouse …": an app named by its words, without the word
        // "app", is the app's resource (the dashboard's warehouse variable changed).
        let named = resolving.catalog.mentions(in: resolving.request.original)
        let strongest = named.values.max()
        if let strongest, named.filter({ $0.value == strongest }).keys.allSatisfy({ $0.type == "apps" }) {
            return try AppResourceIntent.plan(context)
        }
        let target = try resolving.target()
        let types = ["jobs", "dashboards", "genie_spaces", "alerts"]
        let definition: (ResourceReference) -> (file: String, base: EditPath, fields: [(path: EditPath, value: String)]) = { reference in
            let location = context.location(of: reference, target: nil)
            return (location.file, location.base, fields(in: context.rawNode(file: location.file, path: location.base)))
        }
        // Asked of the bundle, not of one resource: every warehouse field that is the same variable.
        let users = context.catalog.entries.map(\.reference).filter { types.contains($0.type) && !definition($0).fields.isEmpty }
        // A dbt or SQL task with no warehouse yet ("use the sql warehouse … for the dbt task"): it gets one.
        let lacking: (ResourceReference) -> [(index: Int, key: String, kind: String)] = { reference in
            let location = context.location(of: reference, target: nil)
            return (context.rawNode(file: location.file, path: location.base + [.key("tasks")])?.sequence ?? []).enumerated().compactMap { i, task in
                guard let kind = ["dbt_task", "sql_task"].first(where: { task[$0] != nil }), task[kind]?["warehouse_id"] == nil,
                      let key = task["task_key"]?.string else { return nil }
                return (i, key, kind)
            }
        }
        let takers = context.catalog.references(ofType: "jobs").filter { !lacking($0).isEmpty }
        if users.isEmpty || (!takers.isEmpty && context.request.hasAny(["dbt", "sql"]) && resolving.catalog.mentions(in: resolving.request.original).keys.allSatisfy({ !users.contains($0) })),
           !takers.isEmpty {
            let job = try resolving.resource(["jobs"], where: { takers.contains($0) }, unfit: { _ in "has no dbt or SQL task" })
            let location = context.location(of: job, target: nil)
            let named = context.namedParts(.task, of: job)
            let tasks = lacking(job).filter { named.isEmpty || named.contains($0.key) }
            guard !tasks.isEmpty, target == nil else {
                throw PlanningStop(outcome: .refused(target == nil ? "job \(job.key) has no such dbt or SQL task" : "give the task its warehouse without a target first; a target can then change it"))
            }
            return Plan(subject: "Use the SQL warehouse \(id) for \(job.key)",
                        summary: "Set warehouse_id to \(id) on \(tasks.map { "task \($0.key)" }.joined(separator: ", ")) of job \(job.key) (none was set).",
                        target: nil, resource: job,
                        edits: [(location.file, tasks.map { .set(location.base + [.key("tasks"), .index($0.index), .key($0.kind), .key("warehouse_id")], .string(id)) })])
        }
        // "switch the app's sql warehouse to …": an app's warehouse resource (it said nothing uses one).
        // (Not "… for the App Usage dashboard": a dashboard named with the word is the one meant.)
        if users.isEmpty || context.request.hasAny(["app", "apps", "app's"]), !named.keys.contains(where: users.contains),
           context.catalog.references(ofType: "apps").contains(where: { app in
               (context.effectiveResource(app, target: nil)?["resources"]?.sequence ?? []).contains { $0["sql_warehouse"] != nil }
           }), context.request.hasAny(["app", "apps", "app's", "application"]) {
            return try AppResourceIntent.plan(context)
        }
        guard !users.isEmpty else {
            throw PlanningStop(outcome: .refused("nothing in this bundle uses a SQL warehouse (no SQL or dbt task, dashboard, Genie space or alert with warehouse_id)"))
        }
        var mentioned = resolving.catalog.mentions(in: resolving.request.original).keys.filter { users.contains($0) }
        // "the dashboard", "the genie space": named by their kind, where the bundle has one of it.
        if mentioned.isEmpty {
            let typed = users.filter { $0.type != "jobs" && (ResourceVocabulary.nouns[$0.type] ?? []).contains { resolving.request.hasAny([$0]) } }
            if Set(typed.map(\.type)).count == 1, typed.count == 1 { mentioned = typed }
        }
        // "for the verify task": some of a job's warehouse fields, not all of them.
        let someTasks = mentioned.contains { job in
            let tasks = context.namedParts(.task, of: job)
            return !tasks.isEmpty && definition(job).fields.contains { field in
                guard field.path.count >= 2, case .key("tasks") = field.path[0], case .index(let i) = field.path[1] else { return true }
                return !tasks.contains(context.rawNode(file: definition(job).file, path: definition(job).base + [.key("tasks"), .index(i)])?["task_key"]?.string ?? "")
            }
        }
        let variables = Set(users.flatMap { definition($0).fields.map { VariableValueIntent.variable(written: $0.value, declaredIn: context) } })
        // The variable, unless a resource (or task) is named and something not named uses the variable too
        // (an app's warehouse, a job parameter): then only what is named.
        if variables.count == 1, let variable = variables.first ?? nil, !someTasks,
           mentioned.isEmpty || context.resourcesUsing(variable: variable).allSatisfy(mentioned.contains) {
            guard let assignment = try VariableValueIntent.assignment(context, variable: variable, value: id, target: target) else {
                throw PlanningStop(outcome: .refused("the variable \(variable) already is \(id)\(target.map { " in target \($0)" } ?? "")"))
            }
            let using = context.resourcesUsing(variable: variable)
            let names = using.map { "\(ResourceVocabulary.singular($0.type)) \($0.key)" }.joined(separator: ", ")
            return Plan(subject: "Use the SQL warehouse \(id)\(target.map { " in \($0)" } ?? "")",
                        summary: assignment.summary.dropLast() + "; \(names) use\(using.count == 1 ? "s" : "") it.",
                        target: target, edits: [(assignment.file, assignment.operations)])
        }
        let reference = try resolving.resource(types, where: { !definition($0).fields.isEmpty }, unfit: { _ in "uses no SQL warehouse" })
        let written = definition(reference)
        // Tasks named narrow a job's fields ("for the sql task").
        let tasks = context.namedParts(.task, of: reference)
        let taskKey: (EditPath) -> String? = { path in
            guard path.count >= 2, case .key("tasks") = path[0], case .index(let i) = path[1] else { return nil }
            return context.rawNode(file: written.file, path: written.base + [.key("tasks"), .index(i)])?["task_key"]?.string
        }
        let chosen = written.fields.filter { tasks.isEmpty || taskKey($0.path).map(tasks.contains) == true }
        let changing = chosen.filter { $0.value != id }
        guard !changing.isEmpty else {
            throw PlanningStop(outcome: .refused("\(ResourceVocabulary.singular(reference.type)) \(reference.key) already uses the warehouse \(id)"))
        }
        var operations: [EditOperation] = []
        var file = written.file
        if let target {
            // A target's override: tasks by task_key, other fields at their path.
            let override = context.location(of: reference, target: target)
            file = override.file
            for field in changing {
                if let key = taskKey(field.path) {
                    operations.append(context.setInList(file: override.file, base: override.base, list: "tasks", identityField: "task_key", identity: key,
                                                        inner: Array(field.path.dropFirst(2)), value: .string(id)))
                } else {
                    operations.append(.set(override.base + field.path, .string(id)))
                }
            }
        } else {
            operations = changing.map { .set(written.base + $0.path, .string(id)) }
        }
        let places = changing.map { field in taskKey(field.path).map { "task \($0)" } ?? "warehouse_id" }
        let noun = ResourceVocabulary.singular(reference.type)
        return Plan(subject: "Use the SQL warehouse \(id) for \(reference.key)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set warehouse_id to \(id) (was \(Set(changing.map(\.value)).sorted().joined(separator: ", "))) on \(places.joined(separator: ", ")) of \(noun) \(reference.key)\(context.forTarget(target)).",
                    target: target, resource: reference, edits: [(file, operations)])
    }
}
