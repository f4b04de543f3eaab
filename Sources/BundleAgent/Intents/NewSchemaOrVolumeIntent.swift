import BundleEditing
import BundleModel
import Foundation

/// "add a schema called analytics", "create a volume raw in main.bronze", "add a managed volume landing
/// to the bronze schema": a Unity Catalog schema or volume as a resource of the bundle, in its own
/// `resources/<key>.schema.yml` / `.volume.yml`.
public enum NewSchemaOrVolumeIntent: Intent {
    public static let id = "new-schema-or-volume"
    public static let summary = "a new Unity Catalog schema or volume the bundle deploys"
    public static let examples = ["add a schema called analytics", "create a volume called raw in main.bronze"]

    public static func score(_ text: RequestText) -> Int {
        guard text.hasAny(["add", "create", "new", "define"]), text.hasAny(["schema", "volume"]) else { return 0 }
        // "add a comment to the schema": the schema's comment (JobNameIntent).
        if text.hasAny(["comment", "description"]) && !text.hasAny(["called", "named"]) { return 0 }
        // "add a timeout of 45 minutes to the schema check task": a task's setting, no new schema.
        if text.hasAny(["task", "tasks", "step", "timeout", "retries", "retry", "job", "jobs"]) && !text.hasAny(["called", "named"]) { return 0 }
        if text.hasAny(ResourceVocabulary.nouns["pipelines"]! + ["publish", "publishes"]) { return 0 }
        // "add variables schema and sp_client_id": variables named so (a schema called "and" was made).
        if text.hasAny(["variable", "variables", "var", "vars"]) { return 0 }
        // "let data_scientists create tables in the features schema": a privilege on it (a schema called
        // "prod" was made).
        if text.hasAny(["let", "allow", "allowed", "grant", "give", "can", "permission", "privilege", "privileges"]),
           text.contains("create table") || text.contains("create tables") || text.contains("create function") || text.contains("create functions")
            || text.contains("create model") || text.contains("create models") || text.contains("create materialized view") || text.contains("create views") { return 0 }
        // "add a schema called silver with grants: …": a new schema first of all (its grant goes with it).
        let words = text.words.filter { !["a", "an", "new", "managed", "external", "uc", "unity", "catalog"].contains($0) }
        if words.count >= 2, ["add", "create", "define"].contains(words[0]), ["schema", "volume"].contains(words[1]) { return 7 }
        return 6
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let tokens = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
            .map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
        let lowered = tokens.map { $0.lowercased() }
        let volume = text.has("volume") && (!text.has("schema") || (lowered.firstIndex(of: "volume") ?? 99) < (lowered.firstIndex(of: "schema") ?? 99))
        let noun = volume ? "volume" : "schema"
        // The name: after "called"/"named", else after the noun.
        let fillers: Set<String> = ["called", "named", "a", "the", "new", "managed", "external"]
        let name = lowered.firstIndex { $0 == "called" || $0 == "named" }.flatMap { $0 + 1 < tokens.count ? tokens[$0 + 1] : nil }
            ?? lowered.firstIndex(of: noun).flatMap { i in tokens[(i + 1)...].first { !fillers.contains($0.lowercased()) && !["in", "to", "for", "inside", "under"].contains($0.lowercased()) } }
        // ("04_platinum": ordered schemas start with digits.)
        guard let name, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }),
              name.first?.isLetter == true || (name.first?.isNumber == true && name.contains(where: \.isLetter)) else {
            throw PlanningStop(outcome: .clarify(question: "What should the \(noun) be called?", choices: ["add a \(noun) called \(volume ? "raw" : "analytics")"]))
        }
        // The key starts with a letter ("04_platinum" is platinum, as the bundle's others are bronze_schema …).
        var key = NewJobIntent.identifier(name)
        if key.first?.isNumber == true { key = String(key.drop { $0.isNumber || $0 == "_" || $0 == "-" }) }
        let type = volume ? "volumes" : "schemas"
        if context.catalog.references(ofType: type).contains(where: { $0.key == key }) {
            throw PlanningStop(outcome: .refused("the bundle already has a \(noun) \(key)"))
        }
        // A key another kind of resource has ("add a schema called monitoring" beside a job monitoring):
        // keys are unique across the bundle, so `monitoring_schema` (the CLI refused the key).
        func taken(_ key: String) -> Bool { context.catalog.entries.contains { $0.reference.key == key } }
        if taken(key) {
            let base = key + "_\(noun)"
            key = base
            var n = 2
            while taken(key) { key = "\(base)_\(n)"; n += 1 }
        }
        // Where: "in main.bronze", "in the bronze schema", "in catalog main"; a variable catalog otherwise.
        // ("in prod" names a target, not a catalog.)
        let targets = Set(context.bundle.targetNames.map { $0.lowercased() })
        // ("in the catalog from var.catalog", "in the catalog of the catalog variable": the variable — `from` was the catalog.)
        let place = lowered.firstIndex { ["in", "inside", "under", "to", "into"].contains($0) }.flatMap { i in
            tokens[(i + 1)...].first { !["the", "catalog", "schema", "a", "from", "of", "given", "by", "named", "in"].contains($0.lowercased()) }
        }.map { $0.wholeMatch(of: /var\.[A-Za-z_][\w-]*/) != nil ? "${\($0)}" : $0 }
        .flatMap { targets.contains($0.lowercased()) ? nil : $0 }
        let schemas = context.catalog.references(ofType: "schemas")
        // The catalog the bundle's schemas and volumes already use, when they all use one (`${var.catalog_name}`),
        // else the variable called catalog (or the one variable named for a catalog).
        let used = Set((context.bundle.configuration["resources"]?["schemas"]?.mapping?.entries ?? []).compactMap { $0.value["catalog_name"]?.string }
                       + (context.bundle.configuration["resources"]?["volumes"]?.mapping?.entries ?? []).compactMap { $0.value["catalog_name"]?.string })
        let variables = context.bundle.configuration["variables"]?.mapping?.keys ?? []
        let catalogVariables = variables.filter { $0.lowercased().split(whereSeparator: { !$0.isLetter }).contains("catalog") }
        let sharedReference = used.count == 1 && used.first!.hasPrefix("${") ? used.first : nil
        let variableCatalog = sharedReference
            ?? (variables.contains("catalog") ? "${var.catalog}" : catalogVariables.count == 1 ? "${var.\(catalogVariables[0])}" : used.count == 1 ? used.first : nil)
        var catalog: String?
        var schema: String?
        // "in ${var.catalog_name}", "in ${var.catalog}.bronze": a reference is one part, whatever dots it holds.
        let parts = place.map(Self.parts) ?? []
        if parts.count > 1 {
            (catalog, schema) = (parts[0], parts[1])
        } else if let place = parts.first {
            if volume { schema = place } else { catalog = place }
        }
        var body: [(String, EditValue)] = []
        var summary: String
        if volume {
            // A schema of the bundle: by reference, so the volume deploys after it.
            // Unnamed: the schema the conversation is at ("add a schema bronze, then create a volume raw"), or the only one.
            let current = context.defaultResource.flatMap { $0.type == "schemas" && schemas.contains($0) ? $0.key : nil }
            let resolved = schema.flatMap { Self.schemaResource(named: $0, context) } ?? schema
            if let s = resolved ?? current ?? (schemas.count == 1 ? schemas[0].key : nil), let defined = schemas.first(where: { $0.key == s || context.bundle.configuration["resources"]?["schemas"]?[$0.key]?["name"]?.string == s }) {
                let node = context.bundle.configuration["resources"]?["schemas"]?[defined.key]
                catalog = catalog ?? node?["catalog_name"]?.string
                schema = "${resources.schemas.\(defined.key).name}"
            }
            guard let schema else {
                throw PlanningStop(outcome: .clarify(question: "In which schema? Say it as catalog.schema, for example \"create a volume \(name) in main.bronze\".",
                                                     choices: ["create a volume \(name) in main.default"]))
            }
            guard let c = catalog ?? variableCatalog else {
                throw PlanningStop(outcome: .clarify(question: "In which catalog? Say it as catalog.schema, for example \"create a volume \(name) in main.\(schema)\".",
                                                     choices: ["create a volume \(name) in main.\(schema)"]))
            }
            let external = tokens.first { $0.hasPrefix("s3://") || $0.hasPrefix("abfss://") || $0.hasPrefix("gs://") }
            body = [("name", .string(name)), ("catalog_name", .string(c)), ("schema_name", .string(schema)), ("volume_type", .string(external == nil ? "MANAGED" : "EXTERNAL"))]
            if let external { body.append(("storage_location", .string(external))) }
            summary = "Added the \(external == nil ? "managed" : "external") volume \(name) in \(c).\(schema) as resources.volumes.\(key) in resources/\(key).volume.yml"
                + (external.map { " (at \($0))" } ?? "") + ": the next deploy creates it; files in it are at /Volumes/\(c)/…/\(name)."
        } else {
            guard let c = catalog ?? variableCatalog else {
                throw PlanningStop(outcome: .clarify(question: "In which catalog? For example \"add a schema \(name) in main\".", choices: ["add a schema \(name) in main"]))
            }
            body = [("name", .string(name)), ("catalog_name", .string(c))]
            summary = "Added the schema \(name) in catalog \(c) as resources.schemas.\(key) in resources/\(key).schema.yml: the next deploy creates it"
                + (context.bundle.targetNames.contains { context.bundle.targetsMapping?[$0]?["mode"]?.string == "development" } ? " (development targets prefix its name)." : ".")
        }
        let comment = text.original.range(of: "comment ", options: .caseInsensitive).map { String(text.original[$0.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }
        if let comment, !comment.isEmpty { body.append(("comment", .string(comment))) }
        // "… with grants: group_etl ALL_PRIVILEGES", "… and grant SELECT to analysts": the grant goes with it,
        // or nothing is made (never the schema alone, the grant dropped unsaid).
        if text.hasAny(["grant", "grants", "privilege", "privileges"]) || GrantIntent.explicitPrivilege(text) {
            body.append(("grants", try Self.grants(text, tokens: tokens, type: type, noun: noun, name: name)))
        }
        // "add a schema called x in prod": that target's alone.
        let target = try context.target()
        return try NewJobIntent.creating(context, type: type, key: key, body: body, suffix: noun,
                                         subject: "Add the \(noun) \(name)\(target.map { " in \($0)" } ?? "")",
                                         summary: summary + (target.map { " Only target \($0) deploys it (it is defined in that target's section)." } ?? ""),
                                         target: target)
    }

    /// The grant a request for a new schema or volume gives: the privileges written and the one who
    /// gets them (after "grant", "grants", "to" or "for"); refused when either cannot be read.
    static func grants(_ text: RequestText, tokens: [String], type: String, noun: String, name: String) throws -> EditValue {
        let allowed = GrantIntent.privileges[type] ?? []
        let wanted = GrantIntent.writtenPrivileges(text)
        let privileges = wanted.filter { allowed.contains($0) }
        let fillers: Set<String> = ["to", "for", "the", "group", "user", "with", "and", "on", "of", "a", "an", "it", "all", "privileges", "privilege",
                                    "grant", "grants", "give", "giving", "principal", "service", "sp", noun, name.lowercased()]
        let start = tokens.firstIndex { ["grant", "grants", "grants:", "privileges", "privileges:"].contains($0.lowercased()) } ?? tokens.count
        let principal = tokens[start...].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ":")) }.first { token in
            !token.isEmpty && !fillers.contains(token.lowercased()) && !allowed.contains(token.uppercased()) && !wanted.contains(token.uppercased())
                && !["read", "write", "select", "modify", "use", "usage"].contains(token.lowercased())
        }
        guard let principal, !privileges.isEmpty, privileges.count == wanted.count else {
            let wrong = wanted.first { !allowed.contains($0) }
            throw PlanningStop(outcome: .refused((wrong.map { "\($0) is not a privilege of a \(noun); a \(noun) has \(allowed.joined(separator: ", ")). " } ?? "")
                + "I could not read the grant (who gets which privileges), so nothing was made; add the \(noun) first, then ask \"grant USE_SCHEMA and SELECT on the \(noun) \(name) to analysts\""))
        }
        return .sequence([.mapping([("principal", .string(principal)), ("privileges", .sequence(privileges.map { .string($0) }))])])
    }

    /// `main.bronze` → [main, bronze]; `${var.catalog}.bronze` → [${var.catalog}, bronze]: dots inside
    /// `${…}` split nothing.
    static func parts(_ place: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        var previous: Character = " "
        for c in place {
            if c == "{" && previous == "$" { depth += 1 } else if c == "}" && depth > 0 { depth -= 1 }
            if c == "." && depth == 0 { parts.append(current); current = "" } else { current.append(c) }
            previous = c
        }
        parts.append(current)
        return parts.filter { !$0.isEmpty }
    }

    /// The bundle's schema a word names: its key (`silver_schema`, `schema_silver`, `silver`), or its name
    /// (`silver`, or `02_silver` with an ordering prefix); nil when none or several do.
    static func schemaResource(named word: String, _ context: PlanningContext) -> String? {
        let w = word.lowercased()
        let schemas = context.bundle.configuration["resources"]?["schemas"]?.mapping?.entries ?? []
        let matching = schemas.filter { entry in
            let key = entry.key.lowercased()
            let name = entry.value["name"]?.string?.lowercased() ?? ""
            if [w, w + "_schema", "schema_" + w].contains(key) || name == w { return true }
            // "02_silver": digits, then the word.
            if let underscore = name.firstIndex(of: "_"), name[..<underscore].allSatisfy(\.isNumber), name[name.index(after: underscore)...] == w { return true }
            return false
        }
        return matching.count == 1 ? matching[0].key : nil
    }
}
