import BundleModel

/// The outcome of a validation, ready to be rendered in any output format.
public struct ValidationReport: Sendable {
    public var bundle: String?
    public var targets: [String]
    public var diagnostics: [Diagnostic]
    public var allTargets: Bool

    public init(bundle: String?, targets: [String], diagnostics: [Diagnostic], allTargets: Bool = false) {
        self.bundle = bundle
        self.targets = targets
        self.diagnostics = diagnostics
        self.allTargets = allTargets
    }

    public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }
    public var infos: Int { diagnostics.filter { $0.severity == .info }.count }

    /// Whether validation passed: no errors, and with `strict` no warnings either.
    public func passed(strict: Bool) -> Bool {
        errors == 0 && (!strict || warnings == 0)
    }

    /// "Validation OK!" or "Found 1 error and 2 warnings", as the Databricks CLI says it.
    public var summaryLine: String {
        if errors == 0 && warnings == 0 { return "Validation OK!" }
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        return "Found " + parts.joined(separator: " and ")
    }
}

/// Renders a report in one of the output formats.
public protocol ReportFormatter {
    func render(_ report: ValidationReport) -> String
}

/// The output formats of `dabrepo validate --output`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, github, sarif, junit
}
