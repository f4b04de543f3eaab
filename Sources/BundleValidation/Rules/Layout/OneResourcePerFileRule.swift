import BundleModel

public struct OneResourcePerFileRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "one-resource-per-file", name: "One resource per file", severity: .info, scope: .bundle,
        summary: "A file named `<key>.<type>.yml` defines that one resource, as its name says.",
        documentation: """
        A recommendation, as the Databricks CLI gives it (bundle/config/loader/process_include.go): a file
        whose name ends in `.job.yml`, `.pipeline.yml`, `.app.yml`, … says that it holds one resource of that
        type; when it defines (or a target in it configures) several, or one of another type, the CLI
        recommends "define a single job in a file with the .job.yml extension." Other file names are not
        checked. Informational; it never fails validation.
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n", files: [
                "resources/a.job.yml": "resources:\n  jobs:\n    a:\n      ↓name: a\n    b:\n      name: b\n",
            ]),
            RuleExample("bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n", files: [
                "resources/a.job.yml": "resources:\n  pipelines:\n    a:\n      ↓name: a\n",
            ]),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n", files: [
                "resources/a.job.yml": "resources:\n  jobs:\n    a:\n      name: a\n",
                "resources/b.job.yml": "resources:\n  jobs:\n    b:\n      name: b\ntargets:\n  dev:\n    resources:\n      jobs:\n        b:\n          name: b dev\n",
                // A name that says nothing of one resource: not checked.
                "resources/jobs.yml": "resources:\n  jobs:\n    c:\n      name: c\n    d:\n      name: d\n",
            ]),
        ])

    /// `jobs` → `job`, `registered_models` → `registered_model`, `vector_search_indexes` → `vector_search_index`.
    static func singular(_ type: String) -> String {
        if type.hasSuffix("indexes") || type.hasSuffix("branches") { return String(type.dropLast(2)) }
        return type.hasSuffix("s") ? String(type.dropLast()) : type
    }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let types = (context.schema["Resources"]?.fields.map(\.name) ?? []).sorted { $0.count > $1.count }
        // The endings written once (each file was compared with every type's, made anew: 25 ms on 2,000 files).
        let endings = types.map { type in (type, ".\(Self.singular(type)).yml", ".\(Self.singular(type)).yaml") }
        for file in context.bundle.files where !file.isRoot {
            let name = String(file.path.split(separator: "/").last ?? "")
            guard name.hasSuffix(".yml") || name.hasSuffix(".yaml"),
                  let type = endings.first(where: { name.hasSuffix($0.1) || name.hasSuffix($0.2) })?.0 else { continue }
            let typ = Self.singular(type)
            let ext = name.hasSuffix(".yaml") ? ".\(typ).yaml" : ".\(typ).yml"
            var resources: [(type: String, key: String, location: SourceLocation)] = []
            func gather(_ node: YAMLNode?) {
                for t in node?.mapping?.entries ?? [] {
                    for r in t.value.mapping?.entries ?? [] { resources.append((t.key, r.key, r.value.location)) }
                }
            }
            gather(file.root?["resources"])
            for target in file.root?["targets"]?.mapping?.entries ?? [] { gather(target.value["resources"]) }
            let keys = Set(resources.map(\.key))
            guard !resources.allSatisfy({ $0.type == type }) || keys.count > 1 else { continue }
            let listed = Array(Set(resources.map { "  - \($0.key) (\(Self.singular($0.type)))" })).sorted()
            let first = resources.min { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }!
            out.append(diagnostic("define a single \(typ.replacingOccurrences(of: "_", with: " ")) in a file with the \(ext) extension.",
                                  detail: "The following resources are defined or configured in this file:\n" + listed.joined(separator: "\n"),
                                  path: "resources.\(first.type).\(first.key)", at: first.location))
        }
        return out
    }
}
