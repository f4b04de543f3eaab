import BundleEditing
import BundleModel
import Foundation

/// "grant USE_SCHEMA on the gold schema to the group analysts", "give analysts select on the gold
/// schema", "let data-engineers write to the landing volume", "revoke MODIFY on the gold schema from
/// analysts": Unity Catalog privileges in a schema's or volume's `grants` (principal and privileges),
/// not the `permissions` of jobs and pipelines.
public enum GrantIntent: Intent {
    public static let id = "grants"
    public static let summary = "Unity Catalog privileges on schemas and volumes (grants)"
    public static let examples = ["grant USE_SCHEMA and SELECT on the gold schema to the group analysts", "let data-engineers write to the landing volume"]

    /// The privileges of each kind of securable (Unity Catalog's).
    static let privileges: [String: [String]] = [
        "schemas": ["ALL_PRIVILEGES", "APPLY_TAG", "CREATE_FUNCTION", "CREATE_MATERIALIZED_VIEW", "CREATE_MODEL", "CREATE_TABLE", "CREATE_VOLUME",
                    "EXECUTE", "EXTERNAL_USE_SCHEMA", "MANAGE", "MODIFY", "READ_VOLUME", "REFRESH", "SELECT", "USE_SCHEMA", "WRITE_VOLUME"],
        "volumes": ["ALL_PRIVILEGES", "APPLY_TAG", "MANAGE", "READ_VOLUME", "WRITE_VOLUME"],
        "registered_models": ["ALL_PRIVILEGES", "APPLY_TAG", "EXECUTE", "MANAGE"],
    ]

    static func writtenPrivileges(_ text: RequestText) -> [String] {
        let all = Set(privileges.values.joined())
        var found: [String] = []
        let original = text.original.replacingOccurrences(of: "all privileges", with: "ALL_PRIVILEGES", options: .caseInsensitive)
        for token in original.split(whereSeparator: { !($0.isLetter || $0 == "_" || $0 == " ") }).joined(separator: " ").split(separator: " ") {
            let upper = token.uppercased()
            // Written as a privilege (USE_SCHEMA, MODIFY), or one of the plain words that are one ("select").
            if all.contains(upper), upper.contains("_") || token == token.uppercased() || ["SELECT", "MODIFY", "EXECUTE"].contains(upper), !found.contains(upper) { found.append(upper) }
        }
        // "use schema", "create table", "read volume" written as words.
        // (And in the plural: "let data_scientists create tables in the features schema".)
        for phrase in ["use schema", "create table", "create volume", "create function", "read volume", "write volume", "apply tag", "create model",
                       "create materialized view"]
        where (text.contains(phrase) || text.contains(phrase + "s")) && !found.contains(phrase.uppercased().replacingOccurrences(of: " ", with: "_")) {
            found.append(phrase.uppercased().replacingOccurrences(of: " ", with: "_"))
        }
        return found
    }

    /// A privilege written as one ("READ_VOLUME", "USE_SCHEMA", "EXECUTE"): the request is about grants
    /// whatever names the securable ("grant READ_VOLUME on my_volume to analysts").
    static func explicitPrivilege(_ text: RequestText) -> Bool {
        let all = Set(privileges.values.joined())
        return text.original.split(whereSeparator: { !($0.isLetter || $0 == "_") }).contains { all.contains(String($0)) && ($0.contains("_") || $0 == "EXECUTE" || $0 == "SELECT" || $0 == "MODIFY") }
    }

    public static func score(_ text: RequestText) -> Int {
        // "… write to my_volume", "… read example_schema": a key that says what it is.
        let securableKey = text.words.contains { $0.hasSuffix("_schema") || $0.hasSuffix("_volume") }
        guard text.hasAny(["schema", "schemas", "volume", "volumes"]) || securableKey || text.contains("registered model") || explicitPrivilege(text) else { return 0 }
        // Privileges are given to someone: "grant", "revoke", or "let/allow/give" someone something. "use
        // schema gold for the pipeline", "create volume landing", "let the pipeline write to gold" are not.
        let granting = text.hasAny(["grant", "grants", "revoke", "privilege", "privileges"])
        let letting = text.hasAny(["let", "allow", "give"]) && (text.hasAny(["read", "write", "select", "query", "modify", "access", "use", "usage", "upload", "create"]) || !writtenPrivileges(text).isEmpty)
        guard granting || letting else { return 0 }
        if text.hasAny(ResourceVocabulary.nouns["pipelines"]! + ["publish", "publishes"]) && !granting { return 0 }
        return 6
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let securable = try context.resource(["schemas", "volumes", "registered_models"])
        let kind = ResourceVocabulary.singular(securable.type)
        var wanted = writtenPrivileges(text)
        // "grant data_engineers USE on the features schema", "… usage on …": USE_SCHEMA alone (SELECT came with it).
        if wanted.isEmpty, securable.type == "schemas",
           text.original.split(whereSeparator: { !$0.isLetter }).contains("USE") || text.hasAny(["usage"]) {
            wanted = ["USE_SCHEMA"]
        }
        // ("… create tables in the gold schema" read as CREATE_TABLE: USE_SCHEMA with it, without which it is of no use.)
        if securable.type == "schemas", !wanted.isEmpty, wanted.allSatisfy({ $0.hasPrefix("CREATE_") }), !text.original.contains("CREATE_") {
            wanted = ["USE_SCHEMA"] + wanted
        }
        // "let analysts create tables in the gold schema": CREATE_TABLE (and USE_SCHEMA, without which it is of no use).
        if wanted.isEmpty, securable.type == "schemas", text.hasAny(["create", "creating"]) {
            let kinds: [(words: [String], privilege: String)] = [(["materialized"], "CREATE_MATERIALIZED_VIEW"), (["table", "tables", "view", "views"], "CREATE_TABLE"),
                                                                  (["volume", "volumes"], "CREATE_VOLUME"), (["function", "functions", "udf", "udfs"], "CREATE_FUNCTION"),
                                                                  (["model", "models"], "CREATE_MODEL")]
            let creating = kinds.filter { text.hasAny($0.words) }.map(\.privilege)
            wanted = ["USE_SCHEMA"] + (creating.isEmpty ? ["CREATE_TABLE"] : creating.contains("CREATE_MATERIALIZED_VIEW") ? ["CREATE_MATERIALIZED_VIEW"] : creating)
        }
        if wanted.isEmpty {
            // In words: reading a schema needs USE_SCHEMA and SELECT; writing, MODIFY too.
            let write = text.hasAny(["write", "writes", "modify", "update", "insert", "change", "upload", "uploads"])
            if text.hasAny(["all", "everything", "full"]) { wanted = ["ALL_PRIVILEGES"] }
            else if securable.type == "volumes" { wanted = write ? ["READ_VOLUME", "WRITE_VOLUME"] : ["READ_VOLUME"] }
            else if securable.type == "registered_models" { wanted = ["EXECUTE"] }
            else { wanted = write ? ["USE_SCHEMA", "SELECT", "MODIFY"] : ["USE_SCHEMA", "SELECT"] }
        }
        let allowed = privileges[securable.type] ?? []
        if let wrong = wanted.first(where: { !allowed.contains($0) }) {
            throw PlanningStop(outcome: .refused("\(wrong) is not a privilege of a \(kind); a \(kind) has \(allowed.joined(separator: ", "))"))
        }
        // Who gets them, read without the securable's own key ("… write to example_schema").
        let spoken = securable.key.replacingOccurrences(of: "_", with: " ")
        let name = context.effectiveResource(securable, target: nil)?["name"]?.string
        let who = context.ignoring([securable.key, spoken, spoken + " " + kind] + (name.map { [$0, $0.replacingOccurrences(of: "_", with: " ")] } ?? [])).request
        let original = who.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;\"'`")) }
        let principal: String
        if let whole = PrincipalNames.whole(in: text, known: PrincipalNames.multiWord(in: context.bundle)) { principal = whole }
        else if let user = original.first(where: { $0.contains("@") }) { principal = user }
        else if let sp = original.first(where: { $0.count == 36 && $0.filter({ $0 == "-" }).count == 4 }) { principal = sp }
        else if let i = who.words.firstIndex(where: { $0 == "group" || $0 == "team" }), let group = groupBeside(i, text: who, original: original) {
            principal = try PrincipalNames.resolved(PrincipalNames.widened(group, in: who, targets: context.bundle.targetNames), in: context)
        } else if let named = principalAfter(who, original: original) {
            principal = try PrincipalNames.resolved(PrincipalNames.widened(named, in: who, targets: context.bundle.targetNames), in: context)
        }
        else if PermissionIntent.revokes(text), text.hasAny(["grants", "grant"]) {
            // "remove all grants from the schema": its grants go, whoever has them.
            let target = try context.target()
            let location = context.location(of: securable, target: target)
            let path = location.base + [.key("grants")]
            guard let written = context.rawNode(file: location.file, path: path)?.sequence, !written.isEmpty else {
                throw PlanningStop(outcome: .refused("nothing to change: \(kind) \(securable.key) has no grants of its own\(context.forTarget(target))"))
            }
            let who = written.compactMap { $0["principal"]?.string }
            return Plan(subject: "Remove the grants of \(kind) \(securable.key)",
                        summary: "Removed every grant (\(who.joined(separator: ", "))) of \(kind) \(securable.key)\(context.forTarget(target)); the next deploy revokes them.",
                        target: target, resource: securable, edits: [(location.file, [.delete(path)])])
        } else {
            throw PlanningStop(outcome: .clarify(question: "Who should get the privileges? Name a user (an e-mail), a group or a service principal (its application id).",
                                                 choices: examples))
        }
        let target = try context.target()
        let location = context.location(of: securable, target: target)
        let path = location.base + [.key("grants")]
        let effective = context.effectiveResource(securable, target: target)?["grants"]?.sequence ?? []
        let written = context.rawNode(file: location.file, path: path)?.sequence ?? []
        let index = written.firstIndex { $0["principal"]?.string?.lowercased() == principal.lowercased() }
        let has = Set(effective.filter { $0["principal"]?.string?.lowercased() == principal.lowercased() }.flatMap { $0["privileges"]?.sequence?.compactMap(\.string) ?? [] })
        let on = "\(kind) \(securable.key)\(context.forTarget(target))"
        if PermissionIntent.revokes(text) {
            guard let index, let items = written[index]["privileges"]?.sequence else {
                throw PlanningStop(outcome: .refused("\(principal) has no grants of its own on \(on)"))
            }
            // "revoke write to the landing volume from analysts": writing alone (reading stays); "… read …": what
            // reading needs; nothing said, "access", "all": every privilege of theirs.
            let writing = text.hasAny(["write", "writes", "writing", "modify", "update", "insert"])
            let reading = text.hasAny(["read", "reads", "reading", "query", "select"])
            // ("revoke write access …": writing; "… access" alone, everything.)
            let revoking = text.hasAny(["all", "every", "everything"]) || (writtenPrivileges(text).isEmpty && !writing && !reading) ? items.compactMap(\.string)
                : writtenPrivileges(text).isEmpty && writing && !reading ? (securable.type == "volumes" ? ["WRITE_VOLUME"] : ["MODIFY"]) : wanted
            let present = items.indices.filter { revoking.contains(items[$0].string ?? "") }
            guard !present.isEmpty else { throw PlanningStop(outcome: .refused("\(principal) has no \(revoking.joined(separator: ", ")) on \(on)")) }
            let operations: [EditOperation] = present.count == items.count
                ? [.delete(written.count == 1 ? path : path + [.index(index)])]
                : present.reversed().map { .delete(path + [.index(index), .key("privileges"), .index($0)]) }
            let gone = present.compactMap { items[$0].string }
            return Plan(subject: "Revoke \(gone.joined(separator: ", ")) on \(securable.key) from \(principal)",
                        summary: "Revoked \(gone.joined(separator: ", ")) on \(on) from \(principal).",
                        target: target, resource: securable, edits: [(location.file, operations)])
        }
        // "make it MODIFY instead" (after a grant of SELECT), "grant MODIFY instead": the principal's own
        // privileges become those said (MODIFY was added beside SELECT).
        if text.has("instead"), let index, let items = written[index]["privileges"]?.sequence {
            let current = items.compactMap(\.string)
            guard Set(current) != Set(wanted) else { throw PlanningStop(outcome: .refused("\(principal) already has \(wanted.joined(separator: ", ")) on \(on)")) }
            return Plan(subject: "Grant \(wanted.joined(separator: ", ")) on \(securable.key) to \(principal) instead",
                        summary: "Granted \(wanted.joined(separator: ", ")) on \(on) to \(principal) instead of \(current.joined(separator: ", ")) (Unity Catalog grants; the next deploy applies them).",
                        target: target, resource: securable,
                        edits: [(location.file, [.set(path + [.index(index), .key("privileges")], .sequence(wanted.map { .string($0) }))])])
        }
        let adding = wanted.filter { !has.contains($0) }
        guard !adding.isEmpty else { throw PlanningStop(outcome: .refused("\(principal) already has \(wanted.joined(separator: ", ")) on \(on)")) }
        let operations: [EditOperation]
        if let index {
            operations = adding.map { .append(path + [.index(index), .key("privileges")], .string($0)) }
        } else {
            let entry = EditValue.mapping([("principal", .string(principal)), ("privileges", .sequence(adding.map { .string($0) }))])
            operations = [context.rawNode(file: location.file, path: path) == nil ? .set(path, .sequence([entry])) : .append(path, entry)]
        }
        return Plan(subject: "Grant \(adding.joined(separator: ", ")) on \(securable.key) to \(principal)",
                    summary: "Granted \(adding.joined(separator: ", ")) on \(on) to \(principal) (Unity Catalog grants; the next deploy applies them).",
                    target: target, resource: securable, edits: [(location.file, operations)])
    }

    /// Who a grant request gives privileges to, read from its words alone (an e-mail, a service principal's
    /// id, a group named beside "group", or the one after "to"): for a follow-up that adds privileges.
    static func principalSaid(_ text: RequestText) -> String? {
        let original = text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.;\"'`")) }
        if let user = original.first(where: { $0.contains("@") }) { return user }
        if let sp = original.first(where: { $0.count == 36 && $0.filter({ $0 == "-" }).count == 4 }) { return sp }
        if let i = text.words.firstIndex(where: { $0 == "group" || $0 == "team" }), let group = groupBeside(i, text: text, original: original) { return group }
        return principalAfter(text, original: original)
    }

    /// The group named beside "group": "the group analysts", "the data-engineers group write …".
    static func groupBeside(_ i: Int, text: RequestText, original: [String]) -> String? {
        let notNames: Set<String> = ["to", "the", "a", "an", "of", "on", "and", "with", "for", "from", "read", "write", "select", "modify", "use", "query",
                                     "create", "access", "all", "privileges", "grant", "grants", "usage", "too", "also", "as", "well", "either", "instead",
                                     "then", "in", "at", "only"]
        func written(_ word: String) -> String { original.first { $0.lowercased() == word } ?? word }
        if i + 1 < text.words.count, !notNames.contains(text.words[i + 1]), !writtenPrivileges(RequestText(text.words[i + 1])).contains(text.words[i + 1].uppercased()) {
            return written(text.words[i + 1])
        }
        if i > 0, !notNames.contains(text.words[i - 1]) { return written(text.words[i - 1]) }
        return nil
    }

    /// "… to analysts", "give analysts select …", "let data-engineers read …": the principal without the word "group".
    static func principalAfter(_ text: RequestText, original: [String]) -> String? {
        // Prepositions name no one ("… write to the landing volume in shared" once granted to "in").
        let notNames: Set<String> = ["the", "a", "an", "all", "every", "read", "write", "select", "use", "access", "privileges", "privilege", "on", "schema", "volume",
                                     "it", "them", "me", "us", "her", "him", "she", "he", "they", "you", "in", "at", "into", "onto", "within", "inside", "of", "for", "to", "from", "and", "with",
                                     // ("grant usage on the bronze schema to analysts" granted to "usage".)
                                     "usage", "create", "modify", "manage", "execute", "tables", "table", "permission", "permissions"]
        let privileges = Set(Self.privileges.values.joined().map { $0.lowercased() })
        func written(_ word: String) -> String { original.first { $0.lowercased() == word } ?? word }
        let words = text.words
        // "let data-engineers write to the raw landing volume": the one let in, before what follows "to".
        if let verb = words.firstIndex(where: { ["give", "let", "allow", "grant"].contains($0) }), verb + 1 < words.count {
            // ("give the data consumers read access …": past the article.)
            var next = verb + 1
            while next + 1 < words.count, ["the", "a", "an", "our", "my"].contains(words[next]) { next += 1 }
            let word = words[next]
            if !notNames.contains(word) && !privileges.contains(word) { return written(word) }
        }
        let securableNouns: Set<String> = ["schema", "volume", "schemas", "volumes", "model", "models"]
        for (i, w) in words.enumerated() where ["to", "from", "for"].contains(w) && i + 1 < words.count {
            var j = i + 1
            while j < words.count, ["the", "a", "an", "members", "of", "users", "user", "principal", "service"].contains(words[j]) && j + 1 < words.count && !["schema", "volume"].contains(words[j + 1]) { j += 1 }
            let word = words[j]
            // ("the raw landing volume": words of the securable's description, up to its noun.)
            let describesSecurable = words[(j + 1)...].prefix(3).prefix { !["to", "from", "for", "on", "in"].contains($0) }.contains { securableNouns.contains($0) }
            if !notNames.contains(word) && !privileges.contains(word) && !describesSecurable { return written(word) }
        }
        // "revoke the users grant on …", "remove analysts' grants from …".
        if let verb = words.firstIndex(where: { ["revoke", "remove", "drop"].contains($0) }) {
            var j = verb + 1
            while j < words.count, ["the", "a", "an", "group"].contains(words[j]) { j += 1 }
            if j < words.count, !notNames.contains(words[j]), !privileges.contains(words[j]), !["grant", "grants", "all", "every"].contains(words[j]) {
                var word = written(words[j])
                for suffix in ["'s", "’s", "'", "’"] where word.hasSuffix(suffix) { word = String(word.dropLast(suffix.count)) }
                return word
            }
        }
        return nil
    }
}
