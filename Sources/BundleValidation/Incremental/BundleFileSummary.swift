import BundleModel

/// What incremental validation keeps of one configuration file, so that an unchanged file need not be
/// read again: the resources it defines, the resources it names in target overrides and in
/// `${resources...}` references, and whether it holds anything but resources.
struct BundleFileSummary: Sendable, Equatable {
    /// `jobs.etl` for every resource the file defines under its top-level `resources:`.
    var resources: [String] = []
    /// Resources named under `targets.*.resources` (or `environments.*.resources`).
    var overrides: [String] = []
    /// Resources named in `${resources.TYPE.KEY...}` references.
    var references: [String] = []
    /// The file holds nothing but `resources:` at the top: its content cannot change what other files'
    /// resources mean (variables, targets, presets and includes live elsewhere).
    var onlyResources: Bool = true
    /// A syntax or encoding error: the file could not be read, so validation runs on every file.
    var unreadable: Bool = false

    init() {}

    init(file: BundleFile, diagnostics: [Diagnostic]) {
        unreadable = diagnostics.contains {
            $0.severity == .error && $0.location?.file == file.path
                && ($0.rule == ModelRuleID.yamlSyntax || $0.rule == ModelRuleID.fileEncoding)
        }
        guard let root = file.root else { return }
        guard let top = root.mapping else {
            onlyResources = root.isNull
            return
        }
        for entry in top.entries {
            switch entry.key {
            case "resources":
                for type in entry.value.mapping?.entries ?? [] {
                    for resource in type.value.mapping?.entries ?? [] { resources.append(type.key + "." + resource.key) }
                }
            case "targets", "environments":
                onlyResources = false
                for target in entry.value.mapping?.entries ?? [] {
                    for type in target.value["resources"]?.mapping?.entries ?? [] {
                        for resource in type.value.mapping?.entries ?? [] { overrides.append(type.key + "." + resource.key) }
                    }
                }
            default:
                onlyResources = false
            }
        }
        var found = Set<String>()
        Self.collectReferences(root, into: &found)
        references = found.sorted()
    }

    /// `TYPE.KEY` of every `${resources.TYPE.KEY...}` in the node's strings.
    static func collectReferences(_ node: YAMLNode, into found: inout Set<String>) {
        switch node.kind {
        case .scalar(let s):
            guard s.text.containsText("${resources.") else { return }
            var rest = Substring(s.text)
            while let start = rest.range(of: "${resources.") {
                rest = rest[start.upperBound...]
                let body = rest.prefix { $0 != "}" }
                let parts = body.split(separator: ".", omittingEmptySubsequences: false)
                found.insert(parts.prefix(2).joined(separator: "."))
            }
        case .sequence(let items):
            for item in items { collectReferences(item, into: &found) }
        case .mapping(let m):
            for e in m.entries { collectReferences(e.value, into: &found) }
        }
    }
}
