import BundleEditing
import BundleModel

/// Fields written as a whole `${var.name}` (`node_type_id: ${var.node_type}`). A plan that gives them
/// a plain value changes the variable instead of writing over the reference — its default, or the
/// target's value when the change is for one target — when the plan sets every use of that variable,
/// all to one value. A variable that other settings use too keeps them; the fields the plan changes
/// get their own value, and the summary says so.
enum VariableBackedFields {
    /// One field of the plan that is written as `${var.name}`.
    struct Use {
        let file: String
        /// The operation's index in the plan's edits of `file`.
        let operation: Int
        /// For a new target entry (an append), the path of the field inside the appended mapping; nil
        /// for a set, which the variable replaces whole.
        let leaf: EditPath?
        let variable: String
        let target: String?
        let value: EditValue
        let field: String
        /// The name of a schema or volume: what else writes the variable (`schema: ${var.schema_name}` in a
        /// task) means that same schema, so the variable changes and they follow.
        var namesSecurable = false
    }

    static func namesSecurable(_ path: EditPath) -> Bool {
        guard path.count >= 3, case .key("name")? = path.last, case .key(let type) = path[path.count - 3] else { return false }
        return ["schemas", "volumes", "catalogs"].contains(type)
    }

    static func route(_ plan: Plan, _ context: PlanningContext) throws -> Plan {
        let plan = ComplexVariableFields.route(plan, context)
        guard plan.contents == nil, context.bundle.configuration["variables"]?.mapping != nil else { return plan }
        var uses: [Use] = []
        for (file, operations) in plan.edits {
            for (index, operation) in operations.enumerated() {
                switch operation {
                case .set(let path, let value):
                    guard isPlain(value), let (variable, target) = reference(file: file, path: path, context) else { continue }
                    uses.append(Use(file: file, operation: index, leaf: nil, variable: variable, target: target, value: value, field: fieldName(path),
                                    namesSecurable: namesSecurable(path)))
                case .append(let list, .mapping(let fields)):
                    for (leaf, value) in leaves(.mapping(fields)) where isPlain(value) {
                        guard let (variable, target) = appendedReference(file: file, list: list, item: fields, leaf: leaf, context) else { continue }
                        uses.append(Use(file: file, operation: index, leaf: leaf, variable: variable, target: target, value: value, field: fieldName(leaf)))
                    }
                default: continue
                }
            }
        }
        guard !uses.isEmpty else { return plan }
        var routed = plan
        var removals: [Use] = []
        var additions: [(file: String, operations: [EditOperation])] = []
        var notes: [String] = []
        let groups = Dictionary(grouping: uses) { "\($0.variable)\u{0}\($0.target ?? "")" }
        for key in groups.keys.sorted() {
            let group = groups[key]!
            let (variable, target) = (group[0].variable, group[0].target)
            let values = Set(group.map { Plan.plain($0.value) ?? "" })
            let written = occurrences(of: variable, target: target, context)
            guard values.count == 1, group.count == written || group.allSatisfy(\.namesSecurable), let value = values.first,
                  context.bundle.configuration["variables"]?[variable]?["type"]?.string != "complex" else {
                // For every target: a field set to the value its variable already gives it (min_workers
                // beside a new max) keeps the reference; a new value where the targets give the variable
                // different values would overwrite each target's own with one (prod 2–8 made 2–4): asked.
                let perTarget = Self.valuesPerTarget(of: variable, context)
                let viewed = (target ?? (try? TargetSelection.choose(nil, in: context.bundle)).flatMap { $0 }).flatMap { perTarget[$0] }
                    ?? context.bundle.configuration["variables"]?[variable]?["default"]?.string
                let unchanged = group.filter { viewed != nil && Plan.plain($0.value) == viewed }
                removals += unchanged
                let changing = group.filter { use in !unchanged.contains { $0.file == use.file && $0.operation == use.operation && $0.leaf == use.leaf } }
                if changing.isEmpty { continue }
                if target == nil {
                    if Set(perTarget.values).count > 1 {
                        let said = perTarget.keys.sorted().map { "\($0): \(perTarget[$0]!)" }.joined(separator: ", ")
                        throw PlanningStop(outcome: .clarify(
                            question: "\(Set(changing.map(\.field)).sorted().joined(separator: ", ")) is ${var.\(variable)}, which the targets set differently (\(said)); which target should change?",
                            choices: perTarget.keys.sorted().map { "--target \($0)" }))
                    }
                }
                let others = written - group.count
                if others > 0 {
                    notes.append("\(Set(changing.map(\.field)).sorted().joined(separator: ", ")) was ${var.\(variable)}, which \(others == 1 ? "another setting" : "\(others) other settings") still use\(others == 1 ? "s" : ""); the change gives it a value of its own.")
                }
                continue
            }
            removals += group
            guard let assignment = try VariableValueIntent.assignment(context, variable: variable, value: value, target: target, written: group[0].value) else { continue }
            additions.append((assignment.file, assignment.operations))
            // A comment the change makes untrue is beside the variable's value now.
            let stale = group.contains { use in
                guard use.leaf == nil, case .set(let path, _) = plan.edits.first(where: { $0.file == use.file })?.operations[use.operation] else { return false }
                return plan.staleComments[use.file]?.contains(path) == true
            }
            if stale, case .set(let path, _)? = assignment.operations.first { routed.staleComments[assignment.file, default: []].append(path) }
            notes.append("It is written as ${var.\(variable)}, so: \(assignment.summary.prefix(1).lowercased() + assignment.summary.dropFirst())")
        }
        routed.edits = removing(removals, from: plan.edits)
        for addition in additions {
            if let i = routed.edits.firstIndex(where: { $0.file == addition.file }) {
                routed.edits[i].operations += addition.operations
            } else {
                routed.edits.append(addition)
            }
        }
        routed.edits.removeAll { $0.operations.isEmpty }
        if !notes.isEmpty { routed.summary += " " + notes.joined(separator: " ") }
        return routed
    }

    /// The value each target gives the variable: its own, else the default (targets that give none
    /// and have no default are left out).
    static func valuesPerTarget(of variable: String, _ context: PlanningContext) -> [String: String] {
        let fallback = context.bundle.configuration["variables"]?[variable]?["default"]?.scalar?.text
        var values: [String: String] = [:]
        for target in context.bundle.targetNames {
            let own = context.bundle.targetsMapping?[target]?["variables"]?[variable]
            if let value = own?.scalar?.text ?? own?["default"]?.scalar?.text ?? (own == nil ? fallback : nil) { values[target] = value }
        }
        return values
    }

    /// The plan's edits without the uses routed to their variables: a set goes; a field of an
    /// appended target entry goes from the entry, and the entry goes when only its identity is left.
    static func removing(_ removals: [Use], from edits: [(file: String, operations: [EditOperation])]) -> [(file: String, operations: [EditOperation])] {
        edits.map { file, operations in
            var kept: [EditOperation] = []
            for (index, operation) in operations.enumerated() {
                let mine = removals.filter { $0.file == file && $0.operation == index }
                if mine.isEmpty { kept.append(operation); continue }
                guard case .append(let list, .mapping(let fields)) = operation else { continue }
                var value = EditValue.mapping(fields)
                for use in mine { if let leaf = use.leaf { value = pruned(value, leaf[...]) } }
                if case .mapping(let left) = value, left.count > 1 { kept.append(.append(list, .mapping(left))) }
            }
            return (file, kept)
        }
    }

    /// A mapping without the field at `path`, and without the mappings that leaves empty.
    static func pruned(_ value: EditValue, _ path: ArraySlice<EditPathComponent>) -> EditValue {
        guard case .mapping(var fields) = value, case .key(let key)? = path.first, let i = fields.firstIndex(where: { $0.0 == key }) else { return value }
        if path.count == 1 {
            fields.remove(at: i)
        } else {
            let inner = pruned(fields[i].1, path.dropFirst())
            if case .mapping(let m) = inner, m.isEmpty { fields.remove(at: i) } else { fields[i].1 = inner }
        }
        return .mapping(fields)
    }

    /// The declared variable the value at `path` of `file` is written as, and the target whose value
    /// it is (nil: the default). A target's field it does not write yet is looked up in the definition.
    static func reference(file: String, path: EditPath, _ context: PlanningContext) -> (String, String?)? {
        let target = targetName(path)
        if let written = context.rawNode(file: file, path: path) {
            return written.string.flatMap { VariableValueIntent.variable(written: $0, declaredIn: context) }.map { ($0, target) }
        }
        guard target != nil, let (baseFile, basePath) = definitionPath(file: file, path: path, context),
              let written = context.rawNode(file: baseFile, path: basePath)?.string,
              let variable = VariableValueIntent.variable(written: written, declaredIn: context) else { return nil }
        return (variable, target)
    }

    /// The same for a field of an entry a target override appends (`job_clusters` by its key).
    static func appendedReference(file: String, list: EditPath, item: [(String, EditValue)], leaf: EditPath,
                                  _ context: PlanningContext) -> (String, String?)? {
        guard let target = targetName(list), case .key(let listName)? = list.last, let field = identityField(listName),
              leaf.first != .key(field), let identity = item.first(where: { $0.0 == field }).flatMap({ Plan.plain($0.1) }),
              let (baseFile, baseList) = definitionPath(file: file, path: list, context),
              let index = context.rawNode(file: baseFile, path: baseList)?.sequence?.firstIndex(where: { $0[field]?.string == identity }),
              let written = context.rawNode(file: baseFile, path: baseList + [.index(index)] + leaf)?.string,
              let variable = VariableValueIntent.variable(written: written, declaredIn: context) else { return nil }
        return (variable, target)
    }

    /// Where the resource's definition writes what a target override's `path` overrides: list entries
    /// are matched by their identity (`task_key`, `job_cluster_key`, a pipeline cluster's `label`).
    static func definitionPath(file: String, path: EditPath, _ context: PlanningContext) -> (String, EditPath)? {
        guard path.count >= 5, path[2] == .key("resources"), case .key(let type) = path[3], case .key(let key) = path[4] else { return nil }
        let (baseFile, base) = context.location(of: ResourceReference(type: type, key: key), target: nil)
        guard base.first == .key("resources") else { return nil }
        var translated = base
        var targetNode = context.rawNode(file: file, path: Array(path.prefix(5)))
        var baseNode = context.rawNode(file: baseFile, path: base)
        var list: String?
        for component in path.dropFirst(5) {
            switch component {
            case .key(let k):
                translated.append(component)
                (targetNode, baseNode, list) = (targetNode?[k], baseNode?[k], k)
            case .index(let i):
                guard let name = list, let field = identityField(name), let items = targetNode?.sequence, items.indices.contains(i),
                      let identity = items[i][field]?.string ?? (name == "clusters" ? "default" : nil),
                      let baseItems = baseNode?.sequence,
                      let j = baseItems.firstIndex(where: { ($0[field]?.string ?? (name == "clusters" ? "default" : nil)) == identity }) else { return nil }
                translated.append(.index(j))
                (targetNode, baseNode, list) = (items[i], baseItems[j], nil)
            }
        }
        return (baseFile, translated)
    }

    /// How many settings the variable's value reaches for the target (every target for the default):
    /// each `${var.name}` in the files, outside the other targets' sections.
    static func occurrences(of variable: String, target: String?, _ context: PlanningContext) -> Int {
        let reference = "${var.\(variable)}"
        func count(_ node: YAMLNode?, skippingTargets: Bool) -> Int {
            guard let node else { return 0 }
            switch node.kind {
            case .scalar: return node.string.map { $0.components(separatedBy: reference).count - 1 } ?? 0
            case .sequence(let items): return items.reduce(0) { $0 + count($1, skippingTargets: false) }
            case .mapping(let mapping):
                return mapping.entries.reduce(0) { total, entry in
                    if skippingTargets, entry.key == "targets" || entry.key == "environments" {
                        let sections = entry.value.mapping?.entries ?? []
                        return total + sections.reduce(0) { $0 + (target == nil || $1.key == target ? count($1.value, skippingTargets: false) : 0) }
                    }
                    return total + count(entry.value, skippingTargets: false)
                }
            }
        }
        return context.bundle.files.reduce(0) { $0 + count($1.root, skippingTargets: true) }
    }

    static func targetName(_ path: EditPath) -> String? {
        guard path.count > 1, path[0] == .key("targets") || path[0] == .key("environments"), case .key(let name) = path[1] else { return nil }
        return name
    }

    static func identityField(_ list: String) -> String? {
        ["tasks": "task_key", "job_clusters": "job_cluster_key", "clusters": "label", "environments": "environment_key"][list]
    }

    /// The scalar leaves of a value, with their paths (lists are not entered).
    static func leaves(_ value: EditValue, _ prefix: EditPath = []) -> [(EditPath, EditValue)] {
        guard case .mapping(let fields) = value else { return [(prefix, value)] }
        return fields.flatMap { key, inner -> [(EditPath, EditValue)] in
            if case .sequence = inner { return [] }
            return leaves(inner, prefix + [.key(key)])
        }
    }

    static func isPlain(_ value: EditValue) -> Bool {
        guard let text = Plan.plain(value) else { return false }
        return !text.contains("${")
    }

    static func fieldName(_ path: EditPath) -> String {
        for component in path.reversed() { if case .key(let k) = component { return k } }
        return path.rendered
    }
}
