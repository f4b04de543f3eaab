/// How configuration trees combine, as the Databricks CLI combines them.
///
/// - Files: mappings merge recursively, sequences concatenate; a resource defined in two files is an error
///   (a target's overrides of it in two files merge).
/// - Targets over the root: mappings merge recursively, sequences concatenate, except the lists whose
///   entries have an identity (`tasks` by `task_key`, `job_clusters` by `job_cluster_key`, `parameters`
///   by `name`, `environments` by `environment_key`, pipeline `clusters` by `label`), which merge
///   entry by entry.
public enum ConfigurationMerge {
    /// The key that identifies an entry of a list under `field`, for lists merged by identity.
    public static let listIdentity: [String: String] = [
        "tasks": "task_key",
        "job_clusters": "job_cluster_key",
        "parameters": "name",
        "environments": "environment_key",
        "clusters": "label",
    ]

    /// The top-level sections and `resources.<type>` blocks of one file whose shape is wrong (`jobs:` written as a
    /// list, `resources: jobs`): warned about and left out, as the Databricks CLI normalizes each file before it
    /// merges them ("expected map, found sequence"; the list replaced the other files' jobs, silently).
    public static func droppingMisshapenSections(_ mapping: YAMLMapping, diagnostics: inout [Diagnostic]) -> YAMLMapping {
        let maps: Set<String> = ["bundle", "variables", "resources", "targets", "artifacts", "sync", "presets", "workspace", "run_as", "experimental", "scripts"]
        var out = mapping
        func found(_ node: YAMLNode) -> String {
            switch node.kind {
            case .mapping: return "map"
            case .sequence: return "sequence"
            case .scalar(let s):
                switch s.value {
                case .int: return "int"
                case .float: return "float"
                case .bool: return "bool"
                default: return "string"
                }
            }
        }
        func warn(_ node: YAMLNode, path: String, holds: String) {
            let listed = node.sequence != nil
            diagnostics.append(Diagnostic(.warning, rule: ModelRuleID.fieldType, summary: "expected map, found \(found(node))",
                                          detail: "The Databricks CLI leaves \(path) out: \(holds) in it \(holds.hasSuffix("s") ? "are" : "is") not deployed."
                                            + (listed ? " Write it as a mapping of names: drop the leading \"- \" of its entries." : ""),
                                          path: path, location: node.location))
        }
        for entry in mapping.entries where maps.contains(entry.key) && !entry.value.isNull && entry.value.mapping == nil {
            warn(entry.value, path: entry.key, holds: entry.key == "resources" ? "the resources" : entry.key == "targets" ? "the targets" : "what is written")
            out.remove(entry.key)
        }
        if var resources = out["resources"]?.mapping {
            var changed = false
            for entry in resources.entries where !entry.value.isNull && entry.value.mapping == nil {
                warn(entry.value, path: "resources.\(entry.key)", holds: "the \(entry.key.replacingOccurrences(of: "_", with: " "))")
                resources.remove(entry.key)
                changed = true
            }
            if changed, let node = out["resources"] { out.set("resources", YAMLNode(.mapping(resources), at: node.location)) }
        }
        return out
    }

    /// Merges the files' top-level mappings in one pass (linear in the total size): mappings merge
    /// recursively, sequences concatenate, later scalars win; a resource defined in two files is reported.
    static func mergeFiles(_ mappings: [YAMLMapping], diagnostics: inout [Diagnostic]) -> YAMLMapping {
        guard mappings.count > 1 else { return mappings.first ?? YAMLMapping() }
        return mergeGroup(mappings.map { $0.entries }, path: [], diagnostics: &diagnostics)
    }

    static func mergeGroup(_ groups: [[YAMLMapping.Entry]], path: [String], diagnostics: inout [Diagnostic]) -> YAMLMapping {
        var order: [String] = []
        var byKey: [String: [YAMLMapping.Entry]] = [:]
        for entries in groups {
            for e in entries {
                if byKey[e.key] == nil { order.append(e.key) }
                byKey[e.key, default: []].append(e)
            }
        }
        var result: [YAMLMapping.Entry] = []
        result.reserveCapacity(order.count)
        for key in order {
            var entries = byKey[key]!
            let childPath = path + [key]
            // (Only `resources.<type>.<key>`: a target's overrides of one resource may come from several
            // files, and merge, as the CLI's unique_resource_keys.go leaves them alone.)
            // (`scripts.<key>` too: "multiple resources or scripts have been defined with the same key".)
            if entries.count > 1 && ((childPath.count == 3 && childPath[0] == "resources") || (childPath.count == 2 && childPath[0] == "scripts")) {
                let first = entries[0]
                for later in entries.dropFirst() where later.value.location.file != first.value.location.file {
                    diagnostics.append(Diagnostic(
                        .error, rule: ModelRuleID.resourceDefinedTwice,
                        summary: "\(childPath.joined(separator: ".")) is defined in two files: \(first.keyLocation) and \(later.keyLocation)",
                        detail: "Each \(childPath[0] == "scripts" ? "script" : "resource") must be defined once; remove or rename one of the definitions.",
                        path: childPath.joined(separator: "."), location: later.keyLocation))
                }
                entries = entries.filter { $0.value.location.file == first.value.location.file }
            }
            var entry = entries[0]
            if entries.count > 1 { entry.value = mergeValues(entries.map(\.value), path: childPath, diagnostics: &diagnostics) }
            result.append(entry)
        }
        return YAMLMapping(result)
    }

    static func mergeValues(_ values: [YAMLNode], path: [String], diagnostics: inout [Diagnostic]) -> YAMLNode {
        let present = values.filter { !$0.isNull }
        guard let first = present.first else { return values[values.count - 1] }
        if present.allSatisfy({ $0.mapping != nil }) {
            let merged = mergeGroup(present.map { $0.mapping!.entries }, path: path, diagnostics: &diagnostics)
            // Blocks anchored for reuse in each file stay such blocks.
            var node = YAMLNode(.mapping(merged), at: first.location)
            node.isAnchor = present.allSatisfy(\.holdsOnlyAnchors)
            return node
        }
        if present.allSatisfy({ $0.sequence != nil }) {
            var node = YAMLNode(.sequence(present.flatMap { $0.sequence! }), at: first.location)
            node.isAnchor = present.allSatisfy(\.holdsOnlyAnchors)
            return node
        }
        return present[present.count - 1]
    }

    /// Merges a target's override of a node over the root's (maps recursively, identity lists by key).
    /// - Parameters:
    ///   - resolving: the value of a whole `${var.name}` reference, for merging an entry of a keyed list
    ///     (a job cluster, a task) into one whose field is such a reference: the CLI merges those entries
    ///     after it resolves the resources' variables (MergeJobClusters after ResolveVariableReferences),
    ///     so `new_cluster: ${var.cluster}` and a target's `new_cluster: {autoscale: …}` make one cluster.
    ///   - inEntry: whether `base` is (inside) such an entry.
    public static func overlay(_ base: YAMLNode, _ over: YAMLNode, field: String? = nil,
                               resolving: ((String) -> YAMLNode?)? = nil, inEntry: Bool = false) -> YAMLNode {
        switch (base.kind, over.kind) {
        case (.mapping(let a), .mapping(let b)):
            var result = a
            var index: [String: Int] = [:]
            for (i, e) in result.entries.enumerated() { index[e.key] = i }
            for entry in b.entries {
                if let i = index[entry.key] {
                    result.entries[i].value = overlay(result.entries[i].value, entry.value, field: entry.key, resolving: resolving, inEntry: inEntry)
                } else {
                    index[entry.key] = result.entries.count
                    result.entries.append(entry)
                }
            }
            return YAMLNode(.mapping(result), at: base.location)
        case (.sequence(let a), .sequence(let b)):
            // A pipeline cluster without a label is the `default` one, labels compare ignoring case
            // (merge_pipeline_clusters.go).
            func key(_ item: YAMLNode, _ identity: String) -> String? {
                field == "clusters" ? (item.mapping == nil ? nil : (item[identity]?.string ?? "default").lowercased()) : item.mapping?[identity]?.string
            }
            if let field, let identity = listIdentity[field],
               (a + b).allSatisfy({ key($0, identity) != nil }) {
                var merged = a
                var index: [String: Int] = [:]
                for (i, item) in merged.enumerated() { index[key(item, identity)!] = i }
                for item in b {
                    let key = key(item, identity)!
                    if let i = index[key] {
                        merged[i] = overlay(merged[i], item, resolving: resolving, inEntry: true)
                    } else {
                        index[key] = merged.count
                        merged.append(item)
                    }
                }
                return YAMLNode(.sequence(merged), at: base.location)
            }
            return YAMLNode(.sequence(a + b), at: base.location)
        case (.scalar, .mapping):
            if inEntry, let resolving, let text = base.string, text.hasPrefix("${var."), text.hasSuffix("}"),
               text.dropFirst(2).dropLast().allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }),
               let value = resolving(String(text.dropFirst(6).dropLast())), value.mapping != nil {
                return overlay(value, over, field: field, resolving: resolving, inEntry: inEntry)
            }
            return over
        default:
            return over.isNull ? base : over
        }
    }
}
