import BundleModel

/// A rule that reports one kind of `SchemaFinding` from the shared schema check.
public protocol SchemaFindingRule: ValidationRule {
    static var findingKind: SchemaFinding.Kind { get }
}

extension SchemaFindingRule {
    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        context.schemaFindings.filter { $0.kind == Self.findingKind }.map(diagnostic(for:))
    }

    /// The finding as this rule's diagnostic; one in a target's own settings is that target's only.
    func diagnostic(for finding: SchemaFinding) -> Diagnostic {
        var d = diagnostic(finding.summary, detail: finding.detail, path: finding.path, at: finding.location)
        if let target = finding.target { d.targets = [target] }
        return d
    }
}
