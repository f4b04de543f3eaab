import BundleModel

public struct ComputeIDDeprecatedRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "compute-id-deprecated", name: "cluster_id, not compute_id", severity: .warning, scope: .bundle,
        summary: "`compute_id` (of `bundle` or a target) is the old name of `cluster_id`.",
        documentation: """
        The Databricks CLI still reads `compute_id`, copies it over `cluster_id` and warns ("compute_id is
        deprecated, please use cluster_id instead", bundle/config/mutator/compute_id_compat.go). Beside a
        `cluster_id` it wins: the cluster that `cluster_id` names is not the one used. Rename the key.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                mode: development
                default: true
                ↓compute_id: 0123-456789-abcdefgh
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                mode: development
                default: true
                cluster_id: 0123-456789-abcdefgh
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for file in context.bundle.files {
            guard let root = file.root?.mapping else { continue }
            var places: [(path: String, entry: YAMLMapping.Entry)] = []
            if let entry = root["bundle"]?.mapping?.entry("compute_id") { places.append(("bundle.compute_id", entry)) }
            for section in ["targets", "environments"] {
                for target in root[section]?.mapping?.entries ?? [] {
                    if let entry = target.value.mapping?.entry("compute_id") { places.append(("\(section).\(target.key).compute_id", entry)) }
                    if let entry = target.value["bundle"]?.mapping?.entry("compute_id") { places.append(("\(section).\(target.key).bundle.compute_id", entry)) }
                }
            }
            for place in places {
                out.append(diagnostic("compute_id is deprecated, please use cluster_id instead",
                                      detail: "Rename it to cluster_id; the Databricks CLI copies compute_id over cluster_id, so beside one it wins.",
                                      path: place.path, at: place.entry.keyLocation))
            }
        }
        return out
    }
}
