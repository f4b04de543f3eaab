/// What one target actually gets: the root configuration with the target's overrides merged in and
/// every `${...}` reference that can be resolved offline resolved.
public struct EffectiveConfiguration: Sendable {
    /// The target's name, or nil when the bundle defines no targets.
    public var target: String?
    public var mode: String?
    /// The merged, resolved configuration (no `targets` section).
    public var configuration: YAMLMapping
    /// Problems found while merging the target and resolving references.
    public var diagnostics: [Diagnostic]

    /// The name `${bundle.target}` resolves to.
    public var targetName: String { target ?? "default" }

    public subscript(section: String) -> YAMLNode? { configuration[section] }

    /// Every resource of the configuration, as `(type, key, node, key location)`.
    public var resources: [(type: String, key: String, node: YAMLNode, keyLocation: SourceLocation)] {
        guard let types = configuration["resources"]?.mapping else { return [] }
        var out: [(String, String, YAMLNode, SourceLocation)] = []
        for t in types.entries {
            for r in t.value.mapping?.entries ?? [] { out.append((t.key, r.key, r.value, r.keyLocation)) }
        }
        return out
    }
}

extension LoadedBundle {
    /// The top-level keys of a bundle's configuration (the schema's root properties).
    public static let topLevelKeys: Set<String> = ["artifacts", "bundle", "environments", "experimental", "include", "permissions", "presets", "python",
                                            "resources", "run_as", "scripts", "sync", "targets", "variables", "workspace"]

    /// The configuration of `target` (nil: the bundle has no targets), merged and resolved.
    public func effectiveConfiguration(target: String?, overrides: VariableOverrides = VariableOverrides()) -> EffectiveConfiguration {
        var configuration = self.configuration
        configuration.remove("targets")
        configuration.remove("environments")
        var diagnostics: [Diagnostic] = []
        var mode: String?
        var targetVariables: YAMLMapping?
        let file = VariableOverridesFile(target: target ?? "default", source: source)
        if let target, let body = targetsMapping?[target]?.mapping {
            targetVariables = body["variables"]?.mapping
            // Complex variables' values, for entries of keyed lists merged into a `${var.name}` (asked rarely:
            // made when first needed).
            let base = configuration
            let values = LazyVariableValues { [targetVariables] in
                ReferenceResolver(configuration: base, targetName: target, targetVariables: targetVariables, overrides: overrides, fileValues: file.values)
            }
            for entry in body.entries {
                switch entry.key {
                case "default":
                    continue
                case "mode":
                    mode = entry.value.string
                case "variables":
                    targetVariables = entry.value.mapping
                case "run_as":
                    // A target's run_as replaces the root's.
                    configuration.set(entry.key, entry.value, keyLocation: entry.keyLocation)
                case "permissions":
                    // A target's permissions are added to the root's (the CLI's MergeTargetOverrides merges the
                    // field, and merging lists concatenates them: libs/dyn/merge).
                    if let existing = configuration["permissions"]?.sequence, let added = entry.value.sequence {
                        configuration.set("permissions", YAMLNode(.sequence(existing + added), at: configuration["permissions"]!.location), keyLocation: entry.keyLocation)
                    } else {
                        configuration.set(entry.key, entry.value, keyLocation: entry.keyLocation)
                    }
                case "git":
                    // A target's git settings are the bundle's (the CLI's MergeTargetOverrides: bundle.git).
                    var bundle = configuration["bundle"]?.mapping ?? YAMLMapping()
                    let git = bundle["git"].map { ConfigurationMerge.overlay($0, entry.value) } ?? entry.value
                    bundle.set("git", git, keyLocation: entry.keyLocation)
                    configuration.set("bundle", YAMLNode(.mapping(bundle), at: configuration["bundle"]?.location ?? entry.keyLocation))
                case "cluster_id", "compute_id":
                    var bundle = configuration["bundle"]?.mapping ?? YAMLMapping()
                    bundle.set(entry.key, entry.value, keyLocation: entry.keyLocation)
                    configuration.set("bundle", YAMLNode(.mapping(bundle), at: configuration["bundle"]?.location ?? entry.keyLocation))
                default:
                    // resources, workspace, bundle, artifacts, presets, sync, git: field-wise override.
                    if let existing = configuration[entry.key] {
                        configuration.set(entry.key, ConfigurationMerge.overlay(existing, entry.value, field: entry.key, resolving: values.value(of:)))
                    } else {
                        configuration.set(entry.key, entry.value, keyLocation: entry.keyLocation)
                    }
                }
            }
        }
        // Keys the configuration does not know ("x-job-defaults:", a home for YAML anchors) are dropped, as
        // the CLI drops them when it loads (convert.Normalize): their `${...}` are never resolved.
        for key in configuration.keys where !Self.topLevelKeys.contains(key) { configuration.remove(key) }
        diagnostics += file.diagnostics
        var resolver = ReferenceResolver(configuration: configuration, targetName: target ?? "default",
                                         targetVariables: targetVariables, overrides: overrides, fileValues: file.values)
        var resolved = resolver.resolveAll()
        diagnostics += resolver.diagnostics
        ComputeOverride.apply(to: &resolved)
        KeyedListMerge.apply(to: &resolved)
        return EffectiveConfiguration(target: target, mode: mode, configuration: resolved, diagnostics: diagnostics)
    }
}

extension LoadedBundle {
    /// A target's `variables` section as the target deploys it: each variable's value — the target's own,
    /// else the declared default — as its `value` (the CLI's field). `keepingDefault`: the value is the
    /// `default` too, as the CLI writes the target's value there (`bundle validate -o json`); otherwise the
    /// `default` goes (a default that changes under a target's own value is no change for the target).
    public func deployedVariables(_ variables: YAMLMapping, target: String, keepingDefault: Bool) -> YAMLMapping {
        var variables = variables
        let own = targetsMapping?[target]?["variables"]?.mapping
        for entry in variables.entries {
            guard var declared = entry.value.mapping else { continue }
            let assigned = own?[entry.key].map { $0.mapping != nil ? $0["default"] : $0 } ?? nil
            guard let value = assigned ?? declared["default"] else { continue }
            if keepingDefault { declared.set("default", value) } else { declared.remove("default") }
            declared.set("value", value)
            variables.set(entry.key, YAMLNode(.mapping(declared), at: entry.value.location))
        }
        return variables
    }
}

/// The values of variables, from a resolver made when the first one is asked for.
final class LazyVariableValues {
    private let make: () -> ReferenceResolver
    private var resolver: ReferenceResolver?

    init(_ make: @escaping () -> ReferenceResolver) { self.make = make }

    func value(of name: String) -> YAMLNode? {
        if resolver == nil { resolver = make() }
        guard case .node(let node)? = resolver?.value(of: name, at: nil) else { return nil }
        return node
    }
}
