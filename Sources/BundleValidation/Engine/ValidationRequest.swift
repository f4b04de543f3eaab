import BundleModel
import Foundation

/// One validation as a user asks for it: which bundle, which targets, which variables. Shared by
/// `dabrepo validate`, the pre-commit hook and the MCP tool.
public struct ValidationRequest: Sendable {
    public enum Targets: Sendable, Equatable {
        /// `--target NAME`, or nil: the default target (or the only one).
        case one(String?)
        /// `--all-targets`.
        case all
    }

    public var targets: Targets
    public var overrides: VariableOverrides
    public var disabledRules: Set<String>
    /// Shares parsed files with other loads of the same files (a revision validates and diffs).
    public var cache: ParseCache?
    /// Keeps each file's findings between runs, so that unchanged files are neither parsed nor checked
    /// again (`FindingsCache.in(_:source:request:)` makes one).
    public var findingsCache: FindingsCache?

    public init(targets: Targets = .one(nil), overrides: VariableOverrides = VariableOverrides(), disabledRules: Set<String> = [],
                cache: ParseCache? = nil, findingsCache: FindingsCache? = nil) {
        self.targets = targets
        self.overrides = overrides
        self.disabledRules = disabledRules
        self.cache = cache
        self.findingsCache = findingsCache
    }

    /// The options as one string, for naming a findings cache and for its context digest.
    var cacheDescription: String {
        var text: String
        switch targets {
        case .all: text = "targets=all"
        case .one(let name): text = "target=" + (name.map { "\($0.utf8.count):\($0)" } ?? "default")
        }
        for (name, values) in [("var", overrides.commandLine), ("env", overrides.environment)] {
            for key in values.keys.sorted() { text += "\n\(name) \(key.utf8.count):\(key)=\(values[key]!)" }
        }
        text += "\ndisabled " + disabledRules.sorted().joined(separator: ",")
        return text
    }

    /// Why a validation could not run at all (exit status 2).
    public enum SetupError: Error, CustomStringConvertible, Sendable {
        case load(BundleLoadError)
        /// The target cannot be chosen; `at` is the bundle's `targets:` key, when it has one.
        case target(TargetSelection.Failure, at: SourceLocation?)
        case unknownRule(String, suggestion: String?)

        public var description: String {
            switch self {
            case .load(let e): return e.description
            case .target(let e, _): return e.description
            case .unknownRule(let id, let suggestion):
                return "no rule '\(id)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "") + "; `dabrepo rules` lists them"
            }
        }

        /// Where the problem is, when it is in a file.
        public var location: SourceLocation? {
            switch self {
            case .load(.unreadable(let path, _)): return SourceLocation(file: path, line: 1, column: 1)
            case .target(_, let location): return location
            default: return nil
            }
        }
    }

    /// Validates the bundle read from `source`.
    public func run(source: any BundleFileSource) throws(SetupError) -> ValidationReport {
        for id in disabledRules where RuleRegistry.rule(id) == nil {
            throw .unknownRule(id, suggestion: Suggestion.closest(to: id, among: RuleRegistry.ids))
        }
        if PhaseTiming.enabled {
            let timing = PhaseTiming()
            _ = BundleSchema.shared
            timing.mark("parse the schema model")
        }
        if let findingsCache {
            return try IncrementalValidation(request: self, cache: findingsCache).run(source: source)
        }
        let timing = PhaseTiming()
        let bundle: LoadedBundle
        do {
            bundle = try BundleLoader(source: source, cache: cache).load()
        } catch {
            throw .load(error)
        }
        timing.mark("load \(bundle.files.count) files")
        return try validate(bundle)
    }

    /// Chooses the targets of a loaded bundle and validates them.
    func validate(_ bundle: LoadedBundle) throws(SetupError) -> ValidationReport {
        let timing = PhaseTiming()
        // When the root file does not parse, its targets are unknown: report the syntax error instead.
        let rootUnreadable = bundle.diagnostics.contains {
            $0.severity == .error && $0.location?.file == bundle.rootFile
                && ($0.rule == ModelRuleID.yamlSyntax || $0.rule == ModelRuleID.fileEncoding)
        }
        var targets: [String?]
        switch self.targets {
        case .all:
            targets = bundle.targetNames.isEmpty ? [nil] : bundle.targetNames.map { Optional($0) }
        case .one(let requested):
            if rootUnreadable {
                targets = [nil]
            } else {
                do {
                    targets = [try TargetSelection.choose(requested, in: bundle)]
                } catch .severalDefaults(let names) {
                    // A finding of target-default-unique at each `default: true`; the candidates are validated.
                    targets = names.map { Optional($0) }
                } catch {
                    throw .target(error, at: bundle.configuration.entry("targets")?.keyLocation
                        ?? bundle.configuration.entry("environments")?.keyLocation)
                }
            }
        }
        // Every target (`--all-targets`) is each one named, as `databricks bundle validate -t <each>` would be.
        let explicitTarget: Bool
        if case .one(let requested?) = self.targets { explicitTarget = !requested.isEmpty } else { explicitTarget = self.targets == .all }
        let diagnostics = Validator(disabledRules: disabledRules).validate(bundle, targets: targets, overrides: overrides,
                                                                           explicitTarget: explicitTarget)
        timing.mark("validate \(targets.count) target(s)")
        // One target: its name, as the CLI prints it (a target's own `bundle.name`, references resolved).
        var name = bundle.bundleName
        if targets.count == 1, let target = targets[0] {
            let own = bundle.targetsMapping?[target]?["bundle"]?["name"]?.string
            if let own, !own.contains("${") { name = own } else if (own ?? name ?? "").contains("${") {
                name = bundle.effectiveConfiguration(target: target, overrides: overrides).configuration["bundle"]?["name"]?.string ?? name
            }
        }
        return ValidationReport(bundle: name, targets: targets.map { $0 ?? "default" },
                                diagnostics: diagnostics, allTargets: self.targets == .all, disabledRules: disabledRules)
    }
}
