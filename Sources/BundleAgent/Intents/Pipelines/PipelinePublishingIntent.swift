import BundleEditing
import BundleModel
import Foundation

/// "publish the pipeline to the analytics schema in prod", "write the clickstream tables to main.web",
/// "use the catalog sandbox for the orders pipeline": `catalog` and `schema` (or the legacy `target`
/// where the pipeline uses it).
public enum PipelinePublishingIntent: Intent {
    public static let id = "pipeline-publishing"
    public static let summary = "pipelines: the catalog and schema they publish to"
    public static let examples = ["publish the pipeline to the analytics schema", "use the catalog sandbox for the pipeline in dev"]

    static let nouns: [String: String] = ["catalog": "catalog", "schema": "schema", "database": "schema"]

    public static func score(_ text: RequestText) -> Int {
        // "grant USE_SCHEMA on the gold schema to analysts": privileges, not where tables go (GrantIntent).
        if GrantIntent.score(text) > 0 { return 0 }
        // "make catalog and schema configurable per target": variables (it published to make.configurable).
        if text.hasAny(["configurable", "settable", "parameterize", "parametrize", "parameterized", "hardcoded", "variable", "variables"]) || text.contains("hard-coded")
            || text.contains("per target") || text.contains("per-target") || text.contains("each target") || text.contains("its own") { return 0 }
        // A schema's own settings or who may use it, without a pipeline named: "change the catalog of the gold
        // schema to shared", "set catalog_name of the gold schema", "analysts can no longer use the gold schema"
        // (each rewrote the pipeline's catalog and schema).
        if !text.hasAny(["pipeline", "pipelines", "dlt", "tables", "publish", "publishes"]) {
            if text.hasAny(["grant", "grants", "revoke", "privilege", "privileges", "access", "able", "lose", "select", "modify"])
                || text.contains("no longer") || text.original.range(of: #"(?i)\b(catalog|catalog_name|comment|owner|name)\s+of\s+(the\s+)?\S+\s+schema\b"#, options: .regularExpression) != nil
                || text.original.range(of: #"(?i)\bschema'?s\s+(catalog|comment|owner)\b"#, options: .regularExpression) != nil { return 0 }
        }
        // ("move the checkpoints volume to the staging schema": the volume's schema, VolumeSchemaIntent's.)
        if text.hasAny(["volume", "volumes"]), !text.hasAny(["pipeline", "pipelines", "dlt", "tables"]) { return 0 }
        // "let the app connect to the hackathon_db database instance": an app's resource (it set the schema
        // variable's default to hackathon_db); a database instance is no schema.
        if !text.hasAny(["pipeline", "pipelines", "dlt", "tables", "publish", "publishes"]),
           text.hasAny(["app", "apps", "app's"]) || text.contains("database instance") || text.has("database_instance") || text.has("lakebase") { return 0 }
        let about = text.hasAny(["catalog", "schema", "database"])
        if about && text.hasAny(["publish", "publishes", "publishing", "write", "writes", "land", "store", "move", "change", "switch", "set", "use", "point", "target", "put", "to", "into"]) { return 3 }
        // "publish the clickstream tables to main.web", "write the orders tables to main.orders_v2"
        if text.hasAny(["publish", "publishes"]) { return 3 }
        let dotted = text.words.contains { word in
            let parts = word.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }
        }
        return dotted && text.hasAny(["write", "writes", "land", "store", "save", "put", "move"]) && text.hasAny(["tables", "pipeline", "dlt"]) ? 3 : 0
    }

    /// Words that never name a catalog or a schema.
    static let notNames: Set<String> = ["the", "a", "an", "to", "into", "in", "of", "for", "on", "and", "its", "their", "new", "same", "another", "name",
                                        "this", "that", "pipeline", "pipelines", "pipeline's", "dlt", "catalog", "schema", "database", "target",
                                        "uc", "unity", "use", "set", "change", "move", "publish", "write", "switch", "called", "named", "as",
                                        "is", "=", "tables", "table", "data", "it", "them", "with", "from", "at", "instead", "different"]

    /// The catalog and schema the request names: "the analytics schema", "schema analytics",
    /// "the schema to analytics", "catalog = main", "main.analytics".
    static func values(_ text: RequestText, targets: [String]) -> (catalog: String?, schema: String?) {
        // ("use var.catalog as the pipeline's catalog": the variable, `${var.catalog}` — it was read as catalog "var" and
        // schema "catalog".)
        let tokens = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
            .map { $0.wholeMatch(of: /var\.[A-Za-z_][A-Za-z0-9_-]*/) != nil ? "${\($0)}" : $0 }
        let lowered = tokens.map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".:")) }
        func name(_ i: Int) -> String? {
            guard tokens.indices.contains(i), !notNames.contains(lowered[i]) else { return nil }
            let value = tokens[i].trimmingCharacters(in: CharacterSet(charactersIn: ".:"))
            // ("02_silver": a name may start with digits, as ordered schemas do.)
            guard let first = value.first, first.isLetter || first == "_" || first == "$" || (first.isNumber && value.contains(where: \.isLetter)),
                  value.allSatisfy({ $0.isLetter || $0.isNumber || "_-${}.".contains($0) }) else { return nil }
            return value
        }
        var found: [String: String] = [:]
        for (i, word) in lowered.enumerated() {
            guard let field = nouns[word] else { continue }
            // "the analytics schema" (not "the prod schema", which names the target), "schema analytics", "schema to analytics".
            // ("set the default catalog to fsi_sandbox": "default" says which value, the name comes after "to".)
            let defaultThenTo = i > 0 && lowered[i - 1] == "default" && lowered[(i + 1)...].contains { $0 == "to" || $0 == "=" }
            if !defaultThenTo, let before = name(i - 1), !targets.contains(before.lowercased()) {
                found[field] = found[field] ?? before
                continue
            }
            var j = i + 1
            // ("set the schema default to e2e_demo": "default" says which value, the name comes after "to".)
            while j < lowered.count && (["to", "into", "=", "called", "named", "as", "is", "be"].contains(lowered[j])
                                        || lowered[j] == "default" && j + 1 < lowered.count && ["to", "=", "is"].contains(lowered[j + 1])) { j += 1 }
            if let after = name(j) {
                found[field] = found[field] ?? after
                continue
            }
            // "use ${var.catalog} as the pipeline's catalog", "with sandbox as its catalog".
            if let at = lowered[max(0, i - 4)..<i].lastIndex(of: "as"), let value = name(at - 1) {
                found[field] = found[field] ?? value
                continue
            }
            // "set the catalog of the orders pipeline to sandbox"
            if let to = lowered[(i + 1)...].firstIndex(where: { $0 == "to" || $0 == "into" }), let value = name(to + 1),
               !nouns.keys.contains(lowered.indices.contains(to + 2) ? lowered[to + 2] : "") {
                found[field] = found[field] ?? value
            }
        }
        // "main.analytics": a catalog and a schema at once.
        if found.isEmpty, let dotted = tokens.first(where: { t in
            let parts = t.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } } && parts[0].first!.isLetter
        }) {
            let parts = dotted.split(separator: ".").map(String.init)
            return (parts[0], parts[1])
        }
        return (found["catalog"], found["schema"])
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        // "set the default of schema to main", "the schema variable's default": a declared variable called
        // schema (or catalog) is that variable, whatever the pipeline publishes to.
        let declared = context.bundle.configuration["variables"]?.mapping?.keys ?? []
        let lowered = context.request.lowered
        if let name = ["schema", "catalog"].first(where: { declared.contains($0) }),
           lowered.contains("default of \(name)") || lowered.contains("default of the \(name) variable") || lowered.contains("\(name) variable") {
            return try VariableValueIntent.plan(context)
        }
        var (catalog, schema) = values(context.request, targets: context.bundle.targetNames)
        // The names of the catalog and the schema name neither the target nor the pipeline.
        let resolving = context.ignoring([catalog, schema].compactMap { $0 })
        let target = try resolving.target()
        // "set the gold schema to gold in prod": a declared variable named in the words is that variable.
        let names = context.bundle.configuration["variables"]?.mapping?.keys ?? []
        let words = ResourceCatalog.words(context.request.original)
        let said = names.filter { name in
            let parts = ResourceCatalog.words(name)
            return parts.count > 1 && (parts.contains("catalog") || parts.contains("schema")) && ResourceCatalog.position(of: parts, in: words) != nil
        }
        if said.count == 1, let value = said[0].lowercased().contains("catalog") ? catalog : schema,
           let plan = try variablesPlan(context, [(said[0], value)], target: target) {
            return plan
        }
        // No pipeline, but the bundle's variables are named so ("change the catalog to main in prod"
        // where jobs pass ${var.catalog} on): the variables.
        if context.catalog.references(ofType: "pipelines").isEmpty,
           let plan = try variablesPlan(context, [("catalog", catalog), ("schema", schema)].compactMap { field, value in
               value.map { (field, $0) } }, target: target) {
            return plan
        }
        let pipelines = context.catalog.references(ofType: "pipelines")
        let mentioned = context.catalog.mentions(in: resolving.request.original).keys.contains { $0.type == "pipelines" }
        // Several pipelines, none named, each publishing to the same `${var.…}`: "change the catalog to
        // gold in prod" is the variable's value, not a question.
        if pipelines.count > 1, !mentioned, context.resourceOption == nil {
            let shared = [("catalog", catalog), ("schema", schema)].compactMap { field, value -> (field: String, value: String)? in
                guard let value else { return nil }
                let variables = Set(pipelines.map { reference -> String? in
                    let definition = context.location(of: reference, target: nil)
                    let overridden = context.bundle.targetNames.contains { context.bundle.targetsMapping?[$0]?["resources"]?["pipelines"]?[reference.key]?[field] != nil }
                    return overridden ? nil : VariableValueIntent.variable(in: context.rawNode(file: definition.file, path: definition.base)?[field], declaredIn: context)
                })
                guard variables.count == 1, let variable = variables.first ?? nil else { return nil }
                return (variable, value)
            }
            if shared.count == [catalog, schema].compactMap({ $0 }).count, let plan = try variablesPlan(context, shared, target: target) { return plan }
        }
        let p = try PipelineSelection(context, resolving.resource(["pipelines"]), target: target)
        guard catalog != nil || schema != nil else {
            throw PlanningStop(outcome: .clarify(question: "Which catalog or schema should \(p.description) publish to? Name it in the request.",
                                                 choices: ["publish the \(p.key) pipeline to the analytics schema", "publish the \(p.key) pipeline to the catalog main"]))
        }
        // "the silver schema" where the bundle defines silver_schema (named 02_silver): that schema, by reference.
        if let said = schema, !said.contains("${"), let key = NewSchemaOrVolumeIntent.schemaResource(named: said, context) {
            schema = "${resources.schemas.\(key).name}"
        }
        if catalog != nil, let storage = p.effective["storage"]?.string, p.effective["catalog"] == nil {
            throw PlanningStop(outcome: .refused("\(p.description) publishes to the Hive metastore (storage \(storage)); a Hive metastore pipeline cannot move to Unity Catalog: create a new pipeline with a catalog"))
        }
        // The legacy `target` stays where the pipeline uses it instead of `schema`.
        let definition = context.location(of: p.reference, target: nil)
        let raw = context.rawNode(file: definition.file, path: definition.base)
        let schemaField = p.effective["schema"] == nil && raw?["schema"] == nil && (p.effective["target"] != nil || raw?["target"] != nil) ? "target" : "schema"
        var operations: [EditOperation] = []
        var changed: [String] = []
        // A pipeline named ("publish the clickstream pipeline to …") changes alone; the variable only
        // where nothing else uses it.
        // ("the DLT pipeline's catalog", "the pipeline catalog": the pipeline is what the words are about.)
        let named = context.catalog.mentions(in: resolving.request.original)[p.reference] != nil
            || (context.resourceOption == nil && resolving.request.hasAny(["pipeline", "pipeline's", "dlt"]))
        var variableEdits: [(file: String, operations: [EditOperation])] = []
        var variableSummaries: [String] = [], variableSubjects: [String] = []
        var sharedVariable = false
        for (field, value) in [("catalog", catalog), (schemaField, schema)] {
            guard let value else { continue }
            // `catalog: ${var.catalog}`: the variable changes (for the target, or its default), so
            // that what else uses it follows.
            let overridden = target.flatMap { t in context.rawNode(file: p.location.file, path: p.location.base)?[field].map { _ in t } } != nil
                || (target == nil && !p.overridingTargets(context, at: [field]).isEmpty)
            let written = target != nil && overridden ? context.rawNode(file: p.location.file, path: p.location.base)?[field] : raw?[field]
            if !(target == nil && overridden), let variable = VariableValueIntent.variable(in: written, declaredIn: context),
               !named || !context.resourcesUsing(variable: variable).contains(where: { $0 != p.reference }) {
                if let assignment = try VariableValueIntent.assignment(context, variable: variable, value: value, target: target) {
                    variableEdits.append((assignment.file, assignment.operations))
                    let users = context.resourcesUsing(variable: variable).map { "\(ResourceVocabulary.singular($0.type)) \($0.key)" }
                    variableSummaries.append(assignment.summary.dropLast() + "; \(users.isEmpty ? p.description : users.joined(separator: ", ")) use\(users.count == 1 ? "s" : "") it.")
                    variableSubjects.append(assignment.subject)
                    sharedVariable = sharedVariable || users.count > 1
                }
                continue
            }
            if let operation = try p.setting(context, [field], to: .string(value), unset: nil) {
                operations.append(operation)
                changed.append("\(field) \(value)")
            }
        }
        guard !operations.isEmpty || !variableEdits.isEmpty else {
            throw p.already("publishing to \([catalog.map { "catalog \($0)" }, schema.map { "schema \($0)" }].compactMap { $0 }.joined(separator: ", "))")
        }
        let destination = [catalog, schema].compactMap { $0 }.joined(separator: ".")
        let summary = (operations.isEmpty ? [] : ["Set \(changed.joined(separator: " and ")) on \(p.description)\(p.forTarget)."])
            + variableSummaries
        // A variable other resources use too changed alone: the subject says the variable, not one pipeline.
        let subject = operations.isEmpty && sharedVariable ? variableSubjects.joined(separator: "; ")
            : "Publish pipeline \(p.key) to \(catalog == nil ? "schema " : schema == nil ? "catalog " : "")\(destination)\(p.inTarget)"
        return p.plan(subject: subject,
                      summary: summary.joined(separator: " "),
                      edits: Self.grouped((operations.isEmpty ? [] : [(p.location.file, operations)]) + variableEdits.map { ($0.file, $0.operations) }))
    }

    /// Edits of one file together, in the order the files first appear.
    static func grouped(_ edits: [(file: String, operations: [EditOperation])]) -> [(file: String, operations: [EditOperation])] {
        var order: [String] = []
        var byFile: [String: [EditOperation]] = [:]
        for (file, operations) in edits {
            if byFile[file] == nil { order.append(file) }
            byFile[file, default: []] += operations
        }
        return order.map { ($0, byFile[$0]!) }
    }

    /// Declared variables set to values (`field` is the variable's name: "catalog", "schema"), each
    /// summary saying what uses the variable; nil when the bundle declares none of them.
    static func variablesPlan(_ context: PlanningContext, _ values: [(field: String, value: String)], target: String?) throws -> Plan? {
        // The variable of that name, else the one declared variable named for it (catalog_name, target_catalog),
        // or the one the request names in words ("the gold schema" for gold_schema).
        let names = context.bundle.configuration["variables"]?.mapping?.keys ?? []
        let requestWords = ResourceCatalog.words(context.request.original)
        let declared: [(field: String, value: String)] = values.compactMap { field, value in
            if names.contains(field) { return (field, value) }
            let named = names.filter { $0.lowercased().split(whereSeparator: { !$0.isLetter }).contains { $0 == Substring(field) } }
            if named.count == 1 { return (named[0], value) }
            let said = named.filter { ResourceCatalog.position(of: ResourceCatalog.words($0), in: requestWords) != nil }
            return said.count == 1 ? (said[0], value) : nil
        }
        guard !declared.isEmpty else { return nil }
        var edits: [(file: String, operations: [EditOperation])] = []
        var summaries: [String] = [], subjects: [String] = []
        for (field, value) in declared {
            guard let assignment = try VariableValueIntent.assignment(context, variable: field, value: value, target: target) else { continue }
            edits.append((assignment.file, assignment.operations))
            let all = context.resourcesUsing(variable: field).map { "\(ResourceVocabulary.singular($0.type)) \($0.key)" }
            // A long list is cut: the first few, and how many more.
            let users = all.count > 5 ? Array(all.prefix(3)) + ["\(all.count - 3) more"] : all
            summaries.append(users.isEmpty ? assignment.summary : assignment.summary.dropLast() + "; \(users.joined(separator: ", ")) use\(all.count == 1 ? "s" : "") it.")
            subjects.append(assignment.subject)
        }
        guard !edits.isEmpty else {
            throw PlanningStop(outcome: .refused("the variable\(declared.count == 1 ? "" : "s") \(declared.map { "\($0.field) already is \($0.value)" }.joined(separator: " and "))\(target.map { " in target \($0)" } ?? "")"))
        }
        return Plan(subject: subjects.joined(separator: "; "), summary: summaries.joined(separator: " "), target: target, edits: grouped(edits))
    }
}
