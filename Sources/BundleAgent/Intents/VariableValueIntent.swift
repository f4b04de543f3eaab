import BundleEditing
import Foundation

/// "set the catalog variable to main in prod", "the schema variable should be sales_dev for dev",
/// "change var.warehouse_id to abc123": a declared variable's value, for one target (its
/// `targets.<t>.variables` entry) or for all (the declaration's default).
public enum VariableValueIntent: Intent {
    public static let id = "variable-value"
    public static let summary = "a variable's value, per target or as its default"
    public static let examples = ["set the catalog variable to main in prod", "change the default of the schema variable to sales"]

    public static func score(_ text: RequestText) -> Int {
        let variable = text.hasAny(["variable", "variables", "var"]) || text.words.contains { $0.hasPrefix("var.") || $0.hasPrefix("${var.") }
        guard variable, !text.hasAny(["add", "create", "declare", "define", "introduce", "new", "parameterize", "parametrize"]),
              !zip(text.words, text.words.dropFirst()).contains(where: { $0 == "a" && $1 == "variable" }) else { return 0 }
        return text.hasAny(["to", "be", "=", "set", "change", "update"]) ? 5 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let declarations = context.bundle.configuration["variables"]?.mapping
        let declared = declarations?.keys ?? []
        let original = context.request.original.split(whereSeparator: { $0 == " " || $0 == "\t" })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`")) }
        func variableName(_ word: String) -> String? {
            var name = word.hasPrefix("${") && word.hasSuffix("}") ? String(word.dropFirst(2).dropLast()) : word
            if name.lowercased().hasPrefix("var.") { name = String(name.dropFirst(4)) }
            return declared.first { $0.lowercased() == name.lowercased() }
        }
        guard let nameIndex = original.firstIndex(where: { variableName($0) != nil }), let name = variableName(original[nameIndex]) else {
            throw PlanningStop(outcome: .refused("which variable? this bundle declares: \(declared.isEmpty ? "none" : declared.joined(separator: ", "))"))
        }
        let target = try context.ignoring([original[nameIndex]]).target()
        guard let value = Self.value(original, after: nameIndex, name: original[nameIndex], target: target) else {
            throw PlanningStop(outcome: .clarify(question: "Which value should the variable \(name) have\(context.forTarget(target))?",
                                                 choices: ["set the \(name) variable to VALUE\(target.map { " in \($0)" } ?? "")"]))
        }
        let declaration = declarations?[name]
        if declaration?["type"]?.string == "complex" {
            throw PlanningStop(outcome: .refused("\(name) is a complex variable (a list or mapping); its value is YAML, not one word: change it in the file"))
        }
        // The targets that set their own value keep it whatever the default says.
        let overriding = context.bundle.targetNames.filter { context.bundle.targetsMapping?[$0]?["variables"]?[name] != nil }
        if let target {
            let current = context.bundle.targetsMapping?[target]?["variables"]?[name]
            let effective = current?.string ?? (current == nil ? declaration?["default"]?.string : nil)
            if effective == value { throw PlanningStop(outcome: .refused("the variable \(name) already is \(value) in target \(target)")) }
            let path: EditPath = [.key("targets"), .key(target), .key("variables"), .key(name)]
            return Plan(subject: "Set the variable \(name) to \(value) in \(target)",
                        summary: "Set the variable \(name) to \(value) for target \(target) (was \(effective ?? "unset")).",
                        target: target, edits: [(context.targetFile(target), [.set(path, .string(value))])])
        }
        if !overriding.isEmpty, overriding.count == context.bundle.targetNames.count {
            let values = overriding.map { "\($0): \(context.bundle.targetsMapping?[$0]?["variables"]?[name]?.string ?? "…")" }
            throw PlanningStop(outcome: .clarify(question: "Every target sets its own \(name) (\(values.joined(separator: ", "))); which target should change?",
                                                 choices: overriding.map { "--target \($0)" }))
        }
        if declaration?["default"]?.string == value { throw PlanningStop(outcome: .refused("the default of the variable \(name) already is \(value)")) }
        let file = context.bundle.files.first { $0.root?["variables"]?[name] != nil }?.path ?? context.bundle.rootFile
        let path: EditPath = [.key("variables"), .key(name), .key("default")]
        let keeps = overriding.isEmpty ? "" : " Target\(overriding.count == 1 ? "" : "s") \(overriding.joined(separator: ", ")) keep\(overriding.count == 1 ? "s" : "") its own value."
        return Plan(subject: "Set the default of the variable \(name) to \(value)",
                    summary: "Set the default of the variable \(name) to \(value) (was \(declaration?["default"]?.string ?? "none")).\(keeps)",
                    edits: [(file, [.set(path, .string(value))])])
    }

    /// The value: `name=value`, a quoted text, or the word after "to", "be", "=" or "as" that is not
    /// the name, a target or a filler.
    static func value(_ words: [String], after nameIndex: Int, name: String, target: String?) -> String? {
        if let pair = words.first(where: { $0.contains("=") && $0.count > 2 }), let eq = pair.firstIndex(of: "="), eq != pair.startIndex {
            let v = String(pair[pair.index(after: eq)...])
            if !v.isEmpty { return v }
        }
        let fillers: Set<String> = ["the", "a", "an", "value", "default", "its", "variable", "var", "in", "for", "on", "target"]
        for (i, word) in words.enumerated().reversed() where ["to", "be", "=", "as"].contains(word.lowercased()) {
            if let v = words[(i + 1)...].first(where: { !fillers.contains($0.lowercased()) }), v != name, v.lowercased() != target?.lowercased() {
                return v.trimmingCharacters(in: CharacterSet(charactersIn: "."))
            }
        }
        return nil
    }
}
