/// How configuration trees combine, as the Databricks CLI combines them.
///
/// - Files: mappings merge recursively, sequences concatenate; a resource defined in two files is an error.
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

    /// Merges one included file's top-level sections into the configuration.
    static func mergeFile(into configuration: inout YAMLMapping, _ incoming: YAMLMapping, diagnostics: inout [Diagnostic]) {
        configuration = mergeMappings(configuration, incoming, path: [], diagnostics: &diagnostics)
    }

    static func mergeMappings(_ base: YAMLMapping, _ over: YAMLMapping, path: [String], diagnostics: inout [Diagnostic]) -> YAMLMapping {
        var result = base
        var index: [String: Int] = [:]
        for (i, e) in result.entries.enumerated() { index[e.key] = i }
        for entry in over.entries {
            guard let i = index[entry.key] else {
                index[entry.key] = result.entries.count
                result.entries.append(entry)
                continue
            }
            let existing = result.entries[i]
            let childPath = path + [entry.key]
            // resources.<type>.<key> or targets.<t>.resources.<type>.<key> in two files.
            let isResource = (childPath.count == 3 && childPath[0] == "resources")
                || (childPath.count == 5 && childPath[0] == "targets" && childPath[2] == "resources")
            if isResource, existing.value.location.file != entry.value.location.file {
                diagnostics.append(Diagnostic(
                    .error, rule: ModelRuleID.resourceDefinedTwice,
                    summary: "\(childPath.joined(separator: ".")) is defined in two files: \(existing.keyLocation) and \(entry.keyLocation)",
                    detail: "Each resource must be defined once; remove or rename one of the definitions.",
                    path: childPath.joined(separator: "."), location: entry.keyLocation))
                continue
            }
            result.entries[i].value = mergeValues(existing.value, entry.value, path: childPath, diagnostics: &diagnostics)
        }
        return result
    }

    static func mergeValues(_ base: YAMLNode, _ over: YAMLNode, path: [String], diagnostics: inout [Diagnostic]) -> YAMLNode {
        switch (base.kind, over.kind) {
        case (.mapping(let a), .mapping(let b)):
            return YAMLNode(.mapping(mergeMappings(a, b, path: path, diagnostics: &diagnostics)), at: base.location)
        case (.sequence(let a), .sequence(let b)):
            return YAMLNode(.sequence(a + b), at: base.location)
        default:
            return over.isNull ? base : over
        }
    }

    /// Merges a target's override of a node over the root's (maps recursively, identity lists by key).
    public static func overlay(_ base: YAMLNode, _ over: YAMLNode, field: String? = nil) -> YAMLNode {
        switch (base.kind, over.kind) {
        case (.mapping(let a), .mapping(let b)):
            var result = a
            var index: [String: Int] = [:]
            for (i, e) in result.entries.enumerated() { index[e.key] = i }
            for entry in b.entries {
                if let i = index[entry.key] {
                    result.entries[i].value = overlay(result.entries[i].value, entry.value, field: entry.key)
                } else {
                    index[entry.key] = result.entries.count
                    result.entries.append(entry)
                }
            }
            return YAMLNode(.mapping(result), at: base.location)
        case (.sequence(let a), .sequence(let b)):
            if let field, let identity = listIdentity[field],
               (a + b).allSatisfy({ $0.mapping?[identity]?.string != nil }) {
                var merged = a
                var index: [String: Int] = [:]
                for (i, item) in merged.enumerated() { index[item[identity]!.string!] = i }
                for item in b {
                    let key = item[identity]!.string!
                    if let i = index[key] {
                        merged[i] = overlay(merged[i], item)
                    } else {
                        index[key] = merged.count
                        merged.append(item)
                    }
                }
                return YAMLNode(.sequence(merged), at: base.location)
            }
            return YAMLNode(.sequence(a + b), at: base.location)
        default:
            return over.isNull ? base : over
        }
    }
}
