import BundleEditing
import BundleModel
import Foundation

/// "let the app read the secret etl/api_token", "give the app access to the hello world job", "the app
/// needs the sql warehouse", "let the app query the chat endpoint", "let the app write to the volume
/// main.raw.landing", "stop the app from reading the secret": what a Databricks App may use, as entries of
/// its `resources` (each a name the app's code reads with `valueFrom`, the thing and a permission), which
/// the next deploy grants to the app's service principal. The app receives access here; people's access
/// to the app is its `permissions` (PermissionIntent).
public enum AppResourceIntent: Intent {
    public static let id = "app-resources"
    public static let summary = "what an app may use: secrets, jobs, SQL warehouses, serving endpoints, volumes, tables (its resources)"
    public static let examples = ["let the app read the secret etl/api_token", "give the app access to the nightly job",
                                  "let the app use the sql warehouse", "let the app query the serving endpoint chat-model"]

    /// One kind of thing an app may use: its field in an app resource, the default name of the entry
    /// (the workspace's), and its permissions (the first is the one asked for when the words say none).
    struct Kind {
        var field: String
        var name: String
        var permissions: [String]
    }

    static let kinds: [String: Kind] = [
        "secret": Kind(field: "secret", name: "secret", permissions: ["READ", "WRITE", "MANAGE"]),
        "job": Kind(field: "job", name: "job", permissions: ["CAN_MANAGE_RUN", "CAN_VIEW", "CAN_MANAGE", "IS_OWNER"]),
        "sql_warehouse": Kind(field: "sql_warehouse", name: "sql-warehouse", permissions: ["CAN_USE", "CAN_MANAGE", "IS_OWNER"]),
        "serving_endpoint": Kind(field: "serving_endpoint", name: "serving-endpoint", permissions: ["CAN_QUERY", "CAN_VIEW", "CAN_MANAGE"]),
        "experiment": Kind(field: "experiment", name: "experiment", permissions: ["CAN_READ", "CAN_EDIT", "CAN_MANAGE"]),
        "volume": Kind(field: "uc_securable", name: "volume", permissions: ["READ_VOLUME", "WRITE_VOLUME"]),
        "table": Kind(field: "uc_securable", name: "table", permissions: ["SELECT", "MODIFY"]),
        "function": Kind(field: "uc_securable", name: "function", permissions: ["EXECUTE"]),
        "connection": Kind(field: "uc_securable", name: "connection", permissions: ["USE_CONNECTION"]),
        "database": Kind(field: "database", name: "database", permissions: ["CAN_CONNECT_AND_CREATE"]),
    ]

    /// The words that name what the app is to use, by kind.
    static let kindWords: [(kind: String, words: [String])] = [
        ("secret", ["secret", "secrets"]),
        ("sql_warehouse", ["warehouse", "warehouses"]),
        ("serving_endpoint", ["endpoint", "endpoints"]),
        ("volume", ["volume", "volumes"]),
        ("table", ["table", "tables"]),
        ("function", ["function", "functions", "udf"]),
        ("connection", ["connection", "connections"]),
        // "let the app connect to the hackathon_db database instance" (it set the schema variable to hackathon_db).
        ("database", ["database", "databases", "lakebase", "postgres", "database_instance"]),
        ("experiment", ["experiment", "experiments"]),
        ("job", ["job", "jobs", "workflow", "workflows"]),
    ]

    /// The app is the one given access: it is named with a thing it is to use, and no person is.
    public static func score(_ text: RequestText) -> Int {
        guard text.hasAny(["app", "apps", "application", "app's"]) || text.contains("databricks app") else { return 0 }
        // "the App Usage dashboard": a word of another resource's name, not the app (a dashboard's warehouse
        // was read as an app's, and "nothing to change" said).
        let others: Set<String> = ["dashboard", "dashboards", "job", "jobs", "pipeline", "pipelines", "alert", "alerts"]
        if let i = text.words.firstIndex(where: { ["app", "apps"].contains($0) }),
           text.words[(i + 1)...].prefix(2).contains(where: others.contains) { return 0 }
        // "remove the webdemocracy-db resource from the app": an entry named as the app's code knows it.
        if text.hasAny(["resource", "resources"]), text.hasAny(["remove", "delete", "drop", "revoke", "take"]),
           !text.hasAny(["permission", "permissions", "group", "user", "users"]) { return 7 }
        guard kindWords.contains(where: { text.hasAny($0.words) }) || namesSecret(text) else { return 0 }
        if text.original.contains("@") || text.hasAny(["group", "groups", "team", "principal", "everyone", "everybody"]) { return 0 }
        let verbs = ["let", "allow", "give", "grant", "access", "use", "uses", "read", "reads", "write", "query", "call", "run", "trigger", "add",
                     "needs", "need", "attach", "connect", "revoke", "remove", "stop", "resource", "resources"]
        return text.hasAny(verbs) ? 7 : 0
    }

    /// "the api_token key in the etl scope": a secret without the word.
    static func namesSecret(_ text: RequestText) -> Bool {
        text.has("scope") && text.hasAny(["key", "keys"])
    }

    /// What the request names for the app to use.
    struct Wanted {
        var kind: String
        /// The fields that say which thing (the secret's scope and key, the job's id, …), as written.
        var fields: [(String, EditValue)]
        /// What makes the thing the same as another entry's (compared with the written entries).
        var identity: [String: String]
        /// For the entry's name and the messages ("the secret etl/api_token").
        var label: String
        var slug: String
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        // The app receives: the job or endpoint the words also name does not make the request about it.
        let apps = context.catalog.references(ofType: "apps")
        let namesAnApp = context.catalog.mentions(in: text.original).keys.contains { $0.type == "apps" }
        let app = !namesAnApp && apps.count == 1 && context.resourceOption == nil ? apps[0] : try context.resource(["apps"])
        let target = try context.target()
        if let removal = try removalByName(context, app: app, target: target) { return removal }
        let wanted = try thing(context, app: app)
        let kind = kinds[wanted.kind]!
        let location = context.location(of: app, target: target)
        let path = location.base + [.key("resources")]
        let written = context.rawNode(file: location.file, path: path)?.sequence ?? []
        let effective = context.effectiveResource(app, target: target)?["resources"]?.sequence ?? []
        func same(_ entry: YAMLNode) -> Bool {
            guard let inner = entry[kind.field] else { return false }
            return wanted.identity.allSatisfy { inner[$0.key]?.string == $0.value }
        }
        let on = "app \(app.key)\(context.forTarget(target))"
        if withdraws(text) {
            guard let index = written.firstIndex(where: same) else {
                if effective.contains(where: same) {
                    throw PlanningStop(outcome: .refused("\(wanted.label) is among the resources of app \(app.key) in another file than the one for\(context.forTarget(target)); remove it there"))
                }
                throw PlanningStop(outcome: .refused("app \(app.key) has no resource for \(wanted.label)\(context.forTarget(target)) to remove"))
            }
            // (With the environment variables that read it: "should not write traces to the experiment anymore" left
            // `value_from: agent-traces` naming a resource the app no longer had.)
            var plan = removing(at: index, of: written, path: path, location: location, app: app, target: target, context)
            plan.subject = "Take \(wanted.label) from the resources of app \(app.key)"
            _ = on
            return plan
        }
        // "… in prod" where the app's one warehouse is `${var.warehouse_id}`: that variable, for prod (a
        // second resource was added in prod's override, which the app's code never read).
        if kind.field == "sql_warehouse", Self.switchesWarehouse(text),
           effective.filter({ $0["sql_warehouse"] != nil }).count == 1,
           case let definition = context.location(of: app, target: nil),
           let written = (context.rawNode(file: definition.file, path: definition.base + [.key("resources")])?.sequence ?? [])
               .first(where: { $0["sql_warehouse"] != nil })?["sql_warehouse"]?["id"]?.string,
           let variable = VariableValueIntent.variable(written: written, declaredIn: context),
           let given = wanted.identity.first(where: { $0.key == "id" })?.value, written != given,
           let assignment = try VariableValueIntent.assignment(context, variable: variable, value: given, target: target) {
            return Plan(subject: assignment.subject, summary: assignment.summary.dropLast() + "; app \(app.key)'s warehouse is ${var.\(variable)}.",
                        target: target, resource: app, edits: [(assignment.file, assignment.operations)])
        }
        // "use warehouse 1234… for the app", "switch the app's sql warehouse to …" where the app has one
        // warehouse already: that one's id changes (a second one was added, which the app's code never read).
        if kind.field == "sql_warehouse", Self.switchesWarehouse(text),
           written.filter({ $0["sql_warehouse"] != nil }).count == 1, let index = written.firstIndex(where: { $0["sql_warehouse"] != nil }),
           let given = wanted.identity.first(where: { $0.key == "id" })?.value {
            // ("from ab79… to 1234…": the one after "to".)
            let words = text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;\"'")) }
            let id = words.lastIndex(where: { $0.lowercased() == "to" }).flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
                .flatMap { $0.count >= 6 && $0.contains(where: \.isNumber) ? $0 : nil } ?? given
            // (The same warehouse: its permission is what may change, below.)
            if written[index]["sql_warehouse"]?["id"]?.string != id {
            let name = written[index]["name"]?.string ?? kind.name
            let old = written[index]["sql_warehouse"]?["id"]?.string ?? "none"
            return Plan(subject: "Point app \(app.key)'s warehouse at \(id)",
                        summary: "Set the SQL warehouse of the resource \(name) of \(on) to \(id) (was \(old)); the app reads it through `valueFrom: \(name)` as before.",
                        target: target, resource: app,
                        edits: [(location.file, [.set(path + [.index(index), .key("sql_warehouse"), .key("id")], .string(id))])])
            }
        }
        let permission = self.permission(kind, text)
        if let existing = effective.first(where: same), existing[kind.field]?["permission"]?.string == permission {
            throw PlanningStop(outcome: .refused("app \(app.key) already has \(permission) on \(wanted.label)\(context.forTarget(target))"))
        }
        if let index = written.firstIndex(where: same) {
            let name = written[index]["name"]?.string ?? wanted.slug
            return Plan(subject: "Give app \(app.key) \(permission) on \(wanted.label)",
                        summary: "Set the permission of the resource \(name) (\(wanted.label)) of \(on) to \(permission).",
                        target: target, resource: app,
                        edits: [(location.file, [.set(path + [.index(index), .key(kind.field), .key("permission")], .string(permission))])])
        }
        // The workspace's default name ("secret", "sql-warehouse"), made specific when another entry has it.
        let names = Set(effective.compactMap { $0["name"]?.string })
        var name = names.contains(kind.name) ? "\(kind.name)-\(wanted.slug)" : kind.name
        var n = 2
        while names.contains(name) { name = "\(kind.name)-\(wanted.slug)-\(n)"; n += 1 }
        let entry = EditValue.mapping([("name", .string(name)), (kind.field, .mapping(wanted.fields + [("permission", .string(permission))]))])
        let operation: EditOperation = context.rawNode(file: location.file, path: path) == nil ? .set(path, .sequence([entry])) : .append(path, entry)
        return Plan(subject: "Give app \(app.key) \(permission) on \(wanted.label)",
                    summary: "Added the resource \(name) to \(on): \(permission) on \(wanted.label), granted to the app's service principal on the next deploy. The app's code finds it through `valueFrom: \(name)` in its app.yaml.",
                    target: target, resource: app, edits: [(location.file, [operation])])
    }

    /// Whether the words switch the app's warehouse ("use warehouse X for the app", "switch … to X") rather
    /// than add another ("also give the app CAN_USE on warehouse X").
    static func switchesWarehouse(_ text: RequestText) -> Bool {
        !text.hasAny(["also", "another", "second", "too", "add", "additional", "extra"])
            && text.hasAny(["use", "switch", "change", "swap", "replace", "point", "move", "set"])
    }

    /// "stop the app from querying …", "the app no longer needs …", "should not use", "doesn't need …
    /// anymore": access the app loses (they added it, or said it was there already).
    static func withdraws(_ text: RequestText) -> Bool {
        PermissionIntent.revokes(text) || text.contains("stop the app from") || text.contains("no longer") || text.has("anymore")
            || text.original.range(of: #"(?i)\bstop\s+(using|querying|reading|writing|accessing|calling|running|giving|needing|triggering|viewing|seeing|managing)\b"#, options: .regularExpression) != nil
            // ("shouldn't run the job, only view it": a lower permission, not none.)
            || !text.has("only") && text.original.range(of: #"(?i)\b(should\s*n[o'’]t|shall\s+not|must\s*n[o'’]t|can\s*n[o'’]t|cannot|does\s*n[o'’]t|do\s*n[o'’]t|won[’']t|will\s+not|never)\s+(use|query|need|read|write|access|call|have|get|touch|see|view|run|trigger|manage)\b"#,
                                     options: .regularExpression) != nil
    }

    /// "remove the sql-warehouse resource from the app": the entry of the app's resources whose name
    /// the words give, removed; nil when the request removes nothing by name.
    static func removalByName(_ context: PlanningContext, app: ResourceReference, target: String?) throws -> Plan? {
        let text = context.request
        guard withdraws(text) || text.hasAny(["remove", "delete", "drop", "take"]) else { return nil }
        let location = context.location(of: app, target: target)
        let path = location.base + [.key("resources")]
        let written = context.rawNode(file: location.file, path: path)?.sequence ?? []
        let words = ResourceCatalog.words(text.original)
        let named = written.indices.filter { i in
            guard let name = written[i]["name"]?.string else { return false }
            return ResourceCatalog.position(of: ResourceCatalog.words(name), in: words) != nil
        }
        guard named.count == 1, let index = named.first, let name = written[index]["name"]?.string else {
            if text.hasAny(["resource", "resources"]), !kindWords.contains(where: { text.hasAny($0.words) }) {
                let names = written.compactMap { $0["name"]?.string }
                throw PlanningStop(outcome: names.isEmpty
                    ? .refused("app \(app.key) has no resources\(context.forTarget(target)) to remove")
                    : .clarify(question: "Which resource of app \(app.key) should go?", choices: names.map { "remove the \($0) resource from the app" }))
            }
            return nil
        }
        return removing(at: index, of: written, path: path, location: location, app: app, target: target, context)
    }

    /// The app's resource at `index` removed, with the environment variables that read it.
    static func removing(at index: Int, of written: [YAMLNode], path: EditPath, location: (file: String, base: EditPath),
                         app: ResourceReference, target: String?, _ context: PlanningContext) -> Plan {
        let name = written[index]["name"]?.string ?? "resource"
        let what = written[index].mapping?.keys.first { $0 != "name" && $0 != "description" }?.replacingOccurrences(of: "_", with: " ")
        // The app's environment variables that read it (`value_from: llm`) go with it: left, they named a resource
        // the app no longer has, and the app failed to start.
        let envPath = location.base + [.key("config"), .key("env")]
        let env = context.rawNode(file: location.file, path: envPath)?.sequence ?? []
        let reading = env.indices.filter { (env[$0]["value_from"] ?? env[$0]["valueFrom"])?.string == name }
        let variables = reading.compactMap { env[$0]["name"]?.string }
        var operations: [EditOperation] = [.delete(written.count == 1 ? path : path + [.index(index)])]
        operations += reading.count == env.count && !env.isEmpty ? [.delete(envPath)] : reading.sorted(by: >).map { .delete(envPath + [.index($0)]) }
        let said = variables.isEmpty
            ? "code that reads `valueFrom: \(name)` no longer finds it."
            : "its environment variable\(variables.count == 1 ? "" : "s") \(variables.joined(separator: ", ")) (read from it) went too."
        return Plan(subject: "Take the resource \(name) from app \(app.key)",
                    summary: "Removed the resource \(name)\(what.map { " (a \($0))" } ?? "") from app \(app.key)\(context.forTarget(target)); the next deploy withdraws the app's access, and " + said,
                    target: target, resource: app, edits: [(location.file, operations)])
    }

    /// The permission the words ask for, among the kind's.
    static func permission(_ kind: Kind, _ text: RequestText) -> String {
        if let written = kind.permissions.first(where: { text.has($0.lowercased()) }) { return written }
        // ("the bundle's own warehouse": no owning; "should own the warehouse" is.)
        let manage = text.hasAny(["manage", "admin", "owner"])
            || text.original.range(of: #"(?i)\b(to|can|may|should|will|must|shall)\s+own\b"#, options: .regularExpression) != nil
        let write = text.hasAny(["write", "writes", "modify", "update", "insert", "upload", "edit"])
        let view = text.hasAny(["view", "see", "watch", "monitor"])
        switch kind.field {
        case "secret": return manage ? "MANAGE" : write ? "WRITE" : "READ"
        case "job": return manage ? "CAN_MANAGE" : view && !text.hasAny(["run", "trigger", "start"]) ? "CAN_VIEW" : "CAN_MANAGE_RUN"
        case "sql_warehouse": return manage ? "CAN_MANAGE" : "CAN_USE"
        case "serving_endpoint": return manage ? "CAN_MANAGE" : view && !text.hasAny(["query", "call", "use", "invoke"]) ? "CAN_VIEW" : "CAN_QUERY"
        case "experiment": return manage ? "CAN_MANAGE" : write || text.hasAny(["log", "logs"]) ? "CAN_EDIT" : "CAN_READ"
        default: return write && kind.permissions.count > 1 ? kind.permissions[1] : kind.permissions[0]
        }
    }

    /// The words of the request as written, without surrounding punctuation.
    static func tokens(_ text: RequestText) -> [String] {
        text.original.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".;:\"'`“”()")) }.filter { !$0.isEmpty }
    }

    /// What the app is to use: the first kind the words name, and which one of it.
    static func thing(_ context: PlanningContext, app: ResourceReference) throws -> Wanted {
        let text = context.request
        // A job of the bundle named by its name ("the hello world job") is a job even without the word.
        let jobs = context.catalog.mentions(in: text.original).filter { $0.key.type == "jobs" }
        let kind = namesSecret(text) ? "secret" : kindWords.first(where: { text.hasAny($0.words) })?.kind ?? (jobs.isEmpty ? nil : "job")
        switch kind {
        case "secret": return try secret(text, context: context)
        case "sql_warehouse": return try bundleThing(context, type: "sql_warehouses", kind: "sql_warehouse", field: "id", property: "id",
                                                     variableWord: "warehouse", literal: { $0.count == 16 && $0.allSatisfy(\.isHexDigit) })
        case "serving_endpoint": return try bundleThing(context, type: "model_serving_endpoints", kind: "serving_endpoint", field: "name", property: "name",
                                                        variableWord: "endpoint", literal: { _ in false }, nameAfter: ["endpoint", "model"])
        case "experiment": return try bundleThing(context, type: "experiments", kind: "experiment", field: "experiment_id", property: "id",
                                                  variableWord: "experiment", literal: { $0.count >= 6 && $0.allSatisfy(\.isNumber) })
        case "job": return try bundleThing(context, type: "jobs", kind: "job", field: "id", property: "id",
                                           variableWord: "job_id", literal: { $0.count >= 3 && $0.allSatisfy(\.isNumber) })
        case "volume", "table", "function", "connection": return try securable(context, kind: kind!)
        case "database":
            // A Lakebase instance of the bundle, and its default database (databricks_postgres).
            var wanted = try bundleThing(context, type: "database_instances", kind: "database", field: "instance_name", property: "name",
                                         variableWord: "instance", literal: { _ in false }, nameAfter: ["instance", "database"])
            wanted.fields.append(("database_name", .string("databricks_postgres")))
            return wanted
        default:
            throw PlanningStop(outcome: .clarify(question: "What should app \(app.key) use? Name a secret (scope/key), a job, a SQL warehouse, a serving endpoint or a volume.",
                                                 choices: examples))
        }
    }

    /// "the secret etl/api_token", "{{secrets/etl/api_token}}", "the key api_token in the scope etl",
    /// "secret scope etl key api_token".
    static func secret(_ text: RequestText, context: PlanningContext? = nil) throws -> Wanted {
        let words = tokens(text)
        let lower = words.map { $0.lowercased() }
        let filler: Set<String> = ["the", "a", "an", "named", "called", "secret", "secrets", "in", "of", "from", "with", "and", "key", "scope", "its", "to", "on"]
        func beside(_ word: String) -> String? {
            guard let i = lower.firstIndex(of: word) else { return nil }
            var j = i + 1
            while j < words.count, filler.contains(lower[j]) { j += 1 }
            if j < words.count, j == i + 1 || ["named", "called"].contains(lower[j - 1]) { return words[j] }
            // "the api_token key", "the etl scope", "the metlink secret scope"
            var k = i - 1
            while k > 0, ["secret", "secrets"].contains(lower[k]) { k -= 1 }
            if k >= 0, k < i, !filler.contains(lower[k]) { return words[k] }
            return nil
        }
        var scope = beside("scope"), key = beside("key")
        // "the api-key secret from the metlink secret scope": the key is the word before the first "secret".
        if key == nil, scope != nil, let i = lower.firstIndex(where: { ["secret", "secrets"].contains($0) }), i > 0,
           !filler.contains(lower[i - 1]), words[i - 1] != scope, !["app", "app's", "its"].contains(lower[i - 1]) {
            key = words[i - 1]
        }
        if scope == nil || key == nil, let pair = words.lazy.map({ $0.replacingOccurrences(of: "{{secrets/", with: "").replacingOccurrences(of: "}}", with: "") })
            .first(where: { $0.split(separator: "/").count == 2 && !$0.hasPrefix("/") && !$0.contains(":") }) {
            let parts = pair.split(separator: "/").map(String.init)
            (scope, key) = (scope ?? parts[0], key ?? parts[1])
        }
        guard let scope, var key else {
            throw PlanningStop(outcome: .clarify(question: "Which secret? Name its scope and key, as in \"let the app read the secret etl/api_token\".",
                                                 choices: ["let the app read the secret etl/api_token"]))
        }
        // "the anthropic key" where the bundle declares anthropic_secret_key (default anthropic_api_key): that variable,
        // not a key called "anthropic" (which the scope does not hold); a scope said by a variable's value, that variable.
        if let context {
            let variables = context.bundle.configuration["variables"]?.mapping
            let declared = variables?.keys ?? []
            let keyWord = key.lowercased()
            let keyVariables = declared.filter { name in
                let lowered = name.lowercased()
                return lowered.hasSuffix("key") && lowered.split(separator: "_").contains(Substring(keyWord)) && !lowered.contains("scope")
            }
            if keyVariables.count == 1 { key = "${var.\(keyVariables[0])}" }
            let scopeVariables = declared.filter { $0.lowercased().contains("scope") && variables?[$0]?["default"]?.string == scope }
            if key.hasPrefix("${var."), scopeVariables.count == 1,
               !context.catalog.references(ofType: "secret_scopes").contains(where: { $0.key == scope }) {
                return Wanted(kind: "secret", fields: [("scope", .string("${var.\(scopeVariables[0])}")), ("key", .string(key))],
                              identity: ["scope": "${var.\(scopeVariables[0])}", "key": key], label: "the secret \(scope)/\(key)", slug: slug(keyWord))
            }
        }
        // A scope the bundle defines, by its key or name: its name by reference (`metlink-${bundle.target}`; the key
        // was written, a scope that does not exist).
        var scopeValue = scope
        if let context, let defined = context.catalog.references(ofType: "secret_scopes").first(where: { reference in
            reference.key == scope || context.effectiveResource(reference, target: nil)?["name"]?.string == scope
        }) {
            scopeValue = "${resources.secret_scopes.\(defined.key).name}"
        }
        return Wanted(kind: "secret", fields: [("scope", .string(scopeValue)), ("key", .string(key))], identity: ["scope": scopeValue, "key": key],
                      label: "the secret \(scope)/\(key)", slug: slug(key.hasPrefix("${var.") ? String(key.dropFirst(6).dropLast()) : key))
    }

    /// A job, warehouse, endpoint or experiment: one of the bundle's (by reference), a variable that
    /// names one (`${var.warehouse_id}`), or an id or name written in the request.
    static func bundleThing(_ context: PlanningContext, type: String, kind: String, field: String, property: String,
                            variableWord: String, literal: (String) -> Bool, nameAfter: [String] = []) throws -> Wanted {
        let noun = ResourceVocabulary.singular(type)
        let mentioned = context.catalog.mentions(in: context.request.original).filter { $0.key.type == type }
        let strongest = mentioned.values.max()
        let named = mentioned.filter { $0.value == strongest }.keys.sorted()
        let all = context.catalog.references(ofType: type)
        func reference(_ r: ResourceReference) -> Wanted {
            let value = "${resources.\(type).\(r.key).\(property)}"
            return Wanted(kind: kind, fields: [(field, .string(value))], identity: [field: value], label: "\(noun) \(r.key)", slug: slug(r.key))
        }
        if named.count == 1 { return reference(named[0]) }
        if named.count > 1 {
            throw PlanningStop(outcome: .clarify(question: "Which \(noun)? \(named.map(\.key).joined(separator: ", ")) all match.", choices: named.map(\.key)))
        }
        // ("… instead of ec3c986a891e0b79": the one it replaces, not the one to use.)
        let said = tokens(context.request)
        let words = said.indices.filter { i in
            !(i >= 2 && ["instead of", "rather than"].contains("\(said[i - 2]) \(said[i - 1])".lowercased())) && !(i >= 1 && ["replacing", "not"].contains(said[i - 1].lowercased()))
        }.map { said[$0] }
        if let id = words.first(where: literal) {
            return Wanted(kind: kind, fields: [(field, .string(id))], identity: [field: id], label: "\(noun) \(id)", slug: slug(id))
        }
        // A name written after the noun: "the serving endpoint databricks-claude-sonnet-4", "the model serving
        // endpoint churn-model" (past the noun's own words: "the churn-model model serving endpoint" was an
        // endpoint called "serving").
        let lower = words.map { $0.lowercased() }
        let nounWords = Set(nameAfter + ["serving", "endpoint", "endpoints", "model", "models"])
        let asName = { (candidate: String) in candidate.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) }
        for (i, w) in lower.enumerated() where nameAfter.contains(w) && i + 1 < words.count {
            var j = i + 1
            while j < words.count, nounWords.contains(lower[j]) { j += 1 }
            guard j < words.count else { continue }
            let candidate = words[j]
            if candidate.count >= 3, !ResourceVocabulary.common.contains(candidate.lowercased()), asName(candidate) {
                return Wanted(kind: kind, fields: [(field, .string(candidate))], identity: [field: candidate], label: "\(noun) \(candidate)", slug: slug(candidate))
            }
        }
        // "the llm endpoint" where the bundle declares llm_endpoint: that variable (an endpoint called "llm" was made up).
        let declared = (context.bundle.configuration["variables"]?.mapping?.keys ?? []).filter { $0.lowercased().contains(variableWord) }
        if named.isEmpty, let variable = declared.first(where: { name in
            let parts = Set(ResourceCatalog.words(name))
            return lower.contains { $0.count >= 3 && parts.contains($0) && !nounWords.contains($0) && !ResourceVocabulary.common.contains($0) }
        }) {
            let value = "${var.\(variable)}"
            return Wanted(kind: kind, fields: [(field, .string(value))], identity: [field: value], label: "the \(noun) of variable \(variable)", slug: slug(variable))
        }
        // "the serving endpoint databricks-claude" before the noun: "the databricks-claude endpoint", "the
        // churn_model serving endpoint", "the churn serving endpoint" (a plain word right after "the").
        for (i, w) in lower.enumerated() where nameAfter.contains(w) && i > 0 {
            var k = i - 1
            while k > 0, nounWords.contains(lower[k]) { k -= 1 }
            let candidate = words[k]
            let plain = k > 0 && ["the", "a", "an", "our", "my"].contains(lower[k - 1]) && candidate.count >= 3
                && !ResourceVocabulary.common.contains(candidate.lowercased()) && !nounWords.contains(candidate.lowercased())
            if candidate.contains("-") || candidate.contains("_") || plain, asName(candidate) {
                return Wanted(kind: kind, fields: [(field, .string(candidate))], identity: [field: candidate], label: "\(noun) \(candidate)", slug: slug(candidate))
            }
        }
        let variables = (context.bundle.configuration["variables"]?.mapping?.keys ?? []).filter { $0.lowercased().contains(variableWord) }
        // The bundle's one serving endpoint, unless the words say a variable (a variable lakebase_endpoint
        // holding a database endpoint's path was offered beside it: "Which serving endpoint? … ep, ${var.…}").
        if all.count == 1, variables.isEmpty || !context.request.hasAny(["variable", "var"]) { return reference(all[0]) }
        if variables.count == 1, all.isEmpty {
            let value = "${var.\(variables[0])}"
            return Wanted(kind: kind, fields: [(field, .string(value))], identity: [field: value], label: "the \(noun) of variable \(variables[0])", slug: slug(variables[0]))
        }
        let choices = all.map(\.key) + variables.map { "${var.\($0)}" }
        throw PlanningStop(outcome: .clarify(question: choices.isEmpty
            ? "Which \(noun)? This bundle defines none; give its \(field == "name" ? "name" : "id") (\"… the \(noun) \(field == "name" ? "my-endpoint" : "1234567890abcdef")\")."
            : "Which \(noun)? This bundle has \(choices.joined(separator: ", ")).", choices: choices))
    }

    /// A volume, table, function or connection of Unity Catalog: its full name as written
    /// (`catalog.schema.name`), or one of the bundle's volumes.
    static func securable(_ context: PlanningContext, kind: String) throws -> Wanted {
        let type = kind.uppercased()
        let words = tokens(context.request)
        let dotted = words.first { word in
            let parts = word.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == (kind == "connection" ? 1 : 3) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || "_-${}".contains($0) } }
                && (kind != "connection" || word.contains("_") || word.contains("-"))
        }
        var fullName = dotted
        var label = dotted.map { "\(kind) \($0)" }
        if fullName == nil, kind == "volume" {
            let volumes = context.catalog.mentions(in: context.request.original).filter { $0.key.type == "volumes" }.keys.sorted()
            let all = context.catalog.references(ofType: "volumes")
            if let volume = volumes.count == 1 ? volumes[0] : all.count == 1 ? all[0] : nil {
                let base = "resources.volumes.\(volume.key)"
                fullName = "${\(base).catalog_name}.${\(base).schema_name}.${\(base).name}"
                label = "volume \(volume.key)"
            }
        }
        guard let fullName, let label else {
            let example = kind == "connection" ? "my_connection" : "main.raw.\(kind == "volume" ? "landing" : "orders")"
            throw PlanningStop(outcome: .clarify(question: "Which \(kind)? Give its full name, as in \"let the app read the \(kind) \(example)\".",
                                                 choices: ["let the app read the \(kind) \(example)"]))
        }
        return Wanted(kind: kind, fields: [("securable_full_name", .string(fullName)), ("securable_type", .string(type))],
                      identity: ["securable_full_name": fullName, "securable_type": type], label: label,
                      slug: slug(String(fullName.split(separator: ".").last ?? Substring(fullName))))
    }

    /// A resource entry's name part: lower case, `-` between words.
    static func slug(_ text: String) -> String {
        let cleaned = text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(cleaned).split(separator: "-").joined(separator: "-")
    }
}
