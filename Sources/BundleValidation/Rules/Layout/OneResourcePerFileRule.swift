import BundleModel

public struct OneResourcePerFileRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "one-resource-per-file", name: "One resource per file", severity: .info, scope: .bundle,
        summary: "Each included file defines one resource and is named `<key>.<type>.yml`.",
        documentation: """
        A recommendation, as the Databricks CLI gives it: `resources/nightly_etl.job.yml` holding only the
        job `nightly_etl` is easy to find, to review and to diff. Files that define several resources, or
        whose name does not say what they hold, get an informational note; it never fails validation.
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n", files: [
                "resources/jobs.yml": "resources:\n  jobs:\n    a:\n      name: a\n    ↓b:\n      name: b\n",
            ]),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n", files: [
                "resources/a.job.yml": "resources:\n  jobs:\n    a:\n      name: a\n",
                "resources/b.job.yml": "resources:\n  jobs:\n    b:\n      name: b\n",
            ]),
        ])

    /// `jobs` → `job`, `registered_models` → `registered_model`.
    static func singular(_ type: String) -> String {
        type.hasSuffix("s") ? String(type.dropLast()) : type
    }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for file in context.bundle.files where !file.isRoot {
            var resources: [(type: String, key: String, location: SourceLocation)] = []
            for type in file.root?["resources"]?.mapping?.entries ?? [] {
                for r in type.value.mapping?.entries ?? [] { resources.append((type.key, r.key, r.keyLocation)) }
            }
            guard let first = resources.first else { continue }
            let name = String(file.path.split(separator: "/").last ?? "")
            if resources.count > 1 {
                out.append(diagnostic("\(file.path) defines \(resources.count) resources; define one resource per file",
                                      detail: "For example, move \(resources[1].type).\(resources[1].key) to \(resources[1].key).\(Self.singular(resources[1].type)).yml.",
                                      path: "resources.\(resources[1].type).\(resources[1].key)", at: resources[1].location))
            } else {
                let suffix = "." + Self.singular(first.type)
                if !(name.hasSuffix(suffix + ".yml") || name.hasSuffix(suffix + ".yaml")) {
                    out.append(diagnostic("\(file.path) defines \(Self.singular(first.type)) \(first.key); name the file \(first.key)\(suffix).yml",
                                          detail: "Files named <key>.<type>.yml say what they hold.",
                                          path: "resources.\(first.type).\(first.key)", at: first.location))
                }
            }
        }
        return out
    }
}
