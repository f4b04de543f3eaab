import BundleModel
import Foundation

/// What incremental validation keeps of one configuration file, so that an unchanged file need not be
/// read again: the resources it defines, the resources it names in target overrides and in
/// `${resources...}` references, and whether it holds anything but resources.
struct BundleFileSummary: Sendable, Equatable {
    /// `jobs.etl` for every resource the file defines under its top-level `resources:`.
    var resources: [String] = []
    /// A digest of each resource's definition, in the order of `resources`: which of a changed file's
    /// resources changed, so that the files naming only the others need not be read again.
    var resourceDigests: [String] = []
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
                    for resource in type.value.mapping?.entries ?? [] {
                        resources.append(type.key + "." + resource.key)
                        var text = ""
                        Self.render(resource.value, into: &text)
                        resourceDigests.append(ContentHashingFileSource.digest(Data(text.utf8)))
                    }
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

    /// The resources whose definition differs from `earlier`'s (or that it lacks): all of them without one.
    func resourcesChanged(since earlier: BundleFileSummary?) -> [String] {
        guard let earlier, earlier.resourceDigests.count == earlier.resources.count, resourceDigests.count == resources.count else { return resources }
        let before = Dictionary(zip(earlier.resources, earlier.resourceDigests), uniquingKeysWith: { a, _ in a })
        return resources.indices.filter { before[resources[$0]] != resourceDigests[$0] }.map { resources[$0] }
    }

    /// A node's content as text for its digest (where it is written does not count).
    static func render(_ node: YAMLNode, into text: inout String) {
        switch node.kind {
        case .scalar(let s): text += "s" + s.text.replacingOccurrences(of: "\u{1F}", with: " ") + "\u{1F}"
        case .sequence(let items):
            text += "["
            for item in items { render(item, into: &text) }
            text += "]"
        case .mapping(let m):
            text += "{"
            for e in m.entries { text += e.key + "\u{1E}"; render(e.value, into: &text) }
            text += "}"
        }
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
