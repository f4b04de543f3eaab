import Foundation
import BundleModel

/// Validates a loaded bundle for one or more targets with every rule.
public struct Validator: Sendable {
    public var rules: [any ValidationRule]
    public var disabledRules: Set<String>

    public init(rules: [any ValidationRule] = RuleRegistry.all, disabledRules: Set<String> = []) {
        self.rules = rules
        self.disabledRules = disabledRules
    }

    /// Runs bundle-scoped rules once and target-scoped rules per target. The same finding in several
    /// targets is kept once, with `targets` naming them (bundle-scoped findings name every target, a
    /// finding that names its targets keeps them).
    /// Diagnostics are sorted by file, line and column.
    ///
    /// `explicitTarget` says the user named the target (`--target prod`) rather than leaving the choice
    /// to the bundle; rules whose finding only matters for the default choice report it as a warning then.
    public func validate(_ bundle: LoadedBundle, targets: [String?], overrides: VariableOverrides = VariableOverrides(),
                         explicitTarget: Bool = false) -> [Diagnostic] {
        let enabled = rules.filter { !disabledRules.contains(type(of: $0).description.id) }
        // A file that could not be read yields its own error only: the other rules would report
        // consequences of what they could not see ("missing bundle.name" with `bundle:` on line 1).
        let unreadable: Set<String> = [ModelRuleID.yamlSyntax, ModelRuleID.fileEncoding]
        let blind = bundle.diagnostics.contains { $0.severity == .error && unreadable.contains($0.rule) }
        let active = blind ? enabled.filter { $0 is any ModelReportedRule && type(of: $0).description.scope == .bundle } : enabled
        let list = targets.isEmpty ? [nil] : targets
        let names = list.map { $0 ?? "default" }
        // Targets are independent: validate them on all cores, then merge in target order.
        final class Results: @unchecked Sendable {
            var perTarget: [[Diagnostic]]
            let lock = NSLock()
            init(_ n: Int) { perTarget = Array(repeating: [], count: n) }
        }
        let results = Results(list.count)
        // Each target's effective configuration is a resolved copy of every resource: for a bundle of
        // many thousand files, one at a time keeps the peak memory under a gigabyte (20,000 jobs).
        let oneAtATime = bundle.files.count > Self.filesForOneTargetAtATime
        let validateTarget: @Sendable (Int) -> Void = { i in
            let timing = PhaseTiming()
            let context = ValidationContext(bundle: bundle, effective: bundle.effectiveConfiguration(target: list[i], overrides: overrides),
                                            explicitTarget: explicitTarget)
            timing.mark("effective configuration")
            var found: [Diagnostic] = []
            for rule in active where type(of: rule).description.scope == .target || i == 0 {
                let bundleScoped = type(of: rule).description.scope == .bundle
                for var d in rule.validate(context) {
                    // A rule may name the targets itself (a finding in one target's own settings).
                    if d.targets.isEmpty { d.targets = bundleScoped ? names : [names[i]] }
                    found.append(d)
                }
                timing.mark(type(of: rule).description.id)
            }
            results.lock.lock()
            results.perTarget[i] = found
            results.lock.unlock()
        }
        if oneAtATime {
            for i in list.indices { validateTarget(i) }
        } else {
            DispatchQueue.concurrentPerform(iterations: list.count, execute: validateTarget)
        }
        var diagnostics: [Diagnostic] = []
        var index: [Diagnostic: Int] = [:]
        for found in results.perTarget {
            for d in found where !disabledRules.contains(d.rule) {
                var redacted = d
                redacted.summary = SecretRedaction.redact(d.summary)
                redacted.detail = d.detail.map(SecretRedaction.redact)
                redacted.excerpt = d.excerpt.map(SecretRedaction.redact)
                var key = redacted
                key.targets = []
                if let i = index[key] {
                    for name in redacted.targets where !diagnostics[i].targets.contains(name) { diagnostics[i].targets.append(name) }
                } else {
                    index[key] = diagnostics.count
                    diagnostics.append(redacted)
                }
            }
        }
        return diagnostics.sorted(by: Self.order)
    }

    /// Above this many files, targets are validated one after the other (their effective configurations
    /// are not held at once).
    nonisolated(unsafe) static var filesForOneTargetAtATime = 5_000

    static func order(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return true
        case (_?, nil): return false
        default: return (a.severity, a.rule, a.summary) < (b.severity, b.rule, b.summary)
        }
    }
}
