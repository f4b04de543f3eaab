/// Entries of one list that the Databricks CLI merges once the targets are merged (its resource mutators
/// merge_grants.go and merge_pipeline_clusters.go): a securable's grants of one principal (their privileges
/// together, each once), a pipeline's clusters of one label (no label is `default`, case ignored). Two
/// entries for `analysts`, one of them without privileges, were "grant privileges is required"; a second
/// `default` cluster with only `max_workers`, "min_workers is not set".
enum KeyedListMerge {
    /// The resource types whose `grants` the CLI merges.
    static let grantTypes: Set<String> = ["catalogs", "schemas", "external_locations", "secrets", "volumes", "registered_models", "vector_search_indexes"]

    static func apply(to configuration: inout YAMLMapping) {
        guard var resources = configuration["resources"]?.mapping, let resourcesNode = configuration["resources"] else { return }
        var changed = false
        for typeEntry in resources.entries where typeEntry.key == "pipelines" || grantTypes.contains(typeEntry.key) {
            guard var ofType = typeEntry.value.mapping else { continue }
            let field = typeEntry.key == "pipelines" ? "clusters" : "grants"
            var typeChanged = false
            for entry in ofType.entries {
                guard var resource = entry.value.mapping, let listNode = resource[field], let list = listNode.sequence, list.count > 1 else { continue }
                let merged = field == "clusters"
                    ? merging(list) { $0.mapping == nil ? nil : ($0["label"]?.string ?? "default").lowercased() }
                    : merging(list) { $0["principal"]?.string }.map(withPrivilegesOnce)
                guard merged.count != list.count else { continue }
                resource.set(field, YAMLNode(.sequence(merged), at: listNode.location))
                ofType.set(entry.key, YAMLNode(.mapping(resource), at: entry.value.location))
                typeChanged = true
            }
            guard typeChanged else { continue }
            resources.set(typeEntry.key, YAMLNode(.mapping(ofType), at: typeEntry.value.location))
            changed = true
        }
        if changed { configuration.set("resources", YAMLNode(.mapping(resources), at: resourcesNode.location)) }
    }

    /// The entries with one key merged into the first of them (maps recursively, lists concatenated);
    /// entries without a key stay as they are.
    static func merging(_ list: [YAMLNode], key: (YAMLNode) -> String?) -> [YAMLNode] {
        var out: [YAMLNode] = []
        var index: [String: Int] = [:]
        for item in list {
            guard let k = key(item) else { out.append(item); continue }
            if let i = index[k] {
                out[i] = ConfigurationMerge.overlay(out[i], item)
            } else {
                index[k] = out.count
                out.append(item)
            }
        }
        return out
    }

    static func withPrivilegesOnce(_ grant: YAMLNode) -> YAMLNode {
        guard var mapping = grant.mapping, let node = mapping["privileges"], let privileges = node.sequence else { return grant }
        var seen: Set<String> = []
        let once = privileges.filter { $0.string.map { seen.insert($0).inserted } ?? true }
        guard once.count != privileges.count else { return grant }
        mapping.set("privileges", YAMLNode(.sequence(once), at: node.location))
        return YAMLNode(.mapping(mapping), at: grant.location)
    }
}
