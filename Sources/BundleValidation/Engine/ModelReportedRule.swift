import BundleModel

/// A rule whose findings the bundle model itself produces while loading (syntax, includes) or
/// resolving (variables); the rule type documents them and carries their examples.
public protocol ModelReportedRule: ValidationRule {}

extension ModelReportedRule {
    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        let id = Self.description.id
        let source = Self.description.scope == .bundle ? context.bundle.diagnostics : context.effective.diagnostics
        return source.filter { $0.rule == id }
    }
}
