import BundleModel

/// A rule that reports one kind of `SchemaFinding` from the shared schema check.
public protocol SchemaFindingRule: ValidationRule {
    static var findingKind: SchemaFinding.Kind { get }
}

extension SchemaFindingRule {
    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        context.schemaFindings.filter { $0.kind == Self.findingKind }.map {
            diagnostic($0.summary, detail: $0.detail, path: $0.path, at: $0.location)
        }
    }
}
