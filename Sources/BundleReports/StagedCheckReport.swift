import BundleRepository
import BundleValidation

/// The pre-commit check's findings as text: each staged bundle's warnings and errors, paths relative
/// to the repository root.
public enum StagedCheckReport {
    /// The text (empty when nothing was found) and whether the commit must be blocked (errors found).
    public static func text(_ result: StagedBundleCheck.Result, colored: Bool) -> (text: String, blocked: Bool) {
        var text = ""
        for (directory, report) in result.reports {
            let shown = report.diagnostics.filter { $0.severity != .info }
            guard !shown.isEmpty else { continue }
            let formatter = TextReportFormatter(colored: colored, pathPrefix: directory.isEmpty ? "" : directory + "/")
            let rendered = formatter.render(ValidationReport(bundle: report.bundle, targets: report.targets, diagnostics: shown))
            text += rendered.hasSuffix("\n") ? rendered : rendered + "\n"
            if let old = result.preexisting[directory], old > 0 {
                let place = directory.isEmpty ? "the bundle" : "the bundle in \(directory)"
                text += old >= report.errors
                    ? "\(old == 1 ? "This error was" : "These \(old == 2 ? "two" : "\(old)") errors were") already in HEAD, not made by this commit; \(place) is checked whole, so fix \(old == 1 ? "it" : "them") (or commit past the check once with `git commit --no-verify`).\n"
                    : "\(old) of these \(report.errors) errors were already in HEAD; the other \(report.errors - old) come with this commit.\n"
            }
        }
        return (text, !result.passed)
    }
}
