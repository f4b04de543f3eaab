import BundleEditing
import BundleModel
import Foundation

/// "set the catalog variable to main in prod", "the schema variable should be sales_dev for dev",
/// "change var.warehouse_id to abc123": a declared variable's value, for one target (its
/// `targets.<t>.variables` entry) or for all (the declaration's default).
public enum VariableValueIntent: Intent {
    public static let id = "variable-value"
    public static let summary = "a variable's value, per target or as its default"
    public static let examples = ["set the catalog variable to main in prod", "change the default of the schema variable to sales"]

    public static func score(_ text: RequestText) -> Int {
        // A `${var.…}` inside a value ("to /Volumes/${var.catalog}/raw") names no variable to set.
        // Nor one after "to" (`rename the job to "Iowa daily ${var.env}"`): a value that uses the variable.
        var kept: [Substring] = []
        var afterTo = false
        for word in text.original.split(separator: " ") {
            if afterTo && word.contains("${var.") { continue }
            // ("pass catalog=${var.quality_catalog} to the notebook": a value given to a parameter.)
            if word.contains("=${var.") || word.contains(": ${var.") { continue }
            if word.lowercased() == "to" { afterTo = true }
            if !word.contains("/${var.") { kept.append(word) }
        }
        let text = RequestText(kept.joined(separator: " "))
        let variable = text.hasAny(["variable", "variables", "var"]) || text.words.contains { $0.hasPrefix("var.") || $0.hasPrefix("${var.") }
        // ("pass the catalog variable to the notebook task as a parameter named catalog": the task's parameter.)
        if text.has("pass"), text.hasAny(["parameter", "param", "argument", "widget"]) { return 0 }
        if TaskParameterIntent.variablePassed(text.original) != nil { return 0 }
        // ("rename the variable raw_schema to landing_schema": its name, VariableIntent's.)
        if text.has("rename") { return 0 }
        guard variable, !text.hasAny(["add", "create", "declare", "define", "introduce", "new", "parameterize", "parametrize"]),
              !zip(text.words, text.words.dropFirst()).contains(where: { $0 == "a" && $1 == "variable" }) else { return 0 }
        // ("give the kafka_servers variable the default localhost:9092": its default.)
        return text.hasAny(["to", "be", "=", "set", "change", "update", "make", "give", "default"]) ? 5 : 0
    }

    /// Whether the words set a variable the bundle declares by its name alone ("set run_mode to full",
    /// "change the experiment_name default to …"): asked when no intent reads the words.
    static func namesDeclaredVariable(_ context: PlanningContext) -> Bool {
        let declared = Set((context.bundle.configuration["variables"]?.mapping?.keys ?? []).map { $0.lowercased() })
        let text = RequestText(context.request.original.split(separator: " ").filter { !$0.contains("${") }.joined(separator: " "))
        // ("change the entry point of the ach_stream task to …": a task named like the variable is the task.)
        let words = text.words
        let nouns: Set<String> = ["task", "tasks", "step", "job", "jobs", "pipeline", "pipelines", "cluster", "app", "dashboard", "endpoint", "schema", "volume"]
        guard words.indices.contains(where: { i in
                  (declared.contains(words[i]) || declared.contains(String(words[i].drop { $0 != "." }.dropFirst())))
                      && !(i + 1 < words.count && nouns.contains(words[i + 1]))
              })
                || looselyNamed(text.original, among: Array(declared)) != nil else { return false }
        // ("raise max_repos to 1000", "bump …", "lower …": a value said as a change of it.)
        return text.hasAny(["set", "change", "update", "make", "raise", "increase", "bump", "lower", "decrease", "reduce"]) && text.hasAny(["to", "="])
            || text.contains("should be")
    }

    /// A declared variable the words name loosely: most of its name's words written in a row ("the llm
    /// endpoint" for llm_endpoint, "the spark runtime" for spark_runtime_version), and no other one as
    /// well; with the words that named it, to be replaced by the name.
    /// "set vs_endpoint to a and rules_index to b", "set the default of llm_endpoint to x and the agent
    /// endpoint to y": one assignment per declared variable, each a request of its own (the verb lent to
    /// the parts without one); nil unless every part names a declared variable and a value.
    static func assignmentClauses(_ context: PlanningContext) -> [String]? {
        let declared = context.bundle.configuration["variables"]?.mapping?.keys ?? []
        guard declared.count > 1 else { return nil }
        let original = context.request.original
        let split: [String] = original.components(separatedBy: " and ").flatMap { $0.components(separatedBy: ", ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard split.count > 1, let verb = split[0].split(separator: " ").first.map({ String($0).lowercased() }),
              ["set", "change", "update", "make"].contains(verb) else { return nil }
        var clauses: [String] = []
        var names: Set<String> = []
        // "… in dev" after the last part is for every part ("set a to 1 and b to 2 in dev").
        let targets = context.bundle.targetNames.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        var scope = ""
        var parts = split
        if !targets.isEmpty, let range = parts[parts.count - 1].range(of: "\\s+(in|for)\\s+(the\\s+)?(\(targets))(\\s+target)?\\s*$", options: [.regularExpression, .caseInsensitive]) {
            scope = String(parts[parts.count - 1][range])
            parts[parts.count - 1] = String(parts[parts.count - 1][..<range.lowerBound])
        }
        // "set a and b to 123": a part without a value takes the value of the part after it.
        for index in parts.indices.reversed() where index + 1 < parts.count && parts[index].range(of: #"\s(to|=)\s*\S"#, options: .regularExpression) == nil {
            if let value = parts[index + 1].range(of: #"\s(to|=)\s*.+$"#, options: .regularExpression) {
                parts[index] += String(parts[index + 1][value])
            }
        }
        for (index, part) in parts.enumerated() {
            let clause = (index == 0 || part.lowercased().hasPrefix(verb + " ") ? part : verb + " " + part) + scope
            guard clause.range(of: #"\s(to|=)\s*\S"#, options: .regularExpression) != nil else { return nil }
            let words = Set(RequestText(clause).words)
            let name = declared.first(where: { words.contains($0.lowercased()) }) ?? looselyNamed(clause, among: declared)?.name
            guard let name, !names.contains(name) else { return nil }
            names.insert(name)
            clauses.append(clause)
        }
        return clauses
    }

    static func looselyNamed(_ request: String, among declared: [String]) -> (name: String, range: Range<String.Index>)? {
        var best: [(name: String, range: Range<String.Index>, count: Int)] = []
        for name in declared where name.contains("_") {
            let parts = name.lowercased().split(separator: "_").map(String.init)
            // The longest run of the name's words, from its start, written apart (or with `-`).
            var found: (Range<String.Index>, Int)?
            for length in stride(from: parts.count, through: 2, by: -1) {
                let phrase = parts.prefix(length).map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "[ -]+")
                guard let regex = try? NSRegularExpression(pattern: "\\b\(phrase)\\b", options: [.caseInsensitive]),
                      let match = regex.firstMatch(in: request, range: NSRange(request.startIndex..., in: request)),
                      let range = Range(match.range, in: request) else { continue }
                found = (range, length)
                break
            }
            // Most of the name: all of a two-word name, all but one word of a longer one.
            guard let (range, count) = found, count >= max(2, parts.count - 1) else { continue }
            if let top = best.first?.count, count < top { continue }
            if let top = best.first?.count, count > top { best.removeAll() }
            best.append((name, range, count))
        }
        if best.count == 1 { return (best[0].name, best[0].range) }
        // "the catalog variable" for catalog_name, "the env variable" for env_name: the first word of one
        // declared variable's name, said as a variable.
        if best.isEmpty, let regex = try? NSRegularExpression(pattern: "\\b([A-Za-z0-9]+)\\s+(?:variable|var)\\b", options: [.caseInsensitive]) {
            for match in regex.matches(in: request, range: NSRange(request.startIndex..., in: request)) {
                guard let range = Range(match.range(at: 1), in: request) else { continue }
                let word = request[range].lowercased()
                guard !declared.contains(where: { $0.lowercased() == word }) else { return nil }
                let owners = declared.filter { $0.lowercased().hasPrefix(word + "_") }
                if owners.count == 1 { return (owners[0], range) }
            }
        }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let declared = context.bundle.configuration["variables"]?.mapping?.keys ?? []
        let original = context.request.original.split(whereSeparator: { $0 == " " || $0 == "\t" })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`")) }
        func variableName(_ word: String) -> String? {
            var name = word.hasPrefix("${") && word.hasSuffix("}") ? String(word.dropFirst(2).dropLast()) : word
            if name.lowercased().hasPrefix("var.") { name = String(name.dropFirst(4)) }
            return declared.first { $0.lowercased() == name.lowercased() }
        }
        guard let nameIndex = original.firstIndex(where: { variableName($0) != nil }), let name = variableName(original[nameIndex]) else {
            // "the spark version variable" for spark_version, "the spark runtime" for spark_runtime_version:
            // its words written apart.
            if let (declaredName, range) = looselyNamed(context.request.original, among: declared) {
                let request = context.request.original.replacingCharacters(in: range, with: declaredName)
                return try plan(PlanningContext(bundle: context.bundle, request: RequestText(request), targetOption: context.targetOption,
                                                resourceOption: context.resourceOption, defaultResource: context.defaultResource,
                                                defaultTarget: context.defaultTarget, catalog: context.catalog))
            }
            throw PlanningStop(outcome: .refused("which variable? this bundle declares: \(declared.isEmpty ? "none" : declared.joined(separator: ", "))"))
        }
        // "in dev and prod", "in all targets": each of them (a target only the first named lost its value).
        let scoped = context.ignoring([original[nameIndex]])
        let words = scoped.request.words
        let every = scoped.request.contains("all targets") || scoped.request.contains("every target") || scoped.request.contains("each target")
            || scoped.request.contains("both targets") || scoped.request.contains("all environments")
            // "and the catalog to main in both" where the bundle has two targets.
            || (context.bundle.targetNames.count == 2 && (scoped.request.contains("in both") || scoped.request.contains("for both")))
        let several = every ? context.bundle.targetNames : context.bundle.targetNames.filter { words.contains($0.lowercased()) }
        if context.targetOption == nil, several.count > 1 {
            guard let value = Self.quoted(context.request.original, besides: name) ?? Self.value(original, after: nameIndex, name: original[nameIndex], target: nil),
                  !several.contains(where: { $0.lowercased() == value.lowercased() }) else {
                throw PlanningStop(outcome: .clarify(question: "Which value should the variable \(name) have in \(several.joined(separator: " and "))?",
                                                     choices: ["set the \(name) variable to VALUE in \(several.joined(separator: " and "))"]))
            }
            var edits: [(file: String, operations: [EditOperation])] = []
            var changed: [String] = []
            for target in several {
                guard let assignment = try assignment(context, variable: name, value: value, target: target) else { continue }
                if let i = edits.firstIndex(where: { $0.file == assignment.file }) { edits[i].operations += assignment.operations }
                else { edits.append((assignment.file, assignment.operations)) }
                changed.append(target)
            }
            guard !changed.isEmpty else { throw PlanningStop(outcome: .refused("the variable \(name) already is \(value) in \(several.joined(separator: " and "))")) }
            let same = several.filter { !changed.contains($0) }
            return Plan(subject: "Set the variable \(name) to \(value) in \(changed.joined(separator: " and "))",
                        summary: "Set the variable \(name) to \(value) for target\(changed.count == 1 ? "" : "s") \(changed.joined(separator: ", "))"
                            + (same.isEmpty ? "." : " (\(same.joined(separator: ", ")) already \(same.count == 1 ? "has" : "have") it)."),
                        edits: edits)
        }
        // "the default of the catalog variable": the declaration's default, even where targets set their own.
        // ("a default of dev", "its default to dev": a target's name as the value names no target.)
        let asValue = { (target: String) -> Bool in
            guard let i = words.firstIndex(of: target.lowercased()), i > 0, ["of", "to", "be", "="].contains(words[i - 1]) else { return false }
            return words[..<i].contains("default")
        }
        let defaultAsked = context.targetOption == nil && context.request.has("default")
            && !context.request.contains("default target") && !context.bundle.targetNames.contains { words.contains($0.lowercased()) && !asValue($0) }
        let target = defaultAsked ? nil : try scoped.target()
        guard let value = Self.quoted(context.request.original, besides: name) ?? Self.value(original, after: nameIndex, name: original[nameIndex], target: target) else {
            throw PlanningStop(outcome: .clarify(question: "Which value should the variable \(name) have\(context.forTarget(target))?",
                                                 choices: ["set the \(name) variable to VALUE\(target.map { " in \($0)" } ?? "")"]))
        }
        // "upgrade the spark_version variable to 16.4 LTS": a runtime's whole key, as the variable holds one.
        let current = context.bundle.configuration["variables"]?[name]?["default"]?.string ?? ""
        var written = SparkVersionIntent.runtimeKey(value, replacing: current) ?? value
        // A list variable: every item said from the value on ("to a@x.com, b@x.com and c@x.com in prod").
        if Self.holdsList(context, name), let start = context.request.original.range(of: value) {
            var rest = String(context.request.original[start.lowerBound...])
            let targets = context.bundle.targetNames.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
            if !targets.isEmpty, let scope = rest.range(of: "\\s+(in|for)\\s+(the\\s+)?(\(targets))\\b.*$", options: [.regularExpression, .caseInsensitive]) {
                rest = String(rest[..<scope.lowerBound])
            }
            written = rest.trimmingCharacters(in: CharacterSet(charactersIn: " .!"))
        }
        guard let assignment = try assignment(context, variable: name, value: written, target: target, defaultAsked: defaultAsked) else {
            throw PlanningStop(outcome: .refused(target.map { "the variable \(name) already is \(written) in target \($0)" }
                                                 ?? "the default of the variable \(name) already is \(written)"))
        }
        // "set LOG_LEVEL to WARNING for the app in prod" where a variable log_level is declared and nothing
        // uses it: changing it changes nothing deployed (the app's own setting stayed as it was).
        let kinds = ["app", "apps", "job", "jobs", "pipeline", "pipelines", "cluster", "dashboard", "endpoint", "warehouse"]
        if !context.request.hasAny(["variable", "variables", "var", "vars"]), !context.request.original.contains("${var."),
           context.request.hasAny(kinds), !context.variableUsed(name) {
            throw PlanningStop(outcome: .refused("nothing in this bundle uses the variable \(name), so setting it would change nothing deployed; say which setting of the \(kinds.first(where: context.request.has) ?? "resource") to change (or \"set the variable \(name) to \(written)\" for the variable itself)"))
        }
        return Plan(subject: assignment.subject, summary: assignment.summary, target: target, edits: [(assignment.file, assignment.operations)])
    }

    /// A declared variable's new value for one target (its `targets.<t>.variables` entry) or for all
    /// (the declaration's default); nil when it already has that value. Other intents use it where a
    /// field is `${var.name}` ("change the catalog to main in prod" sets the variable catalog).
    /// `written` is the value as the file gets it (a number stays a number); by default the text.
    static func assignment(_ context: PlanningContext, variable name: String, value: String, target: String?, defaultAsked: Bool = false,
                           written: EditValue? = nil) throws -> (file: String, operations: [EditOperation], subject: String, summary: String)? {
        let declaration = context.bundle.configuration["variables"]?[name]
        // A number or a boolean where the default is one stays one (`default: 500` → 1000, not "1000").
        let typed: EditValue? = {
            switch declaration?["default"]?.scalar?.value {
            case .int?: return Int(value).map { .int($0) }
            case .bool?: return ["true", "false"].contains(value.lowercased()) ? .bool(value.lowercased() == "true") : nil
            default: return nil
            }
        }()
        // A list (`failure_emails: [team@…]`) stays a list: "set it to a@x.com, b@x.com" is those (a string replaced
        // it, which the CLI drops with a warning: prod deployed with no recipients).
        let list = holdsList(context, name)
        let items = VariableIntent.listItems(value.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
        let written = written ?? typed ?? (list ? .sequence(items.map { .string($0) }) : .string(value))
        if declaration?["type"]?.string == "complex" && !list {
            throw PlanningStop(outcome: .refused("\(name) is a complex variable (a list or mapping); its value is YAML, not one word: change it in the file"))
        }
        // The targets that set their own value keep it whatever the default says.
        let overriding = context.bundle.targetNames.filter { context.bundle.targetsMapping?[$0]?["variables"]?[name] != nil }
        if let target {
            let current = context.bundle.targetsMapping?[target]?["variables"]?[name]
            // A target's value written in full (`catalog: {default: x}`) is the same as `catalog: x` (the
            // CLI rewrites the short form to it): its default is the value, and stays where it is written.
            let full = current?.mapping != nil && current?["default"] != nil
            let effective = Self.shownValue(full ? current?["default"] : current) ?? (current == nil ? Self.shownValue(declaration?["default"]) : nil)
            if effective == value || (list && effective == "[\(items.joined(separator: ", "))]") { return nil }
            let path: EditPath = [.key("targets"), .key(target), .key("variables"), .key(name)] + (full ? [.key("default")] : [])
            // The file whose value deploys: the last that sets it (an included config/<target>.yml after
            // databricks.yml), else the target's own.
            let file = context.bundle.files.last { $0.root?["targets"]?[target]?["variables"]?[name] != nil }?.path ?? context.targetFile(target)
            func shown(_ value: String) -> String { value.isEmpty ? "\"\"" : value }
            return (file, [.set(path, written)], "Set the variable \(name) to \(shown(value)) in \(target)",
                    "Set the variable \(name) to \(shown(value)) for target \(target) (was \(effective.map(shown) ?? "unset")).")
        }
        if !defaultAsked, !overriding.isEmpty, overriding.count == context.bundle.targetNames.count {
            let values = overriding.map { t in "\(t): \(Self.targetValue(context, t, name) ?? "…")" }
            throw PlanningStop(outcome: .clarify(question: "Every target sets its own \(name) (\(values.joined(separator: ", "))); which target should change?",
                                                 choices: overriding.map { "--target \($0)" }))
        }
        if declaration?["default"]?.string == value || (list && Self.shownValue(declaration?["default"]) == "[\(items.joined(separator: ", "))]") { return nil }
        // Declared in several files (the root and an include): the default that counts is the last one
        // written (included files merge over the root), so that is the one changed.
        let declaring = context.bundle.files.filter { $0.root?["variables"]?[name] != nil }
        let file = (declaring.last { $0.root?["variables"]?[name]?["default"] != nil } ?? declaring.first)?.path ?? context.bundle.rootFile
        let path: EditPath = [.key("variables"), .key(name), .key("default")]
        // A lookup ("warehouse: Shared …") would be dead beside a default (the CLI uses the default): it goes.
        let lookup = context.rawNode(file: file, path: [.key("variables"), .key(name), .key("lookup")])
        let operations: [EditOperation] = [.set(path, written)] + (lookup != nil ? [.delete([.key("variables"), .key(name), .key("lookup")])] : [])
        let replaced = lookup?.mapping.flatMap { m in m.entries.first.map { " instead of the lookup of the \($0.key.replacingOccurrences(of: "_", with: " ")) \($0.value.string.map { "\"\($0)\"" } ?? "")" } } ?? ""
        let kept = overriding.map { t in Self.targetValue(context, t, name).map { "\(t) (\($0))" } ?? t }
        let keeps = overriding.isEmpty ? "" : " Target\(overriding.count == 1 ? "" : "s") \(kept.joined(separator: ", ")) keep\(overriding.count == 1 ? "s its" : " their") own value\(overriding.count == 1 ? "" : "s")."

        func shown(_ value: String) -> String { value.isEmpty ? "\"\"" : value }
        return (file, operations, "Set the default of the variable \(name) to \(shown(value))",
                "Set the default of the variable \(name) to \(shown(value)) (was \(Self.shownValue(declaration?["default"]).map(shown) ?? "none"))\(replaced).\(keeps)")
    }

    /// Whether a variable holds a list (its default or some target's value is one).
    static func holdsList(_ context: PlanningContext, _ name: String) -> Bool {
        context.bundle.configuration["variables"]?[name]?["default"]?.sequence != nil
            || context.bundle.targetNames.contains { context.bundle.targetsMapping?[$0]?["variables"]?[name]?.sequence != nil }
    }

    /// A variable's value as a summary says it: the text, or a list's items in brackets.
    static func shownValue(_ node: YAMLNode?) -> String? {
        if let items = node?.sequence { return "[\(items.map { $0.string ?? "…" }.joined(separator: ", "))]" }
        return node?.string
    }

    /// A target's own value of a variable, written short (`catalog: x`) or in full (`catalog: {default: x}`).
    static func targetValue(_ context: PlanningContext, _ target: String, _ name: String) -> String? {
        let node = context.bundle.targetsMapping?[target]?["variables"]?[name]
        return node?.string ?? node?["default"]?.string
    }

    /// The declared variable a field's value stands for: `${var.catalog}` gives catalog.
    static func variable(in node: YAMLNode?, declaredIn context: PlanningContext) -> String? {
        node?.string.flatMap { variable(written: $0, declaredIn: context) }
    }

    static func variable(written text: String, declaredIn context: PlanningContext) -> String? {
        guard text.hasPrefix("${var."), text.hasSuffix("}") else { return nil }
        let name = String(text.dropFirst(6).dropLast())
        return context.bundle.configuration["variables"]?[name] != nil ? name : nil
    }

    /// The value: `name=value`, a quoted text, or the word after "to", "be", "=" or "as" that is not
    /// the name, a target or a filler.
    static func value(_ words: [String], after nameIndex: Int, name: String, target: String?) -> String? {
        if let pair = words.first(where: { $0.contains("=") && $0.count > 2 }), let eq = pair.firstIndex(of: "="), eq != pair.startIndex {
            let v = String(pair[pair.index(after: eq)...])
            if !v.isEmpty { return v }
        }
        // ("a default of challenger": the value after "of".)
        let fillers: Set<String> = ["the", "a", "an", "value", "default", "its", "variable", "var", "in", "for", "on", "target", "of"]
        for (i, word) in words.enumerated().reversed() where ["to", "be", "=", "as", "default"].contains(word.lowercased()) {
            if let j = words[(i + 1)...].firstIndex(where: { !fillers.contains($0.lowercased()) }), words[j] != name,
               words[j] != target || Self.valueIsTarget(words, at: j, after: i) {
                let v = Self.wholeName(words, from: j, target: target)
                // A sentence's full stop goes; "../config/prod.yaml" keeps its dots.
                let value = v.hasSuffix(".") && !v.hasSuffix("..") ? String(v.dropLast()) : v
                // "to empty", "to an empty string", "to blank", "to \"\"": the empty string.
                if ["empty", "blank", "nothing", "\"\"", "''"].contains(value.lowercased()) { return "" }
                return value
            }
        }
        return nil
    }

    /// "set the catalog variable to prod for prod": the word right after "to" is the value even where it is
    /// the target's name, when the target is said again after "in", "for" or "on" (it asked for the value,
    /// and again when answered "prod").
    static func valueIsTarget(_ words: [String], at j: Int, after i: Int) -> Bool {
        let lowered = words.map { $0.lowercased() }
        guard !lowered[(i + 1)..<j].contains(where: { ["in", "for", "on", "target"].contains($0) }) else { return false }
        return lowered.indices.contains { k in k > j && lowered[k] == lowered[j] && ["in", "for", "on"].contains(lowered[k - 1]) }
            || lowered.indices.contains { k in k > j + 1 && lowered[k] == lowered[j] && lowered[k - 1] == "the" && ["in", "for", "on"].contains(lowered[k - 2]) }
    }

    /// The word at `start`, and when it is a name in capitals ("Shared Analytics Warehouse") the capitalized
    /// words after it too: a value of several words (it was cut to "Shared", and the lookup of the warehouse
    /// by that name failed at deploy). A word in lower case, or a comma after a word, ends it.
    static func wholeName(_ words: [String], from start: Int, target: String?) -> String {
        let first = words[start]
        // "14 days", "2 weeks", "30 minutes": a duration with its unit, as written (it became "14").
        let units: Set<String> = ["second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"]
        if Double(first) != nil, start + 1 < words.count {
            let unit = words[start + 1].trimmingCharacters(in: CharacterSet(charactersIn: ",.;!"))
            if units.contains(unit.lowercased()) { return first + " " + unit }
        }
        guard first.first?.isUppercase == true, !first.hasSuffix(","), !first.hasSuffix(".") || first.hasSuffix("..") else { return first }
        var parts = [first]
        var i = start + 1
        // (A target said after it comes after a lower-case "in" or "for": "… Shared Prod Warehouse in prod".)
        while i < words.count, let letter = words[i].first, letter.isUppercase || (letter.isNumber && words[i].count <= 3) {
            parts.append(words[i])
            if words[i].hasSuffix(",") || words[i].hasSuffix(".") { break }
            i += 1
        }
        var value = parts.joined(separator: " ")
        if value.hasSuffix(",") { value.removeLast() }
        return value
    }

    /// A value written in quotes ("Hello Prod", 'two words'), whole; nil when there is none.
    static func quoted(_ text: String, besides name: String) -> String? {
        RequestText(text).quotedValues.first { inside in
            !inside.isEmpty && inside.lowercased() != name.lowercased() && inside.lowercased() != "var.\(name.lowercased())"
        }
    }
}

extension PlanningContext {
    /// Whether anything of the bundle (a resource, another variable, a target's setting) uses
    /// `${var.name}` or a field of it, besides its own declaration.
    func variableUsed(_ name: String) -> Bool {
        let reference = "${var.\(name)"
        func uses(_ node: YAMLNode?, skipping: Bool = false) -> Bool {
            guard let node else { return false }
            switch node.kind {
            case .scalar: return node.string?.contains(reference) ?? false
            case .sequence(let items): return items.contains { uses($0) }
            case .mapping(let mapping): return mapping.entries.contains { !(skipping && $0.key == name) && uses($0.value) }
            }
        }
        return bundle.files.contains { file in
            guard let root = file.root?.mapping else { return false }
            return root.entries.contains { entry in entry.key == "variables" ? uses(entry.value, skipping: true) : uses(entry.value) }
        }
    }

    /// The resources whose definitions (or target overrides) use `${var.name}`.
    func resourcesUsing(variable name: String) -> [ResourceReference] {
        let reference = "${var.\(name)}"
        func uses(_ node: YAMLNode?) -> Bool {
            guard let node else { return false }
            switch node.kind {
            case .scalar: return node.string?.contains(reference) ?? false
            case .sequence(let items): return items.contains(where: uses)
            case .mapping(let mapping): return mapping.entries.contains { uses($0.value) }
            }
        }
        return catalog.entries.map(\.reference).filter { resource in
            bundle.files.contains { file in
                uses(file.root?["resources"]?[resource.type]?[resource.key])
                    || bundle.targetNames.contains { uses(file.root?["targets"]?[$0]?["resources"]?[resource.type]?[resource.key]) }
            }
        }
    }
}
