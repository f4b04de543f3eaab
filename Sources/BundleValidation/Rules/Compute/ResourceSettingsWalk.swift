import BundleModel

/// Every key of every resource of a target, with the path to it, for rules that look at a setting wherever
/// it stands (a cluster's in a job cluster, a task, a pipeline or an all-purpose cluster). `visit` says whether
/// the key was the rule's (and is not walked into).
enum ResourceSettingsWalk {
    static func walk(_ context: ValidationContext, _ visit: (_ components: [String], _ entry: YAMLMapping.Entry) -> Bool) {
        // (The path is kept as components and written out only for a finding: the walk visits every setting.)
        var components: [String] = ["resources"]
        func walk(_ node: YAMLNode) {
            switch node.kind {
            case .mapping(let m):
                for e in m.entries {
                    if visit(components, e) { continue }
                    guard e.value.mapping != nil || e.value.sequence != nil else { continue }
                    components.append(e.key)
                    walk(e.value)
                    components.removeLast()
                }
            case .sequence(let items):
                for (i, item) in items.enumerated() where item.mapping != nil || item.sequence != nil {
                    components.append("[\(i)]")
                    walk(item)
                    components.removeLast()
                }
            case .scalar:
                break
            }
        }
        if let resources = context.effective.configuration["resources"] { walk(resources) }
    }
}
