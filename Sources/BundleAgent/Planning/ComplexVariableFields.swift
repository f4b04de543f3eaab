import BundleEditing
import BundleModel

/// Settings inside a value written as a whole complex variable (`new_cluster: ${var.ds3_v2}`, with
/// `ds3_v2` a `type: complex` mapping in a variables file): the YAML at the field is only the reference,
/// so an edit of `…new_cluster.num_workers` is made in the variable's default instead
/// (`variables.ds3_v2.default.num_workers`), which every place that uses it follows.
enum ComplexVariableFields {
    /// The complex variable a written value stands for whole, and the file whose default counts.
    static func variable(_ node: YAMLNode?, _ context: PlanningContext) -> (name: String, file: String)? {
        guard let text = node?.string, text.hasPrefix("${var."), text.hasSuffix("}") else { return nil }
        let name = String(text.dropFirst(6).dropLast())
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        let declared = context.bundle.configuration["variables"]?[name]
        guard declared?["type"]?.string == "complex" || declared?["default"]?.mapping != nil else { return nil }
        let declaring = context.bundle.files.filter { $0.root?["variables"]?[name]?["default"]?.mapping != nil }
        guard let file = declaring.last?.path else { return nil }
        return (name, file)
    }

    /// Where a target's own value of a complex variable is written (`targets.prod.variables.cluster`,
    /// or its `default` in the full form), when the target gives one.
    static func targetValue(of name: String, in target: String, _ context: PlanningContext) -> (file: String, base: EditPath)? {
        guard let file = context.bundle.files.last(where: { $0.root?["targets"]?[target]?["variables"]?[name] != nil }),
              let own = file.root?["targets"]?[target]?["variables"]?[name], let mapping = own.mapping else { return nil }
        var base: EditPath = [.key("targets"), .key(target), .key("variables"), .key(name)]
        let declarationKeys: Set<String> = ["default", "description", "type", "lookup"]
        if mapping["default"] != nil, mapping.keys.allSatisfy(declarationKeys.contains) {
            guard mapping["default"]?.mapping != nil else { return nil }
            base.append(.key("default"))
        }
        return (file.path, base)
    }

    /// The plan with every edit below such a reference moved into the variable's default; the summary
    /// says which variable changed and what else uses it.
    static func route(_ plan: Plan, _ context: PlanningContext) -> Plan {
        guard plan.contents == nil, context.bundle.configuration["variables"]?.mapping != nil else { return plan }
        var routed = plan
        var moved: [(file: String, operation: EditOperation)] = []
        var variables: [String] = []
        var said: [String: [String]] = [:]
        for (fileIndex, edit) in plan.edits.enumerated() {
            var kept: [EditOperation] = []
            for operation in edit.operations {
                guard let path = Self.path(of: operation), let (prefix, variable) = Self.reference(along: path, file: edit.file, context) else {
                    kept.append(operation)
                    continue
                }
                let inside: EditPath = [.key("variables"), .key(variable.name), .key("default")] + path.dropFirst(prefix)
                // (Every job that uses the variable asks the same edit: it is made once.)
                let rerouted = Self.operation(operation, at: inside)
                if moved.contains(where: { $0.file == variable.file && $0.operation == rerouted }) { continue }
                moved.append((variable.file, rerouted))
                let field = EditPath(path.dropFirst(prefix)).rendered
                switch operation {
                case .set(_, let value): said[variable.name, default: []].append("\(field): \(Plan.plain(value) ?? "(a new value)")")
                case .append(_, let value): said[variable.name, default: []].append("\(field) + \(Plan.plain(value) ?? "(an entry)")")
                case .delete: said[variable.name, default: []].append("\(field) removed")
                }
                if !variables.contains(variable.name) { variables.append(variable.name) }
            }
            routed.edits[fileIndex].operations = kept
        }
        // An edit of a target's own value of a variable goes to the file that writes that value.
        for (fileIndex, edit) in routed.edits.enumerated() {
            var kept: [EditOperation] = []
            for operation in edit.operations {
                guard let path = Self.path(of: operation), path.count > 4, path[0] == .key("targets"), path[2] == .key("variables"),
                      context.rawNode(file: edit.file, path: Array(path.prefix(4))) == nil,
                      let other = context.bundle.files.last(where: { context.rawNode(file: $0.path, path: Array(path.prefix(4))) != nil }) else {
                    kept.append(operation)
                    continue
                }
                moved.append((other.path, operation))
            }
            routed.edits[fileIndex].operations = kept
        }
        guard !moved.isEmpty else { return plan }
        for (file, operation) in moved {
            if let i = routed.edits.firstIndex(where: { $0.file == file }) { routed.edits[i].operations.append(operation) }
            else { routed.edits.append((file, [operation])) }
        }
        routed.edits.removeAll { $0.operations.isEmpty }
        for name in variables {
            let users = context.resourcesUsing(variable: name).map { "\(ResourceVocabulary.singular($0.type)) \($0.key)" }
            let keeping = context.bundle.targetNames.filter { targetValue(of: name, in: $0, context) != nil }
            routed.summary += " It is written as ${var.\(name)} (a complex variable), so its default changes (\((said[name] ?? []).joined(separator: ", ")))"
                + (users.count > 1 ? ": \(users.joined(separator: ", ")) use it." : ".")
                + (keeping.isEmpty ? "" : " Target\(keeping.count == 1 ? "" : "s") \(keeping.joined(separator: ", ")) keep\(keeping.count == 1 ? "s its" : " their") own value.")
        }
        return routed
    }

    static func path(of operation: EditOperation) -> EditPath? {
        switch operation {
        case .set(let path, _), .delete(let path), .append(let path, _): return path
        }
    }

    static func operation(_ operation: EditOperation, at path: EditPath) -> EditOperation {
        switch operation {
        case .set(_, let value): return .set(path, value)
        case .append(_, let value): return .append(path, value)
        case .delete: return .delete(path)
        }
    }

    /// The length of the path's prefix written as a whole complex variable in `file`, and the variable.
    static func reference(along path: EditPath, file: String, _ context: PlanningContext) -> (Int, (name: String, file: String))? {
        guard path.count > 1 else { return nil }
        for length in 1..<path.count {
            guard let node = context.rawNode(file: file, path: Array(path.prefix(length))) else { return nil }
            if node.mapping != nil || node.sequence != nil { continue }
            return variable(node, context).map { (length, $0) }
        }
        return nil
    }
}
