import BundleModel

/// The outcome of a validation, ready to be rendered in any output format.
public struct ValidationReport: Sendable {
    public var bundle: String?
    public var targets: [String]
    public var diagnostics: [Diagnostic]
    public var allTargets: Bool
    /// The rules asked not to run (`disabledRules` of the request): reports that list every rule (JUnit)
    /// mark them skipped, not passed.
    public var disabledRules: Set<String>
    /// What happened to the repository before validating (a killed revision put back first), said to a
    /// reader of the report who sees no standard error (MCP, the web page, `--output json`).
    public var notices: [String] = []

    public init(bundle: String?, targets: [String], diagnostics: [Diagnostic], allTargets: Bool = false, disabledRules: Set<String> = []) {
        self.bundle = bundle
        self.targets = targets
        self.diagnostics = diagnostics
        self.allTargets = allTargets
        self.disabledRules = disabledRules
    }

    /// The rule id of the one error a report carries when validation could not run at all (exit status 2):
    /// no bundle configuration, an unreadable file, an unknown target, a bad argument.
    public static let setupRuleID = "validation-setup"

    /// The report of a validation that could not run: the error as one diagnostic, so that every
    /// output format still prints a whole document for CI parsers.
    public static func setupFailure(_ message: String, at location: SourceLocation? = nil, allTargets: Bool = false) -> ValidationReport {
        ValidationReport(bundle: nil, targets: [], diagnostics: [
            Diagnostic(.error, rule: setupRuleID, summary: message,
                       detail: "Validation did not run; fix this first.", location: location),
        ], allTargets: allTargets)
    }

    public static func setupFailure(_ error: ValidationRequest.SetupError, allTargets: Bool = false) -> ValidationReport {
        setupFailure(error.description, at: error.location, allTargets: allTargets)
    }

    /// Whether this report says that validation could not run.
    public var isSetupFailure: Bool { diagnostics.contains { $0.rule == Self.setupRuleID } }

    /// The targets to name for a diagnostic ("in targets dev, prod") when the report covers several
    /// targets or none: a single-target report names its target once, at the end.
    public func targetsToName(_ d: Diagnostic) -> [String]? {
        d.targets.isEmpty || targets.count == 1 ? nil : d.targets
    }

    /// "in target prod" or "in targets dev, prod".
    public static func targetPhrase(_ names: [String]) -> String {
        (names.count == 1 ? "in target " : "in targets ") + names.joined(separator: ", ")
    }

    public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }
    public var infos: Int { diagnostics.filter { $0.severity == .info }.count }

    /// Whether validation passed: no errors, and with `strict` no warnings either.
    public func passed(strict: Bool) -> Bool {
        errors == 0 && (!strict || warnings == 0)
    }

    /// "Validation OK!" or "Found 1 error and 2 warnings", as the Databricks CLI says it (its
    /// recommendations counted too: "Found 1 warning and 1 recommendation"; three parts "Found 1 error,
    /// 1 warning, and 1 recommendation").
    public var summaryLine: String {
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        // (dabrepo's own notes — a `${NAME}` left as written — are none of the CLI's recommendations.)
        let recommendations = diagnostics.filter { $0.severity == .info && $0.rule != ModelRuleID.variableReference }.count
        if recommendations > 0 { parts.append("\(recommendations) recommendation\(recommendations == 1 ? "" : "s")") }
        switch parts.count {
        case 0: return "Validation OK!"
        case 1, 2: return "Found " + parts.joined(separator: " and ")
        default: return "Found " + parts.dropLast().joined(separator: ", ") + ", and " + parts[parts.count - 1]
        }
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
