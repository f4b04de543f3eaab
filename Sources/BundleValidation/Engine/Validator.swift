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

    /// Runs bundle-scoped rules once and target-scoped rules per target; the same finding reported
    /// for several targets is kept once. Diagnostics are sorted by file, line and column.
    public func validate(_ bundle: LoadedBundle, targets: [String?], overrides: VariableOverrides = VariableOverrides()) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen = Set<Diagnostic>()
        func add(_ items: [Diagnostic]) {
            for d in items where !disabledRules.contains(d.rule) {
                var redacted = d
                redacted.summary = SecretRedaction.redact(d.summary)
                redacted.detail = d.detail.map(SecretRedaction.redact)
                redacted.excerpt = d.excerpt.map(SecretRedaction.redact)
                if seen.insert(redacted).inserted { diagnostics.append(redacted) }
            }
        }
        let active = rules.filter { !disabledRules.contains(type(of: $0).description.id) }
        let list = targets.isEmpty ? [nil] : targets
        // Targets are independent: validate them on all cores, then merge in target order.
        final class Results: @unchecked Sendable {
            var perTarget: [[Diagnostic]]
            let lock = NSLock()
            init(_ n: Int) { perTarget = Array(repeating: [], count: n) }
        }
        let results = Results(list.count)
        DispatchQueue.concurrentPerform(iterations: list.count) { i in
            let timing = PhaseTiming()
            let context = ValidationContext(bundle: bundle, effective: bundle.effectiveConfiguration(target: list[i], overrides: overrides))
            timing.mark("effective configuration")
            var found: [Diagnostic] = []
            for rule in active where type(of: rule).description.scope == .target || i == 0 {
                found += rule.validate(context)
                timing.mark(type(of: rule).description.id)
            }
            results.lock.lock()
            results.perTarget[i] = found
            results.lock.unlock()
        }
        for found in results.perTarget { add(found) }
        return diagnostics.sorted(by: Self.order)
    }

    static func order(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return true
        case (_?, nil): return false
        default: return (a.severity, a.rule, a.summary) < (b.severity, b.rule, b.summary)
        }
    }
}
