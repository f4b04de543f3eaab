import BundleModel
import Foundation

/// Principals whose names have spaces ("Data Engineers", "Finance Analysts"): the word-by-word readers
/// of a request would take only "Data". A name in quotes, or one the bundle already grants to and the
/// request says, is taken whole.
enum PrincipalNames {
    /// Every principal written in the bundle's configuration (grants' `principal`, permissions'
    /// `group_name`, `user_name`, `service_principal_name`), as written.
    static func written(in bundle: LoadedBundle) -> Set<String> {
        var names: Set<String> = []
        func walk(_ node: YAMLNode?) {
            guard let node else { return }
            if let mapping = node.mapping {
                for entry in mapping.entries {
                    if ["principal", "group_name", "user_name", "service_principal_name"].contains(entry.key), let name = entry.value.string {
                        names.insert(name)
                    } else {
                        walk(entry.value)
                    }
                }
            } else if let items = node.sequence {
                items.forEach(walk)
            }
        }
        walk(YAMLNode(.mapping(bundle.configuration), at: SourceLocation(file: bundle.rootFile, line: 1, column: 1)))
        return names
    }

    /// The principal names of more than one word the bundle writes, the longest first.
    static func multiWord(in bundle: LoadedBundle) -> [String] {
        written(in: bundle).filter { $0.contains(" ") && !$0.contains("${") }.sorted { $0.count > $1.count }
    }

    /// Variables the bundle writes as a principal (`principal: ${var.data_engineers}`): the group a
    /// variable holds per target, which a request names by the variable's words ("data engineers").
    static func principalVariables(in bundle: LoadedBundle) -> Set<String> {
        Set(written(in: bundle).compactMap { value in value.firstMatch(of: /^\$\{var\.([A-Za-z0-9_-]+)\}$/).map { String($0.output.1) } })
    }

    /// Words that end a principal's name in a request: what is granted, to what, and the little words
    /// around them ("let data consumers READ the silver schema", "the data engineers GROUP").
    static let notNameWords: Set<String> = [
        "the", "a", "an", "to", "on", "of", "in", "at", "for", "from", "into", "and", "or", "with", "by", "as", "but", "so", "then", "too", "also",
        "only", "well", "both", "all", "every", "each", "any", "some", "their", "its", "it", "them", "me", "us", "you", "everyone", "anyone",
        "let", "allow", "give", "grant", "grants", "revoke", "remove", "drop", "make", "add", "set", "disallow", "don't", "dont", "not", "no",
        "can", "should", "shall", "must", "may", "will", "would", "could", "need", "needs", "is", "are", "be", "get", "gets", "have", "has",
        "read", "write", "select", "modify", "use", "query", "access", "view", "see", "manage", "run", "trigger", "start", "edit", "own",
        "monitor", "restart", "attach", "refresh", "create", "execute", "usage", "read-only", "readonly", "privilege", "privileges",
        "permission", "permissions", "rights", "right", "group", "groups", "team", "teams", "people", "folks", "members", "member",
        "user", "users", "principal", "service", "schema", "schemas", "volume", "volumes", "catalog", "table", "tables", "model", "models",
        "job", "jobs", "pipeline", "pipelines", "dashboard", "dashboards", "app", "apps", "warehouse", "warehouses", "cluster", "clusters",
        "endpoint", "endpoints", "experiment", "experiments", "target", "targets", "please", "now",
        // (Words split at the apostrophe: "fda-analysts shouldn't be able to see …" named "fda-analysts shouldn t".)
        "shouldn", "mustn", "doesn", "don", "won", "can't", "cannot", "couldn", "wouldn", "isn", "aren", "t", "s", "never", "longer", "anymore",
        "upload", "uploads", "files", "file",
    ]

    /// The whole name of the principal a word-by-word reader found: "data" of "let data consumers read
    /// …" is "data consumers", "consumers" of "the data consumers group" too (at most three words,
    /// none a word that names something else: a target, a level, a resource kind).
    static func widened(_ found: String, in text: RequestText, targets: [String]) -> [String] {
        let words = text.words
        guard let i = words.firstIndex(of: found.lowercased()) else { return [found] }
        let stops = notNameWords.union(targets.map { $0.lowercased() })
        func nameLike(_ word: String) -> Bool {
            !stops.contains(word) && !word.hasPrefix("can_") && !word.hasPrefix("is_") && word.first?.isLetter == true
                && !word.contains("@") && !word.contains("=") && Int(word) == nil && GrantIntent.writtenPrivileges(RequestText(word)).isEmpty
        }
        var start = i, end = i
        while end + 1 < words.count, end - start < 2, nameLike(words[end + 1]) { end += 1 }
        while start > 0, end - start < 2, nameLike(words[start - 1]) { start -= 1 }
        let original = text.original.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".\"'`")) }
        return words[start...end].map { word in original.first { $0.lowercased() == word } ?? word }
    }

    /// The principal a request names by `words` ("data consumers"), as the bundle writes it: a variable
    /// the bundle grants to whose name is those words (`${var.data_consumers}`), a principal the bundle
    /// already has spelt so ("data-consumers"), a single word as it is. A name of several words the
    /// bundle does not know is asked: the workspace's group may be "data-consumers" or "Data Consumers".
    static func resolved(_ words: [String], in context: PlanningContext) throws -> String {
        // ("the ML platform team": the variable ml_platform_team too.)
        let said = context.request.words
        let follower = said.firstIndex(of: words.last?.lowercased() ?? "").flatMap { i in i + 1 < said.count && ["team", "group"].contains(said[i + 1]) ? said[i + 1] : nil }
        // ("the data consumer group": data_consumers too, one and many.)
        let number = words.last.map { last in last.hasSuffix("s") ? String(last.dropLast()) : last + "s" }.map { Array(words.dropLast()) + [$0] }
        let forms = [words] + (number.map { [$0] } ?? []) + (follower.map { [words + [$0]] } ?? [])
        let spellings = forms.flatMap { form in ["_", "-", " ", ""].map { form.joined(separator: $0).lowercased() } }
        let variables = principalVariables(in: context.bundle)
        if let variable = variables.sorted().first(where: { spellings.contains($0.lowercased()) }) { return "${var.\(variable)}" }
        // A variable of that name the bundle grants through nowhere yet: offered first, not taken.
        let declared = (context.bundle.configuration["variables"]?.mapping?.keys ?? []).filter { spellings.contains($0.lowercased()) }.sorted()
        if words.count == 1 && declared.isEmpty { return words[0] }
        if let known = (multiWord(in: context.bundle) + singleWord(in: context.bundle)).first(where: { spellings.contains($0.lowercased()) }) { return known }
        let spoken = words.joined(separator: " ")
        let request = context.request.original
        let pattern = words.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "\\s+")
        func asking(_ name: String, quoted: Bool = true) -> String {
            guard let range = request.range(of: pattern, options: [.regularExpression, .caseInsensitive]) else { return request }
            return request.replacingCharacters(in: range, with: quoted ? "\"\(name)\"" : name)
        }
        let choices = declared.map { asking("${var.\($0)}", quoted: false) } + (words.count == 1 ? [asking(words[0])] : [spoken, words.joined(separator: "-"), words.joined(separator: "_")].map { asking($0) })
        throw PlanningStop(outcome: .clarify(
            question: "Which principal is \"\(spoken)\"? " + (declared.isEmpty ? "Give" : "The variable \(declared.joined(separator: ", ")) may hold it; or give")
                + " its name as the workspace writes it, in quotes (a group's display name may have spaces: \"\(spoken)\", or be \(words.joined(separator: "-"))).",
            choices: choices))
    }

    /// The principal names of one word written in the bundle (grants' `principal`, permissions' names).
    static func singleWord(in bundle: LoadedBundle) -> [String] {
        written(in: bundle).filter { !$0.contains(" ") && !$0.contains("${") }.sorted()
    }

    /// The principal the request names whole: a quoted name ("the group \"Data Engineers\""), else the
    /// longest known name of several words the request says (any case); nil when neither.
    static func whole(in text: RequestText, known: [String]) -> String? {
        let original = text.original
        // "${var.data_engineers}" written as it is: the variable.
        if let reference = original.firstMatch(of: /\$\{var\.[A-Za-z0-9_-]+\}/) { return String(reference.output) }
        for quote in ["\"", "'", "`", "“"] {
            let close = quote == "“" ? "”" : quote
            if let open = original.range(of: quote), let end = original.range(of: close, range: open.upperBound..<original.endIndex) {
                let inner = original[open.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)
                if inner.contains(" "), !inner.isEmpty { return known.first { $0.lowercased() == inner.lowercased() } ?? inner }
            }
        }
        let lowered = " " + text.words.joined(separator: " ") + " "
        return known.first { name in
            let words = RequestText(name).words
            return !words.isEmpty && lowered.contains(" " + words.joined(separator: " ") + " ")
        }
    }
}
